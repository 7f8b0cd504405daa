/*
 * What the shipped SQLite addons were built from (scripts/build-addons.mjs writes it into
 * resources/addons/manifest.json; test/unit/sqlite-addons.test.ts compares it with the installed
 * package, so an upgrade of better-sqlite3-multiple-ciphers without a rebuild is caught).
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** One hash over the addon's and SQLite's sources, so a changed package is noticed even at one version. */
export function sourcesSha256(dir) {
  const files = ['deps/sqlite3', 'src']
    .flatMap((sub) => fs.readdirSync(path.join(dir, sub), { recursive: true }).map((f) => path.join(sub, f)))
    .filter((f) => fs.statSync(path.join(dir, f)).isFile())
    .sort();
  const hash = createHash('sha256');
  for (const f of files) hash.update(`${f.split(path.sep).join('/')}\0`).update(fs.readFileSync(path.join(dir, f)));
  return hash.digest('hex');
}
