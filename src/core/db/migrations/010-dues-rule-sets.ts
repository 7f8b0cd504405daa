import type { Migration } from './migration';

/** Version 9 → 10. Shipped: never edit; add a new migration instead. */
export default {
  description:
    'dues: rule sets the office adds from a month on (rates, brackets, flat amounts, cap); each assessment row records the first month of the set it used',
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
} satisfies Migration;
