import type ExcelJS from 'exceljs';

/*
 * The body of a table sheet written as worksheet XML directly. Through exceljs every cell is an
 * object whose style is looked up by rendering it to XML, and every row is rendered node by
 * node: for ten thousand members that was most of an export's time. Here each column's style is
 * looked up once and a row is one string, in the XML exceljs itself writes for such a cell; the
 * title, header, footer and everything outside <sheetData> still go through exceljs. The
 * integration tests open the result in LibreOffice Calc and exceljs and check what a clerk sees.
 */

export type DataCell = string | number | null;

/** The parts of exceljs's streaming writer this reaches into; checked at run time, so an upgrade that moves them fails loudly. */
interface WorksheetInternals {
  stream: { write(chunk: string): unknown };
  startedData: boolean;
  _rowZero: number;
  _rows: unknown[];
}
interface StylesInternals {
  addStyleModel(style: { numFmt?: string }, cellType: number): number;
}

// exceljs's Enums.ValueType, which decide a cell's style when its column has no number format.
const VALUE_TYPE = { null: 0, number: 2, string: 3 } as const;

function internals(
  workbook: ExcelJS.stream.xlsx.WorkbookWriter,
  sheet: ExcelJS.Worksheet,
): { ws: WorksheetInternals; styles: StylesInternals } {
  const ws = sheet as unknown as Partial<WorksheetInternals>;
  const styles = (workbook as unknown as { styles?: Partial<StylesInternals> }).styles;
  if (
    typeof ws._rowZero !== 'number' ||
    !Array.isArray(ws._rows) ||
    !ws.stream ||
    typeof styles?.addStyleModel !== 'function'
  ) {
    throw new Error('exceljs streaming writer internals changed: src/core/excel/data-rows.ts needs updating');
  }
  return { ws: ws as WorksheetInternals, styles: styles as StylesInternals };
}

/** 1 → A, 27 → AA. */
export function columnLetters(n: number): string {
  let letters = '';
  for (let k = n; k > 0; k = Math.floor((k - 1) / 26)) letters = String.fromCharCode(65 + ((k - 1) % 26)) + letters;
  return letters;
}

// What exceljs's xmlEncode escapes, and the control characters it drops (all below 32 but tab, LF and CR, and DEL).
const NEEDS_ENCODING = /[<>&'"\x7F\x00-\x08\x0B-\x0C\x0E-\x1F]/;
const ENCODED: Record<string, string> = { '"': '&quot;', '&': '&amp;', "'": '&apos;', '<': '&lt;', '>': '&gt;' };

export function xmlText(text: string): string {
  if (!NEEDS_ENCODING.test(text)) return text;
  return text.replace(/[<>&'"\x7F\x00-\x08\x0B-\x0C\x0E-\x1F]/g, (c) => ENCODED[c] ?? '');
}

/**
 * Appends `rows` after the rows committed so far (the header) and moves the sheet's next row
 * number past them, so that footer rows and their merges land where exceljs would put them.
 */
export function writeDataRows(
  workbook: ExcelJS.stream.xlsx.WorkbookWriter,
  sheet: ExcelJS.Worksheet,
  numFmts: readonly (string | undefined)[],
  rows: readonly (readonly DataCell[])[],
): void {
  if (rows.length === 0) return;
  const { ws, styles } = internals(workbook, sheet);
  if (!ws.startedData || ws._rows.length !== 0)
    throw new Error('data rows are written after the committed header and before any other row');
  // A cell's style is its column's (exceljs merges the column style into each new cell); the id
  // also depends on the value's type where the column has no number format.
  const styleIds = new Map<string, string>();
  const styleAttr = (col: number, type: keyof typeof VALUE_TYPE): string => {
    const key = `${col}/${type}`;
    let attr = styleIds.get(key);
    if (attr === undefined) {
      const numFmt = numFmts[col - 1];
      const id = styles.addStyleModel(numFmt ? { numFmt } : {}, VALUE_TYPE[type]);
      attr = id ? ` s="${id}"` : '';
      styleIds.set(key, attr);
    }
    return attr;
  };
  const letters = Array.from({ length: Math.max(0, ...rows.map((r) => r.length)) }, (_, i) => columnLetters(i + 1));
  let number = ws._rowZero;
  let chunk = '';
  for (const values of rows) {
    let cells = '';
    let hasValue = false;
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      const ref = `${letters[i]}${number}`;
      if (v === null || v === undefined) {
        const s = styleAttr(i + 1, 'null');
        if (s) cells += `<c r="${ref}"${s}/>`;
      } else if (typeof v === 'number') {
        hasValue = true;
        cells += `<c r="${ref}"${styleAttr(i + 1, 'number')}><v>${xmlText(String(v))}</v></c>`;
      } else {
        hasValue = true;
        cells += `<c r="${ref}"${styleAttr(i + 1, 'string')} t="str"><v>${xmlText(v)}</v></c>`;
      }
    }
    // exceljs leaves out a row whose cells are all empty (its number is still used).
    if (hasValue) chunk += `<row r="${number}" spans="1:${values.length}" x14ac:dyDescent="0.25">${cells}</row>`;
    number += 1;
    if (chunk.length > 65_536) {
      ws.stream.write(chunk);
      chunk = '';
    }
  }
  if (chunk) ws.stream.write(chunk);
  ws._rowZero = number;
}
