import type { AuditRewind } from '../../shared/contract';
import type { Db } from '../db/open';
import { faultPoint } from '../fault-point';
import type { Workspace } from '../workspace';
import type { Staged } from './incoming';

/*
 * The audit log records its own gaps. Replacing the data (an import, a restore, a recovery) puts
 * another file's log in place of the current one; whatever the current log had that the incoming
 * one lacks is no longer in the file. So, before the rename, a row of `data_replacement` is written
 * into the incoming file — the triggers log it like any change — naming the log it replaces (its
 * length and the hash of its last entry, which the chain makes depend on all before it), how many
 * entries the two logs share from the start, how many are dropped, and the backup that keeps them.
 * It is in the new log from its first moment, and `audit.verify` reports it (auditRewinds).
 */

export type ReplacementKind = AuditRewind['kind'];

/** The data being replaced: an open connection to it, nothing (first import on this computer), or a file that cannot be read. */
export type Replaced = Db | 'none' | 'unreadable';

function lastEntry(db: Db): { entries: number; head: string | null } {
  const row = db
    .prepare(`SELECT count(*) AS n, (SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1) AS head FROM audit_log`)
    .get() as {
    n: number;
    head: string | null;
  };
  return { entries: row.n, head: row.head };
}

/** How many entries two logs share from the start: the same hash in the same place means the same past. */
function sharedEntries(a: Db, b: Db): number {
  const sql = `SELECT hash FROM audit_log ORDER BY id`;
  const left = a.prepare(sql).pluck().iterate() as IterableIterator<string | null>;
  const right = b.prepare(sql).pluck().iterate() as IterableIterator<string | null>;
  let shared = 0;
  try {
    for (;;) {
      const x = left.next();
      const y = right.next();
      if (x.done || y.done || x.value === null || x.value !== y.value) break;
      shared += 1;
    }
  } finally {
    left.return?.();
    right.return?.();
  }
  return shared;
}

export interface ReplacementRecord {
  kind: ReplacementKind;
  /** The file or backup the data came from, as the office would name it. */
  source: string;
  /** The backup (or, for a damaged file, the copy kept aside) holding the data as it was. */
  safetyBackup: string | null;
}

/** Writes the record into the staged file (before it goes in); returns the counts written. */
export function recordReplacement(
  staged: Staged,
  replaced: Replaced,
  record: ReplacementRecord,
): { replacedEntries: number | null; droppedEntries: number | null } {
  const incoming = lastEntry(staged.db);
  const before =
    replaced === 'none' ? { entries: 0, head: null } : replaced === 'unreadable' ? null : lastEntry(replaced);
  const shared = replaced === 'none' ? 0 : replaced === 'unreadable' ? null : sharedEntries(replaced, staged.db);
  const dropped = before && shared !== null ? before.entries - shared : null;
  staged.db
    .prepare(
      `INSERT INTO data_replacement (kind, replaced_at, source, safety_backup, replaced_entries, replaced_head,
         incoming_entries, common_entries, dropped_entries, incoming_broken_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      record.kind,
      new Date().toISOString(),
      record.source,
      record.safetyBackup,
      before?.entries ?? null,
      before?.head ?? null,
      incoming.entries,
      shared,
      dropped,
      staged.report.auditLog.intact ? null : staged.report.auditLog.brokenAt,
    );
  return { replacedEntries: before?.entries ?? null, droppedEntries: dropped };
}

/**
 * The last step of every replacement: the record goes into the staged file, the staged file is
 * closed and renamed over the data file, and the workspace opens it. Nothing before the rename
 * touches the current data; a failure up to it leaves the data as it was.
 */
export function putInPlace(ws: Workspace, staged: Staged, replaced: Replaced, record: ReplacementRecord): void {
  try {
    recordReplacement(staged, replaced, record);
    faultPoint('replace:recorded');
    staged.seal();
    faultPoint('replace:sealed');
    ws.replaceDataFile(staged.file);
    faultPoint('replace:renamed');
  } catch (error) {
    staged.discard();
    throw error;
  }
  ws.database();
}

/** The replacements that cost entries, or brought in a broken log, newest first: what `audit.verify` reports. */
export function auditRewinds(db: Db): AuditRewind[] {
  let rows: {
    replaced_at: string;
    kind: ReplacementKind;
    source: string;
    safety_backup: string | null;
    replaced_entries: number | null;
    dropped_entries: number | null;
    incoming_broken_at: number | null;
  }[];
  try {
    rows = db
      .prepare(
        `SELECT * FROM data_replacement
          WHERE dropped_entries IS NULL OR dropped_entries > 0 OR incoming_broken_at IS NOT NULL
          ORDER BY id DESC`,
      )
      .all() as typeof rows;
  } catch {
    return []; // a file from before the table
  }
  return rows.map((r) => ({
    at: r.replaced_at,
    kind: r.kind,
    source: r.source,
    replacedEntries: r.replaced_entries,
    droppedEntries: r.dropped_entries,
    safetyBackup: r.safety_backup,
    incomingBrokenAt: r.incoming_broken_at,
  }));
}
