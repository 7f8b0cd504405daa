import { AppError } from '../../shared/errors';
import { cancelledError, count, QUIET_TASK, type Task } from '../tasks';
import { degrees, type PDFDocument } from 'pdf-lib';
import {
  binderBody,
  binderFrontBody,
  binderNumbersBody,
  binderPartsBody,
  COVER_PAGES,
  firstPassLayout,
  planBinder,
  type BinderLayout,
} from './binder';
import { A4, GONGWEN, mmToPt } from './geometry';
import { binderDocx, docxBuffer, narrativeDocx, tableDocx } from './docx';
import type { FontPlan } from './fonts';
import { htmlDocument } from './html';
import { partTitle, type BinderDocument, type DocumentModel } from './model';
import { narrativeBody } from './narrative-html';
import { pageCss } from './page-styles';
import { finishPdf, loadPdf, readOutline, retitleOutline, type PdfPrinter, type PrintOne } from './pdf';
import { tableBody } from './table-html';

/** What a template renders against: the fonts this machine has, and the office's own names. */
export interface RenderEnv {
  fonts: FontPlan;
  /** Names that are one word for line breaking (the organ, its committee, its branches). */
  terms?: readonly string[];
}

export function documentTitle(model: DocumentModel): string {
  return (model.kind === 'binder' ? model.cover.title : model.title).replace(/\s*\n\s*/g, '');
}

/** The self-contained HTML page of a document. Pure; a binder needs its layout (binder.ts). */
export function documentHtml(model: DocumentModel, env: RenderEnv, layout?: BinderLayout): string {
  const title = documentTitle(model);
  switch (model.kind) {
    case 'narrative':
      return htmlDocument({
        title,
        css: pageCss({ fonts: env.fonts, numbering: 'gongwen' }),
        body: narrativeBody(model, env.terms),
      });
    case 'table':
      return htmlDocument({
        title,
        css: pageCss({ fonts: env.fonts, numbering: 'table' }),
        body: tableBody(model, env.terms),
      });
    case 'binder': {
      const plan = layout ?? firstPassLayout(model);
      const css = pageCss({
        fonts: env.fonts,
        numbering: 'gongwen',
        counterOffset: -plan.frontPages,
        flipSides: plan.frontPages % 2 === 1,
      });
      return htmlDocument({ title, css, body: binderBody(model, plan, env.terms) });
    }
  }
}

export interface PartStart {
  title: string;
  /** The printed page number (the body counts from 1 after the contents). */
  page: number;
}

export interface PdfResult {
  pdf: Uint8Array;
  pageCount: number;
  /** The HTML that was printed (what the preview's print button prints). */
  html: string;
  parts?: PartStart[];
}

/** A print that stops when the task is cancelled, and then says so. */
async function printFor(
  task: Task,
  printer: PdfPrinter | PrintOne,
  html: string,
  outline = false,
): Promise<PDFDocument> {
  task.checkCancelled();
  let bytes: Uint8Array;
  try {
    const options = { outline, signal: task.signal };
    bytes = await (typeof printer === 'function' ? printer(html, options) : printer.print(html, options));
  } catch (error) {
    if (task.signal.aborted) throw cancelledError();
    throw error;
  }
  task.checkCancelled();
  return loadPdf(bytes);
}

/** Runs a binder's prints in one page where the printer can, else one print each. */
async function inSeries<T>(printer: PdfPrinter, task: Task, work: (print: PrintOne) => Promise<T>): Promise<T> {
  if (!printer.printSeries) return work((html, options) => printer.print(html, options));
  try {
    return await printer.printSeries(work, { signal: task.signal });
  } catch (error) {
    if (task.signal.aborted) throw cancelledError();
    throw error;
  }
}

export async function renderPdf(
  model: DocumentModel,
  env: RenderEnv,
  printer: PdfPrinter,
  task: Task = QUIET_TASK,
): Promise<PdfResult> {
  const properties = { title: documentTitle(model), author: model.author ?? '' };
  if (model.kind !== 'binder') {
    task.stage('正在排版');
    const html = documentHtml(model, env);
    // The engine planned a table's pages (one <table> each): say how many are coming.
    const pages = model.kind === 'table' ? html.split('<table').length - 1 : 0;
    task.stage(pages > 1 ? `正在生成PDF，共约 ${count(pages)} 页` : '正在生成PDF');
    // A 公文's headings become bookmarks (a tagged print); a table has none to give, and tagging
    // every cell of a long ledger doubled its print time (measured: 2,000 rows 17 s tagged, 8.4 s not).
    const outline = model.kind === 'narrative';
    const doc = await printFor(task, printer, html, outline);
    if (outline) retitleOutline(doc, [properties.title]);
    return { html, pageCount: doc.getPageCount(), pdf: await finishPdf(doc, properties) };
  }
  return renderBinderPdf(model, env, printer, properties, task);
}

/** Top-level bookmarks are the parts' titles (their <h1>s), in order. */
function partStartPages(pdf: PDFDocument): number[] {
  return readOutline(pdf)
    .filter((entry) => entry.depth === 0)
    .map((entry) => entry.page);
}

const A4_PT: [number, number] = [mmToPt(A4.width), mmToPt(A4.height)];

/**
 * A binder in one print of its parts: they are printed once, without numbers; their bookmarks
 * give where each starts, from which the plan gives the blank pages and every number. Then two
 * small prints — the cover and contents with those numbers, and the numbers alone on otherwise
 * empty pages — and pdf-lib puts them together: the numbers laid over the parts' pages, landscape
 * pages turned onto the portrait sheet with their head at the binding edge, the blank pages and
 * the front inserted. The result is checked against the plan before it is returned.
 */
async function renderBinderPdf(
  binder: BinderDocument,
  env: RenderEnv,
  printer: PdfPrinter,
  properties: { title: string; author: string },
  task: Task,
): Promise<PdfResult> {
  if (binder.parts.length === 0) {
    throw new AppError({
      code: 'INVALID_INPUT',
      message: '汇编中没有任何材料，无法生成。',
      detail: 'binder without parts',
    });
  }
  const page = (css: Parameters<typeof pageCss>[0], body: string, extraCss = '') =>
    htmlDocument({ title: properties.title, css: pageCss(css) + extraCss, body });
  const { fonts, terms } = env;

  // The parts, once: where each starts, and how many pages they take.
  const steps = 3;
  task.stage(`正在排版${count(binder.parts.length)}份材料`);
  const { doc, measured, plan, bodyPages, rest } = await inSeries(printer, task, async (print) => {
    const doc = await printFor(task, print, page({ fonts, numbering: 'none' }, binderPartsBody(binder, terms)), true);
    const measured = { partStartPages: partStartPages(doc), totalPages: doc.getPageCount() };

    // One small print for the rest: the numbers alone, on the pages of the body (blank ones too),
    // then the cover and contents with the real numbers, which the contents' own length cannot change.
    const plan = planBinder(binder, measured, 1);
    const bodyPages = plan.partStarts.at(-1)! + plan.partPageCounts.at(-1)! - 1;
    await task.tick(1, steps, () => `正在编排页码和目录，共 ${count(bodyPages)} 页`);
    const rest = await printFor(
      task,
      print,
      page(
        { fonts, numbering: 'gongwen' },
        binderNumbersBody(plan, plan.partPageCounts) +
          binderFrontBody(binder, plan, terms).replace('po-cover', 'po-cover po-after'),
        // Laid over the parts' pages: no white ground to hide them.
        '\nhtml, body { background: transparent; } .po-cover.po-after { break-before: page; }',
      ),
    );
    return { doc, measured, plan, bodyPages, rest };
  });
  const tocPages = rest.getPageCount() - bodyPages - COVER_PAGES - (plan.blankAfterCover ? 1 : 0);
  const layout = planBinder(binder, measured, tocPages);

  await task.tick(2, steps, () => '正在合成汇编');
  // The numbers over the parts' pages (the blank pages' numbers are not printed).
  const numberPages: number[] = [];
  layout.partPageCounts.forEach((count, i) => {
    const first = (layout.partStarts[i] ?? 0) - 1;
    for (let p = 0; p < count; p++) numberPages.push(first + p);
  });
  // Only the band under the text block, where the number is: whatever ground a printer gives
  // the numbers' pages (Electron's window has one), it cannot cover the parts' text.
  const band = { left: 0, bottom: 0, right: A4_PT[0], top: mmToPt(GONGWEN.bottom) };
  const embedded = await doc.embedPages(
    numberPages.map((n) => rest.getPage(n)),
    numberPages.map(() => band),
  );
  doc.getPages().forEach((sheet, i) => {
    const { width, height } = sheet.getSize();
    if (width > height) {
      // A landscape page turned a quarter left: the table's head at the binding edge (§10.1), the
      // number drawn upright on the sheet as it is held.
      sheet.setRotation(degrees(270));
      sheet.drawPage(embedded[i]!, { x: 0, y: height, rotate: degrees(-90) });
    } else {
      sheet.drawPage(embedded[i]!, { x: 0, y: 0 });
    }
  });

  // Blank pages before parts (from the last, so the indexes hold), then the front.
  for (let i = binder.parts.length - 1; i >= 0; i--) {
    for (let b = 0; b < (layout.blanksBefore[i] ?? 0); b++) doc.insertPage(measured.partStartPages[i]! - 1, A4_PT);
  }
  if (layout.blankAfterToc) doc.insertPage(0, A4_PT);
  const frontPages = await doc.copyPages(rest, rest.getPageIndices().slice(bodyPages));
  frontPages.reverse().forEach((p) => doc.insertPage(0, p));

  const found = partStartPages(doc).map((physical) => physical - layout.frontPages);
  const expected = layout.partStarts as number[];
  if (found.join(',') !== expected.join(',') || doc.getPageCount() !== layout.frontPages + bodyPages) {
    throw new AppError({
      code: 'INTERNAL',
      message: '汇编的页码核对未通过，没有生成文件。请重试；如仍出现，请告知技术人员。',
      detail: `binder part starts: planned ${expected.join(',')}, assembled ${found.join(',')}; pages ${doc.getPageCount()}`,
    });
  }
  retitleOutline(doc, binder.parts.map(partTitle));
  return {
    html: documentHtml(binder, env, layout),
    pageCount: doc.getPageCount(),
    parts: binder.parts.map((part, i) => ({ title: partTitle(part), page: expected[i]! })),
    pdf: await finishPdf(doc, properties),
  };
}

export async function renderDocx(model: DocumentModel, env: RenderEnv): Promise<Buffer> {
  switch (model.kind) {
    case 'narrative':
      return docxBuffer(narrativeDocx(model, env.fonts, env.terms));
    case 'table':
      return docxBuffer(tableDocx(model, env.fonts, env.terms));
    case 'binder':
      return docxBuffer(binderDocx(model, env.fonts, env.terms));
  }
}
