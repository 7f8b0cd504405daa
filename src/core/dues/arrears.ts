import type { Reminder } from '../../shared/contract';
import { formatChineseDate, type IsoDate } from '../../shared/dates';
import {
  ARREARS_CASE_MONTHS,
  arrearsLevel,
  lastEndedMonth,
  unpaidStreak,
  type Streak,
} from '../../shared/dues/arrears';
import { fen, formatYuan } from '../../shared/dues/money';
import { addMonthsTo, formatMonth, formatMonthSpan, monthRange, type Month } from '../../shared/dues/months';
import type { ArrearsCase, ArrearsRow, ArrearsView, CaseDecision, CaseState } from '../../shared/dues/views';
import { AppError } from '../../shared/errors';
import type { Db } from '../db/open';
import { DuesBook } from './book';

/*
 * Arrears (reference §1.9): consecutive months that ended unpaid, counted across year ends; a
 * warning at 3 and at 5 months, a case for the branch at 6. The branch's decision is recorded;
 * the app never acts on a member by itself.
 */

/** The latest month paid (or prepaid up to) at or before `upTo`, per member. */
export function lastPaidMonths(db: Db, upTo: Month): Map<number, Month> {
  const rows = db
    .prepare(`SELECT member_id, max(month) FROM dues_payment WHERE voided_on IS NULL AND month <= ? GROUP BY member_id`)
    .raw()
    .all(upTo) as [number, Month][];
  return new Map(rows);
}

export function streakOf(
  book: DuesBook,
  memberId: number,
  asOf: Month,
  trackingStart: Month | null,
  lastPaid: Month | undefined,
): Streak {
  return unpaidStreak(asOf, (month) =>
    lastPaid !== undefined && month <= lastPaid ? 'settled' : book.monthState(memberId, month, trackingStart),
  );
}

interface CaseRow {
  id: number;
  member_id: number;
  streak_from: Month;
  decision: CaseDecision;
  decided_on: IsoDate;
  decided_by: string;
  deadline: IsoDate | null;
  note: string | null;
}

function caseView(r: CaseRow): ArrearsCase {
  return {
    id: r.id,
    streakFrom: r.streak_from,
    decision: r.decision,
    decidedOn: r.decided_on,
    decidedBy: r.decided_by,
    deadline: r.deadline,
    note: r.note,
  };
}

/** The latest decision per member and run of unpaid months ("memberId/streakFrom"). */
export function latestCases(db: Db, memberId?: number): Map<string, ArrearsCase> {
  const rows = db
    .prepare(`SELECT * FROM dues_arrears_case ${memberId ? 'WHERE member_id = ?' : ''} ORDER BY decided_on, id`)
    .all(...(memberId ? [memberId] : [])) as CaseRow[];
  return new Map(rows.map((r) => [`${r.member_id}/${r.streak_from}`, caseView(r)]));
}

export function caseState(streak: Streak, found: ArrearsCase | null, today: IsoDate): CaseState {
  if (arrearsLevel(streak.months) !== 'case') return found ? 'decided' : 'none';
  if (!found) return 'open';
  if (found.decision === 'deadline' && found.deadline && found.deadline < today) return 'deadlinePassed';
  return 'decided';
}

/**
 * Every member with unpaid months, in branch order. `detail` also lists all unpaid months since
 * the app began keeping dues (the 三清 list), which needs every payment; streaks alone do not.
 */
export function arrearsRows(
  db: Db,
  today: IsoDate,
  options: { branchId?: number | null; minMonths?: number; detail?: boolean } = {},
): ArrearsView {
  const asOf = lastEndedMonth(today);
  const book = DuesBook.load(db, { payments: options.detail ? { from: '0000-01', to: asOf } : 'none' });
  const trackingStart = book.trackingStart();
  const rows: ArrearsRow[] = [];
  // Months before the opening (启用前) are not judged; a member behind at takeover reaches back further.
  const earliest = book.earliestJudged(trackingStart);
  if (earliest === null || asOf < earliest) return { asOf, rows };
  const lastPaid = lastPaidMonths(db, asOf);
  const cases = latestCases(db);
  const tracked = monthRange(earliest, asOf);
  for (const member of book.members.values()) {
    if (options.branchId && member.branchId !== options.branchId) continue;
    const streak = streakOf(book, member.id, asOf, trackingStart, lastPaid.get(member.id));
    let unpaidMonths: Month[] = streak.from ? monthRange(streak.from, asOf) : [];
    if (options.detail) unpaidMonths = tracked.filter((m) => book.monthState(member.id, m, trackingStart) === 'unpaid');
    const minMonths = options.minMonths ?? 1;
    // The 三清 list shows every member with an unpaid month; otherwise only runs of at least minMonths.
    const include = options.detail
      ? unpaidMonths.length > 0 && (minMonths <= 1 || streak.months >= minMonths)
      : streak.months >= minMonths;
    if (!include) continue;
    let unpaidFen = 0;
    for (const m of unpaidMonths) {
      const owed = book.owed(member.id, m);
      if (owed.kind === 'due') unpaidFen += owed.fen;
    }
    const found = streak.from ? (cases.get(`${member.id}/${streak.from}`) ?? null) : null;
    rows.push({
      memberId: member.id,
      name: member.name,
      branchId: member.branchId,
      branchName: member.branchName,
      streak,
      level: arrearsLevel(streak.months),
      unpaidMonths,
      unpaidFen: fen(unpaidFen),
      case: found,
      caseState: caseState(streak, found, today),
    });
  }
  // Within each branch (kept in its order), the longest runs first.
  const branchOrder = new Map<number, number>();
  for (const r of rows) if (!branchOrder.has(r.branchId)) branchOrder.set(r.branchId, branchOrder.size);
  rows.sort(
    (a, b) =>
      branchOrder.get(a.branchId)! - branchOrder.get(b.branchId)! ||
      b.streak.months - a.streak.months ||
      b.unpaidMonths.length - a.unpaidMonths.length,
  );
  return { asOf, rows };
}

/** The branch's decision about a run of six or more unpaid months. */
export function decideCase(
  db: Db,
  input: {
    memberId: number;
    streakFrom: Month;
    decision: CaseDecision;
    decidedOn: IsoDate;
    decidedBy: string;
    deadline: IsoDate | null;
    note: string | null;
  },
  today: IsoDate,
): ArrearsCase {
  const member = db.prepare(`SELECT name FROM member WHERE id = ? AND voided_on IS NULL`).get(input.memberId) as
    { name: string } | undefined;
  if (!member)
    throw new AppError({
      code: 'NOT_FOUND',
      message: `找不到编号为 ${input.memberId} 的党员。`,
      detail: 'no member',
      field: 'memberId',
    });
  if (input.decidedOn > today)
    throw new AppError({
      code: 'INVALID_INPUT',
      message: `研究日期“${input.decidedOn}”晚于今天。`,
      detail: 'future decision',
      field: 'decidedOn',
    });
  if (input.decision === 'deadline' && !input.deadline) {
    throw new AppError({
      code: 'INVALID_INPUT',
      message: '限期补交须写明补交期限。',
      detail: 'deadline missing',
      field: 'deadline',
    });
  }
  if (input.decision === 'deadline' && input.deadline! < input.decidedOn) {
    throw new AppError({
      code: 'INVALID_INPUT',
      message: `补交期限“${input.deadline}”早于研究日期。`,
      detail: 'deadline before decision',
      field: 'deadline',
    });
  }
  if (input.decision !== 'deadline' && input.deadline) {
    throw new AppError({
      code: 'INVALID_INPUT',
      message: '只有“限期补交”需要填写期限。',
      detail: 'deadline not expected',
      field: 'deadline',
    });
  }
  const current = arrearsRows(db, today).rows.find((r) => r.memberId === input.memberId);
  if (!current || current.streak.from !== input.streakFrom || current.level !== 'case') {
    throw new AppError({
      code: 'RULE_VIOLATION',
      message: `${member.name}目前没有自${formatMonth(input.streakFrom)}起连续欠交6个月以上的情况，无需支部研究；如已补交，欠交记录会自动消除。`,
      detail: 'no open case for that run',
      field: 'streakFrom',
    });
  }
  const id = Number(
    db
      .prepare(
        `INSERT INTO dues_arrears_case (member_id, streak_from, decision, decided_on, decided_by, deadline, note, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        input.memberId,
        input.streakFrom,
        input.decision,
        input.decidedOn,
        input.decidedBy,
        input.deadline,
        input.note,
        new Date().toISOString(),
      ).lastInsertRowid,
  );
  return {
    id,
    streakFrom: input.streakFrom,
    decision: input.decision,
    decidedOn: input.decidedOn,
    decidedBy: input.decidedBy,
    deadline: input.deadline,
    note: input.note,
  };
}

/** Arrears warnings for 工作台: 3 and 5 months warn, 6 months is a case until the branch has decided. */
export function arrearsReminders(db: Db, today: IsoDate): Reminder[] {
  const { rows } = arrearsRows(db, today, { minMonths: 3 });
  const reminders: Reminder[] = [];
  for (const r of rows) {
    const span = formatMonthSpan(r.streak.from!, r.streak.to!);
    // The day the run reaches (or reached) six months: the nearer it is, the higher the reminder sorts.
    const sixMonthsOn = `${addMonthsTo(r.streak.from!, ARREARS_CASE_MONTHS)}-01`;
    const owed = r.unpaidFen > 0 ? `，共 ${formatYuan(r.unpaidFen)} 元` : '';
    if (r.level === 'three' || r.level === 'five') {
      reminders.push({
        kind: r.level === 'three' ? 'duesArrears' : 'duesArrearsSerious',
        subject: { kind: 'duesMember', id: r.memberId },
        severity: 'warning',
        dueOn: sixMonthsOn,
        message:
          `${r.branchName}${r.name}已连续 ${r.streak.months} 个月未交纳党费（${span}${owed}）。` +
          (r.level === 'five' ? '再有一个月即满6个月，请支部抓紧谈心谈话、督促交纳。' : '请支部了解情况、提醒交纳。'),
      });
      continue;
    }
    if (r.caseState === 'open' || r.caseState === 'deadlinePassed') {
      reminders.push({
        kind: 'duesArrearsCase',
        subject: { kind: 'duesMember', id: r.memberId },
        severity: 'overdue',
        dueOn: sixMonthsOn,
        message:
          r.caseState === 'open'
            ? `${r.branchName}${r.name}已连续 ${r.streak.months} 个月未交纳党费（${span}${owed}）。按党章规定，没有正当理由连续6个月不交纳党费的，就被认为是自行脱党；是否有正当理由须由支部研究认定，请支部研究并登记处理意见（程序不会自动处理）。`
            : `${r.branchName}${r.name}的补交期限${formatChineseDate(r.case!.deadline)}已过，仍连续 ${r.streak.months} 个月未交纳党费（${span}）。请支部再次研究并登记处理意见。`,
      });
    }
  }
  return reminders;
}
