/*
 * 佐证材料: what may be stored as evidence, judged by the file's content (its first bytes and,
 * for Office files, the names inside), never by its name alone. Pure, on a Uint8Array, so the
 * screen can say "no" before uploading and the core says it again before storing.
 *
 * Accepted: PDF, JPEG, PNG, Word and Excel (.docx/.xlsx, and the older .doc/.xls, which WPS
 * also writes as .wps/.et). Refused with a reason: programs (Windows, Linux, macOS, Java,
 * installers), scripts, Office files with macros, and anything else.
 */

import { DamagedZipError, zipDirectory } from '../zip-directory';

export type EvidenceType = 'pdf' | 'jpeg' | 'png' | 'docx' | 'xlsx' | 'doc' | 'xls';
export const EVIDENCE_TYPES: readonly EvidenceType[] = ['pdf', 'jpeg', 'png', 'docx', 'xlsx', 'doc', 'xls'];

export const EVIDENCE_TYPE_LABEL: Record<EvidenceType, string> = {
  pdf: 'PDF文档',
  jpeg: 'JPG图片',
  png: 'PNG图片',
  docx: 'Word文档',
  xlsx: 'Excel表格',
  doc: 'Word文档（97-2003格式）',
  xls: 'Excel表格（97-2003格式）',
};

export const EVIDENCE_MIME: Record<EvidenceType, string> = {
  pdf: 'application/pdf',
  jpeg: 'image/jpeg',
  png: 'image/png',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  doc: 'application/msword',
  xls: 'application/vnd.ms-excel',
};

/** The names each type may carry (WPS saves the old binary formats as .wps and .et). */
export const EVIDENCE_EXTENSIONS: Record<EvidenceType, string[]> = {
  pdf: ['.pdf'],
  jpeg: ['.jpg', '.jpeg'],
  png: ['.png'],
  docx: ['.docx'],
  xlsx: ['.xlsx'],
  doc: ['.doc', '.wps'],
  xls: ['.xls', '.et'],
};

/** For the file picker's accept attribute: a hint only; the content decides. */
export const EVIDENCE_ACCEPT = Object.values(EVIDENCE_EXTENSIONS).flat().join(',');

export const ACCEPTED_TYPES_TEXT = 'PDF、JPG/PNG图片、Word（.docx/.doc）或Excel（.xlsx/.xls）文件';

/** Default and bounds of the per-file size limit (the transport carries at most 20 MB). */
export const DEFAULT_EVIDENCE_MAX_MB = 10;
export const EVIDENCE_MAX_MB_LIMIT = 20;

const PROGRAM_EXTENSIONS = new Set([
  '.exe',
  '.dll',
  '.com',
  '.scr',
  '.cpl',
  '.msi',
  '.msp',
  '.sys',
  '.drv',
  '.ocx',
  '.pif',
  '.lnk',
  '.jar',
  '.apk',
  '.app',
  '.deb',
  '.rpm',
  '.dmg',
  '.bin',
  '.run',
  '.elf',
  '.so',
  '.dylib',
]);
const SCRIPT_EXTENSIONS = new Set([
  '.bat',
  '.cmd',
  '.ps1',
  '.psm1',
  '.vbs',
  '.vbe',
  '.js',
  '.jse',
  '.mjs',
  '.wsf',
  '.wsh',
  '.hta',
  '.sh',
  '.bash',
  '.py',
  '.pl',
  '.rb',
  '.php',
  '.reg',
  '.inf',
  '.html',
  '.htm',
  '.svg',
  '.xhtml',
  '.url',
]);
const MACRO_EXTENSIONS = new Set(['.docm', '.dotm', '.xlsm', '.xltm', '.xlam', '.pptm']);

export type Sniffed =
  | { ok: true; type: EvidenceType }
  | { ok: false; reason: 'empty' | 'program' | 'script' | 'macro' | 'unknown'; what?: string };

function startsWith(bytes: Uint8Array, signature: readonly number[], at = 0): boolean {
  if (bytes.length < at + signature.length) return false;
  return signature.every((b, i) => bytes[at + i] === b);
}

function ascii(text: string): number[] {
  return [...text].map((c) => c.charCodeAt(0));
}

function u16(bytes: Uint8Array, at: number): number {
  return (bytes[at] ?? 0) | ((bytes[at + 1] ?? 0) << 8);
}
function u32(bytes: Uint8Array, at: number): number {
  return (u16(bytes, at) | (u16(bytes, at + 2) << 16)) >>> 0;
}

/** The names in a ZIP file's central directory (every entry, as stored), or null when it is not a readable ZIP. */
export function zipEntryNames(bytes: Uint8Array): string[] | null {
  try {
    return zipDirectory(bytes).map((entry) => entry.name);
  } catch (error) {
    if (error instanceof DamagedZipError) return null;
    throw error;
  }
}

const END_OF_CHAIN = 0xfffffffe;

/**
 * The names in an OLE compound file's directory (Word 97–2003, Excel 97–2003, WPS, and also
 * installers), read by following the FAT; null when the structure does not hold together.
 */
export function oleEntryNames(bytes: Uint8Array): string[] | null {
  if (bytes.length < 512) return null;
  const sectorShift = u16(bytes, 0x1e);
  if (sectorShift !== 9 && sectorShift !== 12) return null;
  const size = 1 << sectorShift;
  const sector = (n: number) => (n + 1) * size;
  const perSector = size / 4;
  // The FAT's own sectors: 109 listed in the header, more in a DIFAT chain for big files.
  const fatSectors: number[] = [];
  for (let i = 0; i < 109; i++) {
    const s = u32(bytes, 0x4c + i * 4);
    if (s < 0xfffffffa) fatSectors.push(s);
  }
  let difat = u32(bytes, 0x44);
  for (let guard = 0; difat < 0xfffffffa && guard < 10_000; guard++) {
    const at = sector(difat);
    if (at + size > bytes.length) return null;
    for (let i = 0; i < perSector - 1; i++) {
      const s = u32(bytes, at + i * 4);
      if (s < 0xfffffffa) fatSectors.push(s);
    }
    difat = u32(bytes, at + size - 4);
  }
  const next = (n: number): number => {
    const fatSector = fatSectors[Math.floor(n / perSector)];
    if (fatSector === undefined) return END_OF_CHAIN;
    const at = sector(fatSector) + (n % perSector) * 4;
    return at + 4 > bytes.length ? END_OF_CHAIN : u32(bytes, at);
  };
  const names: string[] = [];
  let dir = u32(bytes, 0x30);
  for (let guard = 0; dir < 0xfffffffa && guard < 100_000; guard++) {
    const at = sector(dir);
    if (at + size > bytes.length) return null;
    for (let e = at; e < at + size; e += 128) {
      const type = bytes[e + 0x42];
      const length = u16(bytes, e + 0x40);
      if (!type || length < 2 || length > 64) continue;
      let name = '';
      for (let i = 0; i < length - 2; i += 2) name += String.fromCharCode(u16(bytes, e + i));
      names.push(name);
    }
    dir = next(dir);
  }
  return names.length ? names : null;
}

export function extensionOf(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return dot < 0 ? '' : fileName.slice(dot).toLowerCase();
}

const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/** What the bytes are, whatever the name says. */
export function sniffEvidence(bytes: Uint8Array): Sniffed {
  if (bytes.length === 0) return { ok: false, reason: 'empty' };
  if (startsWith(bytes, ascii('%PDF-'))) return { ok: true, type: 'pdf' };
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return { ok: true, type: 'jpeg' };
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { ok: true, type: 'png' };

  if (startsWith(bytes, ascii('MZ'))) return { ok: false, reason: 'program', what: 'Windows程序' };
  if (startsWith(bytes, [0x7f, 0x45, 0x4c, 0x46])) return { ok: false, reason: 'program', what: 'Linux程序' };
  for (const magic of [
    [0xfe, 0xed, 0xfa, 0xce],
    [0xfe, 0xed, 0xfa, 0xcf],
    [0xce, 0xfa, 0xed, 0xfe],
    [0xcf, 0xfa, 0xed, 0xfe],
  ]) {
    if (startsWith(bytes, magic)) return { ok: false, reason: 'program', what: 'macOS程序' };
  }
  if (startsWith(bytes, [0xca, 0xfe, 0xba, 0xbe])) return { ok: false, reason: 'program', what: '程序' };
  if (startsWith(bytes, [0x4c, 0x00, 0x00, 0x00, 0x01, 0x14, 0x02, 0x00]))
    return { ok: false, reason: 'program', what: 'Windows快捷方式' };
  if (startsWith(bytes, ascii('#!'))) return { ok: false, reason: 'script', what: '脚本' };

  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) {
    const names = zipEntryNames(bytes);
    if (!names) return { ok: false, reason: 'unknown', what: '损坏的压缩文件' };
    const has = (name: string) => names.some((n) => n.toLowerCase() === name);
    if (names.some((n) => /(^|\/)vbaproject\.bin$/i.test(n))) return { ok: false, reason: 'macro' };
    if (names.some((n) => /\.(exe|dll|scr|bat|cmd|ps1|vbs|js|jar|msi|lnk)$/i.test(n)) && !has('[content_types].xml')) {
      return { ok: false, reason: 'program', what: '含有程序的压缩包' };
    }
    if (has('[content_types].xml') && has('word/document.xml')) return { ok: true, type: 'docx' };
    if (has('[content_types].xml') && has('xl/workbook.xml')) return { ok: true, type: 'xlsx' };
    if (names.some((n) => n.toLowerCase() === 'meta-inf/manifest.mf'))
      return { ok: false, reason: 'program', what: 'Java程序' };
    return { ok: false, reason: 'unknown', what: '压缩文件' };
  }

  if (startsWith(bytes, OLE)) {
    const names = oleEntryNames(bytes);
    if (!names) return { ok: false, reason: 'unknown', what: '损坏的Office文件' };
    const has = (name: string) => names.includes(name);
    if (has('_VBA_PROJECT') || has('_VBA_PROJECT_CUR') || has('Macros') || has('VBA'))
      return { ok: false, reason: 'macro' };
    if (has('WordDocument')) return { ok: true, type: 'doc' };
    if (has('Workbook') || has('Book')) return { ok: true, type: 'xls' };
    return { ok: false, reason: 'unknown', what: '不是Word或Excel的复合文档，可能是安装程序' };
  }
  return { ok: false, reason: 'unknown' };
}

function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  if (bytes >= 1024) return `${Math.ceil(bytes / 1024)} KB`;
  return `${bytes} 字节`;
}
export { formatSize as formatFileSize };

export type EvidenceCheck = { ok: true; type: EvidenceType; mimeType: string } | { ok: false; message: string };

/**
 * Whether a file may be kept as evidence: not empty, within `maxBytes`, of an accepted type by
 * its content, and named as what it is. Every refusal names the file and says what to do.
 */
/** The size alone: empty or over the limit (checked before a file is even read). */
export function evidenceSizeProblem(fileName: string, size: number, maxBytes: number): string | null {
  const name = `文件“${fileName}”`;
  if (size === 0) return `${name}是空文件（0字节），不能作为佐证材料。`;
  if (size > maxBytes)
    return `${name}有${formatSize(size)}，超过每个文件${formatSize(maxBytes)}的上限。可以压缩图片、把PDF分成几份，或在“设置”中调整上限。`;
  return null;
}

export function checkEvidence(fileName: string, bytes: Uint8Array, maxBytes: number): EvidenceCheck {
  const name = `文件“${fileName}”`;
  const ext = extensionOf(fileName);
  const sizeProblem = evidenceSizeProblem(fileName, bytes.length, maxBytes);
  if (sizeProblem) return { ok: false, message: sizeProblem };
  const sniffed = sniffEvidence(bytes);
  if (!sniffed.ok) {
    if (sniffed.reason === 'program' || PROGRAM_EXTENSIONS.has(ext)) {
      return {
        ok: false,
        message: `${name}是${sniffed.what && sniffed.reason === 'program' ? sniffed.what : '可执行程序'}，出于安全考虑不能作为佐证材料上传。`,
      };
    }
    if (sniffed.reason === 'script' || SCRIPT_EXTENSIONS.has(ext)) {
      return {
        ok: false,
        message: `${name}是脚本或网页文件，出于安全考虑不能作为佐证材料上传。请上传${ACCEPTED_TYPES_TEXT}。`,
      };
    }
    if (sniffed.reason === 'macro' || MACRO_EXTENSIONS.has(ext)) {
      return {
        ok: false,
        message: `${name}含有宏代码，出于安全考虑不能上传。请在WPS或Word中另存为不含宏的 .docx、.xlsx 或 PDF 后再上传。`,
      };
    }
    const what = sniffed.what ? `（${sniffed.what}）` : '';
    return { ok: false, message: `${name}不是可以保存的文件类型${what}。佐证材料只能是${ACCEPTED_TYPES_TEXT}。` };
  }
  if (MACRO_EXTENSIONS.has(ext)) {
    return {
      ok: false,
      message: `${name}是启用宏的文件，出于安全考虑不能上传。请另存为不含宏的 .docx、.xlsx 或 PDF 后再上传。`,
    };
  }
  const expected = EVIDENCE_EXTENSIONS[sniffed.type];
  if (!expected.includes(ext)) {
    const should = expected.join(' 或 ');
    return {
      ok: false,
      message: ext
        ? `${name}的扩展名是“${ext}”，但内容是${EVIDENCE_TYPE_LABEL[sniffed.type]}。请确认选对了文件；如确是${EVIDENCE_TYPE_LABEL[sniffed.type]}，请把扩展名改为 ${should} 后再上传。`
        : `${name}没有扩展名，内容是${EVIDENCE_TYPE_LABEL[sniffed.type]}。请把文件名改为以 ${should} 结尾后再上传。`,
    };
  }
  return { ok: true, type: sniffed.type, mimeType: EVIDENCE_MIME[sniffed.type] };
}
