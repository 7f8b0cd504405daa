/*
 * What a fault-injection suite checks after a kill -9 (custody-faults.test.ts for import, restore,
 * backup and USB export; the key changes' suite): `afterFault` opens the data folder in this process
 * the way the app does after a crash (unlock with the expected password, app.status, which sweeps
 * the leftovers) and reports what a clerk or an auditor would notice: whether it opens,
 * integrity_check, the audit chain, the members and units, the backups, anything left behind, and
 * (with a password) any plain copy of the data. The children that are killed are run by faults.ts.
 */
import fs from 'node:fs';
import path from 'node:path';
import { backupDir, inspectCopy, isPlainDatabase, listBackups } from '../../src/core/custody/backups';
import { directInvoke } from '../../src/core/dispatch';
import { createHandlers } from '../../src/core/handlers';
import { Workspace } from '../../src/core/workspace';
import type { AuditChainCheck } from '../../src/shared/contract';
import { AppError } from '../../src/shared/errors';

/** What killed operations may leave that the next start must have cleared. */
export function leftoversIn(dataDir: string): string[] {
  const found = fs
    .readdirSync(dataDir)
    .filter((name) => /\.(incoming|work|new|prepare)-\d+/.test(name) || /\.tmp-\d+$/.test(name));
  const backups = path.join(dataDir, 'backups');
  if (fs.existsSync(backups)) {
    for (const name of fs.readdirSync(backups)) {
      const partner = name.endsWith('.db') ? name.replace(/\.db$/, '.json') : name.replace(/\.json$/, '.db');
      const isBackup = name.startsWith('party-office-') && (name.endsWith('.db') || name.endsWith('.json'));
      if (/\.tmp-\d+$/.test(name) || (isBackup && !fs.existsSync(path.join(backups, partner)))) {
        found.push(`backups/${name}`);
      }
    }
  }
  return found.sort();
}

/** The organ's data as a clerk would notice it: who is on the roll and which units there are. */
export interface Content {
  members: string[];
  units: string[];
}

export interface AfterFault {
  /** app.status's state, or the code it was refused with (DB_DAMAGED, DB_UNREADABLE, LOCKED...). */
  state: string;
  message: string | null;
  integrity: string | null;
  audit: AuditChainCheck | null;
  content: Content | null;
  /** Backups listed, each opened with the data key and checked; the ones that failed by id. */
  backups: { listed: number; failing: string[] };
  leftovers: string[];
  /** Files under the folder that are plain SQLite while the office has a password. */
  plainCopies: string[];
  /** The workspace, still open, for the caller's own checks; closed by `close`. */
  ws: Workspace;
  close(): void;
}

/** Opens the folder as the app does after a crash (unlocked with `password` when given) and checks it. */
export async function afterFault(dataDir: string, password: string | null): Promise<AfterFault> {
  const ws = new Workspace({ dataDir, via: 'test', actor: '检查员' });
  const api = directInvoke(createHandlers(ws));
  const failed = (error: unknown) =>
    error instanceof AppError
      ? { state: error.code, message: error.message }
      : { state: 'INTERNAL', message: String(error) };
  let opened: { state: string; message: string | null };
  try {
    if (password) await api('custody.unlock', { password });
    opened = { state: (await api('app.status', {})).state, message: null };
  } catch (error) {
    opened = failed(error);
  }
  const report: AfterFault = {
    ...opened,
    integrity: null,
    audit: null,
    content: null,
    backups: { listed: 0, failing: [] },
    leftovers: leftoversIn(dataDir),
    plainCopies: [],
    ws,
    close: () => ws.close(),
  };
  if (opened.state === 'ready') {
    const db = ws.database();
    report.integrity = String(db.pragma('integrity_check', { simple: true }));
    report.audit = await api('audit.verify', {});
    report.content = {
      members: db.prepare(`SELECT name FROM member ORDER BY name`).pluck().all() as string[],
      units: db.prepare(`SELECT name FROM org_unit ORDER BY name`).pluck().all() as string[],
    };
    const backups = listBackups(ws);
    report.backups.listed = backups.length;
    for (const b of backups) {
      try {
        inspectCopy(path.join(backupDir(ws), `${b.id}.db`), ws.dataKey());
      } catch {
        report.backups.failing.push(b.id);
      }
    }
    if (ws.isEncrypted()) {
      report.plainCopies = fs
        .readdirSync(dataDir, { recursive: true, withFileTypes: true })
        // Never the lock file: opening and closing it here would drop this process's lock on it (POSIX).
        .filter((e) => e.isFile() && !e.name.endsWith('.lock') && isPlainDatabase(path.join(e.parentPath, e.name)))
        .map((e) => path.relative(dataDir, path.join(e.parentPath, e.name)));
    }
  }
  return report;
}
