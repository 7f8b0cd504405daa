import crypto from 'node:crypto';
import { BrowserWindow, session } from 'electron';
import { DOCUMENT_CSP } from '../../src/core/documents/html';
import type { PdfPrinter, PdfPrintOptions } from '../../src/core/documents/pdf';
import {
  APP_SCHEME,
  guardPrintSession,
  PRINT_PARTITION,
  printDocumentUrl,
  printTokenOf,
  printWindowOptions,
} from './hardening';

/**
 * The desktop app's PdfPrinter: Chromium's own print pipeline (webContents.printToPDF) in a
 * hidden, sandboxed, offscreen window whose only page is the document, served from memory.
 * Call after app 'ready'.
 */
export function createElectronPrinter(): PdfPrinter {
  const pending = new Map<string, string>();
  const printSession = session.fromPartition(PRINT_PARTITION);
  guardPrintSession(printSession);
  printSession.protocol.handle(APP_SCHEME, (request) => {
    const token = printTokenOf(request.url);
    const html = token === null ? undefined : pending.get(token);
    if (html === undefined)
      return new Response('Not found', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
    return new Response(html, {
      status: 200,
      headers: {
        'Content-Type': 'text/html; charset=utf-8',
        'Content-Security-Policy': DOCUMENT_CSP,
        'X-Content-Type-Options': 'nosniff',
      },
    });
  });

  return {
    async print(html: string, options: PdfPrintOptions = {}): Promise<Uint8Array> {
      const token = crypto.randomUUID();
      pending.set(token, html);
      const window = new BrowserWindow(printWindowOptions());
      try {
        await window.loadURL(printDocumentUrl(token));
        const pdf = await window.webContents.printToPDF({
          pageSize: 'A4',
          preferCSSPageSize: true,
          printBackground: true,
          generateDocumentOutline: options.outline === true,
          generateTaggedPDF: options.outline === true,
        });
        return new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength);
      } finally {
        pending.delete(token);
        window.destroy();
      }
    },
  };
}
