import fs from 'node:fs';
import path from 'node:path';
import { openSqlite, type Sqlite } from '../db/sqlite';
import { AppError } from '../../shared/errors';
import type { BackupInfo } from '../../shared/custody';
import type { Workspace } from '../workspace';
import { backupDir, isPlainDatabase, listBackups } from './backups';
import { applyKey } from './cipher';
import { stageIncoming, type Staged } from './incoming';
import { putInPlace, type Replaced } from './replacement';

/*
 * A data file that fails its integrity check is never written to. This keeps it aside, named with
 * the time, for the record, and puts the newest backup that passes every check of an incoming file
 * in its place. Only a file that really is damaged, checked again now: the channel is reachable by
 * any caller, and restoring over a healthy file would drop the work done since the backup.
 */

/**
 * The file as the disk holds it now, checked through a connection of its own: an open connection
 * was checked when it opened, and may read pages from its cache after the disk has failed.
 * 'damaged' only for what SQLite calls corrupt; any other failure (busy, unreadable) is thrown.
 */
function checkFromDisk(file: string, key: Buffer | null): 'ok' | 'damaged' {
  let db: Sqlite | null = null;
  try {
    db = openSqlite(file, { readonly: true, fileMustExist: true });
    if (key) applyKey(db, key);
    return db.pragma('quick_check', { simple: true }) === 'ok' ? 'ok' : 'damaged';
  } catch (error) {
    const code = String((error as { code?: string }).code);
    if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') return 'damaged';
    throw error;
  } finally {
    db?.close();
  }
}

/** Refuses unless the data file is damaged right now: it fails to open as damaged, or fails the check again from the disk. */
function assertDamaged(ws: Workspace): void {
  try {
    ws.database();
  } catch (error) {
    if (error instanceof AppError && error.code === 'DB_DAMAGED') return;
    throw error;
  }
  if (checkFromDisk(ws.dataFile, ws.dataKey()) === 'damaged') return;
  throw new AppError({
    code: 'RULE_VIOLATION',
    message:
      '数据文件完好（刚刚重新检查，已通过完整性检查），不需要从备份恢复，数据没有改动。如要回到某个备份，请在“数据安全”中选择该备份恢复。',
    detail: 'recoverDamaged on a healthy file',
  });
}

/** The newest backup that stages (every check passed, brought up to date); its audit log is taken as it is. */
function newestGoodBackup(ws: Workspace): { info: BackupInfo; staged: Staged } | { locked: boolean } {
  const key = ws.dataKey();
  let needsKey = false;
  for (const info of listBackups(ws)) {
    const file = path.join(backupDir(ws), `${info.id}.db`);
    const plain = isPlainDatabase(file);
    if (!plain && !key) {
      needsKey = true;
      continue;
    }
    try {
      return {
        info,
        staged: stageIncoming(ws, file, plain ? null : key, { label: `备份“${info.id}”`, acceptBrokenLog: true }),
      };
    } catch {
      // not usable: try the one before
    }
  }
  return { locked: needsKey };
}

/** The damaged file's log as far as it can be read, for the record of what the recovery dropped. */
function damagedLog(file: string, key: Buffer | null): { replaced: Replaced; close(): void } {
  let db: Sqlite | null = null;
  try {
    db = openSqlite(file, { readonly: true, fileMustExist: true });
    if (key) applyKey(db, key);
    db.prepare(`SELECT count(*) FROM audit_log`).get();
    const open = db;
    return { replaced: open, close: () => open.close() };
  } catch {
    db?.close();
    return { replaced: 'unreadable', close: () => undefined };
  }
}

/** A copy of the damaged file (and its WAL) under another name, for experts: a second link where the drive allows. */
function keepAside(file: string, aside: string): void {
  for (const suffix of ['', '-wal']) {
    if (!fs.existsSync(file + suffix)) continue;
    try {
      fs.linkSync(file + suffix, aside + suffix);
    } catch {
      fs.copyFileSync(file + suffix, aside + suffix);
    }
  }
}

export function recoverDamaged(ws: Workspace): { restored: BackupInfo; damagedFile: string } {
  assertDamaged(ws);
  const found = newestGoodBackup(ws);
  if (!('staged' in found)) {
    if (found.locked) throw new AppError({ code: 'LOCKED', message: '请先输入密码，再从备份恢复。', detail: 'locked' });
    throw new AppError({
      code: 'NOT_FOUND',
      message: '没有可用的完好备份，无法自动恢复。损坏的数据文件保持原样，请联系技术人员。',
      detail: 'no good backup',
    });
  }
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const damagedFile = `${ws.dataFile}.damaged-${stamp}`;
  let log: ReturnType<typeof damagedLog> | null = null;
  try {
    keepAside(ws.dataFile, damagedFile);
    log = damagedLog(damagedFile, ws.dataKey());
    putInPlace(ws, found.staged, log.replaced, {
      kind: 'recovery',
      source: found.info.id,
      safetyBackup: path.basename(damagedFile),
    });
  } catch (error) {
    found.staged.discard();
    throw error;
  } finally {
    log?.close();
  }
  return { restored: found.info, damagedFile };
}
