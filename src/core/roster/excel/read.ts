import ExcelJS from 'exceljs';
import { AppError } from '../../../shared/errors';
import { zipEntries } from '../../excel/zip';
import { readCell, type Cell } from './cells';
import { readXlsxParts } from './xlsx-parts';

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
      throw refuse(
        fileName,
        '设置了打开密码，程序无法读取。请在 Excel 或 WPS 中取消密码（文件→信息→保护工作簿→用密码进行加密，清空密码）后再导入。',
        'encrypted OLE package',
      );
    }
    throw refuse(
      fileName,
      '是旧版 Excel 97-2003 格式（.xls）。请在 Excel 或 WPS 中“另存为” Excel 工作簿（.xlsx）后再导入。',
      'legacy xls',
    );
  }
  if (!startsWith(bytes, ZIP)) {
    throw refuse(
      fileName,
      '不是 Excel 工作簿（.xlsx）。请选择 .xlsx 文件；如是 CSV 或其他表格，请先用 Excel 或 WPS 另存为 .xlsx。',
      'not a zip container',
    );
  }
  return readSheets(fileName, bytes);
}

/**
 * Reads the cells from the workbook's XML parts (xlsx-parts.ts), which is fast and light; a file
 * that reader does not expect (damaged, unusual, cut short) goes to exceljs's whole-file reader,
 * which reads every corner of the format and says what is wrong.
 */
async function readSheets(fileName: string, bytes: Uint8Array): Promise<Sheet[]> {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const entries = zipEntries(buffer);
  if (entries) {
    try {
      return readXlsxParts(entries);
    } catch {
      // exceljs below gives the message
    }
  }
  try {
    return await loadSheets(buffer);
  } catch (error) {
    throw refuse(
      fileName,
      '已损坏或不是 Excel 工作簿，无法读取。请用 Excel 或 WPS 打开确认后重新保存。',
      error instanceof Error ? error.message : String(error),
    );
  }
}

/** The whole-file reader, giving the same compact cells; merged areas as their top-left cell only. */
export async function loadSheets(buffer: Buffer): Promise<Sheet[]> {
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
