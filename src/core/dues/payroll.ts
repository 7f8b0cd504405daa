import { calculateDues } from '../../shared/dues/compute';
import {
  fen,
  formatYuan,
  parseYuan,
  yuanFromSpreadsheetNumber,
  type Fen,
  type ParsedMoney,
} from '../../shared/dues/money';
import { CATEGORY_KIND, DUES_CATEGORY_LABEL } from '../../shared/dues/rules';
import { calcSettings, payrollRoleOf, type PayrollItems, type PayrollRole } from '../../shared/dues/settings';
import type { PayrollColumn, PayrollPreview, PayrollResult, PayrollRowPreview } from '../../shared/dues/views';
import { AppError } from '../../shared/errors';
import { checkCitizenId, maskCitizenId } from '../../shared/members/citizen-id';
import { normaliseHeader, SHOWN_PROBLEMS, type ImportProblem } from '../../shared/members/import-fields';
import type { Db } from '../db/open';
import { getSettings } from '../services/settings';
import { shownValue, type Cell } from '../roster/excel/cells';
import { cellAt, columnLetter, openWorkbook, type Sheet } from '../roster/excel/read';
import { NOTES_ROW } from '../roster/excel/sheets';
import { readCitizenId, readName } from '../roster/excel/values';
import { computeColumns, getYear } from './assessment';
import { ruleTable } from './rule-table';
import { DuesBook, termsOf, type VersionRow } from './book';
import { getDuesSettings, writeDuesSettings } from './settings';

/*
 * Bases from the payroll (reference §1.2): the base is the sum of the pay items that count minus
 * tax and the deductions the 2017 notice excludes. Item names differ between provinces, so
 * which column counts is a setting the preview lets a person correct. Rows are matched to the
 * roster by ID number, or by name where the payroll has no ID; people on the payroll who are
 * not on the roster are simply passed over. The commit writes every accepted base, or none.
 */

const NAME_HEADERS = ['姓名', '职工姓名', '人员姓名', '党员姓名', '名字'].map(normaliseHeader);
const ID_HEADERS = [
  '公民身份号码',
  '身份证号',
  '身份证号码',
  '身份证',
  '公民身份证号码',
  '身份证件号码',
  '证件号码',
].map(normaliseHeader);
const TOTAL_ROW = /^(合计|总计|小计|共计)/;

/** The pay items that make a retired member's base (2017 notice: 基本离退休费/基本养老金, 津补贴 excluded). */
const PENSION_ITEMS = [
  '基本离退休费',
  '基本退休费',
  '基本离休费',
  '基本养老金',
  '离退休费',
  '退休费',
  '离休费',
  '养老金',
].map(normaliseHeader);

function isPensionItem(header: string): boolean {
  return PENSION_ITEMS.includes(normaliseHeader(header));
}
const SCAN_ROWS = 15;

export type RoleOverride = { index: number; use: PayrollColumn['use'] }[];

function text(sheet: Sheet, row: number, col: number): string {
  return shownValue(cellAt(sheet, row, col)).replace(/\s+/g, '');
}

function identityUse(header: string): 'name' | 'citizenId' | null {
  const h = normaliseHeader(header);
  if (NAME_HEADERS.includes(h)) return 'name';
  if (ID_HEADERS.includes(h)) return 'citizenId';
  return null;
}

interface HeaderGuess {
  sheet: Sheet;
  headerRow: number;
  firstDataRow: number;
  columns: PayrollColumn[];
}

/** The row naming 姓名 and the most pay items; a second header row (merged groups such as "应发项目") is read into it. */
function guessHeader(sheets: Sheet[], items: PayrollItems): HeaderGuess | null {
  let best: HeaderGuess | null = null;
  let bestScore = 0;
  for (const sheet of sheets) {
    for (let r = 1; r <= Math.min(SCAN_ROWS, sheet.rows.length - 1); r++) {
      const upper = Array.from({ length: sheet.columnCount }, (_, i) => text(sheet, r, i + 1));
      if (!upper.some((h) => identityUse(h) === 'name')) continue;
      const lower = Array.from({ length: sheet.columnCount }, (_, i) => text(sheet, r + 1, i + 1));
      // A second header row (names under merged group cells such as "应发项目") holds no amounts and no
      // ID numbers, and names a pay item or fills a column the first row leaves empty.
      const lowerCells = Array.from({ length: sheet.columnCount }, (_, i) => cellAt(sheet, r + 1, i + 1));
      const twoRows =
        lower.some(Boolean) &&
        lowerCells.every((c) => c.kind === 'empty' || c.kind === 'text') &&
        !lower.some((l) => /^[\d.,-]+$/.test(l) || checkCitizenId(l).ok) &&
        lower.some((l, i) => l && (identityUse(l) !== null || payrollRoleOf(l, items) !== 'ignore' || !upper[i]));
      const headers = upper.map((u, i) => (twoRows && lower[i] ? lower[i]! : u));
      const columns: PayrollColumn[] = [];
      let score = 0;
      headers.forEach((header, i) => {
        if (!header) return;
        const identity = identityUse(header);
        const use = identity ?? payrollRoleOf(header, items);
        if (use !== 'ignore') score += 1;
        columns.push({ index: i + 1, letter: columnLetter(i + 1), header, use });
      });
      if (score > bestScore) {
        bestScore = score;
        best = { sheet, headerRow: r, firstDataRow: r + (twoRows ? 2 : 1), columns };
      }
    }
  }
  return best;
}

function applyRoles(columns: PayrollColumn[], roles: RoleOverride | null): PayrollColumn[] {
  if (!roles) return columns;
  const byIndex = new Map(roles.map((r) => [r.index, r.use]));
  const next = columns.map((c) => ({ ...c, use: byIndex.get(c.index) ?? c.use }));
  for (const unique of ['name', 'citizenId'] as const) {
    if (next.filter((c) => c.use === unique).length > 1) {
      throw new AppError({
        code: 'INVALID_INPUT',
        message: `“${unique === 'name' ? '姓名' : '身份证号'}”被指定给了两列，请只保留一列。`,
        detail: `${unique} twice`,
        field: 'roles',
      });
    }
  }
  return next;
}

function readMoney(cell: Cell): ParsedMoney | null {
  switch (cell.kind) {
    case 'empty':
      return null;
    case 'number':
      return yuanFromSpreadsheetNumber(cell.value);
    case 'text':
      return cell.text.trim() === '-' ? null : parseYuan(cell.text);
    case 'error':
      return { ok: false, message: `单元格内容是错误值“${cell.text}”` };
    default:
      return { ok: false, message: '不是金额' };
  }
}

interface Analysis {
  preview: PayrollPreview;
  accepted: { row: number; version: VersionRow; baseFen: Fen; working: string }[];
  columns: PayrollColumn[];
}

export async function analysePayroll(
  db: Db,
  year: number,
  fileName: string,
  bytes: Uint8Array,
  roles: RoleOverride | null,
): Promise<Analysis> {
  if (!getYear(db, year)) {
    throw new AppError({
      code: 'NOT_FOUND',
      message: `${year}年度尚未生成党费核定表，请先生成，再导入工资表中的基数。`,
      detail: 'no dues year',
      field: 'year',
    });
  }
  const settings = getDuesSettings(db);
  const sheets = await openWorkbook(fileName, bytes, { rowLimit: getSettings(db).importRowLimit });
  const guess = guessHeader(sheets, settings.payrollItems);
  if (!guess) {
    throw new AppError({
      code: 'INVALID_INPUT',
      message: `文件“${fileName}”中找不到工资表的表头：前${SCAN_ROWS}行里没有“姓名”列。请确认选择的是工资表。`,
      detail: 'no payroll header',
      field: 'file',
    });
  }
  const { sheet, headerRow, firstDataRow } = guess;
  const columns = applyRoles(guess.columns, roles);
  const nameCol = columns.find((c) => c.use === 'name');
  const idCol = columns.find((c) => c.use === 'citizenId');
  const adds = columns.filter((c) => c.use === 'add');
  const subtracts = columns.filter((c) => c.use === 'subtract');
  const errors: ImportProblem[] = [];
  const notices: ImportProblem[] = [];
  if (!nameCol) errors.push({ row: headerRow, column: '表头', value: '', message: '没有“姓名”列，请在列用途中指定' });
  if (adds.length === 0)
    errors.push({
      row: headerRow,
      column: '表头',
      value: '',
      message: `没有识别出计入基数的工资项目（如${settings.payrollItems.add.slice(0, 3).join('、')}），请在列用途中指定哪些列计入基数`,
    });

  const book = DuesBook.load(db, { years: { from: year, to: year } });
  const byId = new Map<string, number>();
  const byName = new Map<string, number[]>();
  for (const m of db.prepare(`SELECT id, name, citizen_id FROM member WHERE voided_on IS NULL`).all() as {
    id: number;
    name: string;
    citizen_id: string;
  }[]) {
    byId.set(m.citizen_id, m.id);
    byName.set(m.name, [...(byName.get(m.name) ?? []), m.id]);
  }
  const rows: PayrollRowPreview[] = [];
  const accepted: Analysis['accepted'] = [];
  const problemRows = new Set<number>();
  const matchedRow = new Map<number, number>();
  const calc = calcSettings(settings);
  const table = ruleTable(db);
  const label = (c: PayrollColumn) => `${c.header}（${c.letter}列）`;

  let inNotes = false;
  for (let r = firstDataRow; r <= sheet.rows.length - 1 && nameCol; r++) {
    const used = columns.filter((c) => c.use !== 'ignore');
    if (used.every((c) => cellAt(sheet, r, c.index).kind === 'empty')) continue;
    // 制表人、审核人、说明 under the table (and the one-cell lines a 说明 runs on to) are not pay rows,
    // even where "审核人：…" sits in the 身份证号 column.
    const filled = (sheet.rows[r] ?? []).map((c) => (c ? shownValue(c).replace(/\s+/g, '') : '')).filter(Boolean);
    if (NOTES_ROW.test(filled[0] ?? '') || (inNotes && filled.length <= 1)) {
      inNotes = true;
      continue;
    }
    const first = columns.slice(0, 3).map((c) => text(sheet, r, c.index));
    const nameRead = readName(cellAt(sheet, r, nameCol.index));
    const name = nameRead.ok ? (nameRead.value ?? '') : '';
    if (first.some((t) => TOTAL_ROW.test(t)) || TOTAL_ROW.test(name) || identityUse(name) === 'name') continue;
    const problems: ImportProblem[] = [];
    const problem = (column: string, value: string, message: string) =>
      problems.push({ row: r, column, value, message });

    let citizenId: string | null = null;
    if (idCol) {
      const idRead = readCitizenId(cellAt(sheet, r, idCol.index));
      if (!idRead.ok) problem(label(idCol), shownValue(cellAt(sheet, r, idCol.index)), idRead.message);
      else if (idRead.value) {
        const checked = checkCitizenId(idRead.value);
        if (checked.ok) citizenId = checked.id;
        else problem(label(idCol), idRead.value, checked.message);
      }
    }
    let memberId: number | null = null;
    let matchedBy: PayrollRowPreview['matchedBy'] = null;
    if (citizenId) {
      memberId = byId.get(citizenId) ?? null;
      if (memberId !== null) matchedBy = 'citizenId';
    } else if (problems.length === 0 && name) {
      const same = (byName.get(name) ?? []).filter((id) => book.members.has(id));
      if (same.length === 1) {
        memberId = same[0]!;
        matchedBy = 'name';
      } else if (same.length > 1) {
        problem(
          label(nameCol),
          name,
          `名册中有 ${same.length} 名“${name}”，无法仅凭姓名区分，请在工资表中填写身份证号`,
        );
      }
    }
    const member = memberId === null ? undefined : book.members.get(memberId);
    if (member && matchedBy === 'citizenId' && member.name !== name) {
      notices.push({
        row: r,
        column: label(nameCol),
        value: name,
        message: `工资表中的姓名与名册中的“${member.name}”不同，已按身份证号匹配`,
      });
    }
    if (!member) {
      // Not on the roster: most of a payroll is not Party members. Only a refused ID is a problem.
      if (problems.length) {
        problemRows.add(r);
        errors.push(...problems);
      }
      continue;
    }
    if (matchedRow.has(member.id)) {
      problem(label(nameCol), name, `与第${matchedRow.get(member.id)}行是同一名党员，同一人只能出现一次`);
    } else {
      matchedRow.set(member.id, r);
    }

    // The base depends on whom the row belongs to (reference §1.4): for 离退休 members only the
    // basic pension counts — 基本离退休费 / 基本养老金 — and 津补贴 do not, whatever the organ counts
    // for working staff; no deduction applies to it.
    const version = book.original(member.id, year);
    const retired = version?.category === 'retired';
    let base = 0;
    const parts: string[] = [];
    const leftOut: string[] = [];
    for (const c of [...adds, ...subtracts]) {
      const cell = cellAt(sheet, r, c.index);
      const money = readMoney(cell);
      if (money === null) continue;
      if (!money.ok) {
        problem(label(c), shownValue(cell), money.message);
        continue;
      }
      if (money.notice) notices.push({ row: r, column: label(c), value: shownValue(cell), message: money.notice });
      if (money.fen === 0) continue;
      if (retired && !(c.use === 'add' && isPensionItem(c.header))) {
        leftOut.push(`${c.header} ${formatYuan(money.fen)}`);
        continue;
      }
      const sign = c.use === 'add' ? 1 : -1;
      base += sign * money.fen;
      parts.push(
        `${parts.length === 0 ? (sign < 0 ? '− ' : '') : sign > 0 ? '+ ' : '− '}${c.header} ${formatYuan(money.fen)}`,
      );
    }
    const working =
      `${parts.join(' ') || '（各项为空）'} = ${formatYuan(base)}` +
      (leftOut.length ? `（离退休党员只计基本离退休费或基本养老金，${leftOut.join('、')}不计入）` : '');
    if (retired && problems.length === 0 && parts.length === 0)
      problem(
        label(nameCol),
        name,
        `${member.name}按离退休党员交纳，基数为基本离退休费或基本养老金，但这一行没有这样的列或金额为空`,
      );
    if (problems.length === 0 && base < 0)
      problem('基数', formatYuan(base), `计入项目减去扣除项目后为负数（${working}），请核对列用途`);
    if (!version)
      problem(label(nameCol), name, `${member.name}没有${year}年度的党费核定，请先在“年度核定”中更新核定表`);
    else if (book.isLocked(version))
      problem(label(nameCol), name, `${member.name}的${year}年度党费已核定锁定，基数的变动请用“调整”逐人登记`);
    const percentage = version ? CATEGORY_KIND[version.category] === 'percentage' : false;
    if (version && !book.isLocked(version) && !percentage && problems.length === 0) {
      notices.push({
        row: r,
        column: label(nameCol),
        value: name,
        message: `${member.name}按“${DUES_CATEGORY_LABEL[version.category]}”交纳，不按工资基数计算，未更新`,
      });
    }
    let amount: Fen | null = null;
    if (version && percentage && problems.length === 0) {
      const result = calculateDues({ ...termsOf(version), baseFen: base }, version.effective_from, calc, table);
      if (result.ok) amount = result.amountFen;
      else problem('基数', formatYuan(base), result.message);
    }
    const ok = problems.length === 0;
    rows.push({
      row: r,
      name: member.name,
      maskedCitizenId: citizenId ? maskCitizenId(citizenId) : '',
      memberId: member.id,
      matchedBy,
      baseFen: ok ? fen(base) : null,
      working: ok ? working : null,
      currentBaseFen: version?.base_fen === null || version?.base_fen === undefined ? null : fen(version.base_fen),
      amountFen: amount,
      ok,
    });
    if (!ok) {
      problemRows.add(r);
      errors.push(...problems);
    } else if (version && percentage) {
      accepted.push({ row: r, version, baseFen: fen(base), working });
    }
  }

  const inFile = new Set(rows.map((r) => r.memberId));
  const notInFile = [...book.members.values()]
    .filter(
      (m) =>
        book.original(m.id, year) &&
        !inFile.has(m.id) &&
        CATEGORY_KIND[book.original(m.id, year)!.category] === 'percentage',
    )
    .map((m) => ({ memberId: m.id, name: m.name, branchName: m.branchName }));
  return {
    columns,
    accepted,
    preview: {
      fileName,
      sheetName: sheet.name,
      headerRow,
      columns,
      rows,
      matched: rows.length,
      changed: accepted.filter((a) => a.baseFen !== a.version.base_fen || a.version.base_source !== 'payroll').length,
      problemRows: [...problemRows].sort((a, b) => a - b),
      errors: errors.slice(0, SHOWN_PROBLEMS),
      errorCount: errors.length,
      notices: notices.slice(0, SHOWN_PROBLEMS),
      noticeCount: notices.length,
      notInFile,
    },
  };
}

export function commitPayroll(
  db: Db,
  year: number,
  analysis: Analysis,
  skipRows: readonly number[],
  rememberRoles: boolean,
): PayrollResult {
  const { preview } = analysis;
  if (preview.errors.some((e) => e.column === '表头')) {
    throw new AppError({
      code: 'RULE_VIOLATION',
      message: `工资表的列用途不完整：${preview.errors
        .filter((e) => e.column === '表头')
        .map((e) => e.message)
        .join('；')}。没有导入任何数据。`,
      detail: 'header problems',
      field: 'roles',
    });
  }
  const skip = new Set(skipRows);
  const undecided = preview.problemRows.filter((r) => !skip.has(r));
  if (undecided.length) {
    const shown = undecided.slice(0, 10).join('、') + (undecided.length > 10 ? ` 行等共 ${undecided.length}` : '');
    throw new AppError({
      code: 'RULE_VIOLATION',
      message: `第 ${shown} 行有问题，既没有改正也没有选择跳过，没有导入任何数据。请在工资表中改正后重新读取，或确认跳过这些行。`,
      detail: `undecided rows ${undecided.join(',')}`,
      field: 'skipRows',
    });
  }
  let updated = 0;
  let unchanged = 0;
  const settings = getDuesSettings(db);
  const write = db.prepare(
    `UPDATE dues_assessment SET base_fen = @base_fen, base_source = 'payroll', base_working = @base_working,
       amount_fen = @amount_fen, rule_set = @rule_set, rule_set_from = @rule_set_from, rate_bp = @rate_bp, standard = @standard, explanation = @explanation,
       capped = @capped, problem = @problem
     WHERE id = @id`,
  );
  const table = ruleTable(db);
  db.transaction(() => {
    for (const a of analysis.accepted) {
      if (skip.has(a.row)) continue;
      if (
        a.baseFen === a.version.base_fen &&
        a.version.base_source === 'payroll' &&
        a.version.base_working === a.working
      ) {
        unchanged += 1;
        continue;
      }
      // The analysis checked the row is open and its terms compute; the amount is computed once more with the new base.
      write.run({
        id: a.version.id,
        base_fen: a.baseFen,
        base_working: a.working,
        ...computeColumns({ ...termsOf(a.version), baseFen: a.baseFen }, a.version.effective_from, settings, table),
      });
      updated += 1;
    }
    if (rememberRoles) rememberColumnRoles(db, analysis.columns);
  })();
  return {
    updated,
    unchanged,
    skipped: [...skip].filter((r) => preview.problemRows.includes(r)).sort((a, b) => a - b),
  };
}

/** Keeps a person's corrections to the column roles for the next payroll. */
function rememberColumnRoles(db: Db, columns: PayrollColumn[]): void {
  const items = getDuesSettings(db).payrollItems;
  const add = new Set(items.add);
  const subtract = new Set(items.subtract);
  for (const c of columns) {
    if (c.use === 'name' || c.use === 'citizenId') continue;
    const current = payrollRoleOf(c.header, items);
    if (current === c.use) continue;
    for (const list of [add, subtract])
      for (const item of [...list]) if (normaliseHeader(item) === normaliseHeader(c.header)) list.delete(item);
    if (c.use === 'add') add.add(c.header);
    if (c.use === 'subtract') subtract.add(c.header);
  }
  writeDuesSettings(db, { payrollItems: { add: [...add], subtract: [...subtract] } });
}

export type { PayrollRole };
