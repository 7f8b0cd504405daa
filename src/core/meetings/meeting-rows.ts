import type { z } from 'zod';
import { type IsoDate } from '../../shared/dates';
import { AppError } from '../../shared/errors';
import { type MeetingKind, type SpecialTrigger } from '../../shared/meetings/rules';
import type { PersonRole, PersonView } from '../../shared/meetings/views';
import type { Db } from '../db/open';

export type In<S extends z.ZodType> = z.output<S>;

export const now = () => new Date().toISOString();

export function bad(message: string, field: string): AppError {
  return new AppError({ code: 'INVALID_INPUT', message, detail: `meetings: ${field}`, field });
}
export function notFound(message: string): AppError {
  return new AppError({ code: 'NOT_FOUND', message, detail: 'meetings: not found' });
}

/* ---------- settings ---------- */

export interface MeetingRow {
  id: number;
  kind: MeetingKind;
  year: number;
  unit_id: number | null;
  theme: string;
  held_on: IsoDate;
  place: string | null;
  presider: string | null;
  recorder: string | null;
  superior_attendees: string | null;
  special_trigger: SpecialTrigger | null;
  special_reason: string | null;
  plan_text: string | null;
  plan_reported_on: IsoDate | null;
  report_text: string | null;
  report_sent_on: IsoDate | null;
  upper_comments: string | null;
  opinions_fed_back_on: IsoDate | null;
  held_done: number;
}

export function meetingRow(db: Db, id: number): MeetingRow {
  const row = db.prepare(`SELECT * FROM meeting WHERE id = ?`).get(id) as MeetingRow | undefined;
  if (!row) throw notFound(`找不到编号为 ${id} 的会议`);
  return row;
}

export function people(db: Db, meetingId: number): PersonView[] {
  return (
    db.prepare(`SELECT * FROM meeting_person WHERE meeting_id = ? ORDER BY sort_order, id`).all(meetingId) as {
      id: number;
      name: string;
      role: PersonRole;
      title: string | null;
      member_id: number | null;
      division_heads: string;
      present: number;
      absence_reason: string | null;
    }[]
  ).map((p) => ({
    id: p.id,
    name: p.name,
    role: p.role,
    title: p.title,
    memberId: p.member_id,
    divisionHeads: JSON.parse(p.division_heads) as string[],
    present: p.present === 1,
    absenceReason: p.absence_reason,
  }));
}

export function personOf(db: Db, meetingId: number, personId: number, field = 'personId'): PersonView {
  const p = people(db, meetingId).find((x) => x.id === personId);
  if (!p) throw bad(`参会人员编号 ${personId} 不在这次会议的名单中`, field);
  return p;
}

/** The meeting before this one for the same body: the team (民主生活会, either kind) or the same branch. */
export function previousMeeting(db: Db, m: Pick<MeetingRow, 'id' | 'kind' | 'unit_id' | 'held_on'>): MeetingRow | null {
  const sameBody = m.kind === 'branch' ? `kind = 'branch' AND unit_id = @unit` : `kind IN ('democratic', 'special')`;
  return (
    (db
      .prepare(
        `SELECT * FROM meeting WHERE ${sameBody} AND id <> @id AND (held_on < @held OR (held_on = @held AND id < @id)) ORDER BY held_on DESC, id DESC LIMIT 1`,
      )
      .get({ unit: m.unit_id, id: m.id, held: m.held_on }) as MeetingRow | undefined) ?? null
  );
}

/* ---------- meetings ---------- */
