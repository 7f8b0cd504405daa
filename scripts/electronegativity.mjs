#!/usr/bin/env node
// Security check of the built desktop app with Electronegativity (Doyensec's static checker for
// Electron misconfigurations): builds the app (`electron-vite build`, unless --no-build), scans
// out/main, out/preload and out/renderer with package.json, and fails when a finding above LOW
// severity, or a file the checker could not parse, is not explained in
// scripts/electronegativity-allowlist.json. An allow-list entry that no longer matches anything
// fails too, so that the list cannot outlive the code it speaks for.
//
// Offline by design: Electronegativity fetches Electron's release notes for its
// AVAILABLE_SECURITY_FIXES_GLOBAL_CHECK (excluded here) and, at every start, translations from
// its own server; its HTTP client (got) is replaced by one that refuses at once, so no request
// leaves the machine and the bundled English texts are used.
//
// Writes test-results/electronegativity.sarif (the tool's own report) and
// test-results/electronegativity.json (this summary). Exit code 0: clean or explained.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const argv = process.argv.slice(2);
const args = new Set(argv);
/** --input DIR scans that folder as it is (no build): how the test proves the checks bite. */
const input = args.has('--input') ? path.resolve(argv[argv.indexOf('--input') + 1] ?? '') : null;
const reportName = input ? 'electronegativity-probe' : 'electronegativity';
const require = createRequire(import.meta.url);
const results = path.join(root, 'test-results');
const SEVERITY = { INFORMATIONAL: 0, LOW: 1, MEDIUM: 2, HIGH: 3 };
/** Needs the internet (GitHub's list of Electron releases); this app and its checks are offline. */
const EXCLUDED = ['AvailableSecurityFixesGlobalCheck'];

function fail(message) {
  console.error(`electronegativity: ${message}`);
  process.exit(2);
}

if (!input && !args.has('--no-build')) {
  const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
  const build = spawnSync(npx, ['electron-vite', 'build'], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' },
  });
  if (build.status !== 0)
    fail(`the app does not build, so it cannot be checked:\n${(build.stdout + build.stderr).slice(-3000)}`);
}
for (const part of input ? [] : ['main', 'preload', 'renderer']) {
  if (!fs.existsSync(path.join(root, 'out', part))) fail(`out/${part} is missing; run without --no-build`);
}

// What is scanned: the built code as it ships, and package.json (its scripts and Electron version).
const staging = input ?? fs.mkdtempSync(path.join(os.tmpdir(), 'party-office-electronegativity-'));
if (!input) {
  for (const part of ['main', 'preload', 'renderer'])
    fs.cpSync(path.join(root, 'out', part), path.join(staging, part), { recursive: true });
  fs.copyFileSync(path.join(root, 'package.json'), path.join(staging, 'package.json'));
}

// No network: every `got` the checker would load refuses at once.
const offline = () =>
  Promise.reject(Object.assign(new Error('offline: no network requests from this check'), { code: 'OFFLINE' }));
offline.head = offline;
offline.get = offline;
offline.default = offline;
const toolDir = path.dirname(require.resolve('@doyensec/electronegativity/package.json'));
for (const from of ['dist/locales/i18n.js', 'dist/finder/checks/GlobalChecks/AvailableSecurityFixesGlobalCheck.js']) {
  const gotPath = createRequire(path.join(toolDir, from)).resolve('got');
  require.cache[gotPath] = { id: gotPath, filename: gotPath, loaded: true, exports: offline, children: [], paths: [] };
}
process.env.LANG = 'en-US';

const electronVersion = JSON.parse(
  fs.readFileSync(path.join(root, 'node_modules', 'electron', 'package.json'), 'utf8'),
).version;
const toolVersion = require('@doyensec/electronegativity/package.json').version;
const run = require('@doyensec/electronegativity');
fs.mkdirSync(results, { recursive: true });
const sarif = path.join(results, `${reportName}.sarif`);
const quietLog = console.log;
console.log = () => {}; // "Could not retrieve updated translations": expected, we refused the request
let scan;
try {
  scan = await run({
    input: staging,
    output: sarif,
    isSarif: true,
    isRelative: true,
    excludeFromScan: EXCLUDED.map((c) => c.toLowerCase()),
    electronVersionOverride: electronVersion,
  });
} finally {
  console.log = quietLog;
}

const allowList = JSON.parse(fs.readFileSync(path.join(root, 'scripts', 'electronegativity-allowlist.json'), 'utf8'));
const used = new Set();
const codeAt = (file, line) => {
  try {
    return fs.readFileSync(path.join(staging, file), 'utf8').split('\n')[line - 1]?.trim().slice(0, 200) ?? '';
  } catch {
    return '';
  }
};
const relative = (file) =>
  path
    .relative(staging, path.isAbsolute(file) ? file : path.join(staging, file))
    .split(path.sep)
    .join('/');

const findings = scan.issues.map((issue) => {
  const file = relative(issue.file);
  const code = codeAt(file, issue.location?.line ?? 0);
  const entry = allowList.findings.find(
    (a) => a.check === issue.id && file.startsWith(a.file) && (a.code === undefined || code.includes(a.code)),
  );
  if (entry) used.add(entry);
  return {
    check: issue.id,
    severity: issue.severity.name,
    confidence: issue.confidence.name,
    manualReview: Boolean(issue.manualReview),
    file,
    line: issue.location?.line ?? 0,
    code,
    description: String(issue.description).split('\n')[0],
    explained: entry ? entry.why : null,
  };
});
const unparsed = scan.errors.map((e) => {
  const file = relative(e.file);
  const entry = allowList.unparsed.find((a) => new RegExp(a.file).test(file) && e.message.includes(a.error));
  if (entry) used.add(entry);
  return { file, error: e.message, tolerable: e.tolerable, explained: entry ? entry.why : null };
});

const aboveLow = findings.filter((f) => SEVERITY[f.severity] > SEVERITY.LOW);
const unexplained = [...aboveLow.filter((f) => !f.explained), ...unparsed.filter((u) => !u.tolerable && !u.explained)];
const stale = [...allowList.findings, ...allowList.unparsed].filter((a) => !used.has(a));
const summary = {
  tool: `@doyensec/electronegativity ${toolVersion}`,
  electron: electronVersion,
  checks: { global: scan.globalChecks, atomic: scan.atomicChecks, excluded: EXCLUDED },
  filesScanned: fs.readdirSync(staging, { recursive: true }).filter((f) => /\.(c?js|html|json)$/.test(String(f)))
    .length,
  findings: findings.length,
  bySeverity: Object.fromEntries(
    Object.keys(SEVERITY).map((s) => [s, findings.filter((f) => f.severity === s).length]),
  ),
  aboveLow: aboveLow.length,
  explained: aboveLow.length - aboveLow.filter((f) => !f.explained).length,
  unexplained: unexplained.length,
  unparsedFiles: unparsed.length,
  staleAllowListEntries: stale.length,
  details: { findings, unparsed, unexplained, stale },
};
fs.writeFileSync(path.join(results, `${reportName}.json`), `${JSON.stringify(summary, null, 2)}\n`);
if (!input) fs.rmSync(staging, { recursive: true, force: true });

if (args.has('--json')) {
  process.stdout.write(`${JSON.stringify(summary)}\n`);
} else {
  console.log(
    `${summary.tool} on Electron ${electronVersion}: ${summary.filesScanned} files, ${scan.globalChecks} global + ${scan.atomicChecks} atomic checks (excluded: ${EXCLUDED.join(', ')})`,
  );
  for (const f of findings) {
    console.log(
      `  ${f.severity.padEnd(13)} ${f.check.padEnd(34)} ${f.file}:${f.line}  ${f.explained ? 'explained' : SEVERITY[f.severity] > SEVERITY.LOW ? 'NOT EXPLAINED' : 'below MEDIUM'}`,
    );
  }
  for (const u of unparsed)
    console.log(`  not parsed    ${u.file}: ${u.error} ${u.explained ? '(explained)' : '(NOT EXPLAINED)'}`);
  for (const a of stale) console.log(`  stale allow-list entry: ${a.check ?? a.file} ${a.code ?? a.error}`);
}
if (unexplained.length || stale.length) {
  console.error(
    `electronegativity: ${unexplained.length} finding(s) above LOW or unparsed file(s) not explained, ${stale.length} stale allow-list entr(y/ies); see scripts/electronegativity-allowlist.json`,
  );
  // exitCode, not exit(): the tool writes its SARIF report asynchronously.
  process.exitCode = 1;
}
