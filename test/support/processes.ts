/*
 * The app's other doors as real processes, for the tests where two processes share one data
 * file: the CLI (`npm run cli`) and browser mode (`npm run web`), each started from its compiled
 * entry point (bundle.ts) with the data folder in PARTY_OFFICE_DATA_DIR.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { Channel, Input, Output } from '../../src/shared/contract';
import { AppError, type Result } from '../../src/shared/errors';
import { bundled, COMPILE_CACHE } from './bundle';

const root = path.resolve(import.meta.dirname, '../..');

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI to its end (asynchronously: a browser-mode child may need the event loop meanwhile). */
export function runCli(args: string[], env: Record<string, string> = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bundled('src/cli/main.ts'), ...args], {
      cwd: root,
      env: { ...process.env, NODE_COMPILE_CACHE: COMPILE_CACHE, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

export interface BrowserMode {
  child: ChildProcess;
  pid: number;
  url: string;
  /** A call through POST /api/invoke with the launch token, as the page makes it. */
  invoke<C extends Channel>(channel: C, input: Input<C>): Promise<Output<C>>;
  /** The raw envelope, for refusals. */
  envelope(channel: Channel, input: unknown): Promise<Result<unknown>>;
  /** Resolves when the process has ended. */
  exited: Promise<number | null>;
}

/** Starts browser mode on `dataDir` and waits for the address it prints. */
export async function startBrowserMode(dataDir: string): Promise<BrowserMode> {
  const child = spawn(process.execPath, [bundled('src/web/main.ts'), '--port', '0'], {
    cwd: root,
    env: { ...process.env, NODE_COMPILE_CACHE: COMPILE_CACHE, PARTY_OFFICE_DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const match = /http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]+/.exec(output);
      if (match) resolve(match[0]);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    void exited.then((code) => reject(new Error(`browser mode exited (${code}):\n${output}`)));
  });
  const address = new URL(url);
  const token = address.hash.replace('#token=', '');
  const envelope = async (channel: Channel, input: unknown): Promise<Result<unknown>> => {
    const response = await fetch(`${address.origin}/api/invoke`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      body: JSON.stringify({ channel, input }),
    });
    return (await response.json()) as Result<unknown>;
  };
  return {
    child,
    pid: child.pid!,
    url,
    exited,
    envelope,
    async invoke(channel, input) {
      const result = await envelope(channel, input);
      if (!result.ok) throw AppError.from(result.error);
      return result.value as Output<typeof channel>;
    },
  };
}
