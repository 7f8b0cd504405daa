import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkEvidence, oleEntryNames, sniffEvidence, zipEntryNames } from '../../src/shared/duties/evidence';

/* 佐证材料: what may be kept, judged by content; limits and refusals name the file. */

const MB = 1024 * 1024;
const bytes = (...parts: (string | number[])[]) =>
  new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? [...p].map((c) => c.charCodeAt(0)) : p)));

const PDF = bytes('%PDF-1.7\n%\xe2\xe3\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n');
const JPEG = bytes([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10], 'JFIF', [0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 0xff, 0xd9]);
const PNG = bytes(
  [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13],
  'IHDR',
  [0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0],
);
const EXE = bytes('MZ', [0x90, 0, 3, 0, 0, 0, 4, 0], 'This program cannot be run in DOS mode.');
const ELF = bytes([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]);

async function zip(files: Record<string, string>): Promise<Uint8Array> {
  const z = new JSZip();
  for (const [name, text] of Object.entries(files)) z.file(name, text);
  return z.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}

/** A compound file (OLE2) with one FAT sector and one directory sector holding these entries. */
function ole(names: string[]): Uint8Array {
  const out = new Uint8Array(512 * 3);
  const view = new DataView(out.buffer);
  out.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  view.setUint16(0x18, 0x3e, true);
  view.setUint16(0x1a, 3, true);
  view.setUint16(0x1c, 0xfffe, true);
  view.setUint16(0x1e, 9, true); // 512-byte sectors
  view.setUint16(0x20, 6, true);
  view.setUint32(0x2c, 1, true); // one FAT sector
  view.setUint32(0x30, 1, true); // directory in sector 1
  view.setUint32(0x38, 4096, true);
  view.setUint32(0x3c, 0xfffffffe, true);
  view.setUint32(0x40, 0, true);
  view.setUint32(0x44, 0xfffffffe, true);
  view.setUint32(0x48, 0, true);
  for (let i = 0; i < 109; i++) view.setUint32(0x4c + i * 4, i === 0 ? 0 : 0xffffffff, true);
  // FAT (sector 0, at 512): sector 0 is the FAT itself, sector 1 ends the directory chain.
  for (let i = 0; i < 128; i++)
    view.setUint32(512 + i * 4, i === 0 ? 0xfffffffd : i === 1 ? 0xfffffffe : 0xffffffff, true);
  // Directory (sector 1, at 1024): the root, then the named entries (4 a sector).
  ['Root Entry', ...names].slice(0, 4).forEach((name, e) => {
    const at = 1024 + e * 128;
    for (let i = 0; i < name.length; i++) view.setUint16(at + i * 2, name.charCodeAt(i), true);
    view.setUint16(at + 0x40, (name.length + 1) * 2, true);
    out[at + 0x42] = e === 0 ? 5 : 2;
  });
  return out;
}

describe('what the bytes are', () => {
  let docx: Uint8Array;
  let xlsx: Uint8Array;
  let docm: Uint8Array;
  let plainZip: Uint8Array;
  beforeAll(async () => {
    docx = await zip({
      '[Content_Types].xml': '<Types/>',
      'word/document.xml': '<w:document/>',
      '_rels/.rels': '<Relationships/>',
    });
    xlsx = await zip({ '[Content_Types].xml': '<Types/>', 'xl/workbook.xml': '<workbook/>' });
    docm = await zip({
      '[Content_Types].xml': '<Types/>',
      'word/document.xml': '<w:document/>',
      'word/vbaProject.bin': 'VBA',
    });
    plainZip = await zip({ 'photos/1.jpg': 'x', 'setup.exe': 'MZ' });
  });

  it('recognises PDF, JPEG, PNG, Word and Excel by content', () => {
    expect(sniffEvidence(PDF)).toEqual({ ok: true, type: 'pdf' });
    expect(sniffEvidence(JPEG)).toEqual({ ok: true, type: 'jpeg' });
    expect(sniffEvidence(PNG)).toEqual({ ok: true, type: 'png' });
    expect(sniffEvidence(docx)).toEqual({ ok: true, type: 'docx' });
    expect(sniffEvidence(xlsx)).toEqual({ ok: true, type: 'xlsx' });
    expect(sniffEvidence(ole(['WordDocument', '1Table']))).toEqual({ ok: true, type: 'doc' });
    expect(sniffEvidence(ole(['Workbook']))).toEqual({ ok: true, type: 'xls' });
  });

  it('reads ZIP and OLE directories rather than guessing from stray bytes', () => {
    expect(zipEntryNames(docx)).toEqual(expect.arrayContaining(['[Content_Types].xml', 'word/document.xml']));
    expect(zipEntryNames(PDF)).toBeNull();
    expect(oleEntryNames(ole(['WordDocument']))).toEqual(['Root Entry', 'WordDocument']);
    expect(oleEntryNames(bytes([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))).toBeNull();
  });

  it('refuses programs, macros and other archives', () => {
    expect(sniffEvidence(EXE)).toMatchObject({ ok: false, reason: 'program', what: 'Windows程序' });
    expect(sniffEvidence(ELF)).toMatchObject({ ok: false, reason: 'program' });
    expect(sniffEvidence(bytes('#!/bin/sh\nrm -rf /\n'))).toMatchObject({ ok: false, reason: 'script' });
    expect(sniffEvidence(docm)).toMatchObject({ ok: false, reason: 'macro' });
    expect(sniffEvidence(ole(['WordDocument', 'Macros']))).toMatchObject({ ok: false, reason: 'macro' });
    expect(sniffEvidence(plainZip)).toMatchObject({ ok: false, reason: 'program' });
    expect(sniffEvidence(ole(['\u0005SummaryInformation', '䡀䈏䗤䕲䜵䠯']))).toMatchObject({
      ok: false,
      reason: 'unknown',
    });
    expect(sniffEvidence(bytes('hello'))).toMatchObject({ ok: false, reason: 'unknown' });
  });

  it('accepts each type under its own names, upper case too, and WPS names for the old formats', () => {
    for (const [name, data] of [
      ['讲稿.PDF', PDF],
      ['照片.jpeg', JPEG],
      ['照片.JPG', JPEG],
      ['截图.png', PNG],
      ['记录.docx', docx],
      ['签到表.xlsx', xlsx],
      ['旧.doc', ole(['WordDocument'])],
      ['旧.wps', ole(['WordDocument'])],
      ['表.et', ole(['Workbook'])],
    ] as const) {
      expect(checkEvidence(name, data, 10 * MB), name).toMatchObject({ ok: true });
    }
    expect(checkEvidence('讲稿.pdf', PDF, 10 * MB)).toEqual({ ok: true, type: 'pdf', mimeType: 'application/pdf' });
  });

  it('says which file, what it is and what to do, for every refusal', () => {
    const message = (name: string, data: Uint8Array) => {
      const result = checkEvidence(name, data, 10 * MB);
      expect(result.ok, name).toBe(false);
      return result.ok ? '' : result.message;
    };
    expect(message('工资表.pdf', EXE)).toBe('文件“工资表.pdf”是Windows程序，出于安全考虑不能作为佐证材料上传。');
    expect(message('setup.msi', ole(['\u0005SummaryInformation']))).toContain('文件“setup.msi”是可执行程序');
    expect(message('run.bat', bytes('@echo off\r\ndel *.*\r\n'))).toContain('文件“run.bat”是脚本或网页文件');
    expect(message('page.html', bytes('<html><script>alert(1)</script></html>'))).toContain('脚本或网页文件');
    expect(message('记录.docm', docm)).toContain('文件“记录.docm”含有宏代码');
    expect(message('记录.docx', docm)).toContain('含有宏代码');
    expect(message('notes.txt', bytes('plain text'))).toBe(
      '文件“notes.txt”不是可以保存的文件类型。佐证材料只能是PDF、JPG/PNG图片、Word（.docx/.doc）或Excel（.xlsx/.xls）文件。',
    );
    expect(message('照片.zip', plainZip)).toContain('文件“照片.zip”是含有程序的压缩包');
    expect(message('照片.jpg', PDF)).toBe(
      '文件“照片.jpg”的扩展名是“.jpg”，但内容是PDF文档。请确认选对了文件；如确是PDF文档，请把扩展名改为 .pdf 后再上传。',
    );
    expect(message('扫描件', PDF)).toContain('没有扩展名，内容是PDF文档');
    expect(message('空.pdf', new Uint8Array(0))).toBe('文件“空.pdf”是空文件（0字节），不能作为佐证材料。');
  });
});

describe('the size limit', () => {
  it('takes a file of exactly the limit and refuses one byte more, naming the file and both sizes', () => {
    const limit = 10 * MB;
    const atLimit = new Uint8Array(limit);
    atLimit.set(PDF);
    expect(checkEvidence('会议记录.pdf', atLimit, limit).ok).toBe(true);
    const over = new Uint8Array(limit + 1);
    over.set(PDF);
    const result = checkEvidence('会议记录.pdf', over, limit);
    expect(result).toEqual({
      ok: false,
      message:
        '文件“会议记录.pdf”有10.0 MB，超过每个文件10.0 MB的上限。可以压缩图片、把PDF分成几份，或在“设置”中调整上限。',
    });
  });

  it('follows the configured limit', () => {
    const twoMb = new Uint8Array(2 * MB + 1);
    twoMb.set(JPEG);
    expect(checkEvidence('照片.jpg', twoMb, 2 * MB)).toMatchObject({
      ok: false,
      message: expect.stringContaining('2.0 MB的上限'),
    });
    expect(checkEvidence('照片.jpg', twoMb, 3 * MB).ok).toBe(true);
  });

  it('checks the size before reading the content, so a huge program is refused for its size', () => {
    const big = new Uint8Array(MB + 1);
    big.set(EXE);
    expect(checkEvidence('big.exe', big, MB)).toMatchObject({
      ok: false,
      message: expect.stringContaining('超过每个文件'),
    });
  });
});
