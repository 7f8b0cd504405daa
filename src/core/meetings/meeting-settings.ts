import { DEFAULT_MEETING_SETTINGS, type MeetingSettings } from '../../shared/meetings/rules';
import type { Db } from '../db/open';
import { settingStore } from '../services/setting-store';

const settingsStore = settingStore<MeetingSettings>('meeting_setting', DEFAULT_MEETING_SETTINGS);

export function getMeetingSettings(db: Db): MeetingSettings {
  return settingsStore.get(db);
}

export function writeMeetingSettings(db: Db, next: MeetingSettings): MeetingSettings {
  return settingsStore.write(db, next);
}

/* ---------- rows ---------- */
