/*
 * The proof corpus of issue 12: workbooks shaped like the rosters offices keep, each with the
 * outcome a clerk should get. They are generated at test time (into a temp folder), not
 * committed: the script is the record of what each file holds and why, the binary .xls and .et
 * files come from the LibreOffice on the machine, and nothing in the repository goes stale when
 * the shapes change.
 *
 * How each file is written (`made`):
 * - excel: exceljs's ordinary writer, which writes as Excel does — shared strings, a style per
 *   date format, merged areas, autofilter, hidden rows and columns as Excel marks them.
 * - inline: the same file with every text cell written inline (t="inlineStr") and no shared
 *   strings, as streaming writers (Apache POI's SXSSF, exceljs without shared strings) and many
 *   government systems' exports write them.
 * - libreoffice-xlsx, libreoffice-xls: the excel file saved again by LibreOffice headless, as an
 *   office's copy of LibreOffice saves it (its own styles, number formats, shared strings; the
 *   .xls in BIFF8 as Excel 97-2003 wrote it).
 * - wps-et: that BIFF8 file under WPS's .et name. WPS 表格 saves .et as the same OLE/BIFF8
 *   container; no WPS runs here, so this checks the name and the path through SheetJS, not WPS's
 *   own quirks.
 */
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { convertFiles } from './libreoffice';
import { citizenId } from './people';

export type Made = 'excel' | 'inline' | 'libreoffice-xlsx' | 'libreoffice-xls' | 'wps-et';

/** A refused row as the preview must name it: the column (its header, or part of it) and words of the reason. */
export interface Refused {
  sheet?: string;
  row: number;
  column: string;
  reason: string;
}

export interface Expectation {
  /** Rows the preview accepts (its valid count) and the commit writes, with --skip-invalid / skipRows. */
  accepted: number;
  /** Every row refused, each with the column and reason the clerk is shown (one entry per problem). */
  refused: Refused[];
  /** The 党支部 (党总支, 党小组) offered to be made, as the preview names them. */
  newBranches: string[];
  /** Existing units offered as near misses, "new name → existing name". */
  similar?: string[];
  /** The sheets read. */
  read: string[];
  /** Rows left out as not members, "reason" each (合计行, 表格下方的说明, 重复的表头行). */
  skipped?: string[];
  /** Words that some notice must hold (a hidden row read, a column mapped by its words). */
  notices?: string[];
  /**
   * How 入党日期 and 转正日期 are kept: 'month' where the workbook wrote only the month (kept so,
   * 日期待补全), else 'day' (the default). Every person's dates fall on the 1st, so a day kept is
   * also checked to be the 1st: a time of day or a month read as a day never moves it.
   */
  kept?: 'month' | 'day';
}

export interface CorpusCase {
  file: string;
  /** The office file it stands for. */
  what: string;
  made: Made;
  /** The organisation's 党支部 before the import. */
  branches: string[];
  /** The sheets the clerk chooses; absent: the preview's own choice. */
  sheets?: string[];
  build: (book: ExcelJS.Workbook) => void;
  expect: Expectation;
}

/* ---------- people, with IDs that agree with their birth dates ---------- */

interface Person {
  name: string;
  gender: '男' | '女';
  id: string;
  birth: string;
  /** 入党日期 and 转正日期, day precise; a month-only writing of them keeps the same month. */
  admitted: string;
  full: string;
}

const NAMES = [
  '王建国',
  '李秀英',
  '张伟',
  '刘洋',
  '陈静',
  '杨帆',
  '赵磊',
  '黄丽',
  '周强',
  '吴敏',
  '徐明',
  '孙娜',
  '胡军',
  '朱婷',
  '高峰',
  '林芳',
  '何勇',
  '郭燕',
  '马超',
  '罗琳',
  '梁斌',
  '宋佳',
  '郑浩',
  '谢颖',
  '韩涛',
  '唐慧',
  '冯刚',
  '于倩',
  '董鹏',
  '萧红',
  '程亮',
  '曹雪',
  '袁博',
  '邓丽',
  '许晨',
  '傅雷',
  '沈冰',
  '曾伟',
  '彭磊',
  '吕霞',
  '欧阳明',
  '司马青',
  '诸葛亮亮',
  '上官婉',
  '苏轼',
  '蒋琴',
  '蔡文',
  '贾敏',
  '丁一',
  '魏然',
];

/** Person `n` (0-based): born on the 1st of a month where month-only 出生年月 must agree with the ID. */
export function person(n: number, bornOnFirst = false): Person {
  const year = 1960 + (n % 38);
  const month = (n % 12) + 1;
  const day = bornOnFirst ? 1 : (n % 27) + 2;
  const birth = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  const gender = n % 2 === 0 ? ('男' as const) : ('女' as const);
  // Admitted at 20 or later, and no later than 2024, so that 转正 a year on is never after today.
  const joined = Math.min(Math.max(year + 20, 1990) + (n % 12), 2024);
  const joinMonth = ((n * 5) % 12) + 1;
  const admitted = `${joined}-${String(joinMonth).padStart(2, '0')}-01`;
  const full = `${joined + 1}-${String(joinMonth).padStart(2, '0')}-01`;
  return {
    name: NAMES[n % NAMES.length]! + (n >= NAMES.length ? String(Math.floor(n / NAMES.length)) : ''),
    gender,
    id: citizenId(birth, gender === '男' ? 'male' : 'female', 100 + n),
    birth,
    admitted,
    full,
  };
}

const range = (from: number, count: number) => Array.from({ length: count }, (_, i) => from + i);

/** A date as Excel stores it: midnight UTC of that day, shown by the cell's format. */
function day(iso: string): Date {
  const [y, m, d] = iso.split('-').map(Number);
  return new Date(Date.UTC(y!, m! - 1, d!));
}
const month = (iso: string) => iso.slice(0, 7);
/** "2001.07", as offices type a month. */
const dotted = (iso: string) => iso.slice(0, 7).replace('-', '.');
/** "2001年7月". */
const chineseMonth = (iso: string) => `${Number(iso.slice(0, 4))}年${Number(iso.slice(5, 7))}月`;

const FRAME: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
};

/** The title over a table, merged across it, as every office roster has. */
function title(sheet: ExcelJS.Worksheet, text: string, width: number): void {
  const row = sheet.addRow([text]);
  sheet.mergeCells(row.number, 1, row.number, width);
  row.getCell(1).font = { name: '宋体', size: 16, bold: true };
  row.getCell(1).alignment = { horizontal: 'center' };
}

function framed(row: ExcelJS.Row): void {
  row.eachCell({ includeEmpty: true }, (cell) => (cell.border = FRAME));
}

/** The common single-row roster: 序号, 姓名, 性别, 身份证号, 所在党支部, 入党日期, 转正日期, 人员类别. */
function simpleRoster(
  sheet: ExcelJS.Worksheet,
  people: Person[],
  branchOf: (i: number) => string | null,
  options: { title?: string; total?: boolean; dateFormat?: string } = {},
): void {
  const headers = ['序号', '姓名', '性别', '身份证号', '所在党支部', '入党日期', '转正日期', '人员类别'];
  if (options.title) title(sheet, options.title, headers.length);
  framed(sheet.addRow(headers));
  people.forEach((p, i) => {
    const row = sheet.addRow([i + 1, p.name, p.gender, p.id, branchOf(i), day(p.admitted), day(p.full), '正式党员']);
    row.getCell(6).numFmt = options.dateFormat ?? 'yyyy-mm-dd';
    row.getCell(7).numFmt = options.dateFormat ?? 'yyyy-mm-dd';
    framed(row);
  });
  if (options.total) sheet.addRow(['合计', `${people.length}人`]);
}

const TWO = ['第一党支部', '第二党支部'];
const alternate = (i: number) => TWO[i % 2]!;

/* ---------- the cases ---------- */

const base: CorpusCase[] = [
  {
    file: '01-模板样式.xlsx',
    what: 'the import template filled in: one header row, day dates as date cells',
    made: 'excel',
    branches: TWO,
    build: (book) =>
      simpleRoster(
        book.addWorksheet('党员名册'),
        range(0, 6).map((n) => person(n)),
        alternate,
      ),
    expect: { accepted: 6, refused: [], newBranches: [], read: ['党员名册'] },
  },
  {
    file: '02-标题与合计.xlsx',
    what: 'a title row, the date under it, and a total row at the end',
    made: 'excel',
    branches: TWO,
    build: (book) => {
      const sheet = book.addWorksheet('Sheet1');
      title(sheet, '中共某某局机关委员会党员花名册', 8);
      sheet.addRow(['', '', '', '', '', '', '', '截至2026年10月31日']);
      simpleRoster(
        sheet,
        range(6, 7).map((n) => person(n)),
        alternate,
        { total: true },
      );
    },
    expect: { accepted: 7, refused: [], newBranches: [], read: ['Sheet1'], skipped: ['合计行'] },
  },
  {
    file: '03-两行表头.xlsx',
    what: 'a header over two rows: 基本情况 and 党员信息 merged over the columns, single cells merged down',
    made: 'excel',
    branches: TWO,
    build: (book) => twoRowHeader(book.addWorksheet('花名册'), range(13, 6)),
    expect: { accepted: 6, refused: [], newBranches: [], read: ['花名册'], skipped: ['合计行'] },
  },
  {
    file: '04-出生日期分年月日.xlsx',
    what: '出生日期 merged over 年 | 月 | 日 and 入党时间 over 年 | 月, each part in its own column',
    made: 'excel',
    branches: TWO,
    build: (book) => splitDates(book.addWorksheet('名册'), range(19, 5)),
    expect: {
      kept: 'month',
      accepted: 5,
      refused: [],
      newBranches: [],
      read: ['名册'],
    },
  },
  {
    file: '05-表格下方说明.xlsx',
    what: '填表人、审核人、制表日期 and a 说明 running over several lines under the table',
    made: 'excel',
    branches: TWO,
    build: (book) => {
      // No 序号 column: the notes land in the 姓名 column, where they once read as members without IDs.
      const sheet = book.addWorksheet('名册');
      title(sheet, '党员名册', 6);
      framed(sheet.addRow(['姓名', '性别', '身份证号', '所在党支部', '入党日期', '转正日期']));
      for (const [i, p] of range(24, 5).entries()) {
        const x = person(p);
        framed(sheet.addRow([x.name, x.gender, x.id, alternate(i), x.admitted, x.full]));
      }
      sheet.addRow([]);
      sheet.addRow(['填表人：李秀英', '', '审核人：王建国', '', '制表日期：2026年11月']);
      for (const text of [
        '说明：1. 入党日期以党组织批准之日为准；',
        '2. 身份证号请填写18位；',
        '3. 预备党员的转正日期暂不填写。',
      ]) {
        const row = sheet.addRow([text]);
        sheet.mergeCells(row.number, 1, row.number, 6);
      }
    },
    expect: {
      accepted: 5,
      refused: [],
      newBranches: [],
      read: ['名册'],
      skipped: ['表格下方的说明', '表格下方的说明', '表格下方的说明', '表格下方的说明'],
    },
  },
  {
    file: '06-筛选隐藏行.xlsx',
    what: 'an autofilter left on one branch: the other branch rows hidden, still the roster',
    made: 'excel',
    branches: TWO,
    build: (book) => {
      const sheet = book.addWorksheet('名册');
      simpleRoster(
        sheet,
        range(29, 6).map((n) => person(n)),
        alternate,
        { title: '党员名册' },
      );
      sheet.autoFilter = 'A2:H8';
      for (const r of [4, 6, 8]) sheet.getRow(r).hidden = true;
    },
    expect: { accepted: 6, refused: [], newBranches: [], read: ['名册'], notices: ['第 4、6、8 行在表格中是隐藏的'] },
  },
  {
    file: '07-隐藏的旧身份证列.xlsx',
    what: 'an old 身份证号 column with short numbers, hidden beside the one in use',
    made: 'excel',
    branches: TWO,
    build: (book) => {
      const sheet = book.addWorksheet('名册');
      const people = range(35, 4).map((n) => person(n));
      framed(sheet.addRow(['姓名', '身份证号', '身份证号', '所在党支部', '入党日期', '转正日期']));
      for (const [i, p] of people.entries())
        framed(sheet.addRow([p.name, p.id.slice(0, 15), p.id, alternate(i), day(p.admitted), day(p.full)]));
      sheet.getColumn(2).hidden = true;
      for (const col of [5, 6]) sheet.getColumn(col).numFmt = 'yyyy-mm-dd';
    },
    expect: { accepted: 4, refused: [], newBranches: [], read: ['名册'] },
  },
  {
    file: '08-空格与全角.xlsx',
    what: 'names padded "张  伟", trailing full-width spaces, IDs typed with spaces every few digits or full-width',
    made: 'excel',
    branches: TWO,
    build: (book) => {
      const sheet = book.addWorksheet('名册');
      const people = range(39, 5).map((n) => person(n));
      framed(sheet.addRow(['姓  名', '公民身份号码', '所在党支部', '入党时间', '转正时间']));
      const ids = [
        (id: string) => `${id.slice(0, 6)} ${id.slice(6, 14)} ${id.slice(14)}`,
        (id: string) => `${id}　`,
        (id: string) => id.replace(/[0-9X]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)),
        (id: string) => ` ${id.slice(0, 3)} ${id.slice(3, 6)} ${id.slice(6, 10)} ${id.slice(10, 14)} ${id.slice(14)} `,
        (id: string) => `${id}  `,
      ];
      const names = (name: string, i: number) =>
        [`${name[0]}  ${name.slice(1)}`, `${name}　`, ` ${name}`, `${name}\u3000\u3000`, name][i]!;
      for (const [i, p] of people.entries())
        framed(sheet.addRow([names(p.name, i), ids[i]!(p.id), `${alternate(i)} `, p.admitted, p.full]));
    },
    expect: { accepted: 5, refused: [], newBranches: [], read: ['名册'] },
  },
  {
    file: '09-身份证存成数字.xlsx',
    what: 'an ID column formatted as text, one ID typed into it as a number (its last digits lost)',
    made: 'excel',
    branches: TWO,
    build: (book) => {
      const sheet = book.addWorksheet('名册');
      const people = range(44, 4).map((n) => person(n));
      simpleRoster(sheet, people, alternate);
      sheet.getColumn(4).numFmt = '@';
      sheet.getCell('D3').value = Number(people[1]!.id.slice(0, 17));
    },
    expect: {
      accepted: 3,
      refused: [{ row: 3, column: '身份证号（D列）', reason: '身份证号被存成了数字' }],
      newBranches: [],
      read: ['名册'],
    },
  },
  {
    file: '10-一支部一表.xlsx',
    what: 'a sheet per branch named after it, no branch column, a 汇总 of counts and a 填表说明 sheet',
    made: 'excel',
    branches: [],
    build: (book) => perBranch(book, { summary: true, notes: true }),
    expect: {
      accepted: 9,
      refused: [],
      newBranches: ['第一党支部', '第二党支部', '离退休党支部'],
      read: ['第一党支部', '第二党支部', '离退休党支部'],
    },
  },
  {
    file: '11-一支部一表选两个.xlsx',
    what: 'the same workbook, the clerk choosing two of the branch sheets',
    made: 'excel',
    branches: [],
    sheets: ['第一党支部', '离退休党支部'],
    build: (book) => perBranch(book, { summary: true, notes: true }),
    expect: {
      accepted: 6,
      refused: [],
      newBranches: ['第一党支部', '离退休党支部'],
      read: ['第一党支部', '离退休党支部'],
    },
  },
  {
    file: '12-一支部一表含全体.xlsx',
    what: 'branch sheets and a 全体党员 sheet with a branch column holding the same people, an old copy hidden',
    made: 'excel',
    branches: ['第一党支部', '第二党支部', '离退休党支部'],
    build: (book) => {
      perBranch(book, { summary: false, notes: false });
      const all = book.addWorksheet('全体党员');
      simpleRoster(
        all,
        range(50, 9).map((n) => person(n)),
        (i) => BRANCH_SHEETS[Math.floor(i / 3)]!,
      );
      const old = book.addWorksheet('第三党支部（旧）', { state: 'hidden' });
      simpleRoster(
        old,
        range(70, 2).map((n) => person(n)),
        () => null,
      );
    },
    expect: {
      accepted: 9,
      refused: [],
      newBranches: [],
      read: ['第一党支部', '第二党支部', '离退休党支部'],
    },
  },
  {
    file: '13-一支部一表有错.xlsx',
    what: 'branch sheets with a wrong check digit in one and an underage 入党日期 in another',
    made: 'excel',
    branches: [],
    build: (book) => {
      perBranch(book, { summary: true, notes: false });
      const first = book.getWorksheet('第一党支部')!;
      const id = String(first.getCell('C4').value);
      first.getCell('C4').value = id.slice(0, 17) + (id[17] === '0' ? '1' : '0');
      const second = book.getWorksheet('第二党支部')!;
      second.getCell('D5').value = day('1961-01-01');
      second.getCell('E5').value = day('1962-01-01');
    },
    expect: {
      accepted: 7,
      refused: [
        { sheet: '第一党支部', row: 4, column: '身份证号', reason: '校验码不对' },
        { sheet: '第二党支部', row: 5, column: '入党日期', reason: '未满18周岁' },
      ],
      newBranches: ['第一党支部', '第二党支部', '离退休党支部'],
      read: ['第一党支部', '第二党支部', '离退休党支部'],
    },
  },
  {
    file: '14-入党时间写到月.xlsx',
    what: '入党时间 and 转正时间 typed to the month as offices keep them: 2001.07, 2001年7月, 2001-07, 200107',
    made: 'excel',
    branches: TWO,
    build: (book) => {
      const sheet = book.addWorksheet('名册');
      const people = range(80, 4).map((n) => person(n));
      framed(sheet.addRow(['姓名', '身份证号', '党支部', '入党时间', '转正时间']));
      const ways = [dotted, chineseMonth, month, (iso: string) => Number(iso.slice(0, 7).replace('-', ''))];
      for (const [i, p] of people.entries())
        framed(sheet.addRow([p.name, p.id, alternate(i), ways[i]!(p.admitted), ways[i]!(p.full)]));
    },
    expect: {
      kept: 'month',
      accepted: 4,
      refused: [],
      newBranches: [],
      read: ['名册'],
    },
  },
  {
    file: '15-年月格式的日期单元格.xlsx',
    what: 'date cells whose format shows only year and month (yyyy"年"m"月", yyyy.mm), 出生年月 among them',
    made: 'excel',
    branches: TWO,
    build: (book) => {
      const sheet = book.addWorksheet('名册');
      // Born on the 1st: a month-only 出生年月 agrees with the ID whether it is read as the 1st or as the month.
      const people = range(84, 4).map((n) => person(n, true));
      framed(sheet.addRow(['姓名', '身份证号', '出生年月', '所在支部', '入党年月', '转正年月']));
      for (const [i, p] of people.entries()) {
        const row = sheet.addRow([p.name, p.id, day(p.birth), alternate(i), day(p.admitted), day(p.full)]);
        for (const c of [3, 5, 6]) row.getCell(c).numFmt = i % 2 ? 'yyyy"年"m"月"' : 'yyyy.mm';
        framed(row);
      }
    },
    expect: {
      kept: 'month',
      accepted: 4,
      refused: [],
      newBranches: [],
      read: ['名册'],
    },
  },
  {
    file: '16-日期带时间.xlsx',
    what: 'date cells holding a time of day (copied from a system export): 18:00 never moves the day',
    made: 'excel',
    branches: TWO,
    build: (book) => {
      const sheet = book.addWorksheet('名册');
      const people = range(88, 3).map((n) => person(n));
      framed(sheet.addRow(['姓名', '身份证号', '出生日期', '所在党支部', '入党日期', '转正日期']));
      for (const [i, p] of people.entries()) {
        const evening = (iso: string) => new Date(day(iso).getTime() + 18 * 3600_000);
        const row = sheet.addRow([p.name, p.id, evening(p.birth), alternate(i), evening(p.admitted), evening(p.full)]);
        for (const c of [3, 5, 6]) row.getCell(c).numFmt = 'yyyy-mm-dd hh:mm';
        framed(row);
      }
    },
    expect: { accepted: 3, refused: [], newBranches: [], read: ['名册'] },
  },
  {
    file: '17-总支下的支部.xlsx',
    what: 'a fresh organ whose roster names 党总支/党支部 paths and 党小组',
    made: 'excel',
    branches: [],
    build: (book) => {
      const sheet = book.addWorksheet('名册');
      const people = range(91, 6).map((n) => person(n));
      framed(sheet.addRow(['姓名', '身份证号', '所在党组织', '党小组', '入党日期', '转正日期']));
      const paths = ['第一党总支/第一党支部', '第一党总支/第二党支部', '机关第三党支部'];
      for (const [i, p] of people.entries()) {
        const row = sheet.addRow([
          p.name,
          p.id,
          paths[i % 3],
          i === 2 ? '第一党小组' : null,
          day(p.admitted),
          day(p.full),
        ]);
        for (const c of [5, 6]) row.getCell(c).numFmt = 'yyyy/m/d';
      }
    },
    expect: {
      accepted: 6,
      refused: [],
      newBranches: [
        '第一党总支',
        '第一党总支/第一党支部',
        '第一党总支/第二党支部',
        '机关第三党支部',
        '机关第三党支部/第一党小组',
      ],
      read: ['名册'],
    },
  },
  {
    file: '18-支部简称.xlsx',
    what: 'the office writes its branches short (机关一支部) where the organisation has 机关第一党支部',
    made: 'excel',
    branches: ['机关第一党支部', '机关第二党支部'],
    build: (book) =>
      simpleRoster(
        book.addWorksheet('名册'),
        range(97, 4).map((n) => person(n)),
        (i) => (i % 2 ? '机关第二党支部' : '机关一支部'),
      ),
    expect: {
      accepted: 4,
      refused: [],
      newBranches: ['机关一支部'],
      similar: ['机关一支部 → 机关第一党支部'],
      read: ['名册'],
    },
  },
  {
    file: '19-各种错误.xlsx',
    what: 'rows a clerk gets wrong: no name, a 15-digit ID, 性别 against the ID, a probationary member with a 转正日期, a word that is not a category',
    made: 'excel',
    branches: TWO,
    build: (book) => {
      const sheet = book.addWorksheet('名册');
      const people = range(101, 7).map((n) => person(n));
      simpleRoster(sheet, people, alternate, { title: '党员名册' });
      sheet.getCell('B4').value = null;
      sheet.getCell('D5').value = people[2]!.id.slice(0, 6) + people[2]!.id.slice(8, 17);
      sheet.getCell('C6').value = people[3]!.gender === '男' ? '女' : '男';
      sheet.getCell('H7').value = '预备党员';
      sheet.getCell('H8').value = '在职';
    },
    expect: {
      accepted: 2,
      refused: [
        { row: 4, column: '姓名（B列）', reason: '姓名不能为空' },
        { row: 5, column: '身份证号（D列）', reason: '15位旧身份证号码' },
        { row: 6, column: '性别（C列）', reason: '公民身份号码第17位表示' },
        { row: 7, column: '人员类别（H列）', reason: '但填写了转正日期' },
        { row: 8, column: '人员类别（H列）', reason: '无法识别' },
      ],
      newBranches: [],
      read: ['名册'],
    },
  },
  {
    file: '20-重复的人.xlsx',
    what: 'the same person twice (copied into two branches), and the header repeated where a printout broke the page',
    made: 'excel',
    branches: TWO,
    build: (book) => {
      const sheet = book.addWorksheet('名册');
      const people = range(108, 5).map((n) => person(n));
      simpleRoster(sheet, [...people.slice(0, 3), people[0]!, ...people.slice(3)], alternate, { title: '党员名册' });
      sheet.spliceRows(6, 0, ['序号', '姓名', '性别', '身份证号', '所在党支部', '入党日期', '转正日期', '人员类别']);
    },
    expect: {
      accepted: 5,
      refused: [{ row: 7, column: '身份证号（D列）', reason: '与第3行的公民身份号码相同' }],
      newBranches: [],
      read: ['名册'],
      skipped: ['重复的表头行'],
    },
  },
  {
    file: '21-公式序号.xlsx',
    what: '序号 as =ROW()-2 formulas and a 合计 formula, their results saved as Excel saves them',
    made: 'excel',
    branches: TWO,
    build: (book) => {
      const sheet = book.addWorksheet('名册');
      const people = range(113, 4).map((n) => person(n));
      simpleRoster(sheet, people, alternate, { title: '党员名册' });
      for (const r of [3, 4, 5, 6]) sheet.getCell(`A${r}`).value = { formula: 'ROW()-2', result: r - 2 };
      sheet.addRow(['合计', { formula: 'COUNTA(B3:B6)&"人"', result: '4人' }]);
    },
    expect: { accepted: 4, refused: [], newBranches: [], read: ['名册'], skipped: ['合计行'] },
  },
];

const BRANCH_SHEETS = ['第一党支部', '第二党支部', '离退休党支部'];

/** A sheet per branch, named after it: 姓名, 性别, 身份证号, 入党日期, 转正日期, 职务 — no branch column. */
function perBranch(book: ExcelJS.Workbook, extra: { summary: boolean; notes: boolean }): void {
  if (extra.summary) {
    const summary = book.addWorksheet('汇总');
    title(summary, '党员人数汇总', 4);
    framed(summary.addRow(['党支部', '党员人数', '正式党员', '预备党员']));
    for (const name of BRANCH_SHEETS) framed(summary.addRow([name, 3, 3, 0]));
    summary.addRow(['合计', 9, 9, 0]);
  }
  BRANCH_SHEETS.forEach((name, b) => {
    const sheet = book.addWorksheet(name);
    title(sheet, `${name}党员名册`, 6);
    framed(sheet.addRow(['姓名', '性别', '身份证号', '入党日期', '转正日期', '职务']));
    for (const p of range(50 + b * 3, 3).map((n) => person(n))) {
      const row = sheet.addRow([p.name, p.gender, p.id, day(p.admitted), day(p.full), b === 2 ? '退休' : '科员']);
      for (const c of [4, 5]) row.getCell(c).numFmt = 'yyyy年m月d日';
      framed(row);
    }
  });
  if (extra.notes) {
    const notes = book.addWorksheet('填表说明');
    notes.addRow(['填表说明']);
    notes.addRow(['1. 每个党支部一张表，表名为党支部名称；']);
    notes.addRow(['2. 姓名、身份证号、入党日期为必填项。']);
  }
}

function twoRowHeader(sheet: ExcelJS.Worksheet, numbers: number[]): void {
  title(sheet, '党员基本信息花名册', 10);
  sheet.addRow(['序号', '基本情况', '', '', '', '', '党员信息', '', '', '联系方式']);
  sheet.addRow(['', '姓名', '性别', '民族', '公民身份号码', '学历', '所在党支部', '入党时间', '转正时间', '']);
  for (const col of ['A', 'J']) sheet.mergeCells(`${col}2:${col}3`);
  sheet.mergeCells('B2:F2');
  sheet.mergeCells('G2:I2');
  framed(sheet.getRow(2));
  framed(sheet.getRow(3));
  for (const [i, n] of numbers.entries()) {
    const p = person(n);
    const row = sheet.addRow([
      i + 1,
      p.name,
      p.gender,
      '汉族',
      p.id,
      i % 2 ? '大学本科' : '研究生',
      alternate(i),
      day(p.admitted),
      day(p.full),
      `1380000${String(n).padStart(4, '0')}`,
    ]);
    for (const c of [8, 9]) row.getCell(c).numFmt = 'yyyy.mm.dd';
    framed(row);
  }
  sheet.addRow(['合计', `${numbers.length}人`]);
}

function splitDates(sheet: ExcelJS.Worksheet, numbers: number[]): void {
  title(sheet, '党员名册', 10);
  sheet.addRow(['姓名', '身份证号', '所在党支部', '出生日期', '', '', '入党时间', '', '转正时间', '']);
  sheet.addRow(['', '', '', '年', '月', '日', '年', '月', '年', '月']);
  for (const col of ['A', 'B', 'C']) sheet.mergeCells(`${col}2:${col}3`);
  sheet.mergeCells('D2:F2');
  sheet.mergeCells('G2:H2');
  sheet.mergeCells('I2:J2');
  for (const [i, n] of numbers.entries()) {
    const p = person(n);
    const [by, bm, bd] = p.birth.split('-').map(Number);
    const [ay, am] = p.admitted.split('-').map(Number);
    const [fy, fm] = p.full.split('-').map(Number);
    framed(sheet.addRow([p.name, p.id, alternate(i), by, bm, bd, ay, am, fy, fm]));
  }
}

/** The same shapes saved again by other programs (see `made` above). */
const copies: { from: string; file: string; made: Made }[] = [
  { from: '03-两行表头.xlsx', file: '22-两行表头-LibreOffice.xlsx', made: 'libreoffice-xlsx' },
  { from: '15-年月格式的日期单元格.xlsx', file: '23-年月格式-LibreOffice.xlsx', made: 'libreoffice-xlsx' },
  { from: '10-一支部一表.xlsx', file: '24-一支部一表.xls', made: 'libreoffice-xls' },
  { from: '04-出生日期分年月日.xlsx', file: '25-出生日期分年月日.xls', made: 'libreoffice-xls' },
  { from: '09-身份证存成数字.xlsx', file: '26-身份证存成数字.xls', made: 'libreoffice-xls' },
  { from: '15-年月格式的日期单元格.xlsx', file: '27-年月格式.xls', made: 'libreoffice-xls' },
  { from: '05-表格下方说明.xlsx', file: '28-表格下方说明.et', made: 'wps-et' },
  { from: '13-一支部一表有错.xlsx', file: '29-一支部一表有错.et', made: 'wps-et' },
  { from: '08-空格与全角.xlsx', file: '30-空格与全角-内联文字.xlsx', made: 'inline' },
  { from: '02-标题与合计.xlsx', file: '31-标题与合计-内联文字.xlsx', made: 'inline' },
  { from: '06-筛选隐藏行.xlsx', file: '32-筛选隐藏行.xls', made: 'libreoffice-xls' },
];

export const CORPUS: CorpusCase[] = [
  ...base,
  ...copies.map(({ from, file, made }) => {
    const original = base.find((c) => c.file === from)!;
    return { ...original, file, made, what: `${original.what} (${made})` };
  }),
];

/* ---------- writing the files ---------- */

/** Every text cell written inline, the shared-strings part gone, as streaming writers write a workbook. */
async function inlineStrings(bytes: Buffer): Promise<Buffer> {
  const zip = await JSZip.loadAsync(bytes);
  const sst = (await zip.file('xl/sharedStrings.xml')?.async('string')) ?? '';
  const strings = [...sst.matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) =>
    [...m[1]!.matchAll(/<t[^>]*>([\s\S]*?)<\/t>/g)].map((t) => t[1]).join(''),
  );
  for (const name of Object.keys(zip.files).filter((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n))) {
    const xml = await zip.file(name)!.async('string');
    const inline = xml.replace(
      /<c r="([A-Z]+\d+)"((?: s="\d+")?) t="s"><v>(\d+)<\/v><\/c>/g,
      (_, ref: string, style: string, index: string) =>
        `<c r="${ref}"${style} t="inlineStr"><is><t xml:space="preserve">${strings[Number(index)]}</t></is></c>`,
    );
    zip.file(name, inline);
  }
  zip.remove('xl/sharedStrings.xml');
  const types = await zip.file('[Content_Types].xml')!.async('string');
  zip.file('[Content_Types].xml', types.replace(/<Override PartName="\/xl\/sharedStrings.xml"[^>]*\/>/, ''));
  const rels = await zip.file('xl/_rels/workbook.xml.rels')!.async('string');
  zip.file('xl/_rels/workbook.xml.rels', rels.replace(/<Relationship [^>]*Target="sharedStrings.xml"[^>]*\/>/, ''));
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

async function excelBytes(c: CorpusCase): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = '某某局机关党委';
  c.build(book);
  return Buffer.from(await book.xlsx.writeBuffer());
}

/**
 * Writes every file of the corpus into `dir` (LibreOffice converting all that need it in one
 * process) and returns the cases with their paths.
 */
export async function writeCorpus(dir: string): Promise<(CorpusCase & { path: string })[]> {
  const sources = path.join(dir, 'sources');
  fs.mkdirSync(sources, { recursive: true });
  const out: (CorpusCase & { path: string })[] = [];
  const toConvert: { c: CorpusCase; source: string; to: 'xls' | 'xlsx' }[] = [];
  for (const c of CORPUS) {
    const bytes = await excelBytes(c);
    const target = path.join(dir, c.file);
    if (c.made === 'excel') fs.writeFileSync(target, bytes);
    else if (c.made === 'inline') fs.writeFileSync(target, await inlineStrings(bytes));
    else {
      // LibreOffice names its output after the source: one source per copy, named after the copy.
      const source = path.join(sources, `${path.basename(c.file, path.extname(c.file))}.xlsx`);
      fs.writeFileSync(source, bytes);
      toConvert.push({ c, source, to: c.made === 'libreoffice-xlsx' ? 'xlsx' : 'xls' });
    }
    out.push({ ...c, path: target });
  }
  for (const to of ['xls', 'xlsx'] as const) {
    const batch = toConvert.filter((x) => x.to === to);
    if (!batch.length) continue;
    const converted = path.join(dir, `converted-${to}`);
    fs.mkdirSync(converted, { recursive: true });
    const files = convertFiles(
      batch.map((x) => x.source),
      to,
      converted,
    );
    batch.forEach((x, i) => fs.renameSync(files[i]!, path.join(dir, x.c.file)));
  }
  return out;
}
