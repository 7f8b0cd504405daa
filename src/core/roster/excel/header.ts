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

function text(sheet: Sheet, row: number, col: number): string {
  return shownValue(cellAt(sheet, row, col)).replace(/\s+/g, '');
}

/**
 * Finds the header under any title rows: the row (or pair of rows, for headers with merged
 * group cells such as "联系方式" over "手机 | 固话") whose cells name the most known columns.
 * A field is mapped to its first column only; later duplicates are left unmapped.
 */
export function guessHeader(sheet: Sheet): HeaderGuess | null {
  let best: HeaderGuess | null = null;
  let bestScore = 0;
  const lastRow = Math.min(SCAN_ROWS, sheet.rows.length - 1);
  for (let r = 1; r <= lastRow; r++) {
    let singleScore = 0;
    for (const depth of [1, 2]) {
      const columns: ImportColumn[] = [];
      const used = new Set<ImportField>();
      let score = 0;
      // The second row of a two-row header repeats merged cells from above or names columns itself; a data row does neither.
      let headerLike = false;
      for (let c = 1; c <= sheet.columnCount; c++) {
        const upper = text(sheet, r, c);
        const lower = depth === 2 ? text(sheet, r + 1, c) : '';
        // In a two-row header the lower cell is the specific name; the upper is a group or a merged single cell.
        const candidates = depth === 2 ? [lower, upper, upper + lower] : [upper];
        if (!upper && !lower) continue;
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
      if (columns.every((c) => !text(sheet, r, c.index))) break;
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
