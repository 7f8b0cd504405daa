import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * Where code may run is enforced by dependency-cruiser (.dependency-cruiser.cjs, an allow-list
 * over every import, type-only ones included). This test runs it as `npm run lint` does: over
 * the real tree, which must be clean, and over a probe tree in a temporary folder (never inside
 * src/) that commits every kind of forbidden edge, each of which must be reported.
 */
const root = path.resolve(import.meta.dirname, '../..');
const cli = path.join(root, 'node_modules/dependency-cruiser/bin/dependency-cruiser.mjs');
const run = promisify(execFile);

interface Violation {
  from: string;
  to: string;
  rule: { name: string };
}

async function cruise(cwd: string, dirs: string[]): Promise<{ modules: number; violations: Violation[] }> {
  const args = [cli, ...dirs, '--config', path.join(root, '.dependency-cruiser.cjs'), '--output-type', 'json'];
  // depcruise exits non-zero when it finds violations; the report is on stdout either way.
  const { stdout } = await run(process.execPath, args, { cwd, maxBuffer: 64 * 1024 * 1024 }).catch(
    (error: { stdout?: string }) => {
      if (!error.stdout) throw error;
      return { stdout: error.stdout };
    },
  );
  const report = JSON.parse(stdout) as { summary: { totalCruised: number; violations: Violation[] } };
  return { modules: report.summary.totalCruised, violations: report.summary.violations };
}

const PROBES: Record<string, string> = {
  'src/shared/probe.ts': [
    "import zlib from 'node:zlib';", // a Node built-in in code that must run in the browser
    "import { useState } from 'react';", // a UI library
    "import type { Workspace } from '../core/workspace';", // the core, even for a type
    'export { zlib, useState };',
    'export type W = Workspace;',
  ].join('\n'),
  'src/core/workspace.ts': 'export class Workspace {}\n',
  'src/core/probe.ts': [
    "import dayjs from 'dayjs';", // installed, but placed for the renderer only
    "import { Screen } from '../renderer/screen';", // the UI
    "import { EventEmitter } from 'node:events';", // allowed: the core runs in Node
    "import { z } from 'zod';", // allowed: a package placed in the core
    "import Sqlite from 'better-sqlite3-multiple-ciphers';", // placed, but opened only by db/sqlite.ts
    'export { dayjs, Screen, EventEmitter, z, Sqlite };',
  ].join('\n'),
  'src/renderer/screen.ts': [
    "import fs from 'node:fs';", // no Node in the window
    "import { Workspace } from '../core/workspace';", // the core
    'export const Screen = [fs, Workspace];',
  ].join('\n'),
  'src/cli/probe.ts': "import { Screen } from '../renderer/screen';\nexport { Screen };\n",
  'electron/preload/probe.ts': "import fs from 'node:fs';\nexport { fs };\n",
  'test/probe.ts':
    "import { app } from 'electron';\nimport type { BrowserWindow } from 'electron';\nexport { app };\nexport type B = BrowserWindow;\n",
  'src/shared/typo.ts': "import { nothing } from './does-not-exist';\nexport { nothing };\n",
  // Two modules that import each other, one of them only for a type.
  'src/core/probe-a.ts': "import type { B } from './probe-b';\nexport type A = { b?: B };\n",
  'src/core/probe-b.ts': "import type { A } from './probe-a';\nexport type B = { a?: A };\n",
};

describe('layer rules (dependency-cruiser)', () => {
  let probeRoot = '';
  beforeAll(() => {
    probeRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'layers-probe-'));
    for (const [file, text] of Object.entries(PROBES)) {
      fs.mkdirSync(path.join(probeRoot, path.dirname(file)), { recursive: true });
      fs.writeFileSync(path.join(probeRoot, file), text);
    }
    // The real manifest: the rules tell a declared package (npm, npm-dev) from one that is not.
    for (const file of ['tsconfig.json', 'package.json'])
      fs.copyFileSync(path.join(root, file), path.join(probeRoot, file));
    fs.symlinkSync(path.join(root, 'node_modules'), path.join(probeRoot, 'node_modules'), 'dir');
  });
  afterAll(() => fs.rmSync(probeRoot, { recursive: true, force: true }));

  it('finds the real tree clean, over every file of every layer', async () => {
    const { modules, violations } = await cruise(root, ['src', 'electron', 'test', 'scripts']);
    expect(modules).toBeGreaterThan(300);
    expect(violations.map((v) => `${v.from} → ${v.to} (${v.rule.name})`)).toEqual([]);
  });

  it('bites on every forbidden edge of a probe tree, and only on those', async () => {
    const { violations } = await cruise(probeRoot, ['src', 'electron', 'test']);
    const named = (to: string) => to.replace(/^node_modules\/([^/]+).*/, '$1').replace(/^node:/, '');
    // An unresolvable import breaks two rules (not resolvable, and allowed by none): one edge.
    const found = [...new Set(violations.map((v) => `${v.from} → ${named(v.to)}`))].sort();
    expect(found).toEqual(
      [
        'electron/preload/probe.ts → fs',
        'src/cli/probe.ts → src/renderer/screen.ts',
        'src/core/probe-a.ts → src/core/probe-b.ts', // a cycle is reported once, at its first edge
        'src/core/probe.ts → better-sqlite3-multiple-ciphers',
        'src/core/probe.ts → dayjs',
        'src/core/probe.ts → src/renderer/screen.ts',
        'src/renderer/screen.ts → fs',
        'src/renderer/screen.ts → src/core/workspace.ts',
        'src/shared/probe.ts → zlib',
        'src/shared/probe.ts → react',
        'src/shared/probe.ts → src/core/workspace.ts',
        'src/shared/typo.ts → ./does-not-exist',
        'test/probe.ts → electron',
      ].sort(),
    );
  });
});
