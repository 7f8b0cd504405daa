import type { z } from 'zod';
import { formatChineseDate, type IsoDate } from '../../shared/dates';
import { AppError } from '../../shared/errors';
import {
  attendanceCheck,
  carryOver,
  DEFAULT_MEETING_SETTINGS,
  excellentLimit,
  gradeProblems,
  gradeTally,
  isOverdue,
  MEETING_KIND_LABEL,
  repeatWarnings,
  SPECIAL_TRIGGER_LABEL,
  requiredTalkPairs,
  stepDueDates,
  stepStatuses,
  talkCoverage,
  type Grade,
  type MeetingKind,
  type MeetingSettings,
  type SpecialTrigger,
  type StepKey,
  type StepStatus,
} from '../../shared/meetings/rules';
import type {
  appraisalInput,
  attendanceInput,
  createMeetingInput,
  materialInput,
  MaterialStatus,
  MaterialView,
  MeetingSummary,
  MeetingView,
  opinionInput,
  OpinionView,
  PersonRole,
  PersonView,
  rectificationInput,
  rectificationUpdateInput,
  RectificationView,
  reviewMaterialInput,
  speechInput,
  studyInput,
  StudyView,
  talkInput,
  TalkView,
  updateMeetingInput,
  updateStudyInput,
} from '../../shared/meetings/views';
import type { Db } from '../db/open';
import { settingStore } from '../services/setting-store';
import { defaultDutiesLookup, type DutiesLookup } from './duties-lookup';

type In<S extends z.ZodType> = z.output<S>;

const now = () => new Date().toISOString();

function bad(message: string, field: string): AppError {
  return new AppError({ code: 'INVALID_INPUT', message, detail: `meetings: ${field}`, field });
}
function notFound(message: string): AppError {
  return new AppError({ code: 'NOT_FOUND', message, detail: 'meetings: not found' });
}

/* ---------- settings ---------- */

const settingsStore = settingStore<MeetingSettings>('meeting_setting', DEFAULT_MEETING_SETTINGS);

export function getMeetingSettings(db: Db): MeetingSettings {
  return settingsStore.get(db);
}

export function writeMeetingSettings(db: Db, next: MeetingSettings): MeetingSettings {
  return settingsStore.write(db, next);
}

/* ---------- rows ---------- */

interface MeetingRow {
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

function meetingRow(db: Db, id: number): MeetingRow {
  const row = db.prepare(`SELECT * FROM meeting WHERE id = ?`).get(id) as MeetingRow | undefined;
  if (!row) throw notFound(`找不到编号为 ${id} 的会议`);
  return row;
}

function people(db: Db, meetingId: number): PersonView[] {
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

function personOf(db: Db, meetingId: number, personId: number, field = 'personId'): PersonView {
  const p = people(db, meetingId).find((x) => x.id === personId);
  if (!p) throw bad(`参会人员编号 ${personId} 不在这次会议的名单中`, field);
  return p;
}

/** The meeting before this one for the same body: the team (民主生活会, either kind) or the same branch. */
function previousMeeting(db: Db, m: Pick<MeetingRow, 'id' | 'kind' | 'unit_id' | 'held_on'>): MeetingRow | null {
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

export function createMeeting(db: Db, input: In<typeof createMeetingInput>): number {
  if (input.kind === 'branch' && input.unitId === null) throw bad('组织生活会须选择召开会议的党支部', 'unitId');
  if (input.kind !== 'branch' && input.unitId !== null)
    throw bad(`${MEETING_KIND_LABEL[input.kind]}是领导班子的会议，不选党支部`, 'unitId');
  if (input.unitId !== null) {
    const unit = db.prepare(`SELECT kind FROM org_unit WHERE id = ? AND dissolved_on IS NULL`).get(input.unitId) as
      { kind: string } | undefined;
    if (!unit) throw bad(`党支部编号 ${input.unitId} 不存在或已撤销`, 'unitId');
  }
  if (Number(input.heldOn.slice(0, 4)) !== input.year && Number(input.heldOn.slice(0, 4)) !== input.year + 1)
    throw bad(`会议日期“${input.heldOn}”不在${input.year}年度（可推迟到次年初）`, 'heldOn');
  const names = new Set<string>();
  for (const p of input.people) {
    if (names.has(p.name)) throw bad(`参会人员“${p.name}”重复`, 'people');
    names.add(p.name);
    const teamRole = p.role === 'principal' || p.role === 'member';
    if (teamRole !== (input.kind !== 'branch'))
      throw bad(
        input.kind === 'branch'
          ? `组织生活会的参会人员“${p.name}”应为正式党员或预备党员`
          : `民主生活会的参会人员“${p.name}”应为主要负责人或班子成员`,
        'people',
      );
  }
  if (input.kind !== 'branch' && input.people.filter((p) => p.role === 'principal').length !== 1)
    throw bad('民主生活会须有且只有一名主要负责人', 'people');
  checkSpecialReason(input.kind, input.specialTrigger, input.specialReason);

  const id = Number(
    db
      .prepare(
        `INSERT INTO meeting (kind, year, unit_id, theme, held_on, place, presider, recorder, superior_attendees, special_trigger, special_reason, created_at)
         VALUES (@kind, @year, @unitId, @theme, @heldOn, @place, @presider, @recorder, @superiorAttendees, @specialTrigger, @specialReason, @at)`,
      )
      .run({ ...input, at: now() }).lastInsertRowid,
  );
  const insert = db.prepare(
    `INSERT INTO meeting_person (meeting_id, name, role, title, member_id, division_heads, sort_order) VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  // The principal leader first.
  const ordered = [...input.people].sort((a, b) => Number(b.role === 'principal') - Number(a.role === 'principal'));
  ordered.forEach((p, i) => insert.run(id, p.name, p.role, p.title, p.memberId, JSON.stringify(p.divisionHeads), i));
  carryOpenItems(db, id);
  return id;
}

/** A 专题民主生活会 says why it was called; the others have no such field. */
function checkSpecialReason(kind: MeetingKind, trigger: SpecialTrigger | null, details: string | null): void {
  if (kind === 'special') {
    if (!trigger)
      throw bad(`专题民主生活会须选择召开原因（${Object.values(SPECIAL_TRIGGER_LABEL).join('、')}）`, 'specialTrigger');
    if (trigger === 'other' && !details) throw bad('召开原因为“其他情形”时，请写明具体原因', 'specialReason');
  } else if (trigger || details) {
    throw bad(`${MEETING_KIND_LABEL[kind]}不填召开原因，只有专题民主生活会填写`, 'specialTrigger');
  }
}

/** Who of the meeting's people is present, and why the others are not; ids from elsewhere refused. */
function checkPresence(
  list: PersonView[],
  present: number[],
  absences: { personId: number; reason: string }[],
  field: string,
): Map<number, string> {
  const ids = new Set(list.map((p) => p.id));
  const name = (id: number) => list.find((p) => p.id === id)!.name;
  for (const id of present) if (!ids.has(id)) throw bad(`参会人员编号 ${id} 不在这次会议的名单中`, field);
  if (new Set(present).size !== present.length)
    throw bad(`到会人员“${name(present.find((id, i) => present.indexOf(id) !== i)!)}”重复`, field);
  const reasons = new Map<number, string>();
  for (const a of absences) {
    if (!ids.has(a.personId)) throw bad(`缺席人员编号 ${a.personId} 不在这次会议的名单中`, 'absences');
    if (present.includes(a.personId))
      throw bad(`“${name(a.personId)}”已记为到会，不能同时填写缺席原因“${a.reason}”`, 'absences');
    if (reasons.has(a.personId)) throw bad(`“${name(a.personId)}”的缺席原因填了两次`, 'absences');
    reasons.set(a.personId, a.reason);
  }
  return reasons;
}

/** Open items of the body's previous meeting, carried into this one (once each). */
export function carryOpenItems(db: Db, meetingId: number): number {
  const m = meetingRow(db, meetingId);
  const prev = previousMeeting(db, m);
  if (!prev) return 0;
  const items = rectifications(db, prev.id, m.held_on);
  const already = new Set(
    (
      db
        .prepare(
          `SELECT carried_from_id FROM meeting_rectification WHERE meeting_id = ? AND carried_from_id IS NOT NULL`,
        )
        .all(meetingId) as { carried_from_id: number }[]
    ).map((r) => r.carried_from_id),
  );
  const due = stepDueDates(m.held_on, getMeetingSettings(db)).find((s) => s.key === 'rectification')!.dueOn;
  const carried = carryOver(items, already, due);
  const insert = db.prepare(
    `INSERT INTO meeting_rectification (meeting_id, problem, measures, responsible, deadline, carried_from_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const c of carried)
    insert.run(meetingId, c.problem, c.measures, c.responsible, c.deadline, c.carriedFromId, now());
  return carried.length;
}

export function updateMeeting(db: Db, input: In<typeof updateMeetingInput>, today: IsoDate): void {
  const m = meetingRow(db, input.meetingId);
  const set: Record<string, unknown> = {};
  const map: [keyof typeof input, string][] = [
    ['theme', 'theme'],
    ['heldOn', 'held_on'],
    ['place', 'place'],
    ['presider', 'presider'],
    ['recorder', 'recorder'],
    ['superiorAttendees', 'superior_attendees'],
    ['specialTrigger', 'special_trigger'],
    ['specialReason', 'special_reason'],
    ['planText', 'plan_text'],
    ['planReportedOn', 'plan_reported_on'],
    ['reportText', 'report_text'],
    ['reportSentOn', 'report_sent_on'],
    ['upperComments', 'upper_comments'],
    ['opinionsFedBackOn', 'opinions_fed_back_on'],
  ];
  // Omitted fields stay as they are; null or '' clears one.
  for (const [key, column] of map) {
    const value = (input as Record<string, unknown>)[key];
    if (value !== undefined) set[column] = value === '' ? null : value;
  }
  // Each rule is checked on the meeting as it would be after the change, not on the fields sent.
  const after = { ...m, ...set } as MeetingRow;
  if (set.held_on !== undefined) {
    const year = Number(after.held_on.slice(0, 4));
    if (year !== m.year && year !== m.year + 1)
      throw bad(`会议日期“${after.held_on}”不在${m.year}年度（可推迟到次年初）`, 'heldOn');
  }
  if (set.special_trigger !== undefined || set.special_reason !== undefined)
    checkSpecialReason(m.kind, after.special_trigger, after.special_reason);

  if (input.heldDone !== undefined) after.held_done = input.heldDone ? 1 : 0;
  if (after.held_done && (input.heldDone || set.held_on !== undefined)) {
    if (after.held_on > today)
      throw new AppError({
        code: 'RULE_VIOLATION',
        message: `会议日期${after.held_on}还没到，不能记为已召开`,
        detail: 'held in the future',
        field: input.heldDone ? 'heldDone' : 'heldOn',
      });
  }
  if (input.heldDone) {
    const list = people(db, m.id);
    const check = attendanceCheck(list.length, list.filter((p) => p.present).length);
    if (!check.ok)
      throw new AppError({
        code: 'RULE_VIOLATION',
        message: check.message,
        detail: 'attendance below 2/3',
        field: 'heldDone',
      });
  }
  if (input.heldDone !== undefined) set.held_done = after.held_done;
  if (after.plan_reported_on && after.plan_reported_on > after.held_on)
    throw bad(
      `方案报上级日期“${after.plan_reported_on}”晚于会议日期${set.held_on !== undefined && set.plan_reported_on === undefined ? `“${after.held_on}”` : ''}`,
      set.plan_reported_on !== undefined ? 'planReportedOn' : 'heldOn',
    );
  if (after.report_sent_on && after.report_sent_on < after.held_on)
    throw bad(
      `情况报告报送日期“${after.report_sent_on}”早于会议日期${set.held_on !== undefined && set.report_sent_on === undefined ? `“${after.held_on}”` : ''}`,
      set.report_sent_on !== undefined ? 'reportSentOn' : 'heldOn',
    );
  checkDoneDates(set, after, today);
  if (after.held_on < m.held_on) checkMovedEarlier(db, m, after.held_on);
  if (after.held_on !== m.held_on) followMeetingDate(set, m, after.held_on);
  const keys = Object.keys(set);
  if (keys.length === 0) return;
  db.prepare(`UPDATE meeting SET ${keys.map((k) => `${k} = @${k}`).join(', ')} WHERE id = @id`).run({
    ...set,
    id: m.id,
  });
}

const DONE_DATES: [keyof MeetingRow, string][] = [
  ['plan_reported_on', '方案报上级日期'],
  ['opinions_fed_back_on', '意见反馈日期'],
  ['report_sent_on', '情况报告报送日期'],
];
const FIELD_OF: Record<string, string> = {
  plan_reported_on: 'planReportedOn',
  opinions_fed_back_on: 'opinionsFedBackOn',
  report_sent_on: 'reportSentOn',
};

/**
 * A step recorded as done happened on or before today: a date after it would show the step as
 * 已完成 before it is. Opinions are fed back before the meeting, as the plan is reported.
 */
function checkDoneDates(set: Record<string, unknown>, after: MeetingRow, today: IsoDate): void {
  for (const [column, label] of DONE_DATES) {
    const value = after[column] as IsoDate | null;
    if (set[column] !== undefined && value && value > today)
      throw new AppError({
        code: 'RULE_VIOLATION',
        message: `${label}${formatChineseDate(value)}在今天（${formatChineseDate(today)}）之后：还没有做的事不能记为已完成`,
        detail: `${column} in the future`,
        field: FIELD_OF[column]!,
      });
  }
  if (after.opinions_fed_back_on && after.opinions_fed_back_on > after.held_on)
    throw bad(
      `意见反馈日期${formatChineseDate(after.opinions_fed_back_on)}晚于会议日期${formatChineseDate(after.held_on)}：征求到的意见应在会前反馈给本人`,
      set.opinions_fed_back_on !== undefined ? 'opinionsFedBackOn' : 'heldOn',
    );
}

/** Preparation recorded after the new day would be preparation after the meeting: refused, naming each. */
function checkMovedEarlier(db: Db, m: MeetingRow, heldOn: IsoDate): void {
  const later: string[] = [];
  const talks = db
    .prepare(`SELECT a, b, held_on FROM meeting_talk WHERE meeting_id = ? AND held_on > ? ORDER BY held_on, id`)
    .all(m.id, heldOn) as { a: string; b: string; held_on: IsoDate }[];
  for (const t of talks) later.push(`谈心谈话（${t.a}与${t.b}，${formatChineseDate(t.held_on)}）`);
  const studyDates = db
    .prepare(`SELECT held_on FROM meeting_study WHERE meeting_id = ? AND held_on > ? ORDER BY held_on, id`)
    .all(m.id, heldOn) as { held_on: IsoDate }[];
  for (const st of studyDates) later.push(`学习研讨（${formatChineseDate(st.held_on)}）`);
  if (later.length === 0) return;
  throw new AppError({
    code: 'RULE_VIOLATION',
    message: `会议日期不能改为${formatChineseDate(heldOn)}：${later.slice(0, 5).join('、')}${later.length > 5 ? `等${later.length}项` : ''}记在这一天之后，而会前准备应在会议之前。请先更正这些记录的日期，或选择较晚的会议日期`,
    detail: 'preparation after the new meeting date',
    field: 'heldOn',
  });
}

/**
 * The saved 方案 and 情况报告 were written for the old day: where they state it, they now state
 * the new one, so the binder never prints a date the meeting no longer has. Text sent in the
 * same change is the office's own and is kept as sent.
 */
function followMeetingDate(set: Record<string, unknown>, m: MeetingRow, heldOn: IsoDate): void {
  const follow = (text: string | null) =>
    text === null
      ? null
      : text.replaceAll(formatChineseDate(m.held_on), formatChineseDate(heldOn)).replaceAll(m.held_on, heldOn);
  if (set.plan_text === undefined && m.plan_text !== null && follow(m.plan_text) !== m.plan_text)
    set.plan_text = follow(m.plan_text);
  if (set.report_text === undefined && m.report_text !== null && follow(m.report_text) !== m.report_text)
    set.report_text = follow(m.report_text);
}

/** Preparation (study, talks) is recorded when it has happened, and before the meeting it prepares. */
function checkPreparationDate(m: MeetingRow, on: IsoDate, label: string, today: IsoDate): void {
  if (on > today)
    throw new AppError({
      code: 'RULE_VIOLATION',
      message: `${label}${formatChineseDate(on)}在今天（${formatChineseDate(today)}）之后：还没有发生的事不能记录`,
      detail: 'preparation in the future',
      field: 'heldOn',
    });
  if (on > m.held_on)
    throw new AppError({
      code: 'RULE_VIOLATION',
      message: `${label}${formatChineseDate(on)}晚于会议日期${formatChineseDate(m.held_on)}：这是会前准备，应在会议之前`,
      detail: 'preparation after the meeting',
      field: 'heldOn',
    });
}

export function setAttendance(db: Db, input: In<typeof attendanceInput>): void {
  const m = meetingRow(db, input.meetingId);
  const list = people(db, input.meetingId);
  const reasons = checkPresence(list, input.present, input.absences, 'present');
  // A meeting on record as held had its two thirds; a correction below that would contradict the record.
  const check = attendanceCheck(list.length, input.present.length);
  if (m.held_done && !check.ok)
    throw new AppError({
      code: 'RULE_VIOLATION',
      message: `会议已记为召开，到会人数不能改为：${check.message}`,
      detail: 'held meeting below 2/3',
      field: 'present',
    });
  const present = new Set(input.present);
  const update = db.prepare(`UPDATE meeting_person SET present = ?, absence_reason = ? WHERE id = ?`);
  for (const p of list)
    update.run(present.has(p.id) ? 1 : 0, present.has(p.id) ? null : (reasons.get(p.id) ?? null), p.id);
}

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

function studies(db: Db, meetingId: number, list: PersonView[]): StudyView[] {
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

function materialRow(db: Db, meetingId: number, personId: number | null) {
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

export function saveAppraisal(db: Db, input: In<typeof appraisalInput>): void {
  const m = meetingRow(db, input.meetingId);
  if (m.kind !== 'branch') throw bad('民主评议党员只在组织生活会中进行', 'meetingId');
  const p = personOf(db, input.meetingId, input.personId);
  if (p.role === 'probationary' && input.grade) throw bad(`${p.name}是预备党员，参加评议但不评定等次`, 'grade');
  const current = appraisals(db, m.id).map((a) => (a.personId === p.id ? { ...a, grade: input.grade } : a));
  const problems = gradeProblems(current);
  if (problems.length)
    throw new AppError({ code: 'RULE_VIOLATION', message: problems[0]!, detail: 'grades', field: 'grade' });
  db.prepare(
    `INSERT INTO meeting_appraisal (meeting_id, person_id, self_appraisal, peer_appraisal, grade) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (person_id) DO UPDATE SET self_appraisal = excluded.self_appraisal, peer_appraisal = excluded.peer_appraisal, grade = excluded.grade`,
  ).run(m.id, p.id, input.selfAppraisal, input.peerAppraisal, input.grade);
}

function appraisals(db: Db, meetingId: number) {
  const rows = new Map(
    (
      db.prepare(`SELECT * FROM meeting_appraisal WHERE meeting_id = ?`).all(meetingId) as {
        person_id: number;
        self_appraisal: string | null;
        peer_appraisal: string | null;
        grade: Grade | null;
      }[]
    ).map((r) => [r.person_id, r]),
  );
  return people(db, meetingId).map((p) => ({
    personId: p.id,
    name: p.name,
    probationary: p.role === 'probationary',
    selfAppraisal: rows.get(p.id)?.self_appraisal ?? null,
    peerAppraisal: rows.get(p.id)?.peer_appraisal ?? null,
    grade: rows.get(p.id)?.grade ?? null,
  }));
}

function rectifications(db: Db, meetingId: number, today: IsoDate): RectificationView[] {
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

function opinions(db: Db, meetingId: number): OpinionView[] {
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

function talks(db: Db, m: MeetingRow, lookup: DutiesLookup): TalkView[] {
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

/** Problems stated in this body's earlier meetings (materials and rectification items). */
function earlierProblems(db: Db, m: MeetingRow, ownerName: string | null): { year: number; text: string }[] {
  const sameBody =
    m.kind === 'branch' ? `mt.kind = 'branch' AND mt.unit_id = @unit` : `mt.kind IN ('democratic', 'special')`;
  const rows = db
    .prepare(
      `SELECT mt.year, mm.problems FROM meeting_material mm JOIN meeting mt ON mt.id = mm.meeting_id
         LEFT JOIN meeting_person p ON p.id = mm.person_id
        WHERE ${sameBody} AND mt.held_on < @held AND (p.name IS @owner)`,
    )
    .all({ unit: m.unit_id, held: m.held_on, owner: ownerName }) as { year: number; problems: string }[];
  return rows.flatMap((r) =>
    (JSON.parse(r.problems) as { text: string }[]).map((p) => ({ year: r.year, text: p.text })),
  );
}

export function meetingView(
  db: Db,
  id: number,
  today: IsoDate,
  lookup: DutiesLookup = defaultDutiesLookup,
): MeetingView {
  const m = meetingRow(db, id);
  const settings = getMeetingSettings(db);
  const list = people(db, id);
  const studyList = studies(db, id, list);
  const ops = opinions(db, id);
  const talkList = talks(db, m, lookup);
  const team =
    m.kind === 'branch'
      ? []
      : list.map((p) => ({ name: p.name, principal: p.role === 'principal', divisionHeads: p.divisionHeads }));
  const pairs =
    m.kind === 'branch'
      ? requiredTalkPairs(
          list.map((p) => ({ name: p.name, principal: false, divisionHeads: [] })),
          { principalWithEach: false, membersWithEach: true, memberWithDivisionHeads: false },
        )
      : requiredTalkPairs(team, settings.pairings);
  const coverage = talkCoverage(pairs, talkList, m.held_on);

  const prev = previousMeeting(db, m);
  const prevItems = prev ? rectifications(db, prev.id, today) : [];
  // Before the meeting, as the 一岗双责 screens see it today; afterwards, as it stood on the
  // meeting day, so the materials and the binder keep showing what the speakers had before them.
  const dutiesAsOf = today < m.held_on ? today : m.held_on;
  const owners: (PersonView | null)[] = m.kind === 'branch' ? list : [null, ...list];
  const materials: MaterialView[] = owners.map((owner) => {
    const row = materialRow(db, id, owner?.id ?? null);
    const earlier = earlierProblems(db, m, owner?.name ?? null);
    const problems = row ? (JSON.parse(row.problems) as { theme: string; text: string }[]) : [];
    return {
      personId: owner?.id ?? null,
      owner: owner ? owner.name : '领导班子',
      problems: problems.map((p) => ({ ...p, repeats: repeatWarnings(p.text, earlier, settings.repeatThreshold) })),
      causes: row?.causes ?? null,
      measures: row?.measures ?? null,
      status: row?.status ?? 'draft',
      reviewedBy: row?.reviewed_by ?? null,
      reviewedOn: row?.reviewed_on ?? null,
      opinions: ops.filter((o) => (owner ? o.concerns.includes(owner.id) : o.concerns.length === 0)),
      lastYearItems: prevItems
        .filter((r) => (owner ? r.responsible === owner.name : true))
        .map((r) => ({ problem: r.problem, closedOn: r.closedOn })),
      unmetDuties: owner ? lookup.unmetItems(db, m.year, owner.name, dutiesAsOf) : [],
    };
  });
  const speeches = (
    db
      .prepare(
        `SELECT s.*, p.name FROM meeting_speech s JOIN meeting_person p ON p.id = s.person_id WHERE s.meeting_id = ? ORDER BY s.sort_order, s.id`,
      )
      .all(id) as {
      person_id: number;
      name: string;
      sort_order: number;
      self_criticism: string | null;
      criticisms: string;
      response: string | null;
    }[]
  ).map((s) => ({
    personId: s.person_id,
    name: s.name,
    order: s.sort_order,
    selfCriticism: s.self_criticism,
    criticisms: (JSON.parse(s.criticisms) as { fromPersonId: number; text: string }[]).map((c) => ({
      ...c,
      fromName: list.find((p) => p.id === c.fromPersonId)?.name ?? '',
    })),
    response: s.response,
  }));
  const rect = rectifications(db, id, today);
  const materialsDone = materials.every((x) => x.status === 'final')
    ? (materials
        .map((x) => x.reviewedOn)
        .sort()
        .at(-1) ?? null)
    : null;
  const done: Partial<Record<StepKey, IsoDate | null>> = {
    plan: m.plan_reported_on,
    study: studyList.at(-1)?.heldOn ?? null,
    opinions: ops.length ? m.opinions_fed_back_on : null,
    talks:
      coverage.missing === 0 && coverage.pairs.length
        ? coverage.pairs
            .map((p) => p.heldOn!)
            .sort()
            .at(-1)!
        : null,
    materials: materialsDone,
    meeting: m.held_done ? m.held_on : null,
    report: m.report_sent_on,
    rectification: rect.some((r) => !r.carriedFrom) ? m.held_on : null,
  };
  const steps = stepStatuses(stepDueDates(m.held_on, settings), done, today);
  const appraisalRows = m.kind === 'branch' ? appraisals(db, id) : null;
  return {
    ...summaryOf(db, m, steps, rect.filter((r) => !r.closedOn).length),
    unitId: m.unit_id,
    place: m.place,
    presider: m.presider,
    recorder: m.recorder,
    superiorAttendees: m.superior_attendees,
    specialTrigger: m.special_trigger,
    specialReason: m.special_reason,
    planText: m.plan_text,
    planReportedOn: m.plan_reported_on,
    reportText: m.report_text,
    reportSentOn: m.report_sent_on,
    upperComments: m.upper_comments,
    opinionsFedBackOn: m.opinions_fed_back_on,
    heldDone: m.held_done === 1,
    steps,
    people: list,
    attendance: attendanceCheck(list.length, list.filter((p) => p.present).length),
    studies: studyList,
    opinions: ops,
    talks: talkList,
    talkPairs: coverage.pairs,
    talksMissing: coverage.missing,
    materials,
    speeches,
    rectification: rect,
    appraisal: appraisalRows
      ? {
          rows: appraisalRows,
          excellentLimit: excellentLimit(appraisalRows.filter((r) => !r.probationary).length),
          problems: gradeProblems(appraisalRows),
          tally: gradeTally(appraisalRows),
        }
      : null,
  };
}

function summaryOf(db: Db, m: MeetingRow, steps: StepStatus[], openItems: number): MeetingSummary {
  const lateSteps = steps.filter((s) => s.state === 'late').length;
  const stepsDone = steps.filter((s) => s.state === 'done' || s.state === 'doneLate').length;
  const unitName =
    m.unit_id === null
      ? null
      : ((db.prepare(`SELECT name FROM org_unit WHERE id = ?`).get(m.unit_id) as { name: string } | undefined)?.name ??
        null);
  return {
    id: m.id,
    kind: m.kind,
    year: m.year,
    theme: m.theme,
    heldOn: m.held_on,
    unitName,
    lateSteps,
    stepsDone,
    stepsTotal: steps.length,
    openItems,
  };
}

export function listMeetingIds(db: Db): number[] {
  return (db.prepare(`SELECT id FROM meeting ORDER BY year DESC, held_on DESC, id DESC`).all() as { id: number }[]).map(
    (r) => r.id,
  );
}

export function listMeetings(db: Db, today: IsoDate, lookup: DutiesLookup = defaultDutiesLookup): MeetingSummary[] {
  return listMeetingIds(db).map((id) => {
    const v = meetingView(db, id, today, lookup);
    return {
      id: v.id,
      kind: v.kind,
      year: v.year,
      theme: v.theme,
      heldOn: v.heldOn,
      unitName: v.unitName,
      lateSteps: v.lateSteps,
      stepsDone: v.stepsDone,
      stepsTotal: v.stepsTotal,
      openItems: v.openItems,
    };
  });
}
