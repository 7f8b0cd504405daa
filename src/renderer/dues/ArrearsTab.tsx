import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  Modal,
  Pagination,
  Paper,
  SegmentedControl,
  Select,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useState } from 'react';
import { formatChineseDate } from '../../shared/dates';
import { ARREARS_LEVEL_LABEL, type ArrearsLevel } from '../../shared/dues/arrears';
import { formatYuan } from '../../shared/dues/money';
import { formatMonth, formatMonthList, formatMonthSpan } from '../../shared/dues/months';
import { CASE_DECISION_LABEL, type ArrearsRow, type CaseDecision } from '../../shared/dues/views';
import { change } from '../api/client';
import { useQuery } from '../api/use-query';
import { go } from '../app/routes';
import { DateField } from '../common/DateField';
import { FormError } from '../common/FormError';
import { notifySaved } from '../common/notify';
import { QueryView } from '../common/QueryView';
import { useSubmit } from '../common/use-submit';
import { BranchSelect, ReportMenu, Yuan } from './dues-parts';
import { FormActions } from '../common/FormActions';

const PAGE = 100;

const LEVEL_COLOR: Record<ArrearsLevel, string> = { three: 'yellow', five: 'orange', case: 'red' };

/** 欠交: who has unpaid months, how many in a row, and what the branch decided at six. */
export function ArrearsTab({ today }: { today: string }) {
  const [branchId, setBranchId] = useState<number | null>(null);
  const [filter, setFilter] = useState<'all' | 'warn' | 'case'>('all');
  const view = useQuery('dues.arrears', { branchId, minMonths: 1 });
  const [deciding, setDeciding] = useState<ArrearsRow | null>(null);
  const [page, setPage] = useState(1);
  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed">
        每月结束仍未交纳的计为欠交。连续欠交3个月、5个月时在工作台提醒；满6个月时提请支部研究。以后月份交了党费，不等于补交了此前欠交的月份：连续欠交的月份只有补交本身或支部研究处理后才不再提醒。按党章规定，没有正当理由连续6个月不交纳党费的，就被认为是自行脱党；是否有正当理由，由支部研究认定，程序不会自动作出任何处理。
      </Text>
      <Group justify="space-between">
        <Group gap="xs">
          <BranchSelect value={branchId} onChange={setBranchId} />
          <SegmentedControl
            value={filter}
            onChange={(v) => setFilter(v as typeof filter)}
            data={[
              { value: 'all', label: '全部欠交' },
              { value: 'warn', label: '连续3个月以上' },
              { value: 'case', label: '待支部研究' },
            ]}
          />
        </Group>
        <ReportMenu report="arrears" params={branchId ? { branchId } : {}} label="打印欠交清单（三清）" />
      </Group>
      <QueryView query={view}>
        {(v) => {
          const rows = v.rows.filter((r) =>
            filter === 'all'
              ? true
              : filter === 'warn'
                ? r.streak.months >= 3
                : r.caseState === 'open' || r.caseState === 'deadlinePassed',
          );
          const pages = Math.max(1, Math.ceil(rows.length / PAGE));
          const shown = rows.slice((Math.min(page, pages) - 1) * PAGE, Math.min(page, pages) * PAGE);
          return (
            <Stack gap="xs">
              <Paper withBorder radius="md">
                <Table verticalSpacing={6} aria-label="欠交党费">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th w={90}>姓名</Table.Th>
                      <Table.Th w={130}>党支部</Table.Th>
                      <Table.Th>欠交月份</Table.Th>
                      <Table.Th w={90} ta="right">
                        欠交金额
                      </Table.Th>
                      <Table.Th w={150}>连续欠交</Table.Th>
                      <Table.Th w={260}>支部处理</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {shown.map((r) => (
                      <Table.Tr key={r.memberId} aria-label={r.name}>
                        <Table.Td>
                          <Anchor component="button" size="sm" onClick={() => go('dues', r.memberId)}>
                            {r.name}
                          </Anchor>
                        </Table.Td>
                        <Table.Td>{r.branchName}</Table.Td>
                        <Table.Td>
                          <Text size="sm">{formatMonthList(r.unpaidMonths)}</Text>
                          <Text size="xs" c="dimmed">
                            共 {r.unpaidMonths.length} 个月
                          </Text>
                        </Table.Td>
                        <Table.Td ta="right">
                          <Yuan fen={r.unpaidFen} />
                        </Table.Td>
                        <Table.Td>
                          <Group gap={6}>
                            <Text size="sm" className="tabular">
                              {r.streak.months} 个月
                            </Text>
                            {r.level && (
                              <Badge
                                size="sm"
                                color={LEVEL_COLOR[r.level]}
                                variant={r.level === 'case' ? 'filled' : 'light'}
                              >
                                {r.level === 'case' ? '满6个月' : r.level === 'five' ? '5个月' : '3个月以上'}
                              </Badge>
                            )}
                          </Group>
                          {r.streak.from && (
                            <Text size="xs" c="dimmed">
                              {formatMonthSpan(r.streak.from, r.streak.to!)}
                              {r.streak.to !== v.asOf ? '（之后虽有交纳，这些月份未补交）' : ''}
                            </Text>
                          )}
                        </Table.Td>
                        <Table.Td>
                          {r.case && (
                            <Text size="xs">
                              {CASE_DECISION_LABEL[r.case.decision]}（{r.case.decidedBy}，
                              {formatChineseDate(r.case.decidedOn)}
                              {r.case.deadline ? `，限${formatChineseDate(r.case.deadline)}前补交` : ''}）
                            </Text>
                          )}
                          {r.caseState === 'deadlinePassed' && (
                            <Text size="xs" c="red" fw={600}>
                              补交期限已过，仍有 {r.streak.months} 个月未交纳
                            </Text>
                          )}
                          {(r.caseState === 'open' || r.caseState === 'deadlinePassed') && (
                            <Button size="compact-xs" mt={4} onClick={() => setDeciding(r)}>
                              登记支部处理意见
                            </Button>
                          )}
                          {!r.case && r.level && r.level !== 'case' && (
                            <Text size="xs" c="dimmed">
                              {ARREARS_LEVEL_LABEL[r.level]}，请提醒督促
                            </Text>
                          )}
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
                {rows.length === 0 && (
                  <Text p="lg" ta="center" c="teal.8" size="sm">
                    截至{formatMonth(v.asOf)}，没有{filter === 'all' ? '欠交党费的党员' : '符合条件的党员'}。
                  </Text>
                )}
              </Paper>
              {rows.length > PAGE && (
                <Group justify="space-between">
                  <Text size="sm" c="dimmed">
                    共 {rows.length} 人
                  </Text>
                  <Pagination total={pages} value={Math.min(page, pages)} onChange={setPage} size="sm" />
                </Group>
              )}
            </Stack>
          );
        }}
      </QueryView>
      {deciding && <DecideModal row={deciding} today={today} onClose={() => setDeciding(null)} />}
    </Stack>
  );
}

export function DecideModal({ row, today, onClose }: { row: ArrearsRow; today: string; onClose: () => void }) {
  const [decision, setDecision] = useState<CaseDecision>('deadline');
  const [decidedOn, setDecidedOn] = useState<string | null>(today);
  const [decidedBy, setDecidedBy] = useState('支部委员会');
  const [deadline, setDeadline] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const { busy, error, submit, fieldError, edited } = useSubmit(async () => {
    await change('dues.decideCase', {
      memberId: row.memberId,
      streakFrom: row.streak.from!,
      decision,
      decidedOn: decidedOn ?? '',
      decidedBy,
      deadline: decision === 'deadline' ? deadline : null,
      note,
    });
    notifySaved(`已登记支部对${row.name}欠交党费的处理意见。`);
    onClose();
  });
  return (
    <Modal opened onClose={onClose} title={`支部处理意见：${row.name}`} size="lg">
      <form onSubmit={submit} onChange={edited}>
        <Stack gap="sm">
          <Alert color="red" variant="light">
            {row.name}
            {formatMonthSpan(row.streak.from!, row.streak.to!)}连续 {row.streak.months} 个月未交纳党费，共{' '}
            {formatYuan(row.streakFen)} 元
            {row.caseState === 'deadlinePassed' && row.case?.deadline
              ? `；支部确定的补交期限${formatChineseDate(row.case.deadline)}已过`
              : ''}
            。
            按规定，对欠交党费的党员应当先批评教育、限期改正；是否有正当理由由支部研究认定。这里只记录支部的意见，程序不会改变党员的党籍状态；如支部大会决定除名，请在党员名册中按程序登记。
          </Alert>
          <Select
            label="支部意见"
            data={(Object.keys(CASE_DECISION_LABEL) as CaseDecision[]).map((k) => ({
              value: k,
              label: CASE_DECISION_LABEL[k],
            }))}
            value={decision}
            onChange={(v) => v && setDecision(v as CaseDecision)}
            allowDeselect={false}
          />
          <Group grow>
            <DateField
              label="研究日期"
              withAsterisk
              value={decidedOn}
              onChange={setDecidedOn}
              maxDate={today}
              error={fieldError('decidedOn')}
            />
            <TextInput
              label="研究的会议"
              withAsterisk
              value={decidedBy}
              onChange={(e) => setDecidedBy(e.currentTarget.value)}
              error={fieldError('decidedBy')}
            />
            {decision === 'deadline' && (
              <DateField
                label="补交期限"
                withAsterisk
                value={deadline}
                onChange={setDeadline}
                error={fieldError('deadline')}
              />
            )}
          </Group>
          <Textarea
            label="情况说明"
            autosize
            minRows={2}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            placeholder="如：本人长期外派，已谈心谈话，承诺月底前补交"
          />
          <FormError error={error} inlineFields={['decidedOn', 'decidedBy', 'deadline']} />
          <FormActions onCancel={onClose} busy={busy} label="登记" />
        </Stack>
      </form>
    </Modal>
  );
}
