import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import path from 'node:path';
import { serveCoreOverIpc } from '../core/host/child-entry';
import { forkCore, SERVE_CORE_FLAG } from '../core/host/fork';
import { CoreHost } from '../core/host/host';
import { DiagnosticLog, describeError } from '../core/log/diagnostic-log';
import { versionFacts } from '../core/log/facts';
import { defaultDataDir, dataFilePath } from '../core/paths';
import { startWebServer } from './server';

/**
 * `npm run web`: serves the built renderer and the contract on 127.0.0.1, nowhere else. The core
 * (database, handlers) runs in a child process started from this same file with SERVE_CORE_FLAG, as the
 * desktop app runs it in a utilityProcess: this process only carries calls and events, so a long
 * import never stalls it, and a core that dies is started again.
 */
if (process.argv.includes(SERVE_CORE_FLAG)) serveCoreOverIpc();
else await startBrowserMode();

async function startBrowserMode(): Promise<void> {
  const { values } = parseArgs({ options: { port: { type: 'string' } } });
  const port = values.port ? Number(values.port) : Number(process.env.PORT ?? 0);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`端口号“${values.port ?? process.env.PORT}”无效，应为 0–65535 之间的整数。`);
    process.exit(2);
  }

  const dataDir = defaultDataDir();
  const log = new DiagnosticLog(dataDir);
  log.info('host.started', versionFacts({ via: 'web', pid: process.pid }));
  const fatal = (kind: string) => (error: unknown) => {
    log.error(`host.${kind}`, error);
    console.error(error);
    process.exit(70);
  };
  process.on('uncaughtException', fatal('uncaughtException'));
  process.on('unhandledRejection', fatal('unhandledRejection'));

  const self = fileURLToPath(import.meta.url);
  const core = new CoreHost({
    start: { dataDir, via: 'web', hostPid: process.pid, printer: 'own' },
    launch: () => forkCore(self, [SERVE_CORE_FLAG]),
    log: (entry) => log.write(entry),
  });
  const server = await startWebServer({
    core,
    staticDir: path.resolve(import.meta.dirname, '../../out/web'),
    port,
  }).catch((error: NodeJS.ErrnoException) => {
    log.write({ level: 'error', event: 'host.listenFailed', ...describeError(error) });
    console.error(
      error.code === 'EADDRINUSE'
        ? `端口 ${port} 已被其他程序占用。请换一个端口（如 --port ${port + 1}），或不指定端口由程序自动选择。`
        : `无法启动本机服务：${error.message}`,
    );
    process.exit(1);
  });

  console.log(`机关党务工作台（浏览器模式）已启动，请用 Chromium 内核浏览器打开：`);
  console.log(`  ${server.url}`);
  console.log(`数据文件：${dataFilePath(dataDir)}`);
  console.log(`只在本机 127.0.0.1 上提供服务，其他电脑无法访问。按 Ctrl+C 退出。`);

  const stop = async () => {
    await server.close();
    await core.stop();
    log.info('host.stopped');
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
