import type { Cell } from './cells';

/** A rectangle of cells, 1-based and inclusive, as a merged area. */
export interface CellRange {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** One worksheet as the importers see it, whichever file format it came from. */
export interface Sheet {
  name: string;
  /** Hidden (or very hidden) in the workbook: shown in no tab, often a helper or an old copy. */
  hidden: boolean;
  /** rows[r][c] with 1-based worksheet numbering; missing entries are empty cells. */
  rows: Cell[][];
  rowCount: number;
  columnCount: number;
  hiddenRows: ReadonlySet<number>;
  hiddenColumns: ReadonlySet<number>;
  merges: readonly CellRange[];
}

export interface ReadLimits {
  /** Rows holding a value that one sheet may have before the reading stops (the import's cap and a margin for title, header and notes rows). */
  sheetRows: number;
  /** Distinct texts the shared-strings table may hold: a workbook within the row cap needs far fewer. */
  sharedStrings: number;
}

/** A sheet has more rows with values than the reader was allowed to read. */
export class RowLimitError extends Error {
  constructor(
    readonly sheet: string,
    /** The worksheet row at which the reading stopped. */
    readonly row: number,
    readonly limit: number,
  ) {
    super(`sheet ${sheet} has more than ${limit} rows with values (stopped at row ${row})`);
  }
}

/** A part holds far more than any roster or payroll could (a hostile file): refused before it takes the machine. */
export class TooLargeError extends Error {
  constructor(
    readonly part: string,
    /** What is too much, in the office's words: "有超过 160 万个不同的文字". */
    readonly what: string,
  ) {
    super(`${part}: ${what}`);
  }
}

export function cellAt(sheet: Sheet, row: number, col: number): Cell {
  return sheet.rows[row]?.[col] ?? { kind: 'empty' };
}

export function columnLetter(index: number): string {
  let n = index;
  let letters = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    letters = String.fromCharCode(65 + rem) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}
