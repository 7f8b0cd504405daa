import type { FileInput, FileOutput } from '../../shared/files';

/** Offers a file the core made as a download; Electron turns downloads into a save dialog. */
export function saveFile(file: FileOutput): void {
  const bytes = Uint8Array.from(atob(file.base64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: file.mimeType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = file.fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Reads a file the user picked into the shape the contract carries. */
export async function readFile(file: File): Promise<FileInput> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return { fileName: file.name, base64: btoa(binary) };
}

/** What the import dialogs offer: Excel (.xlsx, .xlsm, .xlsb, 97-2003 .xls) and WPS (.et) workbooks. */
export const WORKBOOK_FILES =
  '.xlsx,.xlsm,.xlsb,.xls,.et,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/vnd.ms-excel';
