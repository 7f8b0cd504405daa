import type { Db } from './db-type';

/**
 * The audit log is written by triggers, not by services, so that no change can forget it:
 * every table but the log itself gets insert/update/delete triggers that record the row
 * before and after as JSON. Who made the change comes from SQL functions the app registers
 * on its connection (audit_actor, audit_via, audit_reason); a connection without them (a
 * stray sqlite3 shell) cannot write to audited tables at all.
 *
 * Columns declared BLOB (files kept inside the database) are recorded as their length and
 * SHA-256, {"bytes": n, "sha256": "…"}, never as their content: JSON cannot hold bytes, and a
 * log that copied every file would grow by megabytes per change.
 */
/**
 * The log itself, and drafts of long texts (text_draft, written as the clerk types: the save is
 * the change the log records, not every pause in typing).
 */
const NOT_AUDITED = new Set(['audit_log', 'text_draft']);

function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

interface Column {
  name: string;
  blob: boolean;
}

function columnValue(prefix: 'NEW' | 'OLD', column: Column): string {
  const ref = `${prefix}.${quoteIdent(column.name)}`;
  if (!column.blob) return ref;
  return `CASE WHEN ${ref} IS NULL THEN NULL ELSE json_object('bytes', length(${ref}), 'sha256', audit_sha256(${ref})) END`;
}

function rowJson(prefix: 'NEW' | 'OLD', columns: Column[]): string {
  const pairs = columns.map((c) => `'${c.name.replaceAll("'", "''")}', ${columnValue(prefix, c)}`);
  return `json_object(${pairs.join(', ')})`;
}

/**
 * One log entry, numbered and sealed as it is written: its id is the next in line and its hash
 * covers the previous entry's hash and its own fields (audit-chain.ts), so the log is never
 * updated after the fact. The inner select runs once per entry (SQLite does not flatten it into
 * the outer one, so the row's JSON is built once and the hash covers exactly what is stored).
 */
function sealedEntry(
  action: 'insert' | 'update' | 'delete',
  entity: string,
  entityId: string,
  before: string,
  after: string,
): string {
  const fields = 'id, at, actor, via, action, entity, entity_id, before, after, reason';
  return `INSERT INTO audit_log (${fields}, hash)
    SELECT ${fields}, audit_hash(previous, ${fields}) FROM (
      SELECT (SELECT ifnull(max(id), 0) + 1 FROM audit_log) AS id, strftime('%Y-%m-%dT%H:%M:%fZ', 'now') AS at,
        audit_actor() AS actor, audit_via() AS via, '${action}' AS action, ${entity} AS entity, ${entityId} AS entity_id,
        ${before} AS before, ${after} AS after,
        audit_reason() AS reason, (SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1) AS previous
    )`;
}

export function auditedTables(db: Db): string[] {
  const rows = db
    .prepare(`SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`)
    .all() as { name: string }[];
  return rows.map((r) => r.name).filter((name) => !NOT_AUDITED.has(name));
}

export function rebuildAuditTriggers(db: Db): void {
  const existing = db
    .prepare(
      `SELECT name FROM sqlite_schema WHERE type = 'trigger' AND name LIKE 'audit\\_%\\_%' ESCAPE '\\' AND tbl_name <> 'audit_log'`,
    )
    .all() as { name: string }[];
  for (const { name } of existing) db.exec(`DROP TRIGGER ${quoteIdent(name)}`);

  for (const table of auditedTables(db)) {
    const columns = (
      db.prepare(`SELECT name, type FROM pragma_table_info(?)`).all(table) as { name: string; type: string }[]
    ).map((c) => ({
      name: c.name,
      blob: c.type.trim().toUpperCase() === 'BLOB',
    }));
    const entity = `'${table.replaceAll("'", "''")}'`;
    const t = quoteIdent(table);
    const changed = columns.map((c) => `OLD.${quoteIdent(c.name)} IS NOT NEW.${quoteIdent(c.name)}`).join(' OR ');
    db.exec(`
      CREATE TRIGGER ${quoteIdent(`audit_${table}_insert`)} AFTER INSERT ON ${t} BEGIN
        ${sealedEntry('insert', entity, 'NEW.rowid', 'NULL', rowJson('NEW', columns))};
      END;
      CREATE TRIGGER ${quoteIdent(`audit_${table}_update`)} AFTER UPDATE ON ${t} WHEN ${changed} BEGIN
        ${sealedEntry('update', entity, 'NEW.rowid', rowJson('OLD', columns), rowJson('NEW', columns))};
      END;
      CREATE TRIGGER ${quoteIdent(`audit_${table}_delete`)} AFTER DELETE ON ${t} BEGIN
        ${sealedEntry('delete', entity, 'OLD.rowid', rowJson('OLD', columns), 'NULL')};
      END;
    `);
  }
}
