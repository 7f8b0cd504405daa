import type { z } from 'zod';
import { addYears, formatChineseDate, type IsoDate } from '../../shared/dates';
import {
  categoryOrder,
  DUTY_LIBRARY,
  leadershipMeetingOf,
  libraryFor,
  libraryRule,
  type DutyKind,
} from '../../shared/duties/library';
import { describeRule, evaluateItem, type DutyRule, type Period } from '../../shared/duties/rules';
import type { DutySettings } from '../../shared/duties/settings';
import type { addItemInput, ItemView } from '../../shared/duties/views';
import type { Db } from '../db/open';
import { conflict, distinct, invalid, notFound, now, parseList } from './common';
import { leaderRow, sameLeaderIn, type LeaderRow } from './leaders';
import { defaultMeetingsLookup, type MeetingsLookup } from './meetings-lookup';
import { MEETING_KIND_LABEL } from '../../shared/meetings/rules';

/* 责任清单: a person's or the team's items for a year, and where each stands. */

export interface ItemRow {
  id: number;
  year: number;
  leader_id: number | null;
  category: string;
  content: string;
  measures: string | null;
  rule_kind: DutyRule['kind'];
  per: Period | null;
  times: number | null;
  due_on: IsoDate | null;
  evidence: string;
  record_kinds: string;
  origin: string | null;
  sort_order: number;
}

export type ItemFields = Omit<z.output<typeof addItemInput>, 'year' | 'leaderId'>;

export function ruleOf(row: Pick<ItemRow, 'rule_kind' | 'per' | 'times' | 'due_on'>): DutyRule {
  if (row.rule_kind === 'periodic') return { kind: 'periodic', per: row.per!, times: row.times! };
  if (row.rule_kind === 'deadline') return { kind: 'deadline', dueOn: row.due_on! };
  return { kind: 'ongoing' };
}

function ruleColumns(rule: DutyRule) {
  return {
    rule_kind: rule.kind,
    per: rule.kind === 'periodic' ? rule.per : null,
    times: rule.kind === 'periodic' ? rule.times : null,
    due_on: rule.kind === 'deadline' ? rule.dueOn : null,
  };
}

export function itemRow(db: Db, id: number): ItemRow {
  const row = db.prepare(`SELECT * FROM duty_item WHERE id = ?`).get(id) as ItemRow | undefined;
  if (!row) throw notFound(`找不到编号为 ${id} 的责任事项。`, `duty_item ${id}`, 'id');
  return row;
}

/** Lists print in the usual category order, then as entered. */
const ITEM_ORDER = `sort_order, id`;
export function sortItems<T extends { category: string; sortOrder: number; id: number }>(items: T[]): T[] {
  return [...items].sort(
    (a, b) =>
      categoryOrder(a.category) - categoryOrder(b.category) ||
      a.category.localeCompare(b.category, 'zh-CN') ||
      a.sortOrder - b.sortOrder ||
      a.id - b.id,
  );
}

export interface ProgressContext {
  asOf: IsoDate;
  settings: DutySettings;
  /** Where held 民主生活会 come from; the 生活会 module unless a test stands in. */
  meetings?: MeetingsLookup;
}

/**
 * The items of one owner (a person, or the team when leaderId is null) with their progress,
 * counting the live records linked to each.
 */
export function itemViews(db: Db, rows: ItemRow[], ctx: ProgressContext): ItemView[] {
  if (rows.length === 0) return [];
  const links = db
    .prepare(
      `SELECT ri.item_id, r.id, r.occurred_on, l.name FROM duty_record_item ri
         JOIN duty_record r ON r.id = ri.record_id AND r.voided_on IS NULL
         JOIN duty_leader l ON l.id = r.leader_id
        WHERE ri.item_id IN (SELECT value FROM json_each(?))
        ORDER BY r.occurred_on DESC, r.id DESC`,
    )
    .all(JSON.stringify(rows.map((r) => r.id))) as {
    item_id: number;
    id: number;
    occurred_on: IsoDate;
    name: string;
  }[];
  const byItem = new Map<number, { id: number; occurredOn: IsoDate; leaderName: string }[]>();
  for (const l of links)
    byItem.set(l.item_id, [
      ...(byItem.get(l.item_id) ?? []),
      { id: l.id, occurredOn: l.occurred_on, leaderName: l.name },
    ]);
  // A held 民主生活会 completes the items about one, as a record would (issue 16: both modules
  // answer "was it held?" the same way).
  const held = new Map<number, ReturnType<MeetingsLookup['heldLeadershipMeetings']>>();
  const heldIn = (year: number) => {
    if (!held.has(year)) held.set(year, (ctx.meetings ?? defaultMeetingsLookup).heldLeadershipMeetings(db, year));
    return held.get(year)!;
  };
  const meetingsFor = (r: ItemRow, leaderName: string | null) => {
    const kind = leadershipMeetingOf(r.content);
    if (!kind) return [];
    return heldIn(r.year)
      .filter((m) => m.kind === kind && (leaderName === null || m.present.includes(leaderName)))
      .map((m) => ({ id: m.id, heldOn: m.heldOn, name: `${m.year}年度${MEETING_KIND_LABEL[m.kind]}` }));
  };
  const spans = new Map<number, Pick<LeaderRow, 'started_on' | 'left_on' | 'name'>>();
  const span = (leaderId: number | null) => {
    if (leaderId === null) return { started_on: null, left_on: null, name: null };
    if (!spans.has(leaderId)) spans.set(leaderId, leaderRow(db, leaderId));
    return spans.get(leaderId)!;
  };
  return sortItems(
    rows.map((r) => {
      const rule = ruleOf(r);
      const records = byItem.get(r.id) ?? [];
      const { started_on, left_on, name } = span(r.leader_id);
      const meetings = meetingsFor(r, name);
      return {
        id: r.id,
        year: r.year,
        leaderId: r.leader_id,
        category: r.category,
        content: r.content,
        measures: r.measures,
        rule,
        requirement: describeRule(rule),
        evidence: parseList(r.evidence),
        recordKinds: parseList(r.record_kinds) as DutyKind[],
        origin: r.origin,
        sortOrder: r.sort_order,
        records,
        meetings,
        progress: evaluateItem(rule, r.year, [...records.map((x) => x.occurredOn), ...meetings.map((m) => m.heldOn)], {
          asOf: ctx.asOf,
          activeFrom: started_on,
          activeTo: left_on,
          warningDays: ctx.settings.warningDays,
          yearWarningDays: ctx.settings.yearWarningDays,
        }),
      };
    }),
  );
}

export function itemRowsOf(db: Db, year: number, leaderId: number | null): ItemRow[] {
  return (
    leaderId === null
      ? db.prepare(`SELECT * FROM duty_item WHERE year = ? AND leader_id IS NULL ORDER BY ${ITEM_ORDER}`).all(year)
      : db
          .prepare(`SELECT * FROM duty_item WHERE year = ? AND leader_id = ? ORDER BY ${ITEM_ORDER}`)
          .all(year, leaderId)
  ) as ItemRow[];
}

export function listItems(db: Db, year: number, leaderId: number | null, ctx: ProgressContext): ItemView[] {
  return itemViews(db, itemRowsOf(db, year, leaderId), ctx);
}

function ownerYear(db: Db, year: number, leaderId: number | null): void {
  if (leaderId === null) return;
  const leader = leaderRow(db, leaderId);
  if (leader.year !== year)
    throw invalid(`“${leader.name}”是${leader.year}年度的班子成员，不能为其添加${year}年度的责任事项。`, 'leaderId');
}

function checkRule(rule: DutyRule, year: number): void {
  if (rule.kind === 'deadline' && Number(rule.dueOn.slice(0, 4)) !== year) {
    throw invalid(
      `完成时限“${formatChineseDate(rule.dueOn)}”不在${year}年度内。每年的责任清单只列本年内完成的事项。`,
      'rule',
    );
  }
}

function nextSortOrder(db: Db, year: number, leaderId: number | null): number {
  const row = (
    leaderId === null
      ? db.prepare(`SELECT max(sort_order) AS m FROM duty_item WHERE year = ? AND leader_id IS NULL`).get(year)
      : db.prepare(`SELECT max(sort_order) AS m FROM duty_item WHERE year = ? AND leader_id = ?`).get(year, leaderId)
  ) as { m: number | null };
  return (row.m ?? 0) + 1;
}

function insertItem(db: Db, year: number, leaderId: number | null, fields: ItemFields, origin: string | null): number {
  const rule = ruleColumns(fields.rule);
  return Number(
    db
      .prepare(
        `INSERT INTO duty_item (year, leader_id, category, content, measures, rule_kind, per, times, due_on, evidence, record_kinds, origin, sort_order, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        year,
        leaderId,
        fields.category,
        fields.content,
        fields.measures,
        rule.rule_kind,
        rule.per,
        rule.times,
        rule.due_on,
        JSON.stringify(distinct(fields.evidence)),
        JSON.stringify(distinct(fields.recordKinds)),
        origin,
        nextSortOrder(db, year, leaderId),
        now(),
      ).lastInsertRowid,
  );
}

export function addItem(db: Db, year: number, leaderId: number | null, fields: ItemFields): number {
  ownerYear(db, year, leaderId);
  checkRule(fields.rule, year);
  return insertItem(db, year, leaderId, fields, null);
}

export function updateItem(db: Db, id: number, fields: ItemFields): void {
  const row = itemRow(db, id);
  checkRule(fields.rule, row.year);
  const rule = ruleColumns(fields.rule);
  db.prepare(
    `UPDATE duty_item SET category = ?, content = ?, measures = ?, rule_kind = ?, per = ?, times = ?, due_on = ?, evidence = ?, record_kinds = ? WHERE id = ?`,
  ).run(
    fields.category,
    fields.content,
    fields.measures,
    rule.rule_kind,
    rule.per,
    rule.times,
    rule.due_on,
    JSON.stringify(distinct(fields.evidence)),
    JSON.stringify(distinct(fields.recordKinds)),
    id,
  );
}

/** An item entered by mistake; one that live records fulfil stays (edit it instead). */
export function removeItem(db: Db, id: number): void {
  const row = itemRow(db, id);
  const live = (
    db
      .prepare(
        `SELECT count(*) AS n FROM duty_record_item ri JOIN duty_record r ON r.id = ri.record_id WHERE ri.item_id = ? AND r.voided_on IS NULL`,
      )
      .get(id) as { n: number }
  ).n;
  if (live > 0) {
    throw conflict(
      `责任事项“${row.content}”已有 ${live} 条履职纪实对应，不能删除；可以修改它的内容或要求。`,
      `duty_item ${id} has ${live} records`,
    );
  }
  db.transaction(() => {
    db.prepare(`DELETE FROM duty_record_item WHERE item_id = ?`).run(id);
    db.prepare(`DELETE FROM duty_item WHERE id = ?`).run(id);
  })();
}

/** Adds library items to a list; an item already taken from the same library entry is skipped. */
export function addFromLibrary(
  db: Db,
  year: number,
  leaderId: number | null,
  keys: string[],
): { added: number; skipped: number } {
  ownerYear(db, year, leaderId);
  const entries = distinct(keys).map((key) => {
    const entry = DUTY_LIBRARY.find((e) => e.key === key);
    if (!entry) throw invalid(`事项库中没有“${key}”。`, 'keys');
    return entry;
  });
  const existing = new Set(itemRowsOf(db, year, leaderId).map((r) => r.origin));
  let added = 0;
  db.transaction(() => {
    for (const entry of entries) {
      if (existing.has(entry.key)) continue;
      insertItem(
        db,
        year,
        leaderId,
        {
          category: entry.category,
          content: entry.content,
          measures: entry.measures,
          rule: libraryRule(entry, year),
          evidence: entry.evidence,
          recordKinds: entry.recordKinds,
        },
        entry.key,
      );
      added++;
    }
  })();
  return { added, skipped: entries.length - added };
}

/** The library a list starts from, by the owner's role. */
export function libraryOwnerOf(db: Db, leaderId: number | null) {
  return libraryFor(leaderId === null ? null : leaderRow(db, leaderId).role);
}

/** A deadline one year on (29 February becomes 28 February). */
function shiftRule(rule: DutyRule, years: number): DutyRule {
  return rule.kind === 'deadline' ? { kind: 'deadline', dueOn: addYears(rule.dueOn, years) } : rule;
}

/** Copies rows into another year and owner, skipping items whose content is already there. */
export function copyItemRows(
  db: Db,
  rows: ItemRow[],
  year: number,
  leaderId: number | null,
): { added: number; skipped: number } {
  const have = new Set(itemRowsOf(db, year, leaderId).map((r) => r.content));
  let added = 0;
  for (const r of rows) {
    if (have.has(r.content)) continue;
    insertItem(
      db,
      year,
      leaderId,
      {
        category: r.category,
        content: r.content,
        measures: r.measures,
        rule: shiftRule(ruleOf(r), year - r.year),
        evidence: parseList(r.evidence),
        recordKinds: parseList(r.record_kinds) as DutyKind[],
      },
      r.origin,
    );
    have.add(r.content);
    added++;
  }
  return { added, skipped: rows.length - added };
}

/** 复制上年清单: the same person's (or the team's) list of the year before. */
export function copyLastYear(
  db: Db,
  year: number,
  leaderId: number | null,
): { added: number; skipped: number; from: number | null } {
  ownerYear(db, year, leaderId);
  let source: ItemRow[];
  let from: number | null = null;
  if (leaderId === null) {
    source = itemRowsOf(db, year - 1, null);
    if (source.length === 0) throw invalid(`${year - 1}年度没有领导班子责任清单可以复制。`, 'year');
  } else {
    const leader = leaderRow(db, leaderId);
    const previous = sameLeaderIn(db, leader, year - 1);
    if (!previous)
      throw invalid(
        `${year - 1}年度的班子中没有“${leader.name}”，没有上年清单可以复制。可以从事项库添加。`,
        'leaderId',
      );
    source = itemRowsOf(db, year - 1, previous.id);
    if (source.length === 0) throw invalid(`“${leader.name}”${year - 1}年度的责任清单是空的。`, 'leaderId');
    from = previous.id;
  }
  return { ...db.transaction(() => copyItemRows(db, source, year, leaderId))(), from };
}
