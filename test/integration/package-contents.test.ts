import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as Asar from '@electron/asar';
import type * as Builder from 'electron-builder';
import { SHIPPED } from '../../electron/main/resources';

/*
 * What the installers would carry, computed by electron-builder itself: its own pipeline packs the
 * Linux x64 app folder (target `dir`, the same file set every installer packs) from this checkout's
 * out/ and node_modules, with a stand-in for the Electron binary, which cannot be downloaded here —
 * so the fuses, which patch that binary, are left off for this build only. Then app.asar is read
 * back and every file in it must be one the app needs: out/, package.json, and the packages the
 * built main and core bundles import, with what those depend on as installed. Anything else (a
 * package.json dependency no bundle loads, a dev tool) fails the test with its size.
 */
const root = path.resolve(import.meta.dirname, '../..');
const require = createRequire(import.meta.url);

/** Bare package names the built main and core bundles import (static, dynamic or require). */
function bundleImports(): Set<string> {
  const names = new Set<string>();
  const dir = path.join(root, 'out/main');
  for (const file of fs.readdirSync(dir, { recursive: true }).map(String)) {
    if (!file.endsWith('.js')) continue;
    const code = fs.readFileSync(path.join(dir, file), 'utf8');
    for (const m of code.matchAll(
      /(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|^import\s*)["']([@a-z0-9][\w@./-]*)["']/gm,
    )) {
      const spec = m[1]!;
      if (spec.startsWith('node:')) continue;
      names.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!);
    }
  }
  return names;
}

/** Finds `name`'s package.json as Node would from `fromDir` (its node_modules, then its parents'). */
function packageDir(name: string, fromDir: string): string | null {
  for (let dir = fromDir; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules', name);
    if (fs.existsSync(path.join(candidate, 'package.json'))) return fs.realpathSync(candidate);
    if (path.dirname(dir) === dir) return null;
  }
}

/** The named packages and everything they depend on at run time, as installed. */
function runtimeClosure(names: Iterable<string>): Set<string> {
  const seen = new Set<string>();
  const queue = [...names].map((name) => ({ name, from: root }));
  while (queue.length) {
    const { name, from } = queue.shift()!;
    const dir = packageDir(name, from);
    if (!dir || seen.has(`${name}\0${dir}`)) continue;
    seen.add(`${name}\0${dir}`);
    const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as {
      dependencies?: Record<string, string>;
      optionalDependencies?: Record<string, string>;
    };
    for (const dep of Object.keys({ ...pkg.dependencies, ...pkg.optionalDependencies }))
      queue.push({ name: dep, from: dir });
  }
  return new Set([...seen].map((key) => key.slice(0, key.indexOf('\0'))));
}

/**
 * Imported by the bundles but never loaded in the desktop app, so not packaged: Electron itself, and
 * playwright-core (only the Chromium printer of browser mode and the CLI uses it; main injects its own).
 */
const NOT_PACKAGED = ['electron', 'playwright-core'];

interface Entry {
  file: string;
  size: number;
}

function packageOf(file: string): string | null {
  const match = /^\/node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file);
  return match ? match[1]! : null;
}

let work = '';
let imported = new Set<string>();
let allowed = new Set<string>();
let appDir = '';
let entries: Entry[] = [];

beforeAll(async () => {
  // The bundles the app runs (electron-vite); built once if this checkout has none.
  if (!fs.existsSync(path.join(root, 'out/main/index.js')) || !fs.existsSync(path.join(root, 'out/main/core.js'))) {
    execFileSync(process.execPath, [path.join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], {
      cwd: root,
      stdio: 'ignore',
    });
  }
  imported = bundleImports();
  allowed = runtimeClosure([...imported].filter((name) => !NOT_PACKAGED.includes(name)));
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'package-contents-'));
  const fakeElectron = path.join(work, 'electron');
  fs.mkdirSync(path.join(fakeElectron, 'resources'), { recursive: true });
  fs.writeFileSync(path.join(fakeElectron, 'electron'), '#!/bin/sh\n', { mode: 0o755 });
  fs.writeFileSync(path.join(fakeElectron, 'LICENSE'), '');

  const { build, Platform, Arch } = require('electron-builder') as typeof Builder;
  const config = { ...(require('../../electron-builder.config.cjs') as Record<string, unknown>) };
  await build({
    projectDir: root,
    targets: Platform.LINUX.createTarget('dir', Arch.x64),
    config: {
      ...config,
      electronDist: fakeElectron,
      electronFuses: undefined,
      directories: { ...(config.directories as object), output: path.join(work, 'dist') },
    },
  });
  appDir = path.join(work, 'dist/linux-unpacked');
  const asar = require('@electron/asar') as typeof Asar;
  const archive = path.join(appDir, 'resources/app.asar');
  entries = asar
    .listPackage(archive, { isPack: false })
    .map((file) => ({ file: file.split(path.sep).join('/'), stat: asar.statFile(archive, file.slice(1), false) }))
    .filter((e) => 'size' in e.stat)
    .map((e) => ({ file: e.file, size: (e.stat as { size: number }).size }));
}, 600_000);

afterAll(() => {
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

describe('what the installers carry (electron-builder’s own file set)', () => {
  it('app.asar holds out/, package.json and the packages the bundles load with their dependencies — nothing else', () => {
    const strays = entries.filter((e) => {
      if (e.file === '/package.json' || e.file.startsWith('/out/')) return false;
      const name = packageOf(e.file);
      return name === null || !allowed.has(name);
    });
    const bySource = new Map<string, number>();
    for (const e of strays) {
      const key = packageOf(e.file) ?? e.file;
      bySource.set(key, (bySource.get(key) ?? 0) + e.size);
    }
    const listed = [...bySource].map(([name, bytes]) => `${name} (${(bytes / 1e6).toFixed(2)} MB)`);
    expect(listed, 'outside the allow-list').toEqual([]);

    const total = entries.reduce((n, e) => n + e.size, 0);
    const packages = new Map<string, number>();
    for (const e of entries) {
      const key = packageOf(e.file) ?? e.file.split('/').slice(0, 3).join('/');
      packages.set(key, (packages.get(key) ?? 0) + e.size);
    }
    const biggest = [...packages].sort((a, b) => b[1] - a[1]).slice(0, 8);
    console.log(
      `app.asar: ${(total / 1e6).toFixed(1)} MB in ${entries.length} files; largest: ${biggest
        .map(([k, v]) => `${k} ${(v / 1e6).toFixed(1)} MB`)
        .join(', ')}`,
    );
  });

  it('carries what the bundles import: the core’s packages are all there', () => {
    const present = new Set(entries.map((e) => packageOf(e.file)).filter(Boolean));
    expect([...imported].sort()).toEqual(
      expect.arrayContaining(['better-sqlite3-multiple-ciphers', 'exceljs', 'docx', 'pdf-lib', 'zod']),
    );
    for (const name of imported) if (!NOT_PACKAGED.includes(name)) expect(present.has(name), name).toBe(true);
    expect(entries.some((e) => e.file === '/out/main/index.js')).toBe(true);
    expect(entries.some((e) => e.file === '/out/main/core.js')).toBe(true);
  });

  it('leaves out tsx, esbuild, playwright-core, the SQLite sources and every prebuild', () => {
    const present = new Set(entries.map((e) => packageOf(e.file)));
    for (const name of ['tsx', 'esbuild', 'playwright-core', 'electron', 'typescript', '@types/node']) {
      expect(present.has(name), name).toBe(false);
    }
    expect(entries.filter((e) => e.file.endsWith('.node') || e.file.includes('/deps/sqlite3/'))).toEqual([]);
    expect(fs.existsSync(path.join(appDir, 'resources/app.asar.unpacked'))).toBe(false);
  });

  it('puts the one glibc 2.28 addon and the window icon where main looks for them, under ASCII names', () => {
    const addon = path.join(appDir, 'resources', SHIPPED.sqliteAddon);
    expect(
      fs.readFileSync(addon).equals(fs.readFileSync(path.join(root, 'resources/addons/linux-x64/better_sqlite3.node'))),
    ).toBe(true);
    const icon = path.join(appDir, 'resources', SHIPPED.windowIcon);
    expect(fs.readFileSync(icon).equals(fs.readFileSync(path.join(root, 'resources/icons/256x256.png')))).toBe(true);
    expect(fs.readdirSync(path.join(appDir, 'resources', 'addons'))).toEqual(['better_sqlite3.node']);
    expect(fs.existsSync(path.join(appDir, 'party-office-workbench'))).toBe(true);
  });
});
