/**
 * The UI side's process for the core bench, started fresh (as the server is: a small heap, no
 * workbook generated in it): forks the core from browser mode's bundle, imports the workbook it is
 * given while watching its own event loop, times calls across the boundary, and prints the figures
 * as JSON. Run by core-process.ts, bundled.
 */
import fs from 'node:fs';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { forkCore, SERVE_CORE_FLAG } from '../../src/core/host/fork';
import { CoreHost } from '../../src/core/host/host';

const [entry, dataDir, workbookFile, setupJson] = process.argv.slice(2) as [string, string, string, string];
const host = new CoreHost({
  start: { dataDir, via: 'test', hostPid: process.pid, printer: 'own' },
  launch: () => forkCore(entry, [SERVE_CORE_FLAG]),
  log: () => undefined,
});

/** As browser mode's server calls: the answer is JSON text, sent on unparsed. */
async function call(channel: string, input: unknown): Promise<void> {
  const text = await host.invokeJson(channel, input);
  if (text.startsWith('{"ok":false')) throw new Error(`${channel}: ${text.slice(0, 300)}`);
}

await call('organ.setup', JSON.parse(setupJson));
const base64 = fs.readFileSync(workbookFile).toString('base64');
const choices = { file: { fileName: '花名册.xlsx', base64 }, mapping: null, unitMapping: [] };
const loop = monitorEventLoopDelay({ resolution: 5 });
loop.enable();
const began = performance.now();
await call('roster.importPreview', choices);
await call('roster.importCommit', { ...choices, skipRows: [] });
const seconds = (performance.now() - began) / 1000;
loop.disable();
const idle = monitorEventLoopDelay({ resolution: 5 });
idle.enable();
await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
idle.disable();

const spent: number[] = [];
for (let i = 0; i < 200; i++) {
  const t = performance.now();
  await call('org.units', {});
  spent.push(performance.now() - t);
}
await host.stop();
console.log(
  JSON.stringify({
    seconds,
    stallMs: loop.max / 1e6,
    idleStallMs: idle.max / 1e6,
    perCallMs: spent.sort((a, b) => a - b)[100],
  }),
);
