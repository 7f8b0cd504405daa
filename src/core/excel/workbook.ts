import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { writeDataRows } from './data-rows';

/** A cell that starts like a formula (= + - @, or a tab/CR) is written with a leading apostrophe so no spreadsheet ever runs it. */
export function neutralise(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

export interface SheetColumn {
  header: string;
  width: number;
  /** Written as text even when it looks like a number (ID numbers, phone numbers); new entries in the column stay text too. */
  text?: boolean;
  /** A number format for the whole column, e.g. '#,##0.00' for amounts of money. */
  numFmt?: string;
}

export interface TableSheet {
  name: string;
  title: string;
  subtitle: string | null;
  columns: SheetColumn[];
  rows: (string | number | null)[][];
  /** Lines under the table (notes, a signature line), each in its own merged row. */
  footer?: string[];
}

const BORDER: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
};

/**
 * Writes sheets the way offices print them: a merged title row, an optional subtitle, a bold
 * framed header that stays frozen and repeats on every printed page, A4 landscape fitted to
 * width, grid lines printed. Data cells carry no per-cell style: with ten thousand members that
 * would cost seconds, and the printed grid lines frame them anyway. The data rows themselves are
 * written as XML directly (`data-rows.ts`), the rest through exceljs.
 */
export async function writeTableWorkbook(
  sheets: TableSheet[],
  extra?: (workbook: ExcelJS.stream.xlsx.WorkbookWriter) => void,
): Promise<Buffer> {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useSharedStrings: false, useStyles: true });
  workbook.creator = '机关党务工作台';
  workbook.created = new Date();
  for (const table of sheets) writeSheet(workbook, table);
  extra?.(workbook);
  await workbook.commit();
  return Buffer.concat(chunks);
}

function writeSheet(workbook: ExcelJS.stream.xlsx.WorkbookWriter, table: TableSheet): void {
  const { columns } = table;
  const headerRowNumber = table.subtitle ? 3 : 2;
  const sheet = workbook.addWorksheet(table.name, {
    pageSetup: {
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      showGridLines: true,
      printTitlesRow: `${headerRowNumber}:${headerRowNumber}`,
      margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    },
    headerFooter: { oddFooter: '第 &P 页，共 &N 页' },
    views: [{ state: 'frozen', ySplit: headerRowNumber, xSplit: 0 }],
  });
  // A text column is formatted as text ('@'), so an ID number typed into it later stays all 18 digits.
  const numFmts = columns.map((c) => (c.text ? '@' : c.numFmt));
  sheet.columns = columns.map((c, i) => ({ width: c.width, ...(numFmts[i] ? { style: { numFmt: numFmts[i] } } : {}) }));

  const title = sheet.addRow([table.title]);
  title.height = 30;
  title.getCell(1).font = { name: '宋体', size: 16, bold: true };
  title.getCell(1).alignment = { horizontal: 'center', vertical: 'middle' };
  sheet.mergeCells(1, 1, 1, columns.length);
  title.commit();
  if (table.subtitle) {
    const sub = sheet.addRow([table.subtitle]);
    sub.getCell(1).font = { name: '宋体', size: 10 };
    sub.getCell(1).alignment = { horizontal: 'right' };
    sheet.mergeCells(2, 1, 2, columns.length);
    sub.commit();
  }
  const header = sheet.addRow(columns.map((c) => c.header));
  header.height = 22;
  header.eachCell((cell) => {
    cell.font = { name: '宋体', size: 11, bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEFEFEF' } };
    cell.border = BORDER;
  });
  header.commit();
  writeDataRows(
    workbook,
    sheet,
    numFmts,
    table.rows.map((values) =>
      values.map((v, i) => (v === null ? null : columns[i]?.text || typeof v === 'string' ? neutralise(String(v)) : v)),
    ),
  );
  for (const line of table.footer ?? []) {
    const row = sheet.addRow([neutralise(line)]);
    sheet.mergeCells(row.number, 1, row.number, columns.length);
    row.getCell(1).alignment = { wrapText: true, vertical: 'top' };
    row.commit();
  }
  sheet.commit();
}
