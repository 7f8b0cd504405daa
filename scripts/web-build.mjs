/**
 * Browser mode's build, done once: the renderer (vite → out/web) and the local server (one
 * esbuild bundle of src/web, src/core and src/shared → out/web-server/main.mjs, the npm packages
 * left as they are installed) are rebuilt only when their sources changed since the last build.
 * Each build's sources are hashed (by contents when their times changed: a checkout rewrites
 * times) and the hash is kept beside the build; a build goes to a folder of its own and replaces the old one only
 * when complete, so an interrupted build never leaves a half-built app that looks current.
 *
 *   node scripts/web-build.mjs           build what is stale, else say nothing
 *   node scripts/web-build.mjs --check   exit 1 when something needs building (nothing written)
 */
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export const root = path.resolve(import.meta.dirname, '..');
/** Beside the build, not in it: the server need not serve it. */
const stampOf = (target) => `${target.outDir}.sources.json`;

/**
 * What each build reads. The layer rules (test/unit/layers.test.ts) keep the renderer to
 * src/renderer and src/shared, and the server to src/web, src/core and src/shared.
 */
export const TARGETS = [
  {
    name: 'renderer',
    outDir: path.join(root, 'out', 'web'),
    sources: ['src/renderer', 'src/shared', 'vite.web.config.ts', 'tsconfig.web.json', 'package-lock.json'],
    build: (staging) =>
      run([
        path.join(root, 'node_modules', 'vite', 'bin', 'vite.js'),
        'build',
        '--config',
        'vite.web.config.ts',
        '--logLevel',
        'warn',
        '--outDir',
        staging,
        '--emptyOutDir',
      ]),
  },
  {
    name: 'server',
    outDir: path.join(root, 'out', 'web-server'),
    sources: ['src/web', 'src/core', 'src/shared', 'tsconfig.node.json', 'package-lock.json'],
    build: async (staging) => {
      const esbuild = await import('esbuild');
      await esbuild.build({
        entryPoints: [path.join(root, 'src', 'web', 'main.ts')],
        outfile: path.join(staging, 'main.mjs'),
        bundle: true,
        platform: 'node',
        format: 'esm',
        target: 'node22',
        // The installed packages are loaded as installed (the SQLite addon cannot be bundled).
        packages: 'external',
        logLevel: 'warning',
      });
      return true;
    },
  },
];

function run(args) {
  return spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' }).status === 0;
}

function listFiles(relative) {
  const full = path.join(root, relative);
  let stat;
  try {
    stat = fs.statSync(full);
  } catch {
    return [];
  }
  if (stat.isFile()) return [relative];
  return fs
    .readdirSync(full, { withFileTypes: true })
    .flatMap((entry) => listFiles(path.join(relative, entry.name)))
    .sort();
}

/** The files' names, sizes and times: cheap to read, and unchanged files keep them. */
function statsOf(files) {
  const hash = crypto.createHash('sha256');
  for (const file of files) {
    const stat = fs.statSync(path.join(root, file));
    hash.update(`${file}\0${stat.size}\0${stat.mtimeMs}\0`);
  }
  return hash.digest('hex');
}

/** The files' contents: what decides, when the times changed (a checkout, a copy) but maybe not the contents. */
function contentsOf(files) {
  const hash = crypto.createHash('sha256');
  for (const file of files) {
    hash.update(file.split(path.sep).join('/'));
    hash.update('\0');
    hash.update(fs.readFileSync(path.join(root, file)));
    hash.update('\0');
  }
  return hash.digest('hex');
}

function readStamp(target) {
  try {
    if (!fs.existsSync(target.outDir)) return null;
    return JSON.parse(fs.readFileSync(stampOf(target), 'utf8'));
  } catch {
    return null;
  }
}

/**
 * The targets whose build is missing or older than their sources. Files whose names, sizes
 * and times are as at the last build are not read again; otherwise their contents decide (and
 * the times are noted, so the next start is quick again).
 */
export function staleTargets() {
  const stale = [];
  for (const target of TARGETS) {
    const files = target.sources.flatMap(listFiles);
    const stamp = readStamp(target);
    const stats = statsOf(files);
    if (stamp?.stats === stats) continue;
    const contents = contentsOf(files);
    if (stamp?.contents === contents) {
      fs.writeFileSync(stampOf(target), JSON.stringify({ contents, stats }));
      continue;
    }
    stale.push({ target, stamp: { contents, stats }, fresh: stamp === null });
  }
  return stale;
}

/** Builds what is stale; false when a build failed (its message is already on screen). */
export async function ensureBuilt() {
  const stale = staleTargets();
  if (stale.length === 0) return true;
  const fresh = stale.some((s) => s.fresh);
  console.log(fresh ? '首次启动，正在生成程序（只做一次）……' : '程序已更新，正在重新生成（只在更新后做一次）……');
  const started = Date.now();
  for (const { target, stamp } of stale) {
    const staging = `${target.outDir}.building-${process.pid}`;
    fs.rmSync(staging, { recursive: true, force: true });
    fs.mkdirSync(staging, { recursive: true });
    let ok = false;
    try {
      ok = await target.build(staging);
    } catch (error) {
      console.error(error instanceof Error ? error.message : String(error));
    }
    if (!ok) {
      fs.rmSync(staging, { recursive: true, force: true });
      console.error('生成失败，见上方信息。');
      return false;
    }
    // Swap the finished build in (the old one is removed only after the new one is in place),
    // then record its sources; a crash in between leaves no stamp, so the next start rebuilds.
    fs.rmSync(stampOf(target), { force: true });
    const old = `${target.outDir}.old-${process.pid}`;
    if (fs.existsSync(target.outDir)) fs.renameSync(target.outDir, old);
    fs.renameSync(staging, target.outDir);
    fs.rmSync(old, { recursive: true, force: true });
    fs.writeFileSync(stampOf(target), JSON.stringify(stamp));
  }
  console.log(`已生成（${((Date.now() - started) / 1000).toFixed(1)} 秒），以后启动不再生成。`);
  return true;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  if (process.argv.includes('--check')) process.exit(staleTargets().length === 0 ? 0 : 1);
  process.exit((await ensureBuilt()) ? 0 : 1);
}
