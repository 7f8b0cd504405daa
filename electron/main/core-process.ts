import type { ForkOptions, MessageChannelMain, MessagePortMain, UtilityProcess } from 'electron';
import type { CoreLink } from '../../src/core/host/host';
import type { FromCore, ToCore } from '../../src/core/host/protocol';

/*
 * The desktop app's core: a utilityProcess (Chromium's service process running Node) forked by
 * main, talking to main over a MessagePort of its own (MessageChannelMain). Only `import type`
 * from Electron here, so that the options and the port wiring are tested in plain Node
 * (test/unit/electron-core-process.test.ts), as hardening.ts is.
 */

/** How the core appears in the task manager, app.getAppMetrics() and `child-process-gone`. */
export const CORE_SERVICE_NAME = 'party-office-core';

/** The core bundle beside main's (electron.vite.config.ts, input `core`). */
export const CORE_ENTRY_FILE = 'core.js';

/** Variables that would let the environment load code into the core, dropped from what it inherits. */
const DROPPED_ENV = ['NODE_OPTIONS', 'NODE_PATH', 'ELECTRON_RUN_AS_NODE', 'NODE_REPL_EXTERNAL_MODULE'];

export function coreForkOptions(env: NodeJS.ProcessEnv): ForkOptions {
  const kept: Record<string, string> = {};
  for (const [key, value] of Object.entries(env))
    if (value !== undefined && !DROPPED_ENV.includes(key)) kept[key] = value;
  return {
    serviceName: CORE_SERVICE_NAME,
    // The core's own console output (a crash's stack) goes where main's goes; stdin is never read.
    stdio: 'inherit',
    env: kept,
    // No flags: --inspect and the like would open a debugging port into the process holding the data.
    execArgv: [],
    allowLoadingUnsignedLibraries: false,
  };
}

/** What of Electron the launcher uses: injected, so that tests can hand in stand-ins. */
export interface ElectronCoreApi {
  fork(modulePath: string, args: string[], options: ForkOptions): UtilityProcess;
  channel(): Pick<MessageChannelMain, 'port1' | 'port2'>;
}

/**
 * Forks the core and hands it one end of a fresh MessageChannelMain as its first message; main
 * keeps the other. Messages posted before the core listens wait in the port (it is started only
 * on the core's side once it has its handler), so nothing is lost at start.
 */
export function launchUtilityCore(electron: ElectronCoreApi, entry: string, env: NodeJS.ProcessEnv): CoreLink {
  const child = electron.fork(entry, [], coreForkOptions(env));
  const { port1, port2 } = electron.channel();
  child.postMessage({ kind: 'core-port' }, [port2 as MessagePortMain]);
  const handlers: ((message: FromCore) => void)[] = [];
  port1.on('message', (event) => {
    for (const handler of handlers) handler(event.data as FromCore);
  });
  port1.start();
  let exited = false;
  child.once('exit', () => {
    exited = true;
    port1.close();
  });
  return {
    get pid() {
      return child.pid;
    },
    post(message: ToCore) {
      if (!exited) port1.postMessage(message);
    },
    onMessage: (handler) => void handlers.push(handler),
    onExit: (handler) => void child.once('exit', (code: number) => handler(code, `exit code ${code}`)),
    kill: () => void child.kill(),
  };
}
