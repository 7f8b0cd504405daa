import { z } from 'zod';
import type { IsoDate } from '../dates';
import { choice, isoDate, optionalIsoDate, optionalText, recordId, requiredText, wholeNumber } from '../validation';
import {
  GRADE_LABEL,
  GRADES,
  MEETING_KIND_LABEL,
  MEETING_KINDS,
  SPECIAL_TRIGGER_LABEL,
  SPECIAL_TRIGGERS,
  type AttendanceCheck,
  type Grade,
  type MeetingKind,
  type MeetingSettings,
  type PairCoverage,
  type RepeatWarning,
  type SpecialTrigger,
  type StepStatus,
} from './rules';

/* ---------- inputs ---------- */

export const PERSON_ROLES = ['principal', 'member', 'full', 'probationary'] as const;
export type PersonRole = (typeof PERSON_ROLES)[number];
export const PERSON_ROLE_LABEL: Record<PersonRole, string> = {
  principal: '主要负责人',
  member: '班子成员',
  full: '正式党员',
  probationary: '预备党员',
};

export const OPINION_SOURCES = ['党员', '群众', '下级单位', '服务对象', '其他'] as const;
export const MATERIAL_STATUS = ['draft', 'reviewed', 'final'] as const;
export type MaterialStatus = (typeof MATERIAL_STATUS)[number];
export const MATERIAL_STATUS_LABEL: Record<MaterialStatus, string> = {
  draft: '草稿',
  reviewed: '已审阅',
  final: '定稿',
};

const days = (label: string) => wholeNumber(label, 0, 120);
export const meetingSettingsInput = z.strictObject({
  planDaysBefore: days('方案报上级提前天数'),
  studyDaysBefore: days('学习研讨提前天数'),
  opinionsDaysBefore: days('征求意见提前天数'),
  talksDaysBefore: days('谈心谈话提前天数'),
  materialsDaysBefore: days('对照检查材料提前天数'),
  reportDaysAfter: days('情况报告报送天数'),
  rectificationDaysAfter: days('整改清单制定天数'),
  pairings: z.strictObject({
    principalWithEach: z.boolean({ error: '“主要负责人与每名成员谈话”应为是或否' }),
    membersWithEach: z.boolean({ error: '“成员之间相互谈话”应为是或否' }),
    memberWithDivisionHeads: z.boolean({ error: '“成员与分管部门负责人谈话”应为是或否' }),
  }),
  repeatThreshold: wholeNumber('重复问题提示的相似度', 30, 100),
}) satisfies z.ZodType<MeetingSettings>;

export const personInput = z.strictObject({
  name: requiredText('姓名', 30),
  role: choice('身份', PERSON_ROLES, PERSON_ROLE_LABEL),
  title: optionalText('职务', 60),
  memberId: recordId('党员编号')
    .nullable()
    .optional()
    .transform((v) => v ?? null),
  divisionHeads: z
    .array(requiredText('分管部门负责人', 30), { error: '分管部门负责人应为名单' })
    .max(30)
    .optional()
    .transform((v) => v ?? []),
});
export type PersonInput = z.input<typeof personInput>;

const meetingFields = {
  theme: requiredText('会议主题', 200),
  heldOn: isoDate('会议日期'),
  place: optionalText('会议地点', 100),
  presider: optionalText('主持人', 30),
  recorder: optionalText('记录人', 30),
  superiorAttendees: optionalText('上级到会人员', 200),
};
const specialTrigger = choice('召开原因', SPECIAL_TRIGGERS, SPECIAL_TRIGGER_LABEL);

export const createMeetingInput = z.strictObject({
  kind: choice('会议类型', MEETING_KINDS, MEETING_KIND_LABEL),
  year: wholeNumber('年度', 2000, 2999),
  unitId: recordId('党支部')
    .nullable()
    .optional()
    .transform((v) => v ?? null),
  ...meetingFields,
  /** 专题民主生活会 only: why it is called, and the details (which inspection, which case). */
  specialTrigger: specialTrigger
    .nullable()
    .optional()
    .transform((v) => v ?? null),
  specialReason: optionalText('召开原因说明', 500),
  people: z.array(personInput, { error: '参会人员应为名单' }).min(1, { error: '请至少填写一名应参会人员' }).max(200),
});
export const meetingIdInput = z.strictObject({ meetingId: recordId('会议编号') });

/** A field of a partial update: left out, it stays; null or '' clears it. */
function patchText(label: string, max: number) {
  return z
    .string({ error: `${label}应为文字` })
    .trim()
    .max(max, { error: `${label}不能超过${max}个字` })
    .nullable()
    .optional();
}
function patchDate(label: string) {
  return isoDate(label).nullable().optional();
}

export const updateMeetingInput = z.strictObject({
  meetingId: recordId('会议编号'),
  theme: meetingFields.theme.optional(),
  heldOn: meetingFields.heldOn.optional(),
  place: patchText('会议地点', 100),
  presider: patchText('主持人', 30),
  recorder: patchText('记录人', 30),
  superiorAttendees: patchText('上级到会人员', 200),
  specialTrigger: specialTrigger.nullable().optional(),
  specialReason: patchText('召开原因说明', 500),
  planText: patchText('会议方案', 20000),
  planReportedOn: patchDate('方案报上级日期'),
  reportText: patchText('情况报告', 20000),
  reportSentOn: patchDate('情况报告报送日期'),
  upperComments: patchText('上级点评', 5000),
  opinionsFedBackOn: patchDate('意见反馈日期'),
  heldDone: z.boolean({ error: '“会议已召开”应为是或否' }).optional(),
});

export const attendanceInput = z.strictObject({
  meetingId: recordId('会议编号'),
  present: z.array(recordId('参会人员'), { error: '到会人员应为名单' }).max(200),
  absences: z
    .array(z.strictObject({ personId: recordId('参会人员'), reason: requiredText('缺席原因', 100) }))
    .max(200)
    .optional()
    .transform((v) => v ?? []),
});

const studyFields = {
  meetingId: recordId('会议编号'),
  heldOn: isoDate('学习日期'),
  content: requiredText('学习内容', 500),
  /** The meeting's people who took part; everyone else is absent, with a reason where given. */
  present: z.array(recordId('参加人员'), { error: '参加人员应为名单' }).max(200),
  absences: z
    .array(z.strictObject({ personId: recordId('缺席人员'), reason: requiredText('缺席原因', 100) }))
    .max(200)
    .optional()
    .transform((v) => v ?? []),
};
export const studyInput = z.strictObject(studyFields);
export const updateStudyInput = z.strictObject({ studyId: recordId('学习研讨编号'), ...studyFields });

export const opinionInput = z.strictObject({
  meetingId: recordId('会议编号'),
  source: choice('意见来源', OPINION_SOURCES),
  text: requiredText('意见内容', 1000),
  category: requiredText('意见类别', 30),
  /** The people it concerns; empty: the team as a whole. */
  concerns: z
    .array(recordId('意见涉及人员'))
    .max(50)
    .optional()
    .transform((v) => v ?? []),
});

export const talkInput = z.strictObject({
  meetingId: recordId('会议编号'),
  a: requiredText('谈话人', 30),
  b: requiredText('谈话对象', 30),
  heldOn: isoDate('谈话日期'),
  record: optionalText('谈话记录', 2000),
});

const problemInput = z.strictObject({ theme: requiredText('问题所属方面', 60), text: requiredText('问题表述', 1000) });
export const materialInput = z.strictObject({
  meetingId: recordId('会议编号'),
  /** null: the team's material. */
  personId: recordId('参会人员').nullable(),
  problems: z.array(problemInput).max(40),
  causes: optionalText('原因剖析', 10000),
  measures: optionalText('整改措施', 10000),
});
export const reviewMaterialInput = z.strictObject({
  meetingId: recordId('会议编号'),
  personId: recordId('参会人员').nullable(),
  status: choice('审阅状态', MATERIAL_STATUS, MATERIAL_STATUS_LABEL),
  reviewedBy: optionalText('审阅人', 30),
});

export const speechInput = z.strictObject({
  meetingId: recordId('会议编号'),
  personId: recordId('发言人'),
  order: wholeNumber('发言顺序', 1, 200),
  selfCriticism: optionalText('自我批评', 10000),
  criticisms: z
    .array(z.strictObject({ fromPersonId: recordId('提出批评的人'), text: requiredText('批评意见', 2000) }))
    .max(200)
    .optional()
    .transform((v) => v ?? []),
  response: optionalText('表态回应', 5000),
});

export const rectificationInput = z.strictObject({
  meetingId: recordId('会议编号'),
  problem: requiredText('问题', 1000),
  measures: requiredText('整改措施', 2000),
  responsible: requiredText('责任人', 30),
  deadline: isoDate('整改时限'),
});
export const rectificationUpdateInput = z.strictObject({
  itemId: recordId('整改事项编号'),
  progressNote: optionalText('进展情况', 1000),
  progressOn: optionalIsoDate('进展日期'),
  evidence: optionalText('佐证材料', 1000),
  closedOn: optionalIsoDate('销号日期'),
});

export const appraisalInput = z.strictObject({
  meetingId: recordId('会议编号'),
  personId: recordId('党员'),
  selfAppraisal: optionalText('个人自评', 5000),
  peerAppraisal: optionalText('党员互评', 5000),
  grade: choice('评定等次', GRADES, GRADE_LABEL)
    .nullable()
    .optional()
    .transform((v) => v ?? null),
});

/* ---------- views ---------- */

export interface PersonView {
  id: number;
  name: string;
  role: PersonRole;
  title: string | null;
  memberId: number | null;
  divisionHeads: string[];
  present: boolean;
  absenceReason: string | null;
}

export interface StudyView {
  id: number;
  heldOn: IsoDate;
  content: string;
  /** Each of the meeting's people, present or not; empty for sessions entered as free text. */
  attendees: { personId: number; name: string; present: boolean; absenceReason: string | null }[];
  /** The free-text attendance of sessions entered before attendance was kept per person. */
  attendance: string | null;
}

export interface OpinionView {
  id: number;
  source: string;
  text: string;
  category: string;
  concerns: number[];
}

export interface TalkView {
  id: number | null;
  a: string;
  others: string[];
  heldOn: IsoDate;
  record: string | null;
  source: 'meeting' | 'duties';
}

export interface MaterialView {
  personId: number | null;
  /** 班子对照检查材料 or the person's name. */
  owner: string;
  problems: { theme: string; text: string; repeats: RepeatWarning[] }[];
  causes: string | null;
  measures: string | null;
  status: MaterialStatus;
  reviewedBy: string | null;
  reviewedOn: IsoDate | null;
  /** Alongside while writing: the opinions about this person (or the team), last year's rectification items, 一岗双责 unmet items. */
  opinions: OpinionView[];
  lastYearItems: { problem: string; closedOn: IsoDate | null }[];
  unmetDuties: string[];
}

export interface SpeechView {
  personId: number;
  name: string;
  order: number;
  selfCriticism: string | null;
  criticisms: { fromPersonId: number; fromName: string; text: string }[];
  response: string | null;
}

export interface RectificationView {
  id: number;
  problem: string;
  measures: string;
  responsible: string;
  deadline: IsoDate;
  progress: { on: IsoDate; note: string }[];
  evidence: string | null;
  closedOn: IsoDate | null;
  carriedFrom: { meetingId: number; year: number } | null;
  overdue: boolean;
}

export interface AppraisalView {
  personId: number;
  name: string;
  probationary: boolean;
  selfAppraisal: string | null;
  peerAppraisal: string | null;
  grade: Grade | null;
}

export interface MeetingSummary {
  id: number;
  kind: MeetingKind;
  year: number;
  theme: string;
  heldOn: IsoDate;
  unitName: string | null;
  lateSteps: number;
  /** Steps done (on time or late) of all the steps: the meeting's progress. */
  stepsDone: number;
  stepsTotal: number;
  openItems: number;
}

export interface MeetingView extends MeetingSummary {
  unitId: number | null;
  place: string | null;
  presider: string | null;
  recorder: string | null;
  superiorAttendees: string | null;
  /** 专题民主生活会: why it was called; null for the others. */
  specialTrigger: SpecialTrigger | null;
  specialReason: string | null;
  planText: string | null;
  planReportedOn: IsoDate | null;
  reportText: string | null;
  reportSentOn: IsoDate | null;
  upperComments: string | null;
  /** The day the opinion summaries were fed back to the team members. */
  opinionsFedBackOn: IsoDate | null;
  heldDone: boolean;
  steps: StepStatus[];
  people: PersonView[];
  attendance: AttendanceCheck;
  studies: StudyView[];
  opinions: OpinionView[];
  talks: TalkView[];
  talkPairs: PairCoverage[];
  talksMissing: number;
  materials: MaterialView[];
  speeches: SpeechView[];
  rectification: RectificationView[];
  appraisal: {
    rows: AppraisalView[];
    excellentLimit: number;
    problems: string[];
    tally: Record<Grade | 'ungraded', number>;
  } | null;
}

export const MEETING_DOCUMENT_IDS = {
  binder: 'meeting-binder',
  plan: 'meeting-plan',
  study: 'meeting-study',
  opinions: 'meeting-opinions',
  talks: 'meeting-talks',
  material: 'meeting-material',
  minutes: 'meeting-minutes',
  report: 'meeting-report',
  rectification: 'meeting-rectification',
  appraisal: 'meeting-appraisal',
} as const;

export const removeEntryInput = z.strictObject({
  meetingId: recordId('会议编号'),
  entry: choice('记录类型', ['study', 'opinion', 'talk', 'rectification'] as const, {
    study: '学习研讨',
    opinion: '征求意见',
    talk: '谈心谈话',
    rectification: '整改事项',
  }),
  id: recordId('记录编号'),
});
