import type { Migration } from './migration';

/** Version 4 → 5. Shipped: never edit; add a new migration instead. */
export default {
  description:
    '一岗双责: leadership team by year, responsibility lists, duty records with talks and evidence files, letters, year-end reports',
  sql: `
      CREATE TABLE duty_setting (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      );

      -- 领导班子成员, one row per person and year: posts, portfolios and lists change yearly.
      CREATE TABLE duty_leader (
        id INTEGER PRIMARY KEY,
        year INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2999),
        name TEXT NOT NULL CHECK (length(trim(name)) > 0),
        role TEXT NOT NULL CHECK (role IN ('secretary', 'deputySecretary', 'deputy', 'discipline', 'member')),
        title TEXT,
        member_id INTEGER REFERENCES member(id),
        divisions TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(divisions) AND json_type(divisions) = 'array'),
        started_on TEXT CHECK (started_on IS NULL OR substr(started_on, 1, 4) = printf('%04d', year)),
        left_on TEXT CHECK (left_on IS NULL OR substr(left_on, 1, 4) = printf('%04d', year)),
        sort_order INTEGER NOT NULL DEFAULT 0,
        note TEXT,
        created_at TEXT NOT NULL,
        CHECK (left_on IS NULL OR started_on IS NULL OR left_on >= started_on)
      );
      CREATE UNIQUE INDEX duty_leader_name ON duty_leader (year, name);
      CREATE UNIQUE INDEX duty_leader_member ON duty_leader (year, member_id) WHERE member_id IS NOT NULL;

      -- 分管（联系）党支部
      CREATE TABLE duty_leader_branch (
        id INTEGER PRIMARY KEY,
        leader_id INTEGER NOT NULL REFERENCES duty_leader(id),
        unit_id INTEGER NOT NULL REFERENCES org_unit(id),
        UNIQUE (leader_id, unit_id)
      );

      -- 责任事项: a person's list (leader_id) or the team's (leader_id NULL) for a year.
      CREATE TABLE duty_item (
        id INTEGER PRIMARY KEY,
        year INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2999),
        leader_id INTEGER REFERENCES duty_leader(id),
        category TEXT NOT NULL CHECK (length(trim(category)) > 0),
        content TEXT NOT NULL CHECK (length(trim(content)) > 0),
        measures TEXT,
        rule_kind TEXT NOT NULL CHECK (rule_kind IN ('periodic', 'deadline', 'ongoing')),
        per TEXT CHECK (per IS NULL OR per IN ('month', 'quarter', 'halfYear', 'year')),
        times INTEGER CHECK (times IS NULL OR times BETWEEN 1 AND 99),
        due_on TEXT CHECK (due_on IS NULL OR substr(due_on, 1, 4) = printf('%04d', year)),
        evidence TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(evidence) AND json_type(evidence) = 'array'),
        record_kinds TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(record_kinds) AND json_type(record_kinds) = 'array'),
        origin TEXT,
        sort_order INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL,
        CHECK ((rule_kind = 'periodic') = (per IS NOT NULL AND times IS NOT NULL)),
        CHECK ((rule_kind = 'deadline') = (due_on IS NOT NULL))
      );
      CREATE INDEX duty_item_owner ON duty_item (year, leader_id);

      -- 履职纪实: what a team member did, on which day; a wrong entry is voided with a reason.
      CREATE TABLE duty_record (
        id INTEGER PRIMARY KEY,
        leader_id INTEGER NOT NULL REFERENCES duty_leader(id),
        occurred_on TEXT NOT NULL CHECK (occurred_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
        kind TEXT NOT NULL CHECK (kind IN ('briefing', 'talk', 'partyLecture', 'dualLife', 'inspection', 'integrityTalk', 'study', 'other')),
        subject TEXT NOT NULL CHECK (length(trim(subject)) > 0),
        place TEXT,
        participants TEXT,
        summary TEXT,
        voided_on TEXT,
        void_reason TEXT,
        created_at TEXT NOT NULL,
        CHECK ((voided_on IS NULL) = (void_reason IS NULL))
      );
      CREATE INDEX duty_record_leader ON duty_record (leader_id, occurred_on);
      CREATE INDEX duty_record_date ON duty_record (occurred_on);

      -- 谈话对象: both sides of a talk, so 民主生活会 preparation can count the pairs.
      CREATE TABLE duty_counterpart (
        id INTEGER PRIMARY KEY,
        record_id INTEGER NOT NULL REFERENCES duty_record(id),
        name TEXT NOT NULL CHECK (length(trim(name)) > 0),
        member_id INTEGER REFERENCES member(id),
        leader_id INTEGER REFERENCES duty_leader(id),
        sort_order INTEGER NOT NULL DEFAULT 0
      );
      CREATE INDEX duty_counterpart_record ON duty_counterpart (record_id);
      CREATE INDEX duty_counterpart_member ON duty_counterpart (member_id) WHERE member_id IS NOT NULL;

      -- Which items a record fulfils.
      CREATE TABLE duty_record_item (
        id INTEGER PRIMARY KEY,
        record_id INTEGER NOT NULL REFERENCES duty_record(id),
        item_id INTEGER NOT NULL REFERENCES duty_item(id),
        UNIQUE (record_id, item_id)
      );
      CREATE INDEX duty_record_item_item ON duty_record_item (item_id);

      -- 责任书, once signed.
      CREATE TABLE duty_letter (
        id INTEGER PRIMARY KEY,
        leader_id INTEGER NOT NULL UNIQUE REFERENCES duty_leader(id),
        signed_on TEXT NOT NULL CHECK (signed_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
        issuer_name TEXT,
        note TEXT,
        created_at TEXT NOT NULL
      );

      -- 佐证材料: the file itself lives here, so the one data file carries everything. The audit
      -- log records the content as its length and SHA-256 (columns of type BLOB, audit-triggers.ts).
      CREATE TABLE duty_evidence (
        id INTEGER PRIMARY KEY,
        record_id INTEGER REFERENCES duty_record(id),
        letter_id INTEGER REFERENCES duty_letter(id),
        file_name TEXT NOT NULL CHECK (length(trim(file_name)) > 0),
        file_type TEXT NOT NULL CHECK (file_type IN ('pdf', 'jpeg', 'png', 'docx', 'xlsx', 'doc', 'xls')),
        size INTEGER NOT NULL CHECK (size > 0),
        sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
        note TEXT,
        created_at TEXT NOT NULL,
        content BLOB NOT NULL CHECK (typeof(content) = 'blob'),
        CHECK ((record_id IS NULL) <> (letter_id IS NULL)),
        CHECK (length(content) = size)
      );
      CREATE INDEX duty_evidence_record ON duty_evidence (record_id) WHERE record_id IS NOT NULL;
      CREATE INDEX duty_evidence_letter ON duty_evidence (letter_id) WHERE letter_id IS NOT NULL;

      -- 述责述廉: the person's edited text for the year.
      CREATE TABLE duty_report (
        id INTEGER PRIMARY KEY,
        leader_id INTEGER NOT NULL UNIQUE REFERENCES duty_leader(id),
        body TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        created_at TEXT NOT NULL
      );
    `,
} satisfies Migration;
