import { type IsoDate } from '../../shared/dates';
import type { opinionInput, OpinionView, talkInput, TalkView } from '../../shared/meetings/views';
import type { Db } from '../db/open';
import { type DutiesLookup } from './duties-lookup';
import { checkPreparationDate } from './meeting';
import { type In, type MeetingRow, bad, meetingRow, notFound, personOf } from './meeting-rows';

export function addOpinion(db: Db, input: In<typeof opinionInput>): void {
  meetingRow(db, input.meetingId);
  for (const id of input.concerns) personOf(db, input.meetingId, id, 'concerns');
  db.prepare(`INSERT INTO meeting_opinion (meeting_id, source, text, category, concerns) VALUES (?, ?, ?, ?, ?)`).run(
    input.meetingId,
    input.source,
    input.text,
    input.category,
    JSON.stringify([...new Set(input.concerns)]),
  );
}

export function addTalk(db: Db, input: In<typeof talkInput>, today: IsoDate): void {
  const m = meetingRow(db, input.meetingId);
  if (input.a === input.b) throw bad(`谈话人和谈话对象都是“${input.a}”`, 'b');
  checkPreparationDate(m, input.heldOn, '谈话日期', today);
  db.prepare(`INSERT INTO meeting_talk (meeting_id, a, b, held_on, record) VALUES (?, ?, ?, ?, ?)`).run(
    input.meetingId,
    input.a,
    input.b,
    input.heldOn,
    input.record,
  );
}

export function removeRow(
  db: Db,
  meetingId: number,
  table: 'study' | 'opinion' | 'talk' | 'rectification',
  id: number,
): void {
  if (table === 'study')
    db.prepare(
      `DELETE FROM meeting_study_person WHERE study_id = (SELECT id FROM meeting_study WHERE id = ? AND meeting_id = ?)`,
    ).run(id, meetingId);
  const done = db.prepare(`DELETE FROM meeting_${table} WHERE id = ? AND meeting_id = ?`).run(id, meetingId);
  if (done.changes === 0) throw notFound(`找不到编号为 ${id} 的记录`);
}

export function opinions(db: Db, meetingId: number): OpinionView[] {
  return (
    db.prepare(`SELECT * FROM meeting_opinion WHERE meeting_id = ? ORDER BY id`).all(meetingId) as {
      id: number;
      source: string;
      text: string;
      category: string;
      concerns: string;
    }[]
  ).map((o) => ({
    id: o.id,
    source: o.source,
    text: o.text,
    category: o.category,
    concerns: JSON.parse(o.concerns) as number[],
  }));
}

export function talks(db: Db, m: MeetingRow, lookup: DutiesLookup): TalkView[] {
  const own = (
    db.prepare(`SELECT * FROM meeting_talk WHERE meeting_id = ? ORDER BY held_on, id`).all(m.id) as {
      id: number;
      a: string;
      b: string;
      held_on: IsoDate;
      record: string | null;
    }[]
  ).map((t): TalkView => ({ id: t.id, a: t.a, others: [t.b], heldOn: t.held_on, record: t.record, source: 'meeting' }));
  // 一岗双责 talks count from the start of the meeting's year to the meeting day.
  const fromDuties = lookup.talks(db, `${m.year}-01-01`, m.held_on).map((t): TalkView => ({
    id: null,
    a: t.a,
    others: t.others,
    heldOn: t.heldOn,
    record: t.summary,
    source: 'duties',
  }));
  return [...own, ...fromDuties].sort((x, y) => x.heldOn.localeCompare(y.heldOn));
}
