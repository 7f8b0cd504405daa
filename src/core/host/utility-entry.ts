import type { CorePort, FromCore, ToCore } from './protocol';
import { exitOnUncaught, serveCore } from './serve';

/*
 * The desktop app's core process: Electron's utilityProcess runs this file (out/main/core.js).
 * Main's first message carries the MessagePort the core talks over; everything else (the data
 * folder included) comes through that port. No Electron import: the utility process supplies
 * process.parentPort, declared here by the little of it that is used.
 */

interface PortLike {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
  start(): void;
}

interface ParentPort {
  once(event: 'message', listener: (event: { data: unknown; ports: PortLike[] }) => void): void;
}

const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort;
if (!parentPort) throw new Error('the core must be started by the desktop app (no parentPort)');

parentPort.once('message', ({ ports }) => {
  const raw = ports[0];
  if (!raw) throw new Error('the desktop app sent no port');
  const port: CorePort<ToCore, FromCore> = {
    post: (message) => raw.postMessage(message),
    listen: (handler) => {
      raw.on('message', (event) => handler(event.data as ToCore));
      raw.start();
    },
  };
  const exit = (code: number) => process.exit(code);
  exitOnUncaught(port, exit);
  serveCore(port, exit);
});
