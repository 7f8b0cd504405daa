import type { Migration } from './migration';

/** Version 2 → 3. Shipped: never edit; add a new migration instead. */
export default {
  description:
    'party dues: settings, yearly assessments with adjustments, payments, voluntary and large dues, fund movements, arrears decisions',
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
} satisfies Migration;
