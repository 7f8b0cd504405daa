import { formatChineseDate, isIsoDate } from '../dates';
import { describeRounding, type Rounding } from '../dues/compute';
import { yuan } from '../dues/money';
import { formatMonth, isMonth } from '../dues/months';
import { describeBrackets } from '../dues/rule-sets';
import { DUES_CATEGORY_LABEL, formatRate, type FlatCategory } from '../dues/rules';
import { BASE_SOURCE_LABEL, CASE_DECISION_LABEL, FUND_KIND_LABEL, PURPOSE_LABEL } from '../dues/views';
import { DUTY_KIND_LABEL, LEADER_ROLE_LABEL } from '../duties/library';
import { PERIOD_LABEL } from '../duties/rules';
import { GRADE_LABEL, MEETING_KIND_LABEL, SPECIAL_TRIGGER_LABEL } from '../meetings/rules';
import { MATERIAL_STATUS_LABEL, PERSON_ROLE_LABEL } from '../meetings/views';
import { DEGREE_LABEL, EDUCATION_LABEL, EMPLOYMENT_LABEL, GENDER_LABEL, STATUS_LABEL } from '../members/fields';
import { DECISION_LABEL } from '../members/decisions';
import { EVENT_LABEL } from '../members/views';
import { POST_LABEL, UNIT_KIND_LABEL } from '../org';
import { REPLACEMENT_KIND_LABEL } from '../custody';
import { isSettingsTable, settingValue } from './settings';

/*
 * A stored value in the office's words: codes through the label maps the screens use, 分 as
 * 元, months and days as written in Chinese, JSON lists as lists. Codes are looked up by table
 * first, because the same code means other things in other tables ("branch" is a 党支部 in
 * org_unit and a 组织生活会 in meeting; "status" is 党籍状态 for a member and 审阅状态 for a
 * material; "kind" is a unit, a member event, a duty record or a fund movement).
 */

const YES_NO: Record<string, string> = { '1': '是', '0': '否', true: '是', false: '否' };

const ENUMS: Record<string, Record<string, string>> = {
  kind: { ...UNIT_KIND_LABEL, ...EVENT_LABEL, ...DUTY_KIND_LABEL },
  role: LEADER_ROLE_LABEL,
  per: PERIOD_LABEL,
  post: POST_LABEL,
  status: STATUS_LABEL,
  gender: GENDER_LABEL,
  education: EDUCATION_LABEL,
  degree: DEGREE_LABEL,
  employment_category: EMPLOYMENT_LABEL,
  is_mobile: YES_NO,
};

const ENTITY_ENUMS: Record<string, Record<string, Record<string, string>>> = {
  organ: { committee_kind: UNIT_KIND_LABEL },
  member_decision: { kind: DECISION_LABEL },
  meeting: { kind: MEETING_KIND_LABEL, special_trigger: SPECIAL_TRIGGER_LABEL, held_done: YES_NO },
  meeting_person: { role: PERSON_ROLE_LABEL, present: YES_NO },
  meeting_study_person: { present: YES_NO },
  meeting_material: { status: MATERIAL_STATUS_LABEL },
  meeting_appraisal: { grade: GRADE_LABEL },
  dues_assessment: { category: DUES_CATEGORY_LABEL, base_source: BASE_SOURCE_LABEL, above_cap: YES_NO, capped: YES_NO },
  dues_voluntary: { large: YES_NO },
  dues_fund: { kind: FUND_KIND_LABEL, purpose: PURPOSE_LABEL },
  dues_arrears_case: { decision: CASE_DECISION_LABEL },
  data_replacement: { kind: REPLACEMENT_KIND_LABEL },
};

function flatAmounts(flat: Record<FlatCategory, number>): string {
  return (Object.entries(flat) as [FlatCategory, number][])
    .map(([c, f]) => `${DUES_CATEGORY_LABEL[c]}每月 ${yuan(f)}`)
    .join('、');
}

/** A list kept as JSON (分管处室, 存在的问题, 进展情况 …): each item's text, dates in Chinese. */
function listWording(items: unknown[]): string {
  if (items.length === 0) return '空';
  const itemText = (item: unknown): string => {
    if (typeof item !== 'object' || item === null) return String(item);
    // Ids inside an item (fromPersonId) name nobody the reader knows; the words are the text.
    return Object.values(item)
      .filter((v): v is string => typeof v === 'string' && v !== '')
      .map((v) => (isIsoDate(v) ? formatChineseDate(v) : v))
      .join('：');
  };
  return items.map(itemText).join('；');
}

/** Columns whose value is JSON, worded from the parsed value by what they hold. */
const JSON_WORDING: Record<string, Record<string, (value: never) => string>> = {
  dues_year: { rounding: (v: Rounding) => describeRounding(v) },
  dues_rule_set: { employed_brackets: describeBrackets, retired_brackets: describeBrackets, flat_fen: flatAmounts },
  duty_leader: { divisions: listWording },
  duty_item: { evidence: listWording },
  meeting_material: { problems: listWording },
  meeting_speech: { criticisms: listWording },
  meeting_rectification: { progress: listWording },
};

/** Stored JSON through its wording; text that is not what the wording expects is shown as stored. */
function jsonWording(wording: (value: never) => string, text: string): string {
  try {
    return (wording as (value: unknown) => string)(JSON.parse(text));
  } catch {
    return text;
  }
}

/** One column's value as the office reads it; `row` is the whole row, for settings named by their key. */
export function shownValue(entity: string, column: string, value: unknown, row: Record<string, unknown> = {}): string {
  if (value === null || value === undefined || value === '') return '空';
  const text = String(value);
  const label = ENTITY_ENUMS[entity]?.[column]?.[text] ?? ENUMS[column]?.[text];
  if (label) return label;
  if (column === 'value' && isSettingsTable(entity)) return settingValue(String(row.key), text);
  const wording = JSON_WORDING[entity]?.[column];
  if (wording) return jsonWording(wording, text);
  if (typeof value === 'number' && column.endsWith('_fen')) return yuan(value);
  if (typeof value === 'number' && column === 'rate_bp') return formatRate(value);
  if (isIsoDate(text)) return formatChineseDate(text);
  if (isMonth(text)) return formatMonth(text);
  return text;
}
