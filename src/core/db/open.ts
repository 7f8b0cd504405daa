import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { openSqlite } from './sqlite';
import { AppError } from '../../shared/errors';
import { applyKey } from '../custody/cipher';
import { registerAuditHash } from '../services/audit-chain';
import { rebuildAuditTriggers } from './audit-triggers';
import type { Db } from './db-type';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from './migrations';

export type { Db } from './db-type';

/** Marks our files in PRAGMA application_id ("JGDT", 机关党务工作台). */
export const APPLICATION_ID = 0x4a474454;

/** Who is changing data on this connection: read by the audit triggers. */
export interface AuditIdentity {
  actor: () => string;
  via: () => string;
  reason: () => string | null;
}

export interface OpenOptions {
  create: boolean;
  identity: AuditIdentity;
  /** The data key of an encrypted file (see custody/keyring.ts); absent for a plain file. */
  key?: Buffer | null;
  /** Runs before an existing file is migrated to a newer schema: the place for a backup. */
  beforeMigrate?: (db: Db, fromVersion: number) => void;
  /** Opened only to read, beside another process that writes: nothing is changed, not even the journal mode. */
  readonly?: boolean;
}

/** A read-only open found a file from an older version, which only a writer may upgrade. */
export class NeedsUpgrade extends Error {
  constructor(readonly fromVersion: number) {
    super(`schema ${fromVersion} needs migrating to ${LATEST_SCHEMA_VERSION}`);
  }
}

function unreadable(file: string, cause: unknown): AppError {
  return new AppError({
    code: 'DB_UNREADABLE',
    message: `无法打开数据文件“${file}”：文件已损坏、已加密或不是本程序的数据文件。`,
    detail: cause instanceof Error ? cause.message : String(cause),
  });
}

/**
 * Opens (or creates) an organ's database: refuses foreign and newer files before touching
 * them, then applies pending migrations in one transaction.
 */
export function openDatabase(file: string, options: OpenOptions): Db {
  if (!options.create && !fs.existsSync(file)) {
    throw new AppError({ code: 'NOT_FOUND', message: `找不到数据文件“${file}”。`, detail: `no such file: ${file}` });
  }
  let db: Db;
  try {
    db = openSqlite(file, { fileMustExist: !options.create, readonly: options.readonly === true });
  } catch (cause) {
    throw unreadable(file, cause);
  }
  try {
    if (options.key) applyKey(db, options.key);
    checkFile(db, file);
    if (!options.create) checkIntegrity(db, file);
    if (!options.readonly) {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL');
    }
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    registerAuditFunctions(db, options.identity);
    if (options.readonly) {
      const version = schemaVersion(db);
      if (version !== LATEST_SCHEMA_VERSION) throw new NeedsUpgrade(version);
    } else migrate(db, options.beforeMigrate);
    return db;
  } catch (error) {
    db.close();
    if (error instanceof AppError || error instanceof NeedsUpgrade) throw error;
    if (String((error as { code?: string }).code).startsWith('SQLITE_CORRUPT')) {
      throw new AppError({
        code: 'DB_DAMAGED',
        message: `数据文件“${file}”已损坏，为防止进一步损坏，程序没有写入它。可以从最近一次完好的备份恢复。`,
        detail: String(error),
      });
    }
    throw unreadable(file, error);
  }
}

function checkFile(db: Db, file: string): void {
  const applicationId = db.pragma('application_id', { simple: true }) as number;
  const version = db.pragma('user_version', { simple: true }) as number;
  const tableCount = (db.prepare(`SELECT count(*) AS n FROM sqlite_schema`).get() as { n: number }).n;
  if (applicationId !== APPLICATION_ID && (applicationId !== 0 || tableCount > 0)) {
    throw new AppError({
      code: 'DB_FOREIGN',
      message: `“${file}”不是机关党务工作台的数据文件，已拒绝打开，文件未作任何改动。`,
      detail: `application_id ${applicationId.toString(16)}, ${tableCount} schema objects`,
    });
  }
  if (version > LATEST_SCHEMA_VERSION) {
    throw new AppError({
      code: 'DB_TOO_NEW',
      message: `数据文件“${file}”由较新版本的机关党务工作台建立（数据版本 ${version}，本程序最高支持 ${LATEST_SCHEMA_VERSION}）。为防止损坏，已拒绝打开。请升级本程序后再打开。`,
      detail: `user_version ${version} > supported ${LATEST_SCHEMA_VERSION}`,
    });
  }
}

/** A damaged file is never written to: refuse it before any pragma or migration touches it. */
function checkIntegrity(db: Db, file: string): void {
  let result: unknown;
  try {
    result = db.pragma('quick_check', { simple: true });
  } catch (error) {
    result = error instanceof Error ? error.message : String(error);
  }
  if (result !== 'ok') {
    throw new AppError({
      code: 'DB_DAMAGED',
      message: `数据文件“${file}”已损坏（完整性检查未通过），为防止进一步损坏，程序没有写入它。可以从最近一次完好的备份恢复。`,
      detail: `quick_check: ${String(result)}`,
    });
  }
}

function registerAuditFunctions(db: Db, identity: AuditIdentity): void {
  db.function('audit_actor', { deterministic: false }, () => identity.actor());
  db.function('audit_via', { deterministic: false }, () => identity.via());
  db.function('audit_reason', { deterministic: false }, () => identity.reason());
  registerAuditHash(db);
  // Files kept in BLOB columns are logged by their hash (audit-triggers.ts).
  db.function('audit_sha256', { deterministic: true }, (value: unknown) =>
    value instanceof Uint8Array ? createHash('sha256').update(value).digest('hex') : null,
  );
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

function migrate(db: Db, beforeMigrate?: (db: Db, fromVersion: number) => void): void {
  const from = schemaVersion(db);
  if (from === LATEST_SCHEMA_VERSION) return;
  if (from > 0) beforeMigrate?.(db, from);
  db.transaction(() => {
    for (let v = from; v < LATEST_SCHEMA_VERSION; v++) {
      const step = MIGRATIONS[v];
      if (!step) throw new Error(`missing migration ${v}`);
      db.exec(step.sql);
    }
    rebuildAuditTriggers(db);
    db.pragma(`application_id = ${APPLICATION_ID}`);
    db.pragma(`user_version = ${LATEST_SCHEMA_VERSION}`);
  })();
}
