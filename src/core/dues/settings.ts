import { DEFAULT_DUES_SETTINGS, type DuesSettings, type DuesSettingsInput } from '../../shared/dues/settings';
import type { Db } from '../db/open';
import { settingStore } from '../services/setting-store';

/** The organ's dues settings, kept in their own audited table beside the general settings. */
const store = settingStore<DuesSettings>('dues_setting', DEFAULT_DUES_SETTINGS);

export function getDuesSettings(db: Db): DuesSettings {
  return store.get(db);
}

export function writeDuesSettings(db: Db, next: DuesSettingsInput): void {
  store.write(db, next);
}
