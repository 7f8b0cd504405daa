import type { Migration } from './migration';

/** Version 6 → 7. Shipped: never edit; add a new migration instead. */
export default {
  description:
    'audit log sealed as it is written: each entry carries its hash from the start, so no entry is ever updated',
  sql: `
      -- The generated audit triggers (audit-triggers.ts) now insert each entry with its id and hash;
      -- sealing by a second write per entry doubled the cost of every audited change.
      DROP TRIGGER audit_log_chain;
      DROP TRIGGER audit_log_no_update;
      CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
        BEGIN SELECT RAISE(ABORT, '审计日志只能追加，不能修改'); END;
      -- A missing or out-of-turn entry breaks the chain, which audit.verify finds; this guard only
      -- turns away entries written without a seal at all (a stray SQL tool, an old trigger).
      CREATE TRIGGER audit_log_sealed BEFORE INSERT ON audit_log WHEN NEW.hash IS NULL
        BEGIN SELECT RAISE(ABORT, '审计日志的每一条都必须签封'); END;
    `,
} satisfies Migration;
