import type { z } from 'zod';
import { formatChineseDate, type IsoDate } from '../../shared/dates';
import { DUTY_KIND_LABEL, isTalk, type DutyKind } from '../../shared/duties/library';
import type { addRecordInput, CounterpartView, EvidenceView, RecordView } from '../../shared/duties/views';
import type { Db } from '../db/open';
import { distinct, invalid, notFound, now } from './common';
import { evidenceOf } from './evidence';
import { leaderRow, type LeaderRow } from './leaders';

/* 履职纪实: dated records of what a team member did, the items each fulfils, and talks' other side. */

interface RecordRow {
  id: number;
  leader_id: number;
  occurred_on: IsoDate;
  kind: DutyKind;
  subject: string;
  place: string | null;
  participants: string | null;
  summary: string | null;
  voided_on: string | null;
  void_reason: string | null;
  created_at: string;
  leader_name: string;
  year: number;
}

export type RecordFields = Omit<z.output<typeof addRecordInput>, 'leaderId'>;

const SELECT = `SELECT r.*, l.name AS leader_name, l.year FROM duty_record r JOIN duty_leader l ON l.id = r.leader_id`;

function recordRow(db: Db, id: number): RecordRow {
  const row = db.prepare(`${SELECT} WHERE r.id = ?`).get(id) as RecordRow | undefined;
  if (!row) throw notFound(`找不到编号为 ${id} 的履职记录。`, `duty_record ${id}`, 'id');
  return row;
}

export function recordViews(db: Db, rows: RecordRow[]): RecordView[] {
  if (rows.length === 0) return [];
  const ids = JSON.stringify(rows.map((r) => r.id));
  const counterparts = new Map<number, CounterpartView[]>();
  for (const c of db
    .prepare(
      `SELECT record_id, name, member_id, leader_id FROM duty_counterpart WHERE record_id IN (SELECT value FROM json_each(?)) ORDER BY sort_order, id`,
    )
    .all(ids) as { record_id: number; name: string; member_id: number | null; leader_id: number | null }[]) {
    counterparts.set(c.record_id, [
      ...(counterparts.get(c.record_id) ?? []),
      { name: c.name, memberId: c.member_id, leaderId: c.leader_id },
    ]);
  }
  const items = new Map<number, RecordView['items']>();
  for (const i of db
    .prepare(
      `SELECT ri.record_id, i.id, i.content, i.leader_id FROM duty_record_item ri JOIN duty_item i ON i.id = ri.item_id
        WHERE ri.record_id IN (SELECT value FROM json_each(?)) ORDER BY i.leader_id IS NULL, i.sort_order, i.id`,
    )
    .all(ids) as { record_id: number; id: number; content: string; leader_id: number | null }[]) {
    items.set(i.record_id, [
      ...(items.get(i.record_id) ?? []),
      { id: i.id, content: i.content, leaderId: i.leader_id },
    ]);
  }
  const evidence = evidenceOf(
    db,
    'record_id',
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({
    id: r.id,
    leaderId: r.leader_id,
    leaderName: r.leader_name,
    year: r.year,
    occurredOn: r.occurred_on,
    kind: r.kind,
    subject: r.subject,
    place: r.place,
    participants: r.participants,
    counterparts: counterparts.get(r.id) ?? [],
    items: items.get(r.id) ?? [],
    summary: r.summary,
    evidence: evidence.get(r.id) ?? ([] as EvidenceView[]),
    voidedOn: r.voided_on,
    voidReason: r.void_reason,
    createdAt: r.created_at,
  }));
}

export function getRecord(db: Db, id: number): RecordView {
  return recordViews(db, [recordRow(db, id)])[0]!;
}

export function listRecords(
  db: Db,
  query: { year: number; leaderId?: number | undefined; kind?: DutyKind | undefined; includeVoided?: boolean },
): RecordView[] {
  const where = ['l.year = @year'];
  if (query.leaderId !== undefined) where.push('r.leader_id = @leaderId');
  if (query.kind !== undefined) where.push('r.kind = @kind');
  if (!query.includeVoided) where.push('r.voided_on IS NULL');
  const rows = db
    .prepare(`${SELECT} WHERE ${where.join(' AND ')} ORDER BY r.occurred_on DESC, r.id DESC`)
    .all({ year: query.year, leaderId: query.leaderId ?? null, kind: query.kind ?? null }) as RecordRow[];
  return recordViews(db, rows);
}

function checkRecord(
  db: Db,
  leader: LeaderRow,
  fields: RecordFields,
  today: IsoDate,
): { counterparts: CounterpartView[]; itemIds: number[] } {
  const date = fields.occurredOn;
  if (date > today) {
    throw invalid(
      `日期“${formatChineseDate(date)}”晚于今天。履职纪实记录已经做过的工作，请在做完后再记录。`,
      'occurredOn',
    );
  }
  if (Number(date.slice(0, 4)) !== leader.year) {
    throw invalid(
      `日期“${formatChineseDate(date)}”不在${leader.year}年度。请在${date.slice(0, 4)}年度的班子中为“${leader.name}”记录（如没有，先登记该年度的班子成员）。`,
      'occurredOn',
    );
  }
  if (leader.started_on && date < leader.started_on) {
    throw invalid(
      `“${leader.name}”${formatChineseDate(leader.started_on)}任职，日期“${formatChineseDate(date)}”在任职之前。`,
      'occurredOn',
    );
  }
  if (leader.left_on && date > leader.left_on) {
    throw invalid(
      `“${leader.name}”已于${formatChineseDate(leader.left_on)}离任，日期“${formatChineseDate(date)}”在离任之后。`,
      'occurredOn',
    );
  }

  const talk = isTalk(fields.kind);
  if (talk && fields.counterparts.length === 0)
    throw invalid(`${DUTY_KIND_LABEL[fields.kind]}请填写谈话对象。`, 'counterparts');
  if (!talk && fields.counterparts.length > 0)
    throw invalid(`只有谈心谈话、廉政约谈和提醒谈话填写谈话对象；其他履职请填在“参加人员”中。`, 'counterparts');
  const counterparts: CounterpartView[] = [];
  const seen = new Set<string>();
  for (const c of fields.counterparts) {
    let name = c.name;
    if (c.leaderId !== null) {
      const other = leaderRow(db, c.leaderId);
      if (other.id === leader.id) throw invalid('谈话对象不能是本人。', 'counterparts');
      if (other.year !== leader.year)
        throw invalid(`谈话对象“${other.name}”是${other.year}年度的班子成员，与这条记录的年度不同。`, 'counterparts');
      if (name !== other.name) throw invalid(`谈话对象“${name}”与所选班子成员“${other.name}”不一致。`, 'counterparts');
    }
    if (c.memberId !== null) {
      const member = db.prepare(`SELECT name, voided_on FROM member WHERE id = ?`).get(c.memberId) as
        { name: string; voided_on: string | null } | undefined;
      if (!member || member.voided_on)
        throw invalid(`党员名册中找不到编号为 ${c.memberId} 的党员（谈话对象）。`, 'counterparts');
      if (name !== member.name) throw invalid(`谈话对象“${name}”与所选党员“${member.name}”不一致。`, 'counterparts');
      name = member.name;
    }
    const key = c.leaderId ? `l${c.leaderId}` : c.memberId ? `m${c.memberId}` : `n${name}`;
    if (seen.has(key)) continue;
    seen.add(key);
    counterparts.push({ name, memberId: c.memberId, leaderId: c.leaderId });
  }

  const itemIds = distinct(fields.itemIds);
  for (const id of itemIds) {
    const item = db.prepare(`SELECT year, leader_id, content FROM duty_item WHERE id = ?`).get(id) as
      { year: number; leader_id: number | null; content: string } | undefined;
    if (!item) throw invalid(`找不到编号为 ${id} 的责任事项。`, 'itemIds');
    if (item.year !== leader.year)
      throw invalid(`责任事项“${item.content}”属于${item.year}年度，不能对应${leader.year}年的履职记录。`, 'itemIds');
    if (item.leader_id !== null && item.leader_id !== leader.id) {
      const owner = leaderRow(db, item.leader_id);
      throw invalid(`责任事项“${item.content}”是“${owner.name}”的，不能对应“${leader.name}”的履职记录。`, 'itemIds');
    }
  }
  return { counterparts, itemIds };
}

function writeLinks(db: Db, recordId: number, counterparts: CounterpartView[], itemIds: number[]): void {
  // Counterparts are replaced only when they changed, so the log shows real changes.
  const current = db
    .prepare(`SELECT name, member_id, leader_id FROM duty_counterpart WHERE record_id = ? ORDER BY sort_order, id`)
    .all(recordId) as {
    name: string;
    member_id: number | null;
    leader_id: number | null;
  }[];
  const same =
    current.length === counterparts.length &&
    current.every(
      (c, i) =>
        c.name === counterparts[i]!.name &&
        c.member_id === counterparts[i]!.memberId &&
        c.leader_id === counterparts[i]!.leaderId,
    );
  if (!same) {
    db.prepare(`DELETE FROM duty_counterpart WHERE record_id = ?`).run(recordId);
    counterparts.forEach((c, i) =>
      db
        .prepare(
          `INSERT INTO duty_counterpart (record_id, name, member_id, leader_id, sort_order) VALUES (?, ?, ?, ?, ?)`,
        )
        .run(recordId, c.name, c.memberId, c.leaderId, i),
    );
  }
  const wanted = new Set(itemIds);
  const linked = db.prepare(`SELECT id, item_id FROM duty_record_item WHERE record_id = ?`).all(recordId) as {
    id: number;
    item_id: number;
  }[];
  for (const l of linked) if (!wanted.has(l.item_id)) db.prepare(`DELETE FROM duty_record_item WHERE id = ?`).run(l.id);
  const have = new Set(linked.map((l) => l.item_id));
  for (const id of itemIds)
    if (!have.has(id)) db.prepare(`INSERT INTO duty_record_item (record_id, item_id) VALUES (?, ?)`).run(recordId, id);
}

export function addRecord(db: Db, leaderId: number, fields: RecordFields, today: IsoDate): number {
  const leader = leaderRow(db, leaderId);
  const { counterparts, itemIds } = checkRecord(db, leader, fields, today);
  return db.transaction(() => {
    const id = Number(
      db
        .prepare(
          `INSERT INTO duty_record (leader_id, occurred_on, kind, subject, place, participants, summary, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          leaderId,
          fields.occurredOn,
          fields.kind,
          fields.subject,
          fields.place,
          fields.participants,
          fields.summary,
          now(),
        ).lastInsertRowid,
    );
    writeLinks(db, id, counterparts, itemIds);
    return id;
  })();
}

export function updateRecord(db: Db, id: number, fields: RecordFields, today: IsoDate): void {
  const row = recordRow(db, id);
  if (row.voided_on) throw invalid(`这条履职记录已于${formatChineseDate(row.voided_on)}作废，不能再修改。`, 'id');
  const leader = leaderRow(db, row.leader_id);
  const { counterparts, itemIds } = checkRecord(db, leader, fields, today);
  db.transaction(() => {
    db.prepare(
      `UPDATE duty_record SET occurred_on = ?, kind = ?, subject = ?, place = ?, participants = ?, summary = ? WHERE id = ?`,
    ).run(fields.occurredOn, fields.kind, fields.subject, fields.place, fields.participants, fields.summary, id);
    writeLinks(db, id, counterparts, itemIds);
  })();
}

/** A wrong entry is voided with its reason, never deleted: it stops counting, and stays visible. */
export function voidRecord(db: Db, id: number, reason: string, today: IsoDate): void {
  const row = recordRow(db, id);
  if (row.voided_on) throw invalid(`这条履职记录已于${formatChineseDate(row.voided_on)}作废。`, 'id');
  db.prepare(`UPDATE duty_record SET voided_on = ?, void_reason = ? WHERE id = ?`).run(today, reason, id);
}

export function recordLeader(db: Db, id: number): number {
  return recordRow(db, id).leader_id;
}
