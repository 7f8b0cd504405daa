import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
import { inProcessCore } from '../../src/core/connection';
import { directInvoke } from '../../src/core/dispatch';
import { createHandlers } from '../../src/core/handlers';
import { Workspace } from '../../src/core/workspace';
import type { IsoDate } from '../../src/shared/dates';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()?.();
});

export function tempDir(prefix = 'party-office-test-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A real database file in a fresh temp folder, closed and removed after the test. */
export function tempWorkspace(options: { today?: IsoDate; dataDir?: string } = {}) {
  const dataDir = options.dataDir ?? tempDir();
  let today = options.today ?? '2026-11-22';
  const ws = new Workspace({ dataDir, via: 'test', actor: '测试员', today: () => today });
  // The core as a transport sees it (tasks, progress, cancel), over the same handlers as `api`.
  const core = inProcessCore((tasks) => createHandlers(ws, { tasks }));
  const { handlers } = core;
  cleanups.push(() => ws.close());
  return {
    ws,
    dataDir,
    handlers,
    core,
    api: directInvoke(handlers),
    setToday(next: IsoDate) {
      today = next;
    },
  };
}

export const SAMPLE_SETUP = {
  organName: '某某局',
  committeeKind: 'committee' as const,
  committeeName: '中共某某局机关委员会',
  superiorName: '中共某某市直属机关工作委员会',
  branches: ['第一党支部', '第二党支部'],
};
