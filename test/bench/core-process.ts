/**
 * The core in its own process (issue 13): what the UI side's process (the desktop app's main,
 * browser mode's server) suffers while a 10,000-row import runs — the longest stall of its event
 * loop, target under 50 ms — beside the same import with the core in the same process (as before:
 * the bare cost the split removes); and what the process boundary costs per call (median), beside
 * a direct call and loopback HTTP. The stall is also given for this process idling as long: on a
 * loaded machine a process is now and then not scheduled for tens of ms, import or no import.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { inProcessCore, type CoreConnection } from '../../src/core/connection';
import { createHandlers } from '../../src/core/handlers';
import { Workspace } from '../../src/core/workspace';
import { startWebServer } from '../../src/web/server';
import { rosterMembers, rosterWorkbook } from '../support/big-roster';
import { bundled, removeBundles } from '../support/bundle';

const COUNT = 10_000;
const BRANCHES = Array.from({ length: 20 }, (_, i) => `第${i + 1}党支部`);
const SETUP = {
  organName: '某某市财政局',
  committeeKind: 'committee' as const,
  committeeName: '中共某某市财政局机关委员会',
  superiorName: '中共某某市直属机关工作委员会',
  branches: BRANCHES,
};

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

async function call(core: CoreConnection, channel: string, input: unknown): Promise<void> {
  const result = await core.invoke(channel, input);
  if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
}

/** Preview and commit of the workbook, with this process's event loop watched throughout. */
async function importWatched(core: CoreConnection, base64: string): Promise<{ seconds: number; stallMs: number }> {
  const choices = { file: { fileName: '花名册.xlsx', base64 }, mapping: null, unitMapping: [] };
  const loop = monitorEventLoopDelay({ resolution: 5 });
  loop.enable();
  const began = performance.now();
  await call(core, 'roster.importPreview', choices);
  await call(core, 'roster.importCommit', { ...choices, skipRows: [] });
  const seconds = (performance.now() - began) / 1000;
  loop.disable();
  return { seconds, stallMs: loop.max / 1e6 };
}

async function perCall(core: CoreConnection, times = 200): Promise<number> {
  const spent: number[] = [];
  for (let i = 0; i < times; i++) {
    const t = performance.now();
    await call(core, 'org.units', {});
    spent.push(performance.now() - t);
  }
  return median(spent);
}

export async function coreProcessBench(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'party-office-bench-core-'));
  try {
    console.log(`\n核心进程 — the core in its own process, ${COUNT.toLocaleString('en-US')}-row import`);
    const base64 = Buffer.from(await rosterWorkbook(rosterMembers(COUNT, BRANCHES))).toString('base64');

    // Before: the core in this process.
    const sameDir = path.join(dir, 'same');
    const ws = new Workspace({ dataDir: sameDir, via: 'test' });
    const same = inProcessCore((tasks) => createHandlers(ws, { tasks }));
    await call(same, 'organ.setup', SETUP);
    const inProcess = await importWatched(same, base64);
    const direct = await perCall(same);
    const server = await startWebServer({ core: same, staticDir: dir });
    const http = await perCall({
      invoke: async (channel, input) =>
        (await (
          await fetch(`http://127.0.0.1:${server.port}/api/invoke`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${server.token}` },
            body: JSON.stringify({ channel, input }),
          })
        ).json()) as never,
      onEvent: () => () => undefined,
    });
    await server.close();
    ws.close();

    // Now: the core in a child process behind the message protocol, as browser mode runs it, from
    // a fresh UI-side process (core-host.ts) whose heap holds no generated workbook.
    const workbookFile = path.join(dir, '花名册.xlsx');
    fs.writeFileSync(workbookFile, Buffer.from(base64, 'base64'));
    const run = spawnSync(
      process.execPath,
      [
        bundled('test/bench/core-host.ts'),
        bundled('src/web/main.ts'),
        path.join(dir, 'split'),
        workbookFile,
        JSON.stringify(SETUP),
      ],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
    );
    if (run.status !== 0) throw new Error(`core host failed (${run.status})`);
    const split = JSON.parse(run.stdout.trim().split('\n').at(-1)!) as {
      seconds: number;
      stallMs: number;
      idleStallMs: number;
      perCallMs: number;
    };

    const ms = (n: number) => `${n.toFixed(n < 10 ? 2 : 0)} ms`;
    console.log(
      `UI-side stall during the import (longest event-loop delay), core in its own process: ${ms(split.stallMs)} (target < 50 ms; import ${split.seconds.toFixed(2)} s)`,
    );
    console.log(
      `  bare: the same import with the core in the UI's process (before):                 ${ms(inProcess.stallMs)} (import ${inProcess.seconds.toFixed(2)} s)`,
    );
    console.log(
      `  bare: that process idle for as long, on this machine (load ${os.loadavg()[0]!.toFixed(1)}):              ${ms(split.idleStallMs)}`,
    );
    console.log(`org.units across the process boundary (median of 200): ${ms(split.perCallMs)}`);
    console.log(`  beside: direct call ${ms(direct)}, loopback HTTP to an in-process core ${ms(http)}`);
  } finally {
    removeBundles();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
