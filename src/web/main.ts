import path from 'node:path';
import { parseArgs } from 'node:util';
import { closeSharedPrinter } from '../core/documents/chromium-printer';
import { inProcessCore } from '../core/connection';
import { createHandlers } from '../core/handlers';
import { defaultDataDir } from '../core/paths';
import { Workspace } from '../core/workspace';
import { startWebServer } from './server';

/** `npm run web`: serves the built renderer and the contract on 127.0.0.1, nowhere else. */
const { values } = parseArgs({ options: { port: { type: 'string' } } });
const port = values.port ? Number(values.port) : Number(process.env.PORT ?? 0);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`端口号“${values.port ?? process.env.PORT}”无效，应为 0–65535 之间的整数。`);
  process.exit(2);
}

const workspace = new Workspace({ dataDir: defaultDataDir(), via: 'web' });
const server = await startWebServer({
  core: inProcessCore((tasks) => createHandlers(workspace, { tasks })),
  staticDir: path.resolve(import.meta.dirname, '../../out/web'),
  port,
}).catch((error: NodeJS.ErrnoException) => {
  console.error(
    error.code === 'EADDRINUSE'
      ? `端口 ${port} 已被其他程序占用。请换一个端口（如 --port ${port + 1}），或不指定端口由程序自动选择。`
      : `无法启动本机服务：${error.message}`,
  );
  process.exit(1);
});

console.log(`机关党务工作台（浏览器模式）已启动，请用 Chromium 内核浏览器打开：`);
console.log(`  ${server.url}`);
console.log(`数据文件：${workspace.dataFile}`);
console.log(`只在本机 127.0.0.1 上提供服务，其他电脑无法访问。按 Ctrl+C 退出。`);

const stop = async () => {
  await server.close();
  await closeSharedPrinter();
  workspace.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
