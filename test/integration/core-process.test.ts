/*
 * The desktop app's core process, as far as Node goes without Electron: main's launcher
 * (electron/main/core-process.ts) forks the real core entry (src/core/host/utility-entry.ts, as
 * electron-vite bundles it) and hands it a MessagePort; here utilityProcess.fork is a stand-in that
 * runs that bundle in a worker thread with process.parentPort supplied, and MessageChannelMain is
 * Node's MessageChannel, so the messages, ports, start order and exits are the real protocol's.
 * Over it, main's CoreHost: calls by request id, progress events, printing done by the host at the
 * core's request, a core that dies mid-import (nothing written, the call told so in its own words,
 * a new core on the same file), and a stop that closes the file and lets go of the writer lock.
 */
import { EventEmitter } from 'node:events';
import { MessageChannel, Worker } from 'node:worker_threads';
import type { MessagePortMain, UtilityProcess } from 'electron';
import { PDFDocument } from 'pdf-lib';
import { afterAll, describe, expect, it } from 'vitest';
import {
  CORE_SERVICE_NAME,
  coreForkOptions,
  launchUtilityCore,
  type ElectronCoreApi,
} from '../../electron/main/core-process';
import { currentHolder } from '../../src/core/custody/writer-lock';
import { CoreHost } from '../../src/core/host/host';
import type { LogEntry } from '../../src/core/log/diagnostic-log';
import { dataFilePath } from '../../src/core/paths';
import type { AppEvent } from '../../src/shared/bridge';
import type { Result } from '../../src/shared/errors';
import { rosterMembers, rosterWorkbook } from '../support/big-roster';
import { bundled, removeBundles } from '../support/bundle';
import { SAMPLE_SETUP, tempDir } from '../support/temp-workspace';

afterAll(removeBundles);

/** process.parentPort as the utility process has it, over the worker's own channel. */
const SHIM = `
const { parentPort, workerData } = require('node:worker_threads');
const { pathToFileURL } = require('node:url');
const wrap = (port) => ({
  postMessage: (message) => port.postMessage(message),
  on: (event, listener) => port.on('message', (data) => listener({ data })),
  start: () => port.start(),
});
process.parentPort = {
  once: (event, listener) => parentPort.once('message', (m) => listener({ data: m.data, ports: m.ports.map(wrap) })),
};
import(pathToFileURL(workerData.entry).href);
`;

interface Fork {
  entry: string;
  args: string[];
  options: ReturnType<typeof coreForkOptions>;
  firstMessage: unknown;
  worker: Worker;
}

/** utilityProcess.fork and MessageChannelMain, standing in with a worker thread and Node's MessageChannel. */
function fakeElectron(): ElectronCoreApi & { forks: Fork[] } {
  const forks: Fork[] = [];
  const entry = bundled('src/core/host/utility-entry.ts');
  return {
    forks,
    fork(modulePath, args, options) {
      const worker = new Worker(SHIM, { eval: true, workerData: { entry } });
      const child = new EventEmitter() as EventEmitter & Partial<UtilityProcess>;
      const record: Fork = { entry: modulePath, args, options, firstMessage: undefined, worker };
      forks.push(record);
      Object.assign(child, {
        pid: 10_000 + forks.length,
        postMessage: (message: unknown, transfer: MessagePortMain[]) => {
          record.firstMessage ??= message;
          worker.postMessage({ data: message, ports: transfer }, transfer as never);
        },
        kill: () => void worker.terminate(),
      });
      worker.on('exit', (code) => child.emit('exit', code));
      return child as UtilityProcess;
    },
    channel() {
      const { port1, port2 } = new MessageChannel();
      const main = {
        on: (_event: 'message', listener: (event: { data: unknown }) => void) =>
          port1.on('message', (data) => listener({ data })),
        postMessage: (message: unknown) => port1.postMessage(message),
        start: () => port1.start(),
        close: () => port1.close(),
      };
      return { port1: main as unknown as MessagePortMain, port2: port2 as unknown as MessagePortMain };
    },
  };
}

const HOST_PID = 424_242;

function desktopCore(dataDir: string) {
  const electron = fakeElectron();
  const logged: LogEntry[] = [];
  const printed: string[] = [];
  const core = new CoreHost({
    start: { dataDir, via: 'desktop', hostPid: HOST_PID, printer: 'host' },
    launch: () =>
      launchUtilityCore(electron, '/app/out/main/core.js', { HOME: '/home/x', NODE_OPTIONS: '--require=evil' }),
    log: (entry) => logged.push(entry),
    printer: {
      async print(html) {
        printed.push(html);
        const pdf = await PDFDocument.create();
        pdf.addPage([595, 842]);
        return pdf.save();
      },
    },
  });
  const events: AppEvent[] = [];
  core.onEvent((event) => events.push(event));
  const call = async <T>(channel: string, input: unknown, task?: string): Promise<T> => {
    const result = (await core.invoke(channel, input, task)) as Result<T>;
    if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
    return result.value;
  };
  return { core, electron, logged, printed, events, call };
}

describe('the desktop core process (utilityProcess wiring, MessagePort protocol)', () => {
  it('is forked with its own name, no inherited code-loading variables and no flags', () => {
    const options = coreForkOptions({ HOME: '/home/x', NODE_OPTIONS: '--require=evil', ELECTRON_RUN_AS_NODE: '1' });
    expect(options).toMatchObject({
      serviceName: CORE_SERVICE_NAME,
      execArgv: [],
      allowLoadingUnsignedLibraries: false,
    });
    expect(options.env).toEqual({ HOME: '/home/x' });
  });

  it('serves calls over the port, prints through main, survives its own death mid-import, and stops cleanly', async () => {
    const dataDir = tempDir();
    const desk = desktopCore(dataDir);
    expect(await desk.call('app.status', {})).toMatchObject({ state: 'needsSetup', via: 'desktop' });
    const [first] = desk.electron.forks;
    expect(first).toMatchObject({ entry: '/app/out/main/core.js', args: [], firstMessage: { kind: 'core-port' } });
    expect(first!.options.env).not.toHaveProperty('NODE_OPTIONS');

    await desk.call('organ.setup', { ...SAMPLE_SETUP, password: null });
    // The lock is taken in the core's process but names the desktop app, the process the office would close.
    expect(currentHolder(dataFilePath(dataDir))).toMatchObject({ pid: HOST_PID, via: 'desktop' });

    // A document: laid out in the core, printed by main (Electron's Chromium there; a stand-in here).
    const preview = await desk.call<{ pdf: string }>('documents.preview', { id: 'org-units' });
    expect((await PDFDocument.load(Buffer.from(preview.pdf, 'base64'))).getPageCount()).toBe(1);
    expect(desk.printed).toHaveLength(1);
    expect(desk.printed[0]).toContain('第一党支部');

    // A 3,000-row import, killed while it writes.
    const members = rosterMembers(3000, SAMPLE_SETUP.branches);
    const file = { fileName: '名册.xlsx', base64: Buffer.from(await rosterWorkbook(members)).toString('base64') };
    const choices = { file, mapping: null, unitMapping: [] };
    await desk.call('roster.importPreview', choices);
    const writing = desk.core.invoke('roster.importCommit', { ...choices, skipRows: [] }, 'import-1');
    await expect
      .poll(() => desk.events.some((e) => e.kind === 'progress' && e.text.startsWith('正在写入')), { timeout: 60_000 })
      .toBe(true);
    void first!.worker.terminate();
    const lost = await writing;
    expect(lost).toMatchObject({
      ok: false,
      error: { code: 'CORE_RESTARTED', message: '数据服务意外停止，已重新启动，导入未写入任何内容。请重新操作。' },
    });
    expect(desk.events.at(-1)).toEqual({ kind: 'coreRestarted' });
    expect(desk.logged.find((e) => e.event === 'core.exited')?.fields).toMatchObject({
      inFlight: 'roster.importCommit',
    });

    // A new core on the same file: nothing of the import, everything before it.
    expect(desk.electron.forks).toHaveLength(2);
    const after = await desk.call<{ counts: { total: number } }>('roster.search', {});
    expect(after.counts.total).toBe(0);
    expect(await desk.call('app.status', {})).toMatchObject({
      state: 'ready',
      organ: { name: SAMPLE_SETUP.organName },
    });
    const imported = await desk.call<{ added: number }>('roster.importCommit', { ...choices, skipRows: [] });
    expect(imported.added).toBe(3000);

    // Quitting: the core closes the file and the lock goes with it.
    await desk.core.stop();
    expect(currentHolder(dataFilePath(dataDir))).toBe('free');
    expect(await desk.core.invoke('app.status', {})).toMatchObject({ ok: false });
  }, 240_000);
});
