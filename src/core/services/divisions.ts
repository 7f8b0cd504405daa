import type { IsoDate } from '../../shared/dates';
import type { Division } from '../../shared/divisions';
import { AppError } from '../../shared/errors';
import type { Db } from '../db/open';
import { isUniqueViolation } from './sqlite-errors';

/* The organ's 处室 list (migration 17): add, rename, dissolve; never deleted once used. */

function refuse(message: string, field = 'name'): AppError {
  return new AppError({ code: 'RULE_VIOLATION', message, detail: message, field });
}

function taken(name: string): AppError {
  return new AppError({
    code: 'CONFLICT',
    message: `已有名为“${name}”的处室。`,
    detail: 'division name taken',
    field: 'name',
  });
}

/** Every 处室, those in use first by their order, dissolved ones last (old records still name them). */
export function listDivisions(db: Db): Division[] {
  return (
    db
      .prepare(
        `SELECT d.id, d.name, d.dissolved_on,
           (SELECT count(*) FROM member m WHERE m.division_id = d.id AND m.voided_on IS NULL
              AND m.status IN ('normal', 'suspended')) AS member_count,
           (SELECT count(*) FROM duty_leader_division l WHERE l.division_id = d.id) AS leader_count
         FROM division d ORDER BY d.dissolved_on IS NOT NULL, d.sort_order, d.id`,
      )
      .all() as { id: number; name: string; dissolved_on: IsoDate | null; member_count: number; leader_count: number }[]
  ).map((r) => ({
    id: r.id,
    name: r.name,
    memberCount: r.member_count,
    leaderCount: r.leader_count,
    dissolvedOn: r.dissolved_on,
  }));
}

export function divisionById(db: Db, id: number): { id: number; name: string; dissolved_on: IsoDate | null } {
  const row = db.prepare(`SELECT id, name, dissolved_on FROM division WHERE id = ?`).get(id) as
    { id: number; name: string; dissolved_on: IsoDate | null } | undefined;
  if (!row) {
    throw new AppError({
      code: 'NOT_FOUND',
      message: `找不到编号为 ${id} 的处室。`,
      detail: `division ${id}`,
      field: 'divisionId',
    });
  }
  return row;
}

/** A 处室 a member or a 班子成员 may be put in now: one on the list and not dissolved. */
export function requireLiveDivision(db: Db, id: number, field: string): void {
  const row = divisionById(db, id);
  if (row.dissolved_on) throw refuse(`处室“${row.name}”已于${row.dissolved_on}撤销，不能再选。`, field);
}

export function addDivision(db: Db, name: string): number {
  const order = (db.prepare(`SELECT ifnull(max(sort_order), 0) + 1 AS n FROM division`).get() as { n: number }).n;
  try {
    return Number(
      db
        .prepare(`INSERT INTO division (name, sort_order, created_at) VALUES (?, ?, ?)`)
        .run(name, order, new Date().toISOString()).lastInsertRowid,
    );
  } catch (error) {
    if (isUniqueViolation(error)) throw taken(name);
    throw error;
  }
}

/** A rename follows everywhere: members and 分管处室 link to the 处室, not to its name. */
export function renameDivision(db: Db, id: number, name: string): void {
  const row = divisionById(db, id);
  if (row.dissolved_on) throw refuse(`处室“${row.name}”已撤销，不能改名。`);
  try {
    db.prepare(`UPDATE division SET name = ? WHERE id = ?`).run(name, id);
  } catch (error) {
    if (isUniqueViolation(error)) throw taken(name);
    throw error;
  }
}

/** Dissolved when nobody on the roster is in it any more; 分管处室 of past years keep naming it. */
export function dissolveDivision(db: Db, id: number, today: IsoDate): void {
  const row = divisionById(db, id);
  if (row.dissolved_on) throw refuse(`处室“${row.name}”已于${row.dissolved_on}撤销。`, 'id');
  const members = db
    .prepare(
      `SELECT name FROM member WHERE division_id = ? AND voided_on IS NULL AND status IN ('normal', 'suspended') ORDER BY name_pinyin`,
    )
    .all(id) as { name: string }[];
  if (members.length > 0) {
    const names = members
      .slice(0, 5)
      .map((m) => m.name)
      .join('、');
    throw refuse(
      `处室“${row.name}”还有${members.length}名党员（${names}${members.length > 5 ? '等' : ''}），请先在党员信息中改为其他处室，再撤销。`,
      'id',
    );
  }
  db.prepare(`UPDATE division SET dissolved_on = ? WHERE id = ?`).run(today, id);
}
