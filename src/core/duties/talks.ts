import type { IsoDate } from '../../shared/dates';
import { TALK_KINDS, type DutyKind } from '../../shared/duties/library';
import type { CounterpartView, TalkView } from '../../shared/duties/views';
import type { Db } from '../db/open';

/*
 * Talks (谈心谈话, 廉政约谈 / 提醒谈话) as one list with both sides, so that the 民主生活会
 * preparation counts the very talks recorded here: a later meetings module calls listTalks
 * (or the duties.talks channel) for a date range, a year, a team member or a roster member.
 * Voided records never count.
 */

export interface TalkFilter {
  year?: number | undefined;
  from?: IsoDate | null | undefined;
  to?: IsoDate | null | undefined;
  /** Talks this team member held or was the other side of. */
  leaderId?: number | undefined;
  /** Talks a roster member held (as a team member) or was the other side of. */
  memberId?: number | undefined;
}

export function listTalks(db: Db, filter: TalkFilter = {}): TalkView[] {
  const where = [`r.voided_on IS NULL`, `r.kind IN (${TALK_KINDS.map((k) => `'${k}'`).join(', ')})`];
  const params: Record<string, unknown> = {};
  if (filter.year !== undefined) {
    where.push(`r.occurred_on BETWEEN @yearStart AND @yearEnd`);
    params.yearStart = `${filter.year}-01-01`;
    params.yearEnd = `${filter.year}-12-31`;
  }
  if (filter.from) {
    where.push(`r.occurred_on >= @from`);
    params.from = filter.from;
  }
  if (filter.to) {
    where.push(`r.occurred_on <= @to`);
    params.to = filter.to;
  }
  if (filter.leaderId !== undefined) {
    where.push(
      `(r.leader_id = @leaderId OR EXISTS (SELECT 1 FROM duty_counterpart c WHERE c.record_id = r.id AND c.leader_id = @leaderId))`,
    );
    params.leaderId = filter.leaderId;
  }
  if (filter.memberId !== undefined) {
    where.push(
      `(l.member_id = @memberId OR EXISTS (SELECT 1 FROM duty_counterpart c LEFT JOIN duty_leader cl ON cl.id = c.leader_id
          WHERE c.record_id = r.id AND (c.member_id = @memberId OR cl.member_id = @memberId)))`,
    );
    params.memberId = filter.memberId;
  }
  const rows = db
    .prepare(
      `SELECT r.id, r.occurred_on, r.kind, r.subject, r.summary, l.id AS leader_id, l.name, l.member_id
         FROM duty_record r JOIN duty_leader l ON l.id = r.leader_id
        WHERE ${where.join(' AND ')} ORDER BY r.occurred_on, r.id`,
    )
    .all(params) as {
    id: number;
    occurred_on: IsoDate;
    kind: DutyKind;
    subject: string;
    summary: string | null;
    leader_id: number;
    name: string;
    member_id: number | null;
  }[];
  if (rows.length === 0) return [];
  const counterparts = new Map<number, CounterpartView[]>();
  for (const c of db
    .prepare(
      `SELECT c.record_id, c.name, coalesce(c.member_id, cl.member_id) AS member_id, c.leader_id
         FROM duty_counterpart c LEFT JOIN duty_leader cl ON cl.id = c.leader_id
        WHERE c.record_id IN (SELECT value FROM json_each(?)) ORDER BY c.sort_order, c.id`,
    )
    .all(JSON.stringify(rows.map((r) => r.id))) as {
    record_id: number;
    name: string;
    member_id: number | null;
    leader_id: number | null;
  }[]) {
    counterparts.set(c.record_id, [
      ...(counterparts.get(c.record_id) ?? []),
      { name: c.name, memberId: c.member_id, leaderId: c.leader_id },
    ]);
  }
  return rows.map((r) => ({
    recordId: r.id,
    occurredOn: r.occurred_on,
    kind: r.kind,
    leader: { leaderId: r.leader_id, name: r.name, memberId: r.member_id },
    counterparts: counterparts.get(r.id) ?? [],
    subject: r.subject,
    summary: r.summary,
  }));
}
