import type { OrgUnit } from '../../shared/contract';

export interface TreeRow {
  unit: OrgUnit;
  depth: number;
}

/** The units in display order (each parent followed by its children), with their depth. */
export function flattenTree(units: OrgUnit[], showDissolved: boolean): TreeRow[] {
  const visible = units.filter((u) => showDissolved || !u.dissolvedOn);
  const children = new Map<number | null, OrgUnit[]>();
  for (const unit of visible) {
    const list = children.get(unit.parentId) ?? [];
    list.push(unit);
    children.set(unit.parentId, list);
  }
  const rows: TreeRow[] = [];
  const walk = (parentId: number | null, depth: number) => {
    for (const unit of children.get(parentId) ?? []) {
      rows.push({ unit, depth });
      walk(unit.id, depth + 1);
    }
  };
  walk(null, 0);
  return rows;
}
