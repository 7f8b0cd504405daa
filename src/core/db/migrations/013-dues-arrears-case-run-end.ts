import type { Migration } from './migration';

/** Version 12 → 13. Shipped: never edit; add a new migration instead. */
export default {
  description: 'dues: a decision about arrears keeps the run it was about, first and last month',
  sql: `
      -- The run as it stood when the branch decided: the decision still applies when some of its
      -- months are paid back later (the rest are the same arrears) or when the run grows. Rows
      -- recorded before keep NULL and apply to the run containing their first month.
      ALTER TABLE dues_arrears_case ADD COLUMN streak_to TEXT
        CHECK (streak_to IS NULL OR (streak_to GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]' AND streak_to >= streak_from));
    `,
} satisfies Migration;
