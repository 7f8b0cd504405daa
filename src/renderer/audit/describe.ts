import type { AuditEntry } from '../../shared/contract';
import { formatChineseDate, isIsoDate } from '../../shared/dates';
import { DEGREE_LABEL, EDUCATION_LABEL, EMPLOYMENT_LABEL, GENDER_LABEL, STATUS_LABEL } from '../../shared/members/fields';
import { EVENT_LABEL } from '../../shared/members/views';
import { POST_LABEL, UNIT_KIND_LABEL } from '../../shared/org';
import { DUTY_KIND_LABEL, LEADER_ROLE_LABEL } from '../../shared/duties/library';
import { PERIOD_LABEL } from '../../shared/duties/rules';
import { GRADE_LABEL, MEETING_KIND_LABEL, SPECIAL_TRIGGER_LABEL, type MeetingKind } from '../../shared/meetings/rules';
import { MATERIAL_STATUS_LABEL, PERSON_ROLE_LABEL } from '../../shared/meetings/views';

export const ENTITY_LABEL: Record<string, string> = {
  organ: '机关信息',
  org_unit: '组织',
  committee_post: '委员职务',
  settings: '设置',
  member: '党员',
  member_event: '党员状态变动',
  // 民主生活会、组织生活会
  meeting: '生活会',
  meeting_person: '生活会：参会人员',
  meeting_study: '生活会：学习研讨',
  meeting_study_person: '生活会：学习研讨出席',
  meeting_opinion: '生活会：征求意见',
  meeting_talk: '生活会：谈心谈话',
  meeting_material: '生活会：对照检查材料',
  meeting_speech: '生活会：会议发言',
  meeting_rectification: '生活会：整改事项',
  meeting_appraisal: '生活会：民主评议',
  meeting_setting: '生活会：设置',
  // 一岗双责
  duty_leader: '一岗双责：班子成员',
  duty_item: '一岗双责：责任事项',
  duty_record: '一岗双责：履职纪实',
  duty_evidence: '一岗双责：佐证材料',
  duty_letter: '一岗双责：责任书',
  duty_report: '一岗双责：述责述廉',
  duty_setting: '一岗双责：设置',
};

/** Column names in the office's words; columns not listed here are bookkeeping and not shown. */
const COLUMN_LABEL: Record<string, Record<string, string>> = {
  organ: { name: '机关名称', committee_name: '党组织名称', superior_name: '上级党组织' },
  org_unit: { name: '名称', parent_id: '上级组织编号', founded_on: '成立日期', term_started_on: '本届任期开始', term_years: '任期年限', dissolved_on: '撤销日期', note: '备注' },
  committee_post: { post: '职务', holder_name: '姓名', started_on: '任职日期', ended_on: '离任日期', note: '备注' },
  settings: { value: '值' },
  member: {
    name: '姓名', gender: '性别', ethnicity: '民族', education: '学历', degree: '学位', native_place: '籍贯', branch_id: '党支部编号',
    party_group_id: '党小组编号', admitted_on: '入党日期', probation_extension_months: '预备期延长月数', full_membership_on: '转正日期',
    job_title: '工作岗位', phone: '联系电话', address: '家庭住址', status: '党籍状态', lost_contact_since: '失去联系日期',
    mobile_destination: '外出流向', is_mobile: '流动党员', party_post: '党内职务', admin_post: '行政职务/职级',
    employment_category: '人员身份', introducers: '入党介绍人', note: '备注', voided_on: '作废日期', void_reason: '作废原因',
  },
  member_event: { kind: '变动', occurred_on: '日期', counterpart: '对方单位', document_no: '文号', receipt_received_on: '回执收到日期', months: '月数', note: '说明' },
  meeting: {
    theme: '主题', held_on: '会议日期', place: '地点', presider: '主持人', recorder: '记录人', superior_attendees: '上级到会人员', plan_text: '方案',
    plan_reported_on: '方案报上级日期', report_text: '情况报告', report_sent_on: '报告报送日期', upper_comments: '上级点评', opinions_fed_back_on: '意见反馈日期', held_done: '已召开',
    special_trigger: '召开原因', special_reason: '召开原因说明',
  },
  meeting_person: { name: '姓名', title: '职务', present: '到会', absence_reason: '缺席原因' },
  meeting_study: { held_on: '日期', content: '学习内容', attendance: '参加人员' },
  meeting_study_person: { present: '参加', absence_reason: '缺席原因' },
  meeting_opinion: { source: '来源', category: '类别', text: '意见内容' },
  meeting_talk: { a: '谈话人', b: '谈话对象', held_on: '日期', record: '谈话记录' },
  meeting_material: { problems: '存在的问题', causes: '原因剖析', measures: '整改措施', status: '审阅状态', reviewed_by: '审阅人' },
  meeting_speech: { self_criticism: '自我批评', criticisms: '批评意见', response: '表态回应' },
  meeting_rectification: { problem: '问题', measures: '整改措施', responsible: '责任人', deadline: '整改时限', progress: '进展情况', evidence: '佐证材料', closed_on: '销号日期' },
  meeting_appraisal: { self_appraisal: '个人自评', peer_appraisal: '党员互评', grade: '评定等次' },
  duty_leader: { name: '姓名', role: '岗位', title: '职务', divisions: '分管处室', started_on: '任职日期', left_on: '离任日期', note: '备注' },
  duty_item: { category: '类别', content: '责任内容', measures: '工作措施', per: '频次周期', times: '次数', due_on: '完成时限', evidence: '佐证材料' },
  duty_record: { occurred_on: '日期', kind: '类别', subject: '事由', place: '地点', participants: '参加人员', summary: '内容摘要', voided_on: '作废日期', void_reason: '作废原因' },
  duty_letter: { signed_on: '签订日期', issuer_name: '责任领导', note: '备注' },
  duty_report: { body: '报告正文' },
};

const SETTING_LABEL: Record<string, string> = { termWarningDays: '任期届满提前提醒天数', probationEndConvention: '预备期届满日算法' };

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
  value: { '"anniversary"': '满一年之日', '"dayBefore"': '满一年的前一日' },
};

const YES_NO: Record<string, string> = { '1': '是', '0': '否', true: '是', false: '否' };

/*
 * Codes that mean something else in another table ("branch" is a 党支部 in org_unit and a
 * 组织生活会 in meeting; "status" is 党籍状态 for a member and 审阅状态 for a material), so
 * these are looked up by table first.
 */
const ENTITY_ENUMS: Record<string, Record<string, Record<string, string>>> = {
  meeting: { kind: MEETING_KIND_LABEL, special_trigger: SPECIAL_TRIGGER_LABEL, held_done: YES_NO },
  meeting_person: { role: PERSON_ROLE_LABEL, present: YES_NO },
  meeting_study_person: { present: YES_NO },
  meeting_material: { status: MATERIAL_STATUS_LABEL },
  meeting_appraisal: { grade: GRADE_LABEL },
};

function shown(column: string, value: unknown, entity?: string): string {
  if (value === null || value === undefined || value === '') return '空';
  const text = String(value);
  const label = (entity ? ENTITY_ENUMS[entity]?.[column]?.[text] : undefined) ?? ENUMS[column]?.[text];
  if (label) return label;
  if (column === 'is_mobile') return value ? '是' : '否';
  if (isIsoDate(text)) return formatChineseDate(text);
  return text;
}

function subject(entry: AuditEntry): string {
  const row = entry.after ?? entry.before ?? {};
  if (entry.entity === 'settings') return SETTING_LABEL[String(row.key)] ?? String(row.key);
  if (entry.entity === 'committee_post') return `${shown('post', row.post)} ${String(row.holder_name ?? '')}`;
  if (entry.entity === 'duty_record') return `${shown('kind', row.kind)}（${shown('occurred_on', row.occurred_on)}）${String(row.subject ?? '')}`;
  if (entry.entity === 'duty_item') return String(row.content ?? '');
  if (entry.entity === 'duty_evidence') return `${String(row.file_name ?? '')}（SHA-256 ${String(row.sha256 ?? '').slice(0, 12)}…）`;
  if (entry.entity === 'duty_letter') return `责任书签订（${shown('signed_on', row.signed_on)}）`;
  if (entry.entity === 'duty_report') return '述责述廉报告';
  if (entry.entity === 'member_event') return `${shown('kind', row.kind)}（${shown('occurred_on', row.occurred_on)}）`;
  if (entry.entity === 'meeting') return `${String(row.year ?? '')}年度${MEETING_KIND_LABEL[row.kind as MeetingKind] ?? ''}`;
  if (entry.entity === 'meeting_study') return `${String(row.content ?? '')}（${shown('held_on', row.held_on)}）`;
  if (entry.entity === 'meeting_talk') return `${String(row.a ?? '')}—${String(row.b ?? '')}（${shown('held_on', row.held_on)}）`;
  if (entry.entity === 'meeting_opinion') return String(row.text ?? '');
  if (entry.entity === 'meeting_rectification') return String(row.problem ?? '');
  // These rows name their person only by id; the entity column already says which meeting table.
  if (entry.entity === 'meeting_material') return row.person_id === null ? '领导班子对照检查材料' : '个人对照检查材料';
  return String(row.name ?? row.committee_name ?? '');
}

/** One readable line: what the row is, and for a change, each field's before and after. */
export function describeEntry(entry: AuditEntry): string {
  const name = subject(entry);
  if (entry.action !== 'update' || !entry.before || !entry.after) return name;
  const labels = COLUMN_LABEL[entry.entity] ?? {};
  const before = entry.before;
  const after = entry.after;
  const parts = Object.keys(after)
    .filter((k) => labels[k] && JSON.stringify(before[k]) !== JSON.stringify(after[k]))
    .map((k) => `${labels[k]}：${shown(k, before[k], entry.entity)} → ${shown(k, after[k], entry.entity)}`);
  return [name, parts.join('；')].filter(Boolean).join('　');
}
