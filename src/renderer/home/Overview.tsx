import { Alert, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck, IconClockExclamation } from '@tabler/icons-react';
import type { OrgUnit, Reminder, ReminderKind } from '../../shared/contract';
import { UNIT_KIND_LABEL, type OrgUnitKind } from '../../shared/org';
import { useQuery } from '../api/use-query';
import { go } from '../app/routes';
import { QueryView } from '../common/QueryView';

/** 工作台: what needs doing first, then the organisation at a glance. */
export function Overview() {
  const reminders = useQuery('reminders.list', {});
  const units = useQuery('org.units', {});
  const roster = useQuery('roster.search', { limit: 1 });
  return (
    <Stack gap="lg">
      <div>
        <Title order={2}>工作台</Title>
        <Text c="dimmed" size="sm">
          需要办理的事项排在最前，到期前提醒，不等到检查时才发现。
        </Text>
      </div>
      <Paper withBorder p="md" radius="md">
        <Text fw={600} mb="sm">
          待办提醒
        </Text>
        <QueryView query={reminders}>{(list) => <ReminderList reminders={list} />}</QueryView>
      </Paper>
      <QueryView query={units}>{(list) => <Counts units={list} />}</QueryView>
      {roster.status === 'ready' && (
        <Paper
          withBorder
          p="md"
          radius="md"
          aria-label="党员人数"
          onClick={() => go('roster')}
          style={{ cursor: 'pointer' }}
        >
          <Group gap="xl">
            <div>
              <Text size="xs" c="dimmed">
                在册党员
              </Text>
              <Text fz={28} fw={600} className="tabular" lh={1.3}>
                {roster.data.counts.total}
                <Text span size="sm" c="dimmed" fw={400} ml={4}>
                  人
                </Text>
              </Text>
            </div>
            <Text size="sm" c="dimmed" className="tabular">
              正式党员 {roster.data.counts.full} 人　预备党员 {roster.data.counts.probationary} 人　男{' '}
              {roster.data.counts.male} 人　女 {roster.data.counts.female} 人
            </Text>
          </Group>
        </Paper>
      )}
    </Stack>
  );
}

const REMINDER_TITLE: Record<ReminderKind, string> = {
  termEndingSoon: '任期即将届满',
  termExpired: '任期已届满',
  branchShape: '党支部设置提示',
  organShape: '机关党组织设置提示',
  probationEnding: '预备期即将期满',
  probationOverdue: '预备期已满，待转正',
  receiptOverdue: '转出回执逾期未回',
  lostContactLong: '失联超过6个月',
  suspendedTwoYears: '停止党籍满2年',
  duesNotAssessed: '党费年度核定',
  duesArrears: '连续欠交党费3个月以上',
  duesArrearsSerious: '连续欠交党费5个月',
  duesArrearsCase: '连续欠交党费6个月，待支部研究',
  duesArrearsDeadlinePassed: '欠交党费补交期限已过',
  duesLargeUnremitted: '大额党费待上缴',
  meetingStepLate: '民主生活会/组织生活会环节逾期',
  meetingItemOverdue: '整改事项逾期未销号',
  dutiesOverdue: '一岗双责事项逾期未完成',
  dutiesDueSoon: '一岗双责事项临近期限',
};

/** The screen that handles a reminder's subject. */
function open(subject: Reminder['subject']): void {
  switch (subject.kind) {
    case 'member':
      return go('roster', subject.id);
    case 'unit':
      return go('org');
    case 'duesMember':
      return go('dues', subject.id);
    case 'dues':
      return go('dues');
    case 'dutiesLeader':
      return go('duties', subject.id);
    case 'duties':
      return go('duties');
    case 'meeting':
      return go('meetings', subject.id);
  }
}

function ReminderList({ reminders }: { reminders: Reminder[] }) {
  if (reminders.length === 0) {
    return (
      <Group gap="xs" c="teal.8">
        <IconCircleCheck size={18} />
        <Text size="sm">暂无需要办理的提醒。</Text>
      </Group>
    );
  }
  return (
    <Stack gap="xs" aria-label="提醒列表">
      {reminders.map((r) => (
        <Alert
          key={`${r.kind}-${r.subject.kind}-${r.subject.id}`}
          onClick={() => open(r.subject)}
          style={{ cursor: 'pointer' }}
          color={r.severity === 'overdue' ? 'red' : 'orange'}
          variant="light"
          icon={r.severity === 'overdue' ? <IconAlertTriangle size={18} /> : <IconClockExclamation size={18} />}
          title={REMINDER_TITLE[r.kind]}
        >
          {r.message}
        </Alert>
      ))}
    </Stack>
  );
}

const COUNTED: OrgUnitKind[] = ['generalBranch', 'branch', 'partyGroup'];

function Counts({ units }: { units: OrgUnit[] }) {
  const live = units.filter((u) => !u.dissolvedOn);
  const root = live.find((u) => u.parentId === null);
  return (
    <SimpleGrid cols={{ base: 1, sm: 4 }} spacing="md">
      <Paper withBorder p="md" radius="md">
        <Text size="xs" c="dimmed">
          机关党组织
        </Text>
        <Text fw={600} mt={4} lineClamp={2}>
          {root?.name ?? '—'}
        </Text>
      </Paper>
      {COUNTED.map((kind) => (
        <Paper key={kind} withBorder p="md" radius="md" aria-label={`${UNIT_KIND_LABEL[kind]}数量`}>
          <Text size="xs" c="dimmed">
            {UNIT_KIND_LABEL[kind]}
          </Text>
          <Text fz={28} fw={600} className="tabular" lh={1.3}>
            {live.filter((u) => u.kind === kind).length}
            <Text span size="sm" c="dimmed" fw={400} ml={4}>
              个
            </Text>
          </Text>
        </Paper>
      ))}
    </SimpleGrid>
  );
}
