import type { ImportSheet } from '../../../shared/members/import-fields';
import { shownValue } from './cells';
import { guessHeader, type HeaderGuess } from './header';
import { cellAt, type Sheet } from './read';
import { normaliseUnitName } from './unit-paths';

/*
 * One sheet per branch (issue 12): many offices keep the roster as a workbook with a sheet for
 * each 党支部, named after it, and no 所在党支部 column; often a 汇总 sheet of counts and a 填表说明
 * sheet beside them. Each sheet is looked at once: a roster (it names its branch in a column), a
 * branch's sheet (no branch column, its name is the branch), or something else left out.
 */

export interface SurveyedSheet {
  sheet: Sheet;
  guess: HeaderGuess | null;
  info: ImportSheet;
}

/** Rows whose first words say they are the table's total or notes under it, not members. */
export const TOTAL_ROW = /^(合计|总计|小计|共计|总数)/;
export const NOTES_ROW =
  /^(填表人|填报人|制表人|审核人|审核|复核人|负责人|联系人|经办人|制表日期|填表日期|填报日期|制表时间|填表时间|报送日期|单位盖章|单位（盖章）|（盖章）|说明|备注[:：]|注[:：\d１-９、.．]|注意事项|附注)/;

/** A sheet's name taken as a branch's: "第一党支部", "机关二支部", "离退休支部（12人）"; a bracketed note is not part of it. */
export function branchOfSheetName(name: string, knownBranch: (name: string) => boolean): string | null {
  const bare = normaliseUnitName(name).replace(/\([^)]*\)$/, '');
  if (!bare) return null;
  return /(支部|党小组)$/.test(bare) || knownBranch(bare) ? bare : null;
}

/** Data rows under the header that hold a name: what the preview lists beside each sheet. */
function countDataRows(sheet: Sheet, guess: HeaderGuess): number {
  const nameColumn = guess.columns.find((c) => c.field === 'name');
  const idColumn = guess.columns.find((c) => c.field === 'citizenId');
  let rows = 0;
  for (let r = guess.firstDataRow; r < sheet.rows.length; r++) {
    const name = nameColumn ? shownValue(cellAt(sheet, r, nameColumn.index)).replace(/\s+/g, '') : '';
    const id = idColumn ? shownValue(cellAt(sheet, r, idColumn.index)).trim() : '';
    if (!name && !id) continue;
    if (TOTAL_ROW.test(name) || NOTES_ROW.test(name) || name === '姓名') continue;
    rows += 1;
  }
  return rows;
}

export function surveySheets(sheets: readonly Sheet[], knownBranch: (name: string) => boolean): SurveyedSheet[] {
  return sheets.map((sheet) => {
    const hasValues = sheet.rows.some((r) => r && r.some((c) => c && c.kind !== 'empty'));
    const guess = hasValues ? guessHeader(sheet) : null;
    const fields = new Set(guess?.columns.map((c) => c.field));
    // A roster names its people; a 汇总 of counts per branch or a sheet of notes does not.
    const roster = guess !== null && fields.has('name') && (fields.has('citizenId') || fields.has('admittedOn'));
    const branch = roster && !fields.has('branch') ? branchOfSheetName(sheet.name, knownBranch) : null;
    const info: ImportSheet = {
      name: sheet.name,
      kind: !hasValues ? 'empty' : !roster ? 'other' : branch ? 'branch' : 'roster',
      rows: roster && guess ? countDataRows(sheet, guess) : 0,
      branch,
      hidden: sheet.hidden,
      chosen: false,
    };
    return { sheet, guess, info };
  });
}

/**
 * The sheets read when the person has not chosen: every visible branch sheet when there are
 * several (a workbook kept a sheet per branch), otherwise the one sheet naming the most columns.
 */
export function defaultSheets(surveyed: readonly SurveyedSheet[]): SurveyedSheet[] {
  const branchSheets = surveyed.filter((s) => s.info.kind === 'branch' && !s.info.hidden && s.info.rows > 0);
  if (branchSheets.length > 1) return branchSheets;
  // A sheet whose header names too little to be sure of (no 姓名 column found) is read only when no
  // sheet is surely a roster: its preview then asks for the missing column.
  const sure = surveyed.filter((s) => s.info.kind === 'roster' || s.info.kind === 'branch');
  let best: SurveyedSheet | null = null;
  const score = (s: SurveyedSheet) => s.guess?.columns.filter((c) => c.field).length ?? 0;
  for (const s of sure.length ? sure : surveyed) {
    if (!s.guess) continue;
    // A visible sheet before a hidden one (an old copy); then the one naming the most columns.
    const better =
      !best || (best.info.hidden && !s.info.hidden) || (best.info.hidden === s.info.hidden && score(s) > score(best));
    if (better) best = s;
  }
  return best ? [best] : [];
}
