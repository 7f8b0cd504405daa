import type { Settings } from '../../shared/contract';
import type { Db } from '../db/open';

export const DEFAULT_SETTINGS: Settings = {
  termWarningDays: 60,
  idleLockMinutes: 15,
  probationEndConvention: 'anniversary',
};

export function getSettings(db: Db): Settings {
  const rows = db.prepare(`SELECT key, value FROM settings`).all() as { key: string; value: string }[];
  const stored = Object.fromEntries(rows.map((r) => [r.key, JSON.parse(r.value) as unknown]));
  return { ...DEFAULT_SETTINGS, ...(stored as Partial<Settings>) };
}

export function updateSettings(db: Db, next: Partial<Settings>): Settings {
  const upsert = db.prepare(
    `INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
  );
  db.transaction(() => {
    for (const [key, value] of Object.entries(next)) if (value !== undefined) upsert.run(key, JSON.stringify(value));
  })();
  return getSettings(db);
}
