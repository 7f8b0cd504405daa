import fs from 'node:fs';
import path from 'node:path';

/**
 * The data-custody proofs report figures (kills, checks, files refused, times) in one file,
 * test-results/custody-figures.json, one section per test file. Test files run in parallel
 * workers, so each update takes a directory lock around its read-modify-write.
 */
export const FIGURES_FILE = path.resolve('test-results', 'custody-figures.json');

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

export function recordFigures(section: string, figures: Record<string, unknown>): void {
  fs.mkdirSync(path.dirname(FIGURES_FILE), { recursive: true });
  const lock = `${FIGURES_FILE}.lock`;
  const started = Date.now();
  for (;;) {
    try {
      fs.mkdirSync(lock);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      // A lock older than 30 s was left by a killed run.
      if (Date.now() - started > 30_000) fs.rmSync(lock, { recursive: true, force: true });
      sleep(20);
    }
  }
  try {
    let all: Record<string, unknown> = {};
    try {
      all = JSON.parse(fs.readFileSync(FIGURES_FILE, 'utf8')) as Record<string, unknown>;
    } catch {
      // first section of the run
    }
    all[section] = { ...figures, recordedAt: new Date().toISOString() };
    const temp = `${FIGURES_FILE}.tmp-${process.pid}`;
    fs.writeFileSync(temp, `${JSON.stringify(all, null, 2)}\n`);
    fs.renameSync(temp, FIGURES_FILE);
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
  console.log(`[custody figures] ${section}: ${JSON.stringify(figures)}`);
}
