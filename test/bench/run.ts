/**
 * `npm run bench`: prints speed figures (never asserts them; targets are read by people).
 * Later modules add their own sections here. `npm run bench -- roster dues` runs only the named
 * sections (foundation, roster, documents, dues, pobk, startup, core).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { inProcessCore } from '../../src/core/connection';
import { directInvoke } from '../../src/core/dispatch';
import { createHandlers } from '../../src/core/handlers';
import { Workspace } from '../../src/core/workspace';
import { startWebServer } from '../../src/web/server';

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

const ms = (n: number) => `${n.toFixed(2)} ms`;
const chosen = process.argv.slice(2);
const wanted = (section: string) => chosen.length === 0 || chosen.includes(section);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'party-office-bench-'));

console.log(
  `机关党务工作台 bench — node ${process.version}, ${os.cpus().length} cores, load average ${os.loadavg()[0]!.toFixed(1)}`,
);
if (wanted('foundation'))
  try {
    const ws = new Workspace({ dataDir: dir, via: 'test' });
    const api = directInvoke(createHandlers(ws));
    let t = performance.now();
    await api('organ.setup', {
      organName: '某某局',
      committeeKind: 'committee',
      committeeName: '中共某某局机关委员会',
      superiorName: '市直机关工委',
      branches: ['第一党支部'],
    });
    console.log(`first run (create file, migrate, write organ):  ${ms(performance.now() - t)}`);

    t = performance.now();
    for (let i = 0; i < 200; i++) await api('org.addUnit', { kind: 'branch', parentId: 1, name: `第${i + 2}党支部` });
    console.log(`200 branches added one by one (audited):        ${ms(performance.now() - t)}`);

    ws.close();
    t = performance.now();
    const reopened = new Workspace({ dataDir: dir, via: 'test' });
    reopened.database();
    console.log(`reopen an existing file (checks, no migration): ${ms(performance.now() - t)}`);

    const handlers = createHandlers(reopened);
    const direct = directInvoke(handlers);
    const directTimes: number[] = [];
    for (let i = 0; i < 200; i++) {
      t = performance.now();
      await direct('org.units', {});
      directTimes.push(performance.now() - t);
    }
    console.log(`org.units, direct call (median of 200):         ${ms(median(directTimes))}`);

    const server = await startWebServer({ core: inProcessCore(() => handlers), staticDir: dir });
    const httpTimes: number[] = [];
    for (let i = 0; i < 200; i++) {
      t = performance.now();
      const response = await fetch(`http://127.0.0.1:${server.port}/api/invoke`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${server.token}` },
        body: JSON.stringify({ channel: 'org.units', input: {} }),
      });
      await response.json();
      httpTimes.push(performance.now() - t);
    }
    console.log(`org.units over loopback HTTP (median of 200):   ${ms(median(httpTimes))}`);
    await server.close();
    reopened.close();
    console.log(`memory (rss): ${(process.memoryUsage().rss / 1024 / 1024).toFixed(0)} MB`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }

if (wanted('roster')) await (await import('./roster')).rosterBench();
if (wanted('documents')) await (await import('./documents')).documentsBench();
if (wanted('dues')) await (await import('./dues')).duesBench();
if (wanted('pobk')) await (await import('./pobk')).pobkBench();
if (wanted('startup')) await (await import('./startup')).startupBench();
if (wanted('core')) await (await import('./core-process')).coreProcessBench();
