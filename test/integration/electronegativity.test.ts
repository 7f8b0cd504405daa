/*
 * Security check of the built desktop app with Electronegativity (scripts/electronegativity.mjs):
 * the app is built, scanned offline, and every finding above LOW must be explained in
 * scripts/electronegativity-allowlist.json. Three tests: the real app passes; a deliberately
 * insecure window is caught (the checks bite); the reasons the allow-list gives are true of
 * electron/main/hardening.ts.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { guardWebContents, printWindowOptions, windowOptions } from '../../electron/main/hardening';
import { recordFigures } from '../support/figures';
import { tempDir } from '../support/temp-workspace';

const SCRIPT = path.resolve('scripts/electronegativity.mjs');

interface Summary {
  tool: string;
  electron: string;
  checks: { global: number; atomic: number; excluded: string[] };
  filesScanned: number;
  findings: number;
  bySeverity: Record<string, number>;
  aboveLow: number;
  explained: number;
  unexplained: number;
  unparsedFiles: number;
  staleAllowListEntries: number;
  details: {
    findings: { check: string; severity: string; file: string; explained: string | null }[];
    unexplained: { check?: string; file: string }[];
    unparsed: { file: string; error: string }[];
  };
}

function scan(args: string[]): { status: number | null; summary: Summary | null; output: string; seconds: number } {
  const started = performance.now();
  const run = spawnSync(process.execPath, [SCRIPT, '--json', ...args], {
    encoding: 'utf8',
    timeout: 240_000,
    env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' },
  });
  const last = run.stdout.trim().split('\n').pop() ?? '';
  let summary: Summary | null = null;
  try {
    summary = JSON.parse(last) as Summary;
  } catch {
    // the script stopped before its summary (the app did not build): the output says why
  }
  return {
    status: run.status,
    summary,
    output: `${run.stdout}\n${run.stderr}`.slice(-4000),
    seconds: Math.round((performance.now() - started) / 100) / 10,
  };
}

describe('Electronegativity on the built app', () => {
  it('builds the app and finds nothing above LOW that is not explained', () => {
    const result = scan([]);
    expect(result.summary, result.output).not.toBeNull();
    const s = result.summary!;
    recordFigures('electronegativity', {
      tool: s.tool,
      electron: s.electron,
      checks: s.checks,
      filesScanned: s.filesScanned,
      findings: s.findings,
      bySeverity: s.bySeverity,
      aboveLow: s.aboveLow,
      explained: s.explained,
      unexplained: s.unexplained,
      unparsedFiles: s.details.unparsed.map((u) => `${u.file}: ${u.error}`),
      staleAllowListEntries: s.staleAllowListEntries,
      seconds: result.seconds,
    });
    expect(s.details.unexplained, result.output).toEqual([]);
    expect(s.staleAllowListEntries, result.output).toBe(0);
    expect(result.status, result.output).toBe(0);
    expect(s.checks.atomic).toBeGreaterThan(30);
    expect(s.filesScanned).toBeGreaterThanOrEqual(4);
  }, 300_000);

  it('catches a window without isolation, sandbox or web security, loading a remote page, with no navigation limits, permission handler or CSP (the checks bite)', () => {
    const dir = tempDir('party-office-insecure-app-');
    fs.writeFileSync(
      path.join(dir, 'package.json'),
      JSON.stringify({ name: 'insecure', main: 'main.js', devDependencies: { electron: '45.4.1' } }),
    );
    fs.writeFileSync(
      path.join(dir, 'main.js'),
      // (The module name is spliced in so that test/unit/layers.test.ts does not read this as an import.)
      `const { app, BrowserWindow } = require(${JSON.stringify('electron')});
app.whenReady().then(() => {
  const win = new BrowserWindow({ webPreferences: { contextIsolation: false, sandbox: false, nodeIntegration: true, webSecurity: false } });
  win.loadURL('http://example.com/');
});
`,
    );
    const result = scan(['--input', dir]);
    expect(result.status, result.output).toBe(1);
    const caught = new Set(result.summary!.details.unexplained.map((u) => u.check));
    // And what the real app has and this one lacks: navigation limits, a permission handler, a CSP.
    for (const check of [
      'CONTEXT_ISOLATION_JS_CHECK',
      'SANDBOX_JS_CHECK',
      'WEB_SECURITY_JS_CHECK',
      'HTTP_RESOURCES_JS_CHECK',
      'LIMIT_NAVIGATION_GLOBAL_CHECK',
      'PERMISSION_REQUEST_HANDLER_GLOBAL_CHECK',
      'CSP_GLOBAL_CHECK',
    ]) {
      expect(caught, check).toContain(check);
    }
  }, 120_000);

  it('the allow-list’s reasons hold: both windows isolated and sandboxed, new windows denied, no script in the print window', () => {
    for (const options of [windowOptions('preload.cjs', true), printWindowOptions()]) {
      expect(options.webPreferences).toMatchObject({
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        webSecurity: true,
        webviewTag: false,
      });
    }
    expect(printWindowOptions()).toMatchObject({ show: false, webPreferences: { javascript: false, offscreen: true } });
    let openHandler: ((details: unknown) => unknown) | null = null;
    guardWebContents({
      on: () => undefined,
      setWindowOpenHandler: (handler: (details: unknown) => unknown) => (openHandler = handler),
    } as never);
    // Middle-click, Ctrl/Shift-click and window.open all come here in Electron.
    expect(
      (openHandler as ((details: unknown) => unknown) | null)?.({
        url: 'app://renderer/index.html',
        disposition: 'background-tab',
      }),
    ).toEqual({ action: 'deny' });
  });
});
