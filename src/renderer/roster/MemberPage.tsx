import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  Menu,
  Modal,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  Timeline,
  Title,
} from '@mantine/core';
import { IconArrowLeft, IconChevronDown } from '@tabler/icons-react';
import { useState } from 'react';
import { formatChineseDate } from '../../shared/dates';
import {
  CATEGORY_LABEL,
  DEGREE_LABEL,
  EDUCATION_LABEL,
  EMPLOYMENT_LABEL,
  GENDER_LABEL,
  STATUS_LABEL,
} from '../../shared/members/fields';
import { SUSPENSION_RULE, suspensionReview } from '../../shared/members/suspension';
import { EVENT_LABEL, type MemberDetail, type MemberEvent } from '../../shared/members/views';
import { change } from '../api/client';
import { useQuery } from '../api/use-query';
import { DateField } from '../common/DateField';
import { FormError } from '../common/FormError';
import { notifySaved } from '../common/notify';
import { Fact } from '../common/Fact';
import { QueryView } from '../common/QueryView';
import { useSubmit } from '../common/use-submit';
import { DecisionsPanel } from './DecisionsPanel';
import { EventModal, type EventKind } from './EventModal';
import { MemberFormModal } from './MemberForm';
import { FormActions } from '../common/FormActions';
import { ReasonModal } from '../common/ReasonModal';

const EXITS: EventKind[] = ['removed', 'expelled', 'withdrew', 'lapsed'];

/** The status changes that make sense for the member now. */
function availableEvents(m: MemberDetail): EventKind[] {
  if (m.voided) return [];
  const contact: EventKind[] = m.lostContactSince ? ['contactRestored'] : ['lostContact'];
  switch (m.status) {
    case 'normal': {
      const probation: EventKind[] =
        m.category === 'probationary'
          ? ['fullMembership', ...(m.probationExtensionMonths ? [] : (['probationExtended'] as EventKind[]))]
          : [];
      return [...probation, 'transferOut', ...contact, 'suspended', ...EXITS, 'deceased'];
    }
    case 'suspended':
      return ['restored', ...(m.lostContactSince ? (['contactRestored'] as EventKind[]) : []), ...EXITS, 'deceased'];
    case 'transferredOut':
      return ['transferIn', 'deceased'];
    default:
      return [];
  }
}

export function MemberPage({ id, onBack }: { id: number; onBack: () => void }) {
  const member = useQuery('roster.get', { id });
  const status = useQuery('app.status', {});
  const today = status.status === 'ready' && status.data.state === 'ready' ? status.data.today : '';
  return (
    <Stack gap="md">
      <Anchor component="button" onClick={onBack} size="sm" w="fit-content">
        <Group gap={4}>
          <IconArrowLeft size={14} />
          返回党员名册
        </Group>
      </Anchor>
      <QueryView query={member}>{(m) => <MemberView member={m} today={today} />}</QueryView>
    </Stack>
  );
}

function MemberView({ member: m, today }: { member: MemberDetail; today: string }) {
  const [editing, setEditing] = useState(false);
  const [event, setEvent] = useState<EventKind | null>(null);
  const [voiding, setVoiding] = useState(false);
  const events = availableEvents(m);
  return (
    <Stack gap="md">
      {m.voided && (
        <Alert color="gray" title="此记录已作废">
          {formatChineseDate(m.voided.on)}作废，原因：{m.voided.reason}
          。作废的记录不再出现在名册和统计中，操作记录中保留全部内容。
        </Alert>
      )}
      {m.status === 'suspended' && today && <SuspensionNotice member={m} today={today} />}
      {!m.voided && m.monthOnlyDates.length > 0 && <MonthOnlyNotice member={m} onComplete={() => setEditing(true)} />}
      <Group justify="space-between" align="flex-start">
        <Group gap="sm" align="center">
          <Title order={2}>{m.name}</Title>
          <Badge variant="light" color={m.category === 'full' ? 'gray' : 'orange'}>
            {CATEGORY_LABEL[m.category]}
          </Badge>
          {m.status !== 'normal' && (
            <Badge color={m.status === 'suspended' ? 'red' : 'gray'}>{STATUS_LABEL[m.status]}</Badge>
          )}
          {m.lostContactSince && (
            <Badge color="red" variant="light">
              失联
            </Badge>
          )}
          {m.isMobile && <Badge variant="light">流动党员</Badge>}
          {m.monthOnlyDates.length > 0 && (
            <Badge color="yellow" variant="light">
              日期待补全
            </Badge>
          )}
        </Group>
        {!m.voided && (
          <Group gap="xs">
            <Button variant="default" onClick={() => setEditing(true)}>
              修改信息
            </Button>
            {events.length > 0 && (
              <Menu position="bottom-end" withinPortal>
                <Menu.Target>
                  <Button rightSection={<IconChevronDown size={14} />}>登记状态变动</Button>
                </Menu.Target>
                <Menu.Dropdown>
                  {events.map((kind) => (
                    <Menu.Item
                      key={kind}
                      color={EXITS.includes(kind) || kind === 'deceased' ? 'red' : undefined}
                      onClick={() => setEvent(kind)}
                    >
                      {EVENT_LABEL[kind]}…
                    </Menu.Item>
                  ))}
                </Menu.Dropdown>
              </Menu>
            )}
            <Menu position="bottom-end" withinPortal>
              <Menu.Target>
                <Button variant="subtle" color="gray">
                  更多
                </Button>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Item color="red" onClick={() => setVoiding(true)}>
                  作废此记录（录入错误）…
                </Menu.Item>
              </Menu.Dropdown>
            </Menu>
          </Group>
        )}
      </Group>

      <Paper withBorder p="lg" radius="md" aria-label="党员信息">
        <SimpleGrid cols={{ base: 2, md: 4 }} spacing="md" verticalSpacing="md">
          <Fact label="公民身份号码">
            <span className="tabular">{m.citizenId}</span>
          </Fact>
          <Fact label="性别">{GENDER_LABEL[m.gender]}</Fact>
          <Fact label="出生日期">
            {formatChineseDate(m.birthDate)}（{m.age}岁）
          </Fact>
          <Fact label="民族">{m.ethnicity}</Fact>
          <Fact label="籍贯">{m.nativePlace}</Fact>
          <Fact label="学历 / 学位">
            {[m.education && EDUCATION_LABEL[m.education], m.degree && DEGREE_LABEL[m.degree]]
              .filter(Boolean)
              .join(' / ')}
          </Fact>
          <Fact label="所在党支部">{m.branchName}</Fact>
          <Fact label="党小组">{m.partyGroupName}</Fact>
          <Fact label="所在处室">{m.divisionName}</Fact>
          <Fact label="入党日期">{formatChineseDate(m.admittedOn)}</Fact>
          <Fact label={m.category === 'full' ? '转正日期' : '预备期满'}>
            {m.category === 'full'
              ? formatChineseDate(m.fullMembershipOn)
              : `${formatChineseDate(m.probationEndsOn)}${m.probationExtensionMonths ? `（已延长${m.probationExtensionMonths}个月）` : ''}`}
          </Fact>
          <Fact label="党龄">{m.partyStanding === null ? '预备党员无党龄' : `${m.partyStanding}年`}</Fact>
          <Fact label="人员身份">{EMPLOYMENT_LABEL[m.employmentCategory]}</Fact>
          <Fact label="工作岗位">{m.jobTitle}</Fact>
          <Fact label="党内职务">{m.partyPost}</Fact>
          <Fact label="行政职务/职级">{m.adminPost}</Fact>
          <Fact label="联系电话">{m.phone}</Fact>
          <Fact label="家庭住址">{m.address}</Fact>
          <Fact label="入党介绍人">{m.introducers}</Fact>
          {m.isMobile && <Fact label="外出流向">{m.mobileDestination}</Fact>}
          {m.lostContactSince && <Fact label="失去联系日期">{formatChineseDate(m.lostContactSince)}</Fact>}
          <Fact label="备注">{m.note}</Fact>
        </SimpleGrid>
      </Paper>

      <DecisionsPanel member={m} today={today} />

      <Paper withBorder p="lg" radius="md" aria-label="党籍变动记录">
        <Text fw={600} mb="md">
          党籍与组织关系变动记录
        </Text>
        <Timeline bulletSize={14} lineWidth={2} active={m.events.length}>
          {m.events.map((e) => (
            <Timeline.Item key={e.id} title={<EventTitle event={e} />}>
              <EventBody member={m} event={e} today={today} />
            </Timeline.Item>
          ))}
        </Timeline>
      </Paper>

      {editing && <MemberFormModal mode={{ kind: 'edit', member: m }} onClose={() => setEditing(false)} />}
      {event && <EventModal member={m} kind={event} today={today} onClose={() => setEvent(null)} />}
      {voiding && <VoidModal member={m} onClose={() => setVoiding(false)} />}
    </Stack>
  );
}

function EventTitle({ event: e }: { event: MemberEvent }) {
  return (
    <Group gap="xs">
      <Text size="sm" fw={600}>
        {EVENT_LABEL[e.kind]}
        {e.kind === 'probationExtended' && e.months ? `${e.months}个月` : ''}
      </Text>
      <Text size="sm" c="dimmed" className="tabular">
        {formatChineseDate(e.occurredOn)}
      </Text>
      {e.kind === 'transferOut' &&
        (e.receiptReceivedOn ? (
          <Badge size="sm" variant="light" color="teal">
            回执已于{formatChineseDate(e.receiptReceivedOn)}收到
          </Badge>
        ) : (
          <Badge size="sm" variant={e.receiptOverdue ? 'filled' : 'light'} color={e.receiptOverdue ? 'red' : 'orange'}>
            {e.receiptOverdue ? '回执逾期未收到' : '待收回执'}
          </Badge>
        ))}
    </Group>
  );
}

function EventBody({ member, event: e, today }: { member: MemberDetail; event: MemberEvent; today: string }) {
  const [receipt, setReceipt] = useState(false);
  const details = [
    e.counterpart &&
      `${e.kind === 'transferOut' ? '转往' : e.kind === 'expelled' ? '决定机关' : '来自'}：${e.counterpart}`,
    e.documentNo && `${e.kind === 'transferOut' || e.kind === 'transferIn' ? '介绍信编号' : '文号'}：${e.documentNo}`,
    e.note,
  ].filter(Boolean);
  return (
    <Stack gap={4}>
      {details.map((d) => (
        <Text key={d as string} size="sm" c="dimmed">
          {d}
        </Text>
      ))}
      {e.kind === 'transferOut' && !e.receiptReceivedOn && !member.voided && (
        <Anchor component="button" size="sm" w="fit-content" onClick={() => setReceipt(true)}>
          登记回执收到
        </Anchor>
      )}
      {receipt && <ReceiptModal event={e} today={today} onClose={() => setReceipt(false)} />}
    </Stack>
  );
}

function ReceiptModal({ event, today, onClose }: { event: MemberEvent; today: string; onClose: () => void }) {
  const [on, setOn] = useState<string | null>(today);
  const { busy, error, submit, fieldError, edited } = useSubmit(async () => {
    await change('roster.recordReceipt', { eventId: event.id, receivedOn: on ?? '' });
    notifySaved('已登记回执收到。');
    onClose();
  });
  return (
    <Modal opened onClose={onClose} title="登记回执收到">
      <form onSubmit={submit} onChange={edited}>
        <Stack>
          <DateField
            label="回执收到日期"
            withAsterisk
            value={on}
            onChange={setOn}
            maxDate={today}
            error={fieldError('receivedOn')}
            data-autofocus
          />
          <FormError error={error} inlineFields={['receivedOn']} />
          <FormActions onCancel={onClose} busy={busy} label="登记" />
        </Stack>
      </form>
    </Modal>
  );
}

function VoidModal({ member, onClose }: { member: MemberDetail; onClose: () => void }) {
  return (
    <ReasonModal
      title={`作废${member.name}的记录`}
      hint="只用于录入错误（如重复登记、登记了不该登记的人）。党员转出、出党、去世等请用“登记状态变动”。作废后该记录不再出现在名册中，操作记录中保留全部内容。"
      placeholder="如：与第12号记录重复"
      saved={`${member.name}的记录已作废。`}
      onClose={onClose}
      run={(reason) => change('roster.void', { id: member.id, reason })}
    />
  );
}

/** Two years of 停止党籍 with no contact since (reference §5.4): said on the page, decided by people. */
function SuspensionNotice({ member: m, today }: { member: MemberDetail; today: string }) {
  const suspended = m.events.filter((e) => e.kind === 'suspended').at(-1);
  if (!suspended) return null;
  if (m.events.some((e) => e.kind === 'contactRestored' && e.occurredOn >= suspended.occurredOn)) return null;
  const review = suspensionReview(suspended.occurredOn, today);
  if (review.kind === 'notYet') return null;
  return (
    <Alert
      color={review.kind === 'due' ? 'red' : 'orange'}
      title={review.kind === 'due' ? '停止党籍已满2年' : '停止党籍即将满2年'}
    >
      {formatChineseDate(suspended.occurredOn)}停止党籍，{review.kind === 'due' ? '已于' : '将于'}
      {formatChineseDate(review.dueOn)}满2年。{SUSPENSION_RULE}
      。是否除名由党组织研究决定，程序不会自动处理；已取得联系的，请登记“恢复联系”或“恢复党籍”。
    </Alert>
  );
}

/**
 * 日期待补全: which dates are kept only to the month and what depends on the day. Completing
 * them is an ordinary edit (修改信息), recorded in the 操作记录 like any other.
 */
function MonthOnlyNotice({ member: m, onComplete }: { member: MemberDetail; onComplete: () => void }) {
  const dates = m.monthOnlyDates.map((field) =>
    field === 'admittedOn'
      ? `入党日期（${formatChineseDate(m.admittedOn)}）`
      : `转正日期（${formatChineseDate(m.fullMembershipOn)}）`,
  );
  const depends =
    m.category === 'probationary' && m.monthOnlyDates.includes('admittedOn')
      ? '预备期满、转正的日期要按入党的具体日期算，请在转正前补全。'
      : '党龄在周年所在的月份按少的一年计算，补全后按日计算。';
  return (
    <Alert color="yellow" title="日期待补全">
      <Group justify="space-between" align="center" wrap="nowrap">
        <Text size="sm">
          {dates.join('、')}只记到月份。{depends}
        </Text>
        <Button size="xs" variant="light" color="yellow" onClick={onComplete}>
          补全日期
        </Button>
      </Group>
    </Alert>
  );
}
