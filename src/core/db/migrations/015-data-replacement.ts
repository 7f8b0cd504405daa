import type { Migration } from './migration';

/** Version 14 → 15. Shipped: never edit; add a new migration instead. */
export default {
  description:
    'custody: a row for every time the data file was replaced (import, restore, recovery), written into the incoming file before it goes in, so the audit log records its own gaps',
  sql: `
      -- Written into the file that takes the data's place, before the rename, so the entry (and
      -- its audit row) is in the new log from its first moment. The replaced log is named by its
      -- length and the hash of its last entry (which the chain makes depend on every entry before
      -- it); common_entries is how many entries the two logs share from the start, so
      -- dropped_entries are the replaced log's entries the new log does not have: they are in
      -- safety_backup, the backup of the data as it was. NULL counts: the replaced file could not
      -- be read (a damaged file).
      CREATE TABLE data_replacement (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('import', 'restore', 'recovery')),
        replaced_at TEXT NOT NULL,
        source TEXT NOT NULL,
        safety_backup TEXT,
        replaced_entries INTEGER,
        replaced_head TEXT,
        incoming_entries INTEGER NOT NULL,
        common_entries INTEGER,
        dropped_entries INTEGER,
        incoming_broken_at INTEGER
      );
    `,
} satisfies Migration;
