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
 * The streaming reader sets aside every worksheet that comes before the workbook, its
 * relationships and the shared strings, and then, at random, loses what follows: the shared
 * strings (every text cell reads as empty), the workbook (the read fails), or later sheets.
 * Excel, WPS and web exporters all write the shared strings after the worksheets. So the zip is
 * first re-laid (its compressed parts copied as they are) with those parts ahead of the
 * worksheets, which the reader then parses as they come; that has read the same every time. A
 * zip whose directory cannot be read (cut short, damaged) goes to the whole-file reader, which
 * says what is wrong; so does a read that still missed a part.
 */
async function readSheets(fileName: string, bytes: Uint8Array): Promise<Sheet[]> {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const entries = zipEntries(buffer);
  if (entries) {
    const names = entries.map((e) => e.name);
    let streamed: Awaited<ReturnType<typeof streamSheets>>;
    try {
      streamed = await streamSheets(relaid(buffer, entries));
    } catch (error) {
      throw refuse(fileName, '已损坏或不是 Excel 工作簿，无法读取。请用 Excel 或 WPS 打开确认后重新保存。', error instanceof Error ? error.message : String(error));
    }
    const { sheets, seen } = streamed;
    const complete =
      (!names.includes('xl/workbook.xml') || seen.has('workbook')) &&
      (!names.includes('xl/sharedStrings.xml') || seen.has('shared-strings')) &&
      sheets.length >= names.filter((name) => WORKSHEET.test(name)).length;
    if (complete) return sheets;
  }
  try {
    return await loadSheets(buffer);
  } catch (error) {
    throw refuse(fileName, '已损坏或不是 Excel 工作簿，无法读取。请用 Excel 或 WPS 打开确认后重新保存。', error instanceof Error ? error.message : String(error));
  }
}

const WORKSHEET = /^xl\/worksheets\/sheet\d+\.xml$/;
/** What the streaming reader must have read before a worksheet to parse it at once. */
const FIRST = ['xl/_rels/workbook.xml.rels', 'xl/workbook.xml', 'xl/sharedStrings.xml', 'xl/styles.xml'];

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

interface ZipEntry {
  name: string;
  /** The central directory record, from "version made by" to the comment length (42 bytes after the signature). */
  record: Buffer;
  nameBytes: Buffer;
  data: Buffer;
}

/**
 * The parts of a zip as its central directory lists them, each with its compressed data; null
 * when the directory or a local header cannot be read (a cut or damaged file), or for ZIP64.
 */
function zipEntries(zip: Buffer): ZipEntry[] | null {
  for (let end = zip.length - 22; end >= Math.max(0, zip.length - 22 - 0xffff); end--) {
    if (zip.readUInt32LE(end) !== 0x06054b50) continue;
    const count = zip.readUInt16LE(end + 10);
    let at = zip.readUInt32LE(end + 16);
    const entries: ZipEntry[] = [];
    for (let i = 0; i < count; i++) {
      if (at + 46 > zip.length || zip.readUInt32LE(at) !== 0x02014b50) return null;
      const compressedSize = zip.readUInt32LE(at + 20);
      const nameLength = zip.readUInt16LE(at + 28);
      const local = zip.readUInt32LE(at + 42);
      if (compressedSize === 0xffffffff || local === 0xffffffff || local + 30 > zip.length || zip.readUInt32LE(local) !== 0x04034b50) return null;
      const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
      if (start + compressedSize > zip.length) return null;
      const nameBytes = zip.subarray(at + 46, at + 46 + nameLength);
      entries.push({ name: nameBytes.toString('utf8'), record: zip.subarray(at + 4, at + 46), nameBytes, data: zip.subarray(start, start + compressedSize) });
      at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
    }
    return entries;
  }
  return null;
}

/** The same zip with the workbook's relationships, the workbook, the shared strings and the styles first. */
function relaid(zip: Buffer, entries: ZipEntry[]): Buffer {
  const rank = (e: ZipEntry) => (FIRST.includes(e.name) ? FIRST.indexOf(e.name) : FIRST.length);
  const ordered = entries.map((e, i) => ({ e, i })).sort((a, b) => rank(a.e) - rank(b.e) || a.i - b.i).map(({ e }) => e);
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of ordered) {
    // The central record holds all the local header needs: version, flags, method, time, CRC, sizes.
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    e.record.copy(local, 4, 2, 26); // version needed … uncompressed size
    local.writeUInt16LE(local.readUInt16LE(6) & ~0x08, 6); // sizes are in the header: no data descriptor
    local.writeUInt16LE(e.nameBytes.length, 26);
    local.writeUInt16LE(0, 28);
    locals.push(local, e.nameBytes, e.data);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    e.record.copy(central, 4, 0, 42);
    central.writeUInt16LE(central.readUInt16LE(8) & ~0x08, 8);
    central.writeUInt16LE(0, 30); // no extra field
    central.writeUInt16LE(0, 32); // no comment
    central.writeUInt32LE(offset, 42);
    centrals.push(central, e.nameBytes);
    offset += 30 + e.nameBytes.length + e.data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(ordered.length, 8);
  end.writeUInt16LE(ordered.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
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
