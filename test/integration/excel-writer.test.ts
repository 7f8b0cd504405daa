import fs from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { columnLetters, writeDataRows } from '../../src/core/excel/data-rows';
import { neutralise, writeTableWorkbook, type TableSheet } from '../../src/core/excel/workbook';

/*
 * The table writer puts its data rows into the sheet as XML itself, for speed. These tests hold
 * it to what exceljs alone writes for the same sheets: every part of the file, byte for byte
 * (bar the creation time), for values chosen to catch every way a cell can be written.
 */

const BORDER: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
};

/** The writer as it was, every row through exceljs: the reference. */
async function throughExcelJs(sheets: TableSheet[]): Promise<Buffer> {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useSharedStrings: false, useStyles: true });
  workbook.creator = '机关党务工作台';
  for (const table of sheets) {
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
    sheet.columns = columns.map((c) => ({ width: c.width, ...(c.numFmt ? { style: { numFmt: c.numFmt } } : {}) }));
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
    for (const values of table.rows) {
      sheet
        .addRow(
          values.map((v, i) =>
            v === null ? null : columns[i]?.text || typeof v === 'string' ? neutralise(String(v)) : v,
          ),
        )
        .commit();
    }
    for (const line of table.footer ?? []) {
      const row = sheet.addRow([neutralise(line)]);
      sheet.mergeCells(row.number, 1, row.number, columns.length);
      row.getCell(1).alignment = { wrapText: true, vertical: 'top' };
      row.commit();
    }
    sheet.commit();
  }
  await workbook.commit();
  return Buffer.concat(chunks);
}

async function parts(file: Buffer): Promise<Record<string, string>> {
  const zip = await JSZip.loadAsync(file);
  const out: Record<string, string> = {};
  for (const name of Object.keys(zip.files).sort()) {
    const text = await zip.files[name]!.async('string');
    // The only thing allowed to differ: when each file was made.
    out[name] = text.replace(/<dcterms:(created|modified)[^>]*>[^<]*</g, '<dcterms:$1><');
  }
  return out;
}

const MONEY = '#,##0.00';

const ledgerLike: TableSheet = {
  name: '台账',
  title: '某某党支部2026年度党费收缴台账',
  subtitle: '党组织：某某党支部　　截至2026年11月',
  columns: [
    { header: '序号', width: 6 },
    { header: '姓名', width: 10 },
    { header: '月工资收入（元）', width: 14, numFmt: MONEY },
    { header: '执行标准', width: 11 },
    { header: '月应缴（元）', width: 11, numFmt: MONEY },
    { header: '备注', width: 35 },
  ],
  rows: [
    [1, '张三', 6300, '1.5%', 94.5, '欠交2026年2月至11月'],
    [2, '李四', null, '0.20元/月', 0.2, ''],
    [3, 'O\'Brien & <Sons> "quoted"', -0.01, '=SUM(A1)', 1e21, '+1 @x -y'],
    [
      4,
      'tab\there, line\nbreak, cr\rand \u0001\u0008\u000b\u000c\u001f\u007f dropped',
      0,
      '\u2028 𠀀 😀',
      123456789.123,
      null,
    ],
    [null, null, null, null, null, null],
    ['合计', '4人', null, '', 94.7, null],
  ],
  footer: ['说明：=不是公式', '经办人：　　负责人：　　日期：　　年　　月　　日'],
};

const rosterLike: TableSheet = {
  name: '党员名册',
  title: '党员花名册',
  subtitle: null,
  columns: Array.from({ length: 30 }, (_, i) => ({
    header: `列${i + 1}`,
    width: 8 + (i % 5),
    ...(i === 1 ? { text: true } : {}),
    ...(i === 29 ? { numFmt: '0.0' } : {}),
  })),
  rows: [
    Array.from({ length: 30 }, (_, i) =>
      i === 1 ? '11010519491231002X' : i % 3 === 0 ? i * 1.5 : i % 3 === 1 ? `值${i}` : null,
    ),
    Array.from({ length: 30 }, (_, i) => (i === 1 ? 110105194912310020 : i === 29 ? 2.25 : null)),
  ],
};

describe('the table workbook writer', () => {
  it('writes the same file as exceljs alone, part by part, for every kind of cell', async () => {
    for (const sheets of [[ledgerLike], [rosterLike], [ledgerLike, rosterLike], [{ ...ledgerLike, rows: [] }]]) {
      const [fast, reference] = await Promise.all([writeTableWorkbook(sheets), throughExcelJs(sheets)]);
      expect(await parts(fast)).toEqual(await parts(reference));
    }
  });

  it('reads back with the values, number formats, merges and frozen header an office sees', async () => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await writeTableWorkbook([ledgerLike])) as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    expect(sheet.getRow(4).values).toEqual([undefined, 1, '张三', 6300, '1.5%', 94.5, '欠交2026年2月至11月']);
    expect(sheet.getCell('C4').numFmt).toBe(MONEY);
    expect(sheet.getCell('B6').value).toBe('O\'Brien & <Sons> "quoted"');
    expect(sheet.getCell('D6').value).toBe("'=SUM(A1)");
    // Control characters XML cannot hold are dropped; a lone CR reads back as a line feed (XML's line ends), as it always did.
    expect(sheet.getCell('B7').value).toBe('tab\there, line\nbreak, cr\nand  dropped');
    expect(sheet.getCell('D7').value).toBe('\u2028 𠀀 😀');
    // The empty row keeps its number: the totals are on row 9, the notes below them, merged across.
    expect(sheet.getCell('A9').value).toBe('合计');
    expect(sheet.getCell('A10').value).toBe('说明：=不是公式');
    expect(sheet.getCell('F10').isMerged).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 });
  });

  it('names columns past Z as spreadsheets do', () => {
    expect([1, 26, 27, 52, 53, 702, 703].map(columnLetters)).toEqual(['A', 'Z', 'AA', 'AZ', 'BA', 'ZZ', 'AAA']);
  });
});

describe('exceljs, while the table writer reaches into its streaming internals', () => {
  it('is pinned to one exact version, the one installed, whose internals are where data-rows.ts expects them', async () => {
    const root = path.join(import.meta.dirname, '../..');
    const wanted = (
      JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string> }
    ).dependencies.exceljs;
    const installed = (
      JSON.parse(fs.readFileSync(path.join(root, 'node_modules/exceljs/package.json'), 'utf8')) as { version: string }
    ).version;
    // A range would let an install move the internals under the writer without anyone changing a line.
    expect(wanted).toMatch(/^\d+\.\d+\.\d+$/);
    expect(installed).toBe(wanted);
    // The same check the writer makes before writing: it throws when an upgrade moved them.
    const stream = new PassThrough();
    const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useSharedStrings: false, useStyles: true });
    const sheet = book.addWorksheet('表');
    sheet.addRow(['表头']).commit();
    expect(() => writeDataRows(book, sheet, [undefined], [['值']])).not.toThrow();
  });
});
