import type { Sqlite } from './sqlite';

/** An open data file. Apart from open.ts so that what open.ts calls (the key, the audit triggers and hash) can name it without a cycle. */
export type Db = Sqlite;
