import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isPlainDatabase } from './files';

/*
 * What a killed operation leaves behind, cleared at the next start. Every piece of work that writes
 * beside the data file names its file with the process that made it:
 *
 *   party-office.db.incoming-PID          a file being checked before it replaces the data (incoming.ts)
 *   party-office.db.work-PID-XXXXXX/      an export's or import's folder (transfer.ts)
 *   party-office.db.new-PID-TIME          a data file being created (workspace.ts)
 *   party-office.db.prepare-PID           the same, as versions before check-before-replace named it
 *   ANY.tmp-PID                           a small file being written atomically (files.ts)
 *   TMP/party-office-verify-PID-XXXXXX/   `backup verify`'s folder (transfer.ts)
 *
 * and a backup is only listed once its JSON is written beside it, so backups/party-office-*.db
 * without one is a copy cut off by a kill. Swept only by the process that has just taken the writer
 * lock (no other writer is at work), and of the PID-named ones only those whose process is gone:
 * a reader beside us (`backup verify`, a report) may be mid-way through its own.
 *
 * A leftover may be a plain copy of the data (an unencrypted office's, or one staged before it was
 * encrypted): its bytes are overwritten with zeros and synced before it is unlinked, so a tool that
 * reads a drive's free space finds nothing. (On an SSD or a journalling file system the old blocks
 * may survive the overwrite; what they held is then as safe as the drive, no less.)
 */

const SIDE_FILES = ['-journal', '-wal', '-shm'];

/** The names work in progress takes beside the data file: `${dataFile}${mark}${pid}…`. Kept here, with the sweep that knows them. */
export const STAGING_MARK = '.incoming-';
export const WORK_MARK = '.work-';
export const DRAFT_MARK = '.new-';
/** Versions before check-before-replace staged an incoming file under this name. */
const OLD_STAGING_MARK = '.prepare-';
const MARKS = [STAGING_MARK, WORK_MARK, DRAFT_MARK, OLD_STAGING_MARK];
/** files.ts writeFileAtomic's temporary name: `${file}.tmp-${pid}` (spelled there: files.ts is below this). */
const TEMP = /\.tmp-(\d+)$/;
/** `backup verify`'s folder in the system's temporary folder: `${VERIFY_PREFIX}${pid}-XXXXXX`. */
export const VERIFY_PREFIX = 'party-office-verify-';

/** Whether a process is still running: signal 0 tests without sending (EPERM: running, not ours). */
function isRunning(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The PID a leftover's name carries after `prefix`, or null when it is not one. */
function pidAfter(name: string, prefix: string): number | null {
  if (!name.startsWith(prefix)) return null;
  const match = /^(\d+)/.exec(name.slice(prefix.length));
  return match ? Number(match[1]) : null;
}

/** Writes zeros over a file's bytes and syncs them, then removes it. */
function overwriteAndRemove(file: string): void {
  try {
    const fd = fs.openSync(file, 'r+');
    try {
      const size = fs.fstatSync(fd).size;
      const zeros = Buffer.alloc(Math.min(size, 1024 * 1024));
      for (let at = 0; at < size; at += zeros.length) fs.writeSync(fd, zeros, 0, Math.min(zeros.length, size - at), at);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    // unreadable or already gone: removing it is all that is left to do
  }
  fs.rmSync(file, { force: true });
}

/**
 * Removes a database file and its side files; the plain ones overwritten first. A side file is
 * plain when its database is (or is gone and cannot say otherwise).
 */
function removeDatabase(file: string): void {
  const plain = !fs.existsSync(file) || isPlainDatabase(file);
  for (const suffix of SIDE_FILES) {
    if (!fs.existsSync(file + suffix)) continue;
    if (plain) overwriteAndRemove(file + suffix);
    else fs.rmSync(file + suffix, { force: true });
  }
  if (!fs.existsSync(file)) return;
  if (plain) overwriteAndRemove(file);
  else fs.rmSync(file, { force: true });
}

/** A leftover file or folder, whatever it holds. */
function removeLeftover(entry: string): void {
  let stat: fs.Stats;
  try {
    stat = fs.lstatSync(entry);
  } catch {
    return;
  }
  if (stat.isDirectory()) {
    for (const name of fs.readdirSync(entry)) {
      if (!SIDE_FILES.some((s) => name.endsWith(s))) removeLeftover(path.join(entry, name));
    }
    fs.rmSync(entry, { recursive: true, force: true });
  } else if (stat.isFile()) {
    removeDatabase(entry);
  } else {
    fs.rmSync(entry, { force: true });
  }
}

function namesIn(dir: string): string[] {
  try {
    return fs.readdirSync(dir);
  } catch {
    return [];
  }
}

/**
 * Clears what killed operations left beside `dataFile`, in `backupDir` and in the system's temporary
 * folder. Call only while holding the data file's writer lock. Returns what was removed.
 */
export function sweepLeftovers(dataFile: string, backupDir: string, tempDir = os.tmpdir()): string[] {
  const removed: string[] = [];
  const sweep = (entry: string) => {
    removeLeftover(entry);
    removed.push(entry);
  };
  const home = path.dirname(dataFile);
  const base = path.basename(dataFile);
  for (const name of namesIn(home)) {
    if (SIDE_FILES.some((s) => name.endsWith(s))) continue; // go with their database
    const pid =
      MARKS.map((mark) => pidAfter(name, `${base}${mark}`)).find((p) => p !== null) ??
      (TEMP.exec(name) ? Number(TEMP.exec(name)![1]) : null);
    if (pid !== null && !isRunning(pid)) sweep(path.join(home, name));
  }
  for (const name of namesIn(backupDir)) {
    if (SIDE_FILES.some((s) => name.endsWith(s))) continue;
    const temp = TEMP.exec(name);
    if (temp) {
      if (!isRunning(Number(temp[1]))) sweep(path.join(backupDir, name));
      continue;
    }
    // A backup without its JSON was cut off: only the lock holder makes backups, and that is us.
    const meta = path.join(backupDir, name.replace(/\.db$/, '.json'));
    if (name.startsWith('party-office-') && name.endsWith('.db') && !fs.existsSync(meta)) {
      sweep(path.join(backupDir, name));
    }
  }
  for (const name of namesIn(tempDir)) {
    const pid = pidAfter(name, VERIFY_PREFIX);
    if (pid !== null && !isRunning(pid)) sweep(path.join(tempDir, name));
  }
  return removed;
}
