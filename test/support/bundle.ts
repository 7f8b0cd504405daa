/*
 * An entry point (the CLI, browser mode, the crash writer) compiled once per test process by
 * esbuild (the compiler tsx runs on) into one module, the packages in node_modules loaded as
 * they are. It is the same code, but a child started as `node bundle.mjs` is ready in about
 * 0.4 s where `node --import tsx` takes about 1 s (tsx's loader hooks see every module), and the
 * fault-injection and multi-process tests start children by the hundred.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildSync } from 'esbuild';

const root = path.resolve(import.meta.dirname, '../..');
const built = new Map<string, string>();

/** Compiled code is cached between the children, so that each starts in well under a second. */
export const COMPILE_CACHE = path.join(os.tmpdir(), 'party-office-crash-compile-cache');

/** The path of `entry` (relative to the repository) compiled into a module; built on first use. */
export function bundled(entry: string): string {
  const existing = built.get(entry);
  if (existing) return existing;
  const name = path.basename(entry, '.ts');
  const outfile = path.join(root, 'node_modules/.cache/party-office-tests', `${name}-${process.pid}.mjs`);
  buildSync({
    entryPoints: [path.join(root, entry)],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    packages: 'external',
    outfile,
    logLevel: 'error',
  });
  fs.mkdirSync(COMPILE_CACHE, { recursive: true });
  built.set(entry, outfile);
  return outfile;
}

/** Removes this process's compiled modules (call in afterAll). */
export function removeBundles(): void {
  for (const file of built.values()) fs.rmSync(file, { force: true });
  built.clear();
}
