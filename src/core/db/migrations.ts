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
  {
    description: 'party dues: settings, yearly assessments with adjustments, payments, voluntary and large dues, fund movements, arrears decisions',
    sql: `
      CREATE TABLE dues_setting (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      );

      -- 年度核定: one row per assessed year. Locking fixes every member's original terms made up to
      -- locked_at (one change, not one per member); members who arrive later are assessed and then
      -- locked in their turn by locking again.
      CREATE TABLE dues_year (
        year INTEGER PRIMARY KEY CHECK (year BETWEEN 2000 AND 2999),
        locked_on TEXT,
        locked_by TEXT,
        locked_at TEXT,
        rounding TEXT,
        created_at TEXT NOT NULL,
        CHECK ((locked_on IS NULL) = (locked_by IS NULL) AND (locked_on IS NULL) = (locked_at IS NULL))
      );

      -- A member's terms for a year: the original (reason IS NULL, from January) and adjustments
      -- from a month on (with a reason). The amount and its working are stored as computed, so a
      -- locked year keeps them whatever the rules or settings become later.
      CREATE TABLE dues_assessment (
        id INTEGER PRIMARY KEY,
        year INTEGER NOT NULL REFERENCES dues_year(year),
        member_id INTEGER NOT NULL REFERENCES member(id),
        effective_from TEXT NOT NULL CHECK (effective_from GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]'),
        category TEXT NOT NULL CHECK (category IN ('employed', 'retired', 'annualSalary', 'selfEmployed', 'farmer', 'student', 'unemployed', 'relief', 'subsistence', 'hardship')),
        base_fen INTEGER CHECK (base_fen IS NULL OR base_fen >= 0),
        base_source TEXT CHECK (base_source IS NULL OR base_source IN ('typed', 'payroll', 'carried')),
        base_working TEXT,
        chosen_fen INTEGER CHECK (chosen_fen IS NULL OR chosen_fen >= 0),
        above_cap INTEGER NOT NULL DEFAULT 0 CHECK (above_cap IN (0, 1)),
        approval_body TEXT,
        approval_document_no TEXT,
        approval_on TEXT,
        amount_fen INTEGER CHECK (amount_fen IS NULL OR amount_fen >= 0),
        rule_set TEXT,
        rate_bp INTEGER,
        standard TEXT,
        explanation TEXT,
        capped INTEGER NOT NULL DEFAULT 0 CHECK (capped IN (0, 1)),
        problem TEXT,
        start_month TEXT CHECK (start_month IS NULL OR (reason IS NULL AND substr(start_month, 1, 4) = printf('%04d', year))),
        reason TEXT,
        note TEXT,
        created_at TEXT NOT NULL,
        CHECK (substr(effective_from, 1, 4) = printf('%04d', year)),
        CHECK (reason IS NOT NULL OR effective_from = printf('%04d-01', year)),
        CHECK ((amount_fen IS NULL) = (problem IS NOT NULL)),
        CHECK (category <> 'hardship' OR amount_fen IS NULL OR (approval_body IS NOT NULL AND approval_on IS NOT NULL))
      );
      CREATE UNIQUE INDEX dues_assessment_original ON dues_assessment (year, member_id) WHERE reason IS NULL;
      CREATE INDEX dues_assessment_member ON dues_assessment (member_id, year, effective_from);

      -- One payment per member and month; a wrong entry is voided with a reason, never deleted.
      CREATE TABLE dues_payment (
        id INTEGER PRIMARY KEY,
        member_id INTEGER NOT NULL REFERENCES member(id),
        month TEXT NOT NULL CHECK (month GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]'),
        due_fen INTEGER NOT NULL CHECK (due_fen >= 0),
        paid_fen INTEGER NOT NULL CHECK (paid_fen >= 0),
        paid_on TEXT NOT NULL CHECK (paid_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
        receipt_no TEXT,
        paid_by TEXT,
        reason TEXT,
        note TEXT,
        voided_on TEXT,
        void_reason TEXT,
        created_at TEXT NOT NULL,
        CHECK (paid_fen = due_fen OR reason IS NOT NULL),
        CHECK ((voided_on IS NULL) = (void_reason IS NULL))
      );
      CREATE UNIQUE INDEX dues_payment_member_month ON dues_payment (member_id, month) WHERE voided_on IS NULL;
      CREATE INDEX dues_payment_month ON dues_payment (month);

      -- 上缴, 下拨, 支出 and the opening balance; an expenditure names the collective decision behind it.
      CREATE TABLE dues_fund (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('opening', 'remittance', 'largeRemittance', 'allocation', 'expenditure')),
        on_date TEXT NOT NULL CHECK (on_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
        amount_fen INTEGER NOT NULL CHECK (amount_fen >= 0),
        dues_year INTEGER,
        counterpart TEXT,
        document_no TEXT,
        purpose TEXT CHECK (purpose IS NULL OR purpose IN ('training', 'materials', 'commendation', 'hardship', 'disaster', 'other')),
        description TEXT,
        decision_body TEXT,
        decision_on TEXT,
        decision_ref TEXT,
        note TEXT,
        voided_on TEXT,
        void_reason TEXT,
        created_at TEXT NOT NULL,
        CHECK (kind <> 'expenditure' OR (purpose IS NOT NULL AND description IS NOT NULL AND decision_body IS NOT NULL AND decision_on IS NOT NULL)),
        CHECK (purpose IS NOT 'other' OR note IS NOT NULL),
        CHECK ((voided_on IS NULL) = (void_reason IS NULL))
      );
      CREATE INDEX dues_fund_date ON dues_fund (on_date);

      -- 自愿多交; large = a one-off 大额党费, remitted whole to 中央 through a largeRemittance.
      CREATE TABLE dues_voluntary (
        id INTEGER PRIMARY KEY,
        member_id INTEGER NOT NULL REFERENCES member(id),
        paid_on TEXT NOT NULL CHECK (paid_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
        amount_fen INTEGER NOT NULL CHECK (amount_fen > 0),
        large INTEGER NOT NULL CHECK (large IN (0, 1)),
        receipt_no TEXT,
        profile TEXT,
        note TEXT,
        remittance_id INTEGER REFERENCES dues_fund(id),
        voided_on TEXT,
        void_reason TEXT,
        created_at TEXT NOT NULL,
        CHECK (remittance_id IS NULL OR large = 1),
        CHECK ((voided_on IS NULL) = (void_reason IS NULL))
      );
      CREATE INDEX dues_voluntary_member ON dues_voluntary (member_id);

      -- What the branch decided about six months of arrears; the app never decides.
      CREATE TABLE dues_arrears_case (
        id INTEGER PRIMARY KEY,
        member_id INTEGER NOT NULL REFERENCES member(id),
        streak_from TEXT NOT NULL CHECK (streak_from GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]'),
        decision TEXT NOT NULL CHECK (decision IN ('justified', 'deadline', 'proposedLapse')),
        decided_on TEXT NOT NULL,
        decided_by TEXT NOT NULL,
        deadline TEXT,
        note TEXT,
        created_at TEXT NOT NULL,
        CHECK (decision <> 'deadline' OR deadline IS NOT NULL)
      );
      CREATE INDEX dues_arrears_case_member ON dues_arrears_case (member_id, streak_from);
    `,
  },
  {
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
  },
  {
    description: '一岗双责: leadership team by year, responsibility lists, duty records with talks and evidence files, letters, year-end reports',
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
  },
  {
    description: '民主生活会 and 组织生活会: meetings with their people, study, opinions, talks, self-examination materials, minutes, rectification items and member appraisal',
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
  },
  {
    description: 'audit log sealed as it is written: each entry carries its hash from the start, so no entry is ever updated',
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
  },
  {
    description: 'meetings: why a 专题民主生活会 was called; who attended each study session, with absentees and reasons',
    sql: `
      -- Reference §2 names the occasions that oblige a 专题民主生活会; the plan and report say which.
      ALTER TABLE meeting ADD COLUMN special_trigger TEXT
        CHECK (special_trigger IS NULL OR special_trigger IN ('majorProblem', 'decisionError', 'inspectionFindings', 'cases', 'other'));
      ALTER TABLE meeting ADD COLUMN special_reason TEXT;

      -- One row per person of the meeting for each study session; sessions entered before this
      -- keep their free-text attendance (meeting_study.attendance) and have no rows here.
      CREATE TABLE meeting_study_person (
        id INTEGER PRIMARY KEY,
        study_id INTEGER NOT NULL REFERENCES meeting_study(id),
        person_id INTEGER NOT NULL REFERENCES meeting_person(id),
        present INTEGER NOT NULL CHECK (present IN (0, 1)),
        absence_reason TEXT,
        UNIQUE (study_id, person_id),
        CHECK (present = 0 OR absence_reason IS NULL)
      );
    `,
  },
  {
    description: 'dues: the year\'s live payments indexed with their amounts, so the ledger sums them without reading the payment rows',
    sql: `
      -- Covers the ledger's and the notice's "what was paid for each month of the year" (reports.ts yearLines).
      CREATE INDEX dues_payment_paid ON dues_payment (month, member_id, paid_fen) WHERE voided_on IS NULL;
    `,
  },
  {
    description: 'dues: rule sets the office adds from a month on (rates, brackets, flat amounts, cap); each assessment row records the first month of the set it used',
    sql: `
      -- The sets shipped with the app stay in code (src/shared/dues/rules.ts); these follow them.
      -- A set is known by its first month, which no other set shares; one no assessment is bound
      -- to may be removed (the audit log keeps it).
      CREATE TABLE dues_rule_set (
        id INTEGER PRIMARY KEY,
        effective_from TEXT NOT NULL UNIQUE CHECK (effective_from GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]'),
        name TEXT NOT NULL UNIQUE CHECK (length(trim(name)) > 0),
        basis TEXT NOT NULL CHECK (length(trim(basis)) > 0),
        employed_brackets TEXT NOT NULL CHECK (json_valid(employed_brackets) AND json_type(employed_brackets) = 'array'),
        retired_brackets TEXT NOT NULL CHECK (json_valid(retired_brackets) AND json_type(retired_brackets) = 'array'),
        flat_fen TEXT NOT NULL CHECK (json_valid(flat_fen) AND json_type(flat_fen) = 'object'),
        farmer_min_fen INTEGER NOT NULL CHECK (farmer_min_fen >= 0),
        farmer_max_fen INTEGER NOT NULL CHECK (farmer_max_fen >= farmer_min_fen),
        monthly_cap_fen INTEGER CHECK (monthly_cap_fen IS NULL OR monthly_cap_fen > 0),
        large_voluntary_fen INTEGER NOT NULL CHECK (large_voluntary_fen > 0),
        created_at TEXT NOT NULL
      );

      ALTER TABLE dues_assessment ADD COLUMN rule_set_from TEXT
        CHECK (rule_set_from IS NULL OR rule_set_from GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]');
      -- Rows made before this step used one of the two shipped sets.
      UPDATE dues_assessment SET rule_set_from = CASE rule_set WHEN '2008' THEN '2008-04' WHEN '2017' THEN '2017-01' END;
    `,
  },
  {
    description: 'dues: one index for payments by month that also covers what the ledger sums, instead of two',
    sql: `
      -- Measured with the audit triggers in place: an index beyond the two the table had made 10,000
      -- audited inserts about 0.1 s slower (any index, not this one in particular), while widening
      -- the month index costs nothing there and still lets the ledger sum the year's paid months
      -- from the index alone.
      DROP INDEX dues_payment_paid;
      DROP INDEX dues_payment_month;
      CREATE INDEX dues_payment_month ON dues_payment (month, member_id, voided_on, paid_fen);
    `,
  },
  {
    description: 'dues: the opening position, "党费已交至×月" when the app took over the record, for the organ and for members who were behind',
    sql: `
      -- The organ's row (member_id NULL) says up to which month dues were kept on paper: the app
      -- judges from the month after (启用月份). A member's row says where that member really stood
      -- at takeover, earlier than the organ's; the months in between are arrears.
      CREATE TABLE dues_opening (
        id INTEGER PRIMARY KEY,
        member_id INTEGER UNIQUE REFERENCES member(id),
        paid_to TEXT NOT NULL CHECK (paid_to GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]'),
        note TEXT,
        created_at TEXT NOT NULL
      );
      CREATE UNIQUE INDEX dues_opening_organ ON dues_opening ((member_id IS NULL)) WHERE member_id IS NULL;
    `,
  },
];

export const LATEST_SCHEMA_VERSION = MIGRATIONS.length;
