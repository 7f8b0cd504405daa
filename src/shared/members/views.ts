import { z } from 'zod';
import type { IsoDate, MonthOrDay } from '../dates';
import { choice, isoDate, optionalText, recordId, requiredText, wholeNumber } from '../validation';
import type { Gender } from './citizen-id';
import {
  CATEGORY_LABEL,
  EDUCATION_LABEL,
  EMPLOYMENT_LABEL,
  GENDER_LABEL,
  STATUS_LABEL,
  type Degree,
  type Education,
  type EmploymentCategory,
  type MemberCategory,
  type MemberStatus,
} from './fields';
import type { MemberDecision, Rights } from './decisions';
import type { MemberEventKind } from './event-kind';

export type { MemberEventKind };
import { memberFieldsSchema } from './input';

/** One line of the roster, as the table shows it: the ID number is masked here. */
export interface MemberSummary {
  id: number;
  name: string;
  gender: Gender;
  maskedCitizenId: string;
  ethnicity: string | null;
  birthDate: IsoDate;
  age: number;
  education: Education | null;
  degree: Degree | null;
  nativePlace: string | null;
  branchId: number;
  branchName: string;
  partyGroupId: number | null;
  partyGroupName: string | null;
  /** 所在处室 (the organ's department), beside the 党支部. */
  divisionId: number | null;
  divisionName: string | null;
  category: MemberCategory;
  /** Kept to the month when that is all the records say ('2001-07'). */
  admittedOn: MonthOrDay;
  /** A month when admission is known only to the month. */
  probationEndsOn: MonthOrDay | null;
  fullMembershipOn: MonthOrDay | null;
  partyStanding: number | null;
  /** 日期待补全: the dates kept only to the month, which the clerk may complete to the day. */
  monthOnlyDates: MonthOnlyDateField[];
  jobTitle: string | null;
  phone: string | null;
  address: string | null;
  status: MemberStatus;
  lostContactSince: IsoDate | null;
  isMobile: boolean;
  mobileDestination: string | null;
  partyPost: string | null;
  adminPost: string | null;
  employmentCategory: EmploymentCategory;
  introducers: string | null;
  note: string | null;
}

export const EVENT_LABEL: Record<MemberEventKind, string> = {
  joined: '入党（接收为预备党员）',
  transferIn: '组织关系转入',
  transferOut: '组织关系转出',
  fullMembership: '转为正式党员',
  probationExtended: '延长预备期',
  suspended: '停止党籍',
  restored: '恢复党籍',
  removed: '除名',
  expelled: '开除党籍',
  withdrew: '退党',
  lapsed: '自行脱党',
  deceased: '去世',
  lostContact: '失去联系',
  contactRestored: '恢复联系',
};

export interface MemberEvent {
  id: number;
  kind: MemberEventKind;
  occurredOn: IsoDate;
  counterpart: string | null;
  documentNo: string | null;
  receiptReceivedOn: IsoDate | null;
  months: number | null;
  note: string | null;
  /** Transfer-out only: the 回执 has not come back within a month. */
  receiptOverdue: boolean;
}

export interface MemberDetail extends MemberSummary {
  citizenId: string;
  probationExtensionMonths: number | null;
  events: MemberEvent[];
  /** 奖惩 (表彰 and measures short of 开除党籍, which is in `events`), voided ones too. */
  decisions: MemberDecision[];
  /** 表决权、选举权和被选举权 today. */
  rights: Rights;
  voided: { on: IsoDate; reason: string } | null;
}

/** The member's dates that may be kept to the month; 出生日期 is always the ID number's day. */
export type MonthOnlyDateField = 'admittedOn' | 'fullMembershipOn';

/* ---------- dated status events ---------- */

const on = isoDate('日期');
const note = optionalText('说明', 300);

export const memberEventSchema = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({
      kind: z.literal('transferOut'),
      on,
      counterpart: requiredText('转往单位', 80),
      documentNo: optionalText('介绍信编号', 40),
      note,
    }),
    z.strictObject({
      kind: z.literal('transferIn'),
      on,
      counterpart: requiredText('转出单位', 80),
      documentNo: optionalText('介绍信编号', 40),
      note,
    }),
    z.strictObject({ kind: z.literal('fullMembership'), on, note }),
    z.strictObject({
      kind: z.literal('probationExtended'),
      on,
      months: wholeNumber('延长月数', 6, 12),
      documentNo: optionalText('决定文号', 60),
      note,
    }),
    z.strictObject({ kind: z.literal('suspended'), on, note: requiredText('停止党籍原因', 300) }),
    z.strictObject({ kind: z.literal('restored'), on, documentNo: optionalText('决定文号', 60), note }),
    z.strictObject({ kind: z.literal('removed'), on, documentNo: requiredText('决定文号', 60), note }),
    z.strictObject({
      kind: z.literal('expelled'),
      on,
      // 开除党籍 is the fifth disciplinary measure: its deciding body as for the others.
      counterpart: requiredText('决定机关', 80),
      documentNo: requiredText('决定文号', 60),
      note,
    }),
    z.strictObject({ kind: z.literal('withdrew'), on, documentNo: requiredText('决定文号', 60), note }),
    z.strictObject({ kind: z.literal('lapsed'), on, documentNo: requiredText('决定文号', 60), note }),
    z.strictObject({ kind: z.literal('deceased'), on, note }),
    z.strictObject({ kind: z.literal('lostContact'), on, note }),
    z.strictObject({ kind: z.literal('contactRestored'), on, note }),
  ],
  { error: '状态变动类型不正确' },
);
export type MemberEventInput = z.output<typeof memberEventSchema>;

export const addMemberInput = z.strictObject({
  fields: memberFieldsSchema,
  /** How the member came onto this roster: admitted here, or transferred in. */
  arrival: z
    .strictObject({
      from: requiredText('转出单位', 80),
      on: isoDate('转入日期'),
      documentNo: optionalText('介绍信编号', 40),
    })
    .nullable()
    .optional()
    .transform((v) => v ?? null),
});

export const updateMemberInput = z.strictObject({ id: recordId('党员'), fields: memberFieldsSchema });
export const memberEventInput = z.strictObject({ memberId: recordId('党员'), event: memberEventSchema });
export const receiptInput = z.strictObject({ eventId: recordId('转出记录'), receivedOn: isoDate('回执收到日期') });
export const voidMemberInput = z.strictObject({ id: recordId('党员'), reason: requiredText('作废原因', 200) });
export const memberIdInput = z.strictObject({ id: recordId('党员') });

/* ---------- searching the roster ---------- */

export const SORT_FIELDS = [
  'name',
  'branch',
  'gender',
  'age',
  'admittedOn',
  'partyStanding',
  'education',
  'status',
] as const;
export type SortField = (typeof SORT_FIELDS)[number];

const keys = <T extends string>(labels: Record<T, string>) => Object.keys(labels) as [T, ...T[]];
const range = (label: string) =>
  z
    .strictObject({
      min: wholeNumber(`${label}下限`, 0, 150).nullable().optional(),
      max: wholeNumber(`${label}上限`, 0, 150).nullable().optional(),
    })
    .optional();

export const rosterQuerySchema = z.strictObject({
  text: z.string().max(40, { error: '搜索内容不能超过40个字' }).optional(),
  branchIds: z.array(recordId('党支部')).optional(),
  partyGroupIds: z.array(recordId('党小组')).optional(),
  /** 处室; 0 stands for "no 处室 recorded". */
  divisionIds: z.array(wholeNumber('处室', 0, Number.MAX_SAFE_INTEGER)).optional(),
  categories: z.array(choice('人员类别', keys<MemberCategory>(CATEGORY_LABEL), CATEGORY_LABEL)).optional(),
  statuses: z.array(choice('党籍状态', keys<MemberStatus>(STATUS_LABEL), STATUS_LABEL)).optional(),
  genders: z.array(choice('性别', keys<Gender>(GENDER_LABEL), GENDER_LABEL)).optional(),
  educations: z.array(choice('学历', keys<Education>(EDUCATION_LABEL), EDUCATION_LABEL)).optional(),
  employment: z.array(choice('人员身份', keys<EmploymentCategory>(EMPLOYMENT_LABEL), EMPLOYMENT_LABEL)).optional(),
  standing: range('党龄'),
  age: range('年龄'),
  lostContact: z.boolean().optional(),
  mobile: z.boolean().optional(),
  /** 日期待补全: members with a date known only to the month. */
  monthOnlyDates: z.boolean().optional(),
  sort: z.strictObject({ field: z.enum(SORT_FIELDS), direction: z.enum(['asc', 'desc']) }).optional(),
  offset: wholeNumber('起始行', 0, 1_000_000).optional(),
  limit: wholeNumber('每页行数', 1, 500).optional(),
});
export type RosterQuery = z.output<typeof rosterQuerySchema>;

export interface RosterCounts {
  total: number;
  full: number;
  probationary: number;
  male: number;
  female: number;
}

export interface RosterPage {
  counts: RosterCounts;
  offset: number;
  rows: MemberSummary[];
}
