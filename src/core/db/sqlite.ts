import BetterSqlite from 'better-sqlite3-multiple-ciphers';

/** A connection to an SQLite file (SQLite3 Multiple Ciphers, through better-sqlite3's API). */
export type Sqlite = BetterSqlite.Database;
export type SqliteOptions = Omit<BetterSqlite.Options, 'nativeBinding'>;

/**
 * The addon file the installed app loads instead of the package's own prebuild: the desktop app
 * sets it to the one addon it ships for its system (resources/addons, built against glibc 2.28 on
 * Linux, where the package's prebuilds need glibc 2.34 and would not load on 麒麟/UOS). Unset, as
 * in development, browser mode and the CLI from the repository, the package finds its prebuild.
 * Read at every open, so a core started in another process inherits it with the environment.
 */
export const SQLITE_ADDON_ENV = 'PARTY_OFFICE_SQLITE_ADDON';

/** Every SQLite connection of the app is opened here, so each one uses the shipped addon. */
export function openSqlite(file: string, options: SqliteOptions = {}): Sqlite {
  const addon = process.env[SQLITE_ADDON_ENV];
  return new BetterSqlite(file, addon ? { ...options, nativeBinding: addon } : options);
}
