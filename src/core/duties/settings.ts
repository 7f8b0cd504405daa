import { DEFAULT_DUTY_SETTINGS, type DutySettings, type DutySettingsInput } from '../../shared/duties/settings';
import type { Db } from '../db/open';

/** The organ's 一岗双责 settings, in their own audited table beside the general settings. */
export function getDutySettings(db: Db): DutySettings {
  const rows = db.prepare(`SELECT key, value FROM duty_setting`).all() as { key: string; value: string }[];
  const stored: Partial<Record<keyof DutySettings, unknown>> = {};
  for (const r of rows)
    if (r.key in DEFAULT_DUTY_SETTINGS) stored[r.key as keyof DutySettings] = JSON.parse(r.value) as unknown;
  return { ...DEFAULT_DUTY_SETTINGS, ...(stored as Partial<DutySettings>) };
}

export function writeDutySettings(db: Db, next: DutySettingsInput): DutySettings {
  const upsert = db.prepare(
    `INSERT INTO duty_setting (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
  );
  db.transaction(() => {
    for (const [key, value] of Object.entries(next)) if (value !== undefined) upsert.run(key, JSON.stringify(value));
  })();
  return getDutySettings(db);
}
