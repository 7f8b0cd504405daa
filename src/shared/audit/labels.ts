/*
 * The 操作记录's names for what the audit triggers record: every table (entity) and the columns
 * the office reads. Kept in src/shared because the screen and the Excel export of the log both
 * word entries the same way. A table added by a migration needs a line here; a test lists the
 * tables of a fresh file and holds this map to them.
 */

export const ACTION_LABEL: Record<'insert' | 'update' | 'delete', string> = { insert: '新增', update: '修改', delete: '删除' };

export const ENTITY_LABEL: Record<string, string> = {
  organ: '机关信息',
  org_unit: '组织',
  committee_post: '委员职务',
  settings: '设置',
  member: '党员',
  member_event: '党员状态变动',
  // 党费
  dues_setting: '党费：设置',
  dues_year: '党费：年度核定',
  dues_assessment: '党费：党员核定',
  dues_payment: '党费：收缴登记',
  dues_voluntary: '党费：自愿多交',
  dues_fund: '党费：收支',
  dues_arrears_case: '党费：欠交处理',
  dues_rule_set: '党费：党费标准',
  dues_opening: '党费：启用时已交至',
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
  duty_leader_branch: '一岗双责：分管党支部',
  duty_item: '一岗双责：责任事项',
  duty_record: '一岗双责：履职纪实',
  duty_counterpart: '一岗双责：谈话对象',
  duty_record_item: '一岗双责：纪实对应事项',
  duty_evidence: '一岗双责：佐证材料',
  duty_letter: '一岗双责：责任书',
  duty_report: '一岗双责：述责述廉',
  duty_setting: '一岗双责：设置',
};

/** Column names in the office's words; columns not listed here are bookkeeping and not shown. */
export const COLUMN_LABEL: Record<string, Record<string, string>> = {
  organ: { name: '机关名称', committee_kind: '党组织类型', committee_name: '党组织名称', superior_name: '上级党组织' },
  org_unit: { kind: '类型', name: '名称', parent_id: '上级组织编号', founded_on: '成立日期', term_started_on: '本届任期开始', term_years: '任期年限', dissolved_on: '撤销日期', note: '备注' },
  committee_post: { post: '职务', holder_name: '姓名', started_on: '任职日期', ended_on: '离任日期', note: '备注' },
  settings: { value: '值' },
  member: {
    name: '姓名', gender: '性别', citizen_id: '公民身份号码', birth_date: '出生日期', ethnicity: '民族', education: '学历', degree: '学位', native_place: '籍贯', branch_id: '党支部编号',
    party_group_id: '党小组编号', admitted_on: '入党日期', probation_extension_months: '预备期延长月数', full_membership_on: '转正日期',
    job_title: '工作岗位', phone: '联系电话', address: '家庭住址', status: '党籍状态', lost_contact_since: '失去联系日期',
    mobile_destination: '外出流向', is_mobile: '流动党员', party_post: '党内职务', admin_post: '行政职务/职级',
    employment_category: '人员身份', introducers: '入党介绍人', note: '备注', voided_on: '作废日期', void_reason: '作废原因',
  },
  member_event: { kind: '变动', occurred_on: '日期', counterpart: '对方单位', document_no: '文号', receipt_received_on: '回执收到日期', months: '月数', note: '说明' },
  dues_setting: { value: '值' },
  dues_year: { locked_on: '锁定日期', locked_by: '锁定人', rounding: '取整规则' },
  dues_assessment: {
    effective_from: '起始月份', category: '党费类别', base_fen: '基数', base_source: '基数来源', base_working: '基数计算',
    chosen_fen: '自定或批准金额', above_cap: '自愿按计算额交纳', approval_body: '批准单位', approval_document_no: '批准文号', approval_on: '批准日期',
    amount_fen: '每月应交', rule_set_from: '党费标准起始月份', rate_bp: '比例', standard: '交纳标准', explanation: '计算说明', capped: '按上限',
    problem: '未能核定的原因', start_month: '起交月份', reason: '调整原因', note: '备注',
  },
  dues_payment: {
    month: '月份', due_fen: '应交', paid_fen: '实交', paid_on: '交纳日期', receipt_no: '收据号', paid_by: '代交人', reason: '差额原因',
    note: '备注', voided_on: '作废日期', void_reason: '作废原因',
  },
  dues_voluntary: { paid_on: '交纳日期', amount_fen: '金额', large: '大额党费', receipt_no: '收据号', profile: '党员简要情况', note: '备注', voided_on: '作废日期', void_reason: '作废原因' },
  dues_fund: {
    kind: '收支类型', on_date: '日期', amount_fen: '金额', dues_year: '所属年度', counterpart: '对方单位', document_no: '文号', purpose: '支出用途',
    description: '支出事项', decision_body: '集体研究的会议', decision_on: '决定日期', decision_ref: '会议记录或纪要编号', note: '备注', voided_on: '作废日期', void_reason: '作废原因',
  },
  dues_opening: { paid_to: '党费已交至', note: '说明' },
  dues_arrears_case: { streak_from: '连续欠交起始月份', decision: '处理意见', decided_on: '决定日期', decided_by: '研究的会议', deadline: '补交期限', note: '说明' },
  dues_rule_set: {
    name: '名称', effective_from: '起始月份', basis: '依据', employed_brackets: '在职党员比例', retired_brackets: '离退休党员比例', flat_fen: '定额',
    farmer_min_fen: '农民党员最低', farmer_max_fen: '农民党员最高', monthly_cap_fen: '每月上限', large_voluntary_fen: '大额党费起点',
  },
  meeting: {
    theme: '主题', held_on: '会议日期', place: '地点', presider: '主持人', recorder: '记录人', superior_attendees: '上级到会人员', plan_text: '方案',
    plan_reported_on: '方案报上级日期', report_text: '情况报告', report_sent_on: '报告报送日期', upper_comments: '上级点评', opinions_fed_back_on: '意见反馈日期', held_done: '已召开',
    special_trigger: '召开原因', special_reason: '召开原因说明',
  },
  meeting_setting: { value: '值' },
  meeting_person: { name: '姓名', title: '职务', present: '到会', absence_reason: '缺席原因' },
  meeting_study: { held_on: '日期', content: '学习内容', attendance: '参加人员' },
  meeting_study_person: { present: '参加', absence_reason: '缺席原因' },
  meeting_opinion: { source: '来源', category: '类别', text: '意见内容' },
  meeting_talk: { a: '谈话人', b: '谈话对象', held_on: '日期', record: '谈话记录' },
  meeting_material: { problems: '存在的问题', causes: '原因剖析', measures: '整改措施', status: '审阅状态', reviewed_by: '审阅人' },
  meeting_speech: { self_criticism: '自我批评', criticisms: '批评意见', response: '表态回应' },
  meeting_rectification: { problem: '问题', measures: '整改措施', responsible: '责任人', deadline: '整改时限', progress: '进展情况', evidence: '佐证材料', closed_on: '销号日期' },
  meeting_appraisal: { self_appraisal: '个人自评', peer_appraisal: '党员互评', grade: '评定等次' },
  duty_setting: { value: '值' },
  duty_leader: { name: '姓名', role: '岗位', title: '职务', divisions: '分管处室', started_on: '任职日期', left_on: '离任日期', note: '备注' },
  duty_leader_branch: { unit_id: '党支部编号' },
  duty_item: { category: '类别', content: '责任内容', measures: '工作措施', per: '频次周期', times: '次数', due_on: '完成时限', evidence: '佐证材料' },
  duty_record: { occurred_on: '日期', kind: '类别', subject: '事由', place: '地点', participants: '参加人员', summary: '内容摘要', voided_on: '作废日期', void_reason: '作废原因' },
  duty_counterpart: { name: '姓名' },
  duty_evidence: { file_name: '文件名', note: '说明' },
  duty_letter: { signed_on: '签订日期', issuer_name: '责任领导', note: '备注' },
  duty_report: { body: '报告正文' },
};
