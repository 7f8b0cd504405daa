import { fieldForHeader, type ImportColumn, type ImportField } from '../../../shared/members/import-fields';
import { shownValue } from './cells';
import { cellAt, columnLetter, type Sheet } from './read';

export interface HeaderGuess {
  headerRow: number;
  /** The first row of data (the row after the header, or after a two-row header). */
  firstDataRow: number;
  columns: ImportColumn[];
}

const SCAN_ROWS = 15;

/** The fields a date may be split into three (or two) columns for: "出生年月" merged over 年 | 月 | 日. */
const DATE_FIELDS: ReadonlySet<ImportField> = new Set([
  'birthDate',
  'admittedOn',
  'fullMembershipOn',
  'lostContactSince',
]);
const DATE_PARTS: Record<string, 'year' | 'month' | 'day'> = { 年: 'year', 月: 'month', 日: 'day' };

/**
 * A header cell's text; a cell inside a merged area reads as the area's top-left cell, so that
 * "出生日期" merged over 年 | 月 | 日 heads all three columns.
 */
function headerText(sheet: Sheet, row: number, col: number): string {
  const own = shownValue(cellAt(sheet, row, col)).replace(/\s+/g, '');
  if (own) return own;
  const area = sheet.merges.find((m) => m.top <= row && row <= m.bottom && m.left <= col && col <= m.right);
  return area ? shownValue(cellAt(sheet, area.top, area.left)).replace(/\s+/g, '') : '';
}

/**
 * Finds the header under any title rows: the row (or pair of rows, for headers with merged
 * group cells such as "联系方式" over "手机 | 固话", or "出生年月" over "年 | 月") whose cells name
 * the most known columns. A field is mapped to its first visible column; a hidden column takes
 * it only when no visible one does, and later duplicates are left unmapped.
 */
export function guessHeader(sheet: Sheet): HeaderGuess | null {
  let best: HeaderGuess | null = null;
  let bestScore = 0;
  const lastRow = Math.min(SCAN_ROWS, sheet.rows.length - 1);
  // Visible columns first: an old copy of a column, hidden beside the one in use, does not take its field.
  const order = Array.from({ length: sheet.columnCount }, (_, i) => i + 1).sort(
    (a, b) => Number(sheet.hiddenColumns.has(a)) - Number(sheet.hiddenColumns.has(b)) || a - b,
  );
  for (let r = 1; r <= lastRow; r++) {
    let singleScore = 0;
    for (const depth of [1, 2]) {
      const columns: ImportColumn[] = [];
      const used = new Set<ImportField>();
      let score = 0;
      // The second row of a two-row header repeats merged cells from above or names columns itself; a data row does neither.
      let headerLike = false;
      for (const c of order) {
        const upper = depth === 2 ? headerText(sheet, r, c) : shownValue(cellAt(sheet, r, c)).replace(/\s+/g, '');
        const lower = depth === 2 ? headerText(sheet, r + 1, c) : '';
        if (!upper && !lower) continue;
        const upperField = upper ? fieldForHeader(upper) : null;
        const part = depth === 2 ? DATE_PARTS[lower] : undefined;
        if (part && upperField && DATE_FIELDS.has(upperField)) {
          // One date over several columns: each column is a part of it, and all of them the field's.
          headerLike = true;
          if (!used.has(upperField) || columns.some((x) => x.field === upperField && x.part && x.part !== part)) {
            if (!used.has(upperField)) score += 1;
            used.add(upperField);
            columns.push({ index: c, letter: columnLetter(c), header: `${upper}/${lower}`, field: upperField, part });
            continue;
          }
        }
        // In a two-row header the lower cell is the specific name; the upper is a group or a merged single cell.
        const candidates = depth === 2 ? [lower, upper, upper + lower] : [upper];
        if (depth === 2 && lower && (lower === upper || fieldForHeader(lower))) headerLike = true;
        const matched = candidates.find((candidate) => {
          const found = candidate ? fieldForHeader(candidate) : null;
          return found !== null && !used.has(found);
        });
        const field = matched ? fieldForHeader(matched) : null;
        const header =
          matched ?? ([upper, lower].filter((t, i, all) => t && all.indexOf(t) === i).join('/') || columnLetter(c));
        if (field) {
          used.add(field);
          score += 1;
        }
        columns.push({ index: c, letter: columnLetter(c), header, field });
      }
      columns.sort((a, b) => a.index - b.index);
      if (columns.every((c) => !shownValue(cellAt(sheet, r, c.index)).trim())) break;
      if (depth === 1) singleScore = score;
      // A two-row header names columns in its top row too; a title row above a header does not.
      const twoRowHeader = depth === 2 && headerLike && singleScore > 0 && score >= singleScore;
      const better = score > bestScore || (twoRowHeader && score >= bestScore);
      if (better && (depth === 1 || twoRowHeader)) {
        bestScore = score;
        best = { headerRow: r, firstDataRow: r + depth, columns };
      }
    }
  }
  return bestScore >= 2 ? best : null;
}
