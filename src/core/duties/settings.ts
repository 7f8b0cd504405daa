import { DEFAULT_DUTY_SETTINGS, type DutySettings, type DutySettingsInput } from '../../shared/duties/settings';
import type { Db } from '../db/open';
import { settingStore } from '../services/setting-store';

/** The organ's 一岗双责 settings, in their own audited table beside the general settings. */
const store = settingStore<DutySettings>('duty_setting', DEFAULT_DUTY_SETTINGS);

export function getDutySettings(db: Db): DutySettings {
  return store.get(db);
}

export function writeDutySettings(db: Db, next: DutySettingsInput): DutySettings {
  return store.write(db, next);
}
