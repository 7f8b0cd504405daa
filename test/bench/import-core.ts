/**
 * One roster import in a process of its own (as the desktop app and the CLI run the core), for
 * the roster bench's file formats and malformed workbooks: the time of preview + commit (or of the
 * refusal) and the process's peak memory.
 */
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { directInvoke } from '../../src/core/dispatch';
import { createHandlers } from '../../src/core/handlers';
import { Workspace } from '../../src/core/workspace';

const [workbookFile, dataDir, label] = process.argv.slice(2) as [string, string, string];
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
const baseline = process.memoryUsage().rss;
const t = performance.now();
let outcome: string;
try {
  const preview = await api('roster.importPreview', { file });
  const result = await api('roster.importCommit', { file, skipRows: preview.problemRows });
  outcome = `${result.imported} imported`;
} catch (error) {
  outcome = `refused: ${(error as Error).message.slice(0, 60)}…`;
}
const elapsed = (performance.now() - t) / 1000;
ws.close();
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
/**
 * This process's own peak: on Linux getrusage's maxRSS survives exec and so includes the bench
 * parent's memory at the fork (it builds a 500 MB zip bomb); VmHWM belongs to this process image.
 */
function peakRss(): number {
  try {
    const hwm = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync('/proc/self/status', 'utf8'));
    if (hwm) return Number(hwm[1]) * 1024;
  } catch {
    // not Linux
  }
  return process.resourceUsage().maxRSS * 1024;
}
console.log(
  `${label}: ${elapsed.toFixed(2)} s, peak rss ${mb(peakRss())} (target < 300 MB; ${mb(baseline)} before the import) — ${outcome}`,
);
