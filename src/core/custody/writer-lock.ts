import { openSqlite, type Sqlite } from '../db/sqlite';
import type { Via } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import { VIA_LABEL } from '../../shared/via';
import { readJson, writeFileAtomic } from './files';

/*
 * One writer per data file, whichever door it comes through (desktop, browser mode, CLI).
 *
 * The lock is an operating-system lock that dies with its process: SQLite's own RESERVED lock on a
 * small empty database beside the data file (`party-office.lock`), taken by `BEGIN IMMEDIATE` and
 * held by leaving that transaction open for as long as the process has the data file open. SQLite
 * takes it with fcntl() on Linux and LockFileEx() on Windows; both are released by the kernel when
 * the process ends in any way, kill -9 and power cut included, so a stale lock cannot lock the
 * office out and no pid-liveness guessing is needed. Two connections in one process conflict too
 * (SQLite arbitrates them itself), so a second Workspace on the same file is refused as well.
 *
 * Who holds it is written beside it (`party-office.lock.json`: pid, door, since), after the lock is
 * taken, and read only by a process that was refused, to name the holder. It is never trusted for
 * the lock itself: a file left by a killed holder is simply overwritten by the next one.
 *
 * The lock database uses an in-memory journal, so holding it leaves no journal file; it has no
 * tables and never holds data. Caution (POSIX): closing any descriptor a process has on a file
 * drops every fcntl lock that process holds on it, so nothing in the app may open the lock file
 * with plain fs calls (the leftover sweep skips it by name).
 */

export interface LockHolder {
  pid: number;
  via: Via;
  /** ISO time the lock was taken. */
  since: string;
}

export function lockFileOf(dataFile: string): string {
  return `${dataFile.replace(/\.db$/, '')}.lock`;
}

const holderFileOf = (lockFile: string) => `${lockFile}.json`;

export interface WriterLock {
  readonly file: string;
  release(): void;
}

function isBusy(error: unknown): boolean {
  return String((error as { code?: string }).code).startsWith('SQLITE_BUSY');
}

/** The holder as it wrote itself down, when that file is there and plausible. */
function readHolder(lockFile: string): LockHolder | null {
  const holder = readJson<LockHolder>(holderFileOf(lockFile));
  return holder && Number.isInteger(holder.pid) && typeof holder.via === 'string' ? holder : null;
}

/** "浏览器模式（进程 1234）": the holder as the office would recognise it. */
export function describeHolder(holder: LockHolder | null): string {
  if (!holder) return '另一个程序';
  return `${VIA_LABEL[holder.via] ?? holder.via}（进程 ${holder.pid}）`;
}

const ADVICE: Record<Via, string> = {
  desktop: '请先退出桌面程序',
  web: '请先停止浏览器模式（在它的命令窗口按 Ctrl+C）',
  cli: '请等该命令执行完毕',
  test: '请先关闭它',
};

/** The refusal every door gives while another process has the file. */
export function heldElsewhere(dataFile: string, holder: LockHolder | null): AppError {
  const advice = (holder && ADVICE[holder.via]) ?? '请先关闭正在使用它的程序';
  return new AppError({
    code: 'CONFLICT',
    message: `数据文件正由${describeHolder(holder)}使用，同一时间只能由一个程序修改。${advice}，再重试。数据没有改动。`,
    detail: `writer lock on ${lockFileOf(dataFile)} held by ${holder ? JSON.stringify(holder) : 'an unknown process'}`,
  });
}

/**
 * Takes the writer lock of `dataFile`, waiting up to `waitMs` for a holder that is finishing (a
 * CLI command, say); refused with the holder named when it stays held. `holderPid` names the
 * process the office would stop to free the file, when the lock is taken by the core process that
 * the desktop app or browser mode started (the core dies with it).
 */
export function acquireWriterLock(
  dataFile: string,
  via: Via,
  options: { waitMs: number; holderPid?: number },
): WriterLock {
  const file = lockFileOf(dataFile);
  let db: Sqlite | undefined;
  try {
    db = openSqlite(file, { timeout: options.waitMs });
    db.pragma('journal_mode = MEMORY');
    db.exec('BEGIN IMMEDIATE');
  } catch (error) {
    db?.close();
    if (isBusy(error)) throw heldElsewhere(dataFile, readHolder(file));
    throw new AppError({
      code: 'DB_UNREADABLE',
      message: `无法在数据文件所在的文件夹“${file.replace(/[\\/][^\\/]*$/, '')}”中建立锁文件：${(error as NodeJS.ErrnoException).code ?? String(error)}。请确认该文件夹可以写入。`,
      detail: String(error),
    });
  }
  const holder: LockHolder = { pid: options.holderPid ?? process.pid, via, since: new Date().toISOString() };
  try {
    writeFileAtomic(holderFileOf(file), JSON.stringify(holder));
  } catch {
    // Naming the holder is a courtesy to the refused; the lock itself is held.
  }
  let held = true;
  const connection = db;
  return {
    file,
    release() {
      if (!held) return;
      held = false;
      connection.close(); // rolls the empty transaction back and lets go of the lock
    },
  };
}

/** Who holds the lock now, or null when it is free (for messages and tests; takes nothing). */
export function currentHolder(dataFile: string): LockHolder | 'free' | 'unknown' {
  const file = lockFileOf(dataFile);
  let db: Sqlite | null = null;
  try {
    db = openSqlite(file, { timeout: 0, fileMustExist: true });
    db.pragma('journal_mode = MEMORY');
    db.exec('BEGIN IMMEDIATE');
    db.exec('ROLLBACK');
    return 'free';
  } catch (error) {
    if (!isBusy(error)) return 'free'; // no lock file: nobody has ever held it
    return readHolder(file) ?? 'unknown';
  } finally {
    db?.close();
  }
}
