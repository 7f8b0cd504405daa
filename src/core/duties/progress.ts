import { daysBetween, type IsoDate } from '../../shared/dates';
import { compareProgress, periodContaining, type ItemState } from '../../shared/duties/rules';
import type {
  BehindRow,
  DutiesOverview,
  ItemView,
  LeaderSummary,
  LeaderView,
  LetterView,
  PersonView,
  StateCounts,
  UnmetItem,
  YearSummary,
} from '../../shared/duties/views';
import type { Db } from '../db/open';
import { invalid, notFound } from './common';
import { evidenceOf } from './evidence';
import { listItems, type ProgressContext } from './items';
import { getLeader, leaderRow, listLeaders, sameLeaderIn, type LeaderRow } from './leaders';
import { listRecords } from './records';

/* Where the year stands: per person, for the team, and the items behind, worst first. */

export function countStates(items: ItemView[]): StateCounts {
  const counts: StateCounts = { overdue: 0, dueSoon: 0, pending: 0, met: 0, ongoing: 0, other: 0 };
  for (const item of items) {
    const s: ItemState = item.progress.state;
    if (s === 'overdue' || s === 'dueSoon' || s === 'pending' || s === 'met' || s === 'ongoing') counts[s]++;
    else counts.other++;
  }
  return counts;
}

function thisPeriod(items: ItemView[]): { done: number; required: number } {
  let done = 0;
  let required = 0;
  for (const item of items) {
    const current = item.rule.kind === 'periodic' ? item.progress.current : null;
    if (!current || current.required === 0) continue;
    required += current.required;
    done += Math.min(current.done, current.required);
  }
  return { done, required };
}

export function letterOf(db: Db, leaderId: number): LetterView | null {
  const row = db
    .prepare(`SELECT id, leader_id, signed_on, issuer_name, note FROM duty_letter WHERE leader_id = ?`)
    .get(leaderId) as
    { id: number; leader_id: number; signed_on: IsoDate; issuer_name: string | null; note: string | null } | undefined;
  if (!row) return null;
  return {
    leaderId,
    signedOn: row.signed_on,
    issuerName: row.issuer_name,
    note: row.note,
    evidence: evidenceOf(db, 'letter_id', [row.id]).get(row.id) ?? [],
  };
}

function summarise(db: Db, leader: LeaderView, items: ItemView[]): LeaderSummary {
  const records = db
    .prepare(
      `SELECT count(*) AS n, max(occurred_on) AS last FROM duty_record WHERE leader_id = ? AND voided_on IS NULL`,
    )
    .get(leader.id) as { n: number; last: IsoDate | null };
  const letter = db.prepare(`SELECT signed_on FROM duty_letter WHERE leader_id = ?`).get(leader.id) as
    { signed_on: IsoDate } | undefined;
  const report = db.prepare(`SELECT 1 FROM duty_report WHERE leader_id = ?`).get(leader.id);
  return {
    leader,
    items: items.length,
    counts: countStates(items),
    thisPeriod: thisPeriod(items),
    records: records.n,
    lastRecordOn: records.last,
    letterSignedOn: letter?.signed_on ?? null,
    reportSaved: report !== undefined,
  };
}

const BEHIND: readonly ItemState[] = ['overdue', 'dueSoon', 'pending'];

function behindRows(items: ItemView[], owner: string): BehindRow[] {
  return items
    .filter((i) => BEHIND.includes(i.progress.state))
    .map((i) => ({
      itemId: i.id,
      leaderId: i.leaderId,
      owner,
      category: i.category,
      content: i.content,
      requirement: i.requirement,
      state: i.progress.state,
      summary: i.progress.summary,
      dueOn: i.progress.dueOn,
    }));
}

export function overview(db: Db, year: number, ctx: ProgressContext): DutiesOverview {
  const leaders = listLeaders(db, year);
  const teamItems = listItems(db, year, null, ctx);
  const summaries: LeaderSummary[] = [];
  const behind: BehindRow[] = behindRows(teamItems, '领导班子');
  for (const leader of leaders) {
    const items = listItems(db, year, leader.id, ctx);
    summaries.push(summarise(db, leader, items));
    behind.push(...behindRows(items, leader.name));
  }
  const order = new Map(leaders.map((l, i) => [l.id, i]));
  behind.sort(
    (a, b) => compareProgress(a, b) || (order.get(a.leaderId ?? -1) ?? -1) - (order.get(b.leaderId ?? -1) ?? -1),
  );
  const quarter = Number(ctx.asOf.slice(0, 4)) === year ? periodContaining(ctx.asOf, 'quarter') : null;
  const previous = db
    .prepare(
      `SELECT count(*) AS leaders, (SELECT count(*) FROM duty_item WHERE year = @y) AS items FROM duty_leader WHERE year = @y`,
    )
    .get({ y: year - 1 }) as { leaders: number; items: number };
  return {
    year,
    asOf: ctx.asOf,
    quarter: quarter ? { ...quarter, daysLeft: daysBetween(ctx.asOf, quarter.end) } : null,
    leaders: summaries,
    team: { items: teamItems.length, counts: countStates(teamItems) },
    behind,
    previousYear: previous.leaders > 0 ? { year: year - 1, leaders: previous.leaders, items: previous.items } : null,
  };
}

export function personView(db: Db, leaderId: number, ctx: ProgressContext): PersonView {
  const leader = getLeader(db, leaderId);
  const items = listItems(db, leader.year, leader.id, ctx);
  const row = leaderRow(db, leaderId);
  const previous = sameLeaderIn(db, row, leader.year - 1);
  return {
    leader,
    summary: summarise(db, leader, items),
    items,
    teamItems: listItems(db, leader.year, null, ctx),
    records: listRecords(db, { year: leader.year, leaderId, includeVoided: true }),
    letter: letterOf(db, leaderId),
    previous: previous
      ? {
          leaderId: previous.id,
          items: (
            db.prepare(`SELECT count(*) AS n FROM duty_item WHERE leader_id = ?`).get(previous.id) as { n: number }
          ).n,
        }
      : null,
  };
}

export function listYears(db: Db): YearSummary[] {
  return db
    .prepare(
      `SELECT y.year,
              (SELECT count(*) FROM duty_leader l WHERE l.year = y.year) AS leaders,
              (SELECT count(*) FROM duty_item i WHERE i.year = y.year) AS items,
              (SELECT count(*) FROM duty_record r JOIN duty_leader l ON l.id = r.leader_id WHERE l.year = y.year AND r.voided_on IS NULL) AS records
         FROM (SELECT year FROM duty_leader UNION SELECT year FROM duty_item) y ORDER BY y.year DESC`,
    )
    .all() as YearSummary[];
}

/**
 * The person's items not met on `asOf` (overdue first, then those still open), for the
 * 述责述廉 draft and for the 民主生活会 self-examination material. The person is found by the
 * year's leader id, by roster member, or by name.
 */
export function unmetItems(
  db: Db,
  year: number,
  person: { leaderId?: number | undefined; memberId?: number | undefined; name?: string | undefined },
  ctx: ProgressContext,
): UnmetItem[] {
  let leader: LeaderRow | undefined;
  if (person.leaderId !== undefined) {
    leader = leaderRow(db, person.leaderId);
    if (leader.year !== year)
      throw invalid(`“${leader.name}”是${leader.year}年度的班子成员，不是${year}年度的。`, 'leaderId');
  } else if (person.memberId !== undefined) {
    leader = db.prepare(`SELECT * FROM duty_leader WHERE year = ? AND member_id = ?`).get(year, person.memberId) as
      LeaderRow | undefined;
  } else if (person.name !== undefined) {
    leader = db.prepare(`SELECT * FROM duty_leader WHERE year = ? AND name = ?`).get(year, person.name) as
      LeaderRow | undefined;
  }
  if (!leader) {
    const who = person.name
      ? `“${person.name}”`
      : person.memberId
        ? `编号为 ${person.memberId} 的党员`
        : '这位班子成员';
    throw notFound(
      `${year}年度的领导班子中没有${who}。`,
      `no duty_leader for ${JSON.stringify(person)} in ${year}`,
      'name',
    );
  }
  return listItems(db, year, leader.id, ctx)
    .filter((i) => BEHIND.includes(i.progress.state))
    .sort((a, b) => compareProgress(a.progress, b.progress))
    .map((i) => ({
      itemId: i.id,
      category: i.category,
      content: i.content,
      requirement: i.requirement,
      state: i.progress.state,
      summary: i.progress.summary,
      missedPeriods: i.progress.missed.map((p) => p.label),
    }));
}
