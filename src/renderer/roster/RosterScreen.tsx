import {
  Badge,
  Button,
  Group,
  Menu,
  Pagination,
  Paper,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  UnstyledButton,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import {
  IconChevronDown,
  IconFilter,
  IconPlus,
  IconSearch,
  IconSelector,
  IconSortAscending,
  IconSortDescending,
  IconUpload,
} from '@tabler/icons-react';
import { useState } from 'react';
import type { MemberSummary, RosterCounts, SortField } from '../../shared/members/views';
import { invoke } from '../api/client';
import { useQuery } from '../api/use-query';
import { go } from '../app/routes';
import { saveFile } from '../common/files';
import { notifyFailed } from '../common/notify';
import { QueryView } from '../common/QueryView';
import { ColumnPicker } from './ColumnPicker';
import { COLUMNS, loadColumns, saveColumns } from './columns';
import { activeFilterCount, Filters, type RosterFilters } from './Filters';
import { ImportWizard } from './ImportWizard';
import { MemberFormModal } from './MemberForm';
import { MemberPage } from './MemberPage';

const PAGE_SIZES = ['20', '50', '100', '200'];

/** 党员名册: search, filters, sortable columns of the user's choosing, pages; or one member's page. */
export function RosterScreen({ memberId }: { memberId: number | null }) {
  if (memberId) return <MemberPage id={memberId} onBack={() => go('roster')} />;
  return <RosterList />;
}

function RosterList() {
  const [text, setText] = useState('');
  const [debounced] = useDebouncedValue(text, 200);
  const [filters, setFilters] = useState<RosterFilters>({});
  const [showFilters, setShowFilters] = useState(false);
  const [sort, setSort] = useState<{ field: SortField; direction: 'asc' | 'desc' }>({
    field: 'branch',
    direction: 'asc',
  });
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(50);
  const [columns, setColumns] = useState(loadColumns);
  const [adding, setAdding] = useState(false);
  const [importing, setImporting] = useState(false);
  const units = useQuery('org.units', {});
  const query = { text: debounced, ...filters, sort };
  const result = useQuery('roster.search', { ...query, offset: (page - 1) * pageSize, limit: pageSize });
  const filterCount = activeFilterCount(filters);

  const changeFilters = (next: RosterFilters) => {
    setFilters(next);
    setPage(1);
  };
  const download = async (which: 'filtered' | 'all' | 'template' | 'print') => {
    try {
      if (which === 'print') {
        // One branch chosen in the filter: that branch's 花名册; otherwise the whole organ's.
        const branchId = filters.branchIds?.length === 1 ? filters.branchIds[0] : undefined;
        saveFile(
          await invoke('documents.export', { id: 'roster', params: branchId ? { branchId } : {}, format: 'pdf' }),
        );
        return;
      }
      saveFile(
        which === 'template'
          ? await invoke('roster.template', {})
          : await invoke('roster.export', { query: which === 'all' ? {} : query }),
      );
    } catch (error) {
      notifyFailed(error);
    }
  };

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={2}>党员名册</Title>
          {result.status === 'ready' && (
            <CountLine counts={result.data.counts} filtered={filterCount > 0 || debounced.trim() !== ''} />
          )}
        </div>
        <Group gap="xs">
          <Button variant="default" leftSection={<IconUpload size={16} />} onClick={() => setImporting(true)}>
            导入
          </Button>
          <Menu position="bottom-end" withinPortal>
            <Menu.Target>
              <Button variant="default" rightSection={<IconChevronDown size={14} />}>
                导出
              </Button>
            </Menu.Target>
            <Menu.Dropdown>
              <Menu.Item onClick={() => download('filtered')}>导出当前查询结果（Excel）</Menu.Item>
              <Menu.Item onClick={() => download('all')}>导出全部在册党员（Excel）</Menu.Item>
              <Menu.Item onClick={() => download('print')}>
                {filters.branchIds?.length === 1 ? '打印本支部花名册（PDF）' : '打印全部花名册（PDF）'}
              </Menu.Item>
              <Menu.Divider />
              <Menu.Item onClick={() => download('template')}>下载导入模板</Menu.Item>
            </Menu.Dropdown>
          </Menu>
          <Button leftSection={<IconPlus size={16} />} onClick={() => setAdding(true)}>
            新增党员
          </Button>
        </Group>
      </Group>

      <Group gap="xs" wrap="nowrap">
        <TextInput
          aria-label="搜索党员"
          placeholder="搜索：姓名、拼音首字母（如 zs）或身份证号"
          leftSection={<IconSearch size={16} />}
          value={text}
          onChange={(e) => {
            setText(e.currentTarget.value);
            setPage(1);
          }}
          style={{ flex: 1, maxWidth: 460 }}
          autoFocus
        />
        <Button
          variant={showFilters || filterCount ? 'light' : 'default'}
          leftSection={<IconFilter size={16} />}
          onClick={() => setShowFilters((s) => !s)}
        >
          筛选{filterCount ? `（${filterCount}）` : ''}
        </Button>
        <ColumnPicker
          value={columns}
          onChange={(keys) => {
            setColumns(keys);
            saveColumns(keys);
          }}
        />
      </Group>

      {showFilters && units.status === 'ready' && (
        <Filters value={filters} onChange={changeFilters} units={units.data} />
      )}

      <Paper withBorder radius="md">
        <QueryView query={result}>
          {(data) => (
            <RosterTable
              rows={data.rows}
              columns={columns}
              sort={sort}
              onSort={(field) => {
                setSort((s) => ({ field, direction: s.field === field && s.direction === 'asc' ? 'desc' : 'asc' }));
                setPage(1);
              }}
              empty={
                data.counts.total === 0
                  ? filterCount || debounced
                    ? '没有符合条件的党员。'
                    : '名册中还没有党员。可点击“新增党员”逐个登记，或“导入”已有的 Excel 名册。'
                  : null
              }
            />
          )}
        </QueryView>
      </Paper>
      {result.status === 'ready' && result.data.counts.total > 0 && (
        <Group justify="space-between">
          <Text size="sm" c="dimmed">
            第 {(page - 1) * pageSize + 1}–{Math.min(page * pageSize, result.data.counts.total)} 条，共{' '}
            {result.data.counts.total} 条
          </Text>
          <Group gap="sm">
            <Pagination
              total={Math.ceil(result.data.counts.total / pageSize)}
              value={page}
              onChange={setPage}
              size="sm"
              aria-label="分页"
            />
            <Select
              aria-label="每页条数"
              w={110}
              size="xs"
              data={PAGE_SIZES.map((s) => ({ value: s, label: `每页 ${s} 条` }))}
              value={String(pageSize)}
              onChange={(v) => {
                setPageSize(Number(v ?? 50));
                setPage(1);
              }}
              allowDeselect={false}
            />
          </Group>
        </Group>
      )}
      {adding && (
        <MemberFormModal mode={{ kind: 'add' }} onClose={() => setAdding(false)} onSaved={(m) => go('roster', m.id)} />
      )}
      {importing && <ImportWizard onClose={() => setImporting(false)} />}
    </Stack>
  );
}

function CountLine({ counts, filtered }: { counts: RosterCounts; filtered: boolean }) {
  return (
    <Group gap="xs" mt={4} aria-label="人数统计">
      <Text size="sm" c="dimmed">
        {filtered ? '符合条件' : '在册党员'}
      </Text>
      <Badge variant="light" color="partyRed" size="lg" className="tabular">
        {counts.total} 人
      </Badge>
      <Text size="sm" c="dimmed" className="tabular">
        正式党员 {counts.full}　预备党员 {counts.probationary}　男 {counts.male}　女 {counts.female}
      </Text>
    </Group>
  );
}

function RosterTable({
  rows,
  columns,
  sort,
  onSort,
  empty,
}: {
  rows: MemberSummary[];
  columns: string[];
  sort: { field: SortField; direction: 'asc' | 'desc' };
  onSort: (field: SortField) => void;
  empty: string | null;
}) {
  const shown = columns.map((key) => COLUMNS.find((c) => c.key === key)).filter((c) => c !== undefined);
  if (empty) {
    return (
      <Text p="xl" ta="center" c="dimmed" size="sm">
        {empty}
      </Text>
    );
  }
  return (
    <Table.ScrollContainer minWidth={shown.reduce((n, c) => n + c.width, 0)}>
      <Table highlightOnHover verticalSpacing={6} stickyHeader aria-label="党员名册">
        <Table.Thead>
          <Table.Tr>
            {shown.map((c) => (
              <Table.Th key={c.key} w={c.width} style={{ whiteSpace: 'nowrap' }}>
                {c.sort ? (
                  <UnstyledButton
                    onClick={() => onSort(c.sort!)}
                    aria-label={`按${c.label}排序`}
                    style={{ fontWeight: 600, fontSize: 'var(--mantine-font-size-sm)' }}
                  >
                    <Group gap={2} wrap="nowrap">
                      {c.label}
                      {sort.field === c.sort ? (
                        sort.direction === 'asc' ? (
                          <IconSortAscending size={14} />
                        ) : (
                          <IconSortDescending size={14} />
                        )
                      ) : (
                        <IconSelector size={14} color="var(--mantine-color-gray-5)" />
                      )}
                    </Group>
                  </UnstyledButton>
                ) : (
                  c.label
                )}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((m) => (
            <Table.Tr
              key={m.id}
              onClick={() => go('roster', m.id)}
              onKeyDown={(e) => e.key === 'Enter' && go('roster', m.id)}
              tabIndex={0}
              style={{ cursor: 'pointer' }}
              aria-label={m.name}
            >
              {shown.map((c) => (
                <Table.Td
                  key={c.key}
                  style={{ whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis', maxWidth: c.width + 40 }}
                >
                  {c.render(m)}
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
