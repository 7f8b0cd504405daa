import { DEFAULT_DUES_SETTINGS, type DuesSettings, type DuesSettingsInput } from '../../shared/dues/settings';
import type { Db } from '../db/open';

/** The organ's dues settings, kept in their own audited table beside the general settings. */
export function getDuesSettings(db: Db): DuesSettings {
  const rows = db.prepare(`SELECT key, value FROM dues_setting`).all() as { key: string; value: string }[];
  const stored: Partial<Record<keyof DuesSettings, unknown>> = {};
  for (const r of rows)
    if (r.key in DEFAULT_DUES_SETTINGS) stored[r.key as keyof DuesSettings] = JSON.parse(r.value) as unknown;
  return { ...DEFAULT_DUES_SETTINGS, ...(stored as Partial<DuesSettings>) };
}

export function writeDuesSettings(db: Db, next: DuesSettingsInput): void {
  const upsert = db.prepare(
    `INSERT INTO dues_setting (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
  );
  for (const [key, value] of Object.entries(next)) if (value !== undefined) upsert.run(key, JSON.stringify(value));
}
