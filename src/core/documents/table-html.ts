import { tableTextWidth, titleCharsFor } from './geometry';
import { escapeHtml } from './html';
import type { CellAlign, TableColumn, TableDocument } from './model';
import { titleLines, wordBreakHtml } from './words';

/*
 * Table documents (rosters, ledgers) → HTML. The header rows are a <thead>, which Chromium
 * repeats on every printed page; rows never split across pages; the totals row is the last
 * row of the body, so it prints once, at the end.
 */

export const DEFAULT_SIGNATURES = ['经办人', '负责人', '日期'];

/** Relative widths normalised to percentages; unspecified columns share equally. */
export function columnWidths(columns: readonly TableColumn[]): number[] {
  const given = columns.map((c) => (c.width && c.width > 0 ? c.width : null));
  const known = given.filter((w): w is number => w !== null);
  const fallback = known.length ? known.reduce((a, b) => a + b, 0) / known.length : 1;
  const widths = given.map((w) => w ?? fallback);
  const total = widths.reduce((a, b) => a + b, 0);
  return widths.map((w) => (w / total) * 100);
}

export interface HeaderCell {
  text: string;
  colSpan: number;
  rowSpan: number;
}

/** One header row, or two when some columns share a group heading. */
export function headerRows(columns: readonly TableColumn[]): HeaderCell[][] {
  if (!columns.some((c) => c.group)) return [columns.map((c) => ({ text: c.header, colSpan: 1, rowSpan: 1 }))];
  const top: HeaderCell[] = [];
  const bottom: HeaderCell[] = [];
  for (let i = 0; i < columns.length;) {
    const group = columns[i]!.group;
    if (!group) {
      top.push({ text: columns[i]!.header, colSpan: 1, rowSpan: 2 });
      i++;
      continue;
    }
    let j = i;
    while (j < columns.length && columns[j]!.group === group) {
      bottom.push({ text: columns[j]!.header, colSpan: 1, rowSpan: 1 });
      j++;
    }
    top.push({ text: group, colSpan: j - i, rowSpan: 1 });
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
export function tableTitleLines(doc: TableDocument, terms: readonly string[] = []): string[] {
  return titleLines(doc.title, titleCharsFor(tableTextWidth(doc.orientation)), terms);
}

export function tableBody(doc: TableDocument, terms: readonly string[] = []): string {
  // Cell text breaks only between words (the cells keep-all; <wbr> marks where a line may end).
  const words = (text: string) =>
    text
      .split('\n')
      .map((line) => wordBreakHtml(line, escapeHtml, terms))
      .join('\n');
  const widths = columnWidths(doc.columns);
  const colgroup = `<colgroup>${widths.map((w) => `<col style="width:${w.toFixed(3)}%">`).join('')}</colgroup>`;
  const thead = `<thead>${headerRows(doc.columns)
    .map(
      (row) =>
        `<tr>${row
          .map(
            (cell) =>
              `<th${cell.colSpan > 1 ? ` colspan="${cell.colSpan}"` : ''}${cell.rowSpan > 1 ? ` rowspan="${cell.rowSpan}"` : ''}>${words(cell.text)}</th>`,
          )
          .join('')}</tr>`,
    )
    .join('')}</thead>`;
  const cellClass = (i: number) => ALIGN_CLASS[doc.columns[i]?.align ?? 'left'];
  const rowHtml = (cells: readonly string[], extra = '') =>
    `<tr${extra}>${doc.columns.map((_, i) => `<td class="${cellClass(i)}">${words(cells[i] ?? '')}</td>`).join('')}</tr>`;
  const rows = doc.rows.map((r) => rowHtml(r)).join('\n');
  const totals = doc.totals ? rowHtml(doc.totals, ' class="po-totals"') : '';
  const caption =
    doc.captionLeft || doc.captionRight
      ? `<div class="po-caption"><span>${words(doc.captionLeft ?? '')}</span><span>${words(doc.captionRight ?? '')}</span></div>`
      : '';
  const notes = doc.notes?.length
    ? `<div class="po-notes">${doc.notes.map((n) => `<p>${escapeHtml(n)}</p>`).join('')}</div>`
    : '';
  const labels = doc.signatures === false ? [] : (doc.signatures ?? DEFAULT_SIGNATURES);
  const signatures = labels.length ? `<div class="po-signatures">${escapeHtml(signatureLine(labels))}</div>` : '';
  const classes = ['po-tb', `po-tb-${doc.orientation}`, doc.fontSize === 'small' ? 'po-small' : 'po-normal'].join(' ');
  return (
    `<article class="${classes}">` +
    `<h1 class="po-title">${tableTitleLines(doc, terms)
      .map((line) => `<span class="po-title-line">${wordBreakHtml(line, escapeHtml, terms)}</span>`)
      .join('')}</h1>${caption}` +
    `<table>${colgroup}${thead}<tbody>\n${rows}\n${totals}</tbody></table>${notes}${signatures}</article>`
  );
}
