import {
  Alert,
  Badge,
  Button,
  Checkbox,
  FileButton,
  Group,
  Modal,
  ScrollArea,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Tabs,
  Text,
} from '@mantine/core';
import { IconDownload, IconFileSpreadsheet } from '@tabler/icons-react';
import { useState } from 'react';
import type { FileInput } from '../../shared/files';
import {
  IMPORT_FIELD_KEYS,
  IMPORT_FIELDS,
  type ImportField,
  type ImportPreview,
  type ImportResult,
  type ImportSheet,
  type NewUnit,
} from '../../shared/members/import-fields';
import { change, invoke } from '../api/client';
import { readFile, saveFile, WORKBOOK_FILES } from '../common/files';
import { notifyFailed } from '../common/notify';
import { ProblemTable } from '../common/ProblemTable';
import { TaskProgress } from '../common/TaskProgress';
import { asAppError } from '../common/use-submit';
import { useTask } from '../common/use-task';

type Mapping = { index: number; field: ImportField | null }[];
type UnitMapping = { name: string; unitId: number }[];

const UNIT_KIND_WORD: Record<NewUnit['kind'], string> = {
  generalBranch: '党总支',
  branch: '党支部',
  partyGroup: '党小组',
};

const FIELD_OPTIONS = [
  { value: '', label: '（不导入此列）' },
  ...IMPORT_FIELD_KEYS.map((k) => ({ value: k, label: IMPORT_FIELDS[k].label })),
];

/**
 * Import in three steps: pick a workbook; see how its columns were understood and every
 * problem by row, column and value (fix the workbook and read it again, or leave those rows
 * out explicitly); then commit, which writes every accepted row or none.
 */
export function ImportWizard({ onClose }: { onClose: () => void }) {
  const [file, setFile] = useState<FileInput | null>(null);
  const [mapping, setMapping] = useState<Mapping | null>(null);
  const [unitMapping, setUnitMapping] = useState<UnitMapping>([]);
  // The sheets read, when the person chose them (one sheet per branch); null: the preview's own choice.
  const [sheets, setSheets] = useState<string[] | null>(null);
  const [createBranches, setCreateBranches] = useState(false);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [skip, setSkip] = useState(false);
  const [result, setResult] = useState<ImportResult | null>(null);
  // Reading, checking and writing 10,000 rows takes seconds: the bar says how far, 取消 stops it.
  const task = useTask();
  const busy = task.running;

  const analyse = async (
    next: FileInput,
    nextMapping: Mapping | null,
    nextUnits: UnitMapping = [],
    nextSheets: string[] | null = null,
  ) => {
    setError(null);
    try {
      const read = await task.run(
        (id) =>
          invoke(
            'roster.importPreview',
            { file: next, mapping: nextMapping, unitMapping: nextUnits, ...(nextSheets ? { sheets: nextSheets } : {}) },
            { task: id },
          ),
        '正在读取工作簿',
      );
      setPreview(read);
      setFile(next);
      setMapping(nextMapping);
      setUnitMapping(nextUnits);
      setSheets(nextSheets);
      setSkip(false);
      setCreateBranches(false);
    } catch (caught) {
      const failure = asAppError(caught);
      if (failure.code === 'CANCELLED' && preview) return; // the earlier reading still stands
      setPreview(null);
      setError(failure.code === 'CANCELLED' ? '已取消读取文件。' : failure.message);
    }
  };
  const pick = async (picked: File | null) => {
    if (picked) await analyse(await readFile(picked), null);
  };
  const remap = (index: number, field: ImportField | null) => {
    if (!file || !preview || busy) return;
    const next = preview.columns.map((c) => ({ index: c.index, field: c.index === index ? field : c.field }));
    void analyse(file, next, unitMapping, sheets);
  };
  /** A sheet ticked or unticked: the workbook is read again with the sheets now chosen (the column mapping is the sheets' own). */
  const chooseSheet = (name: string, read: boolean) => {
    if (!file || !preview || busy) return;
    const now = preview.sheets.filter((s) => s.chosen).map((s) => s.name);
    const next = read
      ? preview.sheets.filter((s) => s.chosen || s.name === name).map((s) => s.name)
      : now.filter((n) => n !== name);
    if (next.length) void analyse(file, null, unitMapping, next);
  };
  /** A new name the person says is an existing unit (or, unitId null, a new one after all). */
  const mapUnit = (name: string, unitId: number | null) => {
    if (!file || busy) return;
    const next = unitMapping.filter((m) => m.name !== name);
    void analyse(file, mapping, unitId === null ? next : [...next, { name, unitId }], sheets);
  };
  const commit = async () => {
    if (!file || !preview) return;
    setError(null);
    try {
      const input = {
        file,
        mapping,
        unitMapping,
        ...(sheets ? { sheets } : {}),
        createBranches,
        skipRows: skip ? preview.problemRows : [],
      };
      setResult(await task.run((id) => change('roster.importCommit', input, { task: id }), '正在准备导入'));
    } catch (caught) {
      const failure = asAppError(caught);
      setError(failure.code === 'CANCELLED' ? '已取消导入，名册没有任何改动。' : failure.message);
    }
  };

  const problems = preview?.problemRows.length ?? 0;
  const missing = preview?.errors.some((e) => e.column === '表头') ?? false;
  const canCommit =
    preview !== null &&
    !missing &&
    preview.valid > 0 &&
    (problems === 0 || skip) &&
    (preview.newBranches.length === 0 || createBranches) &&
    preview.newMembers + preview.updatedMembers > 0;

  return (
    <Modal
      opened
      onClose={onClose}
      title="导入党员名册"
      size={1100}
      closeOnClickOutside={false}
      closeOnEscape={!busy}
      withCloseButton={!busy}
    >
      {result ? (
        <Stack>
          <Alert color="teal" title="导入完成">
            新增 {result.added} 人，更新 {result.updated} 人
            {result.skipped.length ? `，跳过 ${result.skipped.length} 行` : ''}
            {result.createdBranches.length ? `；建立了 ${result.createdBranches.join('、')}` : ''}。
          </Alert>
          <Group justify="flex-end">
            <Button onClick={onClose}>完成</Button>
          </Group>
        </Stack>
      ) : (
        <Stack gap="md">
          <Group justify="space-between">
            <Group gap="sm">
              <FileButton onChange={pick} accept={WORKBOOK_FILES}>
                {(props) => (
                  <Button
                    {...props}
                    disabled={busy}
                    leftSection={<IconFileSpreadsheet size={16} />}
                    variant={preview ? 'default' : 'filled'}
                  >
                    {preview ? '改正后重新选择文件' : '选择 Excel 文件'}
                  </Button>
                )}
              </FileButton>
              {file && (
                <Text size="sm" c="dimmed">
                  {file.fileName}
                </Text>
              )}
            </Group>
            <Button
              variant="subtle"
              leftSection={<IconDownload size={16} />}
              onClick={() => invoke('roster.template', {}).then(saveFile, notifyFailed)}
            >
              下载导入模板
            </Button>
          </Group>
          <TaskProgress task={task} cancelLabel="取消导入" />
          {!preview && !error && !busy && (
            <Text size="sm" c="dimmed">
              支持 Excel 工作簿（.xlsx、.xls）和 WPS
              表格（.et）：表头上方可以有标题行，表头可以是合并单元格或两行，列名可用常见写法（如“身份证号”“公民身份号码”），多余的列会被忽略，空行、“合计”行和表格下方的填表人、说明会被跳过。每个党支部一张工作表（以党支部命名）的工作簿可以一次导入。身份证号一列请设为“文本”格式。
            </Text>
          )}
          {error && (
            <Alert color="red" role="alert">
              {error}
            </Alert>
          )}
          {preview && preview.sheets.filter((s) => s.kind !== 'empty').length > 1 && (
            <SheetsView sheets={preview.sheets} onChoose={chooseSheet} busy={busy} />
          )}
          {preview && preview.newBranches.length > 0 && (
            <NewUnitsView
              units={preview.newBranches}
              unitMapping={unitMapping}
              onMap={mapUnit}
              confirmed={createBranches}
              onConfirm={setCreateBranches}
            />
          )}
          {preview && (
            <PreviewView preview={preview} onRemap={remap} file={file!} mapping={mapping} sheets={sheets} busy={busy} />
          )}
          {preview && problems > 0 && !missing && (
            <Checkbox
              checked={skip}
              onChange={(e) => setSkip(e.currentTarget.checked)}
              label={`跳过有问题的 ${problems} 行，只导入其余 ${preview.valid} 行（被跳过的人不会写入名册）`}
            />
          )}
          {preview && (
            <Group justify="flex-end">
              <Button variant="default" onClick={onClose} disabled={busy}>
                取消
              </Button>
              <Button onClick={commit} disabled={!canCommit} loading={busy}>
                导入 {preview.newMembers + preview.updatedMembers} 人
              </Button>
            </Group>
          )}
        </Stack>
      )}
    </Modal>
  );
}

function PreviewView({
  preview: p,
  onRemap,
  file,
  mapping,
  sheets,
  busy,
}: {
  preview: ImportPreview;
  onRemap: (index: number, field: ImportField | null) => void;
  file: FileInput;
  mapping: Mapping | null;
  sheets: string[] | null;
  busy: boolean;
}) {
  const several = p.sheets.filter((s) => s.chosen).length > 1;
  return (
    <Stack gap="sm">
      <SimpleGrid cols={5} spacing="sm" aria-label="导入概况">
        <Stat label="读取行数" value={p.rows} />
        <Stat label="新增" value={p.newMembers} color="teal" />
        <Stat label="更新" value={p.updatedMembers} color="blue" />
        <Stat label="无变化" value={p.unchangedMembers} />
        <Stat label="有问题的行" value={p.problemRows.length} color={p.problemRows.length ? 'red' : undefined} />
      </SimpleGrid>
      <Text size="xs" c="dimmed">
        工作表“{p.sheetName}”，表头在{several ? '第一个工作表的' : ''}第 {p.headerRow} 行
        {p.skippedRows.length
          ? `；已跳过 ${p.skippedRows.map((s) => `${s.sheet ? `“${s.sheet}”` : ''}第${s.row}行（${s.reason}）`).join('、')}`
          : ''}
      </Text>
      <Tabs defaultValue={p.errors.length ? 'problems' : 'mapping'} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab
            value="problems"
            rightSection={
              p.errors.length ? (
                <Badge size="xs" color="red">
                  {p.errorCount}
                </Badge>
              ) : null
            }
          >
            问题
          </Tabs.Tab>
          <Tabs.Tab value="mapping">列对应</Tabs.Tab>
          <Tabs.Tab value="changes" rightSection={p.changeCount ? <Badge size="xs">{p.changeCount}</Badge> : null}>
            将更新的内容
          </Tabs.Tab>
          <Tabs.Tab
            value="notices"
            rightSection={
              p.notices.length ? (
                <Badge size="xs" color="gray">
                  {p.noticeCount}
                </Badge>
              ) : null
            }
          >
            提示
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="problems" pt="sm">
          {p.errors.length === 0 ? (
            <Text size="sm" c="teal.8">
              没有发现问题。
            </Text>
          ) : (
            <Stack gap="xs">
              <Group justify="space-between">
                <Text size="sm">请在 Excel 中改正这些单元格后重新选择文件，或勾选下方“跳过有问题的行”。</Text>
                <Button
                  size="xs"
                  variant="light"
                  leftSection={<IconDownload size={14} />}
                  onClick={() =>
                    invoke('roster.importProblems', { file, mapping, ...(sheets ? { sheets } : {}) }).then(
                      saveFile,
                      notifyFailed,
                    )
                  }
                >
                  下载问题清单
                </Button>
              </Group>
              <Shown count={p.errors.length} total={p.errorCount} what="问题" />
              <ProblemTable problems={p.errors} />
            </Stack>
          )}
        </Tabs.Panel>
        <Tabs.Panel value="mapping" pt="sm">
          <ScrollArea.Autosize mah={360}>
            <Table verticalSpacing={4} aria-label="列对应">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={60}>列</Table.Th>
                  <Table.Th>表格中的列名</Table.Th>
                  <Table.Th w={260}>导入为</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {p.columns.map((c) => (
                  <Table.Tr key={c.index}>
                    <Table.Td>{c.letter}</Table.Td>
                    <Table.Td>{c.header}</Table.Td>
                    <Table.Td>
                      <Select
                        size="xs"
                        aria-label={`${c.letter}列导入为`}
                        data={FIELD_OPTIONS}
                        value={c.field ?? ''}
                        onChange={(v) => onRemap(c.index, (v || null) as ImportField | null)}
                        allowDeselect={false}
                        disabled={busy}
                        searchable
                      />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollArea.Autosize>
        </Tabs.Panel>
        <Tabs.Panel value="changes" pt="sm">
          {p.changes.length === 0 ? (
            <Text size="sm" c="dimmed">
              名册中已有的党员没有内容变化。
            </Text>
          ) : (
            <ScrollArea.Autosize mah={360}>
              <Table verticalSpacing={4} aria-label="将更新的内容">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th w={60}>行</Table.Th>
                    <Table.Th w={90}>姓名</Table.Th>
                    <Table.Th>变化</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {p.changes.map((c) => (
                    <Table.Tr key={`${c.sheet ?? ''}!${c.row}`}>
                      <Table.Td>{c.sheet ? `${c.sheet} 第${c.row}行` : c.row}</Table.Td>
                      <Table.Td>{c.name}</Table.Td>
                      <Table.Td>{c.diffs.map((d) => `${d.label}：${d.before} → ${d.after}`).join('；')}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </ScrollArea.Autosize>
          )}
        </Tabs.Panel>
        <Tabs.Panel value="notices" pt="sm">
          {p.notices.length === 0 ? (
            <Text size="sm" c="dimmed">
              没有提示。
            </Text>
          ) : (
            <>
              <Shown count={p.notices.length} total={p.noticeCount} what="提示" />
              <ProblemTable problems={p.notices} />
            </>
          )}
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

const SHEET_KIND_WORD: Record<ImportSheet['kind'], string> = {
  roster: '名册',
  branch: '以党支部命名，无党支部列',
  other: '汇总或说明，不是名册',
  empty: '空白',
};

/**
 * The workbook's sheets: a roster kept as one sheet per branch is read whole, each sheet's name
 * the branch of its rows; the person ticks which sheets are read. A 汇总 or 说明 sheet is listed
 * and left out.
 */
function SheetsView({
  sheets,
  onChoose,
  busy,
}: {
  sheets: ImportSheet[];
  onChoose: (name: string, read: boolean) => void;
  busy: boolean;
}) {
  const chosen = sheets.filter((s) => s.chosen).length;
  return (
    <Stack gap={4} role="group" aria-label="工作表">
      <Text size="sm" fw={500}>
        工作簿中有 {sheets.length} 个工作表，读取勾选的 {chosen} 个
      </Text>
      <Group gap="lg">
        {sheets
          .filter((s) => s.kind !== 'empty')
          .map((s) => {
            const readable = s.kind === 'roster' || s.kind === 'branch';
            const rows = readable ? `，${s.rows} 行` : '';
            const branch = s.branch && s.branch !== s.name ? `，计入“${s.branch}”` : '';
            return (
              <Checkbox
                key={s.name}
                checked={s.chosen}
                disabled={busy || !readable || (s.chosen && chosen === 1)}
                onChange={(e) => onChoose(s.name, e.currentTarget.checked)}
                label={`${s.name}（${SHEET_KIND_WORD[s.kind]}${rows}${branch}${s.hidden ? '，隐藏' : ''}）`}
              />
            );
          })}
      </Group>
    </Stack>
  );
}

/**
 * The 党支部 (总支, 小组) the workbook names and the organisation does not have: made with the
 * members once the person ticks the box. A name close to an existing unit's is never merged by
 * itself: the person picks the existing unit, or leaves it as a new one.
 */
function NewUnitsView({
  units,
  unitMapping,
  onMap,
  confirmed,
  onConfirm,
}: {
  units: NewUnit[];
  unitMapping: UnitMapping;
  onMap: (name: string, unitId: number | null) => void;
  confirmed: boolean;
  onConfirm: (value: boolean) => void;
}) {
  const mapped = unitMapping.filter((m) => !units.some((u) => u.name === m.name));
  return (
    <Alert color="yellow" title={`表格中有 ${units.length} 个党组织尚未建立`} aria-label="将建立的党组织">
      <Stack gap="xs">
        <Table verticalSpacing={4} aria-label="将建立的党组织清单">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>名称</Table.Th>
              <Table.Th w={80}>类型</Table.Th>
              <Table.Th w={80}>涉及行数</Table.Th>
              <Table.Th w={300}>与已有党组织相近</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {units.map((u) => (
              <Table.Tr key={u.name}>
                <Table.Td>{u.name}</Table.Td>
                <Table.Td>{UNIT_KIND_WORD[u.kind]}</Table.Td>
                <Table.Td className="tabular">{u.rows}</Table.Td>
                <Table.Td>
                  {u.similar.length === 0 ? (
                    '—'
                  ) : (
                    <Select
                      size="xs"
                      aria-label={`${u.name}对应`}
                      data={[
                        { value: '', label: `新建“${u.name}”` },
                        ...u.similar.map((s) => ({ value: String(s.unitId), label: `即已有的“${s.name}”` })),
                      ]}
                      value=""
                      onChange={(v) => v && onMap(u.name, Number(v))}
                      allowDeselect={false}
                    />
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {mapped.length > 0 && (
          <Group gap="xs">
            <Text size="sm">已对应到已有党组织：</Text>
            {mapped.map((m) => (
              <Badge key={m.name} variant="light" rightSection={null}>
                {m.name}
                <Button size="compact-xs" variant="subtle" ml={4} onClick={() => onMap(m.name, null)}>
                  撤销
                </Button>
              </Badge>
            ))}
          </Group>
        )}
        <Checkbox
          checked={confirmed}
          onChange={(e) => onConfirm(e.currentTarget.checked)}
          label={`导入时建立以上 ${units.length} 个党组织（可在“组织设置”中修改名称、补充成立时间和委员）`}
        />
      </Stack>
    </Alert>
  );
}

/** Said when a list shows only its first entries (the preview carries at most SHOWN_PROBLEMS of each). */
function Shown({ count, total, what }: { count: number; total: number; what: string }) {
  if (count >= total) return null;
  return (
    <Text size="sm" c="dimmed">
      共 {total.toLocaleString('zh-CN')} 条{what}，这里列出前 {count.toLocaleString('zh-CN')} 条
      {what === '问题' ? '；完整清单请点“下载问题清单”' : ''}。
    </Text>
  );
}

function Stat({ label, value, color }: { label: string; value: number; color?: string }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fz={22} fw={600} c={color} className="tabular">
        {value}
      </Text>
    </div>
  );
}
