import type { Db } from '../db/open';

/**
 * A module's settings as key/value rows (value as JSON) in an audited table of its own — the
 * organ's `settings`, `dues_setting`, `duty_setting`, `meeting_setting` … — read over the
 * module's defaults. One implementation, so every module reads and writes settings the same way:
 * unknown keys in the table are ignored (another module's, or the custody record kept in
 * `settings`), a key left undefined in a change is left as it is, and a change is all or nothing.
 */
export interface SettingStore<T extends object> {
  get(db: Db): T;
  /** Writes the keys given (undefined ones are skipped), in one transaction, and reads back the whole. */
  write(db: Db, change: Partial<T>): T;
}

export function settingStore<T extends object>(table: string, defaults: T): SettingStore<T> {
  const store: SettingStore<T> = {
    get(db) {
      const rows = db.prepare(`SELECT key, value FROM ${table}`).all() as { key: string; value: string }[];
      const stored: Record<string, unknown> = {};
      for (const r of rows) if (r.key in defaults) stored[r.key] = JSON.parse(r.value) as unknown;
      return { ...defaults, ...(stored as Partial<T>) };
    },
    write(db, change) {
      const upsert = db.prepare(
        `INSERT INTO ${table} (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
      );
      db.transaction(() => {
        for (const [key, value] of Object.entries(change))
          if (value !== undefined) upsert.run(key, JSON.stringify(value));
      })();
      return store.get(db);
    },
  };
  return store;
}
