import { describe, expect, it } from 'vitest';
import { tableTextWidth } from '../../src/core/documents/geometry';
import type { TableDocument } from '../../src/core/documents/model';
import { headerRows } from '../../src/core/documents/table-html';
import { layoutTable } from '../../src/core/documents/table-layout';
import { frameHeightMm, tableHeights, tablePages, type TablePageInput } from '../../src/core/documents/table-pages';

/* A table's pages as the engine plans them (the PDF test checks Chromium prints them so). */

const ledger = (rows: number, extra: Partial<TableDocument> = {}): TableDocument => ({
  kind: 'table',
  title: '党费收缴台账',
  orientation: 'portrait',
  columns: [
    { header: '序号', align: 'center' },
    { header: '姓名', align: 'center' },
    { header: '备注', width: 20 },
  ],
  rows: Array.from({ length: rows }, (_, i) => [
    String(i + 1),
    '赵磊',
    i % 3 === 0 ? '按月足额交纳党费。'.repeat(8) : '',
  ]),
  totals: ['合计', `${rows}人`, ''],
  notes: ['说明：全年实缴按所属月份统计。'],
  ...extra,
});

function input(doc: TableDocument): TablePageInput {
  const headers = headerRows(doc.columns);
  return {
    doc,
    layout: layoutTable(doc, headers, [], tableTextWidth(doc.orientation)),
    headerRowSpans: headers.map((row) => row.map((c) => c.rowSpan)),
    titleLines: 1,
    widthMm: tableTextWidth(doc.orientation),
    frame: doc.orientation,
    signatures: true,
  };
}

describe('table pages', () => {
  it('cover every row once, in order, each page filled until the next row would not fit', () => {
    const plan = input(ledger(400));
    const pages = tablePages(plan);
    const h = tableHeights(plan);
    expect(pages[0]![0]).toBe(0);
    expect(pages.at(-1)![1]).toBe(400);
    for (let p = 1; p < pages.length; p++) expect(pages[p]![0]).toBe(pages[p - 1]![1]);
    const height = frameHeightMm('portrait');
    for (const [p, [start, end]] of pages.slice(0, -1).entries()) {
      const used = (p === 0 ? h.head : 0) + h.header + h.rows.slice(start, end).reduce((a, b) => a + b, 0);
      expect(used).toBeLessThanOrEqual(height);
      expect(used + h.rows[end]!).toBeGreaterThan(height - 1.5);
    }
  });

  it('keep the last row with the totals, notes and signatures when they do not fit under a full page', () => {
    // Find a length whose last page is full of rows, with no room for the closing block.
    for (let rows = 30; rows < 120; rows++) {
      const plan = input(ledger(rows));
      const h = tableHeights(plan);
      const pages = tablePages(plan);
      const [start, end] = pages.at(-1)!;
      const used = (pages.length === 1 ? h.head : 0) + h.header + h.rows.slice(start, end).reduce((a, b) => a + b, 0);
      expect(used + h.closing, `${rows} rows`).toBeLessThanOrEqual(frameHeightMm('portrait'));
      expect(end - start).toBeGreaterThanOrEqual(1);
    }
  });

  it('plan a landscape page and a portrait table in the 公文 frame by their own heights', () => {
    expect(frameHeightMm('landscape')).toBe(170);
    expect(frameHeightMm('gongwen')).toBe(225);
    const portrait = tablePages(input(ledger(400))).length;
    const landscape = tablePages(input(ledger(400, { orientation: 'landscape' }))).length;
    expect(landscape).toBeGreaterThan(portrait);
  });
});
