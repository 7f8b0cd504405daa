import { A4, GONGWEN, ptToMm, TABLE_PAGE } from './geometry';
import type { TableDocument } from './model';
import { CELL_LINE_HEIGHT, CELL_PADDING_Y_MM, textEm, type TableLayout } from './table-layout';

/*
 * A table's pages, decided by the engine from the rows' heights rather than by Chromium. Chromium
 * lays a long table out as one box and breaks it across pages, which costs more per page the
 * longer the table is (a 10,000-row ledger: 4,000 rows took 6 s, 10,000 took 45 s). Printed as
 * one table per page, each with its own header, every page costs the same.
 *
 * Every height here is the one page-styles.ts gives the print CSS (cell padding, line heights,
 * margins), so the plan and the print agree; a little slack is left on each page, and if a page
 * still ran over, Chromium would break that page's table under a repeated header, not lose a row.
 */

/** Ruling of the cells (0.6 pt); collapsed, each row carries one. */
export const RULE_PT = 0.6;
/** Table title: 2号, line height 1.4, 5 mm under it. */
export const TABLE_TITLE_LINE_HEIGHT = 1.4;
export const TABLE_TITLE_GAP_MM = 5;
/** Caption, notes and signature line: 1.5 lines of the table's type. */
export const TABLE_TEXT_LINE_HEIGHT = 1.5;
export const CAPTION_GAP_MM = 2;
export const NOTES_GAP_MM = 3;
export const SIGNATURES_GAP_MM = 8;
export const CLOSING_GAP_MM = 8;
export const CLOSING_LINE_HEIGHT = 1.8;
/** Left unused at the foot of every page, against rounding and a face that sets a line taller. */
const SLACK_MM = 1.5;

/** A table's own page, the 公文 frame (a portrait table in a binder), or the frame turned (a landscape one). */
export type TableFrame = 'portrait' | 'landscape' | 'gongwen' | 'gongwen-turned';

/** Height of the text block a table's pages have. */
export function frameHeightMm(frame: TableFrame): number {
  if (frame === 'gongwen') return GONGWEN.textHeight;
  if (frame === 'gongwen-turned') return GONGWEN.textWidth;
  const m = TABLE_PAGE[frame];
  return (frame === 'landscape' ? A4.width : A4.height) - m.top - m.bottom;
}

/** Lines a paragraph of `text` takes across `widthMm` at `emMm` a character (breaking anywhere). */
function proseLines(text: string, widthMm: number, emMm: number): number {
  const perLine = Math.max(1, Math.floor(widthMm / emMm));
  return text.split('\n').reduce((n, line) => n + Math.max(1, Math.ceil(textEm(line) / perLine)), 0);
}

export interface TablePageInput {
  doc: TableDocument;
  layout: TableLayout;
  /** Each header cell's row span, by header row and cell (as layout.header). */
  headerRowSpans: readonly (readonly number[])[];
  titleLines: number;
  widthMm: number;
  frame: TableFrame;
  /** Whether a signature line prints under the table. */
  signatures: boolean;
}

/** Heights (mm) of the parts of a table as the print CSS sets them. */
export function tableHeights(input: TablePageInput) {
  const { doc, layout, widthMm } = input;
  const emMm = ptToMm(layout.sizePt);
  const lineMm = emMm * CELL_LINE_HEIGHT;
  const ruleMm = ptToMm(RULE_PT);
  const rowMm = (cells: readonly (readonly string[])[]) =>
    Math.max(1, ...cells.map((c) => c.length)) * lineMm + 2 * CELL_PADDING_Y_MM + ruleMm;
  // Header: one row, or two under group headings (a cell spanning both rows may be the taller).
  const headerRowsMm = layout.header.map((row, r) => rowMm(row.filter((_, c) => input.headerRowSpans[r]?.[c] !== 2)));
  const spanning = layout.header.flatMap((row, r) =>
    row.filter((_, c) => input.headerRowSpans[r]?.[c] === 2).map((cell) => rowMm([cell])),
  );
  const headerMm = Math.max(
    headerRowsMm.reduce((a, b) => a + b, 0),
    ...spanning,
  );
  const textLineMm = emMm * TABLE_TEXT_LINE_HEIGHT;
  const title = input.titleLines * ptToMm(GONGWEN.titlePt * TABLE_TITLE_LINE_HEIGHT) + TABLE_TITLE_GAP_MM;
  const captionText = [doc.captionLeft ?? '', doc.captionRight ?? ''];
  const captionEm = textEm(captionText[0]!) + textEm(captionText[1]!) + 2;
  const caption =
    doc.captionLeft || doc.captionRight ? (captionEm * emMm <= widthMm ? 1 : 2) * textLineMm + CAPTION_GAP_MM : 0;
  const notes = doc.notes?.length
    ? NOTES_GAP_MM + doc.notes.reduce((n, note) => n + proseLines(note, widthMm, emMm), 0) * textLineMm
    : 0;
  const signatures = input.signatures ? SIGNATURES_GAP_MM + textLineMm : 0;
  const closing = doc.closing ? CLOSING_GAP_MM + 2 * emMm * CLOSING_LINE_HEIGHT : 0;
  return {
    /** Above the table on the first page. */
    head: title + caption,
    /** The header rows and the table's outer rule. */
    header: headerMm + ruleMm,
    rows: layout.rows.map(rowMm),
    /** Totals, notes, signatures and 落款: printed once, after the last row. */
    closing: (layout.totals ? rowMm(layout.totals) : 0) + notes + signatures + closing,
  };
}

/**
 * The rows of each page, as [start, end) indexes: pages filled in order, then the last row kept
 * with the totals, notes, signatures and 落款 (never a closing block alone on a page, and the
 * same keep Word's twin has: the last row with its totals).
 */
export function tablePages(input: TablePageInput): [number, number][] {
  const h = tableHeights(input);
  const page = frameHeightMm(input.frame) - SLACK_MM;
  const pages: [number, number][] = [];
  let start = 0;
  let used = h.head + h.header;
  for (let i = 0; i < h.rows.length; i++) {
    if (i > start && used + h.rows[i]! > page) {
      pages.push([start, i]);
      start = i;
      used = h.header;
    }
    used += h.rows[i]!;
  }
  if (h.rows.length === 0) return [[0, 0]];
  // The last page: if the closing block does not fit under its rows, the last row goes over with it.
  if (used + h.closing > page && h.rows.length - start > 1) {
    pages.push([start, h.rows.length - 1]);
    start = h.rows.length - 1;
  }
  pages.push([start, h.rows.length]);
  return pages;
}
