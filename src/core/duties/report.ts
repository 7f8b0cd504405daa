import { localToday, type IsoDate } from '../../shared/dates';
import { DUTY_KIND_LABEL, DUTY_KINDS, isTalk } from '../../shared/duties/library';
import { teamNameOf, type DutySettings } from '../../shared/duties/settings';
import type { ItemView, LeaderView, RecordView, ReportView, UnmetItem } from '../../shared/duties/views';
import type { Db } from '../db/open';
import type { Block, HeadingLevel, NarrativeDocument } from '../documents/model';
import { headingLabel } from '../documents/numbering';
import { now } from './common';
import { byCategory } from './letters';

/*
 * 述责述廉: a draft per person made from the year's records — what was done against each item,
 * with counts and dates — which the person edits and the office prints or saves as Word.
 *
 * The text is plain lines in the office's own numbering: "一、" starts a part, "（一）" a
 * section, "1." and "（1）" points (with the text after the first "。" running on). The
 * printed document numbers them again, so inserting a part never leaves the numbers wrong.
 */

export interface ReportRow {
  body: string;
  updated_at: string;
}

export function savedReport(db: Db, leaderId: number): ReportRow | null {
  return (
    (db.prepare(`SELECT body, updated_at FROM duty_report WHERE leader_id = ?`).get(leaderId) as
      ReportRow | undefined) ?? null
  );
}

/** Saves the edited text; an empty text goes back to the generated draft. */
export function saveReport(db: Db, leaderId: number, text: string): void {
  const body = text.replace(/\r\n?/g, '\n').trim();
  if (!body) {
    db.prepare(`DELETE FROM duty_report WHERE leader_id = ?`).run(leaderId);
    return;
  }
  const at = now();
  db.prepare(
    `INSERT INTO duty_report (leader_id, body, updated_at, created_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (leader_id) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at WHERE body IS NOT excluded.body`,
  ).run(leaderId, body, at, at);
}

const shortDate = (date: IsoDate) => `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;
const stop = (text: string) => (/[。！？；]$/.test(text) ? text : `${text}。`);
const MAX_LISTED = 12;

export interface ReportData {
  leader: LeaderView;
  items: ItemView[];
  records: RecordView[];
  unmet: UnmetItem[];
  asOf: IsoDate;
}

function itemLine(item: ItemView, records: Map<number, RecordView>): string {
  // Records, and the 民主生活会 held (recorded in the 生活会 module), by date.
  const done = [
    ...item.records
      .map((r) => records.get(r.id))
      .filter((r): r is RecordView => r !== undefined)
      .map((r) => ({ on: r.occurredOn, what: r.subject })),
    ...item.meetings.map((m) => ({ on: m.heldOn, what: `召开${m.name}` })),
  ].sort((a, b) => a.on.localeCompare(b.on));
  const listed = done.slice(0, MAX_LISTED).map((r) => `${shortDate(r.on)}${r.what}`);
  const more = done.length > MAX_LISTED ? `等` : '';
  let text: string;
  if (done.length === 0) text = `${item.requirement}，本年度未记录履职情况。`;
  else if (item.rule.kind === 'deadline')
    text = `${item.requirement}，${item.progress.summary}：${listed.join('；')}${more}。`;
  else text = `${item.requirement}，全年完成${done.length}次：${listed.join('；')}${more}。`;
  const missed = item.progress.missed.map((p) => p.label);
  if (done.length > 0 && missed.length && item.rule.kind === 'periodic') text += `其中${missed.join('、')}未完成。`;
  return `${stop(item.content)}${text}`;
}

/** The draft from the year's records. */
export function reportDraft(data: ReportData): string {
  const { leader, items, records } = data;
  const live = records.filter((r) => !r.voidedOn);
  const byId = new Map(live.map((r) => [r.id, r]));
  const lines: string[] = [];
  lines.push(
    `按照全面从严治党主体责任和党风廉政建设责任制的要求，现将本人${leader.year}年度履行“一岗双责”、落实责任清单和廉洁自律情况报告如下。`,
  );

  lines.push('一、落实责任清单情况');
  if (items.length === 0) lines.push('本年度未建立个人责任清单。');
  byCategory(items).forEach(([category, group], c) => {
    lines.push(`${headingLabel(2, c + 1)}${category}`);
    group.forEach((item, i) => lines.push(`${i + 1}.${itemLine(item, byId)}`));
  });

  lines.push('二、履职纪实情况');
  if (live.length === 0) {
    lines.push('本年度未记录履职纪实。');
  } else {
    const counts = DUTY_KINDS.map((k) => [k, live.filter((r) => r.kind === k).length] as const).filter(
      ([, n]) => n > 0,
    );
    lines.push(
      `全年共记录履职${live.length}次，其中${counts.map(([k, n]) => `${DUTY_KIND_LABEL[k].replace(' / ', '、')}${n}次`).join('，')}。`,
    );
    const talks = live.filter((r) => isTalk(r.kind));
    if (talks.length) {
      const names = [...new Set(talks.flatMap((r) => r.counterparts.map((c) => c.name)))];
      lines.push(`开展谈心谈话和廉政约谈、提醒谈话${talks.length}次，谈话对象：${names.join('、')}。`);
    }
    const files = live.reduce((n, r) => n + r.evidence.length, 0);
    if (files) lines.push(`以上履职均已记入履职纪实，留存佐证材料${files}份。`);
  }

  lines.push('三、存在的不足');
  if (data.unmet.length === 0) {
    lines.push('对照责任清单，各项责任事项均已按要求完成。（请结合实际补充存在的不足。）');
  } else {
    data.unmet.forEach((u, i) => lines.push(`${i + 1}.${stop(u.content)}${u.summary}。`));
    lines.push('（请结合实际分析原因。）');
  }
  lines.push('四、下一步打算');
  lines.push('（请结合本人分管工作填写。）');
  lines.push('五、廉洁自律情况');
  lines.push('（请本人如实填写遵守中央八项规定精神、廉洁自律规定等情况。）');
  return lines.join('\n');
}

const CN = '[一二三四五六七八九十百]+';

/** One line of text → one block: numbered lines become headings (renumbered when printed). */
export function lineBlock(line: string): Block {
  const patterns: [RegExp, HeadingLevel][] = [
    [new RegExp(`^${CN}、\\s*(.+)$`), 1],
    [new RegExp(`^[（(]${CN}[）)]\\s*(.+)$`), 2],
    [/^\d{1,3}[.．、](?!\d)\s*(.+)$/, 3],
    [/^[（(]\d{1,3}[）)]\s*(.+)$/, 4],
  ];
  for (const [pattern, level] of patterns) {
    const match = pattern.exec(line);
    if (!match) continue;
    const text = match[1]!.trim();
    // "（一）加强学习。正文……": the heading runs on into its text.
    const cut = text.indexOf('。');
    if (level > 1 && cut >= 0 && cut < text.length - 1)
      return { type: 'heading', level, text: text.slice(0, cut + 1), body: text.slice(cut + 1) };
    return { type: 'heading', level, text };
  }
  return { type: 'paragraph', text: line };
}

export function reportBlocks(text: string): Block[] {
  return text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map(lineBlock);
}

export function reportView(data: ReportData, saved: ReportRow | null): ReportView {
  return {
    leaderId: data.leader.id,
    saved: saved?.body ?? null,
    updatedAt: saved?.updated_at ?? null,
    draft: reportDraft(data),
    unmet: data.unmet,
  };
}

export function reportDocument(
  data: ReportData,
  saved: ReportRow | null,
  settings: DutySettings,
  organName: string,
): NarrativeDocument {
  const { leader } = data;
  const text = saved?.body ?? reportDraft(data);
  const dated = saved ? localToday(new Date(saved.updated_at)) : data.asOf;
  return {
    kind: 'narrative',
    title: `${leader.year}年度述责述廉报告`,
    subtitle: `（${leader.title ? `${leader.title}　` : ''}${leader.name}）`,
    blocks: [...reportBlocks(text), { type: 'signature', organ: leader.name, date: dated }],
    author: teamNameOf(settings, organName),
  };
}
