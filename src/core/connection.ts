import type { AppEvent } from '../shared/bridge';
import type { Channel } from '../shared/contract';
import type { Result } from '../shared/errors';
import { dispatchTask } from './dispatch';
import type { Handlers } from './handlers';
import { TaskBoard } from './tasks';

/**
 * What a transport (the loopback HTTP server, Electron's IPC) needs from the core: calls by
 * channel, answered as the contract's envelope, and the core's events (progress, restarts).
 * The core may run in this process or in its own; the transport cannot tell.
 */
export interface CoreConnection {
  invoke(channel: unknown, input: unknown, task?: string): Promise<Result<unknown>>;
  /**
   * The same envelope as JSON text, when the core is in another process and answers in text: a
   * transport that sends text (HTTP, the desktop app's IPC) passes it on without parsing it.
   */
  invokeJson?(channel: unknown, input: unknown, task?: string): Promise<string>;
  onEvent(listener: (event: AppEvent) => void): () => void;
}

/** Listeners for the core's events, each called in turn; one that throws does not stop the rest. */
export class EventHub {
  private readonly listeners = new Set<(event: AppEvent) => void>();

  emit = (event: AppEvent): void => {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch {
        // A listener's failure (a closed HTTP stream) is its own affair.
      }
    }
  };

  on(listener: (event: AppEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

/**
 * The core in the caller's own process: tests, and the entry that runs inside the core's process.
 * `onUnexpected` hears of every error no handler foresaw (a bug), with its stack, for the log.
 */
export function inProcessCore(
  make: (tasks: TaskBoard) => Handlers,
  options: { onUnexpected?: (channel: Channel, error: unknown) => void } = {},
): CoreConnection & { handlers: Handlers; tasks: TaskBoard } {
  const hub = new EventHub();
  const tasks = new TaskBoard(hub.emit);
  const handlers = make(tasks);
  return {
    handlers,
    tasks,
    invoke: (channel, input, task) => dispatchTask(tasks, handlers, channel, input, task, options.onUnexpected),
    onEvent: (listener) => hub.on(listener),
  };
}
