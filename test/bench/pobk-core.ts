/**
 * The app's side of the .pobk bench, in its own process so that its peak memory is its own: one
 * import of one file into an organ set up here, or a bare cost (the modules loaded and nothing
 * done; the file streamed through SHA-256 by plain Node). Prints one JSON line.
 *
 * argv: mode (import | bare-load | bare-hash), file, dataDir; env PARTY_OFFICE_PASSPHRASE
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import { directInvoke } from '../../src/core/dispatch';
import { createHandlers } from '../../src/core/handlers';
import { Workspace } from '../../src/core/workspace';
import { AppError } from '../../src/shared/errors';

const [mode, file, dataDir] = process.argv.slice(2) as ['import' | 'bare-load' | 'bare-hash', string, string];
const peakMb = () => Math.round((process.resourceUsage().maxRSS * 1024) / 1024 / 1024);
let outcome = '';
const t = performance.now();
if (mode === 'bare-hash') {
  const hash = crypto.createHash('sha256');
  const fd = fs.openSync(file, 'r');
  const buffer = Buffer.allocUnsafe(1024 * 1024);
  for (let n; (n = fs.readSync(fd, buffer, 0, buffer.length, null)) > 0;) hash.update(buffer.subarray(0, n));
  fs.closeSync(fd);
  outcome = hash.digest('hex').slice(0, 12);
} else if (mode === 'import') {
  const ws = new Workspace({ dataDir, via: 'cli' });
  const api = directInvoke(createHandlers(ws));
  try {
    const preview = await api('backup.import', { source: file, passphrase: process.env.PARTY_OFFICE_PASSPHRASE ?? '' });
    outcome = `imported (${preview.changes.find((c) => c.table === 'member')?.incoming ?? 0} members)`;
  } catch (error) {
    outcome = error instanceof AppError ? `refused: ${error.message}` : `failed: ${String(error)}`;
  } finally {
    ws.close();
  }
}
console.log(JSON.stringify({ mode, outcome, seconds: (performance.now() - t) / 1000, peakMb: peakMb() }));
