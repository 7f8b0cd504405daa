import { Alert, Badge, Button, Group, Paper, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { invoke } from '../api/client';
import { DateField } from '../common/DateField';
import { saveFile } from '../common/files';
import { notifyFailed } from '../common/notify';
import type { AuditEntry, AuditRewind } from '../../shared/contract';
import { REPLACEMENT_KIND_LABEL } from '../../shared/custody';
import { useQuery } from '../api/use-query';
import { QueryView } from '../common/QueryView';
import { ACTION_LABEL, describeEntry, ENTITY_LABEL } from '../../shared/audit/describe';
import { formatLocalDateTime } from '../../shared/dates';

/** What a replacement cost the log, in the office's words. */
function rewindWords(r: AuditRewind): string {
  const kept = r.safetyBackup ? `，原数据保存在 ${r.safetyBackup}` : '';
  const lost =
    r.droppedEntries === null
      ? `原数据文件已损坏，其操作记录无法读出${kept}`
      : `替换前的 ${r.replacedEntries} 条操作记录中有 ${r.droppedEntries} 条不在现在的记录中${kept}`;
  return r.incomingBrokenAt === null ? `${lost}。` : `${lost}；换入的操作记录从第 ${r.incomingBrokenAt} 条起无法核验。`;
}

const ACTION_COLOR: Record<AuditEntry['action'], string> = { insert: 'teal', update: 'blue', delete: 'red' };

/** 操作记录: the append-only audit log, newest first. */
export function AuditLog() {
  const [entity, setEntity] = useState<string | null>(null);
  const [actor, setActor] = useState('');
  const [debouncedActor] = useDebouncedValue(actor, 250);
  const [from, setFrom] = useState<string | null>(null);
  const [to, setTo] = useState<string | null>(null);
  const query = { limit: 300, entity: entity ?? undefined, actor: debouncedActor || undefined, from, to };
  const entries = useQuery('audit.list', query);
  const chain = useQuery('audit.verify', {});
  const exportAll = () => invoke('audit.export', { ...query, limit: 5000 }).then(saveFile, notifyFailed);
  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={2}>操作记录</Title>
          <Text c="dimmed" size="sm">
            每一次改动都自动记录（操作人、时间、改动前后的内容），记录只能追加，不能修改或删除。显示最近300条。
          </Text>
        </div>
        <Button variant="default" onClick={exportAll}>
          导出 Excel
        </Button>
      </Group>
      {chain.status === 'ready' &&
        (chain.data.intact ? (
          <Text size="sm" c="teal.8" aria-label="记录完整性">
            记录链完好：全部 {chain.data.entries} 条记录逐条核验一致，没有被改动或删除。
          </Text>
        ) : (
          <Alert color="red" title="操作记录被改动过" aria-label="记录完整性">
            从第 {chain.data.brokenAt}{' '}
            条记录起，记录链与内容不符：有人在程序之外修改或删除过操作记录。请保留现状并报告。
          </Alert>
        ))}
      {chain.status === 'ready' && chain.data.rewinds.length > 0 && (
        <Alert color="orange" title="数据曾被整体替换">
          <Stack gap={4}>
            {chain.data.rewinds.map((r) => (
              <Text size="sm" key={`${r.at}-${r.source}`}>
                {formatLocalDateTime(r.at)} {REPLACEMENT_KIND_LABEL[r.kind]}（{r.source}）：{rewindWords(r)}
              </Text>
            ))}
          </Stack>
        </Alert>
      )}
      <Group gap="sm" aria-label="筛选操作记录">
        <Select
          aria-label="对象"
          placeholder="全部对象"
          clearable
          w={160}
          data={Object.entries(ENTITY_LABEL).map(([value, label]) => ({ value, label }))}
          value={entity}
          onChange={setEntity}
        />
        <TextInput
          aria-label="操作人"
          placeholder="操作人"
          w={160}
          value={actor}
          onChange={(e) => setActor(e.currentTarget.value)}
        />
        <DateField aria-label="开始日期" placeholder="开始日期" w={170} value={from} onChange={setFrom} />
        <Text c="dimmed">至</Text>
        <DateField aria-label="结束日期" placeholder="结束日期" w={170} value={to} onChange={setTo} />
      </Group>
      <Paper withBorder radius="md">
        <QueryView query={entries}>
          {(list) =>
            list.length === 0 ? (
              <Text p="md" c="dimmed" size="sm">
                暂无操作记录。
              </Text>
            ) : (
              <Table verticalSpacing={6} highlightOnHover aria-label="操作记录">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th w={190}>时间</Table.Th>
                    <Table.Th w={150}>操作人</Table.Th>
                    <Table.Th w={70}>动作</Table.Th>
                    <Table.Th w={150}>对象</Table.Th>
                    <Table.Th>内容</Table.Th>
                    <Table.Th w={160}>原因</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {list.map((e) => (
                    <Table.Tr key={e.id}>
                      <Table.Td className="tabular">
                        <Text size="sm">{formatLocalDateTime(e.at)}</Text>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{e.actor}</Text>
                      </Table.Td>
                      <Table.Td>
                        <Badge size="sm" variant="light" color={ACTION_COLOR[e.action]}>
                          {ACTION_LABEL[e.action]}
                        </Badge>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{ENTITY_LABEL[e.entity] ?? e.entity}</Text>
                      </Table.Td>
                      <Table.Td>
                        {/* Two lines keep the table scannable; the whole change is one hover away. */}
                        <Text size="sm" lineClamp={2} title={describeEntry(e)}>
                          {describeEntry(e)}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm" c="dimmed">
                          {e.reason ?? ''}
                        </Text>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )
          }
        </QueryView>
      </Paper>
    </Stack>
  );
}
