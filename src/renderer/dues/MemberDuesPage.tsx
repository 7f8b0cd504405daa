import {
  Alert,
  Anchor,
  Badge,
  Button,
  Checkbox,
  Group,
  Modal,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  Tooltip,
  UnstyledButton,
} from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import { useState } from 'react';
import { formatChineseDate } from '../../shared/dates';
import { ARREARS_LEVEL_LABEL, PAYMENT_TIMING_LABEL, timingWarning } from '../../shared/dues/arrears';
import { formatYuan } from '../../shared/dues/money';
import { formatMonth, formatMonthList, formatMonthSpan, monthsOfYear } from '../../shared/dues/months';
import { DUES_CATEGORY_LABEL } from '../../shared/dues/rules';
import {
  CASE_DECISION_LABEL,
  type MemberDues,
  type MonthCell,
  type MonthStateView,
  type PaymentView,
} from '../../shared/dues/views';
import { STATUS_LABEL } from '../../shared/members/fields';
import { change } from '../api/client';
import { useQuery } from '../api/use-query';
import { go } from '../app/routes';
import { DateField } from '../common/DateField';
import { FormError } from '../common/FormError';
import { notifySaved } from '../common/notify';
import { QueryView } from '../common/QueryView';
import { useSubmit } from '../common/use-submit';
import { DecideModal } from './ArrearsTab';
import { VoidPaymentModal } from './CollectionTab';
import { Yuan, YuanInput } from './dues-parts';
import { FormActions } from '../common/FormActions';

const CELL: Record<MonthStateView, { label: string; bg: string; c?: string }> = {
  paid: { label: '已交', bg: 'var(--mantine-color-teal-1)', c: 'teal.9' },
  partial: { label: '已交', bg: 'var(--mantine-color-teal-0)', c: 'teal.9' },
  unpaid: { label: '欠交', bg: 'var(--mantine-color-red-1)', c: 'red.9' },
  exempt: { label: '免交', bg: 'var(--mantine-color-gray-1)', c: 'dimmed' },
  notOwed: { label: '—', bg: 'transparent', c: 'dimmed' },
  notAssessed: { label: '未核定', bg: 'var(--mantine-color-orange-0)', c: 'orange.9' },
  beforeOpening: { label: '启用前', bg: 'var(--mantine-color-gray-0)', c: 'dimmed' },
  current: { label: '本月', bg: 'var(--mantine-color-yellow-0)', c: 'yellow.9' },
  future: { label: '', bg: 'transparent' },
};

/** One member's dues: the year's terms with their working, the months paid and unpaid, every payment. */
export function MemberDuesPage({ memberId, today }: { memberId: number; today: string }) {
  const dues = useQuery('dues.member', { memberId });
  return (
    <Stack gap="md">
      <Anchor component="button" onClick={() => go('dues')} size="sm" w="fit-content">
        <Group gap={4}>
          <IconArrowLeft size={14} />
          返回党费
        </Group>
      </Anchor>
      <QueryView query={dues}>{(d) => <MemberView dues={d} today={today} />}</QueryView>
    </Stack>
  );
}

function MemberView({ dues: d, today }: { dues: MemberDues; today: string }) {
  const [paying, setPaying] = useState<MonthCell[] | null>(null);
  const [selected, setSelected] = useState<string[]>([]);
  const [voiding, setVoiding] = useState<PaymentView | null>(null);
  const [deciding, setDeciding] = useState(false);
  const [starting, setStarting] = useState<number | null>(null);
  const payable = d.years
    .flatMap((y) => y.months)
    .filter(
      (m) => !m.payment && m.dueFen !== null && m.dueFen > 0 && ['unpaid', 'current', 'future'].includes(m.state),
    );
  const toggle = (m: MonthCell) =>
    setSelected((s) => (s.includes(m.month) ? s.filter((x) => x !== m.month) : [...s, m.month]));
  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Group gap="sm">
          <Title order={2}>{d.name}</Title>
          <Text c="dimmed">{d.branchName}</Text>
          {d.status !== 'normal' && <Badge color="gray">{STATUS_LABEL[d.status]}</Badge>}
        </Group>
        <Group gap="xs">
          <Button variant="default" onClick={() => go('roster', d.memberId)}>
            党员信息
          </Button>
          <Button
            disabled={selected.length === 0}
            onClick={() => setPaying(payable.filter((m) => selected.includes(m.month)))}
          >
            登记所选月份已交（{selected.length}）
          </Button>
        </Group>
      </Group>
      {d.arrears && d.arrears.unpaidMonths.length > 0 && (
        <Alert
          color={d.arrears.level === 'case' ? 'red' : 'orange'}
          title={
            d.arrears.caseState === 'deadlinePassed'
              ? '补交期限已过'
              : d.arrears.level
                ? ARREARS_LEVEL_LABEL[d.arrears.level]
                : '有欠交月份'
          }
        >
          欠交 {formatMonthList(d.arrears.unpaidMonths)}，共 {d.arrears.unpaidMonths.length} 个月{' '}
          {formatYuan(d.arrears.unpaidFen)} 元
          {d.arrears.streak.from
            ? `；其中${formatMonthSpan(d.arrears.streak.from, d.arrears.streak.to!)}连续欠交 ${d.arrears.streak.months} 个月`
            : ''}
          。
          {d.arrears.case &&
            ` 支部意见：${CASE_DECISION_LABEL[d.arrears.case.decision]}（${d.arrears.case.decidedBy}，${formatChineseDate(d.arrears.case.decidedOn)}）。`}
          点选下方欠交的月份可登记补交。
          {(d.arrears.caseState === 'open' || d.arrears.caseState === 'deadlinePassed') && (
            <Group mt="xs">
              <Button size="xs" color="red" onClick={() => setDeciding(true)}>
                登记支部处理意见
              </Button>
            </Group>
          )}
        </Alert>
      )}
      {d.years.length === 0 && <Alert color="gray">还没有该党员的党费核定。</Alert>}
      {d.years.map((y) => (
        <Paper key={y.year} withBorder p="md" radius="md">
          <Stack gap="sm">
            <Group justify="space-between">
              <Group gap="xs">
                <Text fw={600}>{y.year}年度</Text>
                {y.row && <Badge variant="light">{DUES_CATEGORY_LABEL[y.row.current.terms.category]}</Badge>}
                {y.row && (
                  <Text size="sm">
                    每月 <Yuan fen={y.row.current.amountFen} /> 元
                  </Text>
                )}
              </Group>
              {y.row && (
                <Group gap="xs">
                  <Text size="sm" c="dimmed">
                    {formatMonth(y.row.startMonth)}起交，全年应交 {y.row.dueMonths} 个月 <Yuan fen={y.row.yearDueFen} />{' '}
                    元
                  </Text>
                  <Button size="compact-xs" variant="subtle" onClick={() => setStarting(y.year)}>
                    变更起交月份
                  </Button>
                </Group>
              )}
            </Group>
            {y.row?.versions.map((v) => (
              <Text key={v.id} size="sm" c={v.problem ? 'red' : undefined}>
                {v.reason ? `${formatMonth(v.effectiveFrom)}起调整（${v.reason}）：` : ''}
                {v.explanation ?? v.problem}
              </Text>
            ))}
            <SimpleGrid cols={12} spacing={4} aria-label={`${y.year}年各月交纳情况`}>
              {y.months.map((m) => {
                const style = CELL[m.state];
                const can = payable.some((p) => p.month === m.month);
                const picked = selected.includes(m.month);
                return (
                  <Tooltip key={m.month} label={tip(m)} multiline w={260} openDelay={200}>
                    <UnstyledButton
                      aria-label={`${formatMonth(m.month)}${style.label}`}
                      onClick={() => (can ? toggle(m) : m.payment ? setVoiding(m.payment) : undefined)}
                      style={{
                        background: style.bg,
                        border: `1px solid ${picked ? 'var(--mantine-color-partyRed-7)' : 'var(--mantine-color-gray-3)'}`,
                        outline: picked ? '2px solid var(--mantine-color-partyRed-7)' : undefined,
                        borderRadius: 4,
                        padding: '6px 4px',
                        textAlign: 'center',
                        cursor: can || m.payment ? 'pointer' : 'default',
                      }}
                    >
                      <Text size="xs" c="dimmed">
                        {Number(m.month.slice(5))}月
                      </Text>
                      <Text size="xs" fw={600} c={style.c}>
                        {style.label}
                      </Text>
                    </UnstyledButton>
                  </Tooltip>
                );
              })}
            </SimpleGrid>
          </Stack>
        </Paper>
      ))}
      <Paper withBorder radius="md">
        <Text fw={600} p="md" pb={0}>
          缴费记录
        </Text>
        <Table verticalSpacing={5} aria-label="缴费记录">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>所属月份</Table.Th>
              <Table.Th ta="right">应交</Table.Th>
              <Table.Th ta="right">实交</Table.Th>
              <Table.Th>交纳日期</Table.Th>
              <Table.Th>收据号</Table.Th>
              <Table.Th>说明</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {d.payments.map((p) => (
              <Table.Tr key={p.id}>
                <Table.Td>{formatMonth(p.month)}</Table.Td>
                <Table.Td ta="right">
                  <Yuan fen={p.dueFen} />
                </Table.Td>
                <Table.Td ta="right">
                  <Yuan fen={p.paidFen} />
                </Table.Td>
                <Table.Td className="tabular">{formatChineseDate(p.paidOn)}</Table.Td>
                <Table.Td>{p.receiptNo ?? ''}</Table.Td>
                <Table.Td>
                  {[
                    p.timing !== 'regular' ? `${PAYMENT_TIMING_LABEL[p.timing]}${p.timingMonths}个月` : '',
                    p.paidBy ? `${p.paidBy}代交` : '',
                    p.reason ?? '',
                  ]
                    .filter(Boolean)
                    .join('；')}
                </Table.Td>
                <Table.Td>
                  <Button size="compact-xs" variant="subtle" color="gray" onClick={() => setVoiding(p)}>
                    作废
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {d.payments.length === 0 && (
          <Text p="md" c="dimmed" size="sm">
            还没有缴费记录。
          </Text>
        )}
      </Paper>
      {d.voluntary.length > 0 && (
        <Text size="sm" c="dimmed">
          自愿多交：
          {d.voluntary
            .map((v) => `${v.paidOn} ${formatYuan(v.amountFen)} 元${v.large ? '（大额党费）' : ''}`)
            .join('；')}
        </Text>
      )}
      {paying && (
        <PayMonthsModal
          name={d.name}
          memberId={d.memberId}
          months={paying}
          today={today}
          onClose={(saved) => {
            setPaying(null);
            if (saved) setSelected([]);
          }}
        />
      )}
      {voiding && <VoidPaymentModal row={{ name: d.name }} payment={voiding} onClose={() => setVoiding(null)} />}
      {deciding && d.arrears && <DecideModal row={d.arrears} today={today} onClose={() => setDeciding(false)} />}
      {starting !== null && (
        <StartMonthModal name={d.name} memberId={d.memberId} year={starting} onClose={() => setStarting(null)} />
      )}
    </Stack>
  );
}

function tip(m: MonthCell): string {
  if (m.payment) {
    const p = m.payment;
    return `${formatMonth(m.month)}：${formatChineseDate(p.paidOn)}交纳 ${formatYuan(p.paidFen)} 元${p.receiptNo ? `，收据号 ${p.receiptNo}` : ''}${p.paidBy ? `，${p.paidBy}代交` : ''}（点击可作废）`;
  }
  if (m.state === 'notOwed') return `${formatMonth(m.month)}：不在本单位交纳`;
  if (m.state === 'notAssessed') return `${formatMonth(m.month)}：尚未核定`;
  if (m.state === 'exempt') return `${formatMonth(m.month)}：经批准免交`;
  if (m.state === 'beforeOpening') return `${formatMonth(m.month)}：启用本程序之前的月份，以纸质台账为准，不计欠交`;
  return `${formatMonth(m.month)}：应交 ${m.dueFen === null ? '—' : formatYuan(m.dueFen)} 元${m.state === 'unpaid' ? '，未交（点击选择后可登记补交）' : '（点击选择后可登记交纳或预交）'}`;
}

/** 补交 or 预交 of several months at once, for one member. */
function PayMonthsModal({
  name,
  memberId,
  months,
  today,
  onClose,
}: {
  name: string;
  memberId: number;
  months: MonthCell[];
  today: string;
  onClose: (saved: boolean) => void;
}) {
  const settings = useQuery('dues.settings', {});
  const [paidOn, setPaidOn] = useState<string | null>(today);
  const [amounts, setAmounts] = useState<Record<string, number | null>>(
    Object.fromEntries(months.map((m) => [m.month, m.dueFen])),
  );
  const [receiptNo, setReceiptNo] = useState('');
  const [paidBy, setPaidBy] = useState('');
  const [reason, setReason] = useState('');
  const [acknowledge, setAcknowledge] = useState(false);
  const limits =
    settings.status === 'ready'
      ? { backPaymentMonths: settings.data.backPaymentMonths, prepaymentMonths: settings.data.prepaymentMonths }
      : null;
  const warnings =
    paidOn && limits
      ? months.map((m) => timingWarning(m.month, paidOn, limits)).filter((w): w is string => w !== null)
      : [];
  const differs = months.some((m) => amounts[m.month] !== m.dueFen);
  const total = months.reduce((n, m) => n + (amounts[m.month] ?? 0), 0);
  const { busy, error, submit, fieldError, edited } = useSubmit(async () => {
    const done = await change('dues.recordPayments', {
      paidOn: paidOn ?? '',
      acknowledge,
      entries: months.map((m) => ({
        memberId,
        month: m.month,
        paidFen: amounts[m.month] ?? 0,
        receiptNo: receiptNo || null,
        paidBy: paidBy || null,
        reason: amounts[m.month] !== m.dueFen ? reason : null,
      })),
    });
    notifySaved(`已登记${name} ${done.recorded} 个月党费，合计 ${formatYuan(done.paidFen)} 元。`);
    onClose(true);
  });
  return (
    <Modal opened onClose={() => onClose(false)} title={`登记交纳：${name}`} size="lg">
      <form onSubmit={submit} onChange={edited} aria-label="登记交纳">
        <Stack gap="sm">
          <Table verticalSpacing={4}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>所属月份</Table.Th>
                <Table.Th ta="right">应交（元）</Table.Th>
                <Table.Th w={160}>实交</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {months.map((m) => (
                <Table.Tr key={m.month}>
                  <Table.Td>{formatMonth(m.month)}</Table.Td>
                  <Table.Td ta="right">
                    <Yuan fen={m.dueFen} />
                  </Table.Td>
                  <Table.Td>
                    <YuanInput
                      size="xs"
                      aria-label={`${formatMonth(m.month)}实交`}
                      value={amounts[m.month] ?? null}
                      onChange={(v) => setAmounts((a) => ({ ...a, [m.month]: v }))}
                    />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Text size="sm">合计 {formatYuan(total)} 元</Text>
          <Group grow>
            <DateField
              label="交纳日期"
              withAsterisk
              value={paidOn}
              onChange={setPaidOn}
              maxDate={today}
              error={fieldError('paidOn')}
            />
            <TextInput label="收据号" value={receiptNo} onChange={(e) => setReceiptNo(e.currentTarget.value)} />
            <TextInput
              label="代交人"
              placeholder="本人交纳"
              value={paidBy}
              onChange={(e) => setPaidBy(e.currentTarget.value)}
            />
          </Group>
          {differs && (
            <TextInput
              label="金额不同的原因"
              withAsterisk
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
            />
          )}
          {warnings.length > 0 && (
            <Alert color="orange" title="请核实">
              {warnings.map((w) => (
                <Text key={w} size="sm">
                  {w}
                </Text>
              ))}
              <Checkbox
                mt="xs"
                checked={acknowledge}
                onChange={(e) => setAcknowledge(e.currentTarget.checked)}
                label="已核实，确有原因，仍然登记"
              />
            </Alert>
          )}
          <FormError error={error} inlineFields={['paidOn']} />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => onClose(false)}>
              取消
            </Button>
            <Button type="submit" loading={busy} disabled={warnings.length > 0 && !acknowledge}>
              登记
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** The first month owed here in a year, e.g. when a transfer letter says dues were paid up to a month. */
function StartMonthModal({
  name,
  memberId,
  year,
  onClose,
}: {
  name: string;
  memberId: number;
  year: number;
  onClose: () => void;
}) {
  const [startMonth, setStartMonth] = useState<string>('');
  const [reason, setReason] = useState('');
  const { busy, error, submit, fieldError, edited } = useSubmit(async () => {
    await change('dues.setStart', { year, memberId, startMonth: startMonth || null, reason });
    notifySaved(`已变更${name}${year}年度的起交月份。`);
    onClose();
  });
  return (
    <Modal opened onClose={onClose} title={`${name}：${year}年度起交月份`}>
      <form onSubmit={submit} onChange={edited}>
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            一般按入党或转入月份自动确定。组织关系介绍信注明党费已交到某月的，从下一个月起在本单位交纳。
          </Text>
          <Select
            label="起交月份"
            data={[
              { value: '', label: '按名册自动确定' },
              ...monthsOfYear(year).map((m) => ({ value: m, label: formatMonth(m) })),
            ]}
            value={startMonth}
            onChange={(v) => setStartMonth(v ?? '')}
            allowDeselect={false}
            error={fieldError('startMonth')}
          />
          <TextInput
            label="变更原因"
            withAsterisk
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            error={fieldError('reason')}
            placeholder="如：介绍信注明党费已交至2026年4月"
          />
          <FormError error={error} inlineFields={['startMonth', 'reason']} />
          <FormActions onCancel={onClose} busy={busy} label="保存" />
        </Stack>
      </form>
    </Modal>
  );
}
