import {
  Alert,
  Badge,
  Button,
  Checkbox,
  FileButton,
  Group,
  Loader,
  Modal,
  ScrollArea,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Tabs,
  Text,
} from '@mantine/core';
import { IconFileSpreadsheet } from '@tabler/icons-react';
import { useState } from 'react';
import type { PayrollColumn, PayrollPreview, PayrollResult } from '../../shared/dues/views';
import { PAYROLL_ROLE_LABEL } from '../../shared/dues/settings';
import type { FileInput } from '../../shared/files';
import { change, invoke } from '../api/client';
import { readFile, WORKBOOK_FILES } from '../common/files';
import { asAppError } from '../common/use-submit';
import { Stat, Yuan } from './dues-parts';
import { ProblemTable } from '../common/ProblemTable';

type Roles = { index: number; use: PayrollColumn['use'] }[];

const USE_OPTIONS = [
  { value: 'name', label: '姓名' },
  { value: 'citizenId', label: '身份证号' },
  { value: 'add', label: PAYROLL_ROLE_LABEL.add },
  { value: 'subtract', label: PAYROLL_ROLE_LABEL.subtract },
  { value: 'ignore', label: PAYROLL_ROLE_LABEL.ignore },
];

/**
 * Bases from the payroll: pick the workbook, see which columns count (and change them), each
 * matched member's base with its working, every problem by row, column and value; then write
 * all the accepted bases at once, or none.
 */
export function PayrollWizard({ year, locked, onClose }: { year: number; locked: boolean; onClose: () => void }) {
  const [file, setFile] = useState<FileInput | null>(null);
  const [roles, setRoles] = useState<Roles | null>(null);
  const [preview, setPreview] = useState<PayrollPreview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [skip, setSkip] = useState(false);
  const [remember, setRemember] = useState(false);
  const [result, setResult] = useState<PayrollResult | null>(null);

  const analyse = async (next: FileInput, nextRoles: Roles | null) => {
    setBusy(true);
    setError(null);
    try {
      setPreview(await invoke('dues.payrollPreview', { year, file: next, roles: nextRoles }));
      setFile(next);
      setRoles(nextRoles);
      setSkip(false);
    } catch (caught) {
      setError(asAppError(caught).message);
    } finally {
      setBusy(false);
    }
  };
  const remap = (index: number, use: PayrollColumn['use']) => {
    if (!file || !preview) return;
    void analyse(
      file,
      preview.columns.map((c) => ({ index: c.index, use: c.index === index ? use : c.use })),
    );
  };
  const commit = async () => {
    if (!file || !preview) return;
    setBusy(true);
    setError(null);
    try {
      setResult(
        await change('dues.payrollCommit', {
          year,
          file,
          roles,
          skipRows: skip ? preview.problemRows : [],
          rememberRoles: remember,
        }),
      );
    } catch (caught) {
      setError(asAppError(caught).message);
    } finally {
      setBusy(false);
    }
  };
  const problems = preview?.problemRows.length ?? 0;
  const headerProblem = preview?.errors.some((e) => e.column === '表头') ?? false;
  const canCommit = preview !== null && !headerProblem && (problems === 0 || skip) && preview.changed > 0;

  return (
    <Modal opened onClose={onClose} title={`从工资表导入${year}年度党费基数`} size={1100} closeOnClickOutside={false}>
      {result ? (
        <Stack>
          <Alert color="teal" title="导入完成">
            更新了 {result.updated} 名党员的基数{result.unchanged ? `，${result.unchanged} 人没有变化` : ''}
            {result.skipped.length ? `，跳过 ${result.skipped.length} 行` : ''}。
          </Alert>
          <Group justify="flex-end">
            <Button onClick={onClose}>完成</Button>
          </Group>
        </Stack>
      ) : (
        <Stack gap="md">
          {locked && (
            <Alert color="orange">
              {year}年度党费已核定锁定，工资表中的基数不能再导入；年度内的变动请逐人登记“调整”。
            </Alert>
          )}
          <Group gap="sm">
            <FileButton
              onChange={async (picked) => picked && analyse(await readFile(picked), null)}
              accept={WORKBOOK_FILES}
            >
              {(props) => (
                <Button
                  {...props}
                  leftSection={<IconFileSpreadsheet size={16} />}
                  variant={preview ? 'default' : 'filled'}
                >
                  {preview ? '改正后重新选择文件' : '选择工资表（Excel 或 WPS 表格）'}
                </Button>
              )}
            </FileButton>
            {file && (
              <Text size="sm" c="dimmed">
                {file.fileName}
              </Text>
            )}
            {busy && <Loader size="sm" />}
          </Group>
          {!preview && !error && (
            <Text size="sm" c="dimmed">
              基数 = 计入的工资项目之和 −
              个人所得税和五险一金、职业年金等扣除项目。工资表中的人员按身份证号与名册匹配（没有身份证号列的按姓名），不是党员的人员会被略过。哪些列计入、哪些扣除可在读取后调整，并可记住供下次使用。
            </Text>
          )}
          {error && (
            <Alert color="red" role="alert">
              {error}
            </Alert>
          )}
          {preview && (
            <>
              <SimpleGrid cols={4} spacing="sm" aria-label="导入概况">
                <Stat label="匹配到党员">{preview.matched}</Stat>
                <Stat label="基数将更新" color="teal">
                  {preview.changed}
                </Stat>
                <Stat label="有问题的行" color={problems ? 'red' : undefined}>
                  {problems}
                </Stat>
                <Stat label="工资表中没有的党员">{preview.notInFile.length}</Stat>
              </SimpleGrid>
              <Text size="xs" c="dimmed">
                工作表“{preview.sheetName}”，表头在第 {preview.headerRow} 行
              </Text>
              <Tabs defaultValue={preview.errors.length ? 'problems' : 'rows'} keepMounted={false}>
                <Tabs.List>
                  <Tabs.Tab value="rows">基数</Tabs.Tab>
                  <Tabs.Tab
                    value="problems"
                    rightSection={
                      preview.errors.length ? (
                        <Badge size="xs" color="red">
                          {preview.errors.length}
                        </Badge>
                      ) : null
                    }
                  >
                    问题
                  </Tabs.Tab>
                  <Tabs.Tab value="columns">列用途</Tabs.Tab>
                  <Tabs.Tab
                    value="notices"
                    rightSection={
                      preview.notices.length ? (
                        <Badge size="xs" color="gray">
                          {preview.notices.length}
                        </Badge>
                      ) : null
                    }
                  >
                    提示
                  </Tabs.Tab>
                </Tabs.List>
                <Tabs.Panel value="rows" pt="sm">
                  <ScrollArea.Autosize mah={380}>
                    <Table verticalSpacing={4} striped aria-label="导入的基数">
                      <Table.Thead>
                        <Table.Tr>
                          <Table.Th w={50}>行</Table.Th>
                          <Table.Th w={80}>姓名</Table.Th>
                          <Table.Th w={90} style={{ whiteSpace: 'nowrap' }}>
                            匹配
                          </Table.Th>
                          <Table.Th w={100} ta="right">
                            原基数
                          </Table.Th>
                          <Table.Th w={100} ta="right">
                            新基数
                          </Table.Th>
                          <Table.Th w={90} ta="right">
                            月交纳
                          </Table.Th>
                          <Table.Th>计算</Table.Th>
                        </Table.Tr>
                      </Table.Thead>
                      <Table.Tbody>
                        {preview.rows.map((r) => (
                          <Table.Tr key={r.row} c={r.ok ? undefined : 'red'}>
                            <Table.Td className="tabular">{r.row}</Table.Td>
                            <Table.Td>{r.name}</Table.Td>
                            <Table.Td style={{ whiteSpace: 'nowrap' }}>
                              {r.matchedBy === 'citizenId' ? '身份证号' : '姓名'}
                            </Table.Td>
                            <Table.Td ta="right">
                              <Yuan fen={r.currentBaseFen} dimmed />
                            </Table.Td>
                            <Table.Td ta="right">
                              <Yuan fen={r.baseFen} />
                            </Table.Td>
                            <Table.Td ta="right">
                              <Yuan fen={r.amountFen} />
                            </Table.Td>
                            <Table.Td>
                              <Text size="xs">{r.working ?? '有问题，见“问题”'}</Text>
                            </Table.Td>
                          </Table.Tr>
                        ))}
                      </Table.Tbody>
                    </Table>
                  </ScrollArea.Autosize>
                  {preview.notInFile.length > 0 && (
                    <Text size="xs" c="dimmed" mt="xs">
                      工资表中没有：
                      {preview.notInFile
                        .slice(0, 20)
                        .map((m) => m.name)
                        .join('、')}
                      {preview.notInFile.length > 20 ? ` 等 ${preview.notInFile.length} 人` : ''}（基数保持不变）
                    </Text>
                  )}
                </Tabs.Panel>
                <Tabs.Panel value="problems" pt="sm">
                  {preview.errors.length === 0 ? (
                    <Text size="sm" c="teal.8">
                      没有发现问题。
                    </Text>
                  ) : (
                    <ProblemTable problems={preview.errors} />
                  )}
                </Tabs.Panel>
                <Tabs.Panel value="columns" pt="sm">
                  <ScrollArea.Autosize mah={380}>
                    <Table verticalSpacing={4} aria-label="列用途">
                      <Table.Thead>
                        <Table.Tr>
                          <Table.Th w={60}>列</Table.Th>
                          <Table.Th>工资表中的列名</Table.Th>
                          <Table.Th w={220}>用途</Table.Th>
                        </Table.Tr>
                      </Table.Thead>
                      <Table.Tbody>
                        {preview.columns.map((c) => (
                          <Table.Tr key={c.index}>
                            <Table.Td>{c.letter}</Table.Td>
                            <Table.Td>{c.header}</Table.Td>
                            <Table.Td>
                              <Select
                                size="xs"
                                aria-label={`${c.letter}列用途`}
                                data={USE_OPTIONS}
                                value={c.use}
                                onChange={(v) => v && remap(c.index, v as PayrollColumn['use'])}
                                allowDeselect={false}
                              />
                            </Table.Td>
                          </Table.Tr>
                        ))}
                      </Table.Tbody>
                    </Table>
                  </ScrollArea.Autosize>
                  <Checkbox
                    mt="sm"
                    checked={remember}
                    onChange={(e) => setRemember(e.currentTarget.checked)}
                    label="记住这些列的用途，下次导入工资表时直接使用"
                  />
                </Tabs.Panel>
                <Tabs.Panel value="notices" pt="sm">
                  {preview.notices.length === 0 ? (
                    <Text size="sm" c="dimmed">
                      没有提示。
                    </Text>
                  ) : (
                    <ProblemTable problems={preview.notices} />
                  )}
                </Tabs.Panel>
              </Tabs>
              {problems > 0 && !headerProblem && (
                <Checkbox
                  checked={skip}
                  onChange={(e) => setSkip(e.currentTarget.checked)}
                  label={`跳过有问题的 ${problems} 行，只导入其余党员的基数`}
                />
              )}
              <Group justify="flex-end">
                <Button variant="default" onClick={onClose}>
                  取消
                </Button>
                <Button onClick={commit} disabled={!canCommit || locked} loading={busy}>
                  导入 {preview.changed} 人的基数
                </Button>
              </Group>
            </>
          )}
        </Stack>
      )}
    </Modal>
  );
}
