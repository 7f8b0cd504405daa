import { AppError } from '../../../shared/errors';
import { DamagedZipError, zipEntries, ZipLimitError, type ZipEntry } from '../../excel/zip';
import { RowLimitError, TooLargeError, type ReadLimits, type Sheet } from './sheet';
import { readXlsxParts, workbookPartName } from './xlsx-parts';

export { cellAt, columnLetter, type Sheet } from './sheet';

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/** Rows above and below the data (title, a two-row header, notes) that the reader lets through beyond the import's cap. */
const ROWS_AROUND_DATA = 50;
/** A part of an .xlsb handed to SheetJS whole: its binary records are far smaller than the XML of the same rows. */
const XLSB_PART_BYTES = 128 * 1024 * 1024;

export interface OpenOptions {
  /** The most data rows one import takes (a setting: 100,000 by default). */
  rowLimit: number;
}

function startsWith(bytes: Uint8Array, magic: number[]): boolean {
  return magic.every((b, i) => bytes[i] === b);
}

function refuse(fileName: string, message: string, detail: string): AppError {
  return new AppError({ code: 'INVALID_INPUT', message: `文件“${fileName}”${message}`, detail, field: 'file' });
}

const DAMAGED =
  '已损坏，无法读取（文件内容与其校验信息不符，可能是复制不完整或U盘出错）。请用 Excel 或 WPS 打开确认后重新保存，再导入。';
const UNREADABLE = '已损坏或不是 Excel 工作簿，无法读取。请用 Excel 或 WPS 打开确认后重新保存。';

/**
 * Reads a workbook's sheets: .xlsx (and .xlsm) through the lean reader, Excel 97-2003 .xls, WPS
 * .et and .xlsb through SheetJS. Tells apart the files people pick by mistake (a
 * password-protected workbook — Office wraps those in an OLE container holding an
 * "EncryptionInfo" stream —, a Word file, an OpenDocument sheet, CSV renamed, an empty file) and
 * refuses a damaged one rather than reading something half-right.
 */
export async function openWorkbook(fileName: string, bytes: Uint8Array, options: OpenOptions): Promise<Sheet[]> {
  if (bytes.length === 0) throw refuse(fileName, '是空文件。', 'empty file');
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // A roster within the row cap has at most some tens of distinct texts a row.
  const limits = { sheetRows: options.rowLimit + ROWS_AROUND_DATA, sharedStrings: options.rowLimit * 16 + 10_000 };
  try {
    if (startsWith(bytes, OLE)) return await readCompoundFile(fileName, buffer, limits);
    if (!startsWith(bytes, ZIP)) {
      throw refuse(
        fileName,
        '不是 Excel 工作簿（.xlsx 或 .xls）。如是 CSV 或其他表格，请先用 Excel 或 WPS 另存为 Excel 工作簿。',
        'not a zip or OLE container',
      );
    }
    return await readPackage(fileName, buffer, limits);
  } catch (error) {
    if (error instanceof RowLimitError) {
      throw refuse(
        fileName,
        `的工作表“${error.sheet}”超过 ${options.rowLimit.toLocaleString('zh-CN')} 行数据（读到第 ${error.row} 行时停止），超出了一次导入的上限，没有导入任何数据。请分成几个文件分批导入；如确需一次导入，可在“设置”中调高“导入行数上限”。`,
        error.message,
      );
    }
    if (error instanceof TooLargeError) {
      throw refuse(
        fileName,
        `中的“${error.part}”${error.what}，远大于任何名册或工资表，已拒绝读取。请确认选择的文件是否正确。`,
        error.message,
      );
    }
    if (error instanceof ZipLimitError) {
      throw refuse(
        fileName,
        `中的“${error.part}”解压后超过 ${Math.round(error.limit / 1024 / 1024)} MB，远大于任何名册或工资表，已拒绝读取。请确认选择的文件是否正确。`,
        error.message,
      );
    }
    if (error instanceof DamagedZipError) throw refuse(fileName, DAMAGED, error.message);
    throw error;
  }
}

/** SheetJS is loaded when a binary workbook comes (1.5 MB of code every CLI start and test would otherwise load). */
const sheetJs = () => import('./sheetjs');

async function readCompoundFile(fileName: string, buffer: Buffer, limits: ReadLimits): Promise<Sheet[]> {
  if (buffer.includes(Buffer.from('EncryptionInfo', 'utf16le'))) {
    throw refuse(
      fileName,
      '设置了打开密码，程序无法读取。请在 Excel 或 WPS 中取消密码（文件→信息→保护工作簿→用密码进行加密，清空密码）后再导入。',
      'encrypted OLE package',
    );
  }
  if (buffer.includes(Buffer.from('WordDocument', 'utf16le')) && !buffer.includes(Buffer.from('Workbook', 'utf16le')))
    throw refuse(fileName, '是 Word 文档，不是 Excel 工作簿。请选择名册所在的表格文件。', 'Word document');
  try {
    return (await sheetJs()).readBiff(buffer, limits);
  } catch (error) {
    if (error instanceof RowLimitError) throw error;
    throw refuse(fileName, UNREADABLE, `xls: ${error instanceof Error ? error.message : String(error)}`);
  }
}

async function readPackage(fileName: string, buffer: Buffer, limits: ReadLimits): Promise<Sheet[]> {
  const entries = zipEntries(buffer);
  try {
    const workbook = workbookPartName(entries);
    if (!workbook) throw refuse(fileName, ...whatElse(entries));
    if (workbook.endsWith('.bin')) return (await sheetJs()).readPackageWithSheetJs(entries, limits, XLSB_PART_BYTES);
    return await readXlsxParts(entries, limits);
  } catch (error) {
    if (
      error instanceof AppError ||
      error instanceof RowLimitError ||
      error instanceof TooLargeError ||
      error instanceof ZipLimitError ||
      error instanceof DamagedZipError
    )
      throw error;
    throw refuse(fileName, UNREADABLE, error instanceof Error ? error.message : String(error));
  }
}

/** A zip that holds no workbook: say what it is, when it is something people pick by mistake. */
function whatElse(entries: ZipEntry[]): [string, string] {
  const names = new Set(entries.map((e) => e.name));
  const mimetype = entries.find((e) => e.name === 'mimetype');
  const kind = mimetype && mimetype.method === 0 ? mimetype.data.toString('latin1') : '';
  if (kind.includes('opendocument.spreadsheet'))
    return [
      '是 OpenDocument 表格（.ods）。请在 WPS 或 LibreOffice 中“另存为” Excel 工作簿（.xlsx）后再导入。',
      'OpenDocument spreadsheet',
    ];
  if (names.has('word/document.xml'))
    return ['是 Word 文档，不是 Excel 工作簿。请选择名册所在的表格文件。', 'Word document'];
  return [UNREADABLE, 'zip without a workbook'];
}
