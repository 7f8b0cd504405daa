import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sourcesSha256 } from '../../scripts/addon-sources.mjs';
import { SQLITE_ADDON_ENV } from '../../src/core/db/sqlite';
import { readElf, readPe, versionAbove, type ElfNeeds } from '../support/binaries';
import { bundled, COMPILE_CACHE, removeBundles } from '../support/bundle';
import { tempDir } from '../support/temp-workspace';

/*
 * The SQLite addon each installer ships (resources/addons, scripts/build-addons.mjs) must load on
 * the oldest system an office runs: 银河麒麟 V10 and 统信 UOS V20 have glibc 2.28 and the GCC 8
 * libstdc++ (GLIBCXX_3.4.25). What a .node file needs is read from the file itself.
 */
const root = path.resolve(import.meta.dirname, '../..');
const addons = path.join(root, 'resources/addons');
const pkgDir = path.join(root, 'node_modules/better-sqlite3-multiple-ciphers');
const GLIBC_MAX = 'GLIBC_2.28';
const GLIBCXX_MAX = 'GLIBCXX_3.4.25';
const CXXABI_MAX = 'CXXABI_1.3.11';
/** Libraries every glibc system has; anything else would have to be installed by the office. */
const SYSTEM_LIBRARIES = [
  'libc.so.6',
  'libm.so.6',
  'libdl.so.2',
  'libpthread.so.0',
  'librt.so.1',
  'ld-linux-x86-64.so.2',
  'ld-linux-aarch64.so.1',
];
const NODE_API_EXPORTS = ['napi_register_module_v1', 'node_api_module_get_api_version_v1'];

interface Manifest {
  package: string;
  targets: Record<string, { file: string; bytes: number; sha256: string; version: string; sourcesSha256: string }>;
}
const manifest = JSON.parse(fs.readFileSync(path.join(addons, 'manifest.json'), 'utf8')) as Manifest;
const installed = JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8')) as { version: string };

/** Everything that would keep a .node from loading on glibc 2.28, in words. */
function tooNew(needs: ElfNeeds): string[] {
  const problems = needs.libraries.filter((l) => !SYSTEM_LIBRARIES.includes(l)).map((l) => `needs ${l}`);
  for (const [library, versions] of Object.entries(needs.versions)) {
    for (const v of versions) {
      const limit = v.startsWith('GLIBCXX_') ? GLIBCXX_MAX : v.startsWith('CXXABI_') ? CXXABI_MAX : GLIBC_MAX;
      if (versionAbove(v, limit)) problems.push(`${library} ${v} > ${limit}`);
    }
  }
  return problems;
}

afterAll(removeBundles);

describe('the Linux SQLite addons (glibc 2.28)', () => {
  const expected = { 'linux-x64': 'x86-64', 'linux-arm64': 'aarch64' } as const;

  for (const [target, machine] of Object.entries(expected)) {
    it(`${target}: needs nothing above ${GLIBC_MAX}, no libstdc++, and exports only Node-API's entry points`, () => {
      const entry = manifest.targets[target];
      expect(entry, `resources/addons/manifest.json has no ${target}: run node scripts/build-addons.mjs`).toBeDefined();
      const data = fs.readFileSync(path.join(addons, entry!.file));
      expect(createHash('sha256').update(data).digest('hex')).toBe(entry!.sha256);
      const needs = readElf(data);
      expect(needs.machine).toBe(machine);
      expect(tooNew(needs)).toEqual([]);
      expect(needs.libraries).not.toContain('libstdc++.so.6');
      expect(needs.versions['libc.so.6']).toContain(GLIBC_MAX); // read, not an empty table
      expect(needs.exports).toEqual(NODE_API_EXPORTS);
      console.log(`${target}: ${(data.length / 1e6).toFixed(1)} MB, needs ${needs.libraries.join(' ')}`);
    });
  }

  it('the package’s own prebuilds are what the check refuses (glibc 2.34, GLIBCXX 3.4.29)', () => {
    for (const target of Object.keys(expected)) {
      const problems = tooNew(readElf(fs.readFileSync(path.join(pkgDir, 'prebuilds', `${target}.node`))));
      expect(problems).toEqual(
        expect.arrayContaining([
          'needs libstdc++.so.6',
          `libc.so.6 GLIBC_2.34 > ${GLIBC_MAX}`,
          `libstdc++.so.6 GLIBCXX_3.4.29 > ${GLIBCXX_MAX}`,
        ]),
      );
    }
  });

  it('were built from the installed better-sqlite3-multiple-ciphers (else: node scripts/build-addons.mjs)', () => {
    const sources = sourcesSha256(pkgDir);
    for (const target of Object.keys(expected)) {
      expect(manifest.targets[target]).toMatchObject({ version: installed.version, sourcesSha256: sources });
    }
  });

  it.runIf(process.platform === 'linux' && process.arch === 'x64')(
    'linux-x64 is the addon the core loads when told: an office’s first hour, encrypted, on it alone',
    async () => {
      const addon = path.join(addons, manifest.targets['linux-x64']!.file);
      const child = spawn(process.execPath, [bundled('test/support/addon-probe.ts'), tempDir()], {
        cwd: root,
        env: { ...process.env, NODE_COMPILE_CACHE: COMPILE_CACHE, [SQLITE_ADDON_ENV]: addon },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
      const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
      expect(stderr).toBe('');
      expect(code).toBe(0);
      const result = JSON.parse(stdout) as { members: string[]; auditIntact: boolean; addons: string[] };
      expect(result.members).toEqual(['张三']);
      expect(result.auditIntact).toBe(true);
      // The shipped file, and not the package's prebuild beside it.
      expect(result.addons.map((f) => fs.realpathSync(f))).toEqual([fs.realpathSync(addon)]);
    },
    60_000,
  );
});

describe('the Windows SQLite addon (the package’s win32-x64 prebuild, shipped as it is)', () => {
  it('imports only KERNEL32 (its C runtime is linked in) and Node-API from the host process', () => {
    const imports = readPe(fs.readFileSync(path.join(pkgDir, 'prebuilds/win32-x64.node')));
    expect(imports.machine).toBe('x64');
    // No VCRUNTIME140.dll / MSVCP140.dll: Electron ships no Visual C++ runtime DLLs, and an office
    // PC without the redistributable would fail to load the addon.
    expect(imports.imports.map((d) => d.toUpperCase())).toEqual(['KERNEL32.DLL']);
    // node.exe is delay-loaded and resolved to the running executable (electron.exe) by Node-API's hook.
    expect(imports.delayImports).toEqual(['node.exe']);
  });
});
