import type * as PdfJs from 'pdfjs-dist';
import type { PDFDocumentProxy } from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';

/*
 * pdf.js draws the preview from the very PDF that will be printed or saved, so what the
 * screen shows is what comes out. It is loaded only when the documents screen opens; its
 * worker is one of the app's own files (worker-src 'self'), and it fetches nothing: the fonts
 * are inside the PDF, and WebAssembly decoders (for image formats our PDFs never use) stay off.
 */

let loading: Promise<typeof PdfJs> | null = null;

function pdfjs() {
  loading ??= import('pdfjs-dist').then((lib) => {
    lib.GlobalWorkerOptions.workerSrc = workerUrl;
    return lib;
  });
  return loading;
}

export function base64Bytes(base64: string): Uint8Array {
  return Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
}

export async function openPdf(base64: string): Promise<{ doc: PDFDocumentProxy; close: () => void }> {
  const lib = await pdfjs();
  const task = lib.getDocument({
    data: base64Bytes(base64),
    useWasm: false,
    useSystemFonts: false,
    isOffscreenCanvasSupported: false,
  });
  const doc = await task.promise;
  return { doc, close: () => void task.destroy() };
}
