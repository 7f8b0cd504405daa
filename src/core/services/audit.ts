import type { AuditEntry, Via } from '../../shared/contract';
import { VIA_LABEL } from '../../shared/via';
import type { Db } from '../db/open';

interface AuditRow {
  id: number;
  at: string;
  actor: string;
  via: string;
  action: AuditEntry['action'];
  entity: string;
  entity_id: number | null;
  before: string | null;
  after: string | null;
  reason: string | null;
}

export interface AuditQuery {
  limit?: number;
  entity?: string;
  /** Part of the person's name. */
  actor?: string;
  /** Local calendar days, inclusive. */
  from?: string | null;
  to?: string | null;
}

export function listAudit(db: Db, options: AuditQuery): AuditEntry[] {
  const rows = db
    .prepare(
      `SELECT * FROM audit_log
        WHERE (@entity IS NULL OR entity = @entity)
          AND (@actor IS NULL OR instr(actor, @actor) > 0)
          AND (@from IS NULL OR date(at, 'localtime') >= @from)
          AND (@to IS NULL OR date(at, 'localtime') <= @to)
        ORDER BY id DESC LIMIT @limit`,
    )
    .all({
      entity: options.entity || null,
      actor: options.actor || null,
      from: options.from ?? null,
      to: options.to ?? null,
      limit: options.limit ?? 200,
    }) as AuditRow[];
  const entries: AuditEntry[] = rows.map((row) => ({
    id: row.id,
    at: row.at,
    actor: `${row.actor}（${VIA_LABEL[row.via as Via] ?? row.via}）`,
    action: row.action,
    entity: row.entity,
    entityId: row.entity_id,
    before: row.before ? (JSON.parse(row.before) as Record<string, unknown>) : null,
    after: row.after ? (JSON.parse(row.after) as Record<string, unknown>) : null,
    reason: row.reason,
  }));
  nameMembers(db, entries);
  return entries;
}

/*
 * Dues rows and member events hold only member_id; the reader of the log wants the name.
 * Members are never deleted, so the name is there for every id, and one query serves the page.
 */
function nameMembers(db: Db, entries: AuditEntry[]): void {
  const idOf = (e: AuditEntry) => (e.after ?? e.before)?.member_id;
  const ids = [...new Set(entries.map(idOf).filter((id): id is number => typeof id === 'number'))];
  if (ids.length === 0) return;
  const rows = db
    .prepare(`SELECT id, name FROM member WHERE id IN (SELECT value FROM json_each(?))`)
    .all(JSON.stringify(ids)) as { id: number; name: string }[];
  const names = new Map(rows.map((r) => [r.id, r.name]));
  for (const entry of entries) {
    const name = names.get(idOf(entry) as number);
    if (name !== undefined) entry.memberName = name;
  }
}
