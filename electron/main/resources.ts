import path from 'node:path';

/**
 * Files the installed app keeps beside app.asar (process.resourcesPath), put there by
 * electron-builder.config.cjs's extraResources under these names:
 * - the one SQLite addon for this system: from resources/addons/linux-<arch>/ (built against glibc
 *   2.28 by scripts/build-addons.mjs) or the package's win32-x64 prebuild;
 * - the window icon (Linux window managers take it from the window, not from the executable).
 */
export const SHIPPED = { sqliteAddon: 'addons/better_sqlite3.node', windowIcon: 'icon.png' } as const;

export function shippedFile(resourcesPath: string, name: keyof typeof SHIPPED): string {
  return path.join(resourcesPath, ...SHIPPED[name].split('/'));
}

/** The window icon: the shipped copy when packaged, else the source PNG (npm start runs from out/main). */
export function windowIconPath(packaged: boolean, resourcesPath: string, mainDir: string): string {
  return packaged
    ? shippedFile(resourcesPath, 'windowIcon')
    : path.join(mainDir, '..', '..', 'resources', 'icons', '256x256.png');
}
