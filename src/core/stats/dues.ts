import type { IsoDate } from '../../shared/dates';
import { monthOf, monthsOfYear, yearOfMonth, type Month } from '../../shared/dues/months';
import type { DuesRate, DuesStats } from '../../shared/stats';
import type { Db } from '../db/open';
import { DuesBook } from '../dues/book';

function rate(owed: number, paid: number, dueFen: number, collectedFen: number): DuesRate {
  return { owed, paid, dueFen, collectedFen, rate: dueFen > 0 ? Math.round((collectedFen * 1000) / dueFen) : null };
}

/**
 * 收缴率 of this month and of the year so far, as 收缴登记 records it: each member's months owed
 * with something to pay (exempt months and those before 启用 left out) against what was paid for
 * them, counted up to the amount due.
 */
export function duesStats(db: Db, today: IsoDate): DuesStats {
  const month = monthOf(today);
  const year = yearOfMonth(month);
  const book = DuesBook.load(db, { years: { from: year, to: year }, payments: { from: `${year}-01`, to: month } });
  const months: readonly Month[] = monthsOfYear(year).filter((m) => m <= month);
  const tally = { owed: 0, paid: 0, due: 0, collected: 0 };
  const now = { owed: 0, paid: 0, due: 0, collected: 0 };
  const unpaid: DuesStats['unpaid'] = [];
  for (const member of book.members.values()) {
    const owed = book.owedInYear(member.id, year);
    months.forEach((m, i) => {
      const o = owed[i]!;
      if (o.kind !== 'due' || o.fen === 0 || book.beforeOpening(member.id, m)) return;
      const payment = book.payment(member.id, m);
      const collected = payment ? Math.min(payment.paid_fen, o.fen) : 0;
      for (const t of m === month ? [tally, now] : [tally]) {
        t.owed += 1;
        t.due += o.fen;
        if (payment) {
          t.paid += 1;
          t.collected += collected;
        }
      }
      if (m === month && !payment)
        unpaid.push({ memberId: member.id, name: member.name, branchName: member.branchName });
    });
  }
  unpaid.sort((a, b) => a.branchName.localeCompare(b.branchName, 'zh-CN') || a.name.localeCompare(b.name, 'zh-CN'));
  return {
    month,
    year,
    assessed: book.years.has(year),
    thisMonth: rate(now.owed, now.paid, now.due, now.collected),
    thisYear: rate(tally.owed, tally.paid, tally.due, tally.collected),
    unpaid,
  };
}
