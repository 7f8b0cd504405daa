import type { Settings } from '../../shared/contract';
import type { Db } from '../db/open';
import { settingStore } from './setting-store';

export const DEFAULT_SETTINGS: Settings = {
  termWarningDays: 60,
  idleLockMinutes: 15,
  probationEndConvention: 'anniversary',
  importRowLimit: 100_000,
};

// Only the settings proper are read back: the table also keeps the custody record (below).
const store = settingStore<Settings>('settings', DEFAULT_SETTINGS);

export function getSettings(db: Db): Settings {
  return store.get(db);
}

export function updateSettings(db: Db, next: Partial<Settings>): Settings {
  return store.write(db, next);
}

/**
 * 设置密码, 修改密码, 立即备份 and 导出到U盘 touch no table (the keyring, a backup file, a file on
 * the stick), so the audit triggers would never see them. Each keeps its latest occurrence as a
 * row here, which the triggers record like any change: who, when, and what (the backup's name,
 * the file written). Not a setting: getSettings leaves these keys out.
 */
export type CustodyRecordKey =
  | 'passwordSet'
  | 'passwordChanged'
  | 'recoveryReset'
  | 'recoveryCodeReplaced'
  | 'keysRestored'
  | 'manualBackup'
  | 'usbExport';

export function recordCustodyAction(db: Db, key: CustodyRecordKey, value: string): void {
  db.prepare(
    `INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
  ).run(key, JSON.stringify(value));
}
