import type { Reminder } from '../../shared/contract';
import { addDays, daysBetween, formatChineseDate, type IsoDate } from '../../shared/dates';
import { addMonths, probationEndsOn } from '../../shared/members/probation';
import type { Db } from '../db/open';
import { getSettings } from '../services/settings';

/** Days ahead that a probation end is announced (issue: 30). */
export const PROBATION_NOTICE_DAYS = 30;

/**
 * The roster's deadlines (reference §5): probation ending within 30 days or overdue, a
 * transfer-out 回执 not back within a month, and contact lost for more than six months.
 */
export function memberReminders(db: Db, today: IsoDate): Reminder[] {
  const convention = getSettings(db).probationEndConvention;
  const reminders: Reminder[] = [];

  const probationary = db
    .prepare(
      `SELECT m.id, m.name, m.admitted_on, m.probation_extension_months, b.name AS branch FROM member m JOIN org_unit b ON b.id = m.branch_id
        WHERE m.voided_on IS NULL AND m.status = 'normal' AND m.full_membership_on IS NULL`,
    )
    .all() as {
    id: number;
    name: string;
    admitted_on: IsoDate;
    probation_extension_months: number | null;
    branch: string;
  }[];
  for (const m of probationary) {
    const ends = probationEndsOn(m.admitted_on, m.probation_extension_months, convention);
    const left = daysBetween(today, ends);
    if (left < 0) {
      reminders.push({
        kind: 'probationOverdue',
        subject: { kind: 'member', id: m.id },
        severity: 'overdue',
        dueOn: ends,
        message: `${m.branch}预备党员${m.name}的预备期已于${formatChineseDate(ends)}期满（已过 ${-left} 天），请及时讨论其转正问题并登记。`,
      });
    } else if (left <= PROBATION_NOTICE_DAYS) {
      reminders.push({
        kind: 'probationEnding',
        subject: { kind: 'member', id: m.id },
        severity: 'warning',
        dueOn: ends,
        message: `${m.branch}预备党员${m.name}的预备期将于${formatChineseDate(ends)}期满（还有 ${left} 天），请提醒本人提交转正申请。`,
      });
    }
  }

  const transfers = db
    .prepare(
      `SELECT e.member_id, e.occurred_on, e.counterpart, m.name FROM member_event e JOIN member m ON m.id = e.member_id
        WHERE e.kind = 'transferOut' AND e.receipt_received_on IS NULL AND m.voided_on IS NULL AND m.status = 'transferredOut'`,
    )
    .all() as { member_id: number; occurred_on: IsoDate; counterpart: string | null; name: string }[];
  for (const t of transfers) {
    const due = addMonths(t.occurred_on, 1);
    if (due < today) {
      reminders.push({
        kind: 'receiptOverdue',
        subject: { kind: 'member', id: t.member_id },
        severity: 'overdue',
        dueOn: due,
        message: `${t.name}的组织关系于${formatChineseDate(t.occurred_on)}转往${t.counterpart ?? '外单位'}，回执应在一个月内寄回，至今未收到（已超过 ${daysBetween(due, today)} 天），请联系接收单位。`,
      });
    }
  }

  const lost = db
    .prepare(
      `SELECT id, name, lost_contact_since FROM member WHERE voided_on IS NULL AND status = 'normal' AND lost_contact_since IS NOT NULL`,
    )
    .all() as { id: number; name: string; lost_contact_since: IsoDate }[];
  for (const m of lost) {
    const sixMonths = addMonths(m.lost_contact_since, 6);
    if (sixMonths < today) {
      reminders.push({
        kind: 'lostContactLong',
        subject: { kind: 'member', id: m.id },
        severity: 'overdue',
        dueOn: addDays(sixMonths, 0),
        message: `${m.name}自${formatChineseDate(m.lost_contact_since)}失去联系已超过6个月。按规定，经多方寻找仍无音讯的，应由支部研究是否停止其党籍（由组织决定，程序不会自动处理）。`,
      });
    }
  }
  return reminders;
}
