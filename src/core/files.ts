import type { FileInput, FileOutput } from '../shared/files';
import { XLSX_MIME } from '../shared/files';

export function decodeFile(file: FileInput): Uint8Array {
  return new Uint8Array(Buffer.from(file.base64, 'base64'));
}

export function xlsxFile(fileName: string, buffer: Buffer): FileOutput {
  return { fileName, mimeType: XLSX_MIME, base64: buffer.toString('base64') };
}
