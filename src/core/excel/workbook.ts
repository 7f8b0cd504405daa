import ExcelJS from 'exceljs';

/** A cell that starts like a formula (= + - @, or a tab/CR) is written with a leading apostrophe so no spreadsheet ever runs it. */
export function neutralise(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

export interface SheetColumn {
  header: string;
  width: number;
  /** Written as text even when it looks like a number (ID numbers, phone numbers). */
  text?: boolean;
}

/**
 * A sheet the way offices print them: a merged title row, an optional subtitle, a bold framed
 * header that stays frozen and repeats on every printed page, A4 landscape fitted to width.
 */
export function addTableSheet(
  workbook: ExcelJS.Workbook,
  name: string,
  title: string,
  subtitle: string | null,
  columns: SheetColumn[],
  rows: (string | number | null)[][],
): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet(name, {
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, horizontalCentered: true, margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 } },
    headerFooter: { oddFooter: '第 &P 页，共 &N 页' },
  });
  const lastColumn = columns.length;
  sheet.columns = columns.map((c) => ({ width: c.width, style: c.text ? { numFmt: '@' } : {} }));

  let r = 1;
  sheet.mergeCells(r, 1, r, lastColumn);
  const titleCell = sheet.getCell(r, 1);
  titleCell.value = title;
  titleCell.font = { name: '宋体', size: 16, bold: true };
  titleCell.alignment = { horizontal: 'center', vertical: 'middle' };
  sheet.getRow(r).height = 30;
  if (subtitle) {
    r += 1;
    sheet.mergeCells(r, 1, r, lastColumn);
    const sub = sheet.getCell(r, 1);
    sub.value = subtitle;
    sub.font = { name: '宋体', size: 10 };
    sub.alignment = { horizontal: 'right' };
  }
  r += 1;
  const headerRow = sheet.getRow(r);
  headerRow.values = columns.map((c) => c.header);
  headerRow.height = 22;
  const border: Partial<ExcelJS.Borders> = { top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } };
  headerRow.eachCell((cell) => {
    cell.font = { name: '宋体', size: 11, bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEFEFEF' } };
    cell.border = border;
  });
  sheet.views = [{ state: 'frozen', ySplit: r, xSplit: 0 }];
  sheet.pageSetup.printTitlesRow = `${r}:${r}`;

  for (const values of rows) {
    const row = sheet.addRow(values.map((v, i) => (v === null ? null : columns[i]?.text || typeof v === 'string' ? neutralise(String(v)) : v)));
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      if (col > lastColumn) return;
      cell.font = { name: '宋体', size: 10 };
      cell.border = border;
      cell.alignment = { vertical: 'middle', wrapText: true };
    });
  }
  return sheet;
}

export async function toBuffer(workbook: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export function newWorkbook(): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '机关党务工作台';
  workbook.created = new Date();
  return workbook;
}
