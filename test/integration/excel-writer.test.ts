import fs from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { columnLetters, writeDataRows } from '../../src/core/excel/data-rows';
import { writeTableWorkbook, type TableSheet } from '../../src/core/excel/workbook';
import { shownCells } from '../support/libreoffice';

/*
 * The table writer puts its data rows into the sheet as XML itself, for speed. These tests hold it
 * to what an office sees: the file opened in LibreOffice Calc (every cell as shown, number formats
 * applied) and in exceljs (the styles, merges, print settings and frozen header a clerk meets).
 */

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
  it('shows every kind of cell in LibreOffice Calc as the clerk wrote it, on every sheet', async () => {
    const shown = shownCells(
      await writeTableWorkbook([ledgerLike, rosterLike, { ...ledgerLike, name: '空表', rows: [] }]),
    );
    expect(Object.keys(shown).sort()).toEqual(['党员名册', '台账', '空表'].sort());
    expect(shown['台账']).toEqual([
      ['某某党支部2026年度党费收缴台账', '', '', '', '', ''],
      ['党组织：某某党支部　　截至2026年11月', '', '', '', '', ''],
      ['序号', '姓名', '月工资收入（元）', '执行标准', '月应缴（元）', '备注'],
      ['1', '张三', '6,300.00', '1.5%', '94.50', '欠交2026年2月至11月'],
      ['2', '李四', '', '0.20元/月', '0.20', ''],
      // What looks like a formula is shown as text with its apostrophe, never run.
      ['3', 'O\'Brien & <Sons> "quoted"', '-0.01', "'=SUM(A1)", '1,000,000,000,000,000,000,000.00', "'+1 @x -y"],
      // Control characters XML cannot hold are dropped; a lone CR comes back as a line feed. (Calc
      // drops the line separator U+2028 before the rest; exceljs reads it back below.)
      ['4', 'tab\there, line\nbreak, cr\nand  dropped', '0.00', expect.stringContaining('𠀀 😀'), '123,456,789.12', ''],
      ['', '', '', '', '', ''],
      ['合计', '4人', '', '', '94.70', ''],
      ['说明：=不是公式', '', '', '', '', ''],
      ['经办人：　　负责人：　　日期：　　年　　月　　日', '', '', '', '', ''],
    ]);
    const roster = shown['党员名册']!;
    expect(roster[0]![0]).toBe('党员花名册');
    expect(roster[1]).toEqual(rosterLike.columns.map((c) => c.header));
    expect(roster[2]!.slice(0, 5)).toEqual(['0', '11010519491231002X', '', '4.5', '值4']);
    // An ID number in a text column stays all 18 digits, even when it arrived as a number; a column's format rounds.
    expect(roster[3]![1]).toBe('110105194912310020');
    expect(roster[3]![29]).toBe('2.3');
    expect(roster).toHaveLength(4);
    // A table with no rows: the notes follow the header directly.
    expect(shown['空表']!.map((row) => row[0])).toEqual([
      '某某党支部2026年度党费收缴台账',
      '党组织：某某党支部　　截至2026年11月',
      '序号',
      '说明：=不是公式',
      '经办人：　　负责人：　　日期：　　年　　月　　日',
    ]);
  }, 120_000); // one LibreOffice start: 5–20 s on a busy machine

  it('frames, merges, freezes and sets up the page as an office prints it', async () => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await writeTableWorkbook([ledgerLike, rosterLike])) as unknown as ArrayBuffer);
    const [ledger, roster] = book.worksheets;
    expect(ledger!.getCell('A1').font).toMatchObject({ name: '宋体', size: 16, bold: true });
    expect(ledger!.getCell('F1').isMerged).toBe(true);
    expect(ledger!.getCell('A2').alignment).toMatchObject({ horizontal: 'right' });
    for (const cell of ['A3', 'F3']) {
      expect(ledger!.getCell(cell).font).toMatchObject({ name: '宋体', bold: true });
      expect(ledger!.getCell(cell).border).toMatchObject({ top: { style: 'thin' }, bottom: { style: 'thin' } });
      expect(ledger!.getCell(cell).fill).toMatchObject({ fgColor: { argb: 'FFEFEFEF' } });
    }
    expect(ledger!.columns.map((c) => c.width)).toEqual(ledgerLike.columns.map((c) => c.width));
    expect(ledger!.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToWidth: 1, fitToHeight: 0 });
    expect(ledger!.pageSetup.printTitlesRow).toBe('3:3');
    expect(ledger!.headerFooter.oddFooter).toBe('第 &P 页，共 &N 页');
    expect(roster!.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    expect(roster!.pageSetup.printTitlesRow).toBe('2:2');
    // A text column stays text for what is typed into it later; a money column keeps its format.
    expect(roster!.getColumn(2).numFmt).toBe('@');
    expect(roster!.getCell('B3').numFmt).toBe('@');
    expect(ledger!.getColumn(3).numFmt).toBe(MONEY);
    expect(ledger!.getCell('C4').numFmt).toBe(MONEY);
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
