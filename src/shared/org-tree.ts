import type { OrgUnit } from './contract';

export interface TreeRow {
  unit: OrgUnit;
  depth: number;
}

/** The units in display order (each parent followed by its children), with their depth: one order for the screen, the CLI and printed lists. */
export function flattenTree<U extends Pick<OrgUnit, 'id' | 'parentId' | 'dissolvedOn'>>(
  units: U[],
  showDissolved: boolean,
): { unit: U; depth: number }[] {
  const visible = units.filter((u) => showDissolved || !u.dissolvedOn);
  const children = new Map<number | null, U[]>();
  for (const unit of visible) {
    const list = children.get(unit.parentId) ?? [];
    list.push(unit);
    children.set(unit.parentId, list);
  }
  const rows: { unit: U; depth: number }[] = [];
  const walk = (parentId: number | null, depth: number) => {
    for (const unit of children.get(parentId) ?? []) {
      rows.push({ unit, depth });
      walk(unit.id, depth + 1);
    }
  };
  walk(null, 0);
  return rows;
}
