import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../shared/errors';
import type { BackupInfo } from '../../shared/custody';
import type { Workspace } from '../workspace';
import { backupDir, inspectCopy, listBackups } from './backups';
import { applyKey, rekey } from './cipher';
import Database from 'better-sqlite3-multiple-ciphers';

/**
 * A data file that fails its integrity check is never written to. This keeps it aside, named
 * with the time, for the record, and puts the newest backup that passes a full check in place.
 */
export function recoverDamaged(ws: Workspace): { restored: BackupInfo; damagedFile: string } {
  const key = ws.dataKey();
  const good = listBackups(ws).find((b) => {
    try {
      inspectCopy(path.join(backupDir(ws), `${b.id}.db`), b.encrypted ? key : null);
      return true;
    } catch {
      return false;
    }
  });
  if (!good) {
    throw new AppError({
      code: 'NOT_FOUND',
      message: '没有可用的完好备份，无法自动恢复。损坏的数据文件保持原样，请联系技术人员。',
      detail: 'no good backup',
    });
  }
  if (good.encrypted && !key) {
    throw new AppError({ code: 'LOCKED', message: '请先输入密码，再从备份恢复。', detail: 'locked' });
  }
  ws.close();
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const damagedFile = `${ws.dataFile}.damaged-${stamp}`;
  fs.renameSync(ws.dataFile, damagedFile);
  for (const suffix of ['-wal', '-shm'])
    if (fs.existsSync(ws.dataFile + suffix)) fs.renameSync(ws.dataFile + suffix, damagedFile + suffix);
  const staging = `${ws.dataFile}.recover-${process.pid}`;
  fs.copyFileSync(path.join(backupDir(ws), `${good.id}.db`), staging);
  try {
    if (!good.encrypted && key) {
      const db = new Database(staging);
      try {
        rekey(db, key);
      } finally {
        db.close();
      }
    } else if (good.encrypted && key) {
      const db = new Database(staging, { readonly: true });
      applyKey(db, key);
      db.close();
    }
    ws.replaceDataFile(staging);
  } finally {
    fs.rmSync(staging, { force: true });
  }
  ws.database();
  return { restored: good, damagedFile };
}
