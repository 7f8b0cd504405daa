import type { Reminder } from '../../shared/contract';
import {
  addDays,
  daysBetween,
  earliestDay,
  formatChineseDate,
  isMonthOnly,
  type IsoDate,
  type MonthOrDay,
} from '../../shared/dates';
import { addMonths, probationEndsOn } from '../../shared/members/probation';
import { SUSPENSION_RULE, suspensionReview } from '../../shared/members/suspension';
import type { Db } from '../db/open';
import { getSettings } from '../services/settings';

/** Days ahead that a probation end is announced (issue: 30). */
export const PROBATION_NOTICE_DAYS = 30;

/**
 * The roster's deadlines (reference §5): probation ending within 30 days or overdue, a
 * transfer-out 回执 not back within a month, contact lost for more than six months, and two years
 * of 停止党籍 with no contact since.
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
    admitted_on: MonthOrDay;
    probation_extension_months: number | null;
    branch: string;
  }[];
  for (const m of probationary) {
    const ends = probationEndsOn(m.admitted_on, m.probation_extension_months, convention);
    if (isMonthOnly(m.admitted_on)) {
      // The day probation ends is the day of admission a year on: without it nothing is announced
      // as due on a guessed day; the clerk is asked for the day, needed by the first of that month.
      const neededBy = earliestDay(ends);
      reminders.push({
        kind: 'admissionDayMissing',
        subject: { kind: 'member', id: m.id },
        severity: neededBy < today ? 'overdue' : 'warning',
        dueOn: neededBy,
        message: `${m.branch}预备党员${m.name}的入党日期只记到月份（${formatChineseDate(m.admitted_on)}），预备期满之日（${formatChineseDate(ends)}某日）要按具体日期算，请在党员信息中补全入党日期。`,
      });
      continue;
    }
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
  reminders.push(...suspensionReminders(db, today));
  return reminders;
}

/**
 * Two years of 停止党籍 (reference §5.4; 党员教育管理工作条例 art. 24): announced 30 days ahead and
 * raised from the day the two years are complete, while the member is still suspended and no
 * contact has been recorded since the suspension. The organisation decides; nothing is recorded.
 */
export function suspensionReminders(db: Db, today: IsoDate): Reminder[] {
  const rows = db
    .prepare(
      `SELECT m.id, m.name, b.name AS branch, m.lost_contact_since,
              (SELECT max(occurred_on) FROM member_event e WHERE e.member_id = m.id AND e.kind = 'suspended') AS suspended_on
         FROM member m JOIN org_unit b ON b.id = m.branch_id
        WHERE m.voided_on IS NULL AND m.status = 'suspended'`,
    )
    .all() as {
    id: number;
    name: string;
    branch: string;
    lost_contact_since: IsoDate | null;
    suspended_on: IsoDate | null;
  }[];
  const contactSince = db.prepare(
    `SELECT 1 FROM member_event WHERE member_id = ? AND kind = 'contactRestored' AND occurred_on >= ? LIMIT 1`,
  );
  const reminders: Reminder[] = [];
  for (const m of rows) {
    if (!m.suspended_on || contactSince.get(m.id, m.suspended_on)) continue;
    const review = suspensionReview(m.suspended_on, today);
    if (review.kind === 'notYet') continue;
    const since = `${m.branch}${m.name}于${formatChineseDate(m.suspended_on)}停止党籍`;
    const contact = m.lost_contact_since ? '，至今没有取得联系的记录' : '，请核实是否已取得联系';
    reminders.push(
      review.kind === 'due'
        ? {
            kind: 'suspendedTwoYears',
            subject: { kind: 'member', id: m.id },
            severity: 'overdue',
            dueOn: review.dueOn,
            message: `${since}，已满2年（${formatChineseDate(review.dueOn)}）${contact}。${SUSPENSION_RULE}；请党组织研究处理并登记（程序不会自动处理）。已取得联系的，请登记“恢复联系”或“恢复党籍”。`,
          }
        : {
            kind: 'suspendedTwoYears',
            subject: { kind: 'member', id: m.id },
            severity: 'warning',
            dueOn: review.dueOn,
            message: `${since}，将于${formatChineseDate(review.dueOn)}满2年（还有 ${review.daysLeft} 天）${contact}。${SUSPENSION_RULE}；请提前查找联系。`,
          },
    );
  }
  return reminders;
}
