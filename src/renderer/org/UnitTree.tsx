import { Box, Group, Text, UnstyledButton } from '@mantine/core';
import { IconBuildingCommunity, IconFlag, IconUsers, IconUsersGroup } from '@tabler/icons-react';
import type { OrgUnit } from '../../shared/contract';
import { UNIT_KIND_LABEL, type OrgUnitKind } from '../../shared/org';
import { TermBadge } from './TermBadge';
import type { TreeRow } from '../../shared/org-tree';

const KIND_ICON: Record<OrgUnitKind, typeof IconFlag> = {
  committee: IconFlag,
  generalBranch: IconBuildingCommunity,
  branch: IconUsersGroup,
  partyGroup: IconUsers,
};

export function UnitTree({
  rows,
  selectedId,
  onSelect,
}: {
  rows: TreeRow[];
  selectedId: number | null;
  onSelect: (unit: OrgUnit) => void;
}) {
  return (
    <Box role="tree" aria-label="组织架构">
      {rows.map(({ unit, depth }) => {
        const Icon = KIND_ICON[unit.kind];
        const selected = unit.id === selectedId;
        return (
          <UnstyledButton
            key={unit.id}
            role="treeitem"
            aria-selected={selected}
            aria-level={depth + 1}
            onClick={() => onSelect(unit)}
            w="100%"
            py={7}
            pr="xs"
            pl={10 + depth * 20}
            style={{
              borderRadius: 4,
              background: selected ? 'var(--mantine-color-partyRed-0)' : undefined,
              borderLeft: selected ? '3px solid var(--mantine-color-partyRed-7)' : '3px solid transparent',
            }}
          >
            <Group gap={8} wrap="nowrap">
              <Icon
                size={17}
                stroke={1.6}
                color={unit.dissolvedOn ? 'var(--mantine-color-gray-5)' : 'var(--mantine-color-partyRed-7)'}
              />
              <Text
                size="sm"
                fw={depth === 0 ? 600 : 400}
                c={unit.dissolvedOn ? 'dimmed' : undefined}
                truncate
                style={{ flex: 1 }}
              >
                {unit.name}
              </Text>
              {unit.dissolvedOn ? (
                <Text size="xs" c="dimmed">
                  已撤销
                </Text>
              ) : (
                <TermBadge term={unit.term} />
              )}
              <Text size="xs" c="dimmed" style={{ flexShrink: 0 }}>
                {UNIT_KIND_LABEL[unit.kind]}
              </Text>
            </Group>
          </UnstyledButton>
        );
      })}
    </Box>
  );
}
