import fs from 'node:fs';
import os from 'node:os';
import type { Via } from '../shared/contract';
import { localToday, type IsoDate } from '../shared/dates';
import { AppError } from '../shared/errors';
import { openDatabase, type Db } from './db/open';
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

  /** The open database; NOT_SET_UP when the organ has not been created yet. */
  database(): Db {
    if (this.db) return this.db;
    if (!this.isSetUp()) {
      throw new AppError({
        code: 'NOT_SET_UP',
        message: '尚未建立本机关的党务数据，请先完成首次设置。',
        detail: `no database at ${this.dataFile}`,
      });
    }
    this.db = openDatabase(this.dataFile, { create: false, identity: this.identity() });
    return this.db;
  }

  /**
   * Creates the database file and fills it with `init`, all or nothing: the file is built under
   * a temporary name and only then put in place, so a crash or a failed setup never leaves a
   * half-made file behind, and an existing file is never replaced.
   */
  createDatabase<T>(init: (db: Db) => T): T {
    const alreadyThere = () =>
      new AppError({ code: 'ALREADY_SET_UP', message: `数据文件“${this.dataFile}”已存在，不能重复建立。`, detail: 'database already exists' });
    if (this.isSetUp()) throw alreadyThere();
    fs.mkdirSync(this.dataDir, { recursive: true });
    fs.rmSync(this.dataFile, { force: true }); // only ever an empty file here (isSetUp said so)
    const draft = `${this.dataFile}.new-${process.pid}-${Date.now()}`;
    const removeDraft = () => {
      for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(draft + suffix, { force: true });
    };
    let result: T;
    const db = openDatabase(draft, { create: true, identity: this.identity() });
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
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw alreadyThere();
      throw error;
    }
    removeDraft();
    this.db = openDatabase(this.dataFile, { create: false, identity: this.identity() });
    return result;
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
