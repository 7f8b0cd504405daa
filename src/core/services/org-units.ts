import type { CommitteePost, OrgUnit, UnitShape } from '../../shared/contract';
import { branchShape, organShape } from '../../shared/org-shape';
import type { IsoDate } from '../../shared/dates';
import { AppError } from '../../shared/errors';
import {
  canContain,
  DEFAULT_TERM_YEARS,
  POST_LABEL,
  POSTS_FOR_KIND,
  termState,
  UNIT_KIND_LABEL,
  type OrgUnitKind,
  type PostKind,
} from '../../shared/org';
import type { Db } from '../db/open';
import { isUniqueViolation } from './sqlite-errors';

interface UnitRow {
  id: number;
  kind: OrgUnitKind;
  parent_id: number | null;
  name: string;
  founded_on: string | null;
  term_started_on: string | null;
  term_years: number | null;
  dissolved_on: string | null;
  note: string | null;
}

interface PostRow {
  id: number;
  unit_id: number;
  post: PostKind;
  holder_name: string;
  started_on: string | null;
  ended_on: string | null;
  note: string | null;
}

export interface UnitFields {
  name: string;
  foundedOn: IsoDate | null;
  termStartedOn: IsoDate | null;
  termYears: number | null;
  note: string | null;
}

const POST_ORDER = Object.keys(POST_LABEL) as PostKind[];

function toPost(row: PostRow): CommitteePost {
  return {
    id: row.id,
    unitId: row.unit_id,
    post: row.post,
    holderName: row.holder_name,
    startedOn: row.started_on,
    endedOn: row.ended_on,
    note: row.note,
  };
}

function comparePosts(a: CommitteePost, b: CommitteePost): number {
  const current = Number(a.endedOn !== null) - Number(b.endedOn !== null);
  if (current !== 0) return current;
  return POST_ORDER.indexOf(a.post) - POST_ORDER.indexOf(b.post) || a.id - b.id;
}

/** Members with 党籍 正常 per branch, and how many of them are 正式党员 on `today`. */
function memberCounts(db: Db, today: IsoDate): Map<number, { members: number; full: number }> {
  const rows = db
    .prepare(
      `SELECT branch_id, count(*), coalesce(sum(full_membership_on IS NOT NULL AND full_membership_on <= ?), 0)
         FROM member WHERE voided_on IS NULL AND status = 'normal' GROUP BY branch_id`,
    )
    .raw()
    .all(today) as [number, number, number][];
  return new Map(rows.map(([id, members, full]) => [id, { members, full }]));
}

/** Size and shape for a 党支部, and for the root with the organ's totals (reference §3.5). */
function unitShape(
  row: UnitRow,
  posts: CommitteePost[],
  counts: Map<number, { members: number; full: number }>,
): UnitShape | null {
  if (row.dissolved_on) return null;
  const current = posts.filter((p) => !p.endedOn);
  if (row.parent_id === null) {
    let members = 0;
    let full = 0;
    for (const c of counts.values()) {
      members += c.members;
      full += c.full;
    }
    const mine = counts.get(row.id) ?? { members: 0, full: 0 };
    const organ = row.kind === 'partyGroup' ? null : organShape(row.kind, members);
    return {
      members,
      full,
      warnings: [...(row.kind === 'branch' ? branchShape({ ...mine, posts: current }) : []), ...(organ ? [organ] : [])],
    };
  }
  if (row.kind !== 'branch') return null;
  const mine = counts.get(row.id) ?? { members: 0, full: 0 };
  return { ...mine, warnings: branchShape({ ...mine, posts: current }) };
}

export function listUnits(db: Db, today: IsoDate, warningDays: number): OrgUnit[] {
  const units = db.prepare(`SELECT * FROM org_unit ORDER BY parent_id IS NOT NULL, sort_order, id`).all() as UnitRow[];
  const posts = (db.prepare(`SELECT * FROM committee_post ORDER BY id`).all() as PostRow[]).map(toPost);
  const counts = memberCounts(db, today);
  return units.map((row) => ({
    id: row.id,
    kind: row.kind,
    parentId: row.parent_id,
    name: row.name,
    foundedOn: row.founded_on,
    termStartedOn: row.term_started_on,
    termYears: row.term_years,
    dissolvedOn: row.dissolved_on,
    note: row.note,
    term: row.dissolved_on ? { kind: 'none' } : termState(row.term_started_on, row.term_years, today, warningDays),
    posts: posts.filter((p) => p.unitId === row.id).sort(comparePosts),
    shape: unitShape(
      row,
      posts.filter((p) => p.unitId === row.id),
      counts,
    ),
  }));
}

export function getUnit(db: Db, id: number): UnitRow {
  const row = db.prepare(`SELECT * FROM org_unit WHERE id = ?`).get(id) as UnitRow | undefined;
  if (!row)
    throw new AppError({
      code: 'NOT_FOUND',
      message: `找不到编号为 ${id} 的组织。`,
      detail: `org_unit ${id}`,
      field: 'id',
    });
  return row;
}

function requireLive(unit: UnitRow, what: string): void {
  if (unit.dissolved_on) {
    throw new AppError({
      code: 'RULE_VIOLATION',
      message: `“${unit.name}”已于 ${unit.dissolved_on} 撤销，不能${what}。`,
      detail: `unit ${unit.id} dissolved`,
    });
  }
}

function checkPlacement(parent: UnitRow, kind: OrgUnitKind): void {
  if (!canContain(parent.kind, kind)) {
    throw new AppError({
      code: 'RULE_VIOLATION',
      message: `${UNIT_KIND_LABEL[parent.kind]}“${parent.name}”下不能设${UNIT_KIND_LABEL[kind]}。党小组设在党支部内，党支部设在机关党委或党总支下。`,
      detail: `${kind} under ${parent.kind}`,
      field: 'parentId',
    });
  }
}

function checkDates(fields: UnitFields, today: IsoDate): void {
  for (const [field, label] of [
    ['foundedOn', '成立日期'],
    ['termStartedOn', '本届任期开始日期'],
  ] as const) {
    const value = fields[field];
    if (value && value > today) {
      throw new AppError({
        code: 'INVALID_INPUT',
        message: `${label}“${value}”晚于今天，请核对。`,
        detail: `${field} in future`,
        field,
      });
    }
  }
  if (fields.foundedOn && fields.termStartedOn && fields.termStartedOn < fields.foundedOn) {
    throw new AppError({
      code: 'INVALID_INPUT',
      message: `本届任期开始日期“${fields.termStartedOn}”早于成立日期“${fields.foundedOn}”，请核对。`,
      detail: 'term before founding',
      field: 'termStartedOn',
    });
  }
}

/** 党小组 are not elected bodies and have no term (reference §3.5). */
function checkTerm(kind: OrgUnitKind, fields: UnitFields): void {
  if (DEFAULT_TERM_YEARS[kind] === null && (fields.termStartedOn || fields.termYears)) {
    throw new AppError({
      code: 'RULE_VIOLATION',
      message: `${UNIT_KIND_LABEL[kind]}不是选举产生的组织，没有任期。`,
      detail: 'term on a party group',
      field: 'termStartedOn',
    });
  }
}

function nameConflict(name: string): AppError {
  return new AppError({
    code: 'CONFLICT',
    message: `同一上级组织下已有名为“${name}”的组织，请换一个名称。`,
    detail: 'sibling name taken',
    field: 'name',
  });
}

export function insertUnit(
  db: Db,
  kind: OrgUnitKind,
  parentId: number | null,
  fields: UnitFields,
  today: IsoDate,
): number {
  checkDates(fields, today);
  checkTerm(kind, fields);
  // Elected bodies always have a term length; left blank, the rule's default applies.
  const termYears = fields.termYears ?? DEFAULT_TERM_YEARS[kind];
  try {
    const result = db
      .prepare(
        `INSERT INTO org_unit (kind, parent_id, name, founded_on, term_started_on, term_years, note, sort_order)
         VALUES (?, ?, ?, ?, ?, ?, ?, (SELECT ifnull(max(sort_order), 0) + 1 FROM org_unit WHERE parent_id IS ?))`,
      )
      .run(kind, parentId, fields.name, fields.foundedOn, fields.termStartedOn, termYears, fields.note, parentId);
    return Number(result.lastInsertRowid);
  } catch (error) {
    if (isUniqueViolation(error)) throw nameConflict(fields.name);
    throw error;
  }
}

export function addUnit(db: Db, kind: OrgUnitKind, parentId: number, fields: UnitFields, today: IsoDate): number {
  const parent = getUnit(db, parentId);
  requireLive(parent, '在其下新增组织');
  checkPlacement(parent, kind);
  return insertUnit(db, kind, parentId, fields, today);
}

export function updateUnit(db: Db, id: number, parentId: number | null, fields: UnitFields, today: IsoDate): void {
  const unit = getUnit(db, id);
  requireLive(unit, '修改');
  checkDates(fields, today);
  checkTerm(unit.kind, fields);
  if ((unit.parent_id === null) !== (parentId === null)) {
    throw new AppError({
      code: 'RULE_VIOLATION',
      message:
        unit.parent_id === null ? '机关党组织本身不能移到其他组织之下。' : '只有机关党组织本身可以没有上级组织。',
      detail: 'root change',
      field: 'parentId',
    });
  }
  if (parentId !== null && parentId !== unit.parent_id) {
    const parent = getUnit(db, parentId);
    requireLive(parent, '在其下移入组织');
    checkPlacement(parent, unit.kind);
  }
  try {
    db.prepare(
      `UPDATE org_unit SET parent_id = ?, name = ?, founded_on = ?, term_started_on = ?, term_years = ?, note = ? WHERE id = ?`,
    ).run(
      parentId,
      fields.name,
      fields.foundedOn,
      fields.termStartedOn,
      fields.termYears ?? DEFAULT_TERM_YEARS[unit.kind],
      fields.note,
      id,
    );
    // The root is the organ's own committee: its name is the one documents are signed with.
    if (unit.parent_id === null) db.prepare(`UPDATE organ SET committee_name = ? WHERE id = 1`).run(fields.name);
  } catch (error) {
    if (isUniqueViolation(error)) throw nameConflict(fields.name);
    throw error;
  }
}

export function dissolveUnit(db: Db, id: number, dissolvedOn: IsoDate, today: IsoDate): void {
  const unit = getUnit(db, id);
  requireLive(unit, '再次撤销');
  if (unit.parent_id === null) {
    throw new AppError({
      code: 'RULE_VIOLATION',
      message: '机关党组织本身不能在这里撤销。',
      detail: 'root dissolve',
      field: 'id',
    });
  }
  if (dissolvedOn > today) {
    throw new AppError({
      code: 'INVALID_INPUT',
      message: `撤销日期“${dissolvedOn}”晚于今天，请核对。`,
      detail: 'future',
      field: 'dissolvedOn',
    });
  }
  if (unit.founded_on && dissolvedOn < unit.founded_on) {
    throw new AppError({
      code: 'INVALID_INPUT',
      message: `撤销日期“${dissolvedOn}”早于成立日期“${unit.founded_on}”，请核对。`,
      detail: 'before founding',
      field: 'dissolvedOn',
    });
  }
  const laterPost = db
    .prepare(
      `SELECT holder_name, post, started_on FROM committee_post WHERE unit_id = ? AND ended_on IS NULL AND started_on > ? ORDER BY started_on DESC LIMIT 1`,
    )
    .get(id, dissolvedOn) as { holder_name: string; post: PostKind; started_on: string } | undefined;
  if (laterPost) {
    throw new AppError({
      code: 'INVALID_INPUT',
      message: `撤销日期“${dissolvedOn}”早于现任${POST_LABEL[laterPost.post]}${laterPost.holder_name}的任职日期“${laterPost.started_on}”，请核对。`,
      detail: 'before a current post began',
      field: 'dissolvedOn',
    });
  }
  const live = db.prepare(`SELECT name FROM org_unit WHERE parent_id = ? AND dissolved_on IS NULL`).all(id) as {
    name: string;
  }[];
  if (live.length > 0) {
    throw new AppError({
      code: 'RULE_VIOLATION',
      message: `“${unit.name}”下还有 ${live.length} 个组织（${live.map((u) => u.name).join('、')}），请先撤销或移出后再撤销本组织。`,
      detail: 'has live children',
    });
  }
  db.prepare(`UPDATE org_unit SET dissolved_on = ? WHERE id = ?`).run(dissolvedOn, id);
  db.prepare(`UPDATE committee_post SET ended_on = ? WHERE unit_id = ? AND ended_on IS NULL`).run(dissolvedOn, id);
}

/* ---------- committee posts ---------- */

export interface PostFields {
  unitId: number;
  post: PostKind;
  holderName: string;
  startedOn: IsoDate | null;
  note: string | null;
}

function getPost(db: Db, id: number): PostRow {
  const row = db.prepare(`SELECT * FROM committee_post WHERE id = ?`).get(id) as PostRow | undefined;
  if (!row)
    throw new AppError({
      code: 'NOT_FOUND',
      message: `找不到编号为 ${id} 的职务记录。`,
      detail: `post ${id}`,
      field: 'id',
    });
  return row;
}

/** Posts held by one person at a time: a unit has one 书记 and one 党小组组长. */
const SINGLE_HOLDER: readonly PostKind[] = ['secretary', 'groupLeader'];

export function addPost(db: Db, fields: PostFields, today: IsoDate): CommitteePost {
  const unit = getUnit(db, fields.unitId);
  requireLive(unit, '登记职务');
  if (!POSTS_FOR_KIND[unit.kind].includes(fields.post)) {
    throw new AppError({
      code: 'RULE_VIOLATION',
      message: `${UNIT_KIND_LABEL[unit.kind]}不设“${POST_LABEL[fields.post]}”职务。`,
      detail: `${fields.post} on ${unit.kind}`,
      field: 'post',
    });
  }
  if (fields.startedOn && fields.startedOn > today) {
    throw new AppError({
      code: 'INVALID_INPUT',
      message: `任职日期“${fields.startedOn}”晚于今天，请核对。`,
      detail: 'future',
      field: 'startedOn',
    });
  }
  if (SINGLE_HOLDER.includes(fields.post)) {
    const holder = db
      .prepare(`SELECT holder_name FROM committee_post WHERE unit_id = ? AND post = ? AND ended_on IS NULL`)
      .get(fields.unitId, fields.post) as { holder_name: string } | undefined;
    if (holder) {
      throw new AppError({
        code: 'RULE_VIOLATION',
        message: `“${unit.name}”已有现任${POST_LABEL[fields.post]}“${holder.holder_name}”，请先登记其离任。`,
        detail: 'single holder',
        field: 'post',
      });
    }
  }
  const result = db
    .prepare(`INSERT INTO committee_post (unit_id, post, holder_name, started_on, note) VALUES (?, ?, ?, ?, ?)`)
    .run(fields.unitId, fields.post, fields.holderName, fields.startedOn, fields.note);
  return toPost(getPost(db, Number(result.lastInsertRowid)));
}

export function endPost(db: Db, id: number, endedOn: IsoDate, today: IsoDate): CommitteePost {
  const post = getPost(db, id);
  if (post.ended_on) {
    throw new AppError({
      code: 'RULE_VIOLATION',
      message: `该职务已于 ${post.ended_on} 离任。`,
      detail: 'already ended',
    });
  }
  if (endedOn > today) {
    throw new AppError({
      code: 'INVALID_INPUT',
      message: `离任日期“${endedOn}”晚于今天，请核对。`,
      detail: 'future',
      field: 'endedOn',
    });
  }
  if (post.started_on && endedOn < post.started_on) {
    throw new AppError({
      code: 'INVALID_INPUT',
      message: `离任日期“${endedOn}”早于任职日期“${post.started_on}”，请核对。`,
      detail: 'end before start',
      field: 'endedOn',
    });
  }
  db.prepare(`UPDATE committee_post SET ended_on = ? WHERE id = ?`).run(endedOn, id);
  return toPost(getPost(db, id));
}

/** For entries made in error: the row goes, the audit log keeps it with the reason. */
export function removePost(db: Db, id: number): void {
  getPost(db, id);
  db.prepare(`DELETE FROM committee_post WHERE id = ?`).run(id);
}
