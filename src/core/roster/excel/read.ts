import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { AppError } from '../../../shared/errors';
import { readCell, type Cell } from './cells';

export interface Sheet {
  name: string;
  /** rows[r][c] with 1-based worksheet numbering; missing entries are empty cells. */
  rows: Cell[][];
  rowCount: number;
  columnCount: number;
}

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function startsWith(bytes: Uint8Array, magic: number[]): boolean {
  return magic.every((b, i) => bytes[i] === b);
}

function refuse(fileName: string, message: string, detail: string): AppError {
  return new AppError({ code: 'INVALID_INPUT', message: `文件“${fileName}”${message}`, detail, field: 'file' });
}

/**
 * Reads an .xlsx workbook's sheets, telling apart the files people actually pick by mistake: an old
 * .xls, a password-protected workbook (Office wraps those in an OLE container holding an
 * "EncryptionInfo" stream), a CSV or Word file renamed, or an empty file.
 */
export async function openWorkbook(fileName: string, bytes: Uint8Array): Promise<Sheet[]> {
  if (bytes.length === 0) throw refuse(fileName, '是空文件。', 'empty file');
  if (startsWith(bytes, OLE)) {
    const marker = Buffer.from('EncryptionInfo', 'utf16le');
    if (Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(marker)) {
      throw refuse(fileName, '设置了打开密码，程序无法读取。请在 Excel 或 WPS 中取消密码（文件→信息→保护工作簿→用密码进行加密，清空密码）后再导入。', 'encrypted OLE package');
    }
    throw refuse(fileName, '是旧版 Excel 97-2003 格式（.xls）。请在 Excel 或 WPS 中“另存为” Excel 工作簿（.xlsx）后再导入。', 'legacy xls');
  }
  if (!startsWith(bytes, ZIP)) {
    throw refuse(fileName, '不是 Excel 工作簿（.xlsx）。请选择 .xlsx 文件；如是 CSV 或其他表格，请先用 Excel 或 WPS 另存为 .xlsx。', 'not a zip container');
  }
  return readSheets(fileName, bytes);
}

/**
 * Reads every worksheet row by row with exceljs's streaming reader, keeping only a compact
 * cell per value: a 10,000-row roster would otherwise hold a full workbook model in memory.
 * Merged areas come through as their top-left cell only, which header detection allows for.
 *
 * The streaming reader can stop before the end of a zip whose parts are stored uncompressed
 * (as web exporters write them), at random: the parts after a worksheet — the shared strings,
 * the workbook — are then never read, and every text cell comes back empty, or the read fails.
 * So what it read is checked against the zip's own directory, and a read that missed a part is
 * done again with the whole-file reader, which reads by that directory.
 */
async function readSheets(fileName: string, bytes: Uint8Array): Promise<Sheet[]> {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const parts = zipPartNames(buffer);
  if (parts) {
    try {
      const { sheets, seen } = await streamSheets(buffer);
      const worksheets = parts.filter((name) => /^xl\/worksheets\/sheet\d+\.xml$/.test(name)).length;
      const complete =
        (!parts.includes('xl/workbook.xml') || seen.has('workbook')) &&
        (!parts.includes('xl/sharedStrings.xml') || seen.has('shared-strings')) &&
        sheets.length >= worksheets;
      if (complete) return sheets;
    } catch {
      // read again below, by the zip's directory, which says whether the file is really damaged
    }
  }
  try {
    return await loadSheets(buffer);
  } catch (error) {
    throw refuse(fileName, '已损坏或不是 Excel 工作簿，无法读取。请用 Excel 或 WPS 打开确认后重新保存。', error instanceof Error ? error.message : String(error));
  }
}

async function streamSheets(buffer: Buffer): Promise<{ sheets: Sheet[]; seen: Set<string> }> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([buffer]), {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'emit',
  });
  const seen = new Set<string>();
  (reader as unknown as NodeJS.EventEmitter).on('entry', (entry: { type: string }) => seen.add(entry.type));
  const sheets: Sheet[] = [];
  for await (const worksheet of reader) {
    const rows: Cell[][] = [];
    let columnCount = 0;
    for await (const row of worksheet as AsyncIterable<ExcelJS.Row>) {
      const cells: Cell[] = [];
      row.eachCell({ includeEmpty: false }, (cell, col) => {
        cells[col] = readCell(cell.value);
        if (col > columnCount) columnCount = col;
      });
      rows[row.number] = cells;
    }
    sheets.push({ name: (worksheet as unknown as { name: string }).name, rows, rowCount: rows.length - 1, columnCount });
  }
  return { sheets, seen };
}

/** The whole-file reader, giving the same compact cells; merged areas again as their top-left cell only. */
async function loadSheets(buffer: Buffer): Promise<Sheet[]> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(buffer as unknown as ArrayBuffer);
  return book.worksheets.map((worksheet) => {
    const rows: Cell[][] = [];
    let columnCount = 0;
    worksheet.eachRow({ includeEmpty: false }, (row) => {
      const cells: Cell[] = [];
      row.eachCell({ includeEmpty: false }, (cell, col) => {
        if (cell.type === ExcelJS.ValueType.Merge) return;
        cells[col] = readCell(cell.value);
        if (col > columnCount) columnCount = col;
      });
      rows[row.number] = cells;
    });
    return { name: worksheet.name, rows, rowCount: rows.length - 1, columnCount };
  });
}

/** The part names in a zip's central directory, or null when there is none to read (a cut or damaged file). */
function zipPartNames(zip: Buffer): string[] | null {
  const END = 0x06054b50;
  const ENTRY = 0x02014b50;
  for (let end = zip.length - 22; end >= Math.max(0, zip.length - 22 - 0xffff); end--) {
    if (zip.readUInt32LE(end) !== END) continue;
    const count = zip.readUInt16LE(end + 10);
    let at = zip.readUInt32LE(end + 16);
    const names: string[] = [];
    for (let i = 0; i < count; i++) {
      if (at + 46 > zip.length || zip.readUInt32LE(at) !== ENTRY) return null;
      const nameLength = zip.readUInt16LE(at + 28);
      names.push(zip.toString('utf8', at + 46, at + 46 + nameLength));
      at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
    }
    return names;
  }
  return null;
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
