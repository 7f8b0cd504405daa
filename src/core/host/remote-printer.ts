import type { PdfPrinter, PdfPrintOptions } from '../documents/pdf';
import type { CorePort, FromCore, ToCore } from './protocol';

/**
 * The core's printer when the host prints (the desktop app: Electron's own Chromium, in main).
 * Each document goes to the host as HTML and comes back as PDF bytes; `answer` is fed the host's
 * replies by the core's message loop.
 */
export function remotePrinter(port: CorePort<ToCore, FromCore>): PdfPrinter & {
  answer(message: Extract<ToCore, { type: 'printed' | 'printFailed' }>): void;
} {
  let next = 0;
  const waiting = new Map<number, { resolve: (pdf: Uint8Array) => void; reject: (error: Error) => void }>();
  return {
    print(html: string, options: PdfPrintOptions = {}) {
      const id = ++next;
      return new Promise<Uint8Array>((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        port.post({ type: 'print', id, html, options });
      });
    },
    answer(message) {
      const waiter = waiting.get(message.id);
      if (!waiter) return;
      waiting.delete(message.id);
      if (message.type === 'printed') waiter.resolve(message.pdf);
      else waiter.reject(new Error(`printing in the host failed: ${message.error}`));
    },
  };
}
