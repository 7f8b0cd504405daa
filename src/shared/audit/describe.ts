import type { AuditEntry } from '../contract';
import { ruleSetLabel } from '../dues/compute';
import { yuan } from '../dues/money';
import { formatMonth } from '../dues/months';
import { MEETING_KIND_LABEL, type MeetingKind } from '../meetings/rules';
import { COLUMN_LABEL } from './labels';
import { isSettingsTable, settingName } from './settings';
import { shownValue } from './values';

export { ACTION_LABEL, ENTITY_LABEL } from './labels';

type Row = Record<string, unknown>;

function text(value: unknown): string {
  return value === null || value === undefined ? '' : String(value);
}

/** "94.50 元", or nothing when the row holds no amount (a term that could not be computed). */
function money(value: unknown): string {
  return typeof value === 'number' ? yuan(value) : '';
}

/*
 * Dues rows name their member only by id. The log's reader looks the names up (AuditEntry's
 * memberName); without one, what the row itself holds — month, amount — still says which it is.
 */
function whose(entry: AuditEntry): string {
  return entry.memberName ? `${entry.memberName} ` : '';
}

const SUBJECT: Record<string, (row: Row, entry: AuditEntry) => string> = {
  committee_post: (row) => `${shownValue('committee_post', 'post', row.post)} ${text(row.holder_name)}`,
  member_event: (row, entry) =>
    `${whose(entry)}${shownValue('member_event', 'kind', row.kind)}（${shownValue('member_event', 'occurred_on', row.occurred_on)}）`,
  dues_year: (row) => `${text(row.year)}年度党费核定`,
  dues_assessment: (row, entry) => {
    const amount = money(row.amount_fen);
    const terms = `${shownValue('dues_assessment', 'category', row.category)}${amount ? `，每月 ${amount}` : ''}`;
    // The original terms run from January; an adjustment (with its reason) from a month on.
    const when =
      row.reason === null || row.reason === undefined
        ? `${text(row.year)}年度核定`
        : `${formatMonth(text(row.effective_from))}起调整`;
    return `${whose(entry)}${when}（${terms}）`;
  },
  dues_payment: (row, entry) => `${whose(entry)}${formatMonth(text(row.month))}党费 实交 ${money(row.paid_fen)}`,
  dues_voluntary: (row, entry) =>
    `${whose(entry)}${row.large ? '大额党费' : '自愿多交党费'} ${money(row.amount_fen)}（${shownValue('dues_voluntary', 'paid_on', row.paid_on)}）`,
  dues_fund: (row) =>
    `${shownValue('dues_fund', 'kind', row.kind)} ${money(row.amount_fen)}（${shownValue('dues_fund', 'on_date', row.on_date)}）`,
  dues_arrears_case: (row, entry) => `${whose(entry)}自${formatMonth(text(row.streak_from))}起欠交党费的处理`,
  dues_opening: (row, entry) =>
    row.member_id === null || row.member_id === undefined
      ? `党费启用月份（此前党费已交至${formatMonth(text(row.paid_to))}）`
      : `${whose(entry)}启用时党费已交至${formatMonth(text(row.paid_to))}`,
  dues_rule_set: (row) => ruleSetLabel({ name: text(row.name), effectiveFrom: text(row.effective_from) }),
  duty_record: (row) =>
    `${shownValue('duty_record', 'kind', row.kind)}（${shownValue('duty_record', 'occurred_on', row.occurred_on)}）${text(row.subject)}`,
  duty_item: (row) => text(row.content),
  duty_evidence: (row) => `${text(row.file_name)}（SHA-256 ${text(row.sha256).slice(0, 12)}…）`,
  duty_letter: (row) => `责任书签订（${shownValue('duty_letter', 'signed_on', row.signed_on)}）`,
  duty_report: () => '述责述廉报告',
  // These rows join two others by id; the 对象 column already says which link it is.
  duty_leader_branch: () => '班子成员分管（联系）的党支部',
  duty_record_item: () => '履职纪实对应的责任事项',
  meeting: (row) => `${text(row.year)}年度${MEETING_KIND_LABEL[row.kind as MeetingKind] ?? ''}`,
  meeting_study: (row) => `${text(row.content)}（${shownValue('meeting_study', 'held_on', row.held_on)}）`,
  meeting_talk: (row) => `${text(row.a)}—${text(row.b)}（${shownValue('meeting_talk', 'held_on', row.held_on)}）`,
  meeting_opinion: (row) => text(row.text),
  meeting_rectification: (row) => text(row.problem),
  // These rows name their person only by id; the entity column already says which meeting table.
  meeting_material: (row) => (row.person_id === null ? '领导班子对照检查材料' : '个人对照检查材料'),
  // The log's record of its own gap: what replaced the data, and what of the old log it did not bring.
  data_replacement: (row) => {
    const how = `${shownValue('data_replacement', 'kind', row.kind)}（${text(row.source)}）`;
    if (row.replaced_entries === null || row.dropped_entries === null)
      return `${how}，原数据文件已损坏，其操作记录无法读出，原文件保存为 ${text(row.safety_backup)}`;
    if (row.dropped_entries === 0) return `${how}，原有 ${text(row.replaced_entries)} 条操作记录全部带入`;
    return `${how}，原有 ${text(row.replaced_entries)} 条操作记录中有 ${text(row.dropped_entries)} 条未带入，保存在 ${text(row.safety_backup)}`;
  },
};

/** What the row is, in a few words: a member's name, a month and amount, a meeting's year and kind. */
export function subjectOf(entry: AuditEntry): string {
  const row = entry.after ?? entry.before ?? {};
  if (isSettingsTable(entry.entity)) return settingName(entry.entity, text(row.key));
  const named = SUBJECT[entry.entity];
  if (named) return named(row, entry);
  return text(row.name ?? row.committee_name);
}

/**
 * Each labelled field of a row that holds something, "标签：值", in the order the table has them;
 * for the exported log, where a list of every empty field would hide the few that matter.
 */
export function describeRow(entity: string, row: Row | null): string {
  if (!row) return '';
  const labels = COLUMN_LABEL[entity] ?? {};
  return Object.keys(row)
    .filter((k) => labels[k] && row[k] !== null && row[k] !== '')
    .map((k) => `${labels[k]}：${shownValue(entity, k, row[k], row)}`)
    .join('；');
}

/** One readable line: what the row is, and for a change, each field's before and after. */
export function describeEntry(entry: AuditEntry): string {
  const name = subjectOf(entry);
  if (entry.action !== 'update' || !entry.before || !entry.after) return name;
  const labels = COLUMN_LABEL[entry.entity] ?? {};
  const before = entry.before;
  const after = entry.after;
  const parts = Object.keys(after)
    .filter((k) => labels[k] && JSON.stringify(before[k]) !== JSON.stringify(after[k]))
    .map(
      (k) =>
        `${labels[k]}：${shownValue(entry.entity, k, before[k], before)} → ${shownValue(entry.entity, k, after[k], after)}`,
    );
  return [name, parts.join('；')].filter(Boolean).join('　');
}
