import type { Db } from '../db/open';
import { invalid, now, parseList } from './common';
import { copyItemRows, itemRowsOf } from './items';
import { LEADER_ORDER, sameLeaderIn, type LeaderRow } from './leaders';

/**
 * 复制上年: next year's team from this year's (people still in post, with their posts,
 * portfolios and branches), and optionally the team's and each person's list. People already
 * in the target year are kept as they are; their lists get only the items they lack.
 */
export function copyYear(db: Db, from: number, to: number, lists: boolean): { leaders: number; items: number } {
  if (from === to) throw invalid('复制的来源年度和目标年度相同。', 'to');
  const source = db
    .prepare(`SELECT * FROM duty_leader WHERE year = ? ORDER BY ${LEADER_ORDER}`)
    .all(from) as LeaderRow[];
  if (source.length === 0) throw invalid(`${from}年度没有登记领导班子，没有可复制的内容。`, 'from');
  let leaders = 0;
  let items = 0;
  db.transaction(() => {
    for (const person of source) {
      if (person.left_on) continue; // left during the year: not in next year's team
      let target = sameLeaderIn(db, person, to);
      if (!target) {
        const member = person.member_id
          ? (db.prepare(`SELECT voided_on FROM member WHERE id = ?`).get(person.member_id) as
              { voided_on: string | null } | undefined)
          : undefined;
        const id = Number(
          db
            .prepare(
              `INSERT INTO duty_leader (year, name, role, title, member_id, divisions, sort_order, note, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
            )
            .run(
              to,
              person.name,
              person.role,
              person.title,
              member && !member.voided_on ? person.member_id : null,
              JSON.stringify(parseList(person.divisions)),
              person.sort_order,
              person.note,
              now(),
            ).lastInsertRowid,
        );
        const branches = db
          .prepare(
            `SELECT lb.unit_id FROM duty_leader_branch lb JOIN org_unit u ON u.id = lb.unit_id WHERE lb.leader_id = ? AND u.dissolved_on IS NULL`,
          )
          .all(person.id) as { unit_id: number }[];
        for (const b of branches)
          db.prepare(`INSERT INTO duty_leader_branch (leader_id, unit_id) VALUES (?, ?)`).run(id, b.unit_id);
        const divisions = db
          .prepare(
            `SELECT ld.division_id FROM duty_leader_division ld JOIN division d ON d.id = ld.division_id WHERE ld.leader_id = ? AND d.dissolved_on IS NULL`,
          )
          .all(person.id) as { division_id: number }[];
        for (const d of divisions)
          db.prepare(`INSERT INTO duty_leader_division (leader_id, division_id) VALUES (?, ?)`).run(id, d.division_id);
        target = db.prepare(`SELECT * FROM duty_leader WHERE id = ?`).get(id) as LeaderRow;
        leaders++;
      }
      if (lists) items += copyItemRows(db, itemRowsOf(db, from, person.id), to, target.id).added;
    }
    if (lists) items += copyItemRows(db, itemRowsOf(db, from, null), to, null).added;
  })();
  return { leaders, items };
}
