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
import { guessHeader } from './header';
import { UnitPlan } from './new-units';
import { cellAt, openWorkbook, type Sheet } from './read';
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

/** What the person decided in the preview: the column mapping and which new unit names mean existing units. */
export interface ImportChoices {
  mapping: MappingOverride | null;
  unitMapping: readonly UnitMapping[];
}

const TOTAL_ROW = /^(合计|总计|小计|共计|总数)/;

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
  let chosen: { sheet: Sheet; guess: NonNullable<ReturnType<typeof guessHeader>> } | null = null;
  let sawData = false;
  for (const sheet of sheets) {
    if (sheet.rows.some((r) => r && r.some((c) => c && c.kind !== 'empty'))) sawData = true;
    const guess = guessHeader(sheet);
    const score = guess?.columns.filter((c) => c.field).length ?? 0;
    if (guess && score > (chosen?.guess.columns.filter((c) => c.field).length ?? 0)) chosen = { sheet, guess };
  }
  if (!chosen) {
    throw new AppError({
      code: 'INVALID_INPUT',
      message: sawData
        ? `文件“${fileName}”中找不到党员名册的表头：前15行里没有识别出“姓名”“公民身份号码”“所在党支部”“入党日期”等列名。可下载导入模板对照修改。`
        : `文件“${fileName}”的工作表是空的，没有可导入的内容。`,
      detail: sawData ? 'no header found' : 'empty workbook',
      field: 'file',
    });
  }
  const { sheet, guess } = chosen;
  const byValues = mapByValues(sheet, guess.headerRow, guess.firstDataRow, guess.columns);
  const columns = applyOverride(byValues.columns, override);
  // A remark about a column mapped by its values stands only while the column is still mapped so.
  const remarks = byValues.notices.filter((n) => {
    const column = columns.find((c) => n.column === `${c.header}（${c.letter}列）`);
    const was = byValues.columns.find((c) => c.index === column?.index);
    return column && was && column.field === was.field;
  });
  const units = new UnitPlan(db, choices.unitMapping);
  return analyseRows(db, fileName, sheet, guess.headerRow, guess.firstDataRow, columns, today, units, remarks, task);
}

function applyOverride(columns: ImportColumn[], override: MappingOverride | null): ImportColumn[] {
  if (!override) return columns;
  const byIndex = new Map(override.map((o) => [o.index, o.field]));
  const used = new Set<ImportField>();
  return columns.map((column) => {
    const field = byIndex.has(column.index) ? (byIndex.get(column.index) ?? null) : column.field;
    if (field && used.has(field)) {
      throw new AppError({
        code: 'INVALID_INPUT',
        message: `“${IMPORT_FIELDS[field].label}”被指定给了两列，请只保留一列。`,
        detail: `field ${field} mapped twice`,
        field: 'mapping',
      });
    }
    if (field) used.add(field);
    return { ...column, field };
  });
}

async function analyseRows(
  db: Db,
  fileName: string,
  sheet: Sheet,
  headerRow: number,
  firstDataRow: number,
  columns: ImportColumn[],
  today: IsoDate,
  units: UnitPlan,
  remarks: ImportProblem[],
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
  const columnOf = new Map<ImportField, ImportColumn>();
  for (const c of columns) if (c.field) columnOf.set(c.field, c);
  const missingColumns = REQUIRED_IMPORT_FIELDS.filter((f) => !columnOf.has(f));

  const errors: ImportProblem[] = [];
  const notices: ImportProblem[] = [...remarks];
  const skippedRows: { row: number; reason: string }[] = [];
  const accepted: AcceptedRow[] = [];
  const changes: ImportChange[] = [];
  const problemRows = new Set<number>();
  const seenIds = new Map<string, number>();
  let dataRows = 0;

  // A refused word that is another field's word ("在职" under 人员类别) says which field the column looks like.
  const looks = new Map<ImportField, ColumnLook | null>();
  const hinted = (field: ImportField, message: string, value: string): string => {
    const column = columnOf.get(field);
    if (!column || !value || fitsWords(field, value)) return message;
    if (!looks.has(field)) looks.set(field, lookOfColumn(sheet, column.index, firstDataRow, field));
    const hint = otherFieldHint(looks.get(field) ?? null, value);
    return hint ? `${message}。${hint}` : message;
  };

  for (const field of missingColumns) {
    errors.push({
      row: headerRow,
      column: '表头',
      value: '',
      message: `没有找到“${IMPORT_FIELDS[field].label}”列，请在列对应中指定，或在表格中补上这一列`,
    });
  }

  const lastRow = sheet.rows.length - 1;
  const rowCount = lastRow - firstDataRow + 1;
  for (let r = firstDataRow; r <= lastRow; r++) {
    const checked = r - firstDataRow + 1;
    await task.tick(checked, rowCount, () => `正在校验第 ${count(checked)} / ${count(rowCount)} 行`);
    const cell = (field: ImportField): Cell => {
      const column = columnOf.get(field);
      return column ? cellAt(sheet, r, column.index) : { kind: 'empty' };
    };
    const mapped = columns.filter((c) => c.field);
    if (mapped.every((c) => cellAt(sheet, r, c.index).kind === 'empty')) continue;
    const nameText = shownValue(cell('name')).replace(/\s+/g, '');
    const firstTexts = columns.slice(0, 3).map((c) => shownValue(cellAt(sheet, r, c.index)).replace(/\s+/g, ''));
    if (firstTexts.some((t) => TOTAL_ROW.test(t)) || TOTAL_ROW.test(nameText)) {
      skippedRows.push({ row: r, reason: '合计行' });
      continue;
    }
    if (nameText === '姓名') {
      skippedRows.push({ row: r, reason: '重复的表头行' });
      continue;
    }
    dataRows += 1;

    const rowProblems: ImportProblem[] = [];
    const problem = (field: ImportField, message: string) => {
      const column = columnOf.get(field);
      rowProblems.push({
        row: r,
        column: column ? `${column.header}（${column.letter}列）` : IMPORT_FIELDS[field].label,
        value: shownValue(cell(field)),
        message,
      });
    };
    function take<T>(field: ImportField, read: Read<T>): T | null {
      if (!read.ok) {
        problem(field, hinted(field, read.message, shownValue(cell(field))));
        return null;
      }
      if (read.notice) {
        const column = columnOf.get(field);
        notices.push({
          row: r,
          column: column ? `${column.header}（${column.letter}列）` : IMPORT_FIELDS[field].label,
          value: shownValue(cell(field)),
          message: read.notice,
        });
      }
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
    if (lostContact === false && input.lostContactSince) problem('lostContact', '填写了失去联系日期，但“是否失联”为否');
    if (category === 'full' && !input.fullMembershipOn) problem('fullMembershipOn', '正式党员须填写转正日期');
    if (category === 'probationary' && input.fullMembershipOn)
      problem('category', `人员类别为“${CATEGORY_LABEL.probationary}”，但填写了转正日期`);

    // The rules run even when a cell was already refused, so one pass reports every problem of the row;
    // a field that already has a problem is not reported twice.
    const reported = new Set(rowProblems.map((p) => p.column));
    const more = (field: ImportField, message: string) => {
      const column = columnOf.get(field);
      if (!reported.has(column ? `${column.header}（${column.letter}列）` : IMPORT_FIELDS[field].label))
        problem(field, message);
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
          problem('citizenId', `与第${earlier}行的公民身份号码相同，同一人只能出现一次`);
        } else if (existing && status && status !== existing.status) {
          problem(
            'status',
            `名册中该党员的党籍状态为“${STATUS_LABEL[existing.status]}”；党籍状态的变动请在党员页面按程序登记，不能通过导入修改`,
          );
        } else {
          seenIds.set(id, r);
          const diffs = existing ? differences(existing, memberValues(result.member), display) : [];
          if (existing && diffs.length > 0)
            changes.push({ row: r, name: result.member.fields.name, maskedCitizenId: maskCitizenId(id), diffs });
          accepted.push({
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
      problemRows.add(r);
      errors.push(...rowProblems);
    }
  }

  const preview: ImportPreview = {
    fileName,
    sheetName: sheet.name,
    headerRow,
    columns,
    rows: dataRows,
    skippedRows,
    valid: missingColumns.length ? 0 : accepted.length,
    newMembers: accepted.filter((a) => !a.existing).length,
    updatedMembers: accepted.filter((a) => a.existing && a.changed).length,
    unchangedMembers: accepted.filter((a) => a.existing && !a.changed).length,
    problemRows: [...problemRows].sort((a, b) => a - b),
    errors: errors.slice(0, SHOWN_PROBLEMS),
    errorCount: errors.length,
    notices: notices.slice(0, SHOWN_PROBLEMS),
    noticeCount: notices.length,
    changes: changes.slice(0, SHOWN_PROBLEMS),
    changeCount: changes.length,
    newBranches: units.newUnits(),
  };
  return { preview, errors, accepted: missingColumns.length ? [] : accepted, missingColumns, units };
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
