import type { Migration } from './migration';

/** Version 15 → 16. Shipped: never edit; add a new migration instead. */
export default {
  description:
    'roster: 奖惩 on the member — 表彰 and the disciplinary measures short of 开除党籍 (警告, 严重警告, 撤销党内职务, 留党察看 with its period), each with the deciding body and 文号; 开除党籍 stays the 出党 event',
  sql: `
      -- Dated decisions about a member. 留党察看 carries its period (党章: at most two years), from
      -- which the loss of 表决权、选举权和被选举权 is judged; the other kinds carry none. A wrong
      -- entry is voided with a reason, never deleted, as members are.
      CREATE TABLE member_decision (
        id INTEGER PRIMARY KEY,
        member_id INTEGER NOT NULL REFERENCES member(id),
        kind TEXT NOT NULL CHECK (kind IN ('commendation', 'warning', 'seriousWarning', 'postRemoved', 'probation')),
        decided_on TEXT NOT NULL,
        decided_by TEXT NOT NULL CHECK (length(trim(decided_by)) > 0),
        document_no TEXT,
        probation_years INTEGER CHECK (probation_years IN (1, 2)),
        reason TEXT,
        voided_on TEXT,
        void_reason TEXT,
        created_at TEXT NOT NULL,
        CHECK ((kind = 'probation') = (probation_years IS NOT NULL))
      );
      CREATE INDEX member_decision_member ON member_decision (member_id, decided_on);
    `,
} satisfies Migration;
