import { z } from 'zod';
import type { IsoDate } from '../dates';
import { fileInput } from '../files';
import type { EmploymentCategory, MemberCategory, MemberStatus } from '../members/fields';
import type { ImportProblem } from '../members/import-fields';
import { choice, isoDate, optionalText, recordId, requiredText, wholeNumber } from '../validation';
import type { ArrearsLevel, PaymentTiming, RunCaseState, Streak } from './arrears';
import type { DuesTerms, Rounding } from './compute';
import { MAX_FEN, type Fen } from './money';
import { isMonth, type Month } from './months';
import { DUES_CATEGORY_LABEL, type DuesCategory } from './rules';
import type { PayrollRole } from './settings';

/* The dues.* part of the contract: what the screens, the CLI and the documents see. */

/* ---------- field builders ---------- */

export function monthField(label: string) {
  return z
    .string({ error: `${label}应为月份` })
    .refine(isMonth, { error: `${label}不是有效月份，应写作“2026-03”的形式` });
}

export function fenField(label: string, max = MAX_FEN) {
  return z
    .number({ error: `${label}应为金额` })
    .int({ error: `${label}应以分为单位的整数` })
    .min(0, { error: `${label}不能是负数` })
    .max(max, { error: `${label}过大` });
}

export const yearField = wholeNumber('年度', 2000, 2999);

const categoryKeys = Object.keys(DUES_CATEGORY_LABEL) as [DuesCategory, ...DuesCategory[]];
export const duesCategoryField = choice('党费类别', categoryKeys, DUES_CATEGORY_LABEL);

export const approvalInput = z.strictObject({
  body: requiredText('批准的党组织', 80),
  documentNo: optionalText('批准文号', 60),
  on: isoDate('批准日期'),
});

export const termsInput = z.strictObject({
  category: duesCategoryField,
  baseFen: fenField('基数')
    .nullable()
    .optional()
    .transform((v) => v ?? null),
  chosenFen: fenField('每月交纳金额')
    .nullable()
    .optional()
    .transform((v) => v ?? null),
  aboveCap: z
    .boolean({ error: '“自愿按计算额交纳”应为是或否' })
    .optional()
    .transform((v) => v ?? false),
  approval: approvalInput
    .nullable()
    .optional()
    .transform((v) => v ?? null),
});

/* ---------- 年度核定 ---------- */

export type BaseSource = 'typed' | 'payroll' | 'carried';
export const BASE_SOURCE_LABEL: Record<BaseSource, string> = {
  typed: '录入',
  payroll: '工资表导入',
  carried: '沿用上年',
};

/** One version of a member's terms for the year: the original, or an adjustment from a month on. */
export interface TermsVersion {
  id: number;
  effectiveFrom: Month;
  terms: DuesTerms;
  baseSource: BaseSource | null;
  /** How the base was found ("职务工资 2,100.00 + … = 6,300.00"), for imported bases. */
  baseWorking: string | null;
  /** Null while the terms are incomplete (a base not yet entered). */
  amountFen: Fen | null;
  standard: string | null;
  explanation: string | null;
  rateBp: number | null;
  capped: boolean;
  ruleSetId: string | null;
  /** The first month of that rule set (recorded with it, so the row says which set even if it is renamed in a later version of the app). */
  ruleSetFrom: Month | null;
  problem: string | null;
  /** Adjustments only: why the year's amount changed. */
  reason: string | null;
  note: string | null;
}

export interface AssessmentRow {
  memberId: number;
  name: string;
  branchId: number;
  branchName: string;
  employmentCategory: EmploymentCategory;
  memberCategory: MemberCategory;
  status: MemberStatus;
  /** The first month owed this year (admission, arrival, or January). */
  startMonth: Month;
  /** The last month owed this year when the member left during it. */
  endMonth: Month | null;
  versions: TermsVersion[];
  /** The original terms are locked (the year was locked after this member was assessed). */
  locked: boolean;
  /** The version in force today (or at the year's end for a past year). */
  current: TermsVersion;
  dueMonths: number;
  /** What the year's terms add up to over the months owed; null while incomplete. */
  yearDueFen: Fen | null;
}

export interface AssessmentView {
  year: number;
  exists: boolean;
  locked: { on: IsoDate; by: string } | null;
  rounding: Rounding;
  /** The rule sets in force during the year: January's first, then any that start later in it. */
  ruleSets: { id: string; name: string; effectiveFrom: Month; basis: string }[];
  rows: AssessmentRow[];
  /** Members who belong here this year but have no assessment yet (arrived after it was made). */
  missing: { memberId: number; name: string; branchName: string }[];
  totals: { members: number; incomplete: number; monthlyFen: Fen; yearFen: Fen };
}

export interface DuesYearSummary {
  year: number;
  locked: boolean;
  members: number;
  incomplete: number;
  monthlyFen: Fen;
  payments: number;
}

export const yearInput = z.strictObject({ year: yearField });
export const assessmentQuery = z.strictObject({
  year: yearField,
  branchId: recordId('党支部')
    .nullable()
    .optional()
    .transform((v) => v ?? null),
});

export const setTermsInput = z.strictObject({
  year: yearField,
  memberId: recordId('党员'),
  terms: termsInput,
  startMonth: monthField('起交月份')
    .nullable()
    .optional()
    .transform((v) => v ?? null),
  note: optionalText('备注', 200),
});

export const adjustInput = z.strictObject({
  year: yearField,
  memberId: recordId('党员'),
  fromMonth: monthField('调整起始月份'),
  terms: termsInput,
  reason: requiredText('调整原因', 200),
});

export const unlockInput = z.strictObject({ year: yearField, reason: requiredText('解除锁定的原因', 200) });

export const setStartInput = z.strictObject({
  year: yearField,
  memberId: recordId('党员'),
  startMonth: monthField('起交月份').nullable(),
  reason: requiredText('变更原因', 200),
});

export interface AssessResult {
  year: number;
  /** Members given an assessment now (new to the year). */
  added: number;
  /** Open rows whose amount changed when computed again. */
  recomputed: number;
  members: number;
  incomplete: number;
}

/* ---------- 工资表导入 ---------- */

export interface PayrollColumn {
  index: number;
  letter: string;
  header: string;
  /** name / citizenId identify the member; pay items have a role. */
  use: 'name' | 'citizenId' | PayrollRole;
}

export interface PayrollRowPreview {
  row: number;
  name: string;
  maskedCitizenId: string;
  memberId: number | null;
  matchedBy: 'citizenId' | 'name' | null;
  baseFen: Fen | null;
  working: string | null;
  currentBaseFen: Fen | null;
  /** The monthly amount the new base gives under the member's category. */
  amountFen: Fen | null;
  ok: boolean;
}

export interface PayrollPreview {
  fileName: string;
  sheetName: string;
  headerRow: number;
  columns: PayrollColumn[];
  rows: PayrollRowPreview[];
  matched: number;
  changed: number;
  problemRows: number[];
  /** The first SHOWN_PROBLEMS problems and notices, with their counts (the roster import's rule). */
  errors: ImportProblem[];
  errorCount: number;
  notices: ImportProblem[];
  noticeCount: number;
  /** Assessed members the file does not mention: their bases stay as they are. */
  notInFile: { memberId: number; name: string; branchName: string }[];
}

const rolesInput = z
  .array(
    z.strictObject({
      index: wholeNumber('列号', 1, 16384),
      use: z.enum(['name', 'citizenId', 'add', 'subtract', 'ignore']),
    }),
    { error: '列用途应为列表' },
  )
  .nullable()
  .optional()
  .transform((v) => v ?? null);

export const payrollPreviewInput = z.strictObject({ year: yearField, file: fileInput, roles: rolesInput });
export const payrollCommitInput = z.strictObject({
  year: yearField,
  file: fileInput,
  roles: rolesInput,
  skipRows: z.array(wholeNumber('行号', 1, 1_048_576)).max(1_048_576),
  rememberRoles: z
    .boolean()
    .optional()
    .transform((v) => v ?? false),
});

export interface PayrollResult {
  updated: number;
  unchanged: number;
  skipped: number[];
}

/* ---------- 收缴 ---------- */

export interface PaymentView {
  id: number;
  memberId: number;
  month: Month;
  dueFen: Fen;
  paidFen: Fen;
  paidOn: IsoDate;
  receiptNo: string | null;
  /** 代交: who paid on the member's behalf. */
  paidBy: string | null;
  reason: string | null;
  note: string | null;
  timing: PaymentTiming;
  timingMonths: number;
}

export interface CollectionRow {
  memberId: number;
  name: string;
  branchId: number;
  branchName: string;
  /** Null when the year has no assessment for the member. */
  dueFen: Fen | null;
  standard: string | null;
  payment: PaymentView | null;
  /** Consecutive unpaid months up to the last ended month. */
  arrearsMonths: number;
}

export interface CollectionView {
  month: Month;
  /** The branch asked for (null: the whole organ). */
  branchId: number | null;
  assessed: boolean;
  locked: boolean;
  rows: CollectionRow[];
  totals: { members: number; dueFen: Fen; paid: number; paidFen: Fen; unpaid: number; exempt: number };
}

export const collectionQuery = z.strictObject({
  month: monthField('月份'),
  branchId: recordId('党支部')
    .nullable()
    .optional()
    .transform((v) => v ?? null),
});

export const paymentEntry = z.strictObject({
  memberId: recordId('党员'),
  month: monthField('所交月份'),
  paidFen: fenField('实交金额'),
  receiptNo: optionalText('收据号', 40),
  paidBy: optionalText('代交人', 30),
  reason: optionalText('金额不同的原因', 200),
  note: optionalText('备注', 200),
});

export const recordPaymentsInput = z.strictObject({
  paidOn: isoDate('交纳日期'),
  entries: z.array(paymentEntry, { error: '缴费记录应为列表' }).min(1, { error: '没有要登记的缴费' }).max(50_000),
  /** The person has seen the 补交/预交 warnings and records anyway. */
  acknowledge: z
    .boolean()
    .optional()
    .transform((v) => v ?? false),
});

export const voidInput = z.strictObject({ id: recordId('记录'), reason: requiredText('作废原因', 200) });

export interface RecordPaymentsResult {
  recorded: number;
  paidFen: Fen;
  warnings: string[];
}

/* ---------- 党员的党费 ---------- */

/** beforeOpening: before the app took over the record (启用前), kept on paper and not judged here. */
export type MonthStateView =
  'paid' | 'partial' | 'unpaid' | 'exempt' | 'notOwed' | 'notAssessed' | 'beforeOpening' | 'current' | 'future';

export interface MonthCell {
  month: Month;
  state: MonthStateView;
  dueFen: Fen | null;
  payment: PaymentView | null;
}

export interface MemberDues {
  memberId: number;
  name: string;
  branchName: string;
  status: MemberStatus;
  admittedOn: IsoDate;
  years: { year: number; locked: boolean; row: AssessmentRow | null; months: MonthCell[] }[];
  payments: PaymentView[];
  voluntary: VoluntaryView[];
  arrears: ArrearsRow | null;
}

export const memberDuesQuery = z.strictObject({ memberId: recordId('党员') });

/* ---------- 欠交 ---------- */

export type CaseDecision = 'justified' | 'deadline' | 'proposedLapse';
export const CASE_DECISION_LABEL: Record<CaseDecision, string> = {
  justified: '有正当理由，暂不作处理',
  deadline: '已批评教育，限期补交',
  proposedLapse: '无正当理由，提请支部大会讨论',
};

export interface ArrearsCase {
  id: number;
  streakFrom: Month;
  /** The run's last month when the branch decided; null for decisions recorded before it was kept. */
  streakTo: Month | null;
  decision: CaseDecision;
  decidedOn: IsoDate;
  decidedBy: string;
  deadline: IsoDate | null;
  note: string | null;
}

export type CaseState = RunCaseState;

export interface ArrearsRow {
  memberId: number;
  name: string;
  branchId: number;
  branchName: string;
  /**
   * The run the warnings and the case follow: the longest the branch has not dealt with, which a
   * later payment does not end (only paying back its own months, or the branch's decision).
   */
  streak: Streak;
  /** Every run of consecutive unpaid months, oldest first. */
  runs: Streak[];
  /** Null for a member no longer here (transferred out, 停止党籍, exited): no warning, no case. */
  level: ArrearsLevel | null;
  /** Every unpaid month since the app has kept dues, consecutive or not. */
  unpaidMonths: Month[];
  unpaidFen: Fen;
  /** What the run followed comes to. */
  streakFen: Fen;
  /** The latest decision about the run followed. */
  case: ArrearsCase | null;
  caseState: CaseState;
}

export interface ArrearsView {
  /** Months up to and including this one are counted. */
  asOf: Month;
  rows: ArrearsRow[];
}

export const arrearsQuery = z.strictObject({
  branchId: recordId('党支部')
    .nullable()
    .optional()
    .transform((v) => v ?? null),
  minMonths: wholeNumber('最少欠交月数', 1, 600)
    .optional()
    .transform((v) => v ?? 1),
});

export const decideCaseInput = z.strictObject({
  memberId: recordId('党员'),
  streakFrom: monthField('欠交起始月份'),
  decision: choice('处理意见', ['justified', 'deadline', 'proposedLapse'], CASE_DECISION_LABEL),
  decidedOn: isoDate('研究日期'),
  decidedBy: requiredText('研究的会议', 60),
  deadline: isoDate('补交期限')
    .nullable()
    .optional()
    .transform((v) => v ?? null),
  note: optionalText('情况说明', 500),
});

/* ---------- 自愿多交与大额党费 ---------- */

export interface VoluntaryView {
  id: number;
  memberId: number;
  name: string;
  branchName: string;
  paidOn: IsoDate;
  amountFen: Fen;
  /** 大额党费: remitted whole to 中央. */
  large: boolean;
  /** Exactly at the threshold: whether it counts is UNCONFIRMED, so a person should confirm. */
  atThreshold: boolean;
  receiptNo: string | null;
  profile: string | null;
  note: string | null;
  remittance: { id: number; on: IsoDate; documentNo: string | null } | null;
}

export const voluntaryQuery = z.strictObject({
  year: yearField
    .nullable()
    .optional()
    .transform((v) => v ?? null),
});

export const recordVoluntaryInput = z.strictObject({
  memberId: recordId('党员'),
  paidOn: isoDate('交纳日期'),
  amountFen: fenField('金额').refine((v) => v > 0, { error: '金额应大于0' }),
  receiptNo: optionalText('收据号', 40),
  profile: optionalText('党员简要情况', 1000),
  note: optionalText('备注', 200),
});

/* ---------- 上缴、下拨、使用与结存 ---------- */

export type FundKind = 'opening' | 'remittance' | 'largeRemittance' | 'allocation' | 'expenditure';
export const FUND_KIND_LABEL: Record<FundKind, string> = {
  opening: '期初结存',
  remittance: '上缴党费',
  largeRemittance: '上缴大额党费',
  allocation: '上级下拨',
  expenditure: '党费支出',
};

/** The uses the 2008 规定 permits (arts. 17–21, reference §1.8), and "other" with its basis written out. */
export type ExpenditurePurpose = 'training' | 'materials' | 'commendation' | 'hardship' | 'disaster' | 'other';
export const PURPOSE_LABEL: Record<ExpenditurePurpose, string> = {
  training: '培训党员',
  materials: '订阅或购买用于开展党员教育的报刊、资料、音像制品和设备',
  commendation: '表彰先进基层党组织、优秀共产党员和优秀党务工作者',
  hardship: '补助生活困难的党员',
  disaster: '补助遭受严重自然灾害的党员和修缮因灾受损的基层党员教育设施',
  other: '其他（须写明依据）',
};
export const PURPOSE_SHORT: Record<ExpenditurePurpose, string> = {
  training: '培训党员',
  materials: '党员教育资料设备',
  commendation: '表彰先进',
  hardship: '补助困难党员',
  disaster: '灾害补助',
  other: '其他',
};

export interface FundEntry {
  id: number;
  kind: FundKind;
  on: IsoDate;
  amountFen: Fen;
  duesYear: number | null;
  counterpart: string | null;
  documentNo: string | null;
  purpose: ExpenditurePurpose | null;
  description: string | null;
  decisionBody: string | null;
  decisionOn: IsoDate | null;
  decisionRef: string | null;
  note: string | null;
  /** 上缴大额党费: the large payments it carried. */
  voluntaryIds: number[];
}

export interface FundMovement {
  on: IsoDate;
  /** What the line is, in words ("收缴2026年3月党费（48人次）"). */
  summary: string;
  kind: FundKind | 'collected' | 'voluntary' | 'large';
  incomeFen: Fen;
  expenseFen: Fen;
  balanceFen: Fen;
  reference: string | null;
  entryId: number | null;
}

export interface FundsView {
  year: number;
  movements: FundMovement[];
  entries: FundEntry[];
  summary: {
    openingFen: Fen;
    collectedFen: Fen;
    voluntaryFen: Fen;
    largeReceivedFen: Fen;
    allocationsFen: Fen;
    remittedFen: Fen;
    largeRemittedFen: Fen;
    expendituresFen: Fen;
    byPurpose: { purpose: ExpenditurePurpose; fen: Fen }[];
    closingFen: Fen;
    /** Large payments received and not yet remitted (all years). */
    largePendingFen: Fen;
  };
  /** What the share setting asks to remit for this year's dues, and what has been remitted for them. */
  remittance: { shareBp: number | null; baseFen: Fen; dueFen: Fen | null; remittedFen: Fen };
}

export const fundsQuery = z.strictObject({ year: yearField });

export const recordFundInput = z.strictObject({
  kind: choice('收支类型', ['opening', 'remittance', 'largeRemittance', 'allocation', 'expenditure'], FUND_KIND_LABEL),
  on: isoDate('日期'),
  amountFen: fenField('金额'),
  duesYear: yearField
    .nullable()
    .optional()
    .transform((v) => v ?? null),
  counterpart: optionalText('对方单位', 80),
  documentNo: optionalText('收据或凭证号', 60),
  purpose: choice('支出用途', ['training', 'materials', 'commendation', 'hardship', 'disaster', 'other'], PURPOSE_SHORT)
    .nullable()
    .optional()
    .transform((v) => v ?? null),
  description: optionalText('摘要', 200),
  decisionBody: optionalText('集体研究的会议', 60),
  decisionOn: isoDate('研究日期')
    .nullable()
    .optional()
    .transform((v) => v ?? null),
  decisionRef: optionalText('会议记录或纪要编号', 60),
  note: optionalText('备注', 300),
  voluntaryIds: z
    .array(recordId('大额党费记录'))
    .max(1000)
    .optional()
    .transform((v) => v ?? []),
});

/* ---------- 报表 ---------- */

export type DuesReport = 'assessment' | 'register' | 'ledger' | 'notice' | 'arrears' | 'funds';
export const DUES_REPORT_LABEL: Record<DuesReport, string> = {
  assessment: '党费核定表',
  register: '党费收缴登记表',
  ledger: '党费收缴台账',
  notice: '党费收缴情况公示',
  arrears: '欠交党费党员清单（三清）',
  funds: '党费上缴、使用及结存情况表',
};
/** The documents engine's id for each report. */
export const DUES_DOCUMENT_ID: Record<DuesReport, string> = {
  assessment: 'dues-assessment',
  register: 'dues-register',
  ledger: 'dues-ledger',
  notice: 'dues-notice',
  arrears: 'dues-arrears',
  funds: 'dues-funds',
};

/** What every dues report accepts; each uses what applies to it and defaults the rest from today. */
export const reportParams = z.strictObject({
  year: yearField.optional(),
  month: monthField('月份').optional(),
  branchId: recordId('党支部').optional(),
});
export type ReportParams = z.output<typeof reportParams>;

export const exportReportInput = z.strictObject({
  report: choice('报表', ['assessment', 'register', 'ledger', 'notice', 'arrears', 'funds'], DUES_REPORT_LABEL),
  params: reportParams.optional().transform((v) => v ?? {}),
});

/* ---------- 计算器 ---------- */

export const rateInput = z.strictObject({
  category: duesCategoryField,
  baseFen: fenField('基数')
    .nullable()
    .optional()
    .transform((v) => v ?? null),
  chosenFen: fenField('每月交纳金额')
    .nullable()
    .optional()
    .transform((v) => v ?? null),
  month: monthField('月份')
    .nullable()
    .optional()
    .transform((v) => v ?? null),
});

export interface RateAnswer {
  category: DuesCategory;
  baseFen: Fen | null;
  /** "1.5%", or null for the flat categories. */
  rate: string | null;
  rateBasisPoints: number | null;
  amountFen: Fen;
  explanation: string;
  ruleSet: string;
  rounding: Rounding;
}

/* ---------- 启用月份: where dues stood when the app took over ---------- */

export interface OpeningException {
  memberId: number;
  name: string;
  branchName: string;
  /** 启用时党费已交至: earlier than the organ's, the months after it are arrears. */
  paidTo: Month;
  note: string | null;
}

export interface OpeningView {
  /** 启用月份: the first month the app judges; the months before were kept on paper. Null until set. */
  from: Month | null;
  note: string | null;
  exceptions: OpeningException[];
  /** The earliest assessed year, for the offer to set 启用月份 when it was assessed mid-year. */
  firstYear: number | null;
}

export const setOpeningInput = z.strictObject({
  from: monthField('启用月份').nullable(),
  note: optionalText('说明', 200),
});

export const setOpeningExceptionInput = z.strictObject({
  memberId: recordId('党员'),
  /** Null removes the exception: the member then stands as the organ does. */
  paidTo: monthField('党费已交至').nullable(),
  note: optionalText('说明', 200),
});
