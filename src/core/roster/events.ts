import { formatChineseDate, isMonthOnly, type IsoDate } from '../../shared/dates';
import { AppError } from '../../shared/errors';
import { STATUS_LABEL, type MemberStatus } from '../../shared/members/fields';
import { probationEndsOn } from '../../shared/members/probation';
import { EVENT_LABEL, type MemberEventInput } from '../../shared/members/views';
import type { Db } from '../db/open';
import { getSettings } from '../services/settings';
import { getMemberRow, prepareMemberWrites } from './members';
import type { MemberRow } from './types';

const CURRENT: readonly MemberStatus[] = ['normal', 'suspended'];
type Exit = 'removed' | 'expelled' | 'withdrew' | 'lapsed';

function refuse(message: string, field = 'event'): AppError {
  return new AppError({ code: 'RULE_VIOLATION', message, detail: message, field });
}

function requireStatus(row: MemberRow, allowed: readonly MemberStatus[], what: string): void {
  if (!allowed.includes(row.status)) {
    throw refuse(`${row.name}目前党籍状态为“${STATUS_LABEL[row.status]}”，不能${what}。`);
  }
}

/**
 * A status change is a dated event with its papers; the member row only mirrors the latest
 * state so that the roster can be filtered quickly. Each kind checks that it makes sense now.
 */
export function recordEvent(db: Db, memberId: number, event: MemberEventInput, today: IsoDate): void {
  const row = getMemberRow(db, memberId);
  const label = EVENT_LABEL[event.kind];
  if (row.voided_on) throw refuse(`${row.name}的记录已作废，不能登记${label}。`);
  if (event.on > today) throw refuse(`${label}日期“${event.on}”晚于今天。`, 'on');
  // A day in the month of a month-only admission is not before it ('2001-07-05' > '2001-07').
  if (event.on < row.admitted_on)
    throw refuse(`${label}日期“${event.on}”早于入党日期“${formatChineseDate(row.admitted_on)}”。`, 'on');

  const writes = prepareMemberWrites(db);
  const setStatus = db.prepare(`UPDATE member SET status = ? WHERE id = ?`);
  const extra = {
    counterpart: 'counterpart' in event ? event.counterpart : null,
    documentNo: 'documentNo' in event ? event.documentNo : null,
    months: 'months' in event ? event.months : null,
    note: event.note ?? null,
  };

  db.transaction(() => {
    switch (event.kind) {
      case 'transferOut':
        requireStatus(row, ['normal'], '转出组织关系');
        setStatus.run('transferredOut', memberId);
        break;
      case 'transferIn':
        requireStatus(row, ['transferredOut'], '登记转入（新转入的党员请用“新增党员”登记）');
        setStatus.run('normal', memberId);
        break;
      case 'fullMembership': {
        requireStatus(row, CURRENT, '转正');
        if (row.full_membership_on)
          throw refuse(`${row.name}已于${formatChineseDate(row.full_membership_on)}转为正式党员。`);
        if (isMonthOnly(row.admitted_on))
          throw refuse(
            `${row.name}的入党日期只记到月份（${formatChineseDate(row.admitted_on)}），预备期满之日要按具体日期算。请先在党员信息中补全入党日期，再登记转正。`,
            'on',
          );
        const due = probationEndsOn(
          row.admitted_on,
          row.probation_extension_months,
          getSettings(db).probationEndConvention,
        );
        if (event.on !== due) {
          throw refuse(
            `转正日期应为预备期满之日“${formatChineseDate(due)}”，这里是“${formatChineseDate(event.on)}”。党龄从预备期满之日算起。`,
            'on',
          );
        }
        db.prepare(`UPDATE member SET full_membership_on = ? WHERE id = ?`).run(event.on, memberId);
        break;
      }
      case 'probationExtended':
        requireStatus(row, CURRENT, '延长预备期');
        if (row.full_membership_on) throw refuse(`${row.name}已是正式党员，不能延长预备期。`);
        if (row.probation_extension_months)
          throw refuse(`${row.name}的预备期已延长过${row.probation_extension_months}个月；预备期只能延长一次。`);
        db.prepare(`UPDATE member SET probation_extension_months = ? WHERE id = ?`).run(event.months, memberId);
        break;
      case 'suspended':
        requireStatus(row, ['normal'], '停止党籍');
        setStatus.run('suspended', memberId);
        break;
      case 'restored':
        requireStatus(row, ['suspended'], '恢复党籍');
        setStatus.run('normal', memberId);
        break;
      case 'deceased':
        requireStatus(row, [...CURRENT, 'transferredOut'], '登记去世');
        setStatus.run('deceased', memberId);
        break;
      case 'lostContact':
        requireStatus(row, CURRENT, '登记失去联系');
        if (row.lost_contact_since) throw refuse(`${row.name}已于${row.lost_contact_since}登记为失联。`);
        db.prepare(`UPDATE member SET lost_contact_since = ? WHERE id = ?`).run(event.on, memberId);
        break;
      case 'contactRestored':
        if (!row.lost_contact_since) throw refuse(`${row.name}没有失联记录。`);
        db.prepare(`UPDATE member SET lost_contact_since = NULL WHERE id = ?`).run(memberId);
        break;
      default: {
        const kind: Exit = event.kind;
        requireStatus(row, CURRENT, label);
        setStatus.run(kind, memberId);
      }
    }
    writes.event(memberId, event.kind, event.on, extra);
  })();
}

export function recordReceipt(db: Db, eventId: number, receivedOn: IsoDate, today: IsoDate): number {
  const event = db
    .prepare(`SELECT member_id, kind, occurred_on, receipt_received_on FROM member_event WHERE id = ?`)
    .get(eventId) as
    { member_id: number; kind: string; occurred_on: IsoDate; receipt_received_on: IsoDate | null } | undefined;
  if (!event || event.kind !== 'transferOut') {
    throw new AppError({
      code: 'NOT_FOUND',
      message: `找不到编号为 ${eventId} 的转出记录。`,
      detail: 'no transfer-out event',
      field: 'eventId',
    });
  }
  if (event.receipt_received_on) throw refuse(`该转出的回执已于${event.receipt_received_on}登记收到。`);
  if (receivedOn > today) throw refuse(`回执收到日期“${receivedOn}”晚于今天。`, 'receivedOn');
  if (receivedOn < event.occurred_on)
    throw refuse(`回执收到日期“${receivedOn}”早于转出日期“${event.occurred_on}”。`, 'receivedOn');
  db.prepare(`UPDATE member_event SET receipt_received_on = ? WHERE id = ?`).run(receivedOn, eventId);
  return event.member_id;
}
