import type { IsoDate } from '../../shared/dates';
import type { Db } from '../db/open';

/*
 * What the 一岗双责 module asks of this one: the 民主生活会 held in a year, as recorded here
 * (召开会议 with two thirds present, on or before the day recorded), and who was present. The
 * duties module reads it through its own lookup (src/core/duties/meetings-lookup.ts), so that a
 * held meeting completes the item "召开领导班子民主生活会" exactly when this module says it was held.
 */
export interface HeldLeadershipMeeting {
  id: number;
  kind: 'democratic' | 'special';
  year: number;
  heldOn: IsoDate;
  /** Those recorded as present. */
  present: string[];
}

/** 民主生活会 (either kind) recorded as held on a day of the calendar year, earliest first. */
export function heldLeadershipMeetings(db: Db, year: number): HeldLeadershipMeeting[] {
  const rows = db
    .prepare(
      `SELECT m.id, m.kind, m.year, m.held_on,
              (SELECT json_group_array(p.name) FROM meeting_person p WHERE p.meeting_id = m.id AND p.present = 1) AS present
         FROM meeting m
        WHERE m.kind IN ('democratic', 'special') AND m.held_done = 1 AND substr(m.held_on, 1, 4) = ?
        ORDER BY m.held_on, m.id`,
    )
    .all(String(year)) as {
    id: number;
    kind: 'democratic' | 'special';
    year: number;
    held_on: IsoDate;
    present: string;
  }[];
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    year: r.year,
    heldOn: r.held_on,
    present: JSON.parse(r.present) as string[],
  }));
}
