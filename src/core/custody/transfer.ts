import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { AppError } from '../../shared/errors';
import type { TransferCheck, TransferPreview } from '../../shared/custody';
import { LATEST_SCHEMA_VERSION } from '../db/migrations';
import { APP_VERSION } from '../version';
import type { Workspace } from '../workspace';
import { createBackup, writeVerifiedCopy } from './backups';
import { inspectIncoming, refusal, stageIncoming, type IncomingReport } from './incoming';
import { putInPlace } from './replacement';
import { applyKey, rekey } from './cipher';
import { checkNewPassword } from './password';
import { deriveKey, KEY_BYTES, newKdf, seal, unseal, type KdfParams, type Sealed } from './keyring';

/*
 * The USB file (.pobk): everything is encrypted with the passphrase the user types, so a lost
 * stick reveals nothing, not even the organ's name.
 *
 *   "POBK" "0001" | u32 header length | header JSON | payload | SHA-256 of all before it
 *
 * The header holds only the key-derivation parameters and the sealed manifest (organ, date,
 * counts, schema version, the payload's size and hash, and the key the payload is encrypted
 * with). The payload is the database itself, SQLCipher-encrypted with that one-off key. The
 * trailing hash tells a damaged or cut-off file from a wrong passphrase.
 */

const MAGIC = Buffer.from('POBK0001', 'ascii');
const HASH_BYTES = 32;
export const TRANSFER_EXTENSION = '.pobk';

interface Header {
  format: 1;
  kdf: KdfParams;
  manifest: Sealed;
}

interface Manifest {
  app: 'party-office-workbench';
  appVersion: string;
  schemaVersion: number;
  organ: { name: string; committeeName: string } | null;
  exportedAt: string;
  counts: Record<string, number>;
  payload: { bytes: number; sha256: string; key: string };
}

const sha256 = (data: Buffer) => crypto.createHash('sha256').update(data).digest('hex');

function tableCounts(db: Database.Database): Record<string, number> {
  const tables = db
    .prepare(`SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`)
    .all() as { name: string }[];
  return Object.fromEntries(
    tables.map((t) => [
      t.name,
      (db.prepare(`SELECT count(*) AS n FROM "${t.name.replaceAll('"', '""')}"`).get() as { n: number }).n,
    ]),
  );
}

function readOrgan(db: Database.Database): Manifest['organ'] {
  try {
    const row = db.prepare(`SELECT name, committee_name FROM organ WHERE id = 1`).get() as
      { name: string; committee_name: string } | undefined;
    return row ? { name: row.name, committeeName: row.committee_name } : null;
  } catch {
    return null;
  }
}

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'party-office-transfer-'));
}

/** What a failed write to a removable drive means, in the office's words. */
function driveError(target: string, error: unknown): AppError {
  const code = (error as NodeJS.ErrnoException).code ?? '';
  const reason =
    code === 'ENOSPC' || code === 'EDQUOT' || code === 'EFBIG'
      ? '目标位置空间不足，请换一个有足够空间的U盘或清理后再试'
      : code === 'EROFS' || code === 'EACCES' || code === 'EPERM'
        ? '目标位置是只读的或没有写入权限（U盘可能开启了写保护）'
        : code === 'ENOENT' || code === 'EIO' || code === 'ENXIO' || code === 'ENODEV' || code === 'ENOTDIR'
          ? '目标位置不存在或无法访问（U盘可能已拔出）'
          : `写入失败（${code || '未知原因'}）`;
  return new AppError({
    code: 'INVALID_INPUT',
    message: `无法导出到“${target}”：${reason}。没有留下不完整的文件，本机数据没有改动。`,
    detail: String(error),
    field: 'target',
  });
}

function writeAndVerify(target: string, content: Buffer): void {
  const partial = `${target}.partial`;
  try {
    const fd = fs.openSync(partial, 'w');
    try {
      // write() may write less than asked when the drive fills up; only the next call says ENOSPC.
      for (let offset = 0; offset < content.length;)
        offset += fs.writeSync(fd, content, offset, Math.min(1 << 20, content.length - offset));
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    const back = fs.readFileSync(partial);
    if (back.length !== content.length || sha256(back) !== sha256(content)) {
      throw Object.assign(new Error('read-back mismatch'), { code: 'EIO' });
    }
    fs.renameSync(partial, target);
  } catch (error) {
    try {
      fs.rmSync(partial, { force: true });
    } catch {
      // the drive is gone; nothing that looks valid was left (the name ends in .partial)
    }
    throw driveError(target, error);
  }
}

/**
 * The file to write: the path as given when it names a .pobk file, else a file in that folder
 * (the stick's root, say) named after the organ and the day.
 */
export function exportTarget(target: string, ws: Workspace): string {
  if (target.toLowerCase().endsWith(TRANSFER_EXTENSION)) return target;
  let organ = '党务数据';
  try {
    organ = readOrgan(ws.database() as unknown as Database.Database)?.name ?? organ;
  } catch {
    // locked or not set up: the export itself will say so
  }
  const day = ws.today(); // the office's date, not UTC's (which is yesterday before 8 a.m. in China)
  return path.join(target, `${organ.replace(/[\\/:*?"<>|]/g, '')}-党务数据-${day}${TRANSFER_EXTENSION}`);
}

export interface ExportResult {
  file: string;
  bytes: number;
  sha256: string;
  counts: Record<string, number>;
}

/** Writes the organ's data to `target` (a path on the stick), through a local temporary file. */
export function exportData(ws: Workspace, passphrase: string, target: string): ExportResult {
  checkNewPassword(passphrase, 'passphrase', '导出口令');
  const db = ws.database();
  const work = tempDir();
  try {
    const copy = path.join(work, 'data.db');
    writeVerifiedCopy(db, copy, ws.dataKey());
    const transportKey = crypto.randomBytes(KEY_BYTES);
    const copyDb = new Database(copy);
    let counts: Record<string, number>;
    let organ: Manifest['organ'];
    try {
      const current = ws.dataKey();
      if (current) applyKey(copyDb, current);
      counts = tableCounts(copyDb);
      organ = readOrgan(copyDb);
      rekey(copyDb, transportKey);
    } finally {
      copyDb.close();
    }
    const payload = fs.readFileSync(copy);
    const manifest: Manifest = {
      app: 'party-office-workbench',
      appVersion: APP_VERSION,
      schemaVersion: LATEST_SCHEMA_VERSION,
      organ,
      exportedAt: new Date().toISOString(),
      counts,
      payload: { bytes: payload.length, sha256: sha256(payload), key: transportKey.toString('base64') },
    };
    const kdf = newKdf();
    const header: Header = {
      format: 1,
      kdf,
      manifest: seal(deriveKey(passphrase, kdf), Buffer.from(JSON.stringify(manifest)), 'party-office transfer'),
    };
    const headerBytes = Buffer.from(JSON.stringify(header));
    const length = Buffer.alloc(4);
    length.writeUInt32BE(headerBytes.length);
    const body = Buffer.concat([MAGIC, length, headerBytes, payload]);
    const file = Buffer.concat([body, crypto.createHash('sha256').update(body).digest()]);
    const local = path.join(work, 'export.pobk');
    fs.writeFileSync(local, file);
    writeAndVerify(target, fs.readFileSync(local));
    return { file: target, bytes: file.length, sha256: sha256(file), counts };
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

/** Why the file cannot be imported, naming it: “数据.pobk”不完整…本机数据没有改动。 */
function refuse(file: string, message: string, detail: string, field = 'file'): AppError {
  return refusal(`“${path.basename(file)}”`, message, detail, field);
}

interface Opened {
  manifest: Manifest;
  payloadFile: string;
  work: string;
}

/** Checks a transfer file step by step, each failure with its own reason; the payload ends up in a local temp file. */
function openTransfer(source: string, passphrase: string): Opened {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(source);
  } catch (error) {
    throw refuse(
      source,
      `无法读取（${(error as NodeJS.ErrnoException).code ?? '未知原因'}），U盘可能已拔出。`,
      String(error),
    );
  }
  // An empty file, or one cut inside the signature, is what an interrupted copy leaves: incomplete, not foreign.
  if (bytes.length < MAGIC.length && MAGIC.subarray(0, bytes.length).equals(bytes)) {
    throw refuse(source, '不完整（文件被截断），请重新导出。', 'cut inside the signature');
  }
  if (bytes.length < MAGIC.length || !bytes.subarray(0, 4).equals(MAGIC.subarray(0, 4))) {
    throw refuse(source, '不是机关党务工作台导出的数据文件。', 'bad magic');
  }
  if (!bytes.subarray(0, MAGIC.length).equals(MAGIC))
    throw refuse(source, '由不兼容的版本导出，无法读取。', 'unknown format');
  if (bytes.length < MAGIC.length + 4 + HASH_BYTES)
    throw refuse(source, '不完整（文件被截断），请重新导出。', 'too short');
  const body = bytes.subarray(0, bytes.length - HASH_BYTES);
  const trailer = bytes.subarray(bytes.length - HASH_BYTES);
  if (!crypto.createHash('sha256').update(body).digest().equals(trailer)) {
    throw refuse(source, '不完整或已损坏（校验值不符），可能复制时中断或U盘出错，请重新导出。', 'checksum mismatch');
  }
  const headerLength = body.readUInt32BE(MAGIC.length);
  const headerEnd = MAGIC.length + 4 + headerLength;
  if (headerEnd > body.length) throw refuse(source, '已损坏（文件头长度不对）。', 'bad header length');
  let header: Header;
  try {
    header = JSON.parse(body.subarray(MAGIC.length + 4, headerEnd).toString('utf8')) as Header;
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
    plain = unseal(deriveKey(passphrase, header.kdf), header.manifest, 'party-office transfer');
  } catch (error) {
    // Parameters scrypt refuses (a header altered with its checksum recomputed): damaged, not a crash.
    throw refuse(
      source,
      '已损坏（文件头中的参数无法使用）。',
      `kdf: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  if (!plain) throw refuse(source, '的导出口令不正确，请确认导出时设置的口令。', 'wrong passphrase', 'passphrase');
  const manifest = JSON.parse(plain.toString('utf8')) as Manifest;
  if (manifest.schemaVersion > LATEST_SCHEMA_VERSION) {
    throw refuse(
      source,
      `由较新版本（${manifest.appVersion}，数据版本 ${manifest.schemaVersion}）导出，本程序最高支持数据版本 ${LATEST_SCHEMA_VERSION}，请先升级本程序。`,
      'newer schema',
    );
  }
  const payload = body.subarray(headerEnd);
  if (payload.length !== manifest.payload.bytes || sha256(payload) !== manifest.payload.sha256) {
    throw refuse(source, '的数据部分已损坏（校验值不符）。', 'payload mismatch');
  }
  const work = tempDir();
  const payloadFile = path.join(work, 'incoming.db');
  fs.writeFileSync(payloadFile, payload);
  return { manifest, payloadFile, work };
}

const transportKeyOf = (manifest: Manifest) => Buffer.from(manifest.payload.key, 'base64');
const labelOf = (source: string) => `“${path.basename(source)}”`;

/** What replacing the data with the file's would change: the file's data as the checks found it, against what is here. */
function previewOf(ws: Workspace, source: string, manifest: Manifest, report: IncomingReport): TransferPreview {
  const here = ws.isSetUp() && !ws.isLocked() ? (ws.database() as unknown as Database.Database) : null;
  const currentOrgan = here ? readOrgan(here) : null;
  const current = here ? tableCounts(here) : {};
  const tables = [...new Set([...Object.keys(report.counts), ...Object.keys(current)])]
    .filter((t) => t !== 'audit_log' && t !== 'settings')
    .sort();
  return {
    fileName: path.basename(source),
    exportedAt: manifest.exportedAt,
    appVersion: manifest.appVersion,
    schemaVersion: report.schemaVersion,
    organ: report.organ,
    differentOrgan: currentOrgan !== null && currentOrgan.name !== report.organ.name,
    olderSchema: report.schemaVersion < LATEST_SCHEMA_VERSION,
    changes: tables.map((table) => ({ table, current: current[table] ?? 0, incoming: report.counts[table] ?? 0 })),
    auditLog: report.auditLog,
  };
}

/** The file checked as an import checks it (opened read-only, nothing written), and what it would change. */
export function previewImport(ws: Workspace, source: string, passphrase: string): TransferPreview {
  const opened = openTransfer(source, passphrase);
  try {
    const report = inspectIncoming(opened.payloadFile, transportKeyOf(opened.manifest), labelOf(source));
    return previewOf(ws, source, opened.manifest, report);
  } finally {
    fs.rmSync(opened.work, { recursive: true, force: true });
  }
}

export interface ImportOptions {
  /** The file is another organ's and the office has said to go ahead. */
  acceptDifferentOrgan: boolean;
  /** The file's audit log does not verify and the office, told from which entry, has said to go ahead. */
  acceptBrokenAuditLog: boolean;
}

/**
 * Replaces the organ's data with the file's, in one step. The file's data is checked and brought
 * up to date in a staging copy first (custody/incoming.ts); only then is the current data backed
 * up and the staged file renamed in, carrying a record of what it replaced (custody/replacement.ts).
 */
export function importData(
  ws: Workspace,
  source: string,
  passphrase: string,
  options: ImportOptions = { acceptDifferentOrgan: false, acceptBrokenAuditLog: false },
): TransferPreview {
  const opened = openTransfer(source, passphrase);
  try {
    // The current data, if any, is opened (and so locked) first: a locked or busy file refuses here.
    const current = ws.isSetUp() ? ws.database() : null;
    if (!current) ws.holdWriterLock();
    let preview: TransferPreview | null = null;
    const staged = stageIncoming(ws, opened.payloadFile, transportKeyOf(opened.manifest), {
      label: labelOf(source),
      acceptBrokenLog: options.acceptBrokenAuditLog,
      brokenLogField: 'acceptBrokenAuditLog',
      vet: (report) => {
        preview = previewOf(ws, source, opened.manifest, report);
        if (preview.differentOrgan && !options.acceptDifferentOrgan) {
          throw new AppError({
            code: 'RULE_VIOLATION',
            message: `这个文件是“${report.organ.name}”的数据，与本机的机关不同。确认要用它替换本机数据，请勾选确认后再导入。`,
            detail: 'different organ',
            field: 'acceptDifferentOrgan',
          });
        }
      },
    });
    let safety: string | null = null;
    try {
      safety = current ? createBackup(ws, 'beforeImport').id : null;
    } catch (error) {
      staged.discard();
      throw error;
    }
    putInPlace(ws, staged, current ?? 'none', { kind: 'import', source: path.basename(source), safetyBackup: safety });
    return preview!;
  } finally {
    fs.rmSync(opened.work, { recursive: true, force: true });
  }
}

/** `backup verify`: the same checks as an import, read-only; what the file holds, or the exact reason it cannot be used. */
export function verifyTransfer(source: string, passphrase: string): TransferCheck {
  const opened = openTransfer(source, passphrase);
  try {
    const report = inspectIncoming(opened.payloadFile, transportKeyOf(opened.manifest), labelOf(source));
    const { appVersion, exportedAt } = opened.manifest;
    return {
      appVersion,
      exportedAt,
      schemaVersion: report.schemaVersion,
      organ: report.organ,
      counts: report.counts,
      members: report.members,
      auditLog: report.auditLog,
    };
  } finally {
    fs.rmSync(opened.work, { recursive: true, force: true });
  }
}
