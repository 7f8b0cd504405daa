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

export function listAudit(db: Db, options: { limit?: number; entity?: string }): AuditEntry[] {
  const rows = db
    .prepare(
      `SELECT * FROM audit_log WHERE (@entity IS NULL OR entity = @entity) ORDER BY id DESC LIMIT @limit`,
    )
    .all({ entity: options.entity ?? null, limit: options.limit ?? 200 }) as AuditRow[];
  return rows.map((row) => ({
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
}
