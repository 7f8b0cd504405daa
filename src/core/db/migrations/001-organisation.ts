import type { Migration } from './migration';

/** Version 0 → 1. Shipped: never edit; add a new migration instead. */
export default {
  description: 'organ, organisation tree, committee posts, settings, audit log',
  sql: `
      CREATE TABLE organ (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        name TEXT NOT NULL CHECK (length(trim(name)) > 0),
        committee_kind TEXT NOT NULL CHECK (committee_kind IN ('committee', 'generalBranch', 'branch')),
        committee_name TEXT NOT NULL,
        superior_name TEXT NOT NULL,
        created_at TEXT NOT NULL
      );

      CREATE TABLE org_unit (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('committee', 'generalBranch', 'branch', 'partyGroup')),
        parent_id INTEGER REFERENCES org_unit(id),
        name TEXT NOT NULL CHECK (length(trim(name)) > 0),
        founded_on TEXT CHECK (founded_on IS NULL OR founded_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
        term_started_on TEXT CHECK (term_started_on IS NULL OR term_started_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
        term_years INTEGER CHECK (term_years IS NULL OR term_years BETWEEN 1 AND 10),
        dissolved_on TEXT,
        note TEXT,
        sort_order INTEGER NOT NULL DEFAULT 0
      );
      -- exactly one root: the organ's own top organisation
      CREATE UNIQUE INDEX org_unit_one_root ON org_unit ((parent_id IS NULL)) WHERE parent_id IS NULL;
      -- no two live siblings share a name
      CREATE UNIQUE INDEX org_unit_sibling_name ON org_unit (ifnull(parent_id, 0), name) WHERE dissolved_on IS NULL;

      CREATE TABLE committee_post (
        id INTEGER PRIMARY KEY,
        unit_id INTEGER NOT NULL REFERENCES org_unit(id),
        post TEXT NOT NULL CHECK (post IN ('secretary', 'deputySecretary', 'organisation', 'propaganda', 'discipline', 'committeeMember', 'groupLeader')),
        holder_name TEXT NOT NULL CHECK (length(trim(holder_name)) > 0),
        started_on TEXT,
        ended_on TEXT,
        note TEXT,
        CHECK (ended_on IS NULL OR started_on IS NULL OR ended_on >= started_on)
      );
      CREATE INDEX committee_post_unit ON committee_post (unit_id);

      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      );

      CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        via TEXT NOT NULL,
        action TEXT NOT NULL CHECK (action IN ('insert', 'update', 'delete')),
        entity TEXT NOT NULL,
        entity_id INTEGER,
        before TEXT,
        after TEXT,
        reason TEXT
      );
      CREATE INDEX audit_log_entity ON audit_log (entity, entity_id);
      CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
        BEGIN SELECT RAISE(ABORT, '审计日志只能追加，不能修改'); END;
      CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
        BEGIN SELECT RAISE(ABORT, '审计日志只能追加，不能删除'); END;
    `,
} satisfies Migration;
