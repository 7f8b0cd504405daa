import { describe, expect, it } from 'vitest';
import { tableTextWidth } from '../../src/core/documents/geometry';
import type { TableDocument } from '../../src/core/documents/model';
import { headerRows } from '../../src/core/documents/table-html';
import { layoutTable, textEm } from '../../src/core/documents/table-layout';
import { wordUnits } from '../../src/core/documents/words';

/* Column widths from what the columns hold: short entries whole, free text wrapping between words. */

const notice = (rows: number): TableDocument => ({
  kind: 'table',
  title: '中共某某市发展和改革委员会机关委员会2026年度党费收缴情况公示',
  orientation: 'portrait',
  columns: [
    { header: '序号', width: 4, align: 'center' },
    { header: '党支部', width: 10 },
    { header: '姓名', width: 6, align: 'center' },
    { header: '月交纳额（元）', width: 8, align: 'right' },
    { header: '全年应交（元）', width: 8, align: 'right' },
    { header: '全年实交（元）', width: 8, align: 'right' },
    { header: '备注', width: 14 },
  ],
  rows: Array.from({ length: rows }, (_, i) => [
    String(i + 1),
    ['机关第一党支部', '机关第二党支部', '离退休干部党支部'][i % 3]!,
    ['赵磊', '欧阳娜娜', '王建国'][i % 3]!,
    '101.30',
    '1,215.60',
    '1,114.30',
    i % 4 === 0 ? '欠交2026年4月至11月；另自愿多交200.00元' : '',
  ]),
  totals: ['合计', '', `${rows}人`, '3,300.00', '39,600.00', '36,300.00', ''],
});

describe('table layout', () => {
  it('fills the width, gives short columns their longest entry whole and the rest to 备注', () => {
    const doc = notice(120);
    const layout = layoutTable(doc, headerRows(doc.columns));
    expect(layout.widths.reduce((a, b) => a + b, 0)).toBeCloseTo(tableTextWidth('portrait'), 3);
    // Every entry of the short columns is one line: 党支部, 姓名, amounts, 序号 up to 120, 合计.
    for (const row of [...layout.rows, layout.totals!])
      for (const column of [0, 1, 2, 3, 4, 5]) expect(row[column], JSON.stringify(row[column])).toHaveLength(1);
    // The short columns are no wider than their entries need; the free-text column got the rest.
    expect(layout.widths[2]).toBeLessThan(21); // 欧阳娜娜: four characters of 小四 and the padding
    expect(layout.widths[6]).toBeGreaterThan(30);
  });

  it('wraps 备注 between words only, the same lines every time', () => {
    const doc = notice(8);
    const layout = layoutTable(doc, headerRows(doc.columns));
    const remark = layout.rows[0]![6]!;
    expect(remark.join('')).toBe(doc.rows[0]![6]);
    let at = 0;
    const cuts = new Set(wordUnits(doc.rows[0]![6]!).map((u) => (at += u.length)));
    let end = 0;
    for (const line of remark.slice(0, -1)) {
      end += line.length;
      expect(cuts.has(end), line).toBe(true);
    }
    expect(layoutTable(doc, headerRows(doc.columns))).toEqual(layout);
  });

  it('lets short entries wrap between words when they cannot all fit, and cuts nothing', () => {
    const doc: TableDocument = {
      ...notice(3),
      columns: notice(3).columns.map((c) => ({ ...c, fit: 'content' as const })),
      rows: notice(3).rows.map((r) => r.map((c, i) => (i === 1 ? '中共某某市发展和改革委员会机关第一党支部' : c))),
    };
    const layout = layoutTable(doc, headerRows(doc.columns));
    expect(layout.widths.reduce((a, b) => a + b, 0)).toBeCloseTo(tableTextWidth('portrait'), 3);
    const branch = layout.rows[0]![1]!;
    expect(branch.join('')).toBe('中共某某市发展和改革委员会机关第一党支部');
    for (const line of branch) expect(textEm(line) * 4.23).toBeLessThanOrEqual(layout.widths[1]!);
  });
});
