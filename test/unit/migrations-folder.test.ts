import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '../../src/core/db/migrations';

const folder = path.join(import.meta.dirname, '../../src/core/db/migrations');

describe('migrations folder', () => {
  it('lists every NNN-*.ts file once, numbered from 001 without gaps, in order', async () => {
    const files = fs
      .readdirSync(folder)
      .filter((f) => /^\d{3}-.+\.ts$/.test(f))
      .sort();
    expect(files.map((f) => Number(f.slice(0, 3)))).toEqual(files.map((_, i) => i + 1));
    expect(MIGRATIONS).toHaveLength(files.length);
    expect(LATEST_SCHEMA_VERSION).toBe(files.length);
    for (const [i, file] of files.entries()) {
      const step = ((await import(path.join(folder, file))) as { default: unknown }).default;
      expect(MIGRATIONS[i], `${file} must be migration ${i + 1}`).toBe(step);
    }
  });

  it('has nothing else in the folder but the index and the type', () => {
    const others = fs.readdirSync(folder).filter((f) => !/^\d{3}-.+\.ts$/.test(f));
    expect(others.sort()).toEqual(['index.ts', 'migration.ts']);
  });
});
