import type { Migration } from './migration';

/** Version 8 → 9. Shipped: never edit; add a new migration instead. */
export default {
  description:
    "dues: the year's live payments indexed with their amounts, so the ledger sums them without reading the payment rows",
  sql: `
      -- Covers the ledger's and the notice's "what was paid for each month of the year" (reports.ts yearLines).
      CREATE INDEX dues_payment_paid ON dues_payment (month, member_id, paid_fen) WHERE voided_on IS NULL;
    `,
} satisfies Migration;
