/*
 * The fault-injection harness: a child process (an entry point compiled by bundle.ts) run to its end,
 * killed with SIGKILL at a named point of the core (src/core/fault-point.ts), or after a seeded
 * random delay — the power cut or task-manager kill a custody operation must survive.
 *
 *   const clean = await runChild(entry, args, { trace: true });   // which points does a run pass?
 *   const killed = await runChild(entry, args, { killAt: 'keys:journal-written' });
 *   const late = await runChild(entry, args, { killAfterMs: 180 });
 *
 * The child writes what the parent must know (a recovery code it was shown, "done") to stdout; the
 * points it passed come back in `points`, in order, whatever the mode.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { bundled, COMPILE_CACHE } from './bundle';

const root = path.resolve(import.meta.dirname, '../..');

export interface ChildRun {
  /** Exit code; null when killed. */
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** The fault points passed, as "name#n", in order (the one killed at included). */
  points: string[];
  /** Whether the child died by SIGKILL (at a point, or by the delay) rather than ending. */
  killed: boolean;
  /** Milliseconds from the child's "go" to its end (null if it never said go): the span random kills are drawn from. */
  msAfterGo: number | null;
  /** The child's process id (what a refusal by another process names). */
  pid: number;
}

export interface ChildOptions {
  /** Kill at this point ("name" or "name#n"): the process SIGKILLs itself there. */
  killAt?: string;
  /** SIGKILL from outside this many ms after the child says "go" on stdout. */
  killAfterMs?: number;
  env?: Record<string, string>;
  /** Called when the child says "go" (to start a second process while the first holds the file, say). */
  onGo?: () => void;
}

/** Runs `entry` (a repository path such as test/support/key-change-child.ts) with `args`. */
export function runChild(entry: string, args: string[], options: ChildOptions = {}): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bundled(entry), ...args], {
      cwd: root,
      env: {
        ...process.env,
        NODE_COMPILE_CACHE: COMPILE_CACHE,
        PARTY_OFFICE_FAULT_TRACE: '1',
        ...(options.killAt ? { PARTY_OFFICE_FAULT_AT: options.killAt } : {}),
        ...options.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let timer: NodeJS.Timeout | null = null;
    let goAt: number | null = null;
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      if (goAt !== null || !/^go$/m.test(stdout)) return;
      goAt = performance.now();
      options.onGo?.();
      if (options.killAfterMs !== undefined) timer = setTimeout(() => child.kill('SIGKILL'), options.killAfterMs);
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (timer) clearTimeout(timer);
      const points = [...stderr.matchAll(/^fault-point (\S+)$/gm)].map((m) => m[1]!);
      const msAfterGo = goAt === null ? null : performance.now() - goAt;
      resolve({ code, signal, stdout, stderr, points, killed: signal === 'SIGKILL', msAfterGo, pid: child.pid! });
    });
  });
}

/** The value of a "name value" line the child printed, or null. */
export function said(run: ChildRun, name: string): string | null {
  return new RegExp(`^${name} (.+)$`, 'm').exec(run.stdout)?.[1] ?? null;
}
