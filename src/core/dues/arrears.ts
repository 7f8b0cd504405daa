import type { Reminder } from '../../shared/contract';
import { formatChineseDate, type IsoDate } from '../../shared/dates';
import {
  ARREARS_CASE_MONTHS,
  ARREARS_WARN_MONTHS,
  arrearsLevel,
  decisionFor,
  lastEndedMonth,
  runCaseState,
  runToFollow,
  unpaidRuns,
  type MonthState,
  type Streak,
} from '../../shared/dues/arrears';
import { fen, formatYuan } from '../../shared/dues/money';
import {
  addMonthsTo,
  formatMonth,
  formatMonthSpan,
  monthRange,
  yearOfMonth,
  type Month,
} from '../../shared/dues/months';
import type { ArrearsCase, ArrearsRow, ArrearsView, CaseDecision } from '../../shared/dues/views';
import { AppError } from '../../shared/errors';
import type { Db } from '../db/open';
import { DuesBook, type DuesMember } from './book';

/*
 * Arrears (reference §1.9): runs of consecutive months that ended unpaid, counted across year
 * ends; a warning at 3 and at 5 months, a case for the branch at 6. A run ends only when its own
 * months are paid back or the branch decides; a later month paid on time leaves it standing. The
 * branch's decision is recorded; the app never acts on a member by itself.
 */

interface CaseRow {
  id: number;
  member_id: number;
  streak_from: Month;
  streak_to: Month | null;
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
    streakTo: r.streak_to,
    decision: r.decision,
    decidedOn: r.decided_on,
    decidedBy: r.decided_by,
    deadline: r.deadline,
    note: r.note,
  };
}

/** Every decision about arrears, per member, in the order recorded (the latest that applies wins). */
export function caseDecisions(db: Db, memberId?: number): Map<number, ArrearsCase[]> {
  const rows = db
    .prepare(`SELECT * FROM dues_arrears_case ${memberId ? 'WHERE member_id = ?' : ''} ORDER BY decided_on, id`)
    .all(...(memberId ? [memberId] : [])) as CaseRow[];
  const byMember = new Map<number, ArrearsCase[]>();
  for (const r of rows) {
    let list = byMember.get(r.member_id);
    if (!list) byMember.set(r.member_id, (list = []));
    list.push(caseView(r));
  }
  return byMember;
}

/** What judging arrears needs, loaded once: payments up to the last ended month, and the decisions. */
export interface ArrearsJudge {
  book: DuesBook;
  asOf: Month;
  trackingStart: Month | null;
  decisions: Map<number, ArrearsCase[]>;
  today: IsoDate;
}

export function arrearsJudge(db: Db, today: IsoDate, book?: DuesBook): ArrearsJudge {
  const asOf = lastEndedMonth(today);
  const loaded = book ?? DuesBook.load(db, { payments: { from: '0000-01', to: asOf } });
  return { book: loaded, asOf, trackingStart: loaded.trackingStart(), decisions: caseDecisions(db), today };
}

/** Every run of unpaid months the member has, from the first month judged to the last ended one. */
export function runsOf(judge: ArrearsJudge, memberId: number): Streak[] {
  const { book, asOf, trackingStart } = judge;
  const from = book.judgedFrom(memberId, trackingStart);
  if (from === null || asOf < from) return [];
  const years = new Map<number, MonthState[]>();
  return unpaidRuns(from, asOf, (month) => {
    const year = yearOfMonth(month);
    let states = years.get(year);
    if (!states) years.set(year, (states = book.statesInYear(memberId, year, trackingStart)));
    return states[Number(month.slice(5)) - 1]!;
  });
}

/**
 * A member's arrears, or null without an unpaid month: every run, the run the warnings and the
 * case follow, the branch's decision about it. Only a member still here (正常) is warned about or
 * put to the branch; the months of one who has left stay listed for the 三清.
 */
export function memberArrears(judge: ArrearsJudge, member: DuesMember): ArrearsRow | null {
  const runs = runsOf(judge, member.id);
  if (runs.length === 0) return null;
  const decisions = judge.decisions.get(member.id) ?? [];
  const stateOf = (run: Streak) => runCaseState(run, decisionFor(run, decisions), judge.today);
  const streak = runToFollow(runs, (run) => stateOf(run) === 'decided');
  const found = decisionFor(streak, decisions);
  const here = member.status === 'normal';
  const unpaidMonths = runs.flatMap((r) => monthRange(r.from!, r.to!));
  const dueIn = (m: Month) => {
    const owed = judge.book.owed(member.id, m);
    return owed.kind === 'due' ? owed.fen : 0;
  };
  const unpaidFen = unpaidMonths.reduce((sum, m) => sum + dueIn(m), 0);
  const streakFen = streak.from ? monthRange(streak.from, streak.to!).reduce((sum, m) => sum + dueIn(m), 0) : 0;
  const state = stateOf(streak);
  return {
    memberId: member.id,
    name: member.name,
    branchId: member.branchId,
    branchName: member.branchName,
    streak,
    runs,
    level: here ? arrearsLevel(streak.months) : null,
    unpaidMonths,
    unpaidFen: fen(unpaidFen),
    streakFen: fen(streakFen),
    case: found,
    caseState: here || state === 'decided' ? state : 'none',
  };
}

/**
 * Every member with unpaid months, in branch order; with `minMonths`, only those whose run
 * followed is at least that long.
 */
export function arrearsRows(
  db: Db,
  today: IsoDate,
  options: { branchId?: number | null; minMonths?: number } = {},
): ArrearsView {
  const judge = arrearsJudge(db, today);
  const rows: ArrearsRow[] = [];
  const minMonths = options.minMonths ?? 1;
  for (const member of judge.book.members.values()) {
    if (options.branchId && member.branchId !== options.branchId) continue;
    const row = memberArrears(judge, member);
    if (!row) continue;
    if (minMonths > 1 && row.streak.months < minMonths && row.caseState !== 'deadlinePassed') continue;
    rows.push(row);
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
  return { asOf: judge.asOf, rows };
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
  const judge = arrearsJudge(db, today);
  const dues = judge.book.members.get(input.memberId);
  const run = dues ? runsOf(judge, input.memberId).find((r) => r.from === input.streakFrom) : undefined;
  const state = run ? runCaseState(run, decisionFor(run, judge.decisions.get(input.memberId) ?? []), today) : 'none';
  if (!run || (arrearsLevel(run.months) !== 'case' && state !== 'deadlinePassed')) {
    throw new AppError({
      code: 'RULE_VIOLATION',
      message: `${member.name}没有自${formatMonth(input.streakFrom)}起连续欠交6个月以上的情况，无需支部研究；欠交的月份补交后，欠交记录会自动消除。`,
      detail: 'no case for that run',
      field: 'streakFrom',
    });
  }
  const id = Number(
    db
      .prepare(
        `INSERT INTO dues_arrears_case (member_id, streak_from, streak_to, decision, decided_on, decided_by, deadline, note, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        input.memberId,
        input.streakFrom,
        run.to,
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
    streakTo: run.to,
    decision: input.decision,
    decidedOn: input.decidedOn,
    decidedBy: input.decidedBy,
    deadline: input.deadline,
    note: input.note,
  };
}

/**
 * Arrears warnings for 工作台: 3 and 5 months warn, 6 months is a case until the branch has
 * decided, and a 限期补交 deadline gone by with months still unpaid raises it again. A run that a
 * later payment left behind is still warned about, saying so.
 */
export function arrearsReminders(db: Db, today: IsoDate): Reminder[] {
  const { asOf, rows } = arrearsRows(db, today, { minMonths: ARREARS_WARN_MONTHS });
  const reminders: Reminder[] = [];
  for (const r of rows) {
    // A run the branch has decided about is dealt with, however long; one who has left is not warned about.
    if (r.caseState === 'decided' || (r.level === null && r.caseState !== 'deadlinePassed')) continue;
    const run = r.streak;
    const span = formatMonthSpan(run.from!, run.to!);
    // The day the run reaches (or reached) six months: the nearer it is, the higher the reminder sorts.
    const sixMonthsOn = `${addMonthsTo(run.from!, ARREARS_CASE_MONTHS)}-01`;
    const owed = r.streakFen > 0 ? `，共 ${formatYuan(r.streakFen)} 元` : '';
    const behind =
      run.to === asOf
        ? `已连续 ${run.months} 个月未交纳党费（${span}${owed}）`
        : `${span}连续 ${run.months} 个月未交纳党费${owed ? `（${owed.slice(1)}）` : ''}，之后的月份虽已交纳，这些月份至今未补交`;
    if (r.caseState === 'deadlinePassed') {
      reminders.push({
        kind: 'duesArrearsDeadlinePassed',
        subject: { kind: 'duesMember', id: r.memberId },
        severity: 'overdue',
        dueOn: r.case!.deadline!,
        message: `${r.branchName}${r.name}的补交期限${formatChineseDate(r.case!.deadline)}已过，${span}仍有 ${run.months} 个月未交纳党费。请支部再次研究并登记处理意见。`,
      });
      continue;
    }
    if (r.level === 'three' || r.level === 'five') {
      reminders.push({
        kind: r.level === 'three' ? 'duesArrears' : 'duesArrearsSerious',
        subject: { kind: 'duesMember', id: r.memberId },
        severity: 'warning',
        dueOn: sixMonthsOn,
        message:
          `${r.branchName}${r.name}${behind}。` +
          (r.level === 'five'
            ? run.to === asOf
              ? '再有一个月即满6个月，请支部抓紧谈心谈话、督促交纳。'
              : '请支部谈心谈话、督促补交。'
            : '请支部了解情况、提醒交纳。'),
      });
      continue;
    }
    if (r.caseState === 'open') {
      reminders.push({
        kind: 'duesArrearsCase',
        subject: { kind: 'duesMember', id: r.memberId },
        severity: 'overdue',
        dueOn: sixMonthsOn,
        message: `${r.branchName}${r.name}${behind}。按党章规定，没有正当理由连续6个月不交纳党费的，就被认为是自行脱党；是否有正当理由须由支部研究认定，请支部研究并登记处理意见（程序不会自动处理）。`,
      });
    }
  }
  return reminders;
}
