import type { Migration } from './migration';

/** Version 1 → 2. Shipped: never edit; add a new migration instead. */
export default {
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
} satisfies Migration;
