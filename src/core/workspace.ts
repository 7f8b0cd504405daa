import fs from 'node:fs';
import os from 'node:os';
import type { Via } from '../shared/contract';
import { localToday, type IsoDate } from '../shared/dates';
import { AppError } from '../shared/errors';
import { backupDir, backupOf, listBackups } from './custody/backups';
import { isPlainDatabase, syncFolder } from './custody/files';
import { keyChangePending, keyringCopy, settleKeyChange } from './custody/key-journal';
import { DRAFT_MARK, sweepLeftovers } from './custody/leftovers';
import { acquireWriterLock, lockFileOf, type WriterLock } from './custody/writer-lock';
import { NeedsUpgrade, openDatabase, type Db, type OpenOptions } from './db/open';
import { faultPoint } from './fault-point';
import { dataFilePath } from './paths';

export interface WorkspaceOptions {
  dataDir: string;
  via: Via;
  /** Who is at the keyboard; defaults to the operating-system account. */
  actor?: string;
  /** Injected in tests so that date rules can be checked on fixed days. */
  today?: () => IsoDate;
  /** An explicit database file (the CLI's --db); defaults to the data folder's file. */
  dataFile?: string;
  /**
   * 'read' for a process that only reads (the CLI's listing and report commands): it opens the
   * file read-only beside a writer instead of being refused, and never migrates, backs up or
   * rewrites anything. Default 'write'.
   */
  access?: 'write' | 'read';
  /** How long to wait for another process's writer lock before refusing (ms); default 2000. */
  lockWaitMs?: number;
  /**
   * The process named as the lock's holder: the desktop app or browser mode that started this core
   * process (the one the office would close), not the core itself. Defaults to this process.
   */
  holderPid?: number;
}

/** The file behind a path, as the operating system knows it (device and inode / NTFS file id). */
type FileIdentity = string;

function identityOf(file: string): FileIdentity | null {
  try {
    const stat = fs.statSync(file, { bigint: true });
    return `${stat.dev}:${stat.ino}`;
  } catch {
    return null;
  }
}

/**
 * One organ's data as the services see it: the open database, who is working, and what day
 * it is. The database is opened on first use, so a refused file surfaces as an error the
 * screen can show rather than a crash at start.
 */
export class Workspace {
  readonly dataDir: string;
  readonly dataFile: string;
  readonly via: Via;
  readonly actor: string;
  private readonly clock: () => IsoDate;
  private readonly access: 'write' | 'read';
  private readonly lockWaitMs: number;
  private readonly holderPid: number | undefined;
  private db: Db | null = null;
  /** Held from the first open until close(): no other process writes to (or replaces) the file meanwhile. */
  private writerLock: WriterLock | null = null;
  /** Which file the open connection reads, to notice one replaced under it by another program. */
  private openedFile: FileIdentity | null = null;
  private reason: string | null = null;
  /** The data key while unlocked; never written anywhere but memory. */
  private key: Buffer | null = null;

  constructor(options: WorkspaceOptions) {
    this.dataDir = options.dataDir;
    this.dataFile = options.dataFile ?? dataFilePath(options.dataDir);
    this.via = options.via;
    this.actor = options.actor ?? safeUserName();
    this.clock = options.today ?? (() => localToday());
    this.access = options.access ?? 'write';
    this.lockWaitMs = options.lockWaitMs ?? 2000;
    this.holderPid = options.holderPid;
  }

  today(): IsoDate {
    return this.clock();
  }

  /** A zero-byte file (left by an interrupted copy, or created by hand) holds nothing and counts as no file. */
  isSetUp(): boolean {
    if (this.db !== null) return true;
    try {
      return fs.statSync(this.dataFile).size > 0;
    } catch {
      return false;
    }
  }

  /** Where the wrapped data key lives when the office has set a password (custody/keyring.ts). */
  get keyringFile(): string {
    return `${this.dataFile.replace(/\.db$/, '')}.keys.json`;
  }

  isEncrypted(): boolean {
    return fs.existsSync(this.keyringFile) || this.keysMissing();
  }

  /**
   * The data file is encrypted but its keys file is gone (deleted, or left behind when the folder
   * was copied): the copy beside the backups, or encrypted backups, say the office had a password.
   * Without either, a file that is not plain SQLite is reported as unreadable when opened.
   */
  keysMissing(): boolean {
    if (fs.existsSync(this.keyringFile) || !this.isSetUp() || isPlainDatabase(this.dataFile)) return false;
    if (fs.existsSync(keyringCopy(this))) return true;
    return listBackups(this).some((b) => b.encrypted);
  }

  isLocked(): boolean {
    if (this.db !== null) return false;
    this.settleKeys();
    return this.isEncrypted() && this.key === null;
  }

  /**
   * Finishes or undoes a key change a crash interrupted (custody/key-journal.ts), before the keys
   * are read. Only under the writer lock: a journal is only "hot" when no process is running it.
   */
  private settleKeys(): void {
    if (this.db !== null || !keyChangePending(this)) return;
    if (this.access === 'read' && !this.writerLock) {
      const lock = acquireWriterLock(this.dataFile, this.via, { waitMs: this.lockWaitMs });
      try {
        settleKeyChange(this);
      } finally {
        lock.release();
      }
      return;
    }
    this.holdWriterLock();
    settleKeyChange(this);
  }

  /** Where the writer lock lives (custody/writer-lock.ts). */
  get lockFile(): string {
    return lockFileOf(this.dataFile);
  }

  /** True when this process reads the file beside another that writes it: nothing may be written. */
  get readOnly(): boolean {
    return this.db !== null && this.writerLock === null;
  }

  /**
   * Takes the writer lock if this process does not hold it yet; refused with the holder named.
   * Holding it, no other writer is at work: what killed operations left behind is cleared now.
   */
  holdWriterLock(): void {
    if (this.writerLock) return;
    fs.mkdirSync(this.dataDir, { recursive: true });
    this.writerLock = acquireWriterLock(this.dataFile, this.via, {
      waitMs: this.lockWaitMs,
      holderPid: this.holderPid,
    });
    sweepLeftovers(this.dataFile, backupDir(this));
  }

  /**
   * The open database; NOT_SET_UP before the first run, LOCKED until the password is given.
   * Every call first makes sure the connection still reads the file at the data file's path: a
   * program that ignores the lock (an older version, a copy made by hand) may have put another
   * file there, and a write through the old connection would go to a deleted file and be lost.
   */
  database(): Db {
    if (this.db) {
      if (identityOf(this.dataFile) === this.openedFile) return this.db;
      this.replacedUnderUs();
    }
    if (!this.isSetUp()) {
      throw new AppError({
        code: 'NOT_SET_UP',
        message: '尚未建立本机关的党务数据，请先完成首次设置。',
        detail: `no database at ${this.dataFile}`,
      });
    }
    if (this.isLocked()) {
      throw new AppError({ code: 'LOCKED', message: '数据已加锁，请输入密码后继续。', detail: 'locked' });
    }
    this.db = this.access === 'read' ? this.openForReading() : this.openForWriting();
    this.openedFile = identityOf(this.dataFile);
    return this.db;
  }

  private openForWriting(): Db {
    this.holdWriterLock();
    return openDatabase(this.dataFile, this.openOptions(false));
  }

  /**
   * A reader never takes the writer lock (it would keep the desktop app or browser mode from
   * starting while a report prints), unless the file must first be upgraded, which only a writer
   * may do. Reading beside a writer is what WAL is for; a file replaced meanwhile stays readable
   * through the open descriptor (Linux), or cannot be replaced while open (Windows).
   */
  private openForReading(): Db {
    try {
      return openDatabase(this.dataFile, { ...this.openOptions(false), readonly: true });
    } catch (error) {
      if (!(error instanceof NeedsUpgrade)) throw error;
      this.holdWriterLock();
      return openDatabase(this.dataFile, this.openOptions(false));
    }
  }

  /** The file at our path is no longer the one we opened: stop using the old one, open the new. */
  private replacedUnderUs(): never {
    this.closeConnection();
    const gone = identityOf(this.dataFile) === null;
    throw new AppError({
      code: 'CONFLICT',
      message: gone
        ? `数据文件“${this.dataFile}”已被移走或删除（不是本程序做的）。为免写错地方，刚才的操作没有执行。请把文件放回原处后重试。`
        : `数据文件“${this.dataFile}”已被另一个程序替换（不是本程序做的，可能是手工复制或旧版本的导入、恢复）。为免把内容写进已被替换的旧文件，刚才的操作没有执行；再次操作时将打开替换后的文件，请先核对数据。`,
      detail: gone ? 'data file removed under the open connection' : 'data file replaced under the open connection',
    });
  }

  /** Opens the encrypted file with a data key the keyring has already verified. */
  unlockWith(key: Buffer): void {
    this.closeConnection();
    this.key = Buffer.from(key);
    try {
      this.database();
    } catch (error) {
      this.forgetKey();
      throw error;
    }
  }

  /**
   * Closes the file and wipes the key from memory: the lock screen's state. The writer lock stays:
   * the app is still running on this file, and another program must not replace it meanwhile.
   */
  lock(): void {
    this.forgetKey();
  }

  /** The data key in force (null for a plain file); for backups, exports and rekeying. */
  dataKey(): Buffer | null {
    return this.key;
  }

  /** After the file was encrypted or decrypted in place, the workspace holds the new key. */
  adoptKey(key: Buffer | null): void {
    this.key = key ? Buffer.from(key) : null;
  }

  /**
   * Puts a staged file (beside the data file, already opened, checked and closed: custody/incoming.ts)
   * in place of the data file in one step: a rename, which replaces the whole file at once. The old
   * WAL goes with it, so it cannot be replayed onto the new file. A reader beside us (a CLI report)
   * is waited for, up to the busy timeout, by a full checkpoint first: on Windows a file that is open
   * cannot be replaced, and on either system the old file is then whole in itself. Refused, with
   * nothing changed, when the checkpoint cannot finish or the rename is refused.
   */
  replaceDataFile(staged: string): void {
    this.holdWriterLock();
    if (this.db) {
      if (checkpointBusy(this.db)) throw readerInTheWay(this.dataFile, 'checkpoint busy');
    }
    this.closeConnection();
    for (const suffix of ['-wal', '-shm']) fs.rmSync(this.dataFile + suffix, { force: true });
    faultPoint('replace:side-files-removed');
    try {
      fs.renameSync(staged, this.dataFile);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? '';
      if (code === 'EPERM' || code === 'EBUSY' || code === 'EACCES') throw readerInTheWay(this.dataFile, String(error));
      throw error;
    }
    syncFolder(this.dataDir);
  }

  /** Who changes data, by which door, and why: what the audit triggers record (for another file opened on our behalf). */
  auditIdentity(): OpenOptions['identity'] {
    return { actor: () => this.actor, via: () => this.via, reason: () => this.reason };
  }

  private forgetKey(): void {
    this.closeConnection();
    this.key?.fill(0);
    this.key = null;
  }

  /**
   * Creates the database file and fills it with `init`, all or nothing: the file is built under
   * a temporary name and only then put in place, so a crash or a failed setup never leaves a
   * half-made file behind, and an existing file is never replaced.
   */
  createDatabase<T>(init: (db: Db) => T): T {
    this.assertFresh();
    this.holdWriterLock();
    this.assertFresh(); // again, now that no other process can be creating it
    fs.rmSync(this.dataFile, { force: true }); // only ever an empty file here (isSetUp said so)
    const draft = `${this.dataFile}${DRAFT_MARK}${process.pid}-${Date.now()}`;
    const removeDraft = () => {
      for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(draft + suffix, { force: true });
    };
    let result: T;
    const db = openDatabase(draft, this.openOptions(true));
    try {
      result = init(db);
      db.pragma('wal_checkpoint(TRUNCATE)');
      db.close();
    } catch (error) {
      db.close();
      removeDraft();
      throw error;
    }
    try {
      placeWithoutReplacing(draft, this.dataFile);
    } catch (error) {
      removeDraft();
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') this.assertFresh();
      throw error;
    }
    removeDraft();
    this.db = openDatabase(this.dataFile, this.openOptions(false));
    this.openedFile = identityOf(this.dataFile);
    return result;
  }

  /** Refuses when the organ's data already exists here. */
  assertFresh(): void {
    if (this.isSetUp()) {
      throw new AppError({
        code: 'ALREADY_SET_UP',
        message: `数据文件“${this.dataFile}”已存在，不能重复建立。`,
        detail: 'database already exists',
      });
    }
  }

  /** Runs `work` with a reason that the audit triggers record beside each change. */
  withReason<T>(reason: string, work: () => T): T {
    const previous = this.reason;
    this.reason = reason;
    try {
      return work();
    } finally {
      this.reason = previous;
    }
  }

  /** Closes the file and lets go of the writer lock (the end of a command, a restart, the app quitting). */
  close(): void {
    this.closeConnection();
    this.writerLock?.release();
    this.writerLock = null;
  }

  private closeConnection(): void {
    this.db?.close();
    this.db = null;
    this.openedFile = null;
  }

  private openOptions(create: boolean): OpenOptions {
    return {
      create,
      identity: this.auditIdentity(),
      key: this.key,
      beforeMigrate: (db) => {
        backupOf(this, db, 'beforeMigration');
      },
    };
  }
}

/**
 * Puts a finished file in place only if nothing is there: a hard link fails if the target
 * exists. Drives without hard links (FAT-formatted USB sticks) fall back to a checked rename.
 */
function placeWithoutReplacing(from: string, to: string): void {
  try {
    fs.linkSync(from, to);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw error;
    if (fs.existsSync(to)) throw Object.assign(new Error('target exists'), { code: 'EEXIST' });
    fs.renameSync(from, to);
  }
}

/** A full checkpoint that could not finish: another process is reading the file. */
function checkpointBusy(db: Db): boolean {
  try {
    return ((db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[])[0]?.busy ?? 0) !== 0;
  } catch {
    return false; // a file that cannot be checkpointed is being replaced whole; the backup has kept it
  }
}

function readerInTheWay(dataFile: string, detail: string): AppError {
  return new AppError({
    code: 'CONFLICT',
    message: `另一个程序正在读取数据文件“${dataFile}”（例如命令行的查询或打印），现在不能替换它。请等它结束后重试。数据没有改动。`,
    detail,
  });
}

function safeUserName(): string {
  try {
    return os.userInfo().username || 'unknown';
  } catch {
    return 'unknown';
  }
}
