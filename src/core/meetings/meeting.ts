import { formatChineseDate, type IsoDate } from '../../shared/dates';
import { AppError } from '../../shared/errors';
import {
  attendanceCheck,
  carryOver,
  MEETING_KIND_LABEL,
  SPECIAL_TRIGGER_LABEL,
  stepDueDates,
  type MeetingKind,
  type SpecialTrigger,
} from '../../shared/meetings/rules';
import type { attendanceInput, createMeetingInput, PersonView, updateMeetingInput } from '../../shared/meetings/views';
import type { Db } from '../db/open';
import { type In, type MeetingRow, bad, meetingRow, now, people, previousMeeting } from './meeting-rows';
import { getMeetingSettings } from './meeting-settings';
import { rectifications } from './rectification';

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
export function checkPresence(
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
export function checkPreparationDate(m: MeetingRow, on: IsoDate, label: string, today: IsoDate): void {
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
