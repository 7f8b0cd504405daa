import { formatChineseDate, type IsoDate } from '../../shared/dates';
import { LEADER_ROLES, type LeaderRole } from '../../shared/duties/library';
import type { addLeaderInput, BranchRef, LeaderView } from '../../shared/duties/views';
import type { z } from 'zod';
import type { Db } from '../db/open';
import { isUniqueViolation } from '../services/sqlite-errors';
import { conflict, distinct, invalid, notFound, now, parseList } from './common';

/* 领导班子 by year: who carries 一岗双责, their posts, portfolios and branches. */

export interface LeaderRow {
  id: number;
  year: number;
  name: string;
  role: LeaderRole;
  title: string | null;
  member_id: number | null;
  divisions: string;
  started_on: IsoDate | null;
  left_on: IsoDate | null;
  sort_order: number;
  note: string | null;
}

export type LeaderFields = Omit<z.output<typeof addLeaderInput>, 'year'>;

const ROLE_RANK = `CASE role ${LEADER_ROLES.map((r, i) => `WHEN '${r}' THEN ${i}`).join(' ')} END`;
export const LEADER_ORDER = `sort_order, ${ROLE_RANK}, id`;

export function leaderRow(db: Db, id: number): LeaderRow {
  const row = db.prepare(`SELECT * FROM duty_leader WHERE id = ?`).get(id) as LeaderRow | undefined;
  if (!row) throw notFound(`找不到编号为 ${id} 的班子成员。`, `duty_leader ${id}`, 'leaderId');
  return row;
}

function branchesOf(db: Db, leaderIds: number[]): Map<number, BranchRef[]> {
  const out = new Map<number, BranchRef[]>();
  if (leaderIds.length === 0) return out;
  const rows = db
    .prepare(
      `SELECT lb.leader_id, u.id, u.name FROM duty_leader_branch lb JOIN org_unit u ON u.id = lb.unit_id
        WHERE lb.leader_id IN (SELECT value FROM json_each(?)) ORDER BY u.sort_order, u.id`,
    )
    .all(JSON.stringify(leaderIds)) as { leader_id: number; id: number; name: string }[];
  for (const r of rows) out.set(r.leader_id, [...(out.get(r.leader_id) ?? []), { id: r.id, name: r.name }]);
  return out;
}

function ownBranches(db: Db, memberIds: number[]): Map<number, BranchRef> {
  const out = new Map<number, BranchRef>();
  if (memberIds.length === 0) return out;
  const rows = db
    .prepare(
      `SELECT m.id AS member_id, u.id, u.name FROM member m JOIN org_unit u ON u.id = m.branch_id WHERE m.id IN (SELECT value FROM json_each(?))`,
    )
    .all(JSON.stringify(memberIds)) as { member_id: number; id: number; name: string }[];
  for (const r of rows) out.set(r.member_id, { id: r.id, name: r.name });
  return out;
}

function divisionsOf(db: Db, leaderIds: number[]): Map<number, { id: number; name: string }[]> {
  const out = new Map<number, { id: number; name: string }[]>();
  if (leaderIds.length === 0) return out;
  const rows = db
    .prepare(
      `SELECT ld.leader_id, d.id, d.name FROM duty_leader_division ld JOIN division d ON d.id = ld.division_id
        WHERE ld.leader_id IN (SELECT value FROM json_each(?)) ORDER BY d.sort_order, d.id`,
    )
    .all(JSON.stringify(leaderIds)) as { leader_id: number; id: number; name: string }[];
  for (const r of rows) out.set(r.leader_id, [...(out.get(r.leader_id) ?? []), { id: r.id, name: r.name }]);
  return out;
}

export function toLeaderViews(db: Db, rows: LeaderRow[]): LeaderView[] {
  const linked = divisionsOf(
    db,
    rows.map((r) => r.id),
  );
  const branches = branchesOf(
    db,
    rows.map((r) => r.id),
  );
  const own = ownBranches(
    db,
    rows.flatMap((r) => (r.member_id ? [r.member_id] : [])),
  );
  return rows.map((r) => {
    const links = linked.get(r.id) ?? [];
    const other = parseList(r.divisions);
    return {
      id: r.id,
      year: r.year,
      name: r.name,
      role: r.role,
      title: r.title,
      memberId: r.member_id,
      ownBranch: r.member_id ? (own.get(r.member_id) ?? null) : null,
      divisions: distinct([...links.map((d) => d.name), ...other]),
      divisionIds: links.map((d) => d.id),
      otherDivisions: other,
      branches: branches.get(r.id) ?? [],
      startedOn: r.started_on,
      leftOn: r.left_on,
      note: r.note,
      sortOrder: r.sort_order,
    };
  });
}

export function listLeaders(db: Db, year: number): LeaderView[] {
  return toLeaderViews(
    db,
    db.prepare(`SELECT * FROM duty_leader WHERE year = ? ORDER BY ${LEADER_ORDER}`).all(year) as LeaderRow[],
  );
}

export function getLeader(db: Db, id: number): LeaderView {
  return toLeaderViews(db, [leaderRow(db, id)])[0]!;
}

/** The same person in another year: by roster link first, else by name. */
export function sameLeaderIn(db: Db, leader: Pick<LeaderRow, 'name' | 'member_id'>, year: number): LeaderRow | null {
  if (leader.member_id) {
    const byMember = db
      .prepare(`SELECT * FROM duty_leader WHERE year = ? AND member_id = ?`)
      .get(year, leader.member_id) as LeaderRow | undefined;
    if (byMember) return byMember;
  }
  return (
    (db.prepare(`SELECT * FROM duty_leader WHERE year = ? AND name = ?`).get(year, leader.name) as
      LeaderRow | undefined) ?? null
  );
}

/**
 * 分管处室 to store: the chosen 处室 plus any typed name that is a listed 处室 (linked instead of kept
 * as text); the other typed names stay text. A 处室 dissolved may stay linked, not be newly chosen.
 */
function resolveDivisions(
  db: Db,
  fields: LeaderFields,
  already: readonly number[],
): { ids: number[]; other: string[] } {
  const live = new Map(
    (
      db.prepare(`SELECT id, name FROM division WHERE dissolved_on IS NULL`).all() as { id: number; name: string }[]
    ).map((d) => [d.name, d.id]),
  );
  for (const id of fields.divisionIds) {
    const row = db.prepare(`SELECT name, dissolved_on FROM division WHERE id = ?`).get(id) as
      { name: string; dissolved_on: string | null } | undefined;
    if (!row) throw invalid(`分管处室中编号 ${id} 不在处室名单中。`, 'divisionIds');
    if (row.dissolved_on && !already.includes(id))
      throw invalid(
        `处室“${row.name}”已于${formatChineseDate(row.dissolved_on)}撤销，不能再作为分管处室。`,
        'divisionIds',
      );
  }
  const typed = distinct(fields.divisions);
  return {
    ids: distinct([...fields.divisionIds, ...typed.flatMap((n) => (live.has(n) ? [live.get(n)!] : []))]),
    other: typed.filter((n) => !live.has(n)),
  };
}

function writeDivisions(db: Db, leaderId: number, ids: readonly number[]): void {
  const current = (
    db.prepare(`SELECT division_id FROM duty_leader_division WHERE leader_id = ?`).all(leaderId) as {
      division_id: number;
    }[]
  ).map((r) => r.division_id);
  for (const id of current)
    if (!ids.includes(id))
      db.prepare(`DELETE FROM duty_leader_division WHERE leader_id = ? AND division_id = ?`).run(leaderId, id);
  for (const id of ids)
    if (!current.includes(id))
      db.prepare(`INSERT INTO duty_leader_division (leader_id, division_id) VALUES (?, ?)`).run(leaderId, id);
}

function linkedDivisions(db: Db, leaderId: number): number[] {
  return (
    db.prepare(`SELECT division_id FROM duty_leader_division WHERE leader_id = ?`).all(leaderId) as {
      division_id: number;
    }[]
  ).map((r) => r.division_id);
}

function checkFields(db: Db, year: number, fields: LeaderFields): { name: string } {
  let name = fields.name ?? null;
  if (fields.memberId !== null) {
    const member = db.prepare(`SELECT name, voided_on FROM member WHERE id = ?`).get(fields.memberId) as
      { name: string; voided_on: string | null } | undefined;
    if (!member || member.voided_on) throw invalid(`党员名册中找不到编号为 ${fields.memberId} 的党员。`, 'memberId');
    if (name && name !== member.name)
      throw invalid(`姓名“${name}”与所选党员“${member.name}”不一致。请重新选择党员，或不关联党员名册。`, 'name');
    name = member.name;
  }
  if (!name) throw invalid('请填写姓名，或从党员名册中选择。', 'name');
  for (const [label, field, date] of [
    ['任职日期', 'startedOn', fields.startedOn],
    ['离任日期', 'leftOn', fields.leftOn],
  ] as const) {
    if (date && Number(date.slice(0, 4)) !== year)
      throw invalid(`${label}“${formatChineseDate(date)}”不在${year}年度内。年度班子只记录本年内的任职变化。`, field);
  }
  if (fields.startedOn && fields.leftOn && fields.leftOn < fields.startedOn) {
    throw invalid(
      `离任日期“${formatChineseDate(fields.leftOn)}”早于任职日期“${formatChineseDate(fields.startedOn)}”。`,
      'leftOn',
    );
  }
  for (const id of fields.branchIds) {
    const unit = db.prepare(`SELECT kind, name, dissolved_on FROM org_unit WHERE id = ?`).get(id) as
      { kind: string; name: string; dissolved_on: string | null } | undefined;
    if (!unit || !['branch', 'generalBranch'].includes(unit.kind))
      throw invalid(`分管党支部中编号 ${id} 不是党支部或党总支。`, 'branchIds');
    if (unit.dissolved_on)
      throw invalid(
        `“${unit.name}”已于${formatChineseDate(unit.dissolved_on)}撤销，不能再作为分管党支部。`,
        'branchIds',
      );
  }
  return { name };
}

function duplicate(year: number, name: string): never {
  throw conflict(
    `${year}年度的领导班子中已有“${name}”（或已关联同一名党员）。`,
    `duty_leader ${year} ${name} exists`,
    'name',
  );
}

function writeBranches(db: Db, leaderId: number, branchIds: number[]): void {
  const wanted = new Set(distinct(branchIds));
  const current = db.prepare(`SELECT id, unit_id FROM duty_leader_branch WHERE leader_id = ?`).all(leaderId) as {
    id: number;
    unit_id: number;
  }[];
  for (const c of current)
    if (!wanted.has(c.unit_id)) db.prepare(`DELETE FROM duty_leader_branch WHERE id = ?`).run(c.id);
  const have = new Set(current.map((c) => c.unit_id));
  for (const id of wanted)
    if (!have.has(id))
      db.prepare(`INSERT INTO duty_leader_branch (leader_id, unit_id) VALUES (?, ?)`).run(leaderId, id);
}

export function addLeader(db: Db, year: number, fields: LeaderFields): number {
  const { name } = checkFields(db, year, fields);
  const divisions = resolveDivisions(db, fields, []);
  try {
    return db.transaction(() => {
      const id = Number(
        db
          .prepare(
            `INSERT INTO duty_leader (year, name, role, title, member_id, divisions, started_on, left_on, note, created_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(
            year,
            name,
            fields.role,
            fields.title,
            fields.memberId,
            JSON.stringify(divisions.other),
            fields.startedOn,
            fields.leftOn,
            fields.note,
            now(),
          ).lastInsertRowid,
      );
      writeBranches(db, id, fields.branchIds);
      writeDivisions(db, id, divisions.ids);
      return id;
    })();
  } catch (error) {
    if (isUniqueViolation(error)) duplicate(year, name);
    throw error;
  }
}

export function updateLeader(db: Db, id: number, fields: LeaderFields): void {
  const row = leaderRow(db, id);
  const { name } = checkFields(db, row.year, fields);
  const divisions = resolveDivisions(db, fields, linkedDivisions(db, id));
  try {
    db.transaction(() => {
      db.prepare(
        `UPDATE duty_leader SET name = ?, role = ?, title = ?, member_id = ?, divisions = ?, started_on = ?, left_on = ?, note = ? WHERE id = ?`,
      ).run(
        name,
        fields.role,
        fields.title,
        fields.memberId,
        JSON.stringify(divisions.other),
        fields.startedOn,
        fields.leftOn,
        fields.note,
        id,
      );
      writeBranches(db, id, fields.branchIds);
      writeDivisions(db, id, divisions.ids);
    })();
  } catch (error) {
    if (isUniqueViolation(error)) duplicate(row.year, name);
    throw error;
  }
}

/**
 * Removes a person entered by mistake, with their list, letter and report. Someone with duty
 * records is never removed: the records are the point; a person who left is given a 离任日期.
 */
export function removeLeader(db: Db, id: number): void {
  const row = leaderRow(db, id);
  const records = (db.prepare(`SELECT count(*) AS n FROM duty_record WHERE leader_id = ?`).get(id) as { n: number }).n;
  if (records > 0) {
    throw conflict(
      `“${row.name}”已有 ${records} 条履职纪实，不能删除。如已调离，请在“修改”中填写离任日期；如是误录的记录，请先作废这些纪实。`,
      `duty_leader ${id} has ${records} records`,
    );
  }
  const talkedWith = (
    db.prepare(`SELECT count(*) AS n FROM duty_counterpart WHERE leader_id = ?`).get(id) as { n: number }
  ).n;
  if (talkedWith > 0) {
    throw conflict(
      `“${row.name}”是 ${talkedWith} 次谈话的谈话对象，不能删除。如已调离，请填写离任日期。`,
      `duty_leader ${id} is a counterpart`,
    );
  }
  db.transaction(() => {
    db.prepare(`DELETE FROM duty_report WHERE leader_id = ?`).run(id);
    const letter = db.prepare(`SELECT id FROM duty_letter WHERE leader_id = ?`).get(id) as { id: number } | undefined;
    if (letter) {
      db.prepare(`DELETE FROM duty_evidence WHERE letter_id = ?`).run(letter.id);
      db.prepare(`DELETE FROM duty_letter WHERE id = ?`).run(letter.id);
    }
    db.prepare(`DELETE FROM duty_item WHERE leader_id = ?`).run(id);
    db.prepare(`DELETE FROM duty_leader_branch WHERE leader_id = ?`).run(id);
    db.prepare(`DELETE FROM duty_leader_division WHERE leader_id = ?`).run(id);
    db.prepare(`DELETE FROM duty_leader WHERE id = ?`).run(id);
  })();
}
