import { localToday, type IsoDate } from '../../shared/dates';
import type { Db } from '../db/open';
import { unmetItems } from './progress';
import { getDutySettings } from './settings';
import { listTalks } from './talks';

/*
 * 一岗双责 for the 民主生活会 preparation, in the plain shape that module asks for
 * (src/core/meetings/duties-lookup.ts): the talks between two dates with both sides, and a
 * person's unmet items for a year, judged by the same frequency rules as the 一岗双责 screens
 * (a quarterly item missed in one quarter is unmet even if done in another). Richer forms:
 * listTalks (talks.ts) and unmetItems (progress.ts), or the duties.talks / duties.unmetItems
 * channels.
 */
export const dutiesLookup = {
  talks(
    db: Db,
    from: IsoDate,
    to: IsoDate,
  ): { a: string; others: string[]; heldOn: IsoDate; summary: string | null }[] {
    return listTalks(db, { from, to }).map((t) => ({
      a: t.leader.name,
      others: t.counterparts.map((c) => c.name),
      heldOn: t.occurredOn,
      summary: t.summary,
    }));
  },
  /** "content：summary" for each unmet item; empty when the person is not in that year's team. */
  unmetItems(db: Db, year: number, name: string, asOf: IsoDate = localToday()): string[] {
    const exists = db.prepare(`SELECT 1 FROM duty_leader WHERE year = ? AND name = ?`).get(year, name);
    if (!exists) return [];
    return unmetItems(db, year, { name }, { asOf, settings: getDutySettings(db) }).map(
      (u) => `${u.content}：${u.summary}`,
    );
  },
};
