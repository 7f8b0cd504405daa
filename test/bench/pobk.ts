/**
 * USB file (.pobk) figures (issue 11, item 6): the peak memory of importing the worst files —
 * 1.5 GB with our signature and header and nothing right after (the case that took 1.7 GB when
 * files were read whole), /dev/zero, 5 GB — and a real export of 10,000 members, each in its own
 * process, target < 300 MB; beside the bare costs: Node with the app's modules loaded and doing
 * nothing, and the same file streamed through SHA-256 by plain Node.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildSync } from 'esbuild';
import { directInvoke } from '../../src/core/dispatch';
import { createHandlers } from '../../src/core/handlers';
import { Workspace } from '../../src/core/workspace';
import { rosterMembers, rosterWorkbook } from '../support/big-roster';

const PASSPHRASE = '基准测试口令2026';
const SETUP = {
  organName: '某某局',
  committeeKind: 'committee' as const,
  committeeName: '中共某某局机关委员会',
  superiorName: '市直机关工委',
  branches: Array.from({ length: 20 }, (_, i) => `第${i + 1}党支部`),
};

interface Run {
  outcome: string;
  seconds: number;
  peakMb: number;
}

export async function pobkBench(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'party-office-bench-pobk-'));
  try {
    console.log('\nU盘数据文件（.pobk）导入 — 每种文件一个进程，峰值内存');
    const core = path.join(import.meta.dirname, '../../node_modules/.cache/party-office-bench/pobk-core.mjs');
    buildSync({
      entryPoints: [path.join(import.meta.dirname, 'pobk-core.ts')],
      bundle: true,
      platform: 'node',
      format: 'esm',
      packages: 'external',
      outfile: core,
      logLevel: 'warning',
    });
    let runs = 0;
    const run = async (mode: string, file: string, organ: boolean): Promise<Run> => {
      const dataDir = path.join(dir, `app${(runs += 1)}`);
      if (organ) {
        // The receiving organ, set up beforehand so that its making is not measured.
        const ws = new Workspace({ dataDir, via: 'test' });
        await directInvoke(createHandlers(ws))('organ.setup', SETUP);
        ws.close();
      }
      const child = spawnSync(process.execPath, ['--max-semi-space-size=16', core, mode, file, dataDir], {
        encoding: 'utf8',
        env: { ...process.env, PARTY_OFFICE_PASSPHRASE: PASSPHRASE },
      });
      if (child.status !== 0) throw new Error(child.stderr);
      return JSON.parse(child.stdout.trim().split('\n').pop()!) as Run;
    };
    const bareLoad = await run('bare-load', '', false);

    // A real export: 10,000 members imported into an organ, then written to a .pobk.
    const source = new Workspace({ dataDir: path.join(dir, 'source'), via: 'test' });
    const api = directInvoke(createHandlers(source));
    await api('organ.setup', SETUP);
    const base64 = Buffer.from(await rosterWorkbook(rosterMembers(10_000, SETUP.branches))).toString('base64');
    await api('roster.importCommit', { file: { fileName: '花名册.xlsx', base64 }, skipRows: [] });
    const real = (await api('backup.export', { passphrase: PASSPHRASE, target: path.join(dir, '一万人.pobk') })).file;
    source.close();

    const zeros = path.join(dir, '一个半G.pobk');
    const head = fs.readFileSync(real).subarray(0, 12 + fs.readFileSync(real).readUInt32BE(8));
    fs.writeFileSync(zeros, head);
    fs.truncateSync(zeros, 1.5 * 1024 ** 3); // sparse: our signature and header, then zeros
    const huge = path.join(dir, '五个G.pobk');
    fs.writeFileSync(huge, head);
    fs.truncateSync(huge, 5 * 1024 ** 3);

    const size = (file: string) => `${(fs.statSync(file).size / 1024 ** 2).toFixed(0)} MB`;
    // [label, file, read through?] — the last two are refused before a byte is read.
    const cases: [string, string, boolean][] = [
      [`a real export, 10,000 members (${size(real)})`, real, true],
      ['1.5 GB, our signature and header, then zeros', zeros, true],
      ['/dev/zero', '/dev/zero', false],
      ['5 GB (over the 4 GB cap)', huge, false],
    ];
    for (const [label, file, read] of cases) {
      const measured = await run('import', file, true);
      const hashed = read ? await run('bare-hash', file, false) : null;
      const outcome = measured.outcome.replace(/^refused: “[^”]*”/, 'refused: ').slice(0, 46);
      console.log(
        `${label.padEnd(46)} ${outcome.padEnd(48)} ${measured.seconds.toFixed(1)} s, peak rss ${measured.peakMb} MB (target < 300 MB)` +
          `; bare: streamed SHA-256 ${hashed ? `${hashed.seconds.toFixed(1)} s, ${hashed.peakMb} MB` : '—'}`,
      );
    }
    console.log(`  bare cost: Node with the app's modules loaded, doing nothing: peak rss ${bareLoad.peakMb} MB`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
