import { performance } from 'node:perf_hooks';
import { isChannel } from '../../shared/contract';
import type { Result } from '../../shared/errors';
import { inProcessCore } from '../connection';
import { closeSharedPrinter } from '../documents/chromium-printer';
import { createHandlers } from '../handlers';
import { describeError, type LogEntry } from '../log/diagnostic-log';
import { dataFileFacts, fontFacts, versionFacts } from '../log/facts';
import { Workspace } from '../workspace';
import type { CorePort, CoreStart, FromCore, ToCore } from './protocol';
import { remotePrinter } from './remote-printer';

/** A call that takes longer than this is noted in the log with its duration (never its input). */
const SLOW_CALL_MS = 1000;

/**
 * The core's one entry, whatever process it runs in (Electron's utilityProcess, browser mode's
 * child process): waits for `start`, opens the workspace on the data folder it names, then answers
 * calls by request id, forwards the core's events, and asks the host to print when told to. The
 * log's lines go to the host, which writes the file. Returns when it has been told to stop and the
 * file is closed; `exit` then ends the process.
 */
export function serveCore(port: CorePort<ToCore, FromCore>, exit: (code: number) => void): void {
  const log = (entry: LogEntry) => port.post({ type: 'log', entry });
  let started: { workspace: Workspace; invoke: ReturnType<typeof inProcessCore>['invoke'] } | null = null;
  const printer = remotePrinter(port);

  function start(options: CoreStart): void {
    const workspace = new Workspace({ dataDir: options.dataDir, via: options.via, holderPid: options.hostPid });
    const core = inProcessCore(
      (tasks) => createHandlers(workspace, { tasks, ...(options.printer === 'host' ? { printer } : {}) }),
      {
        onUnexpected: (channel, error) =>
          log({ level: 'error', event: 'call.failed', ...describeError(error), fields: { channel } }),
      },
    );
    core.onEvent((event) => port.post({ type: 'event', event }));
    started = { workspace, invoke: core.invoke };
    port.post({ type: 'ready' });
    log({
      level: 'info',
      event: 'core.started',
      facts: { ...versionFacts({ via: options.via, pid: process.pid }), ...dataFileFacts(workspace.dataFile) },
    });
    // The fonts are looked up once (fc-list) after the first screen has had its data.
    setTimeout(() => log({ level: 'info', event: 'core.fonts', facts: fontFacts() }), 3000).unref();
  }

  async function invoke(message: Extract<ToCore, { type: 'invoke' }>): Promise<void> {
    const began = performance.now();
    const result: Result<unknown> = started
      ? await started.invoke(message.channel, message.input, message.task)
      : { ok: false, error: { code: 'INTERNAL', message: '数据服务尚未启动。', detail: 'invoke before start' } };
    // Serialised here, in the core: a 10,000-row preview parsed and cloned in the host would stall it.
    port.post({ type: 'result', id: message.id, json: JSON.stringify(result) });
    const channel = isChannel(message.channel) ? message.channel : 'unknown';
    const ms = Math.round(performance.now() - began);
    if (!result.ok && result.error.code !== 'INTERNAL') {
      // INTERNAL was logged with its stack as it happened; the others are expected refusals.
      log({
        level: result.error.code === 'CANCELLED' ? 'info' : 'warn',
        event: 'call.refused',
        ...(result.error.detail ? { detail: result.error.detail } : {}),
        fields: { channel, code: result.error.code, ms },
      });
    } else if (ms >= SLOW_CALL_MS) {
      log({ level: 'info', event: 'call.slow', fields: { channel, ms } });
    }
  }

  async function stop(): Promise<void> {
    started?.workspace.close();
    started = null;
    await closeSharedPrinter();
    port.post({ type: 'stopped' });
    exit(0);
  }

  port.listen((message) => {
    switch (message.type) {
      case 'start':
        if (!started) start(message.start);
        return;
      case 'invoke':
        void invoke(message);
        return;
      case 'printed':
      case 'printFailed':
        printer.answer(message);
        return;
      case 'stop':
        void stop();
        return;
    }
  });
}

/** Uncaught errors in the core process: logged through the host, then the process ends (the host restarts it). */
export function exitOnUncaught(port: CorePort<ToCore, FromCore>, exit: (code: number) => void): void {
  const fatal = (kind: string) => (error: unknown) => {
    port.post({ type: 'log', entry: { level: 'error', event: `core.${kind}`, ...describeError(error) } });
    console.error(error);
    // A moment for the line to leave before the process goes.
    setTimeout(() => exit(70), 50);
  };
  process.on('uncaughtException', fatal('uncaughtException'));
  process.on('unhandledRejection', fatal('unhandledRejection'));
}
