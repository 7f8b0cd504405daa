import { formatChineseDate, isMonthOnly, type IsoDate, type MonthOrDay } from '../../../shared/dates';
import { AppError } from '../../../shared/errors';
import { maskCitizenId } from '../../../shared/members/citizen-id';
import {
  CATEGORY_LABEL,
  DEGREE_LABEL,
  EDUCATION_LABEL,
  EMPLOYMENT_LABEL,
  STATUS_LABEL,
  type Degree,
  type Education,
  type EmploymentCategory,
  type MemberCategory,
} from '../../../shared/members/fields';
import {
  IMPORT_FIELDS,
  REQUIRED_IMPORT_FIELDS,
  SHOWN_PROBLEMS,
  type ImportChange,
  type ImportColumn,
  type ImportField,
  type ImportPreview,
  type ImportProblem,
  type ImportSheet,
  type RowRef,
  rowRef,
  rowRefText,
  type UnitMapping,
} from '../../../shared/members/import-fields';
import {
  memberFieldsSchema,
  MEMBER_FIELD_LABEL,
  type MemberFields,
  type MemberFieldsInput,
} from '../../../shared/members/input';
import { checkMember, type CheckedMember, type RuleContext } from '../../../shared/members/rules';
import type { Db } from '../../db/open';
import { getSettings } from '../../services/settings';
import { count, QUIET_TASK, type Task } from '../../tasks';
import { memberValues, ruleContext, type MemberValues } from '../members';
import type { MemberRow } from '../types';
import { shownValue, type Cell } from './cells';
import { fitsWords, lookOfColumn, mapByValues, otherFieldHint, type ColumnLook } from './column-words';
import { UnitPlan } from './new-units';
import { cellAt, openWorkbook, type Sheet } from './read';
import { branchOfSheetName, defaultSheets, NOTES_ROW, surveySheets, TOTAL_ROW, type SurveyedSheet } from './sheets';
import { normaliseUnitName } from './unit-paths';
import {
  CATEGORY_WORDS,
  DEGREE_WORDS,
  EDUCATION_WORDS,
  EMPLOYMENT_WORDS,
  GENDER_WORDS,
  readChoice,
  readCitizenId,
  readDate,
  readName,
  readText,
  readYesNo,
  STATUS_WORDS,
  type Read,
  monthNoted,
} from './values';

export interface AcceptedRow {
  /** The sheet, when the import reads several. */
  sheet?: string;
  row: number;
  checked: CheckedMember;
  status: 'normal' | 'suspended';
  existing: MemberRow | null;
  changed: boolean;
}

export interface Analysis {
  preview: ImportPreview;
  /** Every problem, for the downloadable list; the preview carries the first SHOWN_PROBLEMS. */
  errors: ImportProblem[];
  accepted: AcceptedRow[];
  missingColumns: ImportField[];
  /** The units the rows name that the organisation lacks, created by the commit on confirmation. */
  units: UnitPlan;
}

/** A user's corrections to the guessed mapping: which field each column holds (null: ignore). */
export type MappingOverride = { index: number; field: ImportField | null }[];

/** What the person decided in the preview: the sheets, the column mapping and which new unit names mean existing units. */
export interface ImportChoices {
  mapping: MappingOverride | null;
  unitMapping: readonly UnitMapping[];
  /** The sheets to read by name; null: the preview's own choice (every branch sheet, or the roster sheet). */
  sheets: readonly string[] | null;
}

/** One sheet as the rows are read from it. */
interface SheetPart {
  sheet: Sheet;
  headerRow: number;
  firstDataRow: number;
  columns: ImportColumn[];
  /** The branch every row belongs to, from the sheet's name, when no column names it. */
  branch: string | null;
  /** The sheet's name on problems and rows, when several sheets are read. */
  label: string | undefined;
  remarks: ImportProblem[];
}

export async function analyseImport(
  db: Db,
  fileName: string,
  bytes: Uint8Array,
  choices: ImportChoices,
  today: IsoDate,
  task: Task = QUIET_TASK,
): Promise<Analysis> {
  const override = choices.mapping;
  task.stage('正在读取工作簿');
  const sheets = await openWorkbook(fileName, bytes, { rowLimit: getSettings(db).importRowLimit });
  const branchNames = new Set(
    (
      db.prepare(`SELECT name FROM org_unit WHERE kind = 'branch' AND dissolved_on IS NULL`).all() as { name: string }[]
    ).map((u) => normaliseUnitName(u.name)),
  );
  const surveyed = surveySheets(sheets, (name) => branchNames.has(name));
  const chosen = choices.sheets ? pickSheets(fileName, surveyed, choices.sheets) : defaultSheets(surveyed);
  if (chosen.length === 0) {
    const sawData = surveyed.some((s) => s.info.kind !== 'empty');
    throw new AppError({
      code: 'INVALID_INPUT',
      message: sawData
        ? `文件“${fileName}”中找不到党员名册的表头：前15行里没有识别出“姓名”“公民身份号码”“所在党支部”“入党日期”等列名。可下载导入模板对照修改。`
        : `文件“${fileName}”的工作表是空的，没有可导入的内容。`,
      detail: sawData ? 'no header found' : 'empty workbook',
      field: 'file',
    });
  }
  const several = chosen.length > 1;
  const parts: SheetPart[] = chosen.map(({ sheet, guess }) => {
    if (!guess) throw noHeader(fileName, sheet.name);
    const byValues = mapByValues(sheet, guess.headerRow, guess.firstDataRow, guess.columns);
    const columns = applyOverride(byValues.columns, override);
    // A remark about a column mapped by its values stands only while the column is still mapped so.
    const remarks = byValues.notices.filter((n) => {
      const column = columns.find((c) => n.column === `${c.header}（${c.letter}列）`);
      const was = byValues.columns.find((c) => c.index === column?.index);
      return column && was && column.field === was.field;
    });
    const label = several ? sheet.name : undefined;
    const branch = columns.some((c) => c.field === 'branch')
      ? null
      : branchOfSheetName(sheet.name, (name) => branchNames.has(name));
    return {
      sheet,
      headerRow: guess.headerRow,
      firstDataRow: guess.firstDataRow,
      columns,
      branch,
      label,
      remarks: label ? remarks.map((r) => ({ sheet: label, ...r })) : remarks,
    };
  });
  const read = new Set(chosen.map((s) => s.sheet));
  const sheetList = surveyed.map((s) => ({ ...s.info, chosen: read.has(s.sheet) }));
  const units = new UnitPlan(db, choices.unitMapping);
  return analyseRows(db, fileName, parts, sheetList, today, units, task);
}

function noHeader(fileName: string, sheetName: string): AppError {
  return new AppError({
    code: 'INVALID_INPUT',
    message: `文件“${fileName}”的工作表“${sheetName}”中找不到党员名册的表头：前15行里没有识别出“姓名”“公民身份号码”“入党日期”等列名。请不要选择这个工作表，或对照导入模板修改。`,
    detail: `no header in sheet ${sheetName}`,
    field: 'sheets',
  });
}

/** The sheets the person chose, by name; a name the workbook does not have is refused, naming those it has. */
function pickSheets(fileName: string, surveyed: SurveyedSheet[], names: readonly string[]): SurveyedSheet[] {
  const byName = new Map(surveyed.map((s) => [s.sheet.name.trim(), s]));
  const picked: SurveyedSheet[] = [];
  for (const name of names) {
    const found = byName.get(name.trim());
    if (!found) {
      throw new AppError({
        code: 'INVALID_INPUT',
        message: `文件“${fileName}”中没有名为“${name}”的工作表。它的工作表是：${surveyed.map((s) => `“${s.sheet.name}”`).join('、')}。`,
        detail: `no sheet ${name}`,
        field: 'sheets',
      });
    }
    if (!picked.includes(found)) picked.push(found);
  }
  return picked;
}

function applyOverride(columns: ImportColumn[], override: MappingOverride | null): ImportColumn[] {
  if (!override) return columns;
  const byIndex = new Map(override.map((o) => [o.index, o.field]));
  const used = new Set<string>();
  return columns.map((column) => {
    const field = byIndex.has(column.index) ? (byIndex.get(column.index) ?? null) : column.field;
    // The columns of a date written over 年 | 月 | 日 share its field, each with its part.
    const part = field === column.field ? column.part : undefined;
    const key = part ? `${field}/${part}` : field;
    if (field && key && used.has(key)) {
      throw new AppError({
        code: 'INVALID_INPUT',
        message: `“${IMPORT_FIELDS[field].label}”被指定给了两列，请只保留一列。`,
        detail: `field ${field} mapped twice`,
        field: 'mapping',
      });
    }
    if (key) used.add(key);
    const { part: _was, ...rest } = column;
    return part ? { ...rest, field, part } : { ...rest, field };
  });
}

/** The notes rows under a table run to its end: a line of 说明 continues on rows holding one cell. */
function filledCells(row: readonly Cell[] | undefined): { count: number; first: string } {
  let count = 0;
  let first = '';
  if (!row) return { count, first };
  for (const cell of row) {
    if (!cell || cell.kind === 'empty') continue;
    const text = shownValue(cell).replace(/\s+/g, '');
    if (!text) continue;
    if (!count) first = text;
    count += 1;
  }
  return { count, first };
}

/** A date written over several columns, put together as the office would write it in one: "1990年3月7日", "1990年3月". */
function composedDate(sheet: Sheet, row: number, parts: readonly ImportColumn[]): Cell {
  const value = (part: 'year' | 'month' | 'day') => {
    const column = parts.find((c) => c.part === part);
    return column ? shownValue(cellAt(sheet, row, column.index)).replace(/\s+/g, '') : '';
  };
  const [y, m, d] = [value('year'), value('month'), value('day')];
  if (!y && !m && !d) return { kind: 'empty' };
  return { kind: 'text', text: `${y}年${m}月${d ? `${d}日` : ''}` };
}

async function analyseRows(
  db: Db,
  fileName: string,
  parts: readonly SheetPart[],
  sheetList: ImportSheet[],
  today: IsoDate,
  units: UnitPlan,
  task: Task,
): Promise<Analysis> {
  const liveRules = ruleContext(db, today);
  // The member rules see the planned units as branches too; rebuilt only when a row plans another.
  let rules = liveRules;
  let rulesFor = 0;
  const existingById = new Map(
    (db.prepare(`SELECT * FROM member WHERE voided_on IS NULL`).all() as MemberRow[]).map((m) => [m.citizen_id, m]),
  );

  const display = (key: keyof MemberValues, value: unknown): string => {
    if (value === null || value === undefined || value === '') return '（空）';
    if (key === 'branch_id' || key === 'party_group_id') return units.nameOf(value as number);
    if (key === 'education') return EDUCATION_LABEL[value as Education] ?? String(value);
    if (key === 'degree') return DEGREE_LABEL[value as Degree] ?? String(value);
    if (key === 'employment_category') return EMPLOYMENT_LABEL[value as EmploymentCategory] ?? String(value);
    if (key === 'is_mobile') return value ? '是' : '否';
    if (key === 'admitted_on' || key === 'full_membership_on' || key === 'lost_contact_since')
      return formatChineseDate(String(value));
    return String(value);
  };

  const errors: ImportProblem[] = [];
  const notices: ImportProblem[] = [];
  const skippedRows: ImportPreview['skippedRows'] = [];
  const accepted: AcceptedRow[] = [];
  const changes: ImportChange[] = [];
  const problemRows: RowRef[] = [];
  const seenIds = new Map<string, RowRef>();
  const missingColumns = new Set<ImportField>();
  let dataRows = 0;
  const rowCount = parts.reduce((sum, p) => sum + Math.max(0, p.sheet.rows.length - p.firstDataRow), 0);
  let checked = 0;

  for (const part of parts) {
    const { sheet, firstDataRow, columns, label } = part;
    const at = label === undefined ? {} : { sheet: label };
    notices.push(...part.remarks);
    const columnOf = new Map<ImportField, ImportColumn>();
    const partsOf = new Map<ImportField, ImportColumn[]>();
    for (const c of columns) {
      if (!c.field) continue;
      if (!columnOf.has(c.field)) columnOf.set(c.field, c);
      if (c.part) partsOf.set(c.field, [...(partsOf.get(c.field) ?? []), c]);
    }
    const columnName = (field: ImportField): string => {
      if (field === 'branch' && part.branch !== null) return '工作表名称';
      const column = columnOf.get(field);
      if (!column) return IMPORT_FIELDS[field].label;
      const spread = partsOf.get(field);
      return spread && spread.length > 1
        ? `${IMPORT_FIELDS[field].label}（${spread.map((c) => c.letter).join('、')}列）`
        : `${column.header}（${column.letter}列）`;
    };
    const missing = REQUIRED_IMPORT_FIELDS.filter((f) => !columnOf.has(f) && !(f === 'branch' && part.branch !== null));
    for (const field of missing) {
      missingColumns.add(field);
      errors.push({
        ...at,
        row: part.headerRow,
        column: '表头',
        value: '',
        message: `没有找到“${IMPORT_FIELDS[field].label}”列，请在列对应中指定，或在表格中补上这一列`,
      });
    }
    // Columns the office hid are read like the others; the preview says so, since nobody sees them in the file.
    for (const c of columns)
      if (c.field && sheet.hiddenColumns.has(c.index))
        notices.push({
          ...at,
          row: part.headerRow,
          column: `${c.header}（${c.letter}列）`,
          value: '',
          message: '这一列在表格中是隐藏的，已按列名一并读取；如不应导入，请在“列对应”中改为“不导入此列”',
        });
    const hiddenRead: number[] = [];

    // A refused word that is another field's word ("在职" under 人员类别) says which field the column looks like.
    const looks = new Map<ImportField, ColumnLook | null>();
    const hinted = (field: ImportField, message: string, value: string): string => {
      const column = columnOf.get(field);
      if (!column || !value || fitsWords(field, value)) return message;
      if (!looks.has(field)) looks.set(field, lookOfColumn(sheet, column.index, firstDataRow, field));
      const hint = otherFieldHint(looks.get(field) ?? null, value);
      return hint ? `${message}。${hint}` : message;
    };

    const mapped = columns.filter((c) => c.field);
    const lastRow = sheet.rows.length - 1;
    let inNotes = false;
    for (let r = firstDataRow; r <= lastRow; r++) {
      checked += 1;
      await task.tick(checked, rowCount, () => `正在校验第 ${count(checked)} / ${count(rowCount)} 行`);
      const cell = (field: ImportField): Cell => {
        if (field === 'branch' && part.branch !== null) return { kind: 'text', text: part.branch };
        const spread = partsOf.get(field);
        if (spread) return composedDate(sheet, r, spread);
        const column = columnOf.get(field);
        return column ? cellAt(sheet, r, column.index) : { kind: 'empty' };
      };
      if (mapped.every((c) => cellAt(sheet, r, c.index).kind === 'empty')) continue;
      const filled = filledCells(sheet.rows[r]);
      // 填表人、审核人、制表日期、说明 under the table, and the lines a 说明 runs on to.
      if (NOTES_ROW.test(filled.first) || (inNotes && filled.count <= 1)) {
        inNotes = true;
        skippedRows.push({ ...at, row: r, reason: '表格下方的说明' });
        continue;
      }
      const nameText = shownValue(cell('name')).replace(/\s+/g, '');
      const firstTexts = columns.slice(0, 3).map((c) => shownValue(cellAt(sheet, r, c.index)).replace(/\s+/g, ''));
      if (firstTexts.some((t) => TOTAL_ROW.test(t)) || TOTAL_ROW.test(nameText)) {
        skippedRows.push({ ...at, row: r, reason: '合计行' });
        continue;
      }
      if (nameText === '姓名') {
        skippedRows.push({ ...at, row: r, reason: '重复的表头行' });
        continue;
      }
      dataRows += 1;
      if (sheet.hiddenRows.has(r)) hiddenRead.push(r);

      const rowProblems: ImportProblem[] = [];
      const problem = (field: ImportField, message: string) => {
        rowProblems.push({ ...at, row: r, column: columnName(field), value: shownValue(cell(field)), message });
      };
      function take<T>(field: ImportField, read: Read<T>): T | null {
        if (!read.ok) {
          problem(field, hinted(field, read.message, shownValue(cell(field))));
          return null;
        }
        if (read.notice)
          notices.push({
            ...at,
            row: r,
            column: columnName(field),
            value: shownValue(cell(field)),
            message: read.notice,
          });
        return read.value;
      }

      const name = take('name', readName(cell('name')));
      const citizenId = take('citizenId', readCitizenId(cell('citizenId')));
      const branchName = take('branch', readText(cell('branch')));
      const groupName = take('partyGroup', readText(cell('partyGroup')));
      const category = take(
        'category',
        readChoice<MemberCategory>(cell('category'), CATEGORY_WORDS, '正式党员 或 预备党员'),
      );
      const status = take(
        'status',
        readChoice(cell('status'), STATUS_WORDS, '正常 或 停止党籍（已出党、已转出的人员不应在名册中）'),
      );
      const lostContact = take('lostContact', readYesNo(cell('lostContact')));
      const isMobile = take('isMobile', readYesNo(cell('isMobile')));

      // A unit the organisation lacks is planned, not refused: the preview lists it and the commit creates it.
      let branchId: number | null = null;
      let partyGroupId: number | null = null;
      if (branchName) {
        const unit = units.resolve(branchName, groupName, `${sheet.name}!${r}`);
        if (unit.ok) {
          branchId = unit.branchId;
          partyGroupId = unit.partyGroupId;
        } else problem(unit.field, unit.message);
      }

      const input: MemberFieldsInput = {
        name: name ?? '',
        gender: take('gender', readChoice(cell('gender'), GENDER_WORDS, '男 或 女')),
        citizenId: citizenId ?? '',
        ethnicity: take('ethnicity', readText(cell('ethnicity'))),
        birthDate: take('birthDate', readDate(cell('birthDate'), 'monthOrDay')),
        education: take(
          'education',
          readChoice(cell('education'), EDUCATION_WORDS, '研究生、大学本科、大学专科、中专、高中、初中及以下'),
        ),
        degree: take('degree', readChoice(cell('degree'), DEGREE_WORDS, '博士、硕士、学士 或 无')),
        nativePlace: take('nativePlace', readText(cell('nativePlace'))),
        branchId: branchId ?? 0,
        partyGroupId,
        admittedOn: take('admittedOn', monthNoted(readDate(cell('admittedOn'), 'monthOrDay'))) ?? '',
        fullMembershipOn: take('fullMembershipOn', monthNoted(readDate(cell('fullMembershipOn'), 'monthOrDay'))),
        jobTitle: take('jobTitle', readText(cell('jobTitle'))),
        phone: take('phone', readText(cell('phone'))),
        address: take('address', readText(cell('address'))),
        lostContactSince: take('lostContactSince', readDate(cell('lostContactSince'), 'day')),
        isMobile: isMobile ?? false,
        mobileDestination: take('mobileDestination', readText(cell('mobileDestination'))),
        partyPost: take('partyPost', readText(cell('partyPost'))),
        adminPost: take('adminPost', readText(cell('adminPost'))),
        employmentCategory:
          take(
            'employmentCategory',
            readChoice(cell('employmentCategory'), EMPLOYMENT_WORDS, '在职、离退休、学生、下岗失业、农民 或 其他'),
          ) ?? undefined,
        introducers: take('introducers', readText(cell('introducers'))),
        note: take('note', readText(cell('note'))),
      };
      if (!name) problem('name', '姓名不能为空');
      if (!citizenId && cell('citizenId').kind === 'empty') problem('citizenId', '公民身份号码不能为空');
      if (!branchName) problem('branch', '所在党支部不能为空');
      if (cell('admittedOn').kind === 'empty') problem('admittedOn', '入党日期不能为空');
      if (lostContact === true && !input.lostContactSince)
        problem('lostContactSince', '标为失联党员时须填写失去联系日期');
      if (lostContact === false && input.lostContactSince)
        problem('lostContact', '填写了失去联系日期，但“是否失联”为否');
      if (category === 'full' && !input.fullMembershipOn) problem('fullMembershipOn', '正式党员须填写转正日期');
      if (category === 'probationary' && input.fullMembershipOn)
        problem('category', `人员类别为“${CATEGORY_LABEL.probationary}”，但填写了转正日期`);

      // The rules run even when a cell was already refused, so one pass reports every problem of the row;
      // a field that already has a problem is not reported twice.
      const reported = new Set(rowProblems.map((p) => p.column));
      const more = (field: ImportField, message: string) => {
        if (!reported.has(columnName(field))) problem(field, message);
      };
      const parsed = memberFieldsSchema.safeParse(input);
      if (!parsed.success) {
        for (const issue of parsed.error.issues) more(importFieldFor(String(issue.path[0] ?? '')), issue.message);
      } else {
        if (rulesFor !== units.size) {
          rules = { ...liveRules, branches: units.branchesForRules(liveRules.branches) };
          rulesFor = units.size;
        }
        const result = keepKnownDays(checkMember(parsed.data, rules), existingById, rules);
        if (!result.ok) {
          for (const issue of result.issues) more(importFieldFor(issue.field), issue.message);
        } else if (rowProblems.length === 0) {
          const id = result.member.citizenId;
          const earlier = seenIds.get(id);
          const existing = existingById.get(id) ?? null;
          if (earlier !== undefined) {
            problem('citizenId', `与${rowRefText(earlier)}的公民身份号码相同，同一人只能出现一次`);
          } else if (existing && status && status !== existing.status) {
            problem(
              'status',
              `名册中该党员的党籍状态为“${STATUS_LABEL[existing.status]}”；党籍状态的变动请在党员页面按程序登记，不能通过导入修改`,
            );
          } else {
            seenIds.set(id, rowRef(label, r));
            const diffs = existing ? differences(existing, memberValues(result.member), display) : [];
            if (existing && diffs.length > 0)
              changes.push({
                ...at,
                row: r,
                name: result.member.fields.name,
                maskedCitizenId: maskCitizenId(id),
                diffs,
              });
            accepted.push({
              ...at,
              row: r,
              checked: result.member,
              status: status ?? 'normal',
              existing,
              changed: existing === null || diffs.length > 0,
            });
          }
        }
      }
      if (rowProblems.length > 0) {
        problemRows.push(rowRef(label, r));
        errors.push(...rowProblems);
      }
    }
    if (hiddenRead.length > 0) {
      const shown = hiddenRead.slice(0, 10).join('、') + (hiddenRead.length > 10 ? ` 等共 ${hiddenRead.length} ` : '');
      notices.push({
        ...at,
        row: hiddenRead[0]!,
        column: '整行',
        value: '',
        message: `第 ${shown} 行在表格中是隐藏的（被筛选或隐藏），已一并读取；如其中有不应导入的人员，请在表格中删去这些行后重新读取`,
      });
    }
  }

  const first = parts[0]!;
  const preview: ImportPreview = {
    fileName,
    sheetName: parts.map((p) => p.sheet.name).join('、'),
    sheets: sheetList,
    headerRow: first.headerRow,
    columns: first.columns,
    rows: dataRows,
    skippedRows,
    valid: missingColumns.size ? 0 : accepted.length,
    newMembers: accepted.filter((a) => !a.existing).length,
    updatedMembers: accepted.filter((a) => a.existing && a.changed).length,
    unchangedMembers: accepted.filter((a) => a.existing && !a.changed).length,
    problemRows,
    errors: errors.slice(0, SHOWN_PROBLEMS),
    errorCount: errors.length,
    notices: notices.slice(0, SHOWN_PROBLEMS),
    noticeCount: notices.length,
    changes: changes.slice(0, SHOWN_PROBLEMS),
    changeCount: changes.length,
    newBranches: units.newUnits(),
  };
  return {
    preview,
    errors,
    accepted: missingColumns.size ? [] : accepted,
    missingColumns: [...missingColumns],
    units,
  };
}

/**
 * A workbook kept to the month does not undo a day the clerk has completed since (日期待补全):
 * where the roster holds a day of the month the row names, the day is kept, if the row still
 * passes the rules with it.
 */
function keepKnownDays(
  result: ReturnType<typeof checkMember>,
  existingById: ReadonlyMap<string, MemberRow>,
  rules: RuleContext,
): ReturnType<typeof checkMember> {
  if (!result.ok) return result;
  const existing = existingById.get(result.member.citizenId);
  if (!existing) return result;
  const known = (written: MonthOrDay | null, stored: MonthOrDay | null) =>
    written && stored && isMonthOnly(written) && stored.startsWith(`${written}-`) ? stored : written;
  const f = result.member.fields;
  const admittedOn = known(f.admittedOn, existing.admitted_on) ?? f.admittedOn;
  const fullMembershipOn = known(f.fullMembershipOn, existing.full_membership_on);
  if (admittedOn === f.admittedOn && fullMembershipOn === f.fullMembershipOn) return result;
  const kept = checkMember({ ...f, admittedOn, fullMembershipOn }, rules);
  return kept.ok ? kept : result;
}

const FIELD_TO_IMPORT: Partial<Record<keyof MemberFields, ImportField>> = {
  branchId: 'branch',
  partyGroupId: 'partyGroup',
  probationExtensionMonths: 'fullMembershipOn',
};

function importFieldFor(field: string): ImportField {
  const mapped = FIELD_TO_IMPORT[field as keyof MemberFields];
  if (mapped) return mapped;
  return (field in IMPORT_FIELDS ? field : 'name') as ImportField;
}

const COMPARED: [keyof MemberValues, string][] = [
  ['name', MEMBER_FIELD_LABEL.name],
  ['ethnicity', MEMBER_FIELD_LABEL.ethnicity],
  ['education', MEMBER_FIELD_LABEL.education],
  ['degree', MEMBER_FIELD_LABEL.degree],
  ['native_place', MEMBER_FIELD_LABEL.nativePlace],
  ['branch_id', MEMBER_FIELD_LABEL.branchId],
  ['party_group_id', MEMBER_FIELD_LABEL.partyGroupId],
  ['admitted_on', MEMBER_FIELD_LABEL.admittedOn],
  ['full_membership_on', MEMBER_FIELD_LABEL.fullMembershipOn],
  ['job_title', MEMBER_FIELD_LABEL.jobTitle],
  ['phone', MEMBER_FIELD_LABEL.phone],
  ['address', MEMBER_FIELD_LABEL.address],
  ['lost_contact_since', MEMBER_FIELD_LABEL.lostContactSince],
  ['is_mobile', MEMBER_FIELD_LABEL.isMobile],
  ['mobile_destination', MEMBER_FIELD_LABEL.mobileDestination],
  ['party_post', MEMBER_FIELD_LABEL.partyPost],
  ['admin_post', MEMBER_FIELD_LABEL.adminPost],
  ['employment_category', MEMBER_FIELD_LABEL.employmentCategory],
  ['introducers', MEMBER_FIELD_LABEL.introducers],
  ['note', MEMBER_FIELD_LABEL.note],
];

/** Only what the sheet says differently; a blank cell for a known value counts as a change to blank. */
function differences(
  existing: MemberRow,
  next: MemberValues,
  display: (key: keyof MemberValues, value: unknown) => string,
): ImportChange['diffs'] {
  const diffs: ImportChange['diffs'] = [];
  for (const [key, label] of COMPARED) {
    const before = (existing as unknown as Record<string, unknown>)[key] ?? null;
    const after = next[key] ?? null;
    if (before !== after) diffs.push({ label, before: display(key, before), after: display(key, after) });
  }
  return diffs;
}
