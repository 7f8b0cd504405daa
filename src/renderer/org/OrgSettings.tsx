import { Alert, Button, Grid, Group, Paper, Stack, Switch, Text, Title } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import type { OrgUnit } from '../../shared/contract';
import { UNIT_KIND_LABEL, canContain, type OrgUnitKind } from '../../shared/org';
import { useQuery } from '../api/use-query';
import { QueryView } from '../common/QueryView';
import { DissolveModal } from './DissolveModal';
import { DivisionsCard } from './DivisionsCard';
import { OrganCard } from './OrganCard';
import { flattenTree } from '../../shared/org-tree';
import { UnitDetail } from './UnitDetail';
import { UnitFormModal, type UnitFormMode } from './UnitFormModal';
import { UnitTree } from './UnitTree';

/** 组织设置: the tree on the left, the chosen unit with its committee on the right. */
export function OrgSettings() {
  const units = useQuery('org.units', {});
  return (
    <Stack gap="lg">
      <div>
        <Title order={2}>组织设置</Title>
        <Text c="dimmed" size="sm">
          管理机关党委（党总支）、党支部、党小组及其委员和任期。党支部、党总支任期一般3年，机关党委一般5年，届满前会提醒换届。
        </Text>
      </div>
      <QueryView query={units}>{(list) => <OrgWorkspace units={list} />}</QueryView>
      <DivisionsCard />
      <OrganCard />
    </Stack>
  );
}

function OrgWorkspace({ units }: { units: OrgUnit[] }) {
  const [selectedId, setSelectedId] = useState<number | null>(units[0]?.id ?? null);
  const [showDissolved, setShowDissolved] = useState(false);
  const [form, setForm] = useState<UnitFormMode | null>(null);
  const [dissolving, setDissolving] = useState<OrgUnit | null>(null);

  const rows = flattenTree(units, showDissolved);
  const selected = units.find((u) => u.id === selectedId) ?? units[0] ?? null;
  const byId = (id: number | null) => units.find((u) => u.id === id) ?? null;
  const root = units.find((u) => u.parentId === null) ?? null;
  const dissolvedCount = units.filter((u) => u.dissolvedOn).length;

  /** New units go under the selected unit when it can hold them, else under the nearest place that can. */
  const parentFor = (kind: OrgUnitKind): OrgUnit | null => {
    const live = units.filter((u) => !u.dissolvedOn);
    if (selected && !selected.dissolvedOn && canContain(selected.kind, kind)) return selected;
    const selectedParent = byId(selected?.parentId ?? null);
    if (selectedParent && !selectedParent.dissolvedOn && canContain(selectedParent.kind, kind)) return selectedParent;
    return live.find((u) => canContain(u.kind, kind)) ?? null;
  };
  const addable: OrgUnitKind[] = (['generalBranch', 'branch', 'partyGroup'] as const).filter(
    (k) => parentFor(k) !== null,
  );

  return (
    <Grid gap="lg" align="flex-start">
      <Grid.Col span={{ base: 12, md: 5 }}>
        <Paper withBorder p="md" radius="md">
          <Stack gap="sm">
            <Group justify="space-between">
              <Text fw={600}>组织架构</Text>
              {dissolvedCount > 0 && (
                <Switch
                  size="xs"
                  label={`显示已撤销（${dissolvedCount}）`}
                  checked={showDissolved}
                  onChange={(e) => setShowDissolved(e.currentTarget.checked)}
                />
              )}
            </Group>
            <UnitTree rows={rows} selectedId={selected?.id ?? null} onSelect={(u) => setSelectedId(u.id)} />
            <Group gap="xs" pt="xs" style={{ borderTop: '1px solid var(--mantine-color-gray-2)' }}>
              {addable.map((kind) => (
                <Button
                  key={kind}
                  size="xs"
                  variant="light"
                  leftSection={<IconPlus size={14} />}
                  onClick={() => setForm({ mode: 'add', kind, parentId: parentFor(kind)?.id ?? root?.id ?? 0 })}
                >
                  新增{UNIT_KIND_LABEL[kind]}
                </Button>
              ))}
            </Group>
          </Stack>
        </Paper>
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 7 }}>
        {selected ? (
          <UnitDetail
            unit={selected}
            parent={byId(selected.parentId)}
            onEdit={() => setForm({ mode: 'edit', unit: selected })}
            onDissolve={() => setDissolving(selected)}
          />
        ) : (
          <Alert color="gray">请在左侧选择一个组织。</Alert>
        )}
      </Grid.Col>
      {form && (
        <UnitFormModal
          form={form}
          units={units}
          onClose={() => setForm(null)}
          onSaved={(unit) => {
            setForm(null);
            setSelectedId(unit.id);
          }}
        />
      )}
      {dissolving && <DissolveModal unit={dissolving} onClose={() => setDissolving(null)} />}
    </Grid>
  );
}
