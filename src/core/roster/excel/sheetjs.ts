import * as XLSX from '@e965/xlsx';
import * as codepages from '@e965/xlsx/dist/cpexcel.full.mjs';
import { unzipEntry, type ZipEntry } from '../../excel/zip';
import type { Cell } from './cells';
import { customDateFormat, serialDate } from './number-formats';
import { RowLimitError, type CellRange, type ReadLimits, type Sheet } from './sheet';

/*
 * The binary workbooks, through SheetJS Community Edition (Apache-2.0; the npm package
 * @e965/xlsx, which republishes SheetJS's own release tags unchanged: see docs/architecture.md):
 * Excel 97-2003 .xls and WPS .et (both BIFF8 in an OLE compound file; older BIFF5 files with
 * GBK text through its code pages) and Excel's binary .xlsb. For .xlsb the zip is read and
 * checked by zip.ts first and SheetJS is handed the parts already inflated, so its own inflater,
 * which checks no CRC and has no cap, never runs. SheetJS's cells are reduced to the importers'
 * cells by the same rules as the .xlsx reader (number-formats.ts).
 */

let prepared = false;

/**
 * SheetJS knows the built-in number formats by their en-US codes and maps the East Asian ones
 * (27–36, 50–58) to m/d/yy, which would turn Chinese Excel's 2001年7月 (id 57) into a day. The
 * zh-CN codes are loaded once instead; BIFF5 text in GBK needs the code pages.
 */
function prepare(): void {
  if (prepared) return;
  prepared = true;
  XLSX.set_cptable(codepages);
  const zhCN: Record<number, string> = {
    27: 'yyyy"年"m"月"',
    28: 'm"月"d"日"',
    29: 'm"月"d"日"',
    30: 'm-d-yy',
    31: 'yyyy"年"m"月"d"日"',
    32: 'h"时"mm"分"',
    33: 'h"时"mm"分"ss"秒"',
    34: '上午/下午h"时"mm"分"',
    35: '上午/下午h"时"mm"分"ss"秒"',
    36: 'yyyy"年"m"月"',
    50: 'yyyy"年"m"月"',
    51: 'm"月"d"日"',
    52: 'yyyy"年"m"月"',
    53: 'm"月"d"日"',
    54: 'm"月"d"日"',
    55: '上午/下午h"时"mm"分"',
    56: '上午/下午h"时"mm"分"ss"秒"',
    57: 'yyyy"年"m"月"',
    58: 'm"月"d"日"',
  };
  for (const [id, code] of Object.entries(zhCN)) XLSX.SSF.load(code, Number(id));
}

const OPTIONS: XLSX.ParsingOptions = {
  dense: true,
  cellNF: true,
  cellText: false,
  cellDates: false,
  cellFormula: true, // only to tell a formula whose result was never saved from an empty cell
  cellHTML: false,
  cellStyles: true, // hidden columns
  bookVBA: false,
  WTF: false,
};

/** BIFF error codes (the value SheetJS gives for an error cell) as Excel shows them. */
const ERRORS: Record<number, string> = {
  0x00: '#NULL!',
  0x07: '#DIV/0!',
  0x0f: '#VALUE!',
  0x17: '#REF!',
  0x1d: '#NAME?',
  0x24: '#NUM!',
  0x2a: '#N/A',
  0x2b: '#GETTING_DATA',
};

interface SheetJsCell {
  t: string;
  v?: unknown;
  z?: string | number;
  f?: string;
}

function toCell(cell: SheetJsCell | undefined, date1904: boolean): Cell {
  if (!cell) return { kind: 'empty' };
  if (cell.f !== undefined && cell.v === undefined) return { kind: 'error', text: '公式没有保存计算结果' };
  switch (cell.t) {
    case 's': {
      const text = String(cell.v ?? '').trim();
      return text ? { kind: 'text', text } : { kind: 'empty' };
    }
    case 'n': {
      const value = Number(cell.v);
      if (!Number.isFinite(value)) return { kind: 'error', text: String(cell.v) };
      const format = typeof cell.z === 'string' ? customDateFormat(cell.z) : null;
      return format ? serialDate(value, date1904, format) : { kind: 'number', value };
    }
    case 'b':
      return { kind: 'boolean', value: Boolean(cell.v) };
    case 'e':
      return { kind: 'error', text: ERRORS[Number(cell.v)] ?? '#错误' };
    case 'd': {
      const date = cell.v instanceof Date ? cell.v : new Date(String(cell.v));
      if (Number.isNaN(date.getTime())) return { kind: 'error', text: '无效日期' };
      const format = typeof cell.z === 'string' ? customDateFormat(cell.z) : null;
      return { kind: 'date', iso: date.toISOString().slice(0, 10), precision: format ?? 'day' };
    }
    default:
      return { kind: 'empty' };
  }
}

function toSheets(book: XLSX.WorkBook, limits: ReadLimits): Sheet[] {
  const date1904 = Boolean(book.Workbook?.WBProps?.date1904);
  return book.SheetNames.map((name, index) => {
    const worksheet = book.Sheets[name];
    const data = ((worksheet as { '!data'?: (SheetJsCell | undefined)[][] } | undefined)?.['!data'] ?? []) as (
      (SheetJsCell | undefined)[] | undefined
    )[];
    const rows: Cell[][] = [];
    let columnCount = 0;
    let withValues = 0;
    data.forEach((source, r) => {
      if (!source) return;
      const cells: Cell[] = [];
      let any = false;
      source.forEach((value, c) => {
        const cell = toCell(value, date1904);
        if (cell.kind === 'empty') return;
        cells[c + 1] = cell;
        any = true;
        if (c + 1 > columnCount) columnCount = c + 1;
      });
      rows[r + 1] = cells;
      if (any && ++withValues > limits.sheetRows) throw new RowLimitError(name, r + 1, limits.sheetRows);
    });
    const hiddenRows = new Set<number>();
    (worksheet?.['!rows'] ?? []).forEach((row, r) => row?.hidden && hiddenRows.add(r + 1));
    const hiddenColumns = new Set<number>();
    (worksheet?.['!cols'] ?? []).forEach((col, c) => col?.hidden && hiddenColumns.add(c + 1));
    const merges: CellRange[] = (worksheet?.['!merges'] ?? []).map((m) => ({
      top: m.s.r + 1,
      left: m.s.c + 1,
      bottom: m.e.r + 1,
      right: m.e.c + 1,
    }));
    return {
      name,
      hidden: Boolean(book.Workbook?.Sheets?.[index]?.Hidden),
      rows,
      rowCount: Math.max(0, rows.length - 1),
      columnCount,
      hiddenRows,
      hiddenColumns,
      merges,
    };
  });
}

/** An Excel 97-2003 (.xls) or WPS (.et) workbook: BIFF records in an OLE compound file. */
export function readBiff(bytes: Buffer, limits: ReadLimits): Sheet[] {
  prepare();
  return toSheets(XLSX.read(bytes, { ...OPTIONS, type: 'buffer' }), limits);
}

/**
 * A zip package — Excel's binary .xlsb here; the tests also hand it .xlsx files to compare the two
 * readers — from parts zip.ts has already read and checked.
 */
export function readPackageWithSheetJs(entries: ZipEntry[], limits: ReadLimits, partBytes: number): Sheet[] {
  prepare();
  const container = XLSX.CFB.utils.cfb_new();
  for (const entry of entries) {
    if (entry.name.endsWith('/')) continue;
    XLSX.CFB.utils.cfb_add(container, entry.name, unzipEntry(entry, partBytes));
  }
  const parseZip = (XLSX as unknown as { parse_zip: (zip: unknown, options: XLSX.ParsingOptions) => XLSX.WorkBook })
    .parse_zip;
  return toSheets(parseZip(container, { ...OPTIONS }), limits);
}
