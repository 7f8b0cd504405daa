import fs from 'node:fs';
import path from 'node:path';
import { openSqlite, type Sqlite } from '../db/sqlite';
import { AppError } from '../../shared/errors';
import type { BackupInfo, BackupReason } from '../../shared/custody';
import type { Db } from '../db/open';
import { faultPoint } from '../fault-point';
import type { Workspace } from '../workspace';
import { verifyAuditChain } from '../services/audit-chain';
import { applyKey, rekey } from './cipher';
import { isPlainDatabase, readJson, writeFileAtomic } from './files';
import { stageIncoming } from './incoming';
import { putInPlace } from './replacement';

/*
 * Backups are whole copies made with VACUUM INTO (it works on encrypted files; copying the live
 * file does not), each verified by opening it and running the integrity check before it counts,
 * with a small JSON beside it saying when, why, how big and how many records.
 */

export function backupDir(ws: Workspace): string {
  return path.join(ws.dataDir, 'backups');
}

function stamp(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}${pad(date.getMonth() + 1)}${pad(date.getDate())}-${pad(date.getHours())}${pad(date.getMinutes())}${pad(date.getSeconds())}`;
}

function countRows(db: Sqlite): BackupInfo['counts'] {
  const count = (sql: string) => {
    try {
      return (db.prepare(sql).get() as { n: number }).n;
    } catch {
      return 0; // the table does not exist in a file from an older version
    }
  };
  return {
    members: count(`SELECT count(*) AS n FROM member WHERE voided_on IS NULL AND status IN ('normal', 'suspended')`),
    units: count(`SELECT count(*) AS n FROM org_unit WHERE dissolved_on IS NULL`),
    auditEntries: count(`SELECT count(*) AS n FROM audit_log`),
  };
}

/**
 * Opens a copy read-only with the given key and checks it fully. Returns what it holds, or
 * throws with the reason; the copy itself is never written.
 */
export function inspectCopy(file: string, key: Buffer | null): { counts: BackupInfo['counts']; schemaVersion: number } {
  let db: Sqlite | null = null;
  try {
    db = openSqlite(file, { readonly: true, fileMustExist: true });
    if (key) applyKey(db, key);
    const check = db.pragma('integrity_check', { simple: true });
    if (check !== 'ok') throw new Error(`integrity_check: ${String(check)}`);
    return { counts: countRows(db), schemaVersion: db.pragma('user_version', { simple: true }) as number };
  } catch (error) {
    throw new AppError({
      code: 'DB_DAMAGED',
      message: `备份文件“${path.basename(file)}”无法通过完整性检查，不能使用。`,
      detail: error instanceof Error ? error.message : String(error),
    });
  } finally {
    db?.close();
  }
}

function quoted(file: string): string {
  return `'${file.replaceAll("'", "''")}'`;
}

/** Copies the open database into `target` (same encryption, same key) and verifies the copy. */
export function writeVerifiedCopy(
  db: Db,
  target: string,
  key: Buffer | null,
): { counts: BackupInfo['counts']; schemaVersion: number } {
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.rmSync(target, { force: true });
  db.exec(`VACUUM INTO ${quoted(target)}`);
  try {
    return inspectCopy(target, key);
  } catch (error) {
    fs.rmSync(target, { force: true });
    throw error;
  }
}

const META = '.json';

export function createBackup(ws: Workspace, reason: BackupReason, now = new Date()): BackupInfo {
  return backupOf(ws, ws.database(), reason, now);
}

/** A backup of a connection that is not (yet) the workspace's: the file about to be migrated. */
export function backupOf(ws: Workspace, db: Db, reason: BackupReason, now = new Date()): BackupInfo {
  const dir = backupDir(ws);
  let id = `party-office-${stamp(now)}-${reason}`;
  for (let n = 2; fs.existsSync(path.join(dir, `${id}.db`)); n++) id = `party-office-${stamp(now)}-${reason}-${n}`;
  const file = path.join(dir, `${id}.db`);
  const { counts, schemaVersion } = writeVerifiedCopy(db, file, ws.dataKey());
  faultPoint('backup:copied'); // the copy is whole, its JSON not yet written: not a backup yet
  const info: BackupInfo = {
    id,
    createdAt: now.toISOString(),
    reason,
    size: fs.statSync(file).size,
    counts,
    schemaVersion,
    encrypted: ws.dataKey() !== null,
  };
  writeFileAtomic(path.join(dir, `${id}${META}`), JSON.stringify(info, null, 2));
  rotateBackups(ws, now);
  return info;
}

export function listBackups(ws: Workspace): BackupInfo[] {
  const dir = backupDir(ws);
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.startsWith('party-office-') && f.endsWith(META))
    .map((f) => readJson<BackupInfo>(path.join(dir, f)))
    .filter((b): b is BackupInfo => b !== null && fs.existsSync(path.join(dir, `${b.id}.db`)))
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

function findBackup(ws: Workspace, id: string): { info: BackupInfo; file: string } {
  const info = listBackups(ws).find((b) => b.id === id);
  if (!info)
    throw new AppError({ code: 'NOT_FOUND', message: `找不到备份“${id}”。`, detail: `backup ${id}`, field: 'id' });
  return { info, file: path.join(backupDir(ws), `${id}.db`) };
}

/**
 * Keeps the newest backup of each of the last 7 days, 4 weeks and 12 months, everything from the
 * last 24 hours, and always the newest; removes the rest.
 */
export function rotateBackups(ws: Workspace, now = new Date()): string[] {
  const backups = listBackups(ws);
  const keep = new Set<string>();
  if (backups[0]) keep.add(backups[0].id);
  const day = (d: Date) => d.toISOString().slice(0, 10);
  const week = (d: Date) => {
    const t = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
    t.setUTCDate(t.getUTCDate() + 3 - ((t.getUTCDay() + 6) % 7));
    return `${t.getUTCFullYear()}-W${Math.ceil(((t.getTime() - Date.UTC(t.getUTCFullYear(), 0, 1)) / 86_400_000 + 1) / 7)}`;
  };
  const month = (d: Date) => d.toISOString().slice(0, 7);
  for (const [bucket, limit] of [
    [day, 7],
    [week, 4],
    [month, 12],
  ] as const) {
    const seen = new Set<string>();
    for (const b of backups) {
      const key = bucket(new Date(b.createdAt));
      if (seen.has(key)) continue;
      if (seen.size >= limit) break;
      seen.add(key);
      keep.add(b.id);
    }
  }
  for (const b of backups) if (now.getTime() - new Date(b.createdAt).getTime() < 86_400_000) keep.add(b.id);
  const removed = backups.filter((b) => !keep.has(b.id)).map((b) => b.id);
  for (const id of removed) {
    fs.rmSync(path.join(backupDir(ws), `${id}.db`), { force: true });
    fs.rmSync(path.join(backupDir(ws), `${id}${META}`), { force: true });
  }
  return removed;
}

/** The scheduled backup: one a day, taken when the data is opened or while the app runs. */
export function backupIfDue(ws: Workspace, now = new Date()): BackupInfo | null {
  ws.database();
  if (ws.readOnly) return null; // a reader beside the app: the app takes its own
  const newest = listBackups(ws)[0];
  if (newest && now.getTime() - new Date(newest.createdAt).getTime() < 86_400_000) return null;
  return createBackup(ws, 'scheduled', now);
}

/**
 * Puts a backup in place of the data. The backup is checked and brought up to date in a staging
 * copy first (custody/incoming.ts); then the current data is backed up and the staged file goes in,
 * recording what it replaced (custody/replacement.ts). A backup whose audit log does not verify is
 * refused while the current log does: it would replace a trustworthy log with an untrustworthy one.
 */
export function restoreBackup(ws: Workspace, id: string): { restored: BackupInfo; safety: BackupInfo } {
  const { info, file } = findBackup(ws, id);
  const current = ws.database();
  // The file itself says whether it is encrypted (its JSON may predate encryptPlainCopies).
  const key = isPlainDatabase(file) ? null : ws.dataKey();
  const staged = stageIncoming(ws, file, key, {
    label: `备份“${id}”`,
    acceptBrokenLog: !verifyAuditChain(current).intact,
  });
  let safety: BackupInfo;
  try {
    safety = createBackup(ws, 'beforeRestore');
  } catch (error) {
    staged.discard();
    throw error;
  }
  faultPoint('restore:safety-backup');
  putInPlace(ws, staged, ws.database(), { kind: 'restore', source: id, safetyBackup: safety.id });
  return { restored: info, safety };
}

/* ---------- once the data is encrypted, no plain copy may remain ---------- */

export { isPlainDatabase };

const SIDE_FILES = ['-journal', '-wal', '-shm'];

function removeWithSideFiles(file: string): void {
  for (const suffix of ['', ...SIDE_FILES]) fs.rmSync(file + suffix, { force: true });
}

/**
 * The copies an encrypted workspace may still hold in plain form: backups taken before the
 * password was set (the 加密前 safety copy among them), and files set aside beside the data file
 * (a damaged file kept for experts, leftovers of an interrupted restore or setup).
 */
function plainCandidates(ws: Workspace): string[] {
  const found: string[] = [];
  const dir = backupDir(ws);
  if (fs.existsSync(dir)) {
    for (const name of fs.readdirSync(dir)) if (name.endsWith('.db')) found.push(path.join(dir, name));
  }
  const base = path.basename(ws.dataFile);
  const home = path.dirname(ws.dataFile);
  if (fs.existsSync(home)) {
    for (const name of fs.readdirSync(home)) {
      if (!name.startsWith(`${base}.`) || SIDE_FILES.some((s) => name.endsWith(s))) continue;
      found.push(path.join(home, name));
    }
  }
  return found.filter(
    (file) => fs.statSync(file).isFile() && (isPlainDatabase(file) || SIDE_FILES.some((s) => fs.existsSync(file + s))),
  );
}

/**
 * Encrypts every plain copy with the data key, in place: SQLite3MultipleCiphers rewrites each
 * page under the key in one transaction (see cipher.ts), so the copy keeps serving as a backup,
 * now opened with the same password as the data. A copy that cannot be encrypted (damaged, or
 * unreadable) is removed instead: a backup that leaks every ID number is worse than no backup,
 * and the data itself was backed up (encrypted) a moment ago. Run after a password is set, and
 * again on each unlock, so a crash in between is finished the next time.
 */
export function encryptPlainCopies(ws: Workspace): { encrypted: string[]; removed: string[] } {
  const key = ws.dataKey();
  const result = { encrypted: [] as string[], removed: [] as string[] };
  if (!key || ws.readOnly) return result; // a reader beside the app changes nothing; the app sweeps
  const dir = backupDir(ws);
  for (const file of plainCandidates(ws)) {
    if (!isPlainDatabase(file)) {
      // Already encrypted; only a WAL or journal left beside it (from a crash) could still be plain.
      for (const suffix of SIDE_FILES) fs.rmSync(file + suffix, { force: true });
      continue;
    }
    const isBackup = path.dirname(file) === dir;
    try {
      const db = openSqlite(file, { fileMustExist: true });
      try {
        if (isBackup) {
          const check = db.pragma('integrity_check', { simple: true });
          if (check !== 'ok') throw new Error(`integrity_check: ${String(check)}`);
        }
        rekey(db, key);
      } finally {
        db.close();
      }
      if (isPlainDatabase(file)) throw new Error('still plain after rekey');
      if (isBackup) {
        inspectCopy(file, key);
        const meta = path.join(dir, `${path.basename(file, '.db')}${META}`);
        const info = readJson<BackupInfo>(meta);
        if (info)
          writeFileAtomic(meta, JSON.stringify({ ...info, encrypted: true, size: fs.statSync(file).size }, null, 2));
      }
      for (const suffix of SIDE_FILES) fs.rmSync(file + suffix, { force: true });
      result.encrypted.push(file);
    } catch {
      removeWithSideFiles(file);
      if (isBackup) fs.rmSync(path.join(dir, `${path.basename(file, '.db')}${META}`), { force: true });
      result.removed.push(file);
    }
  }
  return result;
}
