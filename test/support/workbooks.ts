import ExcelJS from 'exceljs';

type CellInput = ExcelJS.CellValue;

/** Builds a real .xlsx in memory: optional title rows, then the given rows as they would be typed. */
export async function workbook(build: (sheet: ExcelJS.Worksheet, book: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Sheet1');
  build(sheet, book);
  return new Uint8Array(await book.xlsx.writeBuffer());
}

export function addRows(sheet: ExcelJS.Worksheet, rows: CellInput[][]): void {
  for (const row of rows) sheet.addRow(row);
}

export function asFile(fileName: string, bytes: Uint8Array) {
  return { fileName, base64: Buffer.from(bytes).toString('base64') };
}

/** Reads a workbook the app wrote, for assertions. */
export async function readBack(base64: string): Promise<ExcelJS.Workbook> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(Buffer.from(base64, 'base64') as unknown as ArrayBuffer);
  return book;
}

/**
 * The first bytes of an OLE compound file as Office writes a password-protected workbook:
 * the CFB signature and, in the directory, the "EncryptionInfo" stream name in UTF-16.
 */
export function encryptedOfficeFile(): Uint8Array {
  const header = Buffer.alloc(1024);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(header, 0);
  Buffer.from('EncryptionInfo', 'utf16le').copy(header, 600);
  Buffer.from('EncryptedPackage', 'utf16le').copy(header, 700);
  return new Uint8Array(header);
}

/** The signature of an Excel 97-2003 file with nothing readable after it: a damaged .xls. */
export function damagedXlsFile(): Uint8Array {
  const header = Buffer.alloc(1024);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(header, 0);
  Buffer.from('Workbook', 'utf16le').copy(header, 600);
  return new Uint8Array(header);
}
