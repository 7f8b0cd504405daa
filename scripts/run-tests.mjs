#!/usr/bin/env node
// `npm test`: every suite runs even when an earlier one fails, so one red suite never hides
// another; the exit code is non-zero if any failed. The test suites write their JSON reports
// under test-results/, and the checks without a test count (types, format, lint) are recorded in
// test-results/checks.json; .ci/run totals both.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

const checks = [
  ['type check', ['run', '-s', 'typecheck']],
  ['format (Prettier)', ['run', '-s', 'format:check']],
  ['lint (ESLint, dependency-cruiser layers)', ['run', '-s', 'lint']],
];
const suites = [
  ['unit and integration (vitest)', ['exec', '--', 'vitest', 'run']],
  ['end-to-end (Playwright, Chromium)', ['exec', '--', 'playwright', 'test']],
];

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const run = (name, args) => {
  console.log(`\n== ${name}`);
  return spawnSync(npm, args, { stdio: 'inherit' }).status === 0;
};

const failed = [];
const recorded = [];
for (const [name, args] of checks) {
  const ok = run(name, args);
  recorded.push({ name, ok });
  if (!ok) failed.push(name);
}
fs.mkdirSync('test-results', { recursive: true });
fs.writeFileSync('test-results/checks.json', JSON.stringify(recorded));
for (const [name, args] of suites) if (!run(name, args)) failed.push(name);
if (failed.length) console.log(`\nfailed: ${failed.join(', ')}`);
process.exit(failed.length ? 1 : 0);
