import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRef, PDFString, PDFHexString, type PDFObject } from 'pdf-lib';

/*
 * PDF through Chromium's print pipeline. Whoever runs the engine supplies the printer:
 * playwright-core with the system Chromium (browser mode, CLI, tests) or Electron's
 * webContents.printToPDF (the desktop app). Both print the same self-contained HTML.
 */

export interface PdfPrintOptions {
  /** Ask Chromium for bookmarks from the <h1>…<h6> headings (binders find their parts with them). */
  outline?: boolean;
  /** Stops the print when the person cancels (a printer that cannot stop finishes it). */
  signal?: AbortSignal;
}

export type PrintOne = (html: string, options?: PdfPrintOptions) => Promise<Uint8Array>;

export interface PdfPrinter {
  print(html: string, options?: PdfPrintOptions): Promise<Uint8Array>;
  /**
   * Several prints one after another in one page, where the printer can: a binder's second,
   * small print then costs no new renderer and no second loading of the CJK faces.
   */
  printSeries?<T>(work: (print: PrintOne) => Promise<T>, options?: { signal?: AbortSignal }): Promise<T>;
}

export interface OutlineEntry {
  title: string;
  /** 1-based physical page. */
  page: number;
  depth: number;
}

function lookupDict(dict: PDFDict, key: string): PDFDict | undefined {
  const value = dict.lookup(PDFName.of(key));
  return value instanceof PDFDict ? value : undefined;
}

function textOf(value: PDFObject | undefined): string {
  if (value instanceof PDFString || value instanceof PDFHexString) return value.decodeText();
  return '';
}

/** The page a destination points at, whether given directly, by name, or through a GoTo action. */
function destinationPage(doc: PDFDocument, item: PDFDict, pageIndex: Map<string, number>): number | null {
  let dest: PDFObject | undefined = item.lookup(PDFName.of('Dest'));
  if (!dest) {
    const action = lookupDict(item, 'A');
    dest = action?.lookup(PDFName.of('D'));
  }
  if (dest instanceof PDFString || dest instanceof PDFHexString || dest instanceof PDFName) {
    const name = dest instanceof PDFName ? dest.decodeText() : dest.decodeText();
    const dests = lookupDict(doc.catalog, 'Dests');
    const found = dests?.lookup(PDFName.of(name));
    dest = found instanceof PDFDict ? found.lookup(PDFName.of('D')) : found;
  }
  if (!(dest instanceof PDFArray)) return null;
  const target = dest.get(0);
  if (!(target instanceof PDFRef)) return null;
  return pageIndex.get(target.toString()) ?? null;
}

/** Every bookmark, in document order, with the page it opens. */
export function readOutline(doc: PDFDocument): OutlineEntry[] {
  const pageIndex = new Map(doc.getPages().map((page, i) => [page.ref.toString(), i + 1]));
  const outlines = lookupDict(doc.catalog, 'Outlines');
  const out: OutlineEntry[] = [];
  const seen = new Set<PDFDict>();
  const walk = (first: PDFDict | undefined, depth: number) => {
    for (let item = first; item && !seen.has(item); item = lookupDict(item, 'Next')) {
      seen.add(item);
      const page = destinationPage(doc, item, pageIndex);
      if (page !== null) out.push({ title: textOf(item.lookup(PDFName.of('Title'))), page, depth });
      walk(lookupDict(item, 'First'), depth + 1);
    }
  };
  if (outlines) walk(lookupDict(outlines, 'First'), 0);
  return out;
}

/**
 * Gives the top-level bookmarks the titles the engine knows. Chromium names a bookmark after its
 * heading's text as laid out, and a heading set on two lines comes out with its first line
 * twice ("…方案…方案"); the model's title is the one a reader looks for.
 */
export function retitleOutline(doc: PDFDocument, titles: readonly string[]): void {
  const outlines = lookupDict(doc.catalog, 'Outlines');
  let item = outlines ? lookupDict(outlines, 'First') : undefined;
  for (const title of titles) {
    if (!item) return;
    item.set(PDFName.of('Title'), PDFHexString.fromText(title));
    item = lookupDict(item, 'Next');
  }
}

export interface PdfProperties {
  title: string;
  author?: string;
  subject?: string;
}

/** Title, author and language into the PDF, and the title (not the file name) in the viewer's window bar. */
export async function finishPdf(doc: PDFDocument, properties: PdfProperties): Promise<Uint8Array> {
  doc.setTitle(properties.title, { showInWindowTitleBar: true });
  if (properties.author) doc.setAuthor(properties.author);
  if (properties.subject) doc.setSubject(properties.subject);
  doc.setCreator('机关党务工作台');
  doc.setProducer('机关党务工作台（Chromium 打印引擎）');
  doc.setLanguage('zh-CN');
  doc.setCreationDate(new Date());
  doc.setModificationDate(new Date());
  return doc.save();
}

export async function loadPdf(bytes: Uint8Array): Promise<PDFDocument> {
  return PDFDocument.load(bytes, { updateMetadata: false });
}
