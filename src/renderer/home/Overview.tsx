import { Alert, Anchor, Button, Center, Group, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { IconLockOpen, IconPrinter } from '@tabler/icons-react';
import { lazy, Suspense } from 'react';
import type { Reminder } from '../../shared/contract';
import { formatChineseDate, type IsoDate } from '../../shared/dates';
import { groupReminders, URGENCIES, URGENCY_LABEL } from '../../shared/reminders';
import { useQuery } from '../api/use-query';
import { go } from '../app/routes';
import { QueryView } from '../common/QueryView';
import { FirstDay } from './FirstDay';
import { Reminders } from './Reminders';

export const OVERVIEW_WIDTH = 1100;

// The charts load after the reminders are on screen: the first screen does not wait for them.
const Statistics = lazy(() => import('./Statistics').then((m) => ({ default: m.Statistics })));

/** Standing while the data file has no password: anyone who copies it can read every ID number. */
function PasswordNotice() {
  return (
    <Alert
      color="orange"
      variant="light"
      icon={<IconLockOpen size={18} />}
      title="未设置密码"
      aria-label="未设置密码"
      className="no-print"
    >
      <Group justify="space-between" gap="xs">
        <Text size="sm">
          本机的党务数据文件没有加密：拷走这个文件的人可以看到全部党员的身份证号等信息。设置密码后，数据文件和备份都会加密。
        </Text>
        <Anchor size="sm" fw={600} onClick={() => go('custody')}>
          去设置密码 →
        </Anchor>
      </Group>
    </Alert>
  );
}

/** "逾期6项 · 7天内到期3项 …": the whole list at a glance, counted as its lines are. */
function Totals({ reminders, today }: { reminders: Reminder[]; today: IsoDate }) {
  const counts = { overdue: 0, week: 0, month: 0, later: 0 };
  for (const g of groupReminders(reminders, today)) for (const u of URGENCIES) counts[u] += g.counts[u];
  return (
    <Text size="sm" c="dimmed" className="tabular" aria-label="提醒合计">
      {URGENCIES.filter((u) => counts[u] > 0)
        .map((u) => `${URGENCY_LABEL[u]}${counts[u]}项`)
        .join(' · ')}
    </Text>
  );
}

/**
 * 工作台: where the clerk starts the day — what to do next after setup, what is due (by module,
 * the worst first), then the figures a 机关党委 reports upward, printable as one page.
 */
export function Overview({ encrypted, organ, today }: { encrypted: boolean; organ: string; today: IsoDate }) {
  const reminders = useQuery('reminders.list', {});
  const year = Number(today.slice(0, 4));
  const heading = `${organ}党员队伍和党务工作统计（截至${formatChineseDate(today)}）`;
  // One width on every screen (1,100 px: what 1366×768 leaves beside the navigation), so the
  // charts are drawn once at the size they print at.
  return (
    <Stack gap="md" maw={OVERVIEW_WIDTH}>
      <Group justify="space-between" align="flex-end" className="no-print">
        <div>
          <Title order={2}>工作台</Title>
          <Text c="dimmed" size="sm">
            需要办理的事项排在最前，到期前提醒，不等到检查时才发现。
          </Text>
        </div>
        <Button variant="default" leftSection={<IconPrinter size={16} />} onClick={() => window.print()}>
          打印统计
        </Button>
      </Group>
      {!encrypted && <PasswordNotice />}
      <FirstDay encrypted={encrypted} />
      <Paper withBorder p="md" radius="md" className="no-print">
        <Group justify="space-between" mb="sm">
          <Group gap="sm">
            <Text fw={600}>待办提醒</Text>
            {reminders.status === 'ready' && <Totals reminders={reminders.data} today={today} />}
          </Group>
          {reminders.status === 'ready' && reminders.data.length > 0 && (
            <Text size="xs" c="dimmed">
              点击一条提醒，转到办理的地方
            </Text>
          )}
        </Group>
        <QueryView query={reminders}>{(list) => <Reminders reminders={list} today={today} />}</QueryView>
      </Paper>
      <Suspense
        fallback={
          <Center h={120}>
            <Loader size="sm" />
          </Center>
        }
      >
        <Statistics year={year} heading={heading} />
      </Suspense>
    </Stack>
  );
}
