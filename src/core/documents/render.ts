import { AppError } from '../../shared/errors';
import { binderBody, firstPassLayout, planLayout, type BinderLayout } from './binder';
import { binderDocx, docxBuffer, narrativeDocx, tableDocx } from './docx';
import type { FontPlan } from './fonts';
import { htmlDocument } from './html';
import { partTitle, type BinderDocument, type DocumentModel } from './model';
import { narrativeBody } from './narrative-html';
import { pageCss } from './page-styles';
import { finishPdf, loadPdf, readOutline, retitleOutline, type PdfPrinter } from './pdf';
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

export async function renderPdf(model: DocumentModel, env: RenderEnv, printer: PdfPrinter): Promise<PdfResult> {
  const properties = { title: documentTitle(model), author: model.author ?? '' };
  if (model.kind !== 'binder') {
    const html = documentHtml(model, env);
    // A 公文's headings become bookmarks (a tagged print); a table has none to give, and tagging
    // every cell of a long ledger doubled its print time (measured: 2,000 rows 17 s tagged, 8.4 s not).
    const outline = model.kind === 'narrative';
    const doc = await loadPdf(await printer.print(html, { outline }));
    if (outline) retitleOutline(doc, [properties.title]);
    return { html, pageCount: doc.getPageCount(), pdf: await finishPdf(doc, properties) };
  }
  return renderBinderPdf(model, env, printer, properties);
}

/** Top-level bookmarks are the parts' titles (their <h1>s), in order. */
function partStartPages(pdf: Awaited<ReturnType<typeof loadPdf>>): number[] {
  return readOutline(pdf)
    .filter((entry) => entry.depth === 0)
    .map((entry) => entry.page);
}

async function renderBinderPdf(
  binder: BinderDocument,
  env: RenderEnv,
  printer: PdfPrinter,
  properties: { title: string; author: string },
): Promise<PdfResult> {
  if (binder.parts.length === 0) {
    throw new AppError({
      code: 'INVALID_INPUT',
      message: '汇编中没有任何材料，无法生成。',
      detail: 'binder without parts',
    });
  }
  // First print: where does each part start, and how long are the contents?
  const first = await loadPdf(
    await printer.print(documentHtml(binder, env, firstPassLayout(binder)), { outline: true }),
  );
  const layout = planLayout(binder, { partStartPages: partStartPages(first), totalPages: first.getPageCount() });

  // Second print, with the real page numbers in the contents and the blank pages in place.
  const html = documentHtml(binder, env, layout);
  const final = await loadPdf(await printer.print(html, { outline: true }));
  const found = partStartPages(final).map((physical) => physical - layout.frontPages);
  const expected = layout.partStarts as number[];
  if (found.join(',') !== expected.join(',')) {
    throw new AppError({
      code: 'INTERNAL',
      message: '汇编的页码核对未通过，没有生成文件。请重试；如仍出现，请告知技术人员。',
      detail: `binder part starts: planned ${expected.join(',')}, printed ${found.join(',')}`,
    });
  }
  retitleOutline(final, binder.parts.map(partTitle));
  return {
    html,
    pageCount: final.getPageCount(),
    parts: binder.parts.map((part, i) => ({ title: partTitle(part), page: expected[i]! })),
    pdf: await finishPdf(final, properties),
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
