import { formatChineseDate, type IsoDate } from '../../shared/dates';
import {
  describeDecision,
  partyProbationEndsOn,
  type MemberDecision,
  type ProbationYears,
} from '../../shared/members/decisions';
import type { Db } from '../db/open';

/* Reading member_decision (migration 16), for the member's page, the rights rules and the exports. */

interface DecisionRow {
  id: number;
  member_id: number;
  kind: MemberDecision['kind'];
  decided_on: IsoDate;
  decided_by: string;
  document_no: string | null;
  probation_years: ProbationYears | null;
  reason: string | null;
  voided_on: IsoDate | null;
  void_reason: string | null;
}

function toDecision(r: DecisionRow): MemberDecision {
  return {
    id: r.id,
    kind: r.kind,
    decidedOn: r.decided_on,
    decidedBy: r.decided_by,
    documentNo: r.document_no,
    probationYears: r.probation_years,
    probationEndsOn: r.probation_years ? partyProbationEndsOn(r.decided_on, r.probation_years) : null,
    reason: r.reason,
    voided: r.voided_on ? { on: r.voided_on, reason: r.void_reason ?? '' } : null,
  };
}

/** A member's 奖惩, voided ones included (the page shows them struck through), oldest first. */
export function memberDecisions(db: Db, memberId: number): MemberDecision[] {
  return (
    db
      .prepare(`SELECT * FROM member_decision WHERE member_id = ? ORDER BY decided_on, id`)
      .all(memberId) as DecisionRow[]
  ).map(toDecision);
}

/** Every member's live 奖惩, for the roster's export and the 花名册's optional column. */
export function liveDecisionsByMember(db: Db): Map<number, MemberDecision[]> {
  const map = new Map<number, MemberDecision[]>();
  const rows = db
    .prepare(`SELECT * FROM member_decision WHERE voided_on IS NULL ORDER BY member_id, decided_on, id`)
    .all() as DecisionRow[];
  for (const r of rows) {
    const list = map.get(r.member_id) ?? [];
    list.push(toDecision(r));
    map.set(r.member_id, list);
  }
  return map;
}

/**
 * Each member's 奖惩 as lines for a roster column ("2025年3月1日留党察看一年（…）"), 开除党籍 (the 出党
 * event with its decision) included, oldest first.
 */
export function decisionLinesByMember(db: Db): Map<number, string[]> {
  const lines = new Map<number, { on: IsoDate; text: string }[]>();
  const add = (memberId: number, on: IsoDate, text: string) => {
    const list = lines.get(memberId) ?? [];
    list.push({ on, text });
    lines.set(memberId, list);
  };
  for (const [memberId, list] of liveDecisionsByMember(db))
    for (const d of list) add(memberId, d.decidedOn, describeDecision(d));
  const expelled = db
    .prepare(`SELECT member_id, occurred_on, counterpart, document_no FROM member_event WHERE kind = 'expelled'`)
    .all() as { member_id: number; occurred_on: IsoDate; counterpart: string | null; document_no: string | null }[];
  for (const e of expelled) {
    const by = [e.counterpart, e.document_no].filter(Boolean).join('，');
    add(e.member_id, e.occurred_on, `${formatChineseDate(e.occurred_on)}开除党籍${by ? `（${by}）` : ''}`);
  }
  return new Map(
    [...lines].map(([id, list]) => [id, list.sort((a, b) => a.on.localeCompare(b.on)).map((l) => l.text)]),
  );
}
