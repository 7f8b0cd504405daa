/**
 * Roster figures (issue: 10,000 members): import with full validation < 3 s, a search or filter
 * answer < 50 ms (median), export < 2 s, core memory < 300 MB; each beside its bare cost.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3-multiple-ciphers';
import { buildSync } from 'esbuild';
import ExcelJS from 'exceljs';
import { rosterMembers, rosterWorkbook } from '../support/big-roster';

const COUNT = 10_000;
const BRANCHES = Array.from({ length: 20 }, (_, i) => `第${i + 1}党支部`);

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

export async function rosterBench(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'party-office-bench-roster-'));
  try {
    console.log(`\n党员名册 — ${COUNT.toLocaleString('zh-CN')} 名党员`);
    const members = rosterMembers(COUNT, BRANCHES);
    const bytes = await rosterWorkbook(members);
    console.log(`workbook: ${(bytes.length / 1024 / 1024).toFixed(1)} MB`);

    let t = performance.now();
    const bare = new ExcelJS.Workbook();
    await bare.xlsx.load(bytes as unknown as ArrayBuffer);
    let cells = 0;
    bare.worksheets[0]!.eachRow((row) => row.eachCell(() => void cells++));
    const bareRead = performance.now() - t;

    const raw = new Database(path.join(dir, 'raw.db'));
    raw.exec(
      'CREATE TABLE m (name TEXT, gender TEXT, citizen_id TEXT, branch TEXT, admitted TEXT, full TEXT, education TEXT, phone TEXT)',
    );
    const insert = raw.prepare('INSERT INTO m VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
    t = performance.now();
    raw.transaction(() =>
      members.forEach((m) => insert.run(m.name, m.gender, m.id, m.branch, m.admitted, m.full, m.education, m.phone)),
    )();
    const bareInsert = performance.now() - t;
    raw.close();

    // The app's own work runs in a fresh process, so its memory is the core's and not this
    // generator's; bundled as the app's build bundles the core, so no TypeScript compiler is loaded.
    const workbookFile = path.join(dir, '花名册.xlsx');
    fs.writeFileSync(workbookFile, bytes);
    const core = path.join(import.meta.dirname, '../../node_modules/.cache/party-office-bench/roster-core.mjs');
    buildSync({
      entryPoints: [path.join(import.meta.dirname, 'roster-core.ts')],
      bundle: true,
      platform: 'node',
      format: 'esm',
      packages: 'external',
      outfile: core,
      logLevel: 'warning',
    });
    let runs = 0;
    const run = (v8Flags: string[], env: Record<string, string> = {}) => {
      runs += 1;
      const child = spawnSync(
        process.execPath,
        ['--expose-gc', ...v8Flags, core, workbookFile, path.join(dir, `app${runs}`)],
        { encoding: 'utf8', env: { ...process.env, ...env } },
      );
      if (child.status !== 0) throw new Error(child.stderr);
      process.stdout.write(child.stdout);
    };
    run([]);
    // Most of a peak is V8's young generation, not data: Node's V8 has no pointer compression and
    // lets it grow to two 64 MB semi-spaces. `npm run web` and `npm run cli` cap them at 16 MB
    // (package.json); Electron's V8 compresses pointers and caps them at 32 MB. Same work, each way:
    run(['--max-semi-space-size=16'], {
      BENCH_MEMORY_LABEL: 'memory as npm run web / cli run the core (16 MB semi-spaces)',
    });
    run(['--scavenger-max-new-space-capacity-mb=16'], {
      BENCH_MEMORY_LABEL: 'memory with the young generation of the desktop app (32 MB semi-spaces)',
    });
    console.log(
      `  bare cost: exceljs reading the same workbook alone ${seconds(bareRead)} (${cells.toLocaleString('zh-CN')} cells); the same rows inserted without validation or audit ${seconds(bareInsert)}`,
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
