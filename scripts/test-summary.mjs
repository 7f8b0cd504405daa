#!/usr/bin/env node
// Totals every suite's JSON report into the one line CI reads: "N passed, N failed, N skipped".
// A suite whose report is missing (it never ran, or crashed) counts as one failure.
import fs from 'node:fs';

const read = (file) => {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
};

let passed = 0;
let failed = 0;
let skipped = 0;
const missing = [];

const vitest = read('test-results/vitest.json');
if (vitest) {
  passed += vitest.numPassedTests ?? 0;
  failed += (vitest.numFailedTests ?? 0) + (vitest.numRuntimeErrorTestSuites ?? 0);
  skipped += (vitest.numPendingTests ?? 0) + (vitest.numTodoTests ?? 0);
} else missing.push('vitest');

const playwright = read('test-results/playwright.json');
if (playwright?.stats) {
  passed += (playwright.stats.expected ?? 0) + (playwright.stats.flaky ?? 0);
  failed += playwright.stats.unexpected ?? 0;
  skipped += playwright.stats.skipped ?? 0;
  failed += (playwright.errors ?? []).length;
} else missing.push('playwright');

// The checks (types, format, lint) have no test count: each one that failed counts as one failure.
const checks = read('test-results/checks.json');
if (checks) {
  for (const check of checks) {
    if (check.ok) continue;
    console.log(`check failed: ${check.name}`);
    failed += 1;
  }
} else missing.push('checks');
if (missing.length) {
  console.log(`suites that produced no report: ${missing.join(', ')}`);
  failed += missing.length;
}
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
