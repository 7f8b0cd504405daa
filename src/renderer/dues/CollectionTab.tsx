import {
  ActionIcon,
  Alert,
  Anchor,
  Badge,
  Button,
  Center,
  Checkbox,
  Group,
  Loader,
  Pagination,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { IconChevronLeft, IconChevronRight, IconCircleCheck } from '@tabler/icons-react';
import { useEffect, useMemo, useState } from 'react';
import { formatChineseDate } from '../../shared/dates';
import { PAYMENT_TIMING_LABEL, timingWarning } from '../../shared/dues/arrears';
import { formatYuan } from '../../shared/dues/money';
import { addMonthsTo, formatMonth, monthRange } from '../../shared/dues/months';
import type { CollectionRow, CollectionView, PaymentView } from '../../shared/dues/views';
import { change } from '../api/client';
import { useQuery } from '../api/use-query';
import { go } from '../app/routes';
import { DateField } from '../common/DateField';
import { FormError } from '../common/FormError';
import { notifySaved } from '../common/notify';
import { QueryView } from '../common/QueryView';
import { useSubmit } from '../common/use-submit';
import { useBranches, useSessionState } from './dues-hooks';
import { BranchSelect, ReportMenu, Stat, Yuan, YuanInput } from './dues-parts';
import { ReasonModal } from '../common/ReasonModal';

const PAGE = 100;

interface Draft {
  checked: boolean;
  paidFen: number | null;
  /** Typed for this row; null while the row takes its number from 起始收据号. */
  receiptNo: string | null;
  paidBy: string;
  reason: string;
}

export function MonthSwitcher({
  value,
  onChange,
  today,
}: {
  value: string;
  onChange: (month: string) => void;
  today: string;
}) {
  const now = today.slice(0, 7);
  const options = monthRange(addMonthsTo(now, -36), addMonthsTo(now, 12))
    .reverse()
    .map((m) => ({ value: m, label: formatMonth(m) }));
  return (
    <Group gap={4} wrap="nowrap">
      <ActionIcon variant="default" size="lg" aria-label="上个月" onClick={() => onChange(addMonthsTo(value, -1))}>
        <IconChevronLeft size={16} />
      </ActionIcon>
      <Select
        aria-label="月份"
        w={130}
        data={options}
        value={value}
        onChange={(v) => v && onChange(v)}
        allowDeselect={false}
        searchable
      />
      <ActionIcon variant="default" size="lg" aria-label="下个月" onClick={() => onChange(addMonthsTo(value, 1))}>
        <IconChevronRight size={16} />
      </ActionIcon>
    </Group>
  );
}

/** 收缴登记: a branch's month, everyone marked paid at once, then the exceptions. */
export function CollectionTab({ today }: { today: string }) {
  const branches = useBranches();
  const [branchId, setBranchId] = useSessionState<number | null | undefined>('collection-branch', undefined);
  const [month, setMonth] = useSessionState('collection-month', today.slice(0, 7));
  useEffect(() => {
    if (branchId === undefined && branches[0]) setBranchId(branches[0].id);
  }, [branches, branchId, setBranchId]);
  const chosen = branchId ?? null;
  const view = useQuery('dues.collection', { month, branchId: chosen });
  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Group gap="xs">
          <BranchSelect value={chosen} onChange={setBranchId} />
          <MonthSwitcher value={month} onChange={setMonth} today={today} />
        </Group>
        <ReportMenu
          report="register"
          params={{ month, ...(chosen ? { branchId: chosen } : {}) }}
          label="打印收缴登记表"
        />
      </Group>
      {branchId !== undefined && (
        <QueryView query={view}>
          {(v) =>
            // Until the month or branch just chosen has loaded, show nothing rather than the previous one's rows.
            v.month === month && v.branchId === chosen ? (
              <Collection key={`${v.month}/${v.branchId}`} view={v} today={today} />
            ) : (
              <Center py="xl">
                <Loader size="sm" />
              </Center>
            )
          }
        </QueryView>
      )}
    </Stack>
  );
}

function Collection({ view, today }: { view: CollectionView; today: string }) {
  const settings = useQuery('dues.settings', {});
  const [paidOn, setPaidOn] = useState<string | null>(today);
  const [drafts, setDrafts] = useState<Record<number, Draft>>({});
  const [acknowledge, setAcknowledge] = useState(false);
  const [voiding, setVoiding] = useState<{ row: CollectionRow; payment: PaymentView } | null>(null);
  const [page, setPage] = useState(1);
  const shown = view.rows.slice((page - 1) * PAGE, page * PAGE);
  const open = view.rows.filter((r) => !r.payment && r.dueFen !== null && r.dueFen > 0);
  // The first entry of a month marks the whole branch as paid; once some are recorded, the rest are exceptions and start unmarked.
  const firstEntry = view.totals.paid === 0;
  const draftOf = (r: CollectionRow): Draft =>
    drafts[r.memberId] ?? { checked: firstEntry, paidFen: r.dueFen, receiptNo: null, paidBy: '', reason: '' };
  const set = (r: CollectionRow, patch: Partial<Draft>) =>
    setDrafts((d) => ({ ...d, [r.memberId]: { ...draftOf(r), ...patch } }));
  const chosen = open.filter((r) => draftOf(r).checked);
  const total = chosen.reduce((n, r) => n + (draftOf(r).paidFen ?? 0), 0);
  const warning = useMemo(() => {
    if (!paidOn || settings.status !== 'ready' || chosen.length === 0) return null;
    return timingWarning(view.month, paidOn, {
      backPaymentMonths: settings.data.backPaymentMonths,
      prepaymentMonths: settings.data.prepaymentMonths,
    });
  }, [paidOn, settings, view.month, chosen.length]);
  const allChecked = open.length > 0 && chosen.length === open.length;

  // A typed 起始收据号 numbers the ticked rows, in the order shown, that have no number typed by hand.
  const [receiptStart, setReceiptStart] = useState('');
  // Worked out on every render: the ticked rows are a fresh list each time, so a memo would never hit.
  const numbered = numberReceipts(
    receiptStart,
    chosen.filter((r) => draftOf(r).receiptNo === null).map((r) => r.memberId),
  );
  const receiptOf = (r: CollectionRow): string => draftOf(r).receiptNo ?? numbered.get(r.memberId) ?? '';
  const numberedSpan = numbered.size ? [...numbered.values()] : [];

  const { busy, error, submit, fieldError, edited } = useSubmit(async () => {
    const entries = chosen.map((r) => {
      const d = draftOf(r);
      return {
        memberId: r.memberId,
        month: view.month,
        paidFen: d.paidFen ?? 0,
        receiptNo: receiptOf(r).trim() || null,
        paidBy: d.paidBy || null,
        reason: d.reason || null,
      };
    });
    const done = await change('dues.recordPayments', { paidOn: paidOn ?? '', entries, acknowledge });
    notifySaved(`已登记 ${done.recorded} 人${formatMonth(view.month)}党费，合计 ${formatYuan(done.paidFen)} 元。`);
    setDrafts({});
    setReceiptStart('');
    setAcknowledge(false);
  });

  if (!view.assessed) {
    return (
      <Alert color="orange">
        {view.month.slice(0, 4)}年度党费尚未核定，不能登记收缴。请先在“年度核定”中生成并核定。
      </Alert>
    );
  }
  return (
    <Stack gap="md">
      <Paper withBorder p="md" radius="md">
        <SimpleGrid cols={5} spacing="md" aria-label="本月收缴情况">
          <Stat label="应交人数">{view.totals.members - view.totals.exempt} 人</Stat>
          <Stat label="应交金额">{formatYuan(view.totals.dueFen)} 元</Stat>
          <Stat label="已交" color="teal">
            {view.totals.paid} 人
          </Stat>
          <Stat label="已收金额">{formatYuan(view.totals.paidFen)} 元</Stat>
          <Stat label="未交" color={view.totals.unpaid ? 'red' : undefined}>
            {view.totals.unpaid} 人
          </Stat>
        </SimpleGrid>
      </Paper>

      <Paper withBorder radius="md">
        <Table.ScrollContainer minWidth={1000}>
          <Table verticalSpacing={4} aria-label="收缴登记">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={36}>
                  <Checkbox
                    aria-label="全部标为已交"
                    checked={allChecked}
                    indeterminate={chosen.length > 0 && !allChecked}
                    disabled={open.length === 0}
                    onChange={(e) => {
                      const checked = e.currentTarget.checked;
                      setDrafts((d) =>
                        Object.fromEntries(
                          open.map((r) => [r.memberId, { ...(d[r.memberId] ?? draftOf(r)), checked }]),
                        ),
                      );
                    }}
                  />
                </Table.Th>
                <Table.Th w={150}>姓名</Table.Th>
                <Table.Th w={90} ta="right">
                  应交（元）
                </Table.Th>
                <Table.Th w={130}>实交</Table.Th>
                <Table.Th w={130}>收据号</Table.Th>
                <Table.Th w={120}>代交人</Table.Th>
                <Table.Th>备注 / 金额不同的原因</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {shown.map((r) => {
                const p = r.payment;
                const name = (
                  <Group gap={4} wrap="nowrap" style={{ whiteSpace: 'nowrap' }}>
                    <Anchor component="button" size="sm" onClick={() => go('dues', r.memberId)}>
                      {r.name}
                    </Anchor>
                    {r.arrearsMonths >= 3 && (
                      // A paid month at or before the last ended month ends the run, so a paid row that still has one paid a later month.
                      <Tooltip
                        label={
                          p
                            ? `本月已交，此前仍连续欠交 ${r.arrearsMonths} 个月，请督促补交`
                            : `已连续欠交 ${r.arrearsMonths} 个月`
                        }
                      >
                        <Badge
                          size="xs"
                          variant={p ? 'light' : 'filled'}
                          color={r.arrearsMonths >= 6 ? 'red' : 'orange'}
                          style={{ flex: 'none', overflow: 'visible' }}
                        >
                          {p ? '另' : ''}欠{r.arrearsMonths}个月
                        </Badge>
                      </Tooltip>
                    )}
                  </Group>
                );
                if (p) {
                  return (
                    <Table.Tr key={r.memberId} aria-label={r.name} bg="var(--mantine-color-teal-0)">
                      <Table.Td>
                        <Tooltip label="已交">
                          <IconCircleCheck size={20} color="var(--mantine-color-teal-7)" aria-label="已交" />
                        </Tooltip>
                      </Table.Td>
                      <Table.Td>{name}</Table.Td>
                      <Table.Td ta="right">
                        <Yuan fen={r.dueFen} />
                      </Table.Td>
                      <Table.Td className="tabular">
                        {formatYuan(p.paidFen)}　{formatChineseDate(p.paidOn).replace(/^\d+年/, '')}
                      </Table.Td>
                      <Table.Td>{p.receiptNo ?? ''}</Table.Td>
                      <Table.Td>{p.paidBy ?? ''}</Table.Td>
                      <Table.Td>
                        <Group gap="xs" justify="space-between" wrap="nowrap">
                          <Text size="sm">
                            {p.timing !== 'regular' ? `${PAYMENT_TIMING_LABEL[p.timing]}（${p.timingMonths}个月）` : ''}
                            {p.reason ?? ''}
                          </Text>
                          <Button
                            size="compact-xs"
                            variant="subtle"
                            color="gray"
                            onClick={() => setVoiding({ row: r, payment: p })}
                          >
                            作废
                          </Button>
                        </Group>
                      </Table.Td>
                    </Table.Tr>
                  );
                }
                if (r.dueFen === null || r.dueFen === 0) {
                  return (
                    <Table.Tr key={r.memberId} aria-label={r.name}>
                      <Table.Td />
                      <Table.Td>{name}</Table.Td>
                      <Table.Td ta="right">{r.dueFen === 0 ? '0.00' : '—'}</Table.Td>
                      <Table.Td colSpan={4}>
                        <Text size="sm" c="dimmed">
                          {r.dueFen === 0 ? '经批准免交' : '核定不完整，请先在“年度核定”中补全'}
                        </Text>
                      </Table.Td>
                    </Table.Tr>
                  );
                }
                const d = draftOf(r);
                const differs = d.checked && d.paidFen !== r.dueFen;
                return (
                  <Table.Tr key={r.memberId} aria-label={r.name}>
                    <Table.Td>
                      <Checkbox
                        aria-label={`${r.name}已交`}
                        checked={d.checked}
                        onChange={(e) => set(r, { checked: e.currentTarget.checked })}
                      />
                    </Table.Td>
                    <Table.Td>{name}</Table.Td>
                    <Table.Td ta="right">
                      <Yuan fen={r.dueFen} />
                    </Table.Td>
                    <Table.Td>
                      {d.checked ? (
                        <YuanInput
                          size="xs"
                          aria-label={`${r.name}实交`}
                          value={d.paidFen}
                          onChange={(paidFen) => set(r, { paidFen })}
                        />
                      ) : (
                        <Text size="sm" c="red">
                          未交
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      {d.checked && (
                        <TextInput
                          size="xs"
                          aria-label={`${r.name}收据号`}
                          value={receiptOf(r)}
                          onChange={(e) => set(r, { receiptNo: e.currentTarget.value })}
                        />
                      )}
                    </Table.Td>
                    <Table.Td>
                      {d.checked && (
                        <TextInput
                          size="xs"
                          aria-label={`${r.name}代交人`}
                          placeholder="本人交纳"
                          value={d.paidBy}
                          onChange={(e) => set(r, { paidBy: e.currentTarget.value })}
                        />
                      )}
                    </Table.Td>
                    <Table.Td>
                      {d.checked && (
                        <TextInput
                          size="xs"
                          aria-label={`${r.name}原因`}
                          placeholder={differs ? '实交与应交不同，须写明原因' : ''}
                          value={d.reason}
                          onChange={(e) => set(r, { reason: e.currentTarget.value })}
                          error={differs && !d.reason.trim() ? true : undefined}
                        />
                      )}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        {view.rows.length === 0 && (
          <Text p="lg" ta="center" c="dimmed" size="sm">
            本月没有应交党费的党员。
          </Text>
        )}
      </Paper>
      {view.rows.length > PAGE && (
        <Group justify="space-between">
          <Text size="sm" c="dimmed">
            共 {view.rows.length} 人；勾选和金额在翻页后保留，登记时一并保存
          </Text>
          <Pagination total={Math.ceil(view.rows.length / PAGE)} value={page} onChange={setPage} size="sm" />
        </Group>
      )}

      {open.length > 0 && (
        <Paper withBorder p="md" radius="md">
          <form onSubmit={submit} onChange={edited} aria-label="登记收缴">
            <Stack gap="sm">
              <Group align="flex-end" gap="md">
                <DateField
                  label="交纳日期"
                  withAsterisk
                  value={paidOn}
                  onChange={setPaidOn}
                  maxDate={today}
                  w={200}
                  error={fieldError('paidOn')}
                />
                <TextInput
                  label="起始收据号"
                  placeholder="如 2026001"
                  value={receiptStart}
                  onChange={(e) => setReceiptStart(e.currentTarget.value)}
                  w={140}
                  error={receiptStart.trim() && !/\d$/.test(receiptStart.trim()) ? '须以数字结尾' : undefined}
                />
                <Text size="sm" c="dimmed" pb={8}>
                  将登记 {chosen.length} 人，合计 {formatYuan(total)} 元
                  {open.length - chosen.length ? `；${open.length - chosen.length} 人未交` : ''}
                  {numberedSpan.length > 0 &&
                    `；收据号按表中顺序依次编为 ${numberedSpan[0]}${numberedSpan.length > 1 ? `—${numberedSpan.at(-1)}` : ''}`}
                </Text>
              </Group>
              {warning && (
                <Alert color="orange" title="请核实">
                  {warning}
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
                <Button
                  type="submit"
                  loading={busy}
                  disabled={chosen.length === 0 || (warning !== null && !acknowledge)}
                >
                  登记 {chosen.length} 人已交纳{formatMonth(view.month)}党费
                </Button>
              </Group>
            </Stack>
          </form>
        </Paper>
      )}
      {voiding && <VoidPaymentModal row={voiding.row} payment={voiding.payment} onClose={() => setVoiding(null)} />}
    </Stack>
  );
}

/** 2026001 → 2026001, 2026002, …; a prefix and leading zeros are kept (A-009 → A-009, A-010). */
export function numberReceipts(start: string, memberIds: number[]): Map<number, string> {
  const match = /^(.*?)(\d+)$/.exec(start.trim());
  const numbers = new Map<number, string>();
  if (!match) return numbers;
  const [, prefix, digits] = match;
  let n = BigInt(digits!);
  for (const id of memberIds) {
    numbers.set(id, `${prefix}${n.toString().padStart(digits!.length, '0')}`);
    n += 1n;
  }
  return numbers;
}

export function VoidPaymentModal({
  row,
  payment,
  onClose,
}: {
  row: { name: string };
  payment: PaymentView;
  onClose: () => void;
}) {
  return (
    <ReasonModal
      title={`作废缴费记录：${row.name}${formatMonth(payment.month)}`}
      hint={`${formatChineseDate(payment.paidOn)}登记实交 ${formatYuan(payment.paidFen)} 元${payment.receiptNo ? `，收据号 ${payment.receiptNo}` : ''}。作废后该月按未交计算；原记录保留在操作记录中。`}
      multiline
      saved={`已作废${row.name}${formatMonth(payment.month)}的缴费记录。`}
      onClose={onClose}
      run={(reason) => change('dues.voidPayment', { id: payment.id, reason })}
    />
  );
}
