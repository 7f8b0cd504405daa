import type { AppEvent } from '../../shared/bridge';
import type { Via } from '../../shared/contract';
import type { PdfPrintOptions } from '../documents/pdf';
import type { LogEntry } from '../log/diagnostic-log';

/*
 * The message protocol between a host (the desktop app's main process, browser mode's server)
 * and the core in its own process (serve.ts). Every message is a structured-clone value, as a
 * MessagePort (Electron) and Node's advanced IPC serialization both carry it.
 *
 * host → core: start (once, first), invoke (a call, by request id), printed (the answer to the
 * core's print request), stop. core → host: ready (after start: calls may come), result (by
 * request id), event (progress, for the page), print (the desktop app prints in main), log (a
 * line for the diagnostic log, which the host writes), stopped (the file is closed).
 */

export interface CoreStart {
  dataDir: string;
  via: Via;
  /** The host's process id: the one the office would close, named as the writer lock's holder. */
  hostPid: number;
  /** 'host': documents print through the host (Electron's Chromium); 'own': the core starts a Chromium itself. */
  printer: 'host' | 'own';
}

export type ToCore =
  | { type: 'start'; start: CoreStart }
  | { type: 'invoke'; id: number; channel: unknown; input: unknown; task?: string }
  | { type: 'printed'; id: number; pdf: Uint8Array }
  | { type: 'printFailed'; id: number; error: string }
  | { type: 'stop' };

export type FromCore =
  | { type: 'ready' }
  /** The envelope as JSON text: the host hands it on as it is (HTTP body, IPC reply) without parsing it. */
  | { type: 'result'; id: number; json: string }
  | { type: 'event'; event: AppEvent }
  | { type: 'print'; id: number; html: string; options: PdfPrintOptions }
  | { type: 'log'; entry: LogEntry }
  | { type: 'stopped' };

/** One end of the channel, whatever carries it (a MessagePort, a child process's IPC). */
export interface CorePort<In, Out> {
  post(message: Out): void;
  listen(handler: (message: In) => void): void;
}
