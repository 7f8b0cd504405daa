import type { IsoDate } from '../../../shared/dates';
import type { NewUnit, UnitMapping } from '../../../shared/members/import-fields';
import { canContain, type OrgUnitKind } from '../../../shared/org';
import type { Db } from '../../db/open';
import { insertUnit } from '../../services/org-units';
import { nearMiss, normaliseUnitName, parseUnitPath } from './unit-paths';

/*
 * Branches named in the workbook (issue 12): a 党支部, 党总支 or 党小组 the organisation does
 * not have yet is not a row error. The analysis gives it a provisional id, counts the rows that
 * name it and looks for near misses among the units the organisation has; the preview lists
 * them, the person may map a name onto an existing unit (never done silently), and the commit
 * creates the rest in the same transaction as the members, when the person has confirmed.
 */

interface LiveUnit {
  id: number;
  kind: OrgUnitKind;
  parentId: number | null;
  name: string;
}

/** Provisional ids are far above any row id SQLite will hand out in an office's file. */
const PROVISIONAL = 1_000_000_000_000;

type NewKind = NewUnit['kind'];

interface Planned {
  id: number;
  kind: NewKind;
  name: string;
  /** The parent: a live unit's id or another planned unit's provisional id. */
  parentId: number;
  rows: Set<string>;
}

export type UnitResolution =
  | { ok: true; branchId: number; partyGroupId: number | null }
  | { ok: false; field: 'branch' | 'partyGroup'; message: string };

export class UnitPlan {
  private live: LiveUnit[];
  private root: LiveUnit | undefined;
  private planned = new Map<string, Planned>();
  private mapping: Map<string, number>;

  constructor(db: Db, mapping: readonly UnitMapping[]) {
    this.live = (
      db.prepare(`SELECT id, kind, parent_id, name FROM org_unit WHERE dissolved_on IS NULL`).all() as {
        id: number;
        kind: OrgUnitKind;
        parent_id: number | null;
        name: string;
      }[]
    ).map((u) => ({ id: u.id, kind: u.kind, parentId: u.parent_id, name: u.name }));
    this.root = this.live.find((u) => u.parentId === null);
    this.mapping = new Map(mapping.map((m) => [normaliseUnitName(m.name), m.unitId]));
  }

  /** The branch (and party group) a row names, made or found; `row` identifies the row for the counts. */
  resolve(branchText: string, groupText: string | null, row: string): UnitResolution {
    const parsed = parseUnitPath(branchText);
    if (!parsed.ok) return { ok: false, field: 'branch', message: parsed.message };
    const { path } = parsed;
    const group = groupText ? normaliseUnitName(groupText) : null;
    if (group && path.partyGroup && group !== path.partyGroup)
      return {
        ok: false,
        field: 'partyGroup',
        message: `党小组与所在党支部一栏写的“${path.partyGroup}”不一致`,
      };
    const groupName = path.partyGroup ?? group;

    let parentId: number | null = this.root?.id ?? null;
    let parentLabel = '';
    if (path.generalBranch) {
      const found = this.find('generalBranch', path.generalBranch, path.generalBranch, this.root?.id ?? null);
      if (typeof found === 'string') return { ok: false, field: 'branch', message: found };
      parentId = found ?? this.plan('generalBranch', path.generalBranch, this.root?.id ?? null, row);
      if (parentId === null) return { ok: false, field: 'branch', message: this.cannotHold('generalBranch') };
      parentLabel = `${path.generalBranch}/`;
    }
    // Without a 总支 written, a branch anywhere in the organisation counts; with one, only under it.
    const branch = this.find(
      'branch',
      path.branch,
      `${parentLabel}${path.branch}`,
      path.generalBranch ? parentId : undefined,
    );
    if (typeof branch === 'string') return { ok: false, field: 'branch', message: branch };
    const branchId = branch ?? this.plan('branch', path.branch, parentId, row, parentLabel);
    if (branchId === null) return { ok: false, field: 'branch', message: this.cannotHold('branch') };
    if (!groupName) return { ok: true, branchId, partyGroupId: null };
    const label = `${parentLabel}${this.nameOf(branchId)}/`;
    const foundGroup = this.find('partyGroup', groupName, `${label}${groupName}`, branchId);
    if (typeof foundGroup === 'string') return { ok: false, field: 'partyGroup', message: foundGroup };
    const partyGroupId = foundGroup ?? this.plan('partyGroup', groupName, branchId, row, label);
    return { ok: true, branchId, partyGroupId: partyGroupId! };
  }

  /** How many units are planned so far. */
  get size(): number {
    return this.planned.size;
  }

  /** Every unit the commit would create, parents first, with the rows naming it and the near misses. */
  newUnits(): NewUnit[] {
    return [...this.planned.entries()].map(([name, p]) => ({
      name,
      kind: p.kind,
      rows: p.rows.size,
      similar: this.live
        .filter(
          (u) =>
            u.kind === p.kind && (normaliseUnitName(u.name) === normaliseUnitName(p.name) || nearMiss(p.name, u.name)),
        )
        .map((u) => ({ unitId: u.id, name: u.name })),
    }));
  }

  /** Live and planned branches with their groups, as the member rules see them. */
  branchesForRules(
    live: ReadonlyMap<number, { name: string; groupIds: ReadonlySet<number> }>,
  ): Map<number, { name: string; groupIds: Set<number> }> {
    const all = new Map([...live].map(([id, b]) => [id, { name: b.name, groupIds: new Set(b.groupIds) }]));
    for (const p of this.planned.values())
      if (p.kind === 'branch') all.set(p.id, { name: p.name, groupIds: new Set() });
    for (const p of this.planned.values()) if (p.kind === 'partyGroup') all.get(p.parentId)?.groupIds.add(p.id);
    return all;
  }

  /** A unit's name by id, live or planned. */
  nameOf(id: number): string {
    for (const p of this.planned.values()) if (p.id === id) return p.name;
    return this.live.find((u) => u.id === id)?.name ?? String(id);
  }

  /**
   * The planned units that rows being written use, with their planned parents, parents first.
   * A unit named only by rows the person left out is not made.
   */
  needed(ids: readonly (number | null)[]): (NewUnit & { id: number })[] {
    const wanted = new Set<number>();
    const byId = new Map([...this.planned.values()].map((p) => [p.id, p]));
    for (const id of ids) {
      for (let at = id === null ? undefined : byId.get(id); at; at = byId.get(at.parentId)) wanted.add(at.id);
    }
    const listed = this.newUnits();
    return [...this.planned.values()].map((p, i) => ({ ...listed[i]!, id: p.id })).filter((u) => wanted.has(u.id));
  }

  /**
   * Creates the given planned units (parents come first in the plan) and returns the real id of
   * each provisional one. Runs inside the caller's transaction, so the units and the members are
   * written together or not at all; the audit triggers record each unit as any other.
   */
  create(db: Db, units: readonly { id: number }[], today: IsoDate): Map<number, number> {
    const real = new Map<number, number>();
    const byId = new Map([...this.planned.values()].map((p) => [p.id, p]));
    for (const { id } of units) {
      const p = byId.get(id)!;
      const fields = { name: p.name, foundedOn: null, termStartedOn: null, termYears: null, note: null };
      real.set(p.id, insertUnit(db, p.kind, real.get(p.parentId) ?? p.parentId, fields, today));
    }
    return real;
  }

  /**
   * A live unit of that kind and name: under `parentId` when given, else anywhere. Returns its
   * id, undefined when there is none, or a message when the name is ambiguous. A name the person
   * mapped onto an existing unit resolves to that unit.
   */
  private find(kind: OrgUnitKind, name: string, key: string, parentId?: number | null): number | undefined | string {
    const mapped = this.mapping.get(key) ?? this.mapping.get(name);
    if (mapped !== undefined && this.live.some((u) => u.id === mapped && u.kind === kind)) return mapped;
    const same = this.live.filter(
      (u) =>
        u.kind === kind && normaliseUnitName(u.name) === name && (parentId === undefined || u.parentId === parentId),
    );
    if (same.length > 1) {
      const parents = same.map((u) => this.live.find((p) => p.id === u.parentId)?.name ?? '').join('、');
      return `有 ${same.length} 个名为“${name}”的党支部（分属${parents}），请写明所属党总支，如“某某党总支/${name}”`;
    }
    return same[0]?.id;
  }

  private plan(kind: NewKind, name: string, parentId: number | null, row: string, label = ''): number | null {
    if (parentId === null) return null;
    const parentKind = this.kindOf(parentId);
    if (!parentKind || !canContain(parentKind, kind)) return null;
    const key = `${label}${name}`;
    let planned = this.planned.get(key);
    if (!planned) {
      planned = { id: PROVISIONAL + this.planned.size + 1, kind, name, parentId, rows: new Set() };
      this.planned.set(key, planned);
    }
    planned.rows.add(row);
    // A row under a new 党支部 under a new 总支 counts for both.
    for (const p of this.planned.values()) if (p.id === parentId) p.rows.add(row);
    return planned.id;
  }

  private kindOf(id: number): OrgUnitKind | undefined {
    for (const p of this.planned.values()) if (p.id === id) return p.kind;
    return this.live.find((u) => u.id === id)?.kind;
  }

  private cannotHold(kind: OrgUnitKind): string {
    return kind === 'generalBranch'
      ? '本机关党组织下不能设党总支，请改为已有党支部的名称'
      : '本机关党组织下不能再设党支部，请改为已有党支部的名称';
  }
}
