import { OpeningOffer } from './OpeningPanel';
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  Modal,
  Pagination,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { IconFileImport, IconLock, IconRefresh, IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { formatChineseDate } from '../../shared/dates';
import { describeRounding } from '../../shared/dues/compute';
import { formatYuan } from '../../shared/dues/money';
import { formatMonth } from '../../shared/dues/months';
import { CATEGORY_KIND, DUES_CATEGORY_LABEL } from '../../shared/dues/rules';
import { BASE_SOURCE_LABEL, type AssessmentRow, type AssessmentView } from '../../shared/dues/views';
import { change } from '../api/client';
import { useQuery } from '../api/use-query';
import { go } from '../app/routes';
import { FormError } from '../common/FormError';
import { notifyFailed, notifySaved } from '../common/notify';
import { QueryView } from '../common/QueryView';
import { useSubmit } from '../common/use-submit';
import { BranchSelect, ReportMenu, Stat, StatusBadge, Yuan } from './dues-parts';
import { PayrollWizard } from './PayrollWizard';
import { TermsModal, type TermsMode } from './TermsModal';
import { FormActions } from '../common/FormActions';

const PAGE = 50;

/** 年度核定: each member's base and monthly amount for the year, fixed and locked at its start. */
export function AssessmentTab({ year, today }: { year: number; today: string }) {
  const [branchId, setBranchId] = useState<number | null>(null);
  const view = useQuery('dues.assessment', { year, branchId });
  return (
    <QueryView query={view}>
      {(v) => <Assessment view={v} branchId={branchId} onBranch={setBranchId} today={today} />}
    </QueryView>
  );
}

function Assessment({
  view,
  branchId,
  onBranch,
  today,
}: {
  view: AssessmentView;
  branchId: number | null;
  onBranch: (id: number | null) => void;
  today: string;
}) {
  const { year } = view;
  const [text, setText] = useState('');
  const [page, setPage] = useState(1);
  const [editing, setEditing] = useState<{ row: AssessmentRow; mode: TermsMode } | null>(null);
  const [importing, setImporting] = useState(false);
  const [locking, setLocking] = useState(false);
  const [unlocking, setUnlocking] = useState(false);
  const [busy, setBusy] = useState(false);

  const assess = async () => {
    setBusy(true);
    try {
      const r = await change('dues.assess', { year });
      notifySaved(r.added ? `已为 ${r.added} 名党员生成${year}年度核定。` : `${year}年度核定表已更新。`);
    } catch (error) {
      notifyFailed(error);
    } finally {
      setBusy(false);
    }
  };

  if (!view.exists) {
    return (
      <Paper withBorder p="xl" radius="md">
        <Stack align="flex-start" gap="sm">
          <Text fw={600}>{year}年度党费尚未核定</Text>
          <Text size="sm" c="dimmed" maw={720}>
            每年年初核定每名党员的党费基数和月交纳额，年度内一般不作调整。生成核定表时，上年已核定的党员沿用上年的类别和基数（请按本年度工资核实），其他党员按名册中的“人员身份”确定类别；在职、离退休党员的基数可逐人录入，或从工资表导入。
          </Text>
          <Button leftSection={<IconRefresh size={16} />} onClick={assess} loading={busy}>
            生成{year}年度党费核定表
          </Button>
        </Stack>
      </Paper>
    );
  }

  const needle = text.trim();
  const rows = needle ? view.rows.filter((r) => r.name.includes(needle) || r.branchName.includes(needle)) : view.rows;
  const shown = rows.slice((page - 1) * PAGE, page * PAGE);
  const open = (row: AssessmentRow) => {
    setEditing({ row, mode: row.locked ? { kind: 'adjust' } : { kind: 'edit' } });
  };

  return (
    <Stack gap="md">
      <OpeningOffer year={year} today={today} />
      <Paper withBorder p="md" radius="md">
        <Group justify="space-between" align="flex-start">
          <SimpleGrid cols={4} spacing="xl">
            <Stat label="核定人数">{view.totals.members} 人</Stat>
            <Stat label="月应交合计">{formatYuan(view.totals.monthlyFen)} 元</Stat>
            <Stat label="全年应交合计">{formatYuan(view.totals.yearFen)} 元</Stat>
            <Stat label="待补全" color={view.totals.incomplete ? 'red' : undefined}>
              {view.totals.incomplete} 人
            </Stat>
          </SimpleGrid>
          <Stack gap={4} align="flex-end">
            <Group gap="xs">
              <StatusBadge locked={view.locked !== null} />
              {view.locked && (
                <Text size="xs" c="dimmed">
                  {formatChineseDate(view.locked.on)}由{view.locked.by}锁定
                </Text>
              )}
              {view.locked && (
                <Button size="compact-xs" variant="subtle" color="gray" onClick={() => setUnlocking(true)}>
                  解除锁定
                </Button>
              )}
            </Group>
            <Text size="xs" c="dimmed">
              {view.ruleSets
                .map((s, i) => (i === 0 ? s.name : `${formatMonth(s.effectiveFrom)}起${s.name}`))
                .join('，')}
              ；{describeRounding(view.rounding)}
            </Text>
          </Stack>
        </Group>
      </Paper>

      {view.missing.length > 0 && (
        <Alert color="orange" title={`有 ${view.missing.length} 名党员尚未核定`}>
          <Group justify="space-between">
            <Text size="sm">
              {view.missing
                .slice(0, 8)
                .map((m) => m.name)
                .join('、')}
              {view.missing.length > 8 ? '等' : ''}（年内入党或转入）。点“更新核定表”为他们生成核定，补全后再次锁定。
            </Text>
          </Group>
        </Alert>
      )}

      <Group justify="space-between">
        <Group gap="xs">
          <BranchSelect
            value={branchId}
            onChange={(id) => {
              onBranch(id);
              setPage(1);
            }}
          />
          <TextInput
            aria-label="查找党员"
            placeholder="查找姓名"
            leftSection={<IconSearch size={14} />}
            value={text}
            onChange={(e) => {
              setText(e.currentTarget.value);
              setPage(1);
            }}
            w={180}
          />
        </Group>
        <Group gap="xs">
          <Button variant="default" leftSection={<IconRefresh size={16} />} onClick={assess} loading={busy}>
            更新核定表
          </Button>
          <Button variant="default" leftSection={<IconFileImport size={16} />} onClick={() => setImporting(true)}>
            从工资表导入基数
          </Button>
          <ReportMenu report="assessment" params={{ year, ...(branchId ? { branchId } : {}) }} label="打印核定表" />
          <Button
            leftSection={<IconLock size={16} />}
            onClick={() => setLocking(true)}
            disabled={!view.rows.some((r) => !r.locked)}
          >
            锁定{year}年度核定
          </Button>
        </Group>
      </Group>

      <Paper withBorder radius="md">
        <Table.ScrollContainer minWidth={980}>
          <Table highlightOnHover verticalSpacing={6} aria-label="党费核定表">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={90}>姓名</Table.Th>
                <Table.Th w={130}>党支部</Table.Th>
                <Table.Th w={80}>类别</Table.Th>
                <Table.Th w={110} ta="right">
                  月基数（元）
                </Table.Th>
                <Table.Th w={100}>标准</Table.Th>
                <Table.Th w={130} ta="right" style={{ whiteSpace: 'nowrap' }}>
                  月交纳额（元）
                </Table.Th>
                <Table.Th>计算过程</Table.Th>
                <Table.Th w={70} />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {shown.map((r) => {
                const v = r.current;
                const t = v.terms;
                return (
                  <Table.Tr key={r.memberId} aria-label={r.name}>
                    <Table.Td>
                      <Anchor component="button" size="sm" onClick={() => go('dues', r.memberId)}>
                        {r.name}
                      </Anchor>
                      {r.memberCategory === 'probationary' && (
                        <Badge size="xs" variant="light" color="orange" ml={4}>
                          预备
                        </Badge>
                      )}
                    </Table.Td>
                    <Table.Td>{r.branchName}</Table.Td>
                    <Table.Td>{DUES_CATEGORY_LABEL[t.category]}</Table.Td>
                    <Table.Td ta="right">
                      {CATEGORY_KIND[t.category] === 'percentage' ? <Yuan fen={t.baseFen} /> : ''}
                      {v.baseSource && v.baseSource !== 'typed' && (
                        <Text size="xs" c={v.baseSource === 'carried' ? 'orange' : 'dimmed'}>
                          {BASE_SOURCE_LABEL[v.baseSource]}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>{v.standard ?? ''}</Table.Td>
                    <Table.Td ta="right" fw={600}>
                      <Yuan fen={v.amountFen} />
                    </Table.Td>
                    <Table.Td>
                      {v.problem ? (
                        <Text size="sm" c="red">
                          {v.problem}
                        </Text>
                      ) : (
                        <Tooltip
                          label={v.baseWorking ?? ''}
                          disabled={!v.baseWorking}
                          multiline
                          w={420}
                          openDelay={300}
                        >
                          <Text size="sm">{v.explanation}</Text>
                        </Tooltip>
                      )}
                      {r.versions.length > 1 && (
                        <Text size="xs" c="dimmed">
                          {r.versions
                            .filter((x) => x.reason)
                            .map((x) => `${formatMonth(x.effectiveFrom)}起调整：${x.reason}`)
                            .join('；')}
                        </Text>
                      )}
                      {(r.startMonth !== `${year}-01` || r.endMonth) && (
                        <Text size="xs" c="dimmed">
                          {[
                            r.startMonth !== `${year}-01` ? `${formatMonth(r.startMonth)}起交` : '',
                            r.endMonth ? `交至${formatMonth(r.endMonth)}` : '',
                            `全年应交 ${r.dueMonths} 个月`,
                          ]
                            .filter(Boolean)
                            .join('，')}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Button size="compact-xs" variant="subtle" onClick={() => open(r)}>
                        {r.locked ? '调整' : '核定'}
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        {rows.length === 0 && (
          <Text p="lg" ta="center" c="dimmed" size="sm">
            {needle ? '没有符合条件的党员。' : '本年度没有需要核定的党员。'}
          </Text>
        )}
      </Paper>
      {rows.length > PAGE && (
        <Group justify="space-between">
          <Text size="sm" c="dimmed">
            共 {rows.length} 人
          </Text>
          <Pagination total={Math.ceil(rows.length / PAGE)} value={page} onChange={setPage} size="sm" />
        </Group>
      )}
      {editing && (
        <TermsModal year={year} row={editing.row} mode={editing.mode} today={today} onClose={() => setEditing(null)} />
      )}
      {importing && (
        <PayrollWizard year={year} locked={!view.rows.some((r) => !r.locked)} onClose={() => setImporting(false)} />
      )}
      {locking && <LockModal view={view} onClose={() => setLocking(false)} />}
      {unlocking && <UnlockModal year={year} onClose={() => setUnlocking(false)} />}
    </Stack>
  );
}

function LockModal({ view, onClose }: { view: AssessmentView; onClose: () => void }) {
  const { busy, error, submit, edited } = useSubmit(async () => {
    const r = await change('dues.lock', { year: view.year });
    notifySaved(`已锁定 ${r.locked} 名党员的${view.year}年度党费核定。`);
    onClose();
  });
  return (
    <Modal opened onClose={onClose} title={`锁定${view.year}年度党费核定`}>
      <form onSubmit={submit} onChange={edited}>
        <Stack gap="sm">
          <Text size="sm">
            锁定后，{view.year}
            年度每名党员的基数和月交纳额在年度内固定，打印的核定表即以此为准。年度内确需变动的，逐人登记“调整”，写明从哪个月起和原因。
          </Text>
          {view.totals.incomplete > 0 && (
            <Alert color="orange">
              还有 {view.totals.incomplete} 名党员的核定不完整（多为在职、离退休党员尚未填写基数），补全后才能锁定。
            </Alert>
          )}
          <FormError error={error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              取消
            </Button>
            <Button type="submit" loading={busy} leftSection={<IconLock size={16} />}>
              锁定
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** Undoes a lock made by mistake; the core refuses once any dues of the year are recorded. */
function UnlockModal({ year, onClose }: { year: number; onClose: () => void }) {
  const [reason, setReason] = useState('');
  const { busy, error, submit, fieldError, edited } = useSubmit(async () => {
    await change('dues.unlock', { year, reason });
    notifySaved(`已解除${year}年度党费核定的锁定。`);
    onClose();
  });
  return (
    <Modal opened onClose={onClose} title={`解除${year}年度党费核定的锁定`}>
      <form onSubmit={submit} onChange={edited}>
        <Stack gap="sm">
          <Text size="sm">
            只用于锁定后立即发现核定有误的情形：本年度已登记党费收缴或调整后，不能再解除锁定，个别党员的变动请登记“调整”。
          </Text>
          <Textarea
            label="解除锁定的原因"
            withAsterisk
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            error={fieldError('reason')}
            data-autofocus
          />
          <FormError error={error} inlineFields={['reason']} />
          <FormActions onCancel={onClose} busy={busy} label="解除锁定" danger />
        </Stack>
      </form>
    </Modal>
  );
}
