import { ptToMm, SIZE_PT, tableTextWidth } from './geometry';
import type { TableColumn, TableDocument } from './model';
import { wordUnits, wrapWords } from './words';

/*
 * A table's column widths come from what the columns hold, as a careful clerk sets them in Word:
 * a column of names, branches, 类别, dates, 序号 or amounts is as wide as its longest entry (or
 * its header's longest word), so no entry wraps; what is left goes to the free-text columns
 * (备注, 计算过程, 内容), which wrap between words. Only when the short columns cannot all fit
 * do their entries wrap, still between words (机关第一 / 党支部); nothing is cut.
 *
 * The engine also chooses each cell's lines, so the PDF and the Word file wrap every cell at the
 * same place and their rows are the same height (the page counts agree).
 */

/** Cell padding and rule, left and right together (mm): 1.5 mm each side and the 0.6 pt rules. */
export const CELL_PADDING_X_MM = 1.5;
export const CELL_PADDING_Y_MM = 1.2;
/** Line height of cell text, as a multiple of the type size. */
export const CELL_LINE_HEIGHT = 1.35;
const CELL_EXTRA_MM = 2 * CELL_PADDING_X_MM + 0.3;

/** Width of a character in ems: CJK one; Latin and digits as the office faces set them, erring wide. */
function charEm(ch: string): number {
  if (!/[\u0000-\u00ff\uff61-\uff9f]/.test(ch)) return 1;
  if (/[0-9]/.test(ch)) return 0.56;
  if (/[ .,:;'|!il]/.test(ch)) return 0.32;
  if (/[MW@%]/.test(ch)) return 0.95;
  if (/[A-Z]/.test(ch)) return 0.72;
  return 0.58;
}

export function textEm(text: string): number {
  let em = 0;
  for (const ch of text) em += charEm(ch);
  return em;
}

export type ColumnFit = NonNullable<TableColumn['fit']>;

/** A column without a declared fit: aligned centre or right, or short everywhere, holds entries whole. */
export function columnFit(column: TableColumn, cells: readonly string[]): ColumnFit {
  if (column.fit) return column.fit;
  if (column.align === 'center' || column.align === 'right') return 'content';
  const longest = Math.max(0, ...cells.flatMap((c) => c.split('\n').map(textEm)));
  return longest <= 8 && longest > 0 ? 'content' : 'fill';
}

export interface TableLayout {
  /** Type size of the cells, pt. */
  sizePt: number;
  /** Each column's width in mm; they add up to the text block's width. */
  widths: number[];
  /** Each header cell's lines (by header row and cell), then each body row's and the totals' cells' lines. */
  header: string[][][];
  rows: string[][][];
  totals?: string[][];
}

export function tableSizePt(doc: TableDocument): number {
  return doc.fontSize === 'small' ? SIZE_PT.五号 : SIZE_PT.小四;
}

/** Lines a cell's text takes in a column `innerMm` wide: between words, erring narrow. */
function cellLines(text: string, innerMm: number, emMm: number, terms: readonly string[]): string[] {
  if (!text) return [''];
  // A hair of slack: a column sized to its entry must take that entry whatever the float rounding.
  const cells = innerMm / emMm + 1e-6;
  // wrapWords counts Latin as half a cell; the measure here is in ems, so wrap on the em width.
  const out: string[] = [];
  for (const line of text.split('\n')) {
    if (textEm(line) <= cells) {
      out.push(line);
      continue;
    }
    let current = '';
    for (const unit of wordUnits(line, terms)) {
      if (!current.trim() || textEm((current + unit).trimEnd()) <= cells) {
        current += unit;
        continue;
      }
      out.push(current.trimEnd());
      current = unit.trimStart();
    }
    // A word wider than the column: cut where it must be (wrapWords does it by cells).
    for (const piece of textEm(current) > cells ? wrapWords(current, Math.max(1, Math.floor(cells))) : [current])
      out.push(piece.trimEnd());
  }
  return out;
}

/**
 * Widths from the content: each column's need (a short column its longest entry whole, a
 * free-text column its longest word, both at least the header's longest word), then the rest of
 * the width to the free-text columns by their declared weights.
 */
export function layoutTable(
  doc: TableDocument,
  headerCells: readonly { text: string; colSpan: number; column: number }[][],
  terms: readonly string[] = [],
  widthMm = tableTextWidth(doc.orientation),
): TableLayout {
  const sizePt = tableSizePt(doc);
  const emMm = ptToMm(sizePt);
  const n = doc.columns.length;
  const body = [...doc.rows, ...(doc.totals ? [doc.totals] : [])];
  const columnCells = doc.columns.map((_, i) => body.map((r) => r[i] ?? ''));
  const fits = doc.columns.map((c, i) => columnFit(c, columnCells[i]!));
  const longestWord = (texts: readonly string[]) =>
    Math.max(
      0,
      ...texts.flatMap((t) => t.split('\n').flatMap((line) => wordUnits(line, terms).map((u) => textEm(u.trim())))),
    );
  const longestLine = (texts: readonly string[]) => Math.max(0, ...texts.flatMap((t) => t.split('\n').map(textEm)));
  // The header cell over a single column; a group heading spans several and is not counted here.
  const headerOf = (i: number) => doc.columns[i]!.header;
  const wordNeed = doc.columns.map(
    (_, i) => Math.max(longestWord([headerOf(i)]), longestWord(columnCells[i]!)) * emMm + CELL_EXTRA_MM,
  );
  // A short column's header stays on one line too when it is short itself (所在党支部, 月交纳额).
  const headerNeed = (i: number) => (textEm(headerOf(i)) <= 5 ? textEm(headerOf(i)) : longestWord([headerOf(i)]));
  const need = doc.columns.map((_, i) =>
    fits[i] === 'content' ? Math.max(headerNeed(i), longestLine(columnCells[i]!)) * emMm + CELL_EXTRA_MM : wordNeed[i]!,
  );
  const declared = doc.columns.map((c) => (c.width && c.width > 0 ? c.width : null));
  const known = declared.filter((w): w is number => w !== null);
  const fallback = known.length ? known.reduce((a, b) => a + b, 0) / known.length : 1;
  const weight = declared.map((w) => w ?? fallback);
  const weightSum = weight.reduce((a, b) => a + b, 0);
  const preferred = weight.map((w) => (w / weightSum) * widthMm);

  const fill = fits.map((f) => f === 'fill');
  const widths = need.map((w, i) => (fill[i] ? Math.max(w, Math.min(preferred[i]!, w * 4, widthMm)) : w));
  const sum = () => widths.reduce((a, b) => a + b, 0);
  const spare = widthMm - sum();
  if (spare >= 0) {
    // Free-text columns take what is left, by their weights; with none, every column does.
    const takers = fill.some(Boolean) ? fill : fill.map(() => true);
    const takerWeight = weight.reduce((a, w, i) => a + (takers[i] ? w : 0), 0);
    for (let i = 0; i < n; i++) if (takers[i]) widths[i]! += (spare * weight[i]!) / takerWeight;
  } else {
    // Too wide: free-text columns give back down to their longest word, then short columns
    // let their entries wrap between words, each in proportion to what it can give.
    for (const floor of [need, wordNeed]) {
      const over = sum() - widthMm;
      if (over <= 0) break;
      const give = widths.map((w, i) => Math.max(0, w - floor[i]!));
      const total = give.reduce((a, b) => a + b, 0);
      if (total <= 0) continue;
      const share = Math.min(1, over / total);
      for (let i = 0; i < n; i++) widths[i]! -= give[i]! * share;
    }
    // Still too wide (a single word wider than the page allows): scale down; cells will cut it.
    const scale = widthMm / sum();
    if (scale < 1) for (let i = 0; i < n; i++) widths[i]! *= scale;
  }

  const inner = widths.map((w) => Math.max(emMm, w - CELL_EXTRA_MM));
  const spanInner = (start: number, span: number) =>
    widths.slice(start, start + span).reduce((a, b) => a + b, 0) - CELL_EXTRA_MM;
  const header = headerCells.map((row) =>
    row.map((cell) => cellLines(cell.text, spanInner(cell.column, cell.colSpan), emMm, terms)),
  );
  const lay = (cells: readonly string[]) =>
    doc.columns.map((_, i) => cellLines(cells[i] ?? '', inner[i]!, emMm, terms));
  return {
    sizePt,
    widths,
    header,
    rows: doc.rows.map(lay),
    ...(doc.totals ? { totals: lay(doc.totals) } : {}),
  };
}
