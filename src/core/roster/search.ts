import { addYears, type IsoDate } from '../../shared/dates';
import { CURRENT_STATUSES } from '../../shared/members/fields';
import type { RosterPage, RosterQuery, SortField } from '../../shared/members/views';
import type { Db } from '../db/open';
import { getSettings } from '../services/settings';
import { toSummary, unitNames } from './members';
import type { MemberRow } from './types';

/** SQL for each sort; ties always fall back to pinyin then id so pages never shuffle. */
const ORDER: Record<SortField, { expr: string; desc?: boolean }[]> = {
  name: [{ expr: 'm.name_pinyin' }],
  branch: [{ expr: 'b.sort_order' }, { expr: 'b.id' }],
  gender: [{ expr: 'm.gender' }],
  // older first when ascending by age
  age: [{ expr: 'm.birth_date', desc: true }],
  admittedOn: [{ expr: 'm.admitted_on' }],
  // probationary members (no 党龄) sort below 0 years
  partyStanding: [{ expr: "ifnull(m.full_membership_on, '9999')", desc: true }],
  education: [
    {
      expr: "CASE m.education WHEN 'doctorate' THEN 1 WHEN 'masters' THEN 2 WHEN 'bachelor' THEN 3 WHEN 'college' THEN 4 WHEN 'secondaryVocational' THEN 5 WHEN 'highSchool' THEN 6 WHEN 'juniorOrBelow' THEN 7 ELSE 8 END",
    },
  ],
  status: [{ expr: 'm.status' }],
};

const FULL_FROM_LAST_DAY =
  "CASE WHEN length(m.full_membership_on) = 7 THEN m.full_membership_on || '-31' ELSE m.full_membership_on END";

function inList(column: string, values: readonly (string | number)[], params: unknown[]): string {
  params.push(...values);
  return `${column} IN (${values.map(() => '?').join(', ')})`;
}

/** Turns the query into one WHERE clause; age and 党龄 ranges become date bounds on today. */
export function whereClause(query: RosterQuery, today: IsoDate): { sql: string; params: unknown[] } {
  const clauses = ['m.voided_on IS NULL'];
  const params: unknown[] = [];
  clauses.push(inList('m.status', query.statuses?.length ? query.statuses : CURRENT_STATUSES, params));
  const text = query.text?.trim().replace(/\s+/g, '');
  if (text) {
    const lower = text.toLowerCase();
    const escaped = lower.replace(/[\\%_]/g, (c) => `\\${c}`);
    const parts = ["m.name LIKE ? ESCAPE '\\'"];
    params.push(`%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    if (/^[a-z]+$/.test(lower)) {
      parts.push("m.name_initials LIKE ? ESCAPE '\\'", "m.name_pinyin LIKE ? ESCAPE '\\'");
      params.push(`${escaped}%`, `${escaped}%`);
    }
    if (/^[\dxX]{3,}$/.test(text)) {
      parts.push("m.citizen_id LIKE ? ESCAPE '\\'");
      params.push(`%${text.toUpperCase()}%`);
    }
    clauses.push(`(${parts.join(' OR ')})`);
  }
  if (query.branchIds?.length) clauses.push(inList('m.branch_id', query.branchIds, params));
  if (query.partyGroupIds?.length) clauses.push(inList('m.party_group_id', query.partyGroupIds, params));
  if (query.divisionIds?.length) clauses.push(inList('ifnull(m.division_id, 0)', query.divisionIds, params));
  if (query.genders?.length) clauses.push(inList('m.gender', query.genders, params));
  if (query.educations?.length) clauses.push(inList('m.education', query.educations, params));
  if (query.employment?.length) clauses.push(inList('m.employment_category', query.employment, params));
  if (query.categories?.length === 1) {
    clauses.push(
      query.categories[0] === 'full'
        ? 'm.full_membership_on <= ?'
        : '(m.full_membership_on IS NULL OR m.full_membership_on > ?)',
    );
    params.push(today);
  }
  // 党龄 ≥ N ⇔ full member since N years ago; 党龄 ≤ N ⇔ not yet N + 1 years. A 转正 month counts
  // from its last day ("-31" sorts after every day of it), as partyStanding does: the lower value
  // in the anniversary month.
  if (query.standing?.min != null) {
    clauses.push(`${FULL_FROM_LAST_DAY} <= ?`);
    params.push(addYears(today, -query.standing.min));
  }
  if (query.standing?.max != null) {
    clauses.push(`${FULL_FROM_LAST_DAY} > ? AND m.full_membership_on <= ?`);
    params.push(addYears(today, -(query.standing.max + 1)), today);
  }
  if (query.age?.min != null) {
    clauses.push('m.birth_date <= ?');
    params.push(addYears(today, -query.age.min));
  }
  if (query.age?.max != null) {
    clauses.push('m.birth_date > ?');
    params.push(addYears(today, -(query.age.max + 1)));
  }
  if (query.lostContact !== undefined)
    clauses.push(query.lostContact ? 'm.lost_contact_since IS NOT NULL' : 'm.lost_contact_since IS NULL');
  if (query.mobile !== undefined) clauses.push(`m.is_mobile = ${query.mobile ? 1 : 0}`);
  if (query.monthOnlyDates !== undefined)
    clauses.push(
      query.monthOnlyDates
        ? '(length(m.admitted_on) = 7 OR length(m.full_membership_on) = 7)'
        : '(length(m.admitted_on) <> 7 AND ifnull(length(m.full_membership_on), 0) <> 7)',
    );
  return { sql: clauses.join(' AND '), params };
}

export function orderClause(query: RosterQuery): string {
  const sort = query.sort ?? { field: 'branch', direction: 'asc' };
  const terms = ORDER[sort.field].map(
    ({ expr, desc = false }) => `${expr}${desc !== (sort.direction === 'desc') ? ' DESC' : ''}`,
  );
  return `${terms.join(', ')}, m.name_pinyin, m.id`;
}

export function selectMembers(
  db: Db,
  query: RosterQuery,
  today: IsoDate,
  limit: number | null,
  offset = 0,
): MemberRow[] {
  const where = whereClause(query, today);
  const paging = limit === null ? '' : ` LIMIT ${limit} OFFSET ${offset}`;
  return db
    .prepare(
      `SELECT m.* FROM member m JOIN org_unit b ON b.id = m.branch_id WHERE ${where.sql} ORDER BY ${orderClause(query)}${paging}`,
    )
    .all(...where.params) as MemberRow[];
}

export function searchRoster(db: Db, query: RosterQuery, today: IsoDate): RosterPage {
  const where = whereClause(query, today);
  const counts = db
    .prepare(
      `SELECT count(*) AS total,
              ifnull(sum(m.full_membership_on <= @today), 0) AS full,
              ifnull(sum(m.gender = 'male'), 0) AS male
         FROM member m WHERE ${where.sql}`,
    )
    .get(...where.params, { today }) as { total: number; full: number; male: number };
  const offset = query.offset ?? 0;
  const rows = selectMembers(db, query, today, query.limit ?? 100, offset);
  const names = unitNames(db);
  const convention = getSettings(db).probationEndConvention;
  return {
    counts: {
      total: counts.total,
      full: counts.full,
      probationary: counts.total - counts.full,
      male: counts.male,
      female: counts.total - counts.male,
    },
    offset,
    rows: rows.map((r) => toSummary(r, names, today, convention)),
  };
}
