/**
 * Ordered schema migrations. Index i holds the step from version i to i + 1; the version is
 * stamped in PRAGMA user_version. Never edit a step that has shipped: add a new one.
 */
export interface Migration {
  description: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
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
  },
  {
    description: 'member roster and dated member events',
    sql: `
      CREATE TABLE member (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL CHECK (length(trim(name)) > 0),
        name_initials TEXT NOT NULL,
        name_pinyin TEXT NOT NULL,
        gender TEXT NOT NULL CHECK (gender IN ('male', 'female')),
        citizen_id TEXT NOT NULL CHECK (length(citizen_id) = 18),
        ethnicity TEXT,
        birth_date TEXT NOT NULL,
        education TEXT,
        degree TEXT,
        native_place TEXT,
        branch_id INTEGER NOT NULL REFERENCES org_unit(id),
        party_group_id INTEGER REFERENCES org_unit(id),
        admitted_on TEXT NOT NULL,
        probation_extension_months INTEGER CHECK (probation_extension_months IS NULL OR probation_extension_months BETWEEN 6 AND 12),
        full_membership_on TEXT,
        job_title TEXT,
        phone TEXT,
        address TEXT,
        status TEXT NOT NULL DEFAULT 'normal'
          CHECK (status IN ('normal', 'suspended', 'transferredOut', 'removed', 'expelled', 'withdrew', 'lapsed', 'deceased')),
        lost_contact_since TEXT,
        mobile_destination TEXT,
        is_mobile INTEGER NOT NULL DEFAULT 0 CHECK (is_mobile IN (0, 1)),
        party_post TEXT,
        admin_post TEXT,
        employment_category TEXT NOT NULL DEFAULT 'employed'
          CHECK (employment_category IN ('employed', 'retired', 'student', 'unemployed', 'farmer', 'other')),
        introducers TEXT,
        note TEXT,
        voided_on TEXT,
        void_reason TEXT,
        created_at TEXT NOT NULL,
        CHECK (full_membership_on IS NULL OR full_membership_on > admitted_on)
      );
      -- one live member per ID number; a voided (wrongly entered) record frees the number
      CREATE UNIQUE INDEX member_citizen_id ON member (citizen_id) WHERE voided_on IS NULL;
      CREATE INDEX member_branch ON member (branch_id);
      CREATE INDEX member_pinyin ON member (name_pinyin);

      CREATE TABLE member_event (
        id INTEGER PRIMARY KEY,
        member_id INTEGER NOT NULL REFERENCES member(id),
        kind TEXT NOT NULL CHECK (kind IN ('joined', 'transferIn', 'transferOut', 'fullMembership', 'probationExtended',
          'suspended', 'restored', 'removed', 'expelled', 'withdrew', 'lapsed', 'deceased', 'lostContact', 'contactRestored')),
        occurred_on TEXT NOT NULL,
        counterpart TEXT,
        document_no TEXT,
        receipt_received_on TEXT,
        months INTEGER,
        note TEXT,
        created_at TEXT NOT NULL
      );
      CREATE INDEX member_event_member ON member_event (member_id, occurred_on);
    `,
  },
];

export const LATEST_SCHEMA_VERSION = MIGRATIONS.length;
