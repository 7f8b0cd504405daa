import { type IsoDate } from '../../shared/dates';
import { isOverdue } from '../../shared/meetings/rules';
import type { rectificationInput, rectificationUpdateInput, RectificationView } from '../../shared/meetings/views';
import type { Db } from '../db/open';
import { type In, bad, meetingRow, notFound, now } from './meeting-rows';

export function addRectification(db: Db, input: In<typeof rectificationInput>): number {
  const m = meetingRow(db, input.meetingId);
  if (input.deadline < m.held_on) throw bad(`整改时限“${input.deadline}”早于会议日期`, 'deadline');
  return Number(
    db
      .prepare(
        `INSERT INTO meeting_rectification (meeting_id, problem, measures, responsible, deadline, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
      )
      .run(input.meetingId, input.problem, input.measures, input.responsible, input.deadline, now()).lastInsertRowid,
  );
}

export function updateRectification(db: Db, input: In<typeof rectificationUpdateInput>, today: IsoDate): number {
  const row = db.prepare(`SELECT * FROM meeting_rectification WHERE id = ?`).get(input.itemId) as
    { meeting_id: number; progress: string; closed_on: string | null } | undefined;
  if (!row) throw notFound(`找不到编号为 ${input.itemId} 的整改事项`);
  const progress = JSON.parse(row.progress) as { on: IsoDate; note: string }[];
  if (input.progressNote) progress.push({ on: input.progressOn ?? today, note: input.progressNote });
  if (input.closedOn && input.closedOn > today) throw bad(`销号日期“${input.closedOn}”在今天之后`, 'closedOn');
  db.prepare(
    `UPDATE meeting_rectification SET progress = ?, evidence = coalesce(?, evidence), closed_on = coalesce(?, closed_on) WHERE id = ?`,
  ).run(JSON.stringify(progress), input.evidence, input.closedOn, input.itemId);
  return row.meeting_id;
}

export function rectifications(db: Db, meetingId: number, today: IsoDate): RectificationView[] {
  return (
    db
      .prepare(
        `SELECT r.*, p.meeting_id AS from_meeting, pm.year AS from_year FROM meeting_rectification r
           LEFT JOIN meeting_rectification p ON p.id = r.carried_from_id LEFT JOIN meeting pm ON pm.id = p.meeting_id
          WHERE r.meeting_id = ? ORDER BY r.carried_from_id IS NULL, r.id`,
      )
      .all(meetingId) as {
      id: number;
      problem: string;
      measures: string;
      responsible: string;
      deadline: IsoDate;
      progress: string;
      evidence: string | null;
      closed_on: IsoDate | null;
      from_meeting: number | null;
      from_year: number | null;
    }[]
  ).map((r) => ({
    id: r.id,
    problem: r.problem,
    measures: r.measures,
    responsible: r.responsible,
    deadline: r.deadline,
    progress: JSON.parse(r.progress) as { on: IsoDate; note: string }[],
    evidence: r.evidence,
    closedOn: r.closed_on,
    carriedFrom: r.from_meeting === null ? null : { meetingId: r.from_meeting, year: r.from_year! },
    overdue: isOverdue({ deadline: r.deadline, closedOn: r.closed_on }, today),
  }));
}

/* ---------- the whole meeting ---------- */
