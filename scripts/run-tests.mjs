#!/usr/bin/env node
// `npm test`: every suite runs even when an earlier one fails, so one red suite never hides
// another; the exit code is non-zero if any failed. Each suite writes its JSON report under
// test-results/, which .ci/run totals.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

const suites = [
  ['type check', ['run', '-s', 'typecheck']],
  ['unit and integration (vitest)', ['exec', '--', 'vitest', 'run']],
  ['end-to-end (Playwright, Chromium)', ['exec', '--', 'playwright', 'test']],
];

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const failed = [];
for (const [name, args] of suites) {
  console.log(`\n== ${name}`);
  const result = spawnSync(npm, args, { stdio: 'inherit' });
  if (result.status !== 0) failed.push(name);
  if (name === 'type check') {
    fs.mkdirSync('test-results', { recursive: true });
    fs.writeFileSync('test-results/typecheck.json', JSON.stringify({ ok: result.status === 0 }));
  }
}
if (failed.length) console.log(`\nfailed: ${failed.join(', ')}`);
process.exit(failed.length ? 1 : 0);
