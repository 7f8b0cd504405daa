import { formatChineseDate } from '../../shared/dates';
import { COVER_TITLE_CHARS } from './geometry';
import { escapeHtml } from './html';
import { partTitle, type BinderDocument } from './model';
import { narrativeBody } from './narrative-html';
import { tableBody } from './table-html';
import { titleLines, wordBreakHtml } from './words';

/*
 * A binder (汇编): cover, table of contents, then the parts in order, numbered continuously
 * from 1 on the first page after the contents. The parts are printed once, on their own and
 * without numbers (`binderPartsBody`): its bookmarks give where each part starts, and the plan
 * (`planLayout`) the blank pages that make parts start on odd pages and every number. The parts'
 * numbers do not depend on how long the contents are, so the cover and contents are printed next
 * with the real numbers (`binderFrontBody`), then the numbers alone (`binderNumbersBody`), and
 * render.ts puts the pages together. The assembled PDF is checked against the plan, so the
 * contents cannot show a wrong page.
 */

export interface BinderLayout {
  /** The page number (counted from 1 after the contents) where each part starts; null in the first pass. */
  partStarts: (number | null)[];
  /** Blank pages inserted before each part (odd-page starts). */
  blanksBefore: number[];
  /** A blank page after the cover (so the contents start on a right-hand page). */
  blankAfterCover: boolean;
  /** A blank page after the contents (so the body starts on a right-hand page). */
  blankAfterToc: boolean;
  /** Physical pages before the body: cover, contents and their blanks. */
  frontPages: number;
}

/** What the first print found: physical page numbers (from 1) where each part starts, and the total. */
export interface BinderMeasure {
  partStartPages: number[];
  totalPages: number;
}

export const COVER_PAGES = 1;

export function firstPassLayout(binder: BinderDocument): BinderLayout {
  return {
    partStarts: binder.parts.map(() => null),
    blanksBefore: binder.parts.map(() => 0),
    blankAfterCover: false,
    blankAfterToc: false,
    frontPages: 0,
  };
}

/** From the first print to the final layout: pure arithmetic on page counts. */
export function planLayout(
  binder: BinderDocument,
  measured: BinderMeasure,
): BinderLayout & { tocPages: number; partPageCounts: number[] } {
  const starts = measured.partStartPages;
  if (starts.length !== binder.parts.length || starts.length === 0) {
    throw new Error(`binder: found ${starts.length} part starts for ${binder.parts.length} parts`);
  }
  const tocPages = starts[0]! - 1 - COVER_PAGES;
  if (tocPages < 1) throw new Error(`binder: contents measured as ${tocPages} pages`);
  const counts = starts.map((start, i) => (i + 1 < starts.length ? starts[i + 1]! : measured.totalPages + 1) - start);
  if (counts.some((c) => c < 1)) throw new Error(`binder: part page counts ${counts.join(',')}`);

  const odd = binder.oddPageStarts;
  const blankAfterCover = odd && COVER_PAGES % 2 === 1;
  const blankAfterToc = odd && tocPages % 2 === 1;
  const frontPages = COVER_PAGES + (blankAfterCover ? 1 : 0) + tocPages + (blankAfterToc ? 1 : 0);
  const partStarts: number[] = [];
  const blanksBefore: number[] = [];
  let next = 1;
  for (const count of counts) {
    const blank = odd && next % 2 === 0 ? 1 : 0;
    blanksBefore.push(blank);
    partStarts.push(next + blank);
    next += blank + count;
  }
  return { partStarts, blanksBefore, blankAfterCover, blankAfterToc, frontPages, tocPages, partPageCounts: counts };
}

/**
 * The layout from the print of the parts alone (part starts from 1, its page count) and the
 * contents' length. The parts' numbers and blank pages do not depend on the contents' length,
 * so a plan with any `tocPages` gives the numbers the contents print.
 */
export function planBinder(
  binder: BinderDocument,
  parts: BinderMeasure,
  tocPages: number,
): ReturnType<typeof planLayout> {
  const front = COVER_PAGES + tocPages;
  return planLayout(binder, {
    partStartPages: parts.partStartPages.map((page) => page + front),
    totalPages: parts.totalPages + front,
  });
}

function coverHtml(binder: BinderDocument, terms: readonly string[]): string {
  const c = binder.cover;
  const marks = [c.copyNumber, c.secrecy].filter((m): m is string => Boolean(m));
  return (
    `<section class="po-cover">` +
    `<div class="po-cover-marks">${marks.map((m) => `<div>${escapeHtml(m)}</div>`).join('')}</div>` +
    `<div class="po-cover-title">${titleLines(c.title, COVER_TITLE_CHARS, terms)
      .map((line) => `<span class="po-cover-title-line">${wordBreakHtml(line, escapeHtml, terms)}</span>`)
      .join('')}</div>` +
    (c.subtitle ? `<div class="po-cover-subtitle">${wordBreakHtml(c.subtitle, escapeHtml, terms)}</div>` : '') +
    `<div class="po-cover-foot"><div class="po-cover-organ">${escapeHtml(c.organ)}</div><div>${escapeHtml(formatChineseDate(c.date))}</div></div>` +
    `</section>`
  );
}

function tocHtml(binder: BinderDocument, layout: BinderLayout, terms: readonly string[]): string {
  const entries = binder.parts
    .map((part, i) => {
      const page = layout.partStarts[i];
      // The first pass prints a placeholder of the same width, so the contents do not reflow.
      const shown = page === null || page === undefined ? '000' : String(page);
      return (
        `<div class="po-toc-entry"><span class="po-toc-text">${wordBreakHtml(partTitle(part), escapeHtml, terms)}</span>` +
        `<span class="po-toc-fill"></span><span class="po-toc-page">${shown}</span></div>`
      );
    })
    .join('\n');
  return `<section class="po-toc"><div class="po-toc-title">目　　录</div>${entries}</section>`;
}

const BLANK = '<div class="po-blank-page"></div>';

/** The whole binder for a layout, as one HTML page (what the preview's 打印 button prints). */
export function binderBody(binder: BinderDocument, layout: BinderLayout, terms: readonly string[] = []): string {
  const out: string[] = [binderFrontBody(binder, layout, terms)];
  if (layout.blankAfterToc) out.push(BLANK);
  binder.parts.forEach((part, i) => {
    for (let b = 0; b < (layout.blanksBefore[i] ?? 0); b++) out.push(BLANK);
    out.push(partHtml(part.document, terms));
  });
  return out.join('\n');
}

function partHtml(doc: BinderDocument['parts'][number]['document'], terms: readonly string[]): string {
  return `<section class="po-part">${doc.kind === 'narrative' ? narrativeBody(doc, terms) : tableBody(doc, terms, { inGongwenFrame: true })}</section>`;
}

/** The parts alone, each from a new page, without numbers or blank pages: the one print of the body. */
export function binderPartsBody(binder: BinderDocument, terms: readonly string[] = []): string {
  return binder.parts.map((part) => partHtml(part.document, terms)).join('\n');
}

/** The cover, its blank page when parts start on odd pages, and the contents with the layout's numbers. */
export function binderFrontBody(binder: BinderDocument, layout: BinderLayout, terms: readonly string[] = []): string {
  return [coverHtml(binder, terms), ...(layout.blankAfterCover ? [BLANK] : []), tocHtml(binder, layout, terms)].join(
    '\n',
  );
}

/**
 * One page per page of the body after the contents, blank pages included: nothing on them but
 * their "— N —" (the page counter is the number: they come first in their print), set by the
 * 公文's page-number rules and laid over the body's pages.
 */
export function binderNumbersBody(layout: BinderLayout, partPageCounts: readonly number[]): string {
  const out: string[] = [];
  let n = 0;
  partPageCounts.forEach((count, i) => {
    for (let b = 0; b < (layout.blanksBefore[i] ?? 0); b++, n++) out.push(BLANK);
    for (let p = 0; p < count; p++, n++)
      out.push(`<div class="po-number-page ${(n + 1) % 2 === 1 ? 'po-odd' : 'po-even'}"></div>`);
  });
  return out.join('');
}
