import type { Migration } from './migration';

/** Version 13 → 14. Shipped: never edit; add a new migration instead. */
export default {
  description: 'drafts of long texts, kept as they are typed',
  sql: `
      -- Long texts (方案, 情况报告, 对照检查材料, 述责述廉) as they are typed, until saved or discarded:
      -- switching tab or page, closing the window or a crash never loses them. A draft is not a
      -- record — saving it is, and that is what the 操作记录 shows — so this table has no audit
      -- triggers (audit-triggers.ts). base: the saved text the draft was started from.
      CREATE TABLE text_draft (
        key TEXT PRIMARY KEY CHECK (length(key) BETWEEN 1 AND 200),
        text TEXT NOT NULL,
        base TEXT,
        updated_at TEXT NOT NULL
      );
    `,
} satisfies Migration;
