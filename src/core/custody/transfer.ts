import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openSqlite, type Sqlite } from '../db/sqlite';
import { AppError } from '../../shared/errors';
import { exportFileName, type TransferCheck, type TransferPreview } from '../../shared/custody';
import { LATEST_SCHEMA_VERSION } from '../db/migrations';
import { faultPoint } from '../fault-point';
import { APP_VERSION } from '../version';
import type { Workspace } from '../workspace';
import { createBackup, writeVerifiedCopy } from './backups';
import { applyKey, rekey } from './cipher';
import { inspectIncoming, refusal, stageIncoming, tableCounts, type IncomingReport } from './incoming';
import { KEY_BYTES } from './keyring';
import { VERIFY_PREFIX, WORK_MARK } from './leftovers';
import { checkNewPassword } from './password';
import { putInPlace } from './replacement';
import {
  copyAndReadBack,
  readTransferFile,
  TRANSFER_EXTENSION,
  writeTransferFile,
  type Manifest,
} from './transfer-file';

/*
 * USB export and import of the organ's data; the file format itself is transfer-file.ts. Export
 * copies the data, re-encrypts the copy with a one-off key, writes the .pobk locally, copies it to
 * the stick as NAME.partial, reads it back and only then renames it. Import reads the .pobk into
 * the data folder and hands the payload to the check-before-replace path (incoming.ts).
 */

function readOrgan(db: Sqlite): Manifest['organ'] {
  try {
    const row = db.prepare(`SELECT name, committee_name FROM organ WHERE id = 1`).get() as
      { name: string; committee_name: string } | undefined;
    return row ? { name: row.name, committeeName: row.committee_name } : null;
  } catch {
    return null;
  }
}

/**
 * A folder for one export's or import's work: in the data folder (the same drive, and the place
 * whose leftovers are swept at the next start), named for this process.
 */
function workDir(ws: Workspace): string {
  fs.mkdirSync(path.dirname(ws.dataFile), { recursive: true });
  return fs.mkdtempSync(`${ws.dataFile}${WORK_MARK}${process.pid}-`);
}

/** `backup verify` has no data folder: the system's temporary folder (the payload stays encrypted). */
function verifyDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `${VERIFY_PREFIX}${process.pid}-`));
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

/** Copies the finished file to the stick under a .partial name, reads it back, and only then gives it its name. */
function writeAndVerify(target: string, local: string, sha256: string): void {
  const partial = `${target}.partial`;
  try {
    copyAndReadBack(local, partial, sha256);
    faultPoint('export:partial-written');
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
 * (the stick's root, say) named by the day alone (shared/custody.ts exportFileName).
 */
export function exportTarget(target: string, ws: Workspace): string {
  if (target.toLowerCase().endsWith(TRANSFER_EXTENSION)) return target;
  // The office's date, not UTC's (which is yesterday before 8 a.m. in China).
  return path.join(target, exportFileName(ws.today()));
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
  const work = workDir(ws);
  try {
    const copy = path.join(work, 'data.db');
    writeVerifiedCopy(db, copy, ws.dataKey());
    const transportKey = crypto.randomBytes(KEY_BYTES);
    const copyDb = openSqlite(copy);
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
    const local = path.join(work, 'export.pobk');
    const written = writeTransferFile(
      local,
      copy,
      {
        app: 'party-office-workbench',
        appVersion: APP_VERSION,
        schemaVersion: LATEST_SCHEMA_VERSION,
        organ,
        exportedAt: new Date().toISOString(),
        counts,
      },
      passphrase,
      transportKey,
    );
    faultPoint('export:local-written');
    writeAndVerify(target, local, written.sha256);
    return { file: target, bytes: written.bytes, sha256: written.sha256, counts };
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

/** Reads the .pobk into `work` (streamed and bounded: transfer-file.ts); refuses one from a newer version. */
function openTransfer(source: string, passphrase: string, work: string): Opened {
  try {
    const payloadFile = path.join(work, 'incoming.db');
    const manifest = readTransferFile(source, passphrase, payloadFile);
    faultPoint('import:payload-read');
    if (manifest.schemaVersion > LATEST_SCHEMA_VERSION) {
      throw refuse(
        source,
        `由较新版本（${manifest.appVersion}，数据版本 ${manifest.schemaVersion}）导出，本程序最高支持数据版本 ${LATEST_SCHEMA_VERSION}，请先升级本程序。`,
        'newer schema',
      );
    }
    return { manifest, payloadFile, work };
  } catch (error) {
    fs.rmSync(work, { recursive: true, force: true });
    throw error;
  }
}

const transportKeyOf = (manifest: Manifest) => Buffer.from(manifest.payload.key, 'base64');
const labelOf = (source: string) => `“${path.basename(source)}”`;

/** What replacing the data with the file's would change: the file's data as the checks found it, against what is here. */
function previewOf(ws: Workspace, source: string, manifest: Manifest, report: IncomingReport): TransferPreview {
  const here = ws.isSetUp() && !ws.isLocked() ? (ws.database() as unknown as Sqlite) : null;
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
  const opened = openTransfer(source, passphrase, workDir(ws));
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
  // The current data, if any, is opened (and so locked) first: a locked or busy file refuses here.
  const current = ws.isSetUp() ? ws.database() : null;
  if (!current) ws.holdWriterLock();
  const opened = openTransfer(source, passphrase, workDir(ws));
  try {
    let preview: TransferPreview | null = null;
    const staged = stageIncoming(ws, opened.payloadFile, transportKeyOf(opened.manifest), {
      label: labelOf(source),
      moveSource: true,
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
    faultPoint('import:safety-backup');
    putInPlace(ws, staged, current ?? 'none', { kind: 'import', source: path.basename(source), safetyBackup: safety });
    return preview!;
  } finally {
    fs.rmSync(opened.work, { recursive: true, force: true });
  }
}

/** `backup verify`: the same checks as an import, read-only; what the file holds, or the exact reason it cannot be used. */
export function verifyTransfer(source: string, passphrase: string): TransferCheck {
  const opened = openTransfer(source, passphrase, verifyDir());
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
