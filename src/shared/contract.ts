import { z } from 'zod';
import type { IsoDate } from './dates';
import {
  documentExportInput,
  documentPreviewInput,
  type DocumentInfo,
  type DocumentPreview,
  type ExportedFile,
} from './documents';
import type { AuditVerification } from './audit/chain';
import type { BackupInfo, TransferCheck, TransferPreview } from './custody';
import { divisionIdInput, divisionNameInput, renameDivisionInput, type Division } from './divisions';
import { draftInput, draftKeyInput, type DraftView } from './drafts';
import type { DuesStats, MembershipStats } from './stats';
import { fileInput, type FileOutput } from './files';
import {
  previewRuleSetInput,
  removeRuleSetInput,
  ruleSetInput,
  type RuleSetPreview,
  type RuleSetView,
} from './dues/rule-sets';
import { duesSettingsInput, type DuesSettings } from './dues/settings';
import * as dues from './dues/views';
import { dutySettingsInput, type DutySettings } from './duties/settings';
import * as duties from './duties/views';
import type { MeetingSettings } from './meetings/rules';
import * as meetings from './meetings/views';
import { addDecisionInput, rightsQueryInput, voidDecisionInput, type VotersOn } from './members/decisions';
import { IMPORT_FIELD_KEYS, type ImportField, type ImportPreview, type ImportResult } from './members/import-fields';
import type { ProbationEndConvention } from './members/probation';
import {
  addMemberInput,
  memberEventInput,
  memberIdInput,
  receiptInput,
  rosterQuerySchema,
  updateMemberInput,
  voidMemberInput,
  type MemberDetail,
  type RosterPage,
} from './members/views';
import type { ShapeWarning } from './org-shape';
import {
  COMMITTEE_KIND_LABEL,
  POST_LABEL,
  UNIT_KIND_LABEL,
  type CommitteeKind,
  type OrgUnitKind,
  type PostKind,
  type TermState,
} from './org';
import {
  choice,
  isoDate,
  noInput,
  optionalIsoDate,
  optionalText,
  recordId,
  requiredText,
  secretText,
  wholeNumber,
} from './validation';

export type { AuditChainCheck, AuditRewind, AuditVerification } from './audit/chain';

/* ---------- what the channels return ---------- */

/** Which door a change came through: recorded in the audit log. */
export type Via = 'desktop' | 'web' | 'cli' | 'test';

export type AppStatus =
  | { state: 'needsSetup'; dataFile: string; appVersion: string; via: Via }
  | {
      state: 'locked';
      dataFile: string;
      appVersion: string;
      via: Via;
      retryAfterSeconds: number;
      /**
       * The keys file: there; missing with its copy beside the backups (the password restores it);
       * or missing with no copy (nothing here can open the data).
       */
      keys: 'present' | 'restorable' | 'missing';
    }
  | {
      state: 'ready';
      dataFile: string;
      appVersion: string;
      via: Via;
      schemaVersion: number;
      organ: Organ;
      today: IsoDate;
      /** The data file is encrypted and opens with the office's password. */
      encrypted: boolean;
      idleLockMinutes: number;
    };

/** The first run's answer: the organ, and the recovery code when a password was set (shown once). */
export interface SetupResult extends Organ {
  recoveryCode: string | null;
}

export interface Organ {
  name: string;
  committeeKind: CommitteeKind;
  committeeName: string;
  superiorName: string;
  createdAt: string;
}

export interface CommitteePost {
  id: number;
  unitId: number;
  post: PostKind;
  holderName: string;
  startedOn: IsoDate | null;
  endedOn: IsoDate | null;
  note: string | null;
}

export interface OrgUnit {
  id: number;
  kind: OrgUnitKind;
  parentId: number | null;
  name: string;
  foundedOn: IsoDate | null;
  termStartedOn: IsoDate | null;
  termYears: number | null;
  dissolvedOn: IsoDate | null;
  note: string | null;
  term: TermState;
  /** Current posts first in the conventional order; ended posts kept as history. */
  posts: CommitteePost[];
  /**
   * Size and shape (reference §3.5), for a 党支部 and for the organ's own top unit (whose count is
   * the whole organ's); null for the rest and for dissolved units.
   */
  shape: UnitShape | null;
}

export interface UnitShape {
  /** Members on the roster with 党籍 正常, 正式 and 预备. */
  members: number;
  full: number;
  warnings: ShapeWarning[];
}

export interface Settings {
  /** Days before a term ends that the app starts warning (issue: 60). */
  termWarningDays: number;
  /** Minutes without use after which an encrypted workbench locks itself; 0: never. */
  idleLockMinutes: number;
  /** Probation ends on the anniversary or the day before: UNCONFIRMED (reference §5.2), so a setting. */
  probationEndConvention: ProbationEndConvention;
  /** The most data rows one roster or payroll import reads (issue 11: a file declaring a million rows must not take the machine). */
  importRowLimit: number;
}

export interface AuditEntry {
  id: number;
  at: string;
  actor: string;
  action: 'insert' | 'update' | 'delete';
  entity: string;
  entityId: number | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  reason: string | null;
  /** The member a row names only by member_id (dues, member events), looked up when the log is read. */
  memberName?: string;
}

export type ReminderKind =
  | 'termEndingSoon'
  | 'termExpired'
  | 'branchShape'
  | 'organShape'
  | 'probationEnding'
  | 'probationOverdue'
  | 'admissionDayMissing'
  | 'receiptOverdue'
  | 'lostContactLong'
  | 'suspendedTwoYears'
  // 党费
  | 'duesNotAssessed'
  | 'duesArrears'
  | 'duesArrearsSerious'
  | 'duesArrearsCase'
  | 'duesArrearsDeadlinePassed'
  | 'duesLargeUnremitted'
  | 'duesRemittanceDue'
  // 一岗双责
  | 'dutiesOverdue'
  | 'dutiesDueSoon'
  // 民主生活会、组织生活会
  | 'meetingStepLate'
  | 'meetingItemOverdue';

/** Something to do before a deadline; `subject` says which screen handles it. */
export interface Reminder {
  kind: ReminderKind;
  subject:
    | { kind: 'unit'; id: number }
    | { kind: 'member'; id: number }
    // 党费: a member's dues page, or the dues screen for a year
    | { kind: 'duesMember'; id: number }
    | { kind: 'dues'; id: number }
    // 一岗双责: a team member's page, or the year's overview (the team's own list)
    | { kind: 'dutiesLeader'; id: number }
    | { kind: 'duties'; id: number }
    // 民主生活会、组织生活会: the meeting's page
    | { kind: 'meeting'; id: number };
  message: string;
  dueOn: IsoDate;
  severity: 'warning' | 'overdue';
  /**
   * Reminders with the same key are one line on 工作台 (src/shared/reminders.ts), read as
   * "{subject}：{item}、{item}共N{unit}{state}": a meeting's late steps, for one.
   */
  merge?: { key: string; subject: string; item: string; unit: string; state: string };
}

/* ---------- what the channels accept ---------- */

const committeeKind = choice('党组织类型', ['committee', 'generalBranch', 'branch'], COMMITTEE_KIND_LABEL);
const unitKind = choice('组织类型', ['committee', 'generalBranch', 'branch', 'partyGroup'], UNIT_KIND_LABEL);
const postKind = choice(
  '职务',
  ['secretary', 'deputySecretary', 'organisation', 'propaganda', 'discipline', 'committeeMember', 'groupLeader'],
  POST_LABEL,
);

export const organSetupInput = z.strictObject({
  organName: requiredText('机关名称', 60),
  committeeKind,
  committeeName: requiredText('党组织名称', 80),
  // May be filled in later: a new clerk does not always know the superior's formal name.
  superiorName: optionalText('上级党组织', 80).transform((v) => v ?? ''),
  foundedOn: optionalIsoDate('成立日期'),
  termStartedOn: optionalIsoDate('本届任期开始日期'),
  branches: z
    .array(requiredText('党支部名称', 60), { error: '首批党支部应为名称列表' })
    .max(200, { error: '首批党支部一次最多200个' }),
  /** Optional: with a password the data file is encrypted from the start. */
  password: secretText('密码')
    .nullable()
    .optional()
    .transform((v) => v ?? null),
});

export const organUpdateInput = z.strictObject({
  organName: requiredText('机关名称', 60),
  committeeName: requiredText('党组织名称', 80),
  superiorName: optionalText('上级党组织', 80).transform((v) => v ?? ''),
});

const unitFields = {
  name: requiredText('组织名称', 60),
  foundedOn: optionalIsoDate('成立日期'),
  termStartedOn: optionalIsoDate('本届任期开始日期'),
  termYears: wholeNumber('任期年限', 1, 10)
    .nullable()
    .optional()
    .transform((v) => v ?? null),
  note: optionalText('备注'),
};

export const addUnitInput = z.strictObject({
  kind: unitKind,
  parentId: recordId('上级组织'),
  ...unitFields,
});

export const updateUnitInput = z.strictObject({
  id: recordId('组织'),
  parentId: recordId('上级组织').nullable(),
  ...unitFields,
});

export const dissolveUnitInput = z.strictObject({
  id: recordId('组织'),
  dissolvedOn: isoDate('撤销日期'),
  reason: requiredText('撤销原因', 200),
});

export const addPostInput = z.strictObject({
  unitId: recordId('组织'),
  post: postKind,
  holderName: requiredText('任职人姓名', 30),
  startedOn: optionalIsoDate('任职日期'),
  note: optionalText('备注', 200),
});

export const endPostInput = z.strictObject({
  id: recordId('职务记录'),
  endedOn: isoDate('离任日期'),
});

export const removePostInput = z.strictObject({
  id: recordId('职务记录'),
  reason: requiredText('删除原因', 200),
});

/** Each setting may be changed alone; what is not sent keeps its value. */
export const settingsInput = z.strictObject({
  termWarningDays: wholeNumber('任期届满提前提醒天数', 1, 365).optional(),
  idleLockMinutes: wholeNumber('无操作自动加锁分钟数', 0, 240).optional(),
  probationEndConvention: choice('预备期届满日算法', ['anniversary', 'dayBefore'], {
    anniversary: '满一年之日',
    dayBefore: '满一年的前一日',
  }).optional(),
  importRowLimit: wholeNumber('导入行数上限', 100, 1_000_000).optional(),
});

const mappingInput = z
  .array(
    z.strictObject({
      index: wholeNumber('列号', 1, 16384),
      field: z.enum(IMPORT_FIELD_KEYS as [ImportField, ...ImportField[]]).nullable(),
    }),
    {
      error: '列对应应为列表',
    },
  )
  .nullable()
  .optional()
  .transform((v) => v ?? null);

export const passwordUnlockInput = z.strictObject({ password: secretText('密码') });
export const recoverInput = z.strictObject({
  recoveryCode: secretText('恢复码', { max: 60, required: true }),
  newPassword: secretText('新密码'),
});
/** The recovery code shown before encryption starts, as the clerk confirmed it (typed back, or the whole code after copying or printing it). */
const confirmedRecoveryCode = secretText('恢复码', { max: 60, required: true });
export const setPasswordInput = z.strictObject({ password: secretText('密码'), recoveryCode: confirmedRecoveryCode });
export const replaceRecoveryCodeInput = z.strictObject({ recoveryCode: confirmedRecoveryCode });
export const changePasswordInput = z.strictObject({ current: secretText('原密码'), next: secretText('新密码') });
export const backupIdInput = z.strictObject({
  id: requiredText('备份', 120).regex(/^party-office-[\w-]+$/, { error: '备份编号不正确' }),
});
const pathText = (label: string) => requiredText(label, 1000);
export const exportDataInput = z.strictObject({ passphrase: secretText('导出口令'), target: pathText('导出位置') });
export const importDataInput = z.strictObject({
  source: pathText('要导入的文件'),
  passphrase: secretText('导出口令'),
  /** The file is another organ's data and the user has said to go ahead. */
  acceptDifferentOrgan: z
    .boolean()
    .optional()
    .transform((v) => v ?? false),
  /** The file's audit log does not verify and the user, warned which entry breaks it, has said to go ahead. */
  acceptBrokenAuditLog: z
    .boolean()
    .optional()
    .transform((v) => v ?? false),
});
export const verifyInput = z.strictObject({ source: pathText('要检查的文件'), passphrase: secretText('导出口令') });
export const auditQueryInput = z
  .strictObject({
    limit: wholeNumber('条数', 1, 5000).optional(),
    entity: z.string().max(40).optional(),
    actor: z.string().max(60).optional(),
    from: optionalIsoDate('开始日期'),
    to: optionalIsoDate('结束日期'),
  })
  .optional()
  .transform((v) => v ?? { from: null, to: null });

/** New unit names from the workbook that the person says are existing units (机关一支部 → 机关第一党支部). */
const unitMappingInput = z
  .array(z.strictObject({ name: requiredText('表格中的党组织名称', 200), unitId: recordId('党组织') }), {
    error: '党组织对应应为列表',
  })
  .max(1000)
  .optional()
  .transform((v) => v ?? []);
/** The sheets to read, by name (one sheet per branch); absent: the ones the preview chooses itself. */
const sheetsInput = z
  .array(requiredText('工作表名称', 31), { error: '工作表应为名称列表' })
  .min(1, '请至少选择一个工作表')
  .max(1000)
  .optional()
  .transform((v) => v ?? null);
const rowNumber = wholeNumber('行号', 1, 1_048_576);
export const importPreviewInput = z.strictObject({
  file: fileInput,
  mapping: mappingInput,
  unitMapping: unitMappingInput,
  sheets: sheetsInput,
});
export const importCommitInput = z.strictObject({
  file: fileInput,
  mapping: mappingInput,
  unitMapping: unitMappingInput,
  sheets: sheetsInput,
  /** Row numbers, or sheet and row where several sheets are read: the preview's problemRows. */
  skipRows: z
    .array(z.union([rowNumber, z.strictObject({ sheet: requiredText('工作表名称', 31), row: rowNumber })]), {
      error: '跳过的行应为行号列表',
    })
    .max(1_048_576),
  /** Create the 党支部 (总支, 小组) the workbook names that the organisation lacks, with the members. */
  createBranches: z
    .boolean({ error: '“建立表格中的新党支部”应为是或否' })
    .optional()
    .transform((v) => v ?? false),
});
export const exportInput = z.strictObject({ query: rosterQuerySchema.optional().transform((v) => v ?? {}) });

/* ---------- the contract ---------- */

interface ChannelSpec<S extends z.ZodType, O> {
  input: S;
  /** Phantom: the output type only exists for the compiler. */
  output?: O;
  /** Whether the channel changes data (the web transport refuses GET for all channels anyway). */
  mutates: boolean;
}

export const cancelTaskInput = z.strictObject({ task: z.string().min(1).max(64) });

function query<S extends z.ZodType, O>(input: S): ChannelSpec<S, O> {
  return { input, mutates: false };
}
function command<S extends z.ZodType, O>(input: S): ChannelSpec<S, O> {
  return { input, mutates: true };
}

export const contract = {
  'app.status': query<typeof noInput, AppStatus>(noInput),
  // Long work: the screen names its call with a task id (beside the input) and may cancel it.
  'task.cancel': command<typeof cancelTaskInput, { cancelled: boolean }>(cancelTaskInput),
  /** 导出诊断信息: the diagnostic log and versions as a zip, no data; works before set-up and while locked. */
  'diagnostics.export': query<typeof noInput, FileOutput>(noInput),
  'organ.setup': command<typeof organSetupInput, SetupResult>(organSetupInput),
  'organ.update': command<typeof organUpdateInput, Organ>(organUpdateInput),
  'org.units': query<typeof noInput, OrgUnit[]>(noInput),
  'org.addUnit': command<typeof addUnitInput, OrgUnit>(addUnitInput),
  'org.updateUnit': command<typeof updateUnitInput, OrgUnit>(updateUnitInput),
  'org.dissolveUnit': command<typeof dissolveUnitInput, OrgUnit>(dissolveUnitInput),
  // 处室/部门 (src/shared/divisions.ts)
  'org.divisions': query<typeof noInput, Division[]>(noInput),
  'org.addDivision': command<typeof divisionNameInput, Division[]>(divisionNameInput),
  'org.renameDivision': command<typeof renameDivisionInput, Division[]>(renameDivisionInput),
  'org.dissolveDivision': command<typeof divisionIdInput, Division[]>(divisionIdInput),
  'org.addPost': command<typeof addPostInput, CommitteePost>(addPostInput),
  'org.endPost': command<typeof endPostInput, CommitteePost>(endPostInput),
  'org.removePost': command<typeof removePostInput, { removed: true }>(removePostInput),
  'settings.get': query<typeof noInput, Settings>(noInput),
  'settings.update': command<typeof settingsInput, Settings>(settingsInput),
  'reminders.list': query<typeof noInput, Reminder[]>(noInput),
  'audit.list': query<typeof auditQueryInput, AuditEntry[]>(auditQueryInput),
  'audit.export': query<typeof auditQueryInput, FileOutput>(auditQueryInput),
  'audit.verify': query<typeof noInput, AuditVerification>(noInput),

  // 数据安全：密码、备份、U盘导出导入
  'custody.unlock': command<typeof passwordUnlockInput, { unlocked: true; keysRestored: boolean }>(passwordUnlockInput),
  'custody.recover': command<typeof recoverInput, { recoveryCode: string }>(recoverInput),
  'custody.lock': command<typeof noInput, { locked: true }>(noInput),
  // A recovery code is shown (and held, unused) first; 设置密码 or 更换恢复码 takes it back confirmed.
  'custody.newRecoveryCode': command<typeof noInput, { recoveryCode: string }>(noInput),
  'custody.setPassword': command<typeof setPasswordInput, { encrypted: true }>(setPasswordInput),
  'custody.replaceRecoveryCode': command<typeof replaceRecoveryCodeInput, { replaced: true }>(replaceRecoveryCodeInput),
  'custody.changePassword': command<typeof changePasswordInput, { changed: true }>(changePasswordInput),
  'backup.list': query<typeof noInput, BackupInfo[]>(noInput),
  'backup.create': command<typeof noInput, BackupInfo>(noInput),
  'backup.restore': command<typeof backupIdInput, { restored: BackupInfo; safety: BackupInfo }>(backupIdInput),
  'backup.recoverDamaged': command<typeof noInput, { restored: BackupInfo; damagedFile: string }>(noInput),
  'backup.export': command<
    typeof exportDataInput,
    { file: string; bytes: number; sha256: string; counts: Record<string, number> }
  >(exportDataInput),
  'backup.previewImport': query<typeof importDataInput, TransferPreview>(importDataInput),
  'backup.import': command<typeof importDataInput, TransferPreview>(importDataInput),
  'backup.verify': query<typeof verifyInput, TransferCheck>(verifyInput),

  // 党员名册
  'roster.search': query<typeof rosterQuerySchema, RosterPage>(rosterQuerySchema),
  'roster.get': query<typeof memberIdInput, MemberDetail>(memberIdInput),
  'roster.add': command<typeof addMemberInput, MemberDetail>(addMemberInput),
  'roster.update': command<typeof updateMemberInput, MemberDetail>(updateMemberInput),
  'roster.recordEvent': command<typeof memberEventInput, MemberDetail>(memberEventInput),
  'roster.recordReceipt': command<typeof receiptInput, MemberDetail>(receiptInput),
  'roster.void': command<typeof voidMemberInput, MemberDetail>(voidMemberInput),
  'roster.addDecision': command<typeof addDecisionInput, MemberDetail>(addDecisionInput),
  'roster.voidDecision': command<typeof voidDecisionInput, MemberDetail>(voidDecisionInput),
  /** Who may vote and be elected on a day (发展党员 and every branch vote count from this). */
  'roster.rights': query<typeof rightsQueryInput, VotersOn>(rightsQueryInput),
  'roster.importPreview': query<typeof importPreviewInput, ImportPreview>(importPreviewInput),
  'roster.importCommit': command<typeof importCommitInput, ImportResult>(importCommitInput),
  'roster.importProblems': query<typeof importPreviewInput, FileOutput>(importPreviewInput),
  'roster.export': query<typeof exportInput, FileOutput>(exportInput),
  'roster.template': query<typeof noInput, FileOutput>(noInput),

  // 文档与打印
  'documents.list': query<typeof noInput, DocumentInfo[]>(noInput),
  'documents.preview': query<typeof documentPreviewInput, DocumentPreview>(documentPreviewInput),
  'documents.export': query<typeof documentExportInput, ExportedFile>(documentExportInput),

  // 党费
  'dues.settings': query<typeof noInput, DuesSettings>(noInput),
  'dues.updateSettings': command<typeof duesSettingsInput, DuesSettings>(duesSettingsInput),
  'dues.rate': query<typeof dues.rateInput, dues.RateAnswer>(dues.rateInput),
  'dues.ruleSets': query<typeof noInput, RuleSetView[]>(noInput),
  'dues.previewRuleSet': query<typeof previewRuleSetInput, RuleSetPreview>(previewRuleSetInput),
  'dues.addRuleSet': command<typeof ruleSetInput, RuleSetView[]>(ruleSetInput),
  'dues.removeRuleSet': command<typeof removeRuleSetInput, RuleSetView[]>(removeRuleSetInput),
  'dues.years': query<typeof noInput, dues.DuesYearSummary[]>(noInput),
  'dues.assessment': query<typeof dues.assessmentQuery, dues.AssessmentView>(dues.assessmentQuery),
  'dues.assess': command<typeof dues.yearInput, dues.AssessResult>(dues.yearInput),
  'dues.setTerms': command<typeof dues.setTermsInput, dues.AssessmentRow>(dues.setTermsInput),
  'dues.setStart': command<typeof dues.setStartInput, dues.AssessmentRow>(dues.setStartInput),
  'dues.lock': command<typeof dues.yearInput, { locked: number }>(dues.yearInput),
  'dues.unlock': command<typeof dues.unlockInput, { unlocked: true }>(dues.unlockInput),
  'dues.adjust': command<typeof dues.adjustInput, { row: dues.AssessmentRow; paidMonthsKept: string[] }>(
    dues.adjustInput,
  ),
  'dues.payrollPreview': query<typeof dues.payrollPreviewInput, dues.PayrollPreview>(dues.payrollPreviewInput),
  'dues.payrollCommit': command<typeof dues.payrollCommitInput, dues.PayrollResult>(dues.payrollCommitInput),
  'dues.collection': query<typeof dues.collectionQuery, dues.CollectionView>(dues.collectionQuery),
  'dues.recordPayments': command<typeof dues.recordPaymentsInput, dues.RecordPaymentsResult>(dues.recordPaymentsInput),
  'dues.voidPayment': command<typeof dues.voidInput, { voided: true }>(dues.voidInput),
  'dues.member': query<typeof dues.memberDuesQuery, dues.MemberDues>(dues.memberDuesQuery),
  'dues.arrears': query<typeof dues.arrearsQuery, dues.ArrearsView>(dues.arrearsQuery),
  'dues.decideCase': command<typeof dues.decideCaseInput, dues.ArrearsCase>(dues.decideCaseInput),
  'dues.opening': query<typeof noInput, dues.OpeningView>(noInput),
  'dues.setOpening': command<typeof dues.setOpeningInput, dues.OpeningView>(dues.setOpeningInput),
  'dues.setOpeningException': command<typeof dues.setOpeningExceptionInput, dues.OpeningView>(
    dues.setOpeningExceptionInput,
  ),
  'dues.voluntary': query<typeof dues.voluntaryQuery, dues.VoluntaryView[]>(dues.voluntaryQuery),
  'dues.recordVoluntary': command<typeof dues.recordVoluntaryInput, dues.VoluntaryView>(dues.recordVoluntaryInput),
  'dues.voidVoluntary': command<typeof dues.voidInput, { voided: true }>(dues.voidInput),
  'dues.funds': query<typeof dues.fundsQuery, dues.FundsView>(dues.fundsQuery),
  'dues.recordFund': command<typeof dues.recordFundInput, dues.FundEntry>(dues.recordFundInput),
  'dues.voidFund': command<typeof dues.voidInput, { voided: true }>(dues.voidInput),
  'dues.exportReport': query<typeof dues.exportReportInput, FileOutput>(dues.exportReportInput),

  // 一岗双责
  'duties.settings': query<typeof noInput, DutySettings>(noInput),
  'duties.updateSettings': command<typeof dutySettingsInput, DutySettings>(dutySettingsInput),
  'duties.years': query<typeof noInput, duties.YearSummary[]>(noInput),
  'duties.overview': query<typeof duties.yearInput, duties.DutiesOverview>(duties.yearInput),
  'duties.team': query<typeof duties.yearInput, duties.LeaderView[]>(duties.yearInput),
  'duties.addLeader': command<typeof duties.addLeaderInput, duties.LeaderView>(duties.addLeaderInput),
  'duties.updateLeader': command<typeof duties.updateLeaderInput, duties.LeaderView>(duties.updateLeaderInput),
  'duties.removeLeader': command<typeof duties.removeLeaderInput, { removed: true }>(duties.removeLeaderInput),
  'duties.copyYear': command<typeof duties.copyYearInput, { leaders: number; items: number }>(duties.copyYearInput),
  'duties.person': query<typeof duties.leaderIdInput, duties.PersonView>(duties.leaderIdInput),
  'duties.library': query<typeof noInput, duties.LibraryView>(noInput),
  'duties.items': query<typeof duties.ownerInput, duties.ItemView[]>(duties.ownerInput),
  'duties.addItem': command<typeof duties.addItemInput, duties.ItemView>(duties.addItemInput),
  'duties.updateItem': command<typeof duties.updateItemInput, duties.ItemView>(duties.updateItemInput),
  'duties.removeItem': command<typeof duties.itemIdInput, { removed: true }>(duties.itemIdInput),
  'duties.addFromLibrary': command<typeof duties.libraryAddInput, { added: number; skipped: number }>(
    duties.libraryAddInput,
  ),
  'duties.copyList': command<typeof duties.ownerInput, { added: number; skipped: number }>(duties.ownerInput),
  'duties.records': query<typeof duties.recordsQuery, duties.RecordView[]>(duties.recordsQuery),
  'duties.addRecord': command<typeof duties.addRecordInput, duties.RecordView>(duties.addRecordInput),
  'duties.updateRecord': command<typeof duties.updateRecordInput, duties.RecordView>(duties.updateRecordInput),
  'duties.voidRecord': command<typeof duties.voidRecordInput, duties.RecordView>(duties.voidRecordInput),
  'duties.addEvidence': command<typeof duties.addEvidenceInput, duties.EvidenceView>(duties.addEvidenceInput),
  'duties.removeEvidence': command<typeof duties.removeEvidenceInput, { removed: true }>(duties.removeEvidenceInput),
  'duties.evidenceFile': query<typeof duties.evidenceIdInput, FileOutput>(duties.evidenceIdInput),
  'duties.signLetter': command<typeof duties.signLetterInput, duties.LetterView>(duties.signLetterInput),
  'duties.unsignLetter': command<typeof duties.unsignLetterInput, { removed: true }>(duties.unsignLetterInput),
  'duties.report': query<typeof duties.leaderIdInput, duties.ReportView>(duties.leaderIdInput),
  'duties.saveReport': command<typeof duties.saveReportInput, duties.ReportView>(duties.saveReportInput),
  'duties.talks': query<typeof duties.talksQuery, duties.TalkView[]>(duties.talksQuery),
  'duties.unmetItems': query<typeof duties.unmetQuery, duties.UnmetItem[]>(duties.unmetQuery),

  // 民主生活会、组织生活会 (src/shared/meetings)
  'meetings.settings': query<typeof noInput, MeetingSettings>(noInput),
  'meetings.updateSettings': command<typeof meetings.meetingSettingsInput, MeetingSettings>(
    meetings.meetingSettingsInput,
  ),
  'meetings.list': query<typeof noInput, meetings.MeetingSummary[]>(noInput),
  'meetings.get': query<typeof meetings.meetingIdInput, meetings.MeetingView>(meetings.meetingIdInput),
  'meetings.create': command<typeof meetings.createMeetingInput, meetings.MeetingView>(meetings.createMeetingInput),
  'meetings.update': command<typeof meetings.updateMeetingInput, meetings.MeetingView>(meetings.updateMeetingInput),
  'meetings.setAttendance': command<typeof meetings.attendanceInput, meetings.MeetingView>(meetings.attendanceInput),
  'meetings.addStudy': command<typeof meetings.studyInput, meetings.MeetingView>(meetings.studyInput),
  'meetings.updateStudy': command<typeof meetings.updateStudyInput, meetings.MeetingView>(meetings.updateStudyInput),
  'meetings.addOpinion': command<typeof meetings.opinionInput, meetings.MeetingView>(meetings.opinionInput),
  'meetings.addTalk': command<typeof meetings.talkInput, meetings.MeetingView>(meetings.talkInput),
  'meetings.removeEntry': command<typeof meetings.removeEntryInput, meetings.MeetingView>(meetings.removeEntryInput),
  'meetings.saveMaterial': command<typeof meetings.materialInput, meetings.MeetingView>(meetings.materialInput),
  'meetings.reviewMaterial': command<typeof meetings.reviewMaterialInput, meetings.MeetingView>(
    meetings.reviewMaterialInput,
  ),
  'meetings.saveSpeech': command<typeof meetings.speechInput, meetings.MeetingView>(meetings.speechInput),
  'meetings.addRectification': command<typeof meetings.rectificationInput, meetings.MeetingView>(
    meetings.rectificationInput,
  ),
  'meetings.updateRectification': command<typeof meetings.rectificationUpdateInput, meetings.MeetingView>(
    meetings.rectificationUpdateInput,
  ),
  'meetings.saveAppraisal': command<typeof meetings.appraisalInput, meetings.MeetingView>(meetings.appraisalInput),
  'meetings.drafts': query<typeof meetings.meetingIdInput, { plan: string; report: string }>(meetings.meetingIdInput),

  // 工作台统计 (src/shared/stats.ts)
  'stats.membership': query<typeof noInput, MembershipStats>(noInput),
  'stats.dues': query<typeof noInput, DuesStats>(noInput),

  // 草稿：长文本边写边存，保存或放弃后删除 (src/shared/drafts.ts)
  'drafts.get': query<typeof draftKeyInput, { draft: DraftView | null }>(draftKeyInput),
  'drafts.put': command<typeof draftInput, DraftView>(draftInput),
  'drafts.discard': command<typeof draftKeyInput, { discarded: true }>(draftKeyInput),
} as const;

export type Contract = typeof contract;
export type Channel = keyof Contract;
/** What a caller sends (before defaults and trimming). */
export type Input<C extends Channel> = z.input<Contract[C]['input']>;
/** What a handler receives (after validation). */
export type ParsedInput<C extends Channel> = z.output<Contract[C]['input']>;
export type Output<C extends Channel> = NonNullable<Contract[C]['output']>;

export const CHANNELS = Object.keys(contract) as Channel[];

export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract, name);
}

/** The one call shape every transport offers the renderer. */
export type Invoke = <C extends Channel>(channel: C, input: Input<C>) => Promise<Output<C>>;

export { IPC_EVENT, IPC_INVOKE, type AppEvent, type BridgeApi } from './bridge';
