/** One hash over better-sqlite3-multiple-ciphers' addon and SQLite sources in `dir` (the package folder). */
export function sourcesSha256(dir: string): string;
