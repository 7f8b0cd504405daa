import { fork } from 'node:child_process';
import module from 'node:module';
import type { CoreLink } from './host';
import type { FromCore, ToCore } from './protocol';

/** The argument that makes browser mode's entry serve the core instead (src/web/main.ts). */
export const SERVE_CORE_FLAG = '--serve-core';

/** The first message a forked core sends, once it listens; nothing is posted to it before. */
export const LISTENING = 'party-office-core:listening';

/**
 * Starts the core as a Node child process (browser mode; Electron uses its utilityProcess):
 * `entry` run with `args`, talking over Node's IPC channel with structured-clone serialization
 * (what a MessagePort carries). The child inherits the compile cache, so it starts warm.
 */
export function forkCore(entry: string, args: string[]): CoreLink {
  const cache = module.getCompileCacheDir?.();
  const child = fork(entry, args, {
    serialization: 'advanced',
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    execArgv: process.execArgv,
    env: cache ? { ...process.env, NODE_COMPILE_CACHE: cache } : process.env,
  });
  let listening = false;
  const queue: ToCore[] = [];
  const handlers: ((message: FromCore) => void)[] = [];
  child.on('message', (message: FromCore | typeof LISTENING) => {
    if (message === LISTENING) {
      listening = true;
      for (const queued of queue.splice(0)) child.send(queued);
      return;
    }
    for (const handler of handlers) handler(message);
  });
  // A send to a child that has just died fails with EPIPE/ERR_IPC_CHANNEL_CLOSED; its exit is what counts.
  child.on('error', () => undefined);
  return {
    pid: child.pid,
    post(message) {
      if (!listening) queue.push(message);
      else if (child.connected) child.send(message);
    },
    onMessage: (handler) => void handlers.push(handler),
    onExit: (handler) =>
      void child.once('exit', (code, signal) => handler(code, signal ? `signal ${signal}` : `exit code ${code}`)),
    kill: () => void child.kill('SIGKILL'),
  };
}
