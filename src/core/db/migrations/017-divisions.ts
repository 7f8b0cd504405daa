import type { Migration } from './migration';

/** Version 16 → 17. Shipped: never edit; add a new migration instead. */
export default {
  description:
    "organ: the organ's 处室/部门 list; a member's 处室 beside the 党支部 (branches and 处室 do not always match); a 一岗双责 班子成员's 分管处室 linked to the list, the earlier free text kept",
  sql: `
      -- The organ's own 处室 (not party units: a 党支部 may span several, a 处室 may hold members of
      -- two branches). Dissolved on a date, never deleted once used, as units are; a name is unique
      -- among those not dissolved.
      CREATE TABLE division (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL CHECK (length(trim(name)) > 0),
        sort_order INTEGER NOT NULL DEFAULT 0,
        dissolved_on TEXT,
        created_at TEXT NOT NULL
      );
      CREATE UNIQUE INDEX division_live_name ON division (name) WHERE dissolved_on IS NULL;

      -- Set from the member form only: the roster import does not carry it, so a re-import keeps it.
      ALTER TABLE member ADD COLUMN division_id INTEGER REFERENCES division(id);
      CREATE INDEX member_division ON member (division_id);

      -- 分管处室 as links; duty_leader.divisions keeps what was typed before (and names not on the
      -- list), shown beside the links.
      CREATE TABLE duty_leader_division (
        leader_id INTEGER NOT NULL REFERENCES duty_leader(id),
        division_id INTEGER NOT NULL REFERENCES division(id),
        PRIMARY KEY (leader_id, division_id)
      );
    `,
} satisfies Migration;
