import fs from 'node:fs';
import path from 'node:path';
import { openSqlite } from '../db/sqlite';
import type { AuditChainCheck } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import { LATEST_SCHEMA_VERSION } from '../db/migrations';
import { APPLICATION_ID, openDatabase, type Db } from '../db/open';
import { faultPoint } from '../fault-point';
import { verifyAuditChain } from '../services/audit-chain';
import type { Workspace } from '../workspace';
import { backupOf } from './backups';
import { applyKey, rekey } from './cipher';
import { STAGING_MARK } from './leftovers';

/*
 * Check before replace. Every file that is to take the place of the organ's data — a USB import,
 * a backup being restored, the backup that replaces a damaged file — is first copied beside the
 * data file and checked there: it must be one of ours (application_id), not from a newer version,
 * whole (integrity_check), hold an organ, and its audit chain is walked. Only then is it brought
 * to the key in force and to today's schema, by opening it exactly as the app opens its data.
 * The current file is only ever replaced by a file that has already opened.
 */

/** What an incoming file holds, as the checks found it: shown before an import, printed by `backup verify`. */
export interface IncomingReport {
  schemaVersion: number;
  organ: { name: string; committeeName: string };
  /** Rows per table (the audit log included). */
  counts: Record<string, number>;
  /** Members on the roll (in good standing or suspended), as the backup list counts them. */
  members: number;
  auditLog: AuditChainCheck;
}

/** Why a file cannot be used, in the office's words, with who it is (“备份 X”, “U盘文件 Y.pobk”). */
export function refusal(label: string, problem: string, detail: string, field?: string): AppError {
  return new AppError({
    code: 'INVALID_INPUT',
    message: `${label}${problem}本机数据没有改动。`,
    detail,
    ...(field ? { field } : {}),
  });
}

export function tableCounts(db: Db): Record<string, number> {
  const tables = db
    .prepare(`SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`)
    .all() as { name: string }[];
  return Object.fromEntries(
    tables.map((t) => [
      t.name,
      (db.prepare(`SELECT count(*) AS n FROM "${t.name.replaceAll('"', '""')}"`).get() as { n: number }).n,
    ]),
  );
}

function memberCount(db: Db): number {
  try {
    return (
      db
        .prepare(`SELECT count(*) AS n FROM member WHERE voided_on IS NULL AND status IN ('normal', 'suspended')`)
        .get() as { n: number }
    ).n;
  } catch {
    return 0; // a file from before the roster
  }
}

/**
 * Checks a file read-only (it is never written) and says what it holds, or throws the first
 * problem by name. `key` is the key the file is encrypted with (null: plain).
 */
export function inspectIncoming(file: string, key: Buffer | null, label: string): IncomingReport {
  let db: Db;
  try {
    db = openSqlite(file, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw refusal(label, '无法打开。', String(error));
  }
  try {
    if (key) applyKey(db, key);
    let applicationId: number;
    let schemaVersion: number;
    let objects: number;
    try {
      applicationId = db.pragma('application_id', { simple: true }) as number;
      schemaVersion = db.pragma('user_version', { simple: true }) as number;
      objects = (db.prepare(`SELECT count(*) AS n FROM sqlite_schema`).get() as { n: number }).n;
    } catch (error) {
      throw refusal(label, '已损坏，或不是本程序的数据文件（无法读取）。', String(error));
    }
    if (objects === 0)
      throw refusal(label, '是一个空的数据文件，不含任何数据，不能用它替换本机数据。', 'empty database');
    if (applicationId !== APPLICATION_ID) {
      throw refusal(
        label,
        '不是机关党务工作台的数据文件（是其他程序的数据库），不能使用。',
        `application_id ${applicationId.toString(16)}`,
      );
    }
    if (schemaVersion > LATEST_SCHEMA_VERSION) {
      throw refusal(
        label,
        `由较新版本的机关党务工作台建立（数据版本 ${schemaVersion}，本程序最高支持 ${LATEST_SCHEMA_VERSION}），请先升级本程序。`,
        `user_version ${schemaVersion} > ${LATEST_SCHEMA_VERSION}`,
      );
    }
    if (schemaVersion < 1) throw refusal(label, '不是完整的数据文件（没有数据版本）。', 'user_version 0');
    let integrity: unknown;
    try {
      integrity = db.pragma('integrity_check', { simple: true });
    } catch (error) {
      integrity = error instanceof Error ? error.message : String(error);
    }
    if (integrity !== 'ok')
      throw refusal(label, '已损坏，无法通过完整性检查。', `integrity_check: ${String(integrity)}`);
    let organ: { name: string; committee_name: string } | undefined;
    try {
      organ = db.prepare(`SELECT name, committee_name FROM organ WHERE id = 1`).get() as typeof organ;
    } catch {
      organ = undefined;
    }
    if (!organ) {
      throw refusal(label, '中没有建立任何机关（是空的数据），不能用它替换本机数据。', 'no organ row');
    }
    return {
      schemaVersion,
      organ: { name: organ.name, committeeName: organ.committee_name },
      counts: tableCounts(db),
      members: memberCount(db),
      auditLog: verifyAuditChain(db),
    };
  } finally {
    db.close();
  }
}

/** "操作记录从第 12 条起对不上（被改动、删除或插入过）". */
export function brokenLogWords(log: AuditChainCheck): string {
  return `操作记录从第 ${log.brokenAt} 条起对不上（被改动、删除或在程序之外插入过）`;
}

/** A file checked, brought to the key in force and today's schema, open in the data folder and ready to go in. */
export interface Staged {
  /** The staging file, beside the data file (same drive: the rename is atomic). */
  file: string;
  report: IncomingReport;
  /** The staged file opened as the app opens its data (migrated, audit functions registered). */
  db: Db;
  /** Closes the staged file cleanly (WAL folded in) so that it can be renamed. */
  seal(): void;
  /** Removes the staging file and its side files. */
  discard(): void;
}

/** Where a file is staged: beside the data file, named for this process (leftovers are told by it). */
export function stagingFile(ws: Workspace): string {
  return `${ws.dataFile}${STAGING_MARK}${process.pid}`;
}

function removeStaged(file: string): void {
  for (const suffix of ['', '-journal', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
}

/**
 * Copies `source` (encrypted with `sourceKey`, or plain) beside the data file and checks it there;
 * a broken audit chain is refused unless `acceptBrokenLog` says the office was warned. Then it is
 * re-encrypted to the key in force and opened as the app opens its data, which runs today's
 * migrations (after a backup of the file as it came, as any upgrade has). Throws, leaving nothing
 * behind, on the first problem.
 */
export function stageIncoming(
  ws: Workspace,
  source: string,
  sourceKey: Buffer | null,
  options: {
    label: string;
    /** The source is a file of our own making (a payload just read): moved into place instead of copied. */
    moveSource?: boolean;
    acceptBrokenLog: boolean;
    brokenLogField?: string;
    /** Further refusals of the caller's, on what the checks found, before anything is rekeyed or migrated. */
    vet?: (report: IncomingReport) => void;
  },
): Staged {
  const file = stagingFile(ws);
  removeStaged(file);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  try {
    if (options.moveSource) fs.renameSync(source, file);
    else fs.copyFileSync(source, file);
    faultPoint('incoming:copied');
    const report = inspectIncoming(file, sourceKey, options.label);
    if (!report.auditLog.intact && !options.acceptBrokenLog) {
      throw refusal(
        options.label,
        `中的${brokenLogWords(report.auditLog)}。用它替换，会把不可信的操作记录带进本机。`,
        `audit chain broken at ${report.auditLog.brokenAt}`,
        options.brokenLogField,
      );
    }
    options.vet?.(report);
    const target = ws.dataKey();
    if (sourceKey?.toString('hex') !== target?.toString('hex')) {
      const raw = openSqlite(file, { fileMustExist: true });
      try {
        if (sourceKey) applyKey(raw, sourceKey);
        rekey(raw, target);
      } finally {
        raw.close();
      }
      faultPoint('incoming:rekeyed');
    }
    const db = openDatabase(file, {
      create: false,
      identity: ws.auditIdentity(),
      key: target,
      beforeMigrate: (incoming) => {
        backupOf(ws, incoming, 'beforeMigration');
      },
    });
    let open = true;
    return {
      file,
      report,
      db,
      seal() {
        if (!open) return;
        db.pragma('wal_checkpoint(TRUNCATE)');
        db.close();
        open = false;
        const fd = fs.openSync(file, 'r+');
        try {
          fs.fsyncSync(fd);
        } finally {
          fs.closeSync(fd);
        }
      },
      discard() {
        if (open) db.close();
        open = false;
        removeStaged(file);
      },
    };
  } catch (error) {
    removeStaged(file);
    throw error;
  }
}
