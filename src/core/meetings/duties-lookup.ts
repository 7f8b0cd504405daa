import type { IsoDate } from '../../shared/dates';
import type { Db } from '../db/open';

/*
 * What the meetings module needs from 一岗双责 (src/core/duties): the talks recorded there,
 * which count towards the 谈心谈话 matrix, and a person's unmet duty items for a year, which
 * are offered beside their 对照检查材料. The two lookups read the duties tables directly
 * when they exist (duty_record, duty_counterpart, duty_leader, duty_item), so this module
 * neither waits for nor breaks without the duties module. When src/core/duties exports
 * listTalks / unmetItems in HEAD, `defaultDutiesLookup` can call them instead.
 */

export interface DutiesTalk {
  a: string;
  others: string[];
  heldOn: IsoDate;
  summary: string | null;
}

export interface DutiesLookup {
  /** Talks (谈心谈话 and the like, not voided) held between from and to, inclusive. */
  talks(db: Db, from: IsoDate, to: IsoDate): DutiesTalk[];
  /** Duty items of the person (by name) for the year that have no record against them yet. */
  unmetItems(db: Db, year: number, name: string): string[];
}

function hasTables(db: Db, names: string[]): boolean {
  const found = db
    .prepare(`SELECT count(*) AS n FROM sqlite_schema WHERE type = 'table' AND name IN (SELECT value FROM json_each(?))`)
    .get(JSON.stringify(names)) as { n: number };
  return found.n === names.length;
}

export const defaultDutiesLookup: DutiesLookup = {
  talks(db, from, to) {
    if (!hasTables(db, ['duty_record', 'duty_counterpart', 'duty_leader'])) return [];
    const rows = db
      .prepare(
        `SELECT r.id, r.occurred_on, r.summary, l.name,
                (SELECT json_group_array(coalesce(cl.name, c.name)) FROM duty_counterpart c LEFT JOIN duty_leader cl ON cl.id = c.leader_id WHERE c.record_id = r.id) AS others
           FROM duty_record r JOIN duty_leader l ON l.id = r.leader_id
          WHERE r.voided_on IS NULL AND r.kind IN ('talk', 'integrityTalk') AND r.occurred_on BETWEEN ? AND ?
          ORDER BY r.occurred_on, r.id`,
      )
      .all(from, to) as { occurred_on: IsoDate; summary: string | null; name: string; others: string }[];
    return rows.map((r) => ({ a: r.name, others: JSON.parse(r.others) as string[], heldOn: r.occurred_on, summary: r.summary }));
  },
  unmetItems(db, year, name) {
    if (!hasTables(db, ['duty_item', 'duty_leader', 'duty_record_item'])) return [];
    const rows = db
      .prepare(
        `SELECT i.content FROM duty_item i JOIN duty_leader l ON l.id = i.leader_id
          WHERE i.year = ? AND l.name = ?
            AND NOT EXISTS (SELECT 1 FROM duty_record_item ri JOIN duty_record r ON r.id = ri.record_id WHERE ri.item_id = i.id AND r.voided_on IS NULL)
          ORDER BY i.sort_order, i.id`,
      )
      .all(year, name) as { content: string }[];
    return rows.map((r) => r.content);
  },
};
