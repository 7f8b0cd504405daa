import { type IsoDate } from '../../shared/dates';
import { AppError } from '../../shared/errors';
import type { materialInput, MaterialStatus, reviewMaterialInput, speechInput } from '../../shared/meetings/views';
import type { Db } from '../db/open';
import { type In, bad, meetingRow, notFound, now, personOf } from './meeting-rows';

export function saveMaterial(db: Db, input: In<typeof materialInput>): void {
  meetingRow(db, input.meetingId);
  if (input.personId !== null) personOf(db, input.meetingId, input.personId);
  const existing = materialRow(db, input.meetingId, input.personId);
  if (existing?.status === 'final')
    throw new AppError({
      code: 'RULE_VIOLATION',
      message: '这份对照检查材料已定稿，先改回草稿再修改',
      detail: 'material final',
      field: 'personId',
    });
  if (existing) {
    db.prepare(
      `UPDATE meeting_material SET problems = ?, causes = ?, measures = ?, status = 'draft', reviewed_by = NULL, reviewed_on = NULL, updated_at = ? WHERE id = ?`,
    ).run(JSON.stringify(input.problems), input.causes, input.measures, now(), existing.id);
  } else {
    db.prepare(
      `INSERT INTO meeting_material (meeting_id, person_id, problems, causes, measures, updated_at) VALUES (?, ?, ?, ?, ?, ?)`,
    ).run(input.meetingId, input.personId, JSON.stringify(input.problems), input.causes, input.measures, now());
  }
}

export function reviewMaterial(db: Db, input: In<typeof reviewMaterialInput>, today: IsoDate): void {
  const existing = materialRow(db, input.meetingId, input.personId);
  if (!existing) throw notFound('这份对照检查材料还没有撰写');
  if (input.status !== 'draft' && !input.reviewedBy) throw bad('请填写审阅人', 'reviewedBy');
  db.prepare(`UPDATE meeting_material SET status = ?, reviewed_by = ?, reviewed_on = ? WHERE id = ?`).run(
    input.status,
    input.status === 'draft' ? null : input.reviewedBy,
    input.status === 'draft' ? null : today,
    existing.id,
  );
}

export function materialRow(db: Db, meetingId: number, personId: number | null) {
  return db
    .prepare(`SELECT * FROM meeting_material WHERE meeting_id = ? AND person_id IS ?`)
    .get(meetingId, personId) as
    | {
        id: number;
        person_id: number | null;
        problems: string;
        causes: string | null;
        measures: string | null;
        status: MaterialStatus;
        reviewed_by: string | null;
        reviewed_on: IsoDate | null;
      }
    | undefined;
}

export function saveSpeech(db: Db, input: In<typeof speechInput>): void {
  meetingRow(db, input.meetingId);
  personOf(db, input.meetingId, input.personId);
  for (const c of input.criticisms) {
    personOf(db, input.meetingId, c.fromPersonId, 'criticisms');
    if (c.fromPersonId === input.personId) throw bad('批评意见应由他人提出，不能是发言人自己', 'criticisms');
  }
  db.prepare(
    `INSERT INTO meeting_speech (meeting_id, person_id, sort_order, self_criticism, criticisms, response) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (meeting_id, person_id) DO UPDATE SET sort_order = excluded.sort_order, self_criticism = excluded.self_criticism, criticisms = excluded.criticisms, response = excluded.response`,
  ).run(
    input.meetingId,
    input.personId,
    input.order,
    input.selfCriticism,
    JSON.stringify(input.criticisms),
    input.response,
  );
}
