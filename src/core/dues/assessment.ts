import type { IsoDate } from '../../shared/dates';
import { calculateDues, type DuesTerms } from '../../shared/dues/compute';
import { belongsInMonth } from '../../shared/dues/membership';
import { fen, formatYuan, sumFen } from '../../shared/dues/money';
import { formatMonth, monthOf, monthsOfYear, yearOfMonth, type Month } from '../../shared/dues/months';
import { ruleSetFor, ruleSetsInYear, type DuesCategory, type DuesRuleSet } from '../../shared/dues/rules';
import { calcSettings, type DuesSettings } from '../../shared/dues/settings';
import type { AssessmentRow, AssessmentView, AssessResult, BaseSource, DuesYearSummary } from '../../shared/dues/views';
import { AppError } from '../../shared/errors';
import type { EmploymentCategory } from '../../shared/members/fields';
import type { Db } from '../db/open';
import {
  DuesBook,
  isLockedVersion,
  termsOf,
  versionView,
  type DuesMember,
  type VersionRow,
  type YearRow,
} from './book';
import { ruleTable } from './rule-table';
import { getDuesSettings } from './settings';

/*
 * 年度核定 (2017 notice, reference §1.5): at the start of the year each member's base and monthly
 * amount are fixed and locked; a change within the year is an adjustment from a month on, with
 * its reason. Amounts are stored as computed, with their working, so a locked year never moves.
 */

const DEFAULT_CATEGORY: Record<EmploymentCategory, DuesCategory> = {
  employed: 'employed',
  retired: 'retired',
  student: 'student',
  unemployed: 'unemployed',
  farmer: 'farmer',
  other: 'employed',
};

function refuse(message: string, field?: string): AppError {
  return new AppError({ code: 'RULE_VIOLATION', message, detail: message, ...(field ? { field } : {}) });
}

/** The stored result of computing terms in a month. */
export interface ComputedColumns {
  amount_fen: number | null;
  rule_set: string | null;
  rule_set_from: Month | null;
  rate_bp: number | null;
  standard: string | null;
  explanation: string | null;
  capped: 0 | 1;
  problem: string | null;
}

export function computeColumns(
  terms: DuesTerms,
  month: Month,
  settings: DuesSettings,
  table: readonly DuesRuleSet[],
): ComputedColumns {
  const result = calculateDues(terms, month, calcSettings(settings), table);
  if (!result.ok) {
    const set = ruleSetFor(month, table);
    return {
      amount_fen: null,
      rule_set: set.id,
      rule_set_from: set.effectiveFrom,
      rate_bp: null,
      standard: null,
      explanation: null,
      capped: 0,
      problem: result.message,
    };
  }
  return {
    amount_fen: result.amountFen,
    rule_set: result.ruleSetId,
    rule_set_from: result.ruleSetFrom,
    rate_bp: result.rateBp,
    standard: result.standard,
    explanation: result.explanation,
    capped: result.capped ? 1 : 0,
    problem: null,
  };
}

/** Refuses terms a person typed that do not give an amount, naming the field. */
export function requireComputable(
  terms: DuesTerms,
  month: Month,
  settings: DuesSettings,
  table: readonly DuesRuleSet[],
  who: string,
): void {
  const result = calculateDues(terms, month, calcSettings(settings), table);
  if (!result.ok)
    throw new AppError({
      code: 'INVALID_INPUT',
      message: `${who}：${result.message}`,
      detail: result.message,
      field: `terms.${result.field}`,
    });
}

function termColumns(terms: DuesTerms) {
  return {
    category: terms.category,
    base_fen: terms.baseFen,
    chosen_fen: terms.chosenFen,
    above_cap: terms.aboveCap ? 1 : 0,
    approval_body: terms.approval?.body ?? null,
    approval_document_no: terms.approval?.documentNo ?? null,
    approval_on: terms.approval?.on ?? null,
  };
}

export function getYear(db: Db, year: number): YearRow | undefined {
  return db
    .prepare(`SELECT year, locked_on, locked_by, locked_at, rounding FROM dues_year WHERE year = ?`)
    .get(year) as YearRow | undefined;
}

/** Originals of the year not fixed by its latest lock. */
const OPEN_ORIGINALS = `SELECT a.* FROM dues_assessment a JOIN dues_year y ON y.year = a.year
  WHERE a.reason IS NULL AND (y.locked_at IS NULL OR a.created_at > y.locked_at)`;

function requireYear(db: Db, year: number) {
  const row = getYear(db, year);
  if (!row)
    throw new AppError({
      code: 'NOT_FOUND',
      message: `${year}年度尚未核定党费，请先在“年度核定”中生成核定表。`,
      detail: `no dues year ${year}`,
      field: 'year',
    });
  return row;
}

/** Members who belong here during `year`. */
function membersOfYear(book: DuesBook, year: number): DuesMember[] {
  const months = monthsOfYear(year);
  return [...book.members.values()].filter((m) => months.some((month) => belongsInMonth(m.intervals, month)));
}

/** What a new assessment starts from: last year's terms if any (base marked as carried), else the roster's 人员身份. */
function defaultTerms(
  book: DuesBook,
  member: DuesMember,
  year: number,
): { terms: DuesTerms; source: BaseSource | null; working: string | null } {
  const last = book.versionFor(member.id, `${year - 1}-12`);
  if (last) {
    const terms: DuesTerms = {
      category: last.category,
      baseFen: last.base_fen,
      chosenFen: last.chosen_fen,
      aboveCap: last.above_cap === 1,
      approval:
        last.approval_body && last.approval_on
          ? { body: last.approval_body, documentNo: last.approval_document_no, on: last.approval_on }
          : null,
    };
    return {
      terms,
      source: last.base_fen === null ? null : 'carried',
      working:
        last.base_fen === null ? null : `沿用${year - 1}年度基数 ${formatYuan(last.base_fen)} 元，请按本年度工资核实`,
    };
  }
  const category = DEFAULT_CATEGORY[member.employmentCategory];
  return {
    terms: { category, baseFen: null, chosenFen: category === 'farmer' ? 20 : null, aboveCap: false, approval: null },
    source: null,
    working: null,
  };
}

/**
 * Makes (or brings up to date) the year's assessment: every member who belongs here that year
 * gets an original row. In an open year every unlocked row is computed again with the current
 * settings; locked rows are never touched.
 */
export function assessYear(db: Db, year: number): AssessResult {
  const settings = getDuesSettings(db);
  const table = ruleTable(db);
  return db.transaction(() => {
    const now = new Date().toISOString();
    if (!getYear(db, year)) db.prepare(`INSERT INTO dues_year (year, created_at) VALUES (?, ?)`).run(year, now);
    const book = DuesBook.load(db, { years: { from: year - 1, to: year } });
    const insert = db.prepare(
      `INSERT INTO dues_assessment (year, member_id, effective_from, category, base_fen, base_source, base_working, chosen_fen, above_cap,
         approval_body, approval_document_no, approval_on, amount_fen, rule_set, rule_set_from, rate_bp, standard, explanation, capped, problem, created_at)
       VALUES (@year, @member_id, @effective_from, @category, @base_fen, @base_source, @base_working, @chosen_fen, @above_cap,
         @approval_body, @approval_document_no, @approval_on, @amount_fen, @rule_set, @rule_set_from, @rate_bp, @standard, @explanation, @capped, @problem, @created_at)`,
    );
    const january = `${year}-01`;
    // The rows already there follow the current settings; the rows made below are computed with them.
    const recomputed = recomputeOpenRows(db, year, settings, table);
    let added = 0;
    for (const member of membersOfYear(book, year)) {
      if (book.original(member.id, year)) continue;
      const { terms, source, working } = defaultTerms(book, member, year);
      insert.run({
        year,
        member_id: member.id,
        effective_from: january,
        ...termColumns(terms),
        base_source: source,
        base_working: working,
        ...computeColumns(terms, january, settings, table),
        created_at: now,
      });
      added += 1;
    }
    const counts = db
      .prepare(
        `SELECT count(*) AS members, ifnull(sum(problem IS NOT NULL), 0) AS incomplete FROM dues_assessment WHERE year = ? AND reason IS NULL`,
      )
      .get(year) as { members: number; incomplete: number };
    return { year, added, recomputed, ...counts };
  })();
}

/** Computes every unlocked row of a year again (after a change of settings). Returns how many changed. */
export function recomputeOpenRows(db: Db, year: number, settings: DuesSettings, table: readonly DuesRuleSet[]): number {
  const rows = db.prepare(`${OPEN_ORIGINALS} AND a.year = ?`).all(year) as VersionRow[];
  const update = db.prepare(
    `UPDATE dues_assessment SET amount_fen = @amount_fen, rule_set = @rule_set, rule_set_from = @rule_set_from, rate_bp = @rate_bp, standard = @standard,
       explanation = @explanation, capped = @capped, problem = @problem WHERE id = @id`,
  );
  let changed = 0;
  for (const row of rows) {
    const next = computeColumns(termsOf(row), row.effective_from, settings, table);
    if (
      next.amount_fen !== row.amount_fen ||
      next.explanation !== row.explanation ||
      next.problem !== row.problem ||
      next.rule_set !== row.rule_set ||
      next.rule_set_from !== row.rule_set_from
    ) {
      update.run({ ...next, id: row.id });
      changed += 1;
    }
  }
  return changed;
}

/** After the settings or the rule table change: every open row of every year follows them. */
export function recomputeAllOpenYears(db: Db): void {
  const settings = getDuesSettings(db);
  const table = ruleTable(db);
  for (const { year } of db.prepare(`SELECT DISTINCT year FROM (${OPEN_ORIGINALS})`).all() as { year: number }[])
    recomputeOpenRows(db, year, settings, table);
}

function memberName(db: Db, memberId: number): string {
  const row = db.prepare(`SELECT name, voided_on FROM member WHERE id = ?`).get(memberId) as
    { name: string; voided_on: string | null } | undefined;
  if (!row || row.voided_on)
    throw new AppError({
      code: 'NOT_FOUND',
      message: `找不到编号为 ${memberId} 的党员。`,
      detail: `member ${memberId}`,
      field: 'memberId',
    });
  return row.name;
}

function originalRow(db: Db, year: number, memberId: number, name: string): VersionRow {
  const row = db
    .prepare(`SELECT * FROM dues_assessment WHERE year = ? AND member_id = ? AND reason IS NULL`)
    .get(year, memberId) as VersionRow | undefined;
  if (!row)
    throw new AppError({
      code: 'NOT_FOUND',
      message: `${name}没有${year}年度的党费核定，请先在“年度核定”中生成或更新核定表。`,
      detail: 'no assessment row',
      field: 'memberId',
    });
  return row;
}

/** Sets a member's terms for the year while they are not locked. */
export function setTerms(
  db: Db,
  input: { year: number; memberId: number; terms: DuesTerms; startMonth: Month | null; note: string | null },
  source: BaseSource = 'typed',
  working: string | null = null,
): void {
  const name = memberName(db, input.memberId);
  const yearRow = requireYear(db, input.year);
  const row = originalRow(db, input.year, input.memberId, name);
  if (isLockedVersion(row, yearRow)) {
    throw refuse(`${name}的${input.year}年度党费已核定锁定，年度内变动请用“调整”登记（写明从哪个月起和原因）。`);
  }
  if (input.startMonth && yearOfMonth(input.startMonth) !== input.year)
    throw refuse(`起交月份应在${input.year}年内`, 'startMonth');
  const settings = getDuesSettings(db);
  const table = ruleTable(db);
  requireComputable(input.terms, row.effective_from, settings, table, name);
  // A base typed again unchanged keeps its payroll working; any other typed base is the person's own.
  const keepSource = input.terms.baseFen === row.base_fen && source === 'typed' && row.base_source === 'payroll';
  db.prepare(
    `UPDATE dues_assessment SET category = @category, base_fen = @base_fen, chosen_fen = @chosen_fen, above_cap = @above_cap,
       approval_body = @approval_body, approval_document_no = @approval_document_no, approval_on = @approval_on,
       base_source = @base_source, base_working = @base_working, start_month = @start_month, note = @note,
       amount_fen = @amount_fen, rule_set = @rule_set, rule_set_from = @rule_set_from, rate_bp = @rate_bp, standard = @standard, explanation = @explanation,
       capped = @capped, problem = @problem
     WHERE id = @id`,
  ).run({
    id: row.id,
    ...termColumns(input.terms),
    base_source: input.terms.baseFen === null ? null : keepSource ? 'payroll' : source,
    base_working:
      input.terms.baseFen === null ? null : keepSource ? row.base_working : source === 'typed' ? null : working,
    start_month: input.startMonth,
    note: input.note,
    ...computeColumns(input.terms, row.effective_from, settings, table),
  });
}

/** Locks every complete, unlocked original of the year; refuses while any is incomplete. */
export function lockYear(db: Db, year: number, today: IsoDate, actor: string): { locked: number } {
  requireYear(db, year);
  const incomplete = db
    .prepare(
      `SELECT m.name, a.problem FROM dues_assessment a JOIN member m ON m.id = a.member_id WHERE a.year = ? AND a.reason IS NULL AND a.problem IS NOT NULL AND m.voided_on IS NULL ORDER BY m.name_pinyin`,
    )
    .all(year) as { name: string; problem: string }[];
  if (incomplete.length) {
    const shown = incomplete
      .slice(0, 5)
      .map((r) => `${r.name}（${r.problem}）`)
      .join('；');
    throw refuse(
      `还有 ${incomplete.length} 名党员的${year}年度党费没有核定完整，不能锁定：${shown}${incomplete.length > 5 ? '……' : ''}`,
    );
  }
  const settings = getDuesSettings(db);
  return db.transaction(() => {
    const opening = (
      db.prepare(`SELECT count(*) AS n FROM (${OPEN_ORIGINALS} AND a.year = ?)`).get(year) as { n: number }
    ).n;
    // One change locks them all: the year's lock time, not a flag on each of ten thousand rows.
    db.prepare(
      `UPDATE dues_year SET locked_on = ifnull(locked_on, ?), locked_by = ?, locked_at = ?, rounding = ? WHERE year = ?`,
    ).run(today, actor, new Date().toISOString(), JSON.stringify(settings.rounding), year);
    return { locked: opening };
  })();
}

/** Undoes a lock made in error, only while no dues of that year have been recorded. */
export function unlockYear(db: Db, year: number): void {
  const row = requireYear(db, year);
  if (!row.locked_on) throw refuse(`${year}年度党费核定尚未锁定。`);
  const paid = (
    db
      .prepare(`SELECT count(*) AS n FROM dues_payment WHERE voided_on IS NULL AND month BETWEEN ? AND ?`)
      .get(`${year}-01`, `${year}-12`) as { n: number }
  ).n;
  if (paid > 0)
    throw refuse(`${year}年度已登记 ${paid} 笔党费收缴，核定不能再解除锁定；个别党员的变动请用“调整”登记。`);
  const adjustments = (
    db.prepare(`SELECT count(*) AS n FROM dues_assessment WHERE year = ? AND reason IS NOT NULL`).get(year) as {
      n: number;
    }
  ).n;
  if (adjustments > 0) throw refuse(`${year}年度已有 ${adjustments} 条调整记录，核定不能再解除锁定。`);
  db.transaction(() => {
    db.prepare(`UPDATE dues_year SET locked_on = NULL, locked_by = NULL, locked_at = NULL WHERE year = ?`).run(year);
    recomputeOpenRows(db, year, getDuesSettings(db), ruleTable(db));
  })();
}

/** A change within a locked year: new terms from a month on, with the reason. */
export function adjustTerms(
  db: Db,
  input: { year: number; memberId: number; fromMonth: Month; terms: DuesTerms; reason: string },
): { paidMonthsKept: Month[] } {
  const name = memberName(db, input.memberId);
  const yearRow = requireYear(db, input.year);
  const row = originalRow(db, input.year, input.memberId, name);
  if (!isLockedVersion(row, yearRow))
    throw refuse(`${name}的${input.year}年度党费尚未锁定，可直接修改核定，不必登记调整。`);
  if (yearOfMonth(input.fromMonth) !== input.year)
    throw refuse(`调整起始月份应在${input.year}年内，这里是${formatMonth(input.fromMonth)}`, 'fromMonth');
  const settings = getDuesSettings(db);
  const table = ruleTable(db);
  requireComputable(input.terms, input.fromMonth, settings, table, name);
  db.prepare(
    `INSERT INTO dues_assessment (year, member_id, effective_from, category, base_fen, base_source, base_working, chosen_fen, above_cap,
       approval_body, approval_document_no, approval_on, amount_fen, rule_set, rule_set_from, rate_bp, standard, explanation, capped, problem, reason, created_at)
     VALUES (@year, @member_id, @effective_from, @category, @base_fen, @base_source, NULL, @chosen_fen, @above_cap,
       @approval_body, @approval_document_no, @approval_on, @amount_fen, @rule_set, @rule_set_from, @rate_bp, @standard, @explanation, @capped, @problem, @reason, @created_at)`,
  ).run({
    year: input.year,
    member_id: input.memberId,
    effective_from: input.fromMonth,
    ...termColumns(input.terms),
    base_source: input.terms.baseFen === null ? null : 'typed',
    ...computeColumns(input.terms, input.fromMonth, settings, table),
    reason: input.reason,
    created_at: new Date().toISOString(),
  });
  const kept = db
    .prepare(
      `SELECT month FROM dues_payment WHERE member_id = ? AND voided_on IS NULL AND month BETWEEN ? AND ? ORDER BY month`,
    )
    .all(input.memberId, input.fromMonth, `${input.year}-12`) as { month: Month }[];
  return { paidMonthsKept: kept.map((k) => k.month) };
}

/** Moves the first month owed here this year (a transfer letter saying dues were paid up to a month); with a reason once locked. */
export function setStartMonth(db: Db, input: { year: number; memberId: number; startMonth: Month | null }): void {
  const name = memberName(db, input.memberId);
  const row = originalRow(db, input.year, input.memberId, name);
  if (input.startMonth && yearOfMonth(input.startMonth) !== input.year)
    throw refuse(`起交月份应在${input.year}年内`, 'startMonth');
  const paidBefore = input.startMonth
    ? (
        db
          .prepare(
            `SELECT count(*) AS n FROM dues_payment WHERE member_id = ? AND voided_on IS NULL AND month >= ? AND month < ?`,
          )
          .get(input.memberId, `${input.year}-01`, input.startMonth) as { n: number }
      ).n
    : 0;
  if (paidBefore > 0)
    throw refuse(
      `${name}在${formatMonth(input.startMonth!)}之前已有 ${paidBefore} 个月的党费登记在本单位，起交月份不能晚于这些月份；如系登记错误，请先作废那些缴费记录。`,
      'startMonth',
    );
  db.prepare(`UPDATE dues_assessment SET start_month = ? WHERE id = ?`).run(input.startMonth, row.id);
}

/* ---------- reading ---------- */

function currentMonthFor(year: number, today: IsoDate): Month {
  const now = monthOf(today);
  if (yearOfMonth(now) === year) return now;
  return yearOfMonth(now) > year ? `${year}-12` : `${year}-01`;
}

export function assessmentRow(book: DuesBook, member: DuesMember, year: number, today: IsoDate): AssessmentRow | null {
  const versions = book.versionsOf(member.id, year);
  const original = versions.find((v) => v.reason === null);
  if (!original) return null;
  // One pass over the year: which months are owed here, and what they add up to.
  let dueMonths = 0;
  let yearDue: number | null = 0;
  let firstOwed: Month | null = null;
  let lastBelonging: Month | null = null;
  for (const m of monthsOfYear(year)) {
    if (belongsInMonth(member.intervals, m)) lastBelonging = m;
    const owed = book.owed(member.id, m);
    if (owed.kind === 'notOwed') continue;
    dueMonths += 1;
    firstOwed ??= m;
    if (owed.kind !== 'due') yearDue = null;
    else if (yearDue !== null) yearDue += owed.fen;
  }
  const now = currentMonthFor(year, today);
  let current = original;
  for (const v of versions) if (v.effective_from <= now) current = v;
  return {
    memberId: member.id,
    name: member.name,
    branchId: member.branchId,
    branchName: member.branchName,
    employmentCategory: member.employmentCategory,
    memberCategory: member.fullMembershipOn && member.fullMembershipOn <= today ? 'full' : 'probationary',
    status: member.status,
    startMonth: firstOwed ?? original.start_month ?? `${year}-01`,
    endMonth: lastBelonging && lastBelonging !== `${year}-12` ? lastBelonging : null,
    versions: versions.map(versionView),
    locked: book.isLocked(original),
    current: versionView(current),
    dueMonths,
    yearDueFen: yearDue === null ? null : fen(yearDue),
  };
}

export function assessmentView(db: Db, year: number, branchId: number | null, today: IsoDate): AssessmentView {
  const yearRow = getYear(db, year);
  const book = DuesBook.load(db, { years: { from: year, to: year } });
  const settings = getDuesSettings(db);
  const rows: AssessmentRow[] = [];
  const missing: AssessmentView['missing'] = [];
  for (const member of membersOfYear(book, year)) {
    if (branchId !== null && member.branchId !== branchId) continue;
    const row = assessmentRow(book, member, year, today);
    if (row) rows.push(row);
    else missing.push({ memberId: member.id, name: member.name, branchName: member.branchName });
  }
  const sets = ruleSetsInYear(year, ruleTable(db));
  const monthly = rows.map((r) => r.current.amountFen ?? 0);
  return {
    year,
    exists: yearRow !== undefined,
    locked: yearRow?.locked_on ? { on: yearRow.locked_on, by: yearRow.locked_by ?? '' } : null,
    rounding: settings.rounding,
    ruleSets: sets.map((s) => ({ id: s.id, name: s.name, effectiveFrom: s.effectiveFrom, basis: s.basis })),
    rows,
    missing: yearRow ? missing : [],
    totals: {
      members: rows.length,
      incomplete: rows.filter((r) => r.versions.some((v) => v.problem)).length,
      monthlyFen: sumFen(monthly),
      yearFen: sumFen(rows.map((r) => r.yearDueFen ?? 0)),
    },
  };
}

export function listYears(db: Db): DuesYearSummary[] {
  const rows = db
    .prepare(
      `SELECT y.year, y.locked_on,
              (SELECT count(*) FROM dues_assessment a JOIN member m ON m.id = a.member_id WHERE a.year = y.year AND a.reason IS NULL AND m.voided_on IS NULL) AS members,
              (SELECT count(*) FROM dues_assessment a JOIN member m ON m.id = a.member_id WHERE a.year = y.year AND a.reason IS NULL AND a.problem IS NOT NULL AND m.voided_on IS NULL) AS incomplete,
              (SELECT ifnull(sum(a.amount_fen), 0) FROM dues_assessment a JOIN member m ON m.id = a.member_id WHERE a.year = y.year AND a.reason IS NULL AND m.voided_on IS NULL) AS monthly,
              (SELECT count(*) FROM dues_payment p WHERE p.voided_on IS NULL AND p.month BETWEEN printf('%04d-01', y.year) AND printf('%04d-12', y.year)) AS payments
         FROM dues_year y ORDER BY y.year DESC`,
    )
    .all() as {
    year: number;
    locked_on: string | null;
    members: number;
    incomplete: number;
    monthly: number;
    payments: number;
  }[];
  return rows.map((r) => ({
    year: r.year,
    locked: r.locked_on !== null,
    members: r.members,
    incomplete: r.incomplete,
    monthlyFen: fen(r.monthly),
    payments: r.payments,
  }));
}

/** One member's row for the year, after a change. */
export function memberAssessmentRow(db: Db, year: number, memberId: number, today: IsoDate): AssessmentRow {
  const book = DuesBook.load(db, { years: { from: year, to: year }, memberIds: [memberId] });
  const member = book.members.get(memberId);
  const row = member ? assessmentRow(book, member, year, today) : null;
  if (!row)
    throw new AppError({
      code: 'NOT_FOUND',
      message: `没有该党员${year}年度的党费核定。`,
      detail: 'no row',
      field: 'memberId',
    });
  return row;
}
