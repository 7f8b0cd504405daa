import { z } from 'zod';
import type { IsoDate } from '../dates';
import { fileInput } from '../files';
import { choice, isoDate, optionalIsoDate, optionalText, recordId, requiredText, wholeNumber } from '../validation';
import type { EvidenceType } from './evidence';
import {
  DUTY_KIND_LABEL,
  DUTY_KINDS,
  LEADER_ROLE_LABEL,
  LEADER_ROLES,
  type DutyKind,
  type LeaderRole,
  type LibraryItem,
} from './library';
import {
  MAX_TIMES,
  PERIOD_LABEL,
  PERIODS,
  type DutyRule,
  type ItemProgress,
  type ItemState,
  type Period,
  type PeriodSpan,
} from './rules';

/* The duties.* part of the contract: what the 一岗双责 screens, the CLI and the documents see. */

/* ---------- field builders ---------- */

export const yearField = wholeNumber('年度', 2000, 2999);

const roleField = choice('岗位', LEADER_ROLES as [LeaderRole, ...LeaderRole[]], LEADER_ROLE_LABEL);
export const dutyKindField = choice('履职类别', DUTY_KINDS as [DutyKind, ...DutyKind[]], DUTY_KIND_LABEL);
const periodField = choice('频次周期', PERIODS as [Period, ...Period[]], PERIOD_LABEL);

function list<T extends z.ZodType>(label: string, item: T, max: number) {
  return z
    .array(item, { error: `${label}应为列表` })
    .max(max, { error: `${label}最多${max}项` })
    .optional()
    .transform((v) => (v ?? []) as z.output<T>[]);
}

/** Text that may run over several lines (reports): no invisible control characters. */
function longText(label: string, max: number) {
  return z
    .string({ error: `${label}应为文字` })
    .max(max, { error: `${label}不能超过${max}个字` })
    .refine((v) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u200b-\u200f\u2028\u2029\u2060\ufeff]/.test(v), {
      error: `${label}含有看不见的控制字符，请重新输入`,
    });
}

export const ruleInput = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({ kind: z.literal('periodic'), per: periodField, times: wholeNumber('次数', 1, MAX_TIMES) }),
    z.strictObject({ kind: z.literal('deadline'), dueOn: isoDate('完成时限') }),
    z.strictObject({ kind: z.literal('ongoing') }),
  ],
  { error: '完成要求只能是：按频次、按时限、经常性' },
);

/* ---------- 领导班子 ---------- */

export interface BranchRef {
  id: number;
  name: string;
}

export interface LeaderView {
  id: number;
  year: number;
  name: string;
  role: LeaderRole;
  /** 职务, e.g. "党组书记、局长". */
  title: string | null;
  /** The roster member when the leader is a party member there. */
  memberId: number | null;
  /** The member's own branch: where the leader's 双重组织生活 happens. */
  ownBranch: BranchRef | null;
  /** 分管处室 as printed: the linked 处室 (by their names now), then `otherDivisions`. */
  divisions: string[];
  /** 分管处室 linked to the organ's 处室 list (a rename follows). */
  divisionIds: number[];
  /** 分管处室 typed as text and not on the list (entered before the list existed), kept readable. */
  otherDivisions: string[];
  /** 分管（联系）党支部. */
  branches: BranchRef[];
  /** Took up or left the post during the year. */
  startedOn: IsoDate | null;
  leftOn: IsoDate | null;
  note: string | null;
  sortOrder: number;
}

const leaderFields = {
  name: requiredText('姓名', 30).optional(),
  role: roleField,
  title: optionalText('职务', 40),
  memberId: recordId('党员')
    .nullable()
    .optional()
    .transform((v) => v ?? null),
  /** 分管处室 from the organ's 处室 list. */
  divisionIds: list('分管处室', recordId('分管处室'), 30),
  /** 分管处室 not on the list, as text (a name equal to a listed 处室 is linked to it instead). */
  divisions: list('分管处室', requiredText('分管处室', 40), 30),
  branchIds: list('分管党支部', recordId('分管党支部'), 50),
  startedOn: optionalIsoDate('任职日期'),
  leftOn: optionalIsoDate('离任日期'),
  note: optionalText('备注', 200),
};

export const addLeaderInput = z.strictObject({ year: yearField, ...leaderFields });
export const updateLeaderInput = z.strictObject({ id: recordId('班子成员'), ...leaderFields });
export const removeLeaderInput = z.strictObject({ id: recordId('班子成员'), reason: requiredText('删除原因', 200) });
export const yearInput = z.strictObject({ year: yearField });
export const copyYearInput = z.strictObject({
  from: yearField,
  to: yearField,
  /** Also copy the team's and each member's responsibility list. */
  lists: z
    .boolean({ error: '“同时复制责任清单”应为是或否' })
    .optional()
    .transform((v) => v ?? true),
});

/* ---------- 责任清单 ---------- */

export interface ItemView {
  id: number;
  year: number;
  /** Null: the team's list (领导班子责任清单). */
  leaderId: number | null;
  category: string;
  content: string;
  measures: string | null;
  rule: DutyRule;
  /** describeRule(rule): "每季度至少1次". */
  requirement: string;
  evidence: string[];
  /** Kinds of record that usually fulfil it (suggested when recording). */
  recordKinds: DutyKind[];
  origin: string | null;
  sortOrder: number;
  progress: ItemProgress;
  /** Live records linked to it, newest first: dates and ids. */
  records: { id: number; occurredOn: IsoDate; leaderName: string }[];
  /**
   * 民主生活会 held (as the 生活会 module records them) that complete an item about one
   * (leadershipMeetingOf): for the team's list every such meeting, for a person's those they attended.
   */
  meetings: { id: number; heldOn: IsoDate; name: string }[];
}

const itemFields = {
  category: requiredText('类别', 20),
  content: requiredText('责任内容', 200),
  measures: optionalText('工作措施', 300),
  rule: ruleInput,
  evidence: list('佐证材料', requiredText('佐证材料', 20), 12),
  recordKinds: list('对应的履职类别', dutyKindField, DUTY_KINDS.length),
};

export const addItemInput = z.strictObject({
  year: yearField,
  leaderId: recordId('班子成员').nullable(),
  ...itemFields,
});
export const updateItemInput = z.strictObject({ id: recordId('责任事项'), ...itemFields });
export const itemIdInput = z.strictObject({ id: recordId('责任事项') });
export const libraryAddInput = z.strictObject({
  year: yearField,
  leaderId: recordId('班子成员').nullable(),
  keys: z.array(z.string().max(40), { error: '事项库条目应为列表' }).min(1, { error: '请至少选择一项' }).max(100),
});
/** A list's owner: a person, or (null) the team. */
export const ownerInput = z.strictObject({ year: yearField, leaderId: recordId('班子成员').nullable() });

export interface LibraryView {
  items: LibraryItem[];
}

/* ---------- 履职纪实 ---------- */

export interface CounterpartView {
  name: string;
  memberId: number | null;
  /** When the other side is a member of the same year's team. */
  leaderId: number | null;
}

export interface EvidenceView {
  id: number;
  fileName: string;
  fileType: EvidenceType;
  size: number;
  sha256: string;
  note: string | null;
  createdAt: string;
}

export interface RecordView {
  id: number;
  leaderId: number;
  leaderName: string;
  year: number;
  occurredOn: IsoDate;
  kind: DutyKind;
  subject: string;
  place: string | null;
  participants: string | null;
  /** Talks: who was talked with. */
  counterparts: CounterpartView[];
  /** The responsibility items this fulfils. */
  items: { id: number; content: string; leaderId: number | null }[];
  summary: string | null;
  evidence: EvidenceView[];
  voidedOn: string | null;
  voidReason: string | null;
  createdAt: string;
}

const counterpartInput = z.strictObject({
  name: requiredText('谈话对象', 30),
  memberId: recordId('谈话对象（党员）')
    .nullable()
    .optional()
    .transform((v) => v ?? null),
  leaderId: recordId('谈话对象（班子成员）')
    .nullable()
    .optional()
    .transform((v) => v ?? null),
});

const recordFields = {
  occurredOn: isoDate('日期'),
  kind: dutyKindField,
  subject: requiredText('事由', 100),
  place: optionalText('地点', 60),
  participants: optionalText('参加人员', 300),
  counterparts: list('谈话对象', counterpartInput, 50),
  itemIds: list('对应的责任事项', recordId('责任事项'), 50),
  summary: optionalText('内容摘要', 2000),
};

export const addRecordInput = z.strictObject({ leaderId: recordId('班子成员'), ...recordFields });
export const updateRecordInput = z.strictObject({ id: recordId('履职记录'), ...recordFields });
export const voidRecordInput = z.strictObject({ id: recordId('履职记录'), reason: requiredText('作废原因', 200) });
export const recordsQuery = z.strictObject({
  year: yearField,
  leaderId: recordId('班子成员').optional(),
  kind: dutyKindField.optional(),
  /** Voided records too (shown struck through). */
  includeVoided: z
    .boolean()
    .optional()
    .transform((v) => v ?? false),
});

export const addEvidenceInput = z
  .strictObject({
    /** A duty record, or a signed letter (its scanned copy). */
    recordId: recordId('履职记录').optional(),
    letterLeaderId: recordId('责任书').optional(),
    file: fileInput,
    note: optionalText('说明', 200),
  })
  .refine((v) => (v.recordId === undefined) !== (v.letterLeaderId === undefined), {
    error: '请指明佐证材料属于哪条履职记录或哪份责任书',
  });
export const removeEvidenceInput = z.strictObject({ id: recordId('佐证材料'), reason: requiredText('删除原因', 200) });
export const evidenceIdInput = z.strictObject({ id: recordId('佐证材料') });

/* ---------- 责任书、述责述廉 ---------- */

export interface LetterView {
  leaderId: number;
  signedOn: IsoDate;
  issuerName: string | null;
  note: string | null;
  evidence: EvidenceView[];
}

export const signLetterInput = z.strictObject({
  leaderId: recordId('班子成员'),
  signedOn: isoDate('签订日期'),
  issuerName: optionalText('责任领导姓名', 30),
  note: optionalText('备注', 200),
});
export const unsignLetterInput = z.strictObject({
  leaderId: recordId('班子成员'),
  reason: requiredText('撤销原因', 200),
});

export interface ReportView {
  leaderId: number;
  /** The saved text, or null while nothing has been saved. */
  saved: string | null;
  updatedAt: string | null;
  /** A fresh draft from the year's records (what 重新生成 puts in the editor). */
  draft: string;
  /** The person's unmet items, for the 存在的不足 part. */
  unmet: UnmetItem[];
}

export const leaderIdInput = z.strictObject({ leaderId: recordId('班子成员') });
export const saveReportInput = z.strictObject({
  leaderId: recordId('班子成员'),
  text: longText('述责述廉报告', 20_000),
});

/* ---------- 进度与总览 ---------- */

export interface StateCounts {
  overdue: number;
  dueSoon: number;
  pending: number;
  met: number;
  ongoing: number;
  other: number;
}

export interface LeaderSummary {
  leader: LeaderView;
  items: number;
  counts: StateCounts;
  /** Periodic items whose current period asks for something: done and required, capped per item. */
  thisPeriod: { done: number; required: number };
  records: number;
  lastRecordOn: IsoDate | null;
  letterSignedOn: IsoDate | null;
  reportSaved: boolean;
}

/** One item that is not met, for the team view (worst first). */
export interface BehindRow {
  itemId: number;
  leaderId: number | null;
  /** "领导班子" for the team's items. */
  owner: string;
  category: string;
  content: string;
  requirement: string;
  state: ItemState;
  summary: string;
  dueOn: IsoDate | null;
}

export interface DutiesOverview {
  year: number;
  asOf: IsoDate;
  /** The quarter containing today when it falls in the year. */
  quarter: (PeriodSpan & { daysLeft: number }) | null;
  leaders: LeaderSummary[];
  team: { items: number; counts: StateCounts };
  behind: BehindRow[];
  /** The year before, when it has a team to copy from. */
  previousYear: { year: number; leaders: number; items: number } | null;
}

export interface PersonView {
  leader: LeaderView;
  summary: LeaderSummary;
  items: ItemView[];
  /** The team's list, which this person's records may also fulfil. */
  teamItems: ItemView[];
  records: RecordView[];
  letter: LetterView | null;
  /** The same person's list the year before (by roster link or name), for 复制上年清单. */
  previous: { leaderId: number; items: number } | null;
}

export interface YearSummary {
  year: number;
  leaders: number;
  items: number;
  records: number;
}

/* ---------- for 民主生活会 (the meetings module) ---------- */

/** A talk as the 民主生活会 preparation counts it: both sides, the day, the kind and a short record. */
export interface TalkView {
  recordId: number;
  occurredOn: IsoDate;
  kind: DutyKind;
  /** The team member who held the talk. */
  leader: { leaderId: number; name: string; memberId: number | null };
  counterparts: CounterpartView[];
  subject: string;
  summary: string | null;
}

export const talksQuery = z
  .strictObject({
    year: yearField.optional(),
    from: optionalIsoDate('开始日期'),
    to: optionalIsoDate('结束日期'),
    leaderId: recordId('班子成员').optional(),
    memberId: recordId('党员').optional(),
  })
  .optional()
  .transform((v) => v ?? { from: null, to: null });

/** A responsibility item the person has not met (yet), with why. */
export interface UnmetItem {
  itemId: number;
  category: string;
  content: string;
  requirement: string;
  state: ItemState;
  summary: string;
  /** Periods already missed ("第三季度"); empty when only the current period is open. */
  missedPeriods: string[];
}

export const unmetQuery = z
  .strictObject({
    year: yearField,
    leaderId: recordId('班子成员').optional(),
    memberId: recordId('党员').optional(),
    name: requiredText('姓名', 30).optional(),
  })
  .refine((v) => [v.leaderId, v.memberId, v.name].filter((x) => x !== undefined).length === 1, {
    error: '请指定一位班子成员（编号、党员或姓名之一）',
  });
