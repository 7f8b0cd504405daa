import { LISTENING } from './fork';
import type { CorePort, FromCore, ToCore } from './protocol';
import { exitOnUncaught, serveCore } from './serve';

/**
 * The core in a Node child process started by forkCore (browser mode): the IPC channel is its
 * port. When the host goes (closed, killed), the channel closes and the core ends with it, which
 * also lets go of the writer lock.
 */
export function serveCoreOverIpc(): void {
  const send = process.send?.bind(process);
  if (!send) throw new Error('the core process must be started by its host (no IPC channel)');
  const port: CorePort<ToCore, FromCore> = {
    post: (message) => {
      if (process.connected) send(message);
    },
    listen: (handler) => void process.on('message', (message) => handler(message as ToCore)),
  };
  const exit = (code: number) => process.exit(code);
  process.on('disconnect', () => exit(0));
  // Ctrl+C in the terminal reaches the whole process group: the host stops the core in order.
  process.on('SIGINT', () => undefined);
  exitOnUncaught(port, exit);
  serveCore(port, exit);
  send(LISTENING);
}
