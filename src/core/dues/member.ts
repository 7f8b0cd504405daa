import type { Reminder } from '../../shared/contract';
import { formatChineseDate, type IsoDate } from '../../shared/dates';
import { belongsInMonth } from '../../shared/dues/membership';
import { formatYuan } from '../../shared/dues/money';
import { monthOf, monthsOfYear, type Month } from '../../shared/dues/months';
import type { MemberDues, MonthCell, MonthStateView } from '../../shared/dues/views';
import { AppError } from '../../shared/errors';
import type { Db } from '../db/open';
import { remittanceReminders } from './remittance';
import { arrearsJudge, arrearsReminders, memberArrears } from './arrears';
import { assessmentRow, getYear } from './assessment';
import { DuesBook, paymentView } from './book';
import { listVoluntary } from './funds';

/** One member's dues: each year's terms and months, payments, voluntary payments and arrears. */
export function memberDues(db: Db, memberId: number, today: IsoDate): MemberDues {
  const book = DuesBook.load(db, { memberIds: [memberId], payments: 'all' });
  const member = book.members.get(memberId);
  if (!member)
    throw new AppError({
      code: 'NOT_FOUND',
      message: `找不到编号为 ${memberId} 的党员。`,
      detail: `member ${memberId}`,
      field: 'memberId',
    });
  const now = monthOf(today);
  const years = [...book.years.keys()]
    .filter((y) => monthsOfYear(y).some((m) => belongsInMonth(member.intervals, m)))
    .sort((a, b) => b - a);
  const cell = (month: Month): MonthCell => {
    const owed = book.owed(memberId, month);
    const payment = book.payment(memberId, month);
    const dueFen = owed.kind === 'due' ? owed.fen : null;
    let state: MonthStateView;
    if (payment) state = payment.paid_fen >= payment.due_fen ? 'paid' : 'partial';
    else if (owed.kind === 'notOwed') state = 'notOwed';
    else if (owed.kind === 'due' && owed.fen === 0) state = 'exempt';
    else if (book.beforeOpening(memberId, month)) state = 'beforeOpening';
    else if (month > now) state = 'future';
    else if (month === now) state = 'current';
    else if (owed.kind !== 'due') state = 'notAssessed';
    else state = 'unpaid';
    return { month, state, dueFen, payment: payment ? paymentView(payment) : null };
  };
  const payments = [...(book.payments.get(memberId)?.values() ?? [])]
    .sort((a, b) => b.month.localeCompare(a.month))
    .map(paymentView);
  return {
    memberId,
    name: member.name,
    branchName: member.branchName,
    status: member.status,
    admittedOn: member.admittedOn,
    years: years.map((year) => ({
      year,
      locked: Boolean(getYear(db, year)?.locked_on),
      row: assessmentRow(book, member, year, today),
      months: monthsOfYear(year).map(cell),
    })),
    payments,
    voluntary: listVoluntary(db, { memberId }),
    arrears: memberArrears(arrearsJudge(db, today, book), member),
  };
}

/** Everything dues puts on 工作台: arrears, a year not yet assessed or locked, large dues not yet remitted. */
export function duesReminders(db: Db, today: IsoDate): Reminder[] {
  const anyYear = db.prepare(`SELECT max(year) AS y FROM dues_year`).get() as { y: number | null };
  if (anyYear.y === null) return [];
  const reminders: Reminder[] = [];
  const year = Number(today.slice(0, 4));
  const current = getYear(db, year);
  if (!current) {
    reminders.push({
      kind: 'duesNotAssessed',
      subject: { kind: 'dues', id: year },
      severity: 'warning',
      dueOn: `${year}-01-31`,
      message: `${year}年度党费尚未核定。按规定，每年年初核定每名党员的党费基数和月交纳额，年度内一般不作调整。`,
    });
  } else if (!current.locked_on && today > `${year}-01-31`) {
    reminders.push({
      kind: 'duesNotAssessed',
      subject: { kind: 'dues', id: year },
      severity: 'warning',
      dueOn: `${year}-01-31`,
      message: `${year}年度党费核定表已生成但尚未锁定。请核对基数、打印核定表交党员签字确认后锁定。`,
    });
  }
  const pending = db
    .prepare(
      `SELECT v.member_id, v.paid_on, v.amount_fen, m.name FROM dues_voluntary v JOIN member m ON m.id = v.member_id WHERE v.voided_on IS NULL AND v.large = 1 AND v.remittance_id IS NULL ORDER BY v.paid_on`,
    )
    .all() as { member_id: number; paid_on: IsoDate; amount_fen: number; name: string }[];
  for (const p of pending) {
    reminders.push({
      kind: 'duesLargeUnremitted',
      subject: { kind: 'duesMember', id: p.member_id },
      severity: 'warning',
      dueOn: p.paid_on,
      message: `${p.name}于${formatChineseDate(p.paid_on)}交纳大额党费 ${formatYuan(p.amount_fen)} 元，尚未登记上缴。大额党费应全额上缴中央，并附党员简要情况。`,
    });
  }
  return [...reminders, ...arrearsReminders(db, today), ...remittanceReminders(db, today)];
}
