import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../shared/errors';
import { refusal } from './incoming';
import { deriveKey, KEY_BYTES, newKdf, seal, unseal, type KdfParams, type Sealed } from './keyring';

/*
 * The USB file (.pobk), as bytes: everything is encrypted with the passphrase the user types, so
 * a lost stick reveals nothing, not even the organ's name.
 *
 *   "POBK" "0001" | u32 header length | header JSON | payload | SHA-256 of all before it
 *
 * The header holds only the key-derivation parameters and the sealed manifest (organ, date,
 * counts, schema version, the payload's size and hash, and the key the payload is encrypted
 * with). The payload is the database itself, SQLCipher-encrypted with that one-off key. The
 * trailing hash tells a damaged or cut-off file from a wrong passphrase.
 *
 * Both directions stream in 1 MB pieces, so memory does not grow with the file, and a file is
 * never read past MAX_TRANSFER_BYTES: the largest file a FAT32 stick (what offices carry) can
 * hold, so nothing larger can be one of ours. Before, the whole file was read at once: 1.7 GB of
 * memory for a 1.5 GB file, /dev/zero without end, and "U盘可能已拔出" for anything over 2 GB.
 */

export const TRANSFER_EXTENSION = '.pobk';
export const MAX_TRANSFER_BYTES = 4 * 1024 ** 3 - 1;
const MAGIC = Buffer.from('POBK0001', 'ascii');
const HASH_BYTES = 32;
/** A header is a few hundred bytes: the KDF parameters and a sealed manifest of counts. */
const MAX_HEADER_BYTES = 1024 * 1024;
const CHUNK = 1024 * 1024;

export interface Manifest {
  app: 'party-office-workbench';
  appVersion: string;
  schemaVersion: number;
  organ: { name: string; committeeName: string } | null;
  exportedAt: string;
  counts: Record<string, number>;
  payload: { bytes: number; sha256: string; key: string };
}

interface Header {
  format: 1;
  kdf: KdfParams;
  manifest: Sealed;
}

const AAD = 'party-office transfer';

/** "1.5 GB", "340 MB": sizes as the office reads them. */
export function sizeWords(bytes: number): string {
  return bytes >= 1024 ** 3
    ? `${(bytes / 1024 ** 3).toFixed(1)} GB`
    : `${Math.max(1, Math.round(bytes / 1024 ** 2))} MB`;
}

/** Calls `each` with the file's bytes from `start` for `length` bytes, a piece at a time. */
function readRange(fd: number, start: number, length: number, each: (piece: Buffer) => void): void {
  const buffer = Buffer.allocUnsafe(Math.min(CHUNK, Math.max(length, 1)));
  for (let done = 0; done < length;) {
    const n = fs.readSync(fd, buffer, 0, Math.min(buffer.length, length - done), start + done);
    if (n === 0)
      throw Object.assign(new Error(`file ended at ${start + done} of ${start + length}`), { code: 'SHORT' });
    each(buffer.subarray(0, n));
    done += n;
  }
}

function writeAll(fd: number, data: Buffer): void {
  // write() may write less than asked when the drive fills up; only the next call says ENOSPC.
  for (let offset = 0; offset < data.length;) offset += fs.writeSync(fd, data, offset, data.length - offset);
}

function fsyncAndClose(fd: number): void {
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Writes a transfer file at `file` from the encrypted database `payloadFile`, streaming. The
 * caller's manifest gets the payload's size and hash; `transportKey` is what the payload is
 * encrypted with, sealed inside the manifest with the passphrase.
 */
export function writeTransferFile(
  file: string,
  payloadFile: string,
  manifest: Omit<Manifest, 'payload'>,
  passphrase: string,
  transportKey: Buffer,
): { bytes: number; sha256: string } {
  const payloadBytes = fs.statSync(payloadFile).size;
  const payloadHash = crypto.createHash('sha256');
  const input = fs.openSync(payloadFile, 'r');
  try {
    readRange(input, 0, payloadBytes, (piece) => payloadHash.update(piece));
  } finally {
    fs.closeSync(input);
  }
  const full: Manifest = {
    ...manifest,
    payload: { bytes: payloadBytes, sha256: payloadHash.digest('hex'), key: transportKey.toString('base64') },
  };
  const kdf = newKdf();
  const header: Header = {
    format: 1,
    kdf,
    manifest: seal(deriveKey(passphrase, kdf), Buffer.from(JSON.stringify(full)), AAD),
  };
  const headerBytes = Buffer.from(JSON.stringify(header));
  const length = Buffer.alloc(4);
  length.writeUInt32BE(headerBytes.length);
  const total = MAGIC.length + 4 + headerBytes.length + payloadBytes + HASH_BYTES;
  if (total > MAX_TRANSFER_BYTES) {
    throw new AppError({
      code: 'RULE_VIOLATION',
      message: `导出的数据有 ${sizeWords(total)}，超过U盘单个文件的上限（4 GB），无法导出为一个文件。本机数据没有改动。`,
      detail: `transfer file would be ${total} bytes`,
    });
  }
  const hash = crypto.createHash('sha256');
  const out = fs.openSync(file, 'w');
  try {
    for (const part of [MAGIC, length, headerBytes]) {
      hash.update(part);
      writeAll(out, part);
    }
    const source = fs.openSync(payloadFile, 'r');
    try {
      readRange(source, 0, payloadBytes, (piece) => {
        hash.update(piece);
        writeAll(out, piece);
      });
    } finally {
      fs.closeSync(source);
    }
    const trailer = hash.digest();
    writeAll(out, trailer);
    fsyncAndClose(out);
  } catch (error) {
    fs.closeSync(out);
    throw error;
  }
  return { bytes: total, sha256: sha256Of(file) };
}

/** The SHA-256 of a whole file, streamed. */
export function sha256Of(file: string): string {
  const hash = crypto.createHash('sha256');
  const fd = fs.openSync(file, 'r');
  try {
    readRange(fd, 0, fs.fstatSync(fd).size, (piece) => hash.update(piece));
  } finally {
    fs.closeSync(fd);
  }
  return hash.digest('hex');
}

/** Copies a file to `target` (a stick), fsynced, in pieces, and reads it back: throws unless identical. */
export function copyAndReadBack(from: string, target: string, expectedSha256: string): void {
  const out = fs.openSync(target, 'w');
  try {
    const input = fs.openSync(from, 'r');
    try {
      readRange(input, 0, fs.fstatSync(input).size, (piece) => writeAll(out, piece));
    } finally {
      fs.closeSync(input);
    }
    fs.fsyncSync(out);
  } finally {
    fs.closeSync(out);
  }
  if (sha256Of(target) !== expectedSha256) throw Object.assign(new Error('read-back mismatch'), { code: 'EIO' });
}

/* ---------- reading ---------- */

const refuse = (source: string, message: string, detail: string, field = 'file') =>
  refusal(`“${path.basename(source)}”`, message, detail, field);

/** Why a file could not be opened or read, in the office's words. */
function unreadable(source: string, error: unknown): AppError {
  const code = (error as NodeJS.ErrnoException).code ?? '';
  const reason =
    code === 'ENOENT'
      ? '找不到，请确认文件的位置和名称。'
      : code === 'EISDIR'
        ? '是一个文件夹，请选择其中导出的 .pobk 文件。'
        : code === 'EACCES' || code === 'EPERM'
          ? '没有读取权限，无法打开。'
          : code === 'SHORT'
            ? '在读取时变短了（U盘可能已拔出，或文件仍在复制中），请插好U盘、等复制完成后重试。'
            : code === 'EIO' || code === 'ENXIO' || code === 'ENODEV'
              ? '读取时出错（U盘可能已拔出或已损坏）。'
              : `无法读取（${code || '未知原因'}）。`;
  return refuse(source, reason, String(error));
}

/** The manifest as the sealed bytes hold it, or null when its shape is not ours (damaged or forged). */
function parseManifest(plain: Buffer): Manifest | null {
  let value: unknown;
  try {
    value = JSON.parse(plain.toString('utf8'));
  } catch {
    return null;
  }
  const m = value as Partial<Manifest> | null;
  const organ = m?.organ;
  const payload = m?.payload;
  const ok =
    m !== null &&
    typeof m === 'object' &&
    m.app === 'party-office-workbench' &&
    typeof m.appVersion === 'string' &&
    Number.isInteger(m.schemaVersion) &&
    (m.schemaVersion ?? 0) >= 1 &&
    typeof m.exportedAt === 'string' &&
    typeof m.counts === 'object' &&
    m.counts !== null &&
    (organ === null || (typeof organ === 'object' && typeof organ?.name === 'string')) &&
    typeof payload === 'object' &&
    payload !== null &&
    Number.isInteger(payload.bytes) &&
    payload.bytes >= 0 &&
    typeof payload.sha256 === 'string' &&
    /^[0-9a-f]{64}$/.test(payload.sha256) &&
    typeof payload.key === 'string' &&
    Buffer.from(payload.key, 'base64').length === KEY_BYTES;
  return ok ? (m as Manifest) : null;
}

/**
 * Reads a transfer file step by step, each failure with its own reason, and writes its payload to
 * `payloadOut`; returns the manifest. Memory stays at a piece of 1 MB whatever the file's size, and
 * nothing is written until the whole file has checked out.
 */
export function readTransferFile(source: string, passphrase: string, payloadOut: string): Manifest {
  // What it is, before opening it: opening a pipe would wait for a writer that never comes.
  let stat: fs.Stats;
  try {
    stat = fs.statSync(source);
  } catch (error) {
    throw unreadable(source, error);
  }
  if (stat.isDirectory()) throw unreadable(source, Object.assign(new Error('directory'), { code: 'EISDIR' }));
  if (!stat.isFile()) {
    throw refuse(
      source,
      '不是一个普通文件（是设备或管道），不能导入。',
      `not a regular file (mode ${stat.mode.toString(8)})`,
    );
  }
  let fd: number;
  try {
    fd = fs.openSync(source, 'r');
  } catch (error) {
    throw unreadable(source, error);
  }
  try {
    const size = fs.fstatSync(fd).size;
    if (size > MAX_TRANSFER_BYTES) {
      throw refuse(
        source,
        `有 ${sizeWords(size)}，超过导出文件可能的大小（U盘单个文件最大 4 GB），不是机关党务工作台导出的数据文件。`,
        `file of ${size} bytes over the ${MAX_TRANSFER_BYTES} limit`,
      );
    }
    const head = Buffer.alloc(Math.min(size, MAGIC.length + 4));
    try {
      readRange(fd, 0, head.length, (piece) => piece.copy(head, 0));
    } catch (error) {
      throw unreadable(source, error);
    }
    const magic = head.subarray(0, Math.min(head.length, MAGIC.length));
    // An empty file, or one cut inside the signature, is what an interrupted copy leaves: incomplete, not foreign.
    if (magic.length < MAGIC.length && MAGIC.subarray(0, magic.length).equals(magic)) {
      throw refuse(source, '不完整（文件被截断），请重新导出。', 'cut inside the signature');
    }
    if (magic.length < MAGIC.length || !magic.subarray(0, 4).equals(MAGIC.subarray(0, 4))) {
      throw refuse(source, '不是机关党务工作台导出的数据文件。', 'bad magic');
    }
    if (!magic.equals(MAGIC)) throw refuse(source, '由不兼容的版本导出，无法读取。', 'unknown format');
    if (size < MAGIC.length + 4 + HASH_BYTES) throw refuse(source, '不完整（文件被截断），请重新导出。', 'too short');
    const headerLength = head.readUInt32BE(MAGIC.length);
    const headerEnd = MAGIC.length + 4 + headerLength;
    const bodyEnd = size - HASH_BYTES;
    const headerFits = headerLength <= MAX_HEADER_BYTES && headerEnd <= bodyEnd;

    // First pass: the whole-file hash over everything before the trailer, keeping only the header.
    // The hash is checked before the header is believed (its length could be the damaged part), and
    // nothing is written before the file is known whole: a large damaged file costs reading time,
    // never disk space.
    const whole = crypto.createHash('sha256');
    const headerBytes = Buffer.alloc(headerFits ? headerLength : 0);
    const trailer = Buffer.alloc(HASH_BYTES);
    try {
      let at = 0;
      readRange(fd, 0, bodyEnd, (piece) => {
        whole.update(piece);
        const from = MAGIC.length + 4;
        if (at + piece.length > from && at < headerEnd && headerFits) {
          const start = Math.max(from, at);
          const stop = Math.min(headerEnd, at + piece.length);
          piece.copy(headerBytes, start - from, start - at, stop - at);
        }
        at += piece.length;
      });
      readRange(fd, bodyEnd, HASH_BYTES, (piece) => piece.copy(trailer));
    } catch (error) {
      throw unreadable(source, error);
    }
    if (!whole.digest().equals(trailer)) {
      throw refuse(source, '不完整或已损坏（校验值不符），可能复制时中断或U盘出错，请重新导出。', 'checksum mismatch');
    }
    if (!headerFits) throw refuse(source, '已损坏（文件头长度不对）。', `header length ${headerLength}`);

    let header: Header;
    try {
      header = JSON.parse(headerBytes.toString('utf8')) as Header;
    } catch {
      throw refuse(source, '已损坏（文件头无法读取）。', 'bad header json');
    }
    if (header?.format !== 1 || header.kdf?.name !== 'scrypt')
      throw refuse(source, '由不兼容的版本导出，无法读取。', 'unknown header');
    // A forged header could ask scrypt for minutes of work: only parameters this app writes are tried.
    const { N, r, p } = header.kdf;
    if (!(Number.isInteger(N) && N >= 1 << 14 && N <= 1 << 17 && r >= 1 && r <= 16 && p >= 1 && p <= 4)) {
      throw refuse(source, '已损坏（文件头中的参数无法使用）。', `kdf out of range: N=${N} r=${r} p=${p}`);
    }
    let plain: Buffer | null;
    try {
      plain = unseal(deriveKey(passphrase, header.kdf), header.manifest, AAD);
    } catch (error) {
      // Parameters scrypt refuses (a header altered with its checksum recomputed): damaged, not a crash.
      throw refuse(
        source,
        '已损坏（文件头中的参数无法使用）。',
        `kdf: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    if (!plain) throw refuse(source, '的导出口令不正确，请确认导出时设置的口令。', 'wrong passphrase', 'passphrase');
    const manifest = parseManifest(plain);
    if (!manifest) throw refuse(source, '已损坏（内容清单无法读取）。', 'manifest not ours');
    if (manifest.payload.bytes !== bodyEnd - headerEnd) {
      throw refuse(source, '的数据部分已损坏（长度不符）。', 'payload length mismatch');
    }

    // Second pass: the payload written out, its hash checked against the sealed manifest (which also
    // catches a file changed between the passes).
    const payloadHash = crypto.createHash('sha256');
    const out = fs.openSync(payloadOut, 'w');
    try {
      readRange(fd, headerEnd, bodyEnd - headerEnd, (piece) => {
        payloadHash.update(piece);
        writeAll(out, piece);
      });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOSPC') {
        throw new AppError({
          code: 'INVALID_INPUT',
          message: `本机磁盘空间不足，无法读取“${path.basename(source)}”（${sizeWords(size)}）。请清理磁盘后重试。本机数据没有改动。`,
          detail: String(error),
          field: 'file',
        });
      }
      throw unreadable(source, error);
    } finally {
      fs.closeSync(out);
    }
    if (payloadHash.digest('hex') !== manifest.payload.sha256) {
      throw refuse(source, '的数据部分已损坏（校验值不符）。', 'payload mismatch');
    }
    return manifest;
  } finally {
    fs.closeSync(fd);
  }
}
