import type { Migration } from './migration';

/** Version 3 → 4. Shipped: never edit; add a new migration instead. */
export default {
  description: 'audit log hash chain: each entry sealed with the previous one, so an edit outside the app shows',
  sql: `
      DROP TRIGGER audit_log_no_update;
      ALTER TABLE audit_log ADD COLUMN hash TEXT;
      -- rows are sealed in id order; each subquery sees the rows sealed before it
      UPDATE audit_log SET hash = audit_hash(
        ifnull((SELECT p.hash FROM audit_log p WHERE p.id < audit_log.id ORDER BY p.id DESC LIMIT 1), ''),
        id, at, actor, via, action, entity, entity_id, before, after, reason);
      -- the only change ever allowed to a log entry: its hash, once, right after it is written
      CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
        WHEN NOT (OLD.hash IS NULL AND NEW.hash IS NOT NULL AND NEW.id = OLD.id AND NEW.at IS OLD.at AND NEW.actor IS OLD.actor
          AND NEW.via IS OLD.via AND NEW.action IS OLD.action AND NEW.entity IS OLD.entity AND NEW.entity_id IS OLD.entity_id
          AND NEW.before IS OLD.before AND NEW.after IS OLD.after AND NEW.reason IS OLD.reason)
        BEGIN SELECT RAISE(ABORT, '审计日志只能追加，不能修改'); END;
      CREATE TRIGGER audit_log_chain AFTER INSERT ON audit_log BEGIN
        UPDATE audit_log SET hash = audit_hash(
          ifnull((SELECT p.hash FROM audit_log p WHERE p.id < NEW.id ORDER BY p.id DESC LIMIT 1), ''),
          NEW.id, NEW.at, NEW.actor, NEW.via, NEW.action, NEW.entity, NEW.entity_id, NEW.before, NEW.after, NEW.reason)
        WHERE id = NEW.id;
      END;
    `,
} satisfies Migration;
