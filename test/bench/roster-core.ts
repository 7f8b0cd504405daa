/**
 * The app's side of the roster bench, in its own process: import, searches and export on a
 * workbook the parent generated, reporting times and the process's peak memory.
 */
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { directInvoke } from '../../src/core/dispatch';
import { createHandlers } from '../../src/core/handlers';
import { Workspace } from '../../src/core/workspace';

const [workbookFile, dataDir] = process.argv.slice(2) as [string, string];
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

const file = { fileName: path.basename(workbookFile), base64: fs.readFileSync(workbookFile).toString('base64') };
const ws = new Workspace({ dataDir, via: 'test' });
const api = directInvoke(createHandlers(ws));
await api('organ.setup', {
  organName: '某某局',
  committeeKind: 'committee',
  committeeName: '中共某某局机关委员会',
  superiorName: '市直机关工委',
  branches: Array.from({ length: 20 }, (_, i) => `第${i + 1}党支部`),
});
const baselineRss = process.memoryUsage().rss;
/** The second run only measures memory (its times would repeat the first's). */
const memoryLabel = process.env.BENCH_MEMORY_LABEL;
const say = (line: string) => memoryLabel === undefined && console.log(line);
let t = performance.now();
const preview = await api('roster.importPreview', { file });
const previewMs = performance.now() - t;
t = performance.now();
const result = await api('roster.importCommit', { file, skipRows: [] });
const commitMs = performance.now() - t;
say(
  `import, full validation: preview ${seconds(previewMs)} + commit ${seconds(commitMs)} = ${seconds(previewMs + commitMs)}  (target < 3 s; ${result.imported} imported, ${preview.errors.length} problems)`,
);

const queries: Record<string, Parameters<typeof api<'roster.search'>>[1]> = {
  'name search "王"': { text: '王' },
  'pinyin initials "zw"': { text: 'zw' },
  'ID digits "19850"': { text: '19850' },
  'branch filter': { branchIds: [5] },
  'party standing 10–20 years, women': { standing: { min: 10, max: 20 }, genders: ['female'] },
  'sorted by name, page 40': { sort: { field: 'name', direction: 'asc' }, offset: 2000, limit: 50 },
};
for (const [label, query] of Object.entries(queries)) {
  const times: number[] = [];
  let total = 0;
  for (let i = 0; i < 41; i++) {
    t = performance.now();
    total = (await api('roster.search', { limit: 50, ...query })).counts.total;
    times.push(performance.now() - t);
  }
  say(`search ${label.padEnd(36)} median ${median(times).toFixed(1)} ms (${total} found; target < 50 ms)`);
}

t = performance.now();
const exported = await api('roster.export', { query: {} });
say(
  `export all to Excel: ${seconds(performance.now() - t)} (${((exported.base64.length * 0.75) / 1024 / 1024).toFixed(1)} MB; target < 2 s)`,
);
ws.close();

(globalThis as { gc?: () => void }).gc?.();
const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
console.log(
  `${memoryLabel ?? 'memory (Node defaults)'}: peak rss ${megabytes(process.resourceUsage().maxRSS * 1024)} (target < 300 MB), of which ${megabytes(baselineRss)} before any roster work ` +
    `(Node and the loaded modules); heap still in use after the work ${megabytes(process.memoryUsage().heapUsed)}`,
);
