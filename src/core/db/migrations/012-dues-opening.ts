import type { Migration } from './migration';

/** Version 11 → 12. Shipped: never edit; add a new migration instead. */
export default {
  description:
    'dues: the opening position, "党费已交至×月" when the app took over the record, for the organ and for members who were behind',
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
} satisfies Migration;
