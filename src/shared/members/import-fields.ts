/**
 * The columns an imported roster may have, with the header spellings found in real office
 * spreadsheets. Matching ignores spaces, line breaks, "*", "（必填）" and bracketed notes.
 */
export const IMPORT_FIELDS = {
  name: { label: '姓名', aliases: ['姓名', '党员姓名', '名字'] },
  gender: { label: '性别', aliases: ['性别'] },
  citizenId: {
    label: '公民身份号码',
    aliases: ['公民身份号码', '身份证号', '身份证号码', '身份证', '公民身份证号码', '身份证件号码', '证件号码'],
  },
  ethnicity: { label: '民族', aliases: ['民族'] },
  birthDate: { label: '出生日期', aliases: ['出生日期', '出生年月', '出生年月日', '生日'] },
  nativePlace: { label: '籍贯', aliases: ['籍贯'] },
  education: { label: '学历', aliases: ['学历', '文化程度', '最高学历', '全日制学历'] },
  degree: { label: '学位', aliases: ['学位', '最高学位'] },
  category: { label: '人员类别', aliases: ['人员类别', '党员类别', '正式/预备', '正式或预备', '党员类型', '类别'] },
  branch: {
    label: '所在党支部',
    aliases: ['所在党支部', '党支部', '所在支部', '支部', '所属支部', '所属党支部', '党组织', '所在党组织'],
  },
  partyGroup: { label: '党小组', aliases: ['党小组', '所在党小组'] },
  admittedOn: { label: '入党日期', aliases: ['入党日期', '入党时间', '入党年月', '加入党组织日期'] },
  fullMembershipOn: { label: '转正日期', aliases: ['转正日期', '转正时间', '转正年月'] },
  jobTitle: { label: '工作岗位', aliases: ['工作岗位', '岗位', '工作单位及职务', '工作单位及岗位', '单位及职务'] },
  phone: { label: '联系电话', aliases: ['联系电话', '电话', '手机', '手机号', '手机号码', '联系方式', '移动电话'] },
  address: { label: '家庭住址', aliases: ['家庭住址', '住址', '家庭地址', '现居住地', '居住地址'] },
  status: { label: '党籍状态', aliases: ['党籍状态', '党籍'] },
  lostContact: { label: '是否失联', aliases: ['是否失联', '失联', '是否为失联党员', '失联党员'] },
  lostContactSince: { label: '失去联系日期', aliases: ['失去联系日期', '失联日期', '失联时间'] },
  isMobile: { label: '是否流动党员', aliases: ['是否流动党员', '流动党员', '是否为流动党员', '流动'] },
  mobileDestination: { label: '外出流向', aliases: ['外出流向', '流向', '流动去向'] },
  partyPost: { label: '党内职务', aliases: ['党内职务', '现任党内职务'] },
  adminPost: { label: '行政职务/职级', aliases: ['行政职务/职级', '行政职务', '职务', '职级', '职务职级', '现任职务'] },
  employmentCategory: { label: '人员身份', aliases: ['人员身份', '在职/离退休', '身份', '工作状态', '就业状态'] },
  introducers: { label: '入党介绍人', aliases: ['入党介绍人', '介绍人'] },
  note: { label: '备注', aliases: ['备注', '说明'] },
} as const;

export type ImportField = keyof typeof IMPORT_FIELDS;
export const IMPORT_FIELD_KEYS = Object.keys(IMPORT_FIELDS) as ImportField[];

/** Columns without which a row cannot be a member. */
export const REQUIRED_IMPORT_FIELDS: readonly ImportField[] = ['name', 'citizenId', 'branch', 'admittedOn'];

export function normaliseHeader(text: string): string {
  return text
    .replace(/\s+/g, '')
    .replace(/[（(][^）)]*[）)]/g, '')
    .replace(/[*＊:：]/g, '')
    .replace(/／/g, '/');
}

const BY_ALIAS = new Map<string, ImportField>();
for (const key of IMPORT_FIELD_KEYS)
  for (const alias of IMPORT_FIELDS[key].aliases) BY_ALIAS.set(normaliseHeader(alias), key);

export function fieldForHeader(text: string): ImportField | null {
  return BY_ALIAS.get(normaliseHeader(text)) ?? null;
}

export interface ImportColumn {
  /** 1-based worksheet column. */
  index: number;
  /** The column letter as Excel shows it ("A", "AB"). */
  letter: string;
  header: string;
  field: ImportField | null;
  /** A date written over several columns ("出生年月" merged over 年 | 月 | 日): which part this column holds. */
  part?: 'year' | 'month' | 'day';
}

/**
 * A row of the workbook: its worksheet row number, or, when the import reads several sheets
 * (one per branch), the sheet and the row, since row 5 is then in every sheet.
 */
export type RowRef = number | { sheet: string; row: number };

export function rowRef(sheet: string | undefined, row: number): RowRef {
  return sheet === undefined ? row : { sheet, row };
}

export function rowRefKey(ref: RowRef): string {
  return typeof ref === 'number' ? String(ref) : `${ref.sheet}!${ref.row}`;
}

/** "第5行", or "工作表“第一党支部”第5行". */
export function rowRefText(ref: RowRef): string {
  return typeof ref === 'number' ? `第${ref}行` : `工作表“${ref.sheet}”第${ref.row}行`;
}

/** A sheet of the workbook as the preview lists it, for the person to choose which are read. */
export interface ImportSheet {
  name: string;
  /**
   * roster: names its people and their branches; branch: names its people, no branch column, and
   * its name is a branch's (one sheet per branch); other: a 汇总 of counts, notes, anything else;
   * empty: nothing in it.
   */
  kind: 'roster' | 'branch' | 'other' | 'empty';
  /** Data rows under its header (0 unless kind is roster or branch). */
  rows: number;
  /** For a branch sheet, the branch its rows go to (its name, without a bracketed note). */
  branch: string | null;
  hidden: boolean;
  /** Read in this preview. */
  chosen: boolean;
}

export interface ImportProblem {
  /** The worksheet, when the import reads several sheets. */
  sheet?: string;
  /** The worksheet row as Excel numbers it. */
  row: number;
  /** The column's header as written in the file (or the field's name). */
  column: string;
  value: string;
  message: string;
}

export interface ImportChange {
  /** The worksheet, when the import reads several sheets. */
  sheet?: string;
  row: number;
  name: string;
  maskedCitizenId: string;
  diffs: { label: string; before: string; after: string }[];
}

/** A 党总支, 党支部 or 党小组 the workbook names and the organisation does not have yet. */
export interface NewUnit {
  /** As the preview shows it: the path from the nearest existing unit, "第一党总支/第二党支部". */
  name: string;
  kind: 'generalBranch' | 'branch' | 'partyGroup';
  /** Rows that name it (for a 总支, the rows under its new branches too). */
  rows: number;
  /** Existing units of the same kind whose names are near misses (机关一支部 / 机关第一党支部), or the same name elsewhere. */
  similar: { unitId: number; name: string }[];
}

/** The person's decision that a name in the workbook means an existing unit. */
export interface UnitMapping {
  name: string;
  unitId: number;
}

/**
 * A preview lists at most this many problems, notices and changes (issue 11: a workbook with a
 * million bad rows once made a 331 MB reply); the counts say how many there are, and the full
 * list of problems is downloaded as a workbook.
 */
export const SHOWN_PROBLEMS = 1000;

export interface ImportPreview {
  fileName: string;
  /** The sheet read, or the sheets read joined with "、". */
  sheetName: string;
  /** Every sheet of the workbook, those read marked chosen. */
  sheets: ImportSheet[];
  /** The header row of the (first) sheet read. */
  headerRow: number;
  /** The columns of the (first) sheet read; a mapping the person corrects applies to every sheet read. */
  columns: ImportColumn[];
  /** Data rows read (blank, total and notes rows are not counted). */
  rows: number;
  skippedRows: { sheet?: string; row: number; reason: string }[];
  valid: number;
  newMembers: number;
  updatedMembers: number;
  unchangedMembers: number;
  /** Every row with at least one problem, in workbook order (at most the import's row cap). */
  problemRows: RowRef[];
  /** The first SHOWN_PROBLEMS problems; errorCount says how many there are. */
  errors: ImportProblem[];
  errorCount: number;
  /** Accepted with a remark (e.g. a date given only to the month): the first SHOWN_PROBLEMS. */
  notices: ImportProblem[];
  noticeCount: number;
  /** The first SHOWN_PROBLEMS members whose rows change what the roster holds. */
  changes: ImportChange[];
  changeCount: number;
  /** Units the commit creates, on the person's confirmation (createBranches), parents first. */
  newBranches: NewUnit[];
}

export interface ImportResult {
  ok: boolean;
  rows: number;
  valid: number;
  imported: number;
  added: number;
  updated: number;
  skipped: RowRef[];
  errors: ImportProblem[];
  /** Units made with the members, as the preview named them. */
  createdBranches: string[];
}
