import type { Reminder } from '../../shared/contract';
import type { IsoDate } from '../../shared/dates';
import { remittanceState } from '../../shared/dues/remittance';
import type { Db } from '../db/open';
import { fundsView } from './funds';
import { getDuesSettings } from './settings';

/**
 * 上缴 reminders on 工作台: one per ended dues year with dues collected and its share not yet
 * recorded as remitted, dated the 上缴期限 (reference §1.8; both share and day are settings).
 */
export function remittanceReminders(db: Db, today: IsoDate): Reminder[] {
  const thisYear = Number(today.slice(0, 4));
  const years = (
    db
      .prepare(
        `SELECT DISTINCT CAST(substr(month, 1, 4) AS INTEGER) AS y FROM dues_payment
         WHERE voided_on IS NULL AND paid_fen > 0 AND month < ? ORDER BY y`,
      )
      .all(`${thisYear}-01`) as { y: number }[]
  ).map((r) => r.y);
  const settings = getDuesSettings(db);
  const reminders: Reminder[] = [];
  for (const year of years) {
    const r = fundsView(db, year).remittance;
    const state = remittanceState(
      {
        year,
        dueDay: settings.remittanceDueDay,
        shareBp: r.shareBp,
        baseFen: r.baseFen,
        dueFen: r.dueFen,
        remittedFen: r.remittedFen,
      },
      today,
    );
    if (state.kind !== 'due') continue;
    reminders.push({
      kind: 'duesRemittanceDue',
      subject: { kind: 'dues', id: year },
      severity: state.overdue ? 'overdue' : 'warning',
      dueOn: state.dueOn,
      message: state.message,
    });
  }
  return reminders;
}
