#!/usr/bin/env node
/*
 * Builds the installers on a machine with no network (an office's build machine), from a local store:
 *
 *   npm run dist               build out/, then the Windows and Linux installers into dist/
 *   npm run dist -- --linux    only Linux (or --win)
 *   npm run dist:check         say which files the store lacks, for which target, and where they go
 *
 * The store is PARTY_OFFICE_DIST_STORE, else dist-store/ in the repository (git-ignored):
 *
 *   <store>/electron/electron-v<version>-<platform>-<arch>.zip   Electron itself, one zip per target
 *   <store>/electron-builder/<release>/<archive>                 electron-builder's tools (NSIS, winCodeSign,
 *                                                                 AppImage, fpm), as its cache keeps them
 *
 * electronDist points electron-builder at the zips and ELECTRON_BUILDER_CACHE at the tools, so it
 * downloads nothing; ELECTRON_BUILDER_BINARIES_MIRROR and ELECTRON_MIRROR point at an unroutable
 * address, so that a missing file fails at once instead of reaching out. To fill the store, run
 * `npm run dist` once with the same store on a machine that has network, with PARTY_OFFICE_DIST_ONLINE=1:
 * electron-builder then keeps every archive it downloads in <store>/electron-builder, and the zips
 * are taken from Electron's own cache into <store>/electron. Copy the store to the office's machine.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const store = path.resolve(process.env.PARTY_OFFICE_DIST_STORE ?? path.join(root, 'dist-store'));
const electronVersion = JSON.parse(
  fs.readFileSync(path.join(root, 'node_modules/electron/package.json'), 'utf8'),
).version;

/** What each installer needs from the store, beside Electron's zip (electron-builder 26's tool archives). */
const TARGETS = [
  {
    name: 'Windows x64 (NSIS, portable)',
    flag: '--win',
    platform: 'win32',
    arch: 'x64',
    tools: ['winCodeSign', 'nsis'],
  },
  { name: 'Linux x64 (deb, AppImage)', flag: '--linux', platform: 'linux', arch: 'x64', tools: ['fpm', 'appimage'] },
  {
    name: 'Linux arm64 (deb, AppImage)',
    flag: '--linux',
    platform: 'linux',
    arch: 'arm64',
    tools: ['fpm', 'appimage'],
  },
];

const zipName = (t) => `electron-v${electronVersion}-${t.platform}-${t.arch}.zip`;
const builderCache = path.join(store, 'electron-builder');

/** The tool archives in the store whose release folder starts with `tool` (e.g. nsis@1.2.1, winCodeSign-2.6.0). */
function toolArchives(tool) {
  if (!fs.existsSync(builderCache)) return [];
  return fs
    .readdirSync(builderCache)
    .filter((release) => release.toLowerCase().startsWith(tool.toLowerCase()))
    .flatMap((release) =>
      fs
        .readdirSync(path.join(builderCache, release))
        .filter((f) => /\.(7z|zip|tar\.gz|tgz|tar\.xz)$/.test(f))
        .map((f) => `${release}/${f}`),
    );
}

function missing(target) {
  const lacks = [];
  const zip = path.join(store, 'electron', zipName(target));
  if (!fs.existsSync(zip)) lacks.push(`Electron ${electronVersion}: put ${zipName(target)} in ${path.dirname(zip)}`);
  for (const tool of target.tools) {
    if (toolArchives(tool).length === 0) {
      lacks.push(
        `${tool}: put its archive from electron-builder's cache in ${builderCache}/<release>/ (see the header)`,
      );
    }
  }
  return lacks;
}

function check(targets) {
  let complete = true;
  console.log(`store: ${store}`);
  for (const t of targets) {
    const lacks = missing(t);
    console.log(`${lacks.length === 0 ? '✓' : '✗'} ${t.name}`);
    for (const line of lacks) console.log(`    missing ${line}`);
    complete &&= lacks.length === 0;
  }
  return complete;
}

function run(command, args, env = {}) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const args = process.argv.slice(2);
const wanted = TARGETS.filter((t) => !args.some((a) => a === '--win' || a === '--linux') || args.includes(t.flag));
if (args.includes('--check')) process.exit(check(wanted) ? 0 : 1);

const online = process.env.PARTY_OFFICE_DIST_ONLINE === '1';
if (!online && !check(wanted)) {
  console.error('\nThe store is incomplete: see above (npm run dist:check).');
  process.exit(1);
}
fs.mkdirSync(path.join(store, 'electron'), { recursive: true });
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
run(npx, ['electron-vite', 'build']);
const env = {
  ELECTRON_BUILDER_CACHE: builderCache,
  ...(online
    ? {}
    : { ELECTRON_BUILDER_BINARIES_MIRROR: 'http://127.0.0.1:9/', ELECTRON_MIRROR: 'http://127.0.0.1:9/' }),
};
for (const flag of [...new Set(wanted.map((t) => t.flag))]) {
  const arches = [...new Set(wanted.filter((t) => t.flag === flag).map((t) => `--${t.arch}`))];
  const config = ['--config', 'electron-builder.config.cjs', ...arches];
  // electronDist is a folder holding the zips: electron-builder takes electron-v<version>-<platform>-<arch>.zip from it.
  if (!online) config.push(`-c.electronDist=${path.join(store, 'electron')}`);
  // Linux installs into /opt/<productName>: ASCII there; the launcher keeps the Chinese name (desktop entry).
  if (flag === '--linux') config.push('-c.productName=party-office-workbench');
  run(npx, ['electron-builder', flag, ...config], env);
}
if (online) {
  // Keep the zips electron-builder downloaded (Electron's own cache) for the offline machines.
  const cache = process.env.ELECTRON_CACHE ?? path.join(os.homedir(), '.cache', 'electron');
  for (const t of wanted) {
    const found = fs.existsSync(cache)
      ? fs
          .readdirSync(cache, { recursive: true })
          .map(String)
          .find((f) => path.basename(f) === zipName(t))
      : undefined;
    if (found) fs.copyFileSync(path.join(cache, found), path.join(store, 'electron', zipName(t)));
  }
  check(wanted);
}
