import os from 'node:os';
import path from 'node:path';

/** The folder name under the system's per-user application-data folder. */
export const APP_FOLDER = 'party-office-workbench';
export const DATA_FILE_NAME = 'party-office.db';

/**
 * Where the data lives: PARTY_OFFICE_DATA_DIR when set (tests, offices that keep data on a
 * chosen drive), else the per-user application-data folder, the same one Electron's
 * app.getPath('appData') names, so the desktop app, browser mode and the CLI agree.
 */
export function defaultDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): string {
  const chosen = env.PARTY_OFFICE_DATA_DIR?.trim();
  if (chosen) return path.resolve(chosen);
  return path.join(appDataRoot(env, platform), APP_FOLDER);
}

function appDataRoot(env: NodeJS.ProcessEnv, platform: NodeJS.Platform): string {
  if (platform === 'win32') return env.APPDATA ?? path.join(os.homedir(), 'AppData', 'Roaming');
  if (platform === 'darwin') return path.join(os.homedir(), 'Library', 'Application Support');
  return env.XDG_CONFIG_HOME ?? path.join(os.homedir(), '.config');
}

export function dataFilePath(dataDir: string): string {
  return path.join(dataDir, DATA_FILE_NAME);
}
