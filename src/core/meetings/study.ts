import { type IsoDate } from '../../shared/dates';
import type { PersonView, studyInput, StudyView, updateStudyInput } from '../../shared/meetings/views';
import type { Db } from '../db/open';
import { checkPreparationDate, checkPresence } from './meeting';
import { type In, bad, meetingRow, notFound, people } from './meeting-rows';

export function addStudy(db: Db, input: In<typeof studyInput>, today: IsoDate): number {
  checkPreparationDate(meetingRow(db, input.meetingId), input.heldOn, '学习日期', today);
  const attendance = studyAttendance(db, input);
  const id = Number(
    db
      .prepare(`INSERT INTO meeting_study (meeting_id, held_on, content) VALUES (?, ?, ?)`)
      .run(input.meetingId, input.heldOn, input.content).lastInsertRowid,
  );
  writeStudyAttendance(db, id, attendance);
  return id;
}

/** Corrects a study session; one entered as free text gets its attendance per person and loses the text. */
export function updateStudy(db: Db, input: In<typeof updateStudyInput>, today: IsoDate): void {
  checkPreparationDate(meetingRow(db, input.meetingId), input.heldOn, '学习日期', today);
  const found = db
    .prepare(`SELECT 1 FROM meeting_study WHERE id = ? AND meeting_id = ?`)
    .get(input.studyId, input.meetingId);
  if (!found) throw notFound(`找不到编号为 ${input.studyId} 的学习研讨`);
  const attendance = studyAttendance(db, input);
  db.prepare(`UPDATE meeting_study SET held_on = ?, content = ?, attendance = NULL WHERE id = ?`).run(
    input.heldOn,
    input.content,
    input.studyId,
  );
  writeStudyAttendance(db, input.studyId, attendance);
}

function studyAttendance(db: Db, input: In<typeof studyInput>) {
  const list = people(db, input.meetingId);
  const reasons = checkPresence(list, input.present, input.absences, 'present');
  if (input.present.length === 0) throw bad('请勾选参加这次学习研讨的人员', 'present');
  return list.map((p) => ({
    personId: p.id,
    present: input.present.includes(p.id),
    reason: reasons.get(p.id) ?? null,
  }));
}

function writeStudyAttendance(
  db: Db,
  studyId: number,
  rows: { personId: number; present: boolean; reason: string | null }[],
): void {
  // Upserts rather than delete-and-insert, so the log shows only the people whose entry changed.
  const upsert = db.prepare(
    `INSERT INTO meeting_study_person (study_id, person_id, present, absence_reason) VALUES (?, ?, ?, ?)
     ON CONFLICT (study_id, person_id) DO UPDATE SET present = excluded.present, absence_reason = excluded.absence_reason`,
  );
  for (const r of rows) upsert.run(studyId, r.personId, r.present ? 1 : 0, r.present ? null : r.reason);
}

export function studies(db: Db, meetingId: number, list: PersonView[]): StudyView[] {
  const attendees = db
    .prepare(
      `SELECT sp.study_id, sp.person_id, sp.present, sp.absence_reason FROM meeting_study_person sp JOIN meeting_study s ON s.id = sp.study_id WHERE s.meeting_id = ?`,
    )
    .all(meetingId) as { study_id: number; person_id: number; present: number; absence_reason: string | null }[];
  const order = new Map(list.map((p, i) => [p.id, i]));
  return (
    db.prepare(`SELECT * FROM meeting_study WHERE meeting_id = ? ORDER BY held_on, id`).all(meetingId) as {
      id: number;
      held_on: IsoDate;
      content: string;
      attendance: string | null;
    }[]
  ).map((s) => ({
    id: s.id,
    heldOn: s.held_on,
    content: s.content,
    attendees: attendees
      .filter((a) => a.study_id === s.id)
      .sort((a, b) => order.get(a.person_id)! - order.get(b.person_id)!)
      .map((a) => ({
        personId: a.person_id,
        name: list.find((p) => p.id === a.person_id)!.name,
        present: a.present === 1,
        absenceReason: a.absence_reason,
      })),
    attendance: s.attendance,
  }));
}
