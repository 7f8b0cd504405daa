import fs from 'node:fs';
import os from 'node:os';
import type { Via } from '../shared/contract';
import { localToday, type IsoDate } from '../shared/dates';
import { AppError } from '../shared/errors';
import { backupOf } from './custody/backups';
import { openDatabase, type Db, type OpenOptions } from './db/open';
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
  private db: Db | null = null;
  private reason: string | null = null;
  /** The data key while unlocked; never written anywhere but memory. */
  private key: Buffer | null = null;

  constructor(options: WorkspaceOptions) {
    this.dataDir = options.dataDir;
    this.dataFile = options.dataFile ?? dataFilePath(options.dataDir);
    this.via = options.via;
    this.actor = options.actor ?? safeUserName();
    this.clock = options.today ?? (() => localToday());
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
    return fs.existsSync(this.keyringFile);
  }

  isLocked(): boolean {
    return this.db === null && this.isEncrypted() && this.key === null;
  }

  /** The open database; NOT_SET_UP before the first run, LOCKED until the password is given. */
  database(): Db {
    if (this.db) return this.db;
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
    this.db = openDatabase(this.dataFile, this.openOptions(false));
    return this.db;
  }

  /** Opens the encrypted file with a data key the keyring has already verified. */
  unlockWith(key: Buffer): void {
    this.close();
    this.key = Buffer.from(key);
    try {
      this.database();
    } catch (error) {
      this.forgetKey();
      throw error;
    }
  }

  /** Closes the file and wipes the key from memory: the lock screen's state. */
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
   * Puts a verified, complete file in place of the data file in one step (restore, import):
   * the new file is first moved beside the old one, then renamed over it, which replaces the
   * whole file at once; the old WAL is removed with it so it cannot be replayed onto the new.
   */
  replaceDataFile(prepared: string): void {
    this.close();
    const staging = `${this.dataFile}.incoming`;
    fs.copyFileSync(prepared, staging);
    const fd = fs.openSync(staging, 'r+');
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    for (const suffix of ['-wal', '-shm']) fs.rmSync(this.dataFile + suffix, { force: true });
    fs.renameSync(staging, this.dataFile);
  }

  private forgetKey(): void {
    this.close();
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
    fs.mkdirSync(this.dataDir, { recursive: true });
    fs.rmSync(this.dataFile, { force: true }); // only ever an empty file here (isSetUp said so)
    const draft = `${this.dataFile}.new-${process.pid}-${Date.now()}`;
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

  close(): void {
    this.db?.close();
    this.db = null;
  }

  private identity() {
    return { actor: () => this.actor, via: () => this.via, reason: () => this.reason };
  }

  private openOptions(create: boolean): OpenOptions {
    return {
      create,
      identity: this.identity(),
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

function safeUserName(): string {
  try {
    return os.userInfo().username || 'unknown';
  } catch {
    return 'unknown';
  }
}
