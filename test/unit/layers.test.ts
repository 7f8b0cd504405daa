import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Where code may run is enforced here, not hoped for: shared runs anywhere, core never sees
 * Electron or the DOM, the renderer never sees Node or the core, and only electron/ may
 * import 'electron'.
 */
const root = path.resolve(import.meta.dirname, '../..');

function sourceFiles(dir: string): string[] {
  const full = path.join(root, dir);
  if (!fs.existsSync(full)) return [];
  return (
    fs
      .readdirSync(full, { recursive: true, encoding: 'utf8' })
      .filter((f) => /\.(ts|tsx|mts|cts)$/.test(f))
      .map((f) => path.join(full, f))
      // This file quotes the forbidden imports in its messages; it loads none of them.
      .filter((f) => f !== import.meta.filename)
  );
}

/** Module specifiers a file loads at run time (type-only imports are erased, so they load nothing). */
function importsOf(file: string, options: { includeTypeOnly?: boolean } = {}): string[] {
  const text = fs
    .readFileSync(file, 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/^\s*\/\/.*$/gm, '');
  const found: string[] = [];
  const patterns = [
    /\bimport\s([^'"]*?)from\s*['"]([^'"]+)['"]/g,
    /\bimport\s*()['"]([^'"]+)['"]/g,
    /\bimport\(\s*()['"]([^'"]+)['"]\s*\)/g,
    /\brequire\(\s*()['"]([^'"]+)['"]\s*\)/g,
    /\bexport\s([^'"]*?)from\s*['"]([^'"]+)['"]/g,
  ];
  for (const pattern of patterns) {
    for (const match of text.matchAll(pattern)) {
      const typeOnly = /^type\s/.test(match[1] ?? '');
      if (!typeOnly || options.includeTypeOnly) found.push(match[2]!);
    }
  }
  return found;
}

const NODE_BUILTINS =
  /^(node:|fs$|path$|os$|crypto$|http$|https$|net$|child_process$|url$|util$|stream$|worker_threads$)/;
const NODE_ONLY_PACKAGES = /^(better-sqlite3|better-sqlite3-multiple-ciphers|exceljs|tsx)(\/|$)/;

function resolvesInto(file: string, spec: string, dir: string): boolean {
  if (!spec.startsWith('.')) return false;
  const target = path.resolve(path.dirname(file), spec);
  return target === path.join(root, dir) || target.startsWith(path.join(root, dir) + path.sep);
}

function violations(
  dir: string,
  forbidden: (spec: string, file: string) => string | null,
  options: { includeTypeOnly?: boolean } = { includeTypeOnly: true },
): string[] {
  const out: string[] = [];
  for (const file of sourceFiles(dir)) {
    for (const spec of importsOf(file, options)) {
      const why = forbidden(spec, file);
      if (why) out.push(`${path.relative(root, file)} imports '${spec}': ${why}`);
    }
  }
  return out;
}

describe('layer rules', () => {
  it('finds the sources it polices (a rule over no files proves nothing)', () => {
    expect(sourceFiles('src/shared').length).toBeGreaterThan(3);
    expect(sourceFiles('src/renderer').length).toBeGreaterThan(3);
    expect(sourceFiles('src/core').length).toBeGreaterThan(3);
    expect(importsOf(path.join(root, 'src/core/workspace.ts'))).toContain('node:fs');
  });

  it('keeps src/shared free of Node, the DOM libraries, Electron and the other layers', () => {
    expect(
      violations('src/shared', (spec, file) => {
        if (NODE_BUILTINS.test(spec) || NODE_ONLY_PACKAGES.test(spec)) return 'shared must run anywhere';
        if (spec === 'electron' || /^(react|@mantine)/.test(spec)) return 'shared must not depend on a UI or Electron';
        for (const layer of ['src/core', 'src/renderer', 'src/web', 'src/cli', 'electron'])
          if (resolvesInto(file, spec, layer)) return `shared must not import ${layer}`;
        return null;
      }),
    ).toEqual([]);
  });

  it('keeps the renderer away from Node and the core', () => {
    expect(
      violations('src/renderer', (spec, file) => {
        if (NODE_BUILTINS.test(spec) || NODE_ONLY_PACKAGES.test(spec)) return 'the renderer has no Node';
        if (spec === 'electron') return 'the renderer reaches Electron only through window.api';
        for (const layer of ['src/core', 'src/web', 'src/cli', 'electron'])
          if (resolvesInto(file, spec, layer)) return `the renderer must not import ${layer}`;
        return null;
      }),
    ).toEqual([]);
  });

  it('lets nothing outside electron/ import Electron, and keeps core off the UI', () => {
    for (const dir of ['src', 'test', 'scripts']) {
      const runtimeOnly = { includeTypeOnly: false };
      expect(
        violations(
          dir,
          (spec) =>
            spec === 'electron' || spec.startsWith('electron/') ? "only electron/ may import 'electron'" : null,
          runtimeOnly,
        ),
      ).toEqual([]);
    }
    expect(
      violations('src/core', (spec, file) => {
        if (/^(react|@mantine|@tabler)/.test(spec)) return 'core has no UI';
        for (const layer of ['src/renderer', 'src/web', 'src/cli', 'electron'])
          if (resolvesInto(file, spec, layer)) return `core must not import ${layer}`;
        return null;
      }),
    ).toEqual([]);
  });

  it('catches a forbidden import when one is written', () => {
    const probe = path.join(root, 'src/renderer/__layer_probe__.ts');
    fs.writeFileSync(
      probe,
      "import fs from 'node:fs';\nimport { openDatabase } from '../core/db/open';\nexport { fs, openDatabase };\n",
    );
    try {
      const found = violations('src/renderer', (spec, file) =>
        NODE_BUILTINS.test(spec) ? 'node' : resolvesInto(file, spec, 'src/core') ? 'core' : null,
      );
      expect(found).toHaveLength(2);
    } finally {
      fs.rmSync(probe);
    }
  });
});
