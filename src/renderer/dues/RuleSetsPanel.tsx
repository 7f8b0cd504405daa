import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Group,
  Modal,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
  Tooltip,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { formatYuan, parseYuan } from '../../shared/dues/money';
import { addMonthsTo, formatMonth, monthRange } from '../../shared/dues/months';
import {
  describeBrackets,
  draftFrom,
  latestRuleSet,
  plainYuan,
  ruleSetProblems,
  type RuleSetInput,
  type RuleSetPreview,
  type RuleSetView,
} from '../../shared/dues/rule-sets';
import { DUES_CATEGORY_LABEL, type Bracket, type FlatCategory } from '../../shared/dues/rules';
import { change } from '../api/client';
import { useQuery } from '../api/use-query';
import { FormError } from '../common/FormError';
import { notifySaved } from '../common/notify';
import { QueryView } from '../common/QueryView';
import { useSubmit } from '../common/use-submit';
import { Yuan, YuanInput } from './dues-parts';
import { FormActions } from '../common/FormActions';

/*
 * 党费标准: the rule sets in force over time. The shipped ones are shown and kept; the office adds
 * a set when the centre changes rates, from a month after the latest, seeing first what it would
 * change; a set it added may be removed while nothing locked is bound to it.
 */

export function RuleSetsPanel({ today }: { today: string }) {
  const sets = useQuery('dues.ruleSets', {});
  const [adding, setAdding] = useState(false);
  const [removing, setRemoving] = useState<RuleSetView | null>(null);
  return (
    <Paper withBorder p="md" radius="md" maw={1100}>
      <Stack gap="sm">
        <Group justify="space-between">
          <Text fw={600}>党费标准（比例、档次与定额）</Text>
          <Button
            size="xs"
            leftSection={<IconPlus size={14} />}
            onClick={() => setAdding(true)}
            disabled={sets.status !== 'ready'}
          >
            新增党费标准
          </Button>
        </Group>
        <Text size="sm" c="dimmed">
          中央调整党费标准时，在这里新增一套标准并写明从哪个月起执行，不必等待程序升级。已锁定的核定和已登记的调整仍按原标准；未锁定的核定从起始月份起按新标准重新计算。程序内置的标准不能修改或删除。
        </Text>
        <QueryView query={sets}>
          {(list) => (
            <>
              <RuleSetTable sets={list} onRemove={setRemoving} />
              {adding && <AddRuleSetModal sets={list} today={today} onClose={() => setAdding(false)} />}
              {removing && <RemoveRuleSetModal set={removing} onClose={() => setRemoving(null)} />}
            </>
          )}
        </QueryView>
      </Stack>
    </Paper>
  );
}

function RuleSetTable({ sets, onRemove }: { sets: RuleSetView[]; onRemove: (set: RuleSetView) => void }) {
  return (
    <Table withTableBorder withColumnBorders aria-label="党费标准" verticalSpacing={6}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th w={100}>起始月份</Table.Th>
          <Table.Th>名称与依据</Table.Th>
          <Table.Th>在职党员（按全额计算，各档含上限）</Table.Th>
          <Table.Th>离退休党员</Table.Th>
          <Table.Th w={170}>定额与上限</Table.Th>
          <Table.Th w={150}>使用情况</Table.Th>
          <Table.Th w={56} />
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {sets.map((s) => (
          <Table.Tr key={s.id}>
            <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatMonth(s.effectiveFrom)}起</Table.Td>
            <Table.Td>
              <Group gap={6}>
                <Text size="sm" fw={500}>
                  {s.name}
                </Text>
                <Badge size="xs" variant="light" color={s.origin === 'builtIn' ? 'gray' : 'blue'}>
                  {s.origin === 'builtIn' ? '内置' : '本机关新增'}
                </Badge>
              </Group>
              <Text size="xs" c="dimmed">
                {s.basis}
              </Text>
            </Table.Td>
            <Table.Td>
              <Text size="sm">{describeBrackets(s.employedBrackets)}</Text>
            </Table.Td>
            <Table.Td>
              <Text size="sm">{describeBrackets(s.retiredBrackets)}</Text>
            </Table.Td>
            <Table.Td>
              <Text size="xs">
                学生等 {formatYuan(s.flatFen.student)} 元/月；农民 {formatYuan(s.farmerFen.min)}–
                {formatYuan(s.farmerFen.max)} 元/月；每月上限{' '}
                {s.monthlyCapFen === null ? '不设' : `${plainYuan(s.monthlyCapFen)} 元`}；大额{' '}
                {plainYuan(s.largeVoluntaryFen)} 元起
              </Text>
            </Table.Td>
            <Table.Td>
              <Text size="xs">
                {s.fixed || s.drafts ? `锁定的核定和调整 ${s.fixed} 条；未锁定 ${s.drafts} 条` : '尚无核定按此标准计算'}
              </Text>
            </Table.Td>
            <Table.Td>
              {s.origin === 'office' && (
                <Tooltip label={s.keptBecause ?? '删除这套标准'} multiline w={220}>
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    aria-label={`删除${s.name}`}
                    disabled={s.keptBecause !== null}
                    onClick={() => onRemove(s)}
                  >
                    <IconTrash size={16} />
                  </ActionIcon>
                </Tooltip>
              )}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/* ---------- a new set ---------- */

/** A bracket as typed: the upper bound in 分 (null for the last) and the rate as text ("1.5"). */
interface BracketRow {
  upToFen: number | null;
  rate: string;
}

const toRows = (brackets: readonly Bracket[]): BracketRow[] =>
  brackets.map((b) => ({ upToFen: b.upToFen, rate: String(b.rateBp / 100) }));

/** "1.5" → 150 basis points, read exactly as money is (two decimals at most); null when it is not a rate. */
function rateBp(text: string): number | null {
  const parsed = parseYuan(text.replace(/[%％]\s*$/, ''));
  return parsed.ok ? parsed.fen : null;
}

function BracketsEditor({
  label,
  rows,
  onChange,
}: {
  label: string;
  rows: BracketRow[];
  onChange: (rows: BracketRow[]) => void;
}) {
  const set = (i: number, patch: Partial<BracketRow>) =>
    onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <Stack gap={4}>
      <Text size="sm" fw={500}>
        {label}
      </Text>
      <Table verticalSpacing={4} horizontalSpacing={6} aria-label={`${label}的档次`}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th fz="xs" fw={400} c="dimmed">
              基数
            </Table.Th>
            <Table.Th fz="xs" fw={400} c="dimmed" w={160}>
              上限（含）
            </Table.Th>
            <Table.Th fz="xs" fw={400} c="dimmed" w={96}>
              比例
            </Table.Th>
            <Table.Th w={70} />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r, i) => {
            const last = i === rows.length - 1;
            const lower = i > 0 ? rows[i - 1]!.upToFen : null;
            return (
              <Table.Tr key={i}>
                <Table.Td fz="sm" style={{ whiteSpace: 'nowrap' }}>
                  {i === 0 ? (last ? '全部基数' : '最低一档') : `${lower === null ? '…' : formatYuan(lower)} 元以上`}
                </Table.Td>
                <Table.Td>
                  {last ? (
                    <Text size="sm" c="dimmed">
                      不设上限
                    </Text>
                  ) : (
                    <YuanInput
                      aria-label={`${label}第${i + 1}档上限`}
                      size="xs"
                      value={r.upToFen}
                      onChange={(upToFen) => set(i, { upToFen })}
                    />
                  )}
                </Table.Td>
                <Table.Td>
                  <TextInput
                    aria-label={`${label}第${i + 1}档比例`}
                    size="xs"
                    value={r.rate}
                    onChange={(e) => set(i, { rate: e.currentTarget.value })}
                    rightSection={
                      <Text size="xs" c="dimmed">
                        %
                      </Text>
                    }
                    error={rateBp(r.rate) === null ? '最多两位小数' : undefined}
                  />
                </Table.Td>
                <Table.Td>
                  <Button
                    size="compact-xs"
                    variant="subtle"
                    color="gray"
                    disabled={rows.length === 1}
                    onClick={() => {
                      const next = rows.filter((_, j) => j !== i);
                      next[next.length - 1] = { ...next[next.length - 1]!, upToFen: null };
                      onChange(next);
                    }}
                  >
                    删除
                  </Button>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
      <Group>
        <Button
          size="compact-xs"
          variant="light"
          onClick={() => {
            // A new highest bracket: the one that was highest now needs its upper bound filled in.
            onChange([...rows, { upToFen: null, rate: rows[rows.length - 1]!.rate }]);
          }}
        >
          增加一档
        </Button>
      </Group>
    </Stack>
  );
}

function AddRuleSetModal({ sets, today, onClose }: { sets: RuleSetView[]; today: string; onClose: () => void }) {
  const latest = latestRuleSet(sets);
  const firstAllowed = addMonthsTo(latest.effectiveFrom, 1);
  const nextJanuary = `${Number(today.slice(0, 4)) + 1}-01`;
  const months = monthRange(
    firstAllowed,
    `${Math.max(Number(today.slice(0, 4)), Number(firstAllowed.slice(0, 4))) + 3}-12`,
  );
  const seed = draftFrom(latest, nextJanuary > latest.effectiveFrom ? nextJanuary : firstAllowed);
  const [name, setName] = useState('');
  const [effectiveFrom, setEffectiveFrom] = useState(seed.effectiveFrom);
  const [basis, setBasis] = useState('');
  const [employed, setEmployed] = useState(toRows(seed.employedBrackets));
  const [retired, setRetired] = useState(toRows(seed.retiredBrackets));
  const [flat, setFlat] = useState<Record<FlatCategory, number | null>>(seed.flatFen);
  const [farmerMin, setFarmerMin] = useState<number | null>(seed.farmerFen.min);
  const [farmerMax, setFarmerMax] = useState<number | null>(seed.farmerFen.max);
  const [cap, setCap] = useState<number | null>(seed.monthlyCapFen);
  const [large, setLarge] = useState<number | null>(seed.largeVoluntaryFen);
  const [extra, setExtra] = useState('');

  // The draft exists once every amount and rate reads; until then the fields say what is wrong.
  const brackets = (rows: BracketRow[]) =>
    rows.map((r, i) => ({ upToFen: i === rows.length - 1 ? null : r.upToFen, rateBp: rateBp(r.rate) }));
  const e = brackets(employed);
  const r = brackets(retired);
  const readable =
    e.every((b) => b.rateBp !== null) &&
    r.every((b) => b.rateBp !== null) &&
    Object.values(flat).every((v) => v !== null) &&
    farmerMin !== null &&
    farmerMax !== null &&
    large !== null;
  const draft: RuleSetInput | null = readable
    ? {
        name: name.trim() || '（未命名）',
        effectiveFrom,
        basis: basis.trim() || '（未填写）',
        employedBrackets: e as Bracket[],
        retiredBrackets: r as Bracket[],
        flatFen: flat as Record<FlatCategory, number>,
        farmerFen: { min: farmerMin, max: farmerMax },
        monthlyCapFen: cap,
        largeVoluntaryFen: large,
      }
    : null;
  const extraBases = extra
    .split(/[,，、\s]+/)
    .filter(Boolean)
    .map((t) => parseYuan(t))
    .flatMap((p) => (p.ok ? [p.fen] : []))
    .slice(0, 20);
  const [debounced] = useDebouncedValue(JSON.stringify({ draft, extraBases }), 300);
  const missing = [!name.trim() && '请填写标准名称', !basis.trim() && '请填写依据文件'].filter(Boolean) as string[];
  const problems = draft ? ruleSetProblems(draft, sets) : [];

  const { busy, error, submit, edited } = useSubmit(async () => {
    if (!draft) throw new Error('还有金额或比例没有填写正确，请先改正标红的项目');
    if (missing.length) throw new Error(missing.join('；'));
    await change('dues.addRuleSet', { ...draft, name: name.trim(), basis: basis.trim() });
    notifySaved(`已新增“${name.trim()}”，自${formatMonth(effectiveFrom)}起执行；未锁定的核定已按新标准重新计算。`);
    onClose();
  });

  return (
    <Modal opened onClose={onClose} title="新增党费标准" size={1100}>
      <form onSubmit={submit} onChange={edited} aria-label="新增党费标准">
        <Stack gap="md">
          <Text size="sm" c="dimmed">
            以现行最新标准“{latest.name}”（{formatMonth(latest.effectiveFrom)}
            起）为底稿，按中央新文件修改有变化的项目。起始月份须晚于{formatMonth(latest.effectiveFrom)}
            。每档上限都归入该档（如“3000元以下（含3000元）”），按全额计算，不累进。
          </Text>
          <SimpleGrid cols={3}>
            <TextInput
              label="标准名称"
              withAsterisk
              placeholder="如：2027年调整后党费标准"
              value={name}
              onChange={(ev) => setName(ev.currentTarget.value)}
            />
            <Select
              label="起始月份"
              withAsterisk
              searchable
              data={months.map((m) => ({ value: m, label: formatMonth(m) }))}
              value={effectiveFrom}
              onChange={(v) => v && setEffectiveFrom(v)}
              allowDeselect={false}
            />
            <TextInput
              label="依据文件"
              withAsterisk
              placeholder="文件名称和文号"
              value={basis}
              onChange={(ev) => setBasis(ev.currentTarget.value)}
            />
          </SimpleGrid>
          <SimpleGrid cols={2}>
            <BracketsEditor label="在职党员（含年薪制、个体）" rows={employed} onChange={setEmployed} />
            <BracketsEditor label="离退休党员" rows={retired} onChange={setRetired} />
          </SimpleGrid>
          <SimpleGrid cols={4}>
            {(Object.keys(flat) as FlatCategory[]).map((c) => (
              <YuanInput
                key={c}
                label={`${DUES_CATEGORY_LABEL[c]}党员每月`}
                value={flat[c]}
                onChange={(v) => setFlat({ ...flat, [c]: v })}
              />
            ))}
            <YuanInput label="农民党员每月最低" value={farmerMin} onChange={setFarmerMin} />
            <YuanInput label="农民党员每月最高" value={farmerMax} onChange={setFarmerMax} />
            <YuanInput label="每月一般上限" description="空着表示不设上限" value={cap} onChange={setCap} />
            <YuanInput label="大额党费起点" value={large} onChange={setLarge} />
          </SimpleGrid>
          <RuleSetPreviewView input={debounced} extra={extra} onExtra={setExtra} problems={problems} />
          <FormError error={error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              取消
            </Button>
            <Button type="submit" loading={busy} disabled={!draft || problems.length > 0}>
              保存新标准
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function RuleSetPreviewView({
  input,
  extra,
  onExtra,
  problems,
}: {
  input: string;
  extra: string;
  onExtra: (v: string) => void;
  problems: { message: string }[];
}) {
  const parsed = JSON.parse(input) as { draft: RuleSetInput | null; extraBases: number[] };
  return (
    <Paper withBorder p="sm" radius="md" bg="gray.0">
      <Stack gap="xs">
        <Group justify="space-between" align="flex-end">
          <Title order={5}>新标准会改变什么</Title>
          <TextInput
            size="xs"
            w={360}
            label="另看几个基数（元，用逗号分开）"
            value={extra}
            onChange={(e) => onExtra(e.currentTarget.value)}
            placeholder="如 4500, 8800"
          />
        </Group>
        {problems.length > 0 && (
          <Alert color="red" variant="light" title="请先改正" role="alert">
            <Stack gap={2}>
              {problems.map((p, i) => (
                <Text key={i} size="sm">
                  {p.message}
                </Text>
              ))}
            </Stack>
          </Alert>
        )}
        {parsed.draft ? (
          <PreviewResult draft={parsed.draft} extraBases={parsed.extraBases} />
        ) : (
          <Text size="sm" c="dimmed">
            填好各档比例和金额后，这里列出按新旧标准计算的对比。
          </Text>
        )}
      </Stack>
    </Paper>
  );
}

function PreviewResult({ draft, extraBases }: { draft: RuleSetInput; extraBases: number[] }) {
  const preview = useQuery('dues.previewRuleSet', { draft, sampleBasesFen: extraBases });
  return <QueryView query={preview}>{(p) => <PreviewTables preview={p} />}</QueryView>;
}

function PreviewTables({ preview }: { preview: RuleSetPreview }) {
  const changed = preview.samples.filter((s) => s.before.amountFen !== s.after.amountFen).length;
  return (
    <Stack gap="xs">
      <Text size="sm">
        与“{preview.replaces.name}”（{formatMonth(preview.replaces.effectiveFrom)}起）相比：下列{' '}
        {preview.samples.length} 个基数中 {changed} 个金额改变。
        {preview.openRows.count > 0
          ? `未锁定的核定中有 ${preview.openRows.count} 条在${formatMonth(preview.openRows.from)}以后，保存后按新标准重新计算，其中 ${preview.openRows.changed} 条金额改变。`
          : `${formatMonth(preview.openRows.from)}以后没有未锁定的核定，已锁定的核定不受影响。`}
      </Text>
      {preview.changes.length > 0 && (
        <Text size="sm">其他变化：{preview.changes.map((c) => `${c.label} ${c.before} → ${c.after}`).join('；')}</Text>
      )}
      {preview.samples.length > 0 && (
        <Table withTableBorder striped aria-label="新旧标准对比" verticalSpacing={2} fz="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>类别</Table.Th>
              <Table.Th ta="right">月基数（元）</Table.Th>
              <Table.Th ta="right">原标准</Table.Th>
              <Table.Th ta="right">新标准</Table.Th>
              <Table.Th ta="right">变化（元）</Table.Th>
              <Table.Th>新标准计算过程</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {preview.samples.map((s) => {
              const diff = s.after.amountFen - s.before.amountFen;
              return (
                <Table.Tr
                  key={`${s.category}-${s.baseFen}`}
                  fw={diff !== 0 ? 600 : undefined}
                  style={{ whiteSpace: 'nowrap' }}
                >
                  <Table.Td>{DUES_CATEGORY_LABEL[s.category]}</Table.Td>
                  <Table.Td ta="right">
                    <Yuan fen={s.baseFen} />
                  </Table.Td>
                  <Table.Td ta="right">
                    {s.before.rate}　<Yuan fen={s.before.amountFen} />
                  </Table.Td>
                  <Table.Td ta="right">
                    {s.after.rate}　<Yuan fen={s.after.amountFen} />
                  </Table.Td>
                  <Table.Td ta="right" c={diff > 0 ? 'red' : diff < 0 ? 'teal' : 'dimmed'}>
                    {diff === 0 ? '—' : `${diff > 0 ? '+' : '−'}${formatYuan(Math.abs(diff))}`}
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'normal' }}>
                    <Text size="xs">{s.explanation}</Text>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      )}
      <Text size="xs" c="dimmed">
        金额按本机关的取整设置计算；粗体为金额改变的基数。
      </Text>
    </Stack>
  );
}

/* ---------- removing a set the office added ---------- */

function RemoveRuleSetModal({ set, onClose }: { set: RuleSetView; onClose: () => void }) {
  const [reason, setReason] = useState('');
  const { busy, error, submit, edited } = useSubmit(async () => {
    await change('dues.removeRuleSet', { id: set.id, reason });
    notifySaved(
      `已删除“${set.name}”。${set.drafts ? `按它计算的 ${set.drafts} 条未锁定核定已按此前的标准重新计算。` : ''}`,
    );
    onClose();
  });
  return (
    <Modal opened onClose={onClose} title={`删除“${set.name}”`}>
      <form onSubmit={submit} onChange={edited} aria-label="删除党费标准">
        <Stack gap="sm">
          <Text size="sm">
            {formatMonth(set.effectiveFrom)}起的月份将改按此前的标准计算。
            {set.drafts ? `目前有 ${set.drafts} 条未锁定的核定按它计算，删除后重新计算。` : '目前没有核定按它计算。'}
            删除会记入操作记录。
          </Text>
          <Textarea
            label="删除原因"
            withAsterisk
            autosize
            minRows={2}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            placeholder="如：起始月份录入错误"
          />
          <FormError error={error} />
          <FormActions onCancel={onClose} busy={busy} label="删除" danger />
        </Stack>
      </form>
    </Modal>
  );
}
