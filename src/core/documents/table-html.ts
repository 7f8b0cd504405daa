import { formatChineseDate } from '../../shared/dates';
import { GONGWEN, tableTextWidth, titleCharsFor } from './geometry';
import { escapeHtml } from './html';
import type { CellAlign, TableColumn, TableDocument } from './model';
import { layoutTable } from './table-layout';
import { tablePages } from './table-pages';
import { titleLines, wordBreakHtml } from './words';

/*
 * Table documents (rosters, ledgers) → HTML. The header rows are a <thead>, which Chromium
 * repeats on every printed page; rows never split across pages; the totals row is the last
 * row of the body, so it prints once, at the end.
 */

export const DEFAULT_SIGNATURES = ['经办人', '负责人', '日期'];

export interface HeaderCell {
  text: string;
  colSpan: number;
  rowSpan: number;
  /** The first column it stands over. */
  column: number;
}

/** One header row, or two when some columns share a group heading. */
export function headerRows(columns: readonly TableColumn[]): HeaderCell[][] {
  if (!columns.some((c) => c.group))
    return [columns.map((c, column) => ({ text: c.header, colSpan: 1, rowSpan: 1, column }))];
  const top: HeaderCell[] = [];
  const bottom: HeaderCell[] = [];
  for (let i = 0; i < columns.length;) {
    const group = columns[i]!.group;
    if (!group) {
      top.push({ text: columns[i]!.header, colSpan: 1, rowSpan: 2, column: i });
      i++;
      continue;
    }
    let j = i;
    while (j < columns.length && columns[j]!.group === group) {
      bottom.push({ text: columns[j]!.header, colSpan: 1, rowSpan: 1, column: j });
      j++;
    }
    top.push({ text: group, colSpan: j - i, rowSpan: 1, column: i });
    i = j;
  }
  return [top, bottom];
}

const ALIGN_CLASS: Record<CellAlign, string> = { left: 'po-l', center: 'po-c', right: 'po-r' };

export function signatureLine(labels: readonly string[]): string {
  // Room to sign by hand; the date gets 年 月 日 to fill in.
  return labels
    .map((label) => (label === '日期' ? `${label}：　　　年　　月　　日` : `${label}：　　　　　　　`))
    .join('　　');
}

/** A table's title lines: balanced between words across the table's own width. */
export function tableTitleLines(
  doc: TableDocument,
  terms: readonly string[] = [],
  widthMm = tableWidthMm(doc, false),
): string[] {
  return titleLines(doc.title, titleCharsFor(widthMm), terms);
}

/**
 * The width a table is set in: its own page's, or, for a portrait table bound in a binder, the
 * 公文 text block, so that its pages are numbered where the 公文 parts are (GB/T 9704 §10.1).
 */
export function tableWidthMm(doc: TableDocument, inGongwenFrame: boolean): number {
  if (!inGongwenFrame) return tableTextWidth(doc.orientation);
  // Landscape, turned onto the portrait sheet: the 公文 block's height is the table's width.
  return doc.orientation === 'portrait' ? GONGWEN.textWidth : GONGWEN.textHeight;
}

export function tableBody(
  doc: TableDocument,
  terms: readonly string[] = [],
  options: { inGongwenFrame?: boolean } = {},
): string {
  const frame = options.inGongwenFrame === true;
  const widthMm = tableWidthMm(doc, frame);
  // Widths from the content, and each cell's lines chosen by the engine (as the Word file has
  // them); within a line a <wbr> between words is where the cell may still wrap if a face runs wide.
  const words = (text: string) =>
    text
      .split('\n')
      .map((line) => wordBreakHtml(line, escapeHtml, terms))
      .join('\n');
  const lines = (cell: readonly string[]) => cell.map((line) => wordBreakHtml(line, escapeHtml, terms)).join('<br>');
  const headers = headerRows(doc.columns);
  const layout = layoutTable(doc, headers, terms, widthMm);
  const colgroup = `<colgroup>${layout.widths.map((w) => `<col style="width:${w.toFixed(2)}mm">`).join('')}</colgroup>`;
  const thead = `<thead>${headers
    .map(
      (row, r) =>
        `<tr>${row
          .map(
            (cell, c) =>
              `<th${cell.colSpan > 1 ? ` colspan="${cell.colSpan}"` : ''}${cell.rowSpan > 1 ? ` rowspan="${cell.rowSpan}"` : ''}>${lines(layout.header[r]![c]!)}</th>`,
          )
          .join('')}</tr>`,
    )
    .join('')}</thead>`;
  const cellClass = (i: number) => ALIGN_CLASS[doc.columns[i]?.align ?? 'left'];
  const rowHtml = (cells: readonly string[][], extra = '') =>
    `<tr${extra}>${cells.map((cell, i) => `<td class="${cellClass(i)}">${lines(cell)}</td>`).join('')}</tr>`;
  const totals = layout.totals ? rowHtml(layout.totals, ' class="po-totals"') : '';
  const titleLines = tableTitleLines(doc, terms, widthMm);
  const labels = doc.signatures === false ? [] : (doc.signatures ?? DEFAULT_SIGNATURES);
  const pages = tablePages({
    doc,
    layout,
    headerRowSpans: headers.map((row) => row.map((cell) => cell.rowSpan)),
    titleLines: titleLines.length,
    widthMm,
    frame: frame ? (doc.orientation === 'portrait' ? 'gongwen' : 'gongwen-turned') : doc.orientation,
    signatures: labels.length > 0,
  });
  const tables = pages
    .map(([start, end], p) => {
      const rows = layout.rows.slice(start, end).map((r) => rowHtml(r));
      if (p === pages.length - 1 && totals) rows.push(totals);
      return `<table${p > 0 ? ' class="po-next-page"' : ''}>${colgroup}${thead}<tbody>\n${rows.join('\n')}\n</tbody></table>`;
    })
    .join('\n');
  const caption =
    doc.captionLeft || doc.captionRight
      ? `<div class="po-caption"><span>${words(doc.captionLeft ?? '')}</span><span>${words(doc.captionRight ?? '')}</span></div>`
      : '';
  const notes = doc.notes?.length
    ? `<div class="po-notes">${doc.notes.map((n) => `<p>${escapeHtml(n)}</p>`).join('')}</div>`
    : '';
  const signatures = labels.length ? `<div class="po-signatures">${escapeHtml(signatureLine(labels))}</div>` : '';
  // 落款: the organ, the date below it, right of centre as a 公文's (two characters in from the right).
  const closing = doc.closing
    ? `<div class="po-closing"><p>${escapeHtml(doc.closing.organ)}</p><p>${escapeHtml(formatChineseDate(doc.closing.date))}</p></div>`
    : '';
  const classes = [
    'po-tb',
    `po-tb-${doc.orientation}`,
    doc.fontSize === 'small' ? 'po-small' : 'po-normal',
    ...(frame ? ['po-in-gw'] : []),
  ].join(' ');
  return (
    `<article class="${classes}">` +
    `<h1 class="po-title">${titleLines
      .map((line) => `<span class="po-title-line">${wordBreakHtml(line, escapeHtml, terms)}</span>`)
      .join('')}</h1>${caption}` +
    `${tables}${notes}${signatures}${closing}</article>`
  );
}
