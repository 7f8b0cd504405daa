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

  isSetUp(): boolean {
    return this.db !== null || fs.existsSync(this.dataFile);
  }

  /** The open database; NOT_SET_UP when the organ has not been created yet. */
  database(): Db {
    if (this.db) return this.db;
    if (!fs.existsSync(this.dataFile)) {
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
   * Creates the database file and fills it with `init`; refuses when a file is already there.
   * If `init` fails the new file is removed, so a failed first run leaves nothing behind.
   */
  createDatabase<T>(init: (db: Db) => T): T {
    if (this.isSetUp()) {
      throw new AppError({
        code: 'ALREADY_SET_UP',
        message: `数据文件“${this.dataFile}”已存在，不能重复建立。`,
        detail: 'database already exists',
      });
    }
    fs.mkdirSync(this.dataDir, { recursive: true });
    const db = openDatabase(this.dataFile, { create: true, identity: this.identity() });
    try {
      const result = init(db);
      this.db = db;
      return result;
    } catch (error) {
      db.close();
      for (const suffix of ['', '-wal', '-shm']) fs.rmSync(this.dataFile + suffix, { force: true });
      throw error;
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
}

function safeUserName(): string {
  try {
    return os.userInfo().username || 'unknown';
  } catch {
    return 'unknown';
  }
}
