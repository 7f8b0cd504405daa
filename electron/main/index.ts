import fs from 'node:fs/promises';
import path from 'node:path';
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  MessageChannelMain,
  protocol,
  session,
  utilityProcess,
} from 'electron';
import { CoreHost } from '../../src/core/host/host';
import { DiagnosticLog } from '../../src/core/log/diagnostic-log';
import { versionFacts } from '../../src/core/log/facts';
import { SQLITE_ADDON_ENV } from '../../src/core/db/sqlite';
import { defaultDataDir } from '../../src/core/paths';
import { IPC_EVENT, IPC_INVOKE } from '../../src/shared/contract';
import type { Result } from '../../src/shared/errors';
import {
  APP_SCHEME,
  appResponseHeaders,
  guardSession,
  guardWebContents,
  isTrustedSender,
  resolveAppFile,
  windowOptions,
} from './hardening';
import { CORE_ENTRY_FILE, launchUtilityCore } from './core-process';
import { createElectronPrinter } from './pdf-printer';
import { shippedFile, windowIconPath } from './resources';

const rendererRoot = path.join(import.meta.dirname, '../renderer');
// Sandboxed preloads cannot be ES modules, so the preload is built as CommonJS (electron.vite.config.ts).
const preloadPath = path.join(import.meta.dirname, '../preload/index.cjs');

const UNTRUSTED: Result<never> = {
  ok: false,
  error: { code: 'UNAUTHORISED', message: '拒绝了来源不明的请求。', detail: 'untrusted sender' },
};

// A standard, secure scheme gives the page a real origin ('self' in the CSP) without file://'s privileges.
protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);
app.enableSandbox();
// The installed app opens its data with the addon it ships for this system, in every process that
// inherits this environment; the package's own Linux prebuild would not load on 麒麟/UOS (glibc 2.28).
if (app.isPackaged) process.env[SQLITE_ADDON_ENV] = shippedFile(process.resourcesPath, 'sqliteAddon');
app.on('web-contents-created', (_event, contents) => guardWebContents(contents));

let mainWindow: BrowserWindow | null = null;

// The diagnostic log (English, redacted) in the data folder's logs/: main writes it, the core sends its lines.
const dataDir = defaultDataDir();
const log = new DiagnosticLog(dataDir);
process.on('uncaughtException', (error) => {
  log.error('main.uncaughtException', error);
  dialog.showErrorBox('机关党务工作台遇到意外错误', '程序将退出。请重新打开；诊断信息已记录在数据文件夹的 logs 中。');
  app.exit(70);
});
process.on('unhandledRejection', (error) => log.error('main.unhandledRejection', error));
app.on('render-process-gone', (_event, _contents, details) =>
  log.write({ level: 'error', event: 'renderer.gone', fields: { reason: details.reason, exitCode: details.exitCode } }),
);
app.on('child-process-gone', (_event, details) =>
  log.write({
    level: 'error',
    event: 'child.gone',
    fields: { type: details.type, reason: details.reason, exitCode: details.exitCode, name: details.name ?? null },
  }),
);

async function readIfFile(file: string): Promise<Uint8Array<ArrayBuffer> | null> {
  try {
    return new Uint8Array(await fs.readFile(file));
  } catch {
    return null;
  }
}

async function serveAppFile(request: Request): Promise<Response> {
  const file = resolveAppFile(rendererRoot, request.url);
  if (file) {
    // A reload on a client-side route (no file extension) gets the app shell back.
    const candidates = path.extname(file) ? [file] : [file, path.join(rendererRoot, 'index.html')];
    for (const candidate of candidates) {
      const body = await readIfFile(candidate);
      if (body) return new Response(body, { status: 200, headers: appResponseHeaders(candidate) });
    }
  }
  return new Response('Not found', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
}

function createWindow(): void {
  // The options in one call, as Electronegativity reads them (scripts/electronegativity-allowlist.json).
  const window = new BrowserWindow(
    windowOptions(
      preloadPath,
      app.isPackaged,
      windowIconPath(app.isPackaged, process.resourcesPath, import.meta.dirname),
    ),
  );
  mainWindow = window;
  window.once('ready-to-show', () => window.show());
  window.on('closed', () => {
    if (mainWindow === window) mainWindow = null;
  });
  void window.loadURL('app://renderer/index.html');
}

function start(): void {
  // The default menu is English and its Help items open electronjs.org in a browser.
  Menu.setApplicationMenu(null);
  protocol.handle(APP_SCHEME, serveAppFile);
  guardSession(session.defaultSession);

  log.info('main.started', versionFacts({ via: 'desktop', pid: process.pid, packaged: app.isPackaged }));
  // The core (database, handlers) in its own process, so that no call stalls the window; documents
  // still print here, through Electron's own Chromium, at the core's request.
  const core = new CoreHost({
    start: { dataDir, via: 'desktop', hostPid: process.pid, printer: 'host' },
    launch: () =>
      launchUtilityCore(
        {
          fork: (entry, args, options) => utilityProcess.fork(entry, args, options),
          channel: () => new MessageChannelMain(),
        },
        path.join(import.meta.dirname, CORE_ENTRY_FILE),
        process.env,
      ),
    log: (entry) => log.write(entry),
    printer: createElectronPrinter(),
  });
  ipcMain.handle(IPC_INVOKE, (event, channel: unknown, payload: unknown, task: unknown) =>
    isTrustedSender(event.senderFrame)
      ? core.invokeJson(channel, payload, typeof task === 'string' ? task.slice(0, 64) : undefined)
      : JSON.stringify(UNTRUSTED),
  );
  core.onEvent((event) => mainWindow?.webContents.send(IPC_EVENT, event));
  // The core closes the file (and lets go of the writer lock) before the app ends.
  let quitting = false;
  app.on('will-quit', (event) => {
    if (quitting) return;
    quitting = true;
    event.preventDefault();
    void core.stop().finally(() => {
      log.info('main.stopped');
      app.quit();
    });
  });

  createWindow();
}

// One process per data file: a second copy would open the same database beside the first.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('window-all-closed', () => app.quit());
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      log.error('main.startFailed', error);
      dialog.showErrorBox('机关党务工作台无法启动', error instanceof Error ? error.message : String(error));
      app.exit(1);
    });
}
