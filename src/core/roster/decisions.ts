import { formatChineseDate, type IsoDate } from '../../shared/dates';
import type { DatedEvent } from '../../shared/dues/membership';
import { AppError } from '../../shared/errors';
import {
  DECISION_LABEL,
  moreThanHalf,
  partyProbationEndsOn,
  rightsOn,
  RIGHTS_RULES,
  type AddDecisionInput,
  type VoterRow,
  type VotersOn,
} from '../../shared/members/decisions';
import { STATUS_LABEL } from '../../shared/members/fields';
import type { MemberEventKind } from '../../shared/members/views';
import type { Db } from '../db/open';
import { liveDecisionsByMember, memberDecisions } from './decision-rows';
import { getMemberRow, unitNames } from './members';

function refuse(message: string, field: string): AppError {
  return new AppError({ code: 'RULE_VIOLATION', message, detail: message, field });
}

/**
 * Records a 表彰 or a disciplinary measure. A measure is for a member of this organisation (正常 or
 * 停止党籍) on a day between admission and today; a 留党察看 may not overlap one already in force,
 * since the rule allows two years at most — an extension is recorded as the two-year measure.
 */
export function addDecision(db: Db, input: AddDecisionInput, today: IsoDate): number {
  const member = getMemberRow(db, input.memberId);
  const label = DECISION_LABEL[input.kind];
  if (member.voided_on) throw refuse(`${member.name}的记录已作废，不能登记${label}。`, 'memberId');
  if (input.decidedOn > today) throw refuse(`决定日期“${input.decidedOn}”晚于今天。`, 'decidedOn');
  if (input.decidedOn < member.admitted_on) {
    throw refuse(`决定日期“${input.decidedOn}”早于入党日期“${member.admitted_on}”。`, 'decidedOn');
  }
  if (input.kind !== 'commendation' && member.status !== 'normal' && member.status !== 'suspended') {
    throw refuse(`${member.name}目前党籍状态为“${STATUS_LABEL[member.status]}”，不能登记${label}处分。`, 'kind');
  }
  if (input.kind === 'probation' && input.probationYears) {
    const ends = partyProbationEndsOn(input.decidedOn, input.probationYears);
    const clash = memberDecisions(db, member.id).find(
      (d) =>
        !d.voided &&
        d.kind === 'probation' &&
        d.probationEndsOn !== null &&
        d.decidedOn < ends &&
        input.decidedOn < d.probationEndsOn,
    );
    if (clash) {
      throw refuse(
        `${member.name}已于${formatChineseDate(clash.decidedOn)}受留党察看处分，至${formatChineseDate(clash.probationEndsOn)}期满，与这次登记的期间重叠。留党察看最长不超过两年；延长期限的，请将原记录作废后按“留党察看二年”重新登记，决定日期不变。`,
        'decidedOn',
      );
    }
  }
  const info = db
    .prepare(
      `INSERT INTO member_decision (member_id, kind, decided_on, decided_by, document_no, probation_years, reason, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      member.id,
      input.kind,
      input.decidedOn,
      input.decidedBy,
      input.documentNo,
      input.probationYears,
      input.reason,
      new Date().toISOString(),
    );
  return Number(info.lastInsertRowid);
}

/** Voids a wrongly entered record (the reason goes to the 操作记录 through audit_reason()); returns the member. */
export function voidDecision(db: Db, id: number, today: IsoDate): number {
  const row = db.prepare(`SELECT member_id, voided_on FROM member_decision WHERE id = ?`).get(id) as
    { member_id: number; voided_on: IsoDate | null } | undefined;
  if (!row) {
    throw new AppError({
      code: 'NOT_FOUND',
      message: `找不到编号为 ${id} 的奖惩记录。`,
      detail: `decision ${id}`,
      field: 'id',
    });
  }
  if (row.voided_on) throw refuse(`该记录已于${formatChineseDate(row.voided_on)}作废。`, 'id');
  db.prepare(`UPDATE member_decision SET voided_on = ?, void_reason = audit_reason() WHERE id = ?`).run(today, id);
  return row.member_id;
}

/** The member's events in the shape the membership rules read. */
function eventsByMember(db: Db, memberIds: readonly number[]): Map<number, DatedEvent[]> {
  const map = new Map<number, DatedEvent[]>();
  if (memberIds.length === 0) return map;
  const rows = db
    .prepare(
      `SELECT member_id, kind, occurred_on FROM member_event
       WHERE member_id IN (SELECT value FROM json_each(?)) ORDER BY occurred_on, id`,
    )
    .all(JSON.stringify(memberIds)) as { member_id: number; kind: MemberEventKind; occurred_on: IsoDate }[];
  for (const r of rows) {
    const list = map.get(r.member_id) ?? [];
    list.push({ kind: r.kind, on: r.occurred_on });
    map.set(r.member_id, list);
  }
  return map;
}

/**
 * Who may vote and be elected on `date`: the members of the 党支部 (or of the whole organ) that day,
 * each with 表决权、选举权和被选举权 or the rules that take them away, and the quorum of a 支部党员大会
 * (more than half of those with a vote). 发展党员 and every branch vote count from this.
 * The branch is the member's branch as recorded now; moves between branches are not dated.
 */
export function votersOn(db: Db, date: IsoDate, branchId: number | null): VotersOn {
  const members = db
    .prepare(
      `SELECT id, name, branch_id, admitted_on, full_membership_on FROM member
       WHERE voided_on IS NULL AND admitted_on <= ? AND (? IS NULL OR branch_id = ?)
       ORDER BY branch_id, name_pinyin, id`,
    )
    .all(date, branchId, branchId) as {
    id: number;
    name: string;
    branch_id: number;
    admitted_on: IsoDate;
    full_membership_on: IsoDate | null;
  }[];
  const events = eventsByMember(
    db,
    members.map((m) => m.id),
  );
  const decisions = liveDecisionsByMember(db);
  const names = unitNames(db);
  const rows: VoterRow[] = [];
  for (const m of members) {
    const rights = rightsOn(
      {
        admittedOn: m.admitted_on,
        fullMembershipOn: m.full_membership_on,
        events: events.get(m.id) ?? [{ kind: 'joined', on: m.admitted_on }],
        decisions: decisions.get(m.id) ?? [],
      },
      date,
    );
    if (rights.kind === 'notMember') continue;
    rows.push({
      memberId: m.id,
      name: m.name,
      branchId: m.branch_id,
      branchName: names.get(m.branch_id) ?? '',
      rights,
    });
  }
  const withVote = rows.filter((r) => r.rights.kind === 'full').length;
  return { date, branchId, members: rows, withVote, quorum: moreThanHalf(withVote), rule: RIGHTS_RULES.branchVote };
}
