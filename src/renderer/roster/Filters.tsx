import { Button, Chip, Group, MultiSelect, NumberInput, Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import type { OrgUnit } from '../../shared/contract';
import {
  CATEGORY_LABEL,
  EDUCATION_LABEL,
  EMPLOYMENT_LABEL,
  GENDER_LABEL,
  STATUS_LABEL,
} from '../../shared/members/fields';
import type { RosterQuery } from '../../shared/members/views';
import { useQuery } from '../api/use-query';

export type RosterFilters = Omit<RosterQuery, 'text' | 'sort' | 'offset' | 'limit'>;

const options = <T extends string>(labels: Record<T, string>) =>
  (Object.keys(labels) as T[]).map((value) => ({ value, label: labels[value] }));

export function activeFilterCount(f: RosterFilters): number {
  const lists = [
    f.branchIds,
    f.partyGroupIds,
    f.divisionIds,
    f.categories,
    f.statuses,
    f.genders,
    f.educations,
    f.employment,
  ];
  return (
    lists.filter((l) => l && l.length > 0).length +
    [f.standing?.min, f.standing?.max, f.age?.min, f.age?.max].filter((v) => v != null).length +
    [f.lostContact, f.mobile, f.monthOnlyDates].filter((v) => v !== undefined).length
  );
}

function numbers(values: string[]): number[] {
  return values.map(Number);
}

function range(
  label: string,
  value: { min?: number | null; max?: number | null } | undefined,
  onChange: (v: { min?: number | null; max?: number | null }) => void,
) {
  const asNumber = (v: string | number) => (typeof v === 'number' ? v : null);
  return (
    <Stack gap={4}>
      <Text size="sm" fw={500}>
        {label}
      </Text>
      <Group gap={6} wrap="nowrap">
        <NumberInput
          aria-label={`${label}从`}
          placeholder="不限"
          min={0}
          max={120}
          w={90}
          value={value?.min ?? ''}
          onChange={(v) => onChange({ ...value, min: asNumber(v) })}
          suffix=" 年"
        />
        <Text size="sm" c="dimmed">
          至
        </Text>
        <NumberInput
          aria-label={`${label}到`}
          placeholder="不限"
          min={0}
          max={120}
          w={90}
          value={value?.max ?? ''}
          onChange={(v) => onChange({ ...value, max: asNumber(v) })}
          suffix=" 年"
        />
      </Group>
    </Stack>
  );
}

/** Every filter the roster offers; each change applies at once. */
export function Filters({
  value,
  onChange,
  units,
}: {
  value: RosterFilters;
  onChange: (next: RosterFilters) => void;
  units: OrgUnit[];
}) {
  const live = units.filter((u) => !u.dissolvedOn);
  const branches = live.filter((u) => u.kind === 'branch');
  const groups = live.filter(
    (u) => u.kind === 'partyGroup' && (!value.branchIds?.length || value.branchIds.includes(u.parentId ?? 0)),
  );
  const set = (patch: Partial<RosterFilters>) => onChange({ ...value, ...patch });
  const divisionList = useQuery('org.divisions', {});
  const divisions = divisionList.status === 'ready' ? divisionList.data : [];
  return (
    <Paper withBorder p="md" radius="md" aria-label="筛选条件">
      <SimpleGrid cols={{ base: 2, lg: 4 }} spacing="md" verticalSpacing="sm">
        <MultiSelect
          label="所在党支部"
          placeholder="全部"
          data={branches.map((b) => ({ value: String(b.id), label: b.name }))}
          value={(value.branchIds ?? []).map(String)}
          onChange={(v) => set({ branchIds: numbers(v), partyGroupIds: [] })}
          clearable
          searchable
        />
        <MultiSelect
          label="党小组"
          placeholder="全部"
          data={groups.map((g) => ({ value: String(g.id), label: g.name }))}
          value={(value.partyGroupIds ?? []).map(String)}
          onChange={(v) => set({ partyGroupIds: numbers(v) })}
          clearable
          disabled={groups.length === 0}
        />
        <MultiSelect
          label="所在处室"
          placeholder="全部"
          data={[
            ...divisions.map((d) => ({ value: String(d.id), label: d.dissolvedOn ? `${d.name}（已撤销）` : d.name })),
            { value: '0', label: '未填处室' },
          ]}
          value={(value.divisionIds ?? []).map(String)}
          onChange={(v) => set({ divisionIds: numbers(v) })}
          clearable
          searchable
          disabled={divisions.length === 0}
        />
        <MultiSelect
          label="人员类别"
          placeholder="全部"
          data={options(CATEGORY_LABEL)}
          value={value.categories ?? []}
          onChange={(v) => set({ categories: v as RosterFilters['categories'] })}
          clearable
        />
        <MultiSelect
          label="党籍状态"
          placeholder="在册（正常、停止党籍）"
          data={options(STATUS_LABEL)}
          value={value.statuses ?? []}
          onChange={(v) => set({ statuses: v as RosterFilters['statuses'] })}
          clearable
        />
        <MultiSelect
          label="性别"
          placeholder="全部"
          data={options(GENDER_LABEL)}
          value={value.genders ?? []}
          onChange={(v) => set({ genders: v as RosterFilters['genders'] })}
          clearable
        />
        <MultiSelect
          label="学历"
          placeholder="全部"
          data={options(EDUCATION_LABEL)}
          value={value.educations ?? []}
          onChange={(v) => set({ educations: v as RosterFilters['educations'] })}
          clearable
        />
        <MultiSelect
          label="人员身份"
          placeholder="全部"
          data={options(EMPLOYMENT_LABEL)}
          value={value.employment ?? []}
          onChange={(v) => set({ employment: v as RosterFilters['employment'] })}
          clearable
        />
        <Stack gap={4}>
          <Text size="sm" fw={500}>
            其他
          </Text>
          <Group gap={6}>
            <Chip
              size="sm"
              checked={value.lostContact === true}
              onChange={(c) => set({ lostContact: c ? true : undefined })}
            >
              失联党员
            </Chip>
            <Chip size="sm" checked={value.mobile === true} onChange={(c) => set({ mobile: c ? true : undefined })}>
              流动党员
            </Chip>
            <Chip
              size="sm"
              checked={value.monthOnlyDates === true}
              onChange={(c) => set({ monthOnlyDates: c ? true : undefined })}
            >
              日期待补全
            </Chip>
          </Group>
        </Stack>
        {range('党龄', value.standing, (standing) => set({ standing }))}
        {range('年龄', value.age, (age) => set({ age }))}
      </SimpleGrid>
      <Group justify="flex-end" mt="sm">
        <Button variant="subtle" size="xs" onClick={() => onChange({})} disabled={activeFilterCount(value) === 0}>
          清除全部筛选
        </Button>
      </Group>
    </Paper>
  );
}
