import type { Migration } from './migration';

/** Version 5 → 6. Shipped: never edit; add a new migration instead. */
export default {
  description:
    '民主生活会 and 组织生活会: meetings with their people, study, opinions, talks, self-examination materials, minutes, rectification items and member appraisal',
  sql: `
      CREATE TABLE meeting_setting (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      );

      CREATE TABLE meeting (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('democratic', 'special', 'branch')),
        year INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2999),
        unit_id INTEGER REFERENCES org_unit(id),
        theme TEXT NOT NULL CHECK (length(trim(theme)) > 0),
        held_on TEXT NOT NULL CHECK (held_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
        place TEXT,
        presider TEXT,
        recorder TEXT,
        superior_attendees TEXT,
        plan_text TEXT,
        plan_reported_on TEXT,
        report_text TEXT,
        report_sent_on TEXT,
        upper_comments TEXT,
        opinions_fed_back_on TEXT,
        held_done INTEGER NOT NULL DEFAULT 0 CHECK (held_done IN (0, 1)),
        created_at TEXT NOT NULL,
        CHECK ((kind = 'branch') = (unit_id IS NOT NULL))
      );

      CREATE TABLE meeting_person (
        id INTEGER PRIMARY KEY,
        meeting_id INTEGER NOT NULL REFERENCES meeting(id),
        name TEXT NOT NULL CHECK (length(trim(name)) > 0),
        role TEXT NOT NULL CHECK (role IN ('principal', 'member', 'full', 'probationary')),
        title TEXT,
        member_id INTEGER REFERENCES member(id),
        division_heads TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(division_heads) AND json_type(division_heads) = 'array'),
        sort_order INTEGER NOT NULL DEFAULT 0,
        present INTEGER NOT NULL DEFAULT 1 CHECK (present IN (0, 1)),
        absence_reason TEXT,
        UNIQUE (meeting_id, name)
      );

      CREATE TABLE meeting_study (
        id INTEGER PRIMARY KEY,
        meeting_id INTEGER NOT NULL REFERENCES meeting(id),
        held_on TEXT NOT NULL,
        content TEXT NOT NULL,
        attendance TEXT
      );

      CREATE TABLE meeting_opinion (
        id INTEGER PRIMARY KEY,
        meeting_id INTEGER NOT NULL REFERENCES meeting(id),
        source TEXT NOT NULL,
        text TEXT NOT NULL CHECK (length(trim(text)) > 0),
        category TEXT NOT NULL,
        concerns TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(concerns) AND json_type(concerns) = 'array')
      );

      CREATE TABLE meeting_talk (
        id INTEGER PRIMARY KEY,
        meeting_id INTEGER NOT NULL REFERENCES meeting(id),
        a TEXT NOT NULL,
        b TEXT NOT NULL,
        held_on TEXT NOT NULL,
        record TEXT,
        CHECK (a <> b)
      );

      -- 对照检查材料: person_id NULL is the team's.
      CREATE TABLE meeting_material (
        id INTEGER PRIMARY KEY,
        meeting_id INTEGER NOT NULL REFERENCES meeting(id),
        person_id INTEGER REFERENCES meeting_person(id),
        problems TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(problems) AND json_type(problems) = 'array'),
        causes TEXT,
        measures TEXT,
        status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'reviewed', 'final')),
        reviewed_by TEXT,
        reviewed_on TEXT,
        updated_at TEXT NOT NULL
      );
      CREATE UNIQUE INDEX meeting_material_owner ON meeting_material (meeting_id, coalesce(person_id, 0));

      -- 会议记录: one speech per person, in order; criticisms received as JSON [{fromPersonId, text}].
      CREATE TABLE meeting_speech (
        id INTEGER PRIMARY KEY,
        meeting_id INTEGER NOT NULL REFERENCES meeting(id),
        person_id INTEGER NOT NULL REFERENCES meeting_person(id),
        sort_order INTEGER NOT NULL,
        self_criticism TEXT,
        criticisms TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(criticisms) AND json_type(criticisms) = 'array'),
        response TEXT,
        UNIQUE (meeting_id, person_id)
      );

      CREATE TABLE meeting_rectification (
        id INTEGER PRIMARY KEY,
        meeting_id INTEGER NOT NULL REFERENCES meeting(id),
        problem TEXT NOT NULL CHECK (length(trim(problem)) > 0),
        measures TEXT NOT NULL,
        responsible TEXT NOT NULL,
        deadline TEXT NOT NULL,
        progress TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(progress) AND json_type(progress) = 'array'),
        evidence TEXT,
        closed_on TEXT,
        carried_from_id INTEGER REFERENCES meeting_rectification(id),
        created_at TEXT NOT NULL
      );
      CREATE UNIQUE INDEX meeting_rectification_carried ON meeting_rectification (meeting_id, carried_from_id) WHERE carried_from_id IS NOT NULL;

      -- 民主评议党员
      CREATE TABLE meeting_appraisal (
        id INTEGER PRIMARY KEY,
        meeting_id INTEGER NOT NULL REFERENCES meeting(id),
        person_id INTEGER NOT NULL UNIQUE REFERENCES meeting_person(id),
        self_appraisal TEXT,
        peer_appraisal TEXT,
        grade TEXT CHECK (grade IS NULL OR grade IN ('excellent', 'qualified', 'basic', 'unqualified'))
      );
    `,
} satisfies Migration;
