import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppEvent } from '../../src/shared/bridge';
import { AppError } from '../../src/shared/errors';
import { ChromiumPrinter } from '../../src/core/documents/chromium-printer';
import { installedFontFamilies } from '../../src/core/documents/font-detect';
import { resolveFonts } from '../../src/core/documents/fonts';
import type { BinderDocument, TableDocument } from '../../src/core/documents/model';
import { renderPdf } from '../../src/core/documents/render';
import { sampleGongwen } from '../../src/core/documents/samples';
import { TaskBoard } from '../../src/core/tasks';

/*
 * A long print as the screen sees it: what is being done, the pages to come, and a stop that
 * stops Chromium mid-print and leaves the printer ready for the next document.
 */

let printer: ChromiumPrinter;
beforeAll(() => {
  printer = new ChromiumPrinter();
});
afterAll(async () => {
  await printer.close();
});

const fonts = () => resolveFonts(installedFontFamilies());

const ledger = (rows: number): TableDocument => ({
  kind: 'table',
  title: '2026年度党费收缴台账',
  orientation: 'landscape',
  columns: [
    { header: '序号', align: 'center' },
    { header: '党支部' },
    { header: '姓名', align: 'center' },
    { header: '全年实缴（元）', align: 'right' },
    { header: '备注', width: 20 },
  ],
  rows: Array.from({ length: rows }, (_, i) => [
    String(i + 1),
    ['机关第一党支部', '离退休干部党支部'][i % 2]!,
    ['赵磊', '欧阳娜娜', '王建国'][i % 3]!,
    '1,134.00',
    i % 7 === 0 ? '欠交2026年10月至11月' : '',
  ]),
  fontSize: 'small',
});

function watch() {
  const events: Extract<AppEvent, { kind: 'progress' }>[] = [];
  const board = new TaskBoard((event) => {
    if (event.kind === 'progress') events.push(event);
  });
  return { board, events };
}

describe('printing a long document', () => {
  it('says what it is doing and how many pages are coming, and they come', async () => {
    const { board, events } = watch();
    const result = await board.run('ledger', (task) => renderPdf(ledger(600), { fonts: fonts() }, printer, task));
    const said = events.map((e) => e.text);
    expect(said[0]).toBe('正在排版');
    const announced = said.map((t) => /共约 (\d+) 页/.exec(t)?.[1]).find(Boolean);
    expect(Number(announced)).toBe(result.pageCount);
    expect(result.pageCount).toBeGreaterThan(20);
  }, 180_000);

  it('a binder counts its steps', async () => {
    const { board, events } = watch();
    const sample = sampleGongwen({ organ: '某某局', committee: '中共某某局机关委员会', today: '2026-08-01' });
    const binder: BinderDocument = {
      kind: 'binder',
      cover: { title: '材料汇编', organ: '中共某某局机关委员会', date: '2026-08-01' },
      oddPageStarts: true,
      parts: [{ document: sample }, { document: ledger(40) }],
    };
    await board.run('binder', (task) => renderPdf(binder, { fonts: fonts() }, printer, task));
    expect(events[0]).toMatchObject({ text: '正在排版2份材料', total: null });
    const counted = events.filter((e) => e.total === 3);
    expect(counted.map((e) => e.done)).toEqual([1, 2]);
    expect(counted[0]!.text).toMatch(/^正在编排页码和目录，共 \d+ 页$/);
  }, 180_000);

  it('stops mid-print when cancelled, says so, and prints the next document', async () => {
    const { board, events } = watch();
    const started = Date.now();
    const running = board.run('stop', (task) => renderPdf(ledger(4_000), { fonts: fonts() }, printer, task));
    // Cancel once Chromium has the page (the stage after the HTML is built).
    await expect.poll(() => events.some((e) => e.text.startsWith('正在生成PDF')), { timeout: 120_000 }).toBe(true);
    const printingFrom = Date.now();
    expect(board.cancel('stop')).toBe(true);
    const error = await running.then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('CANCELLED');
    // The whole 4,000-row print takes far longer than the stop (about 200 pages).
    const stoppedAfter = Date.now() - printingFrom;
    expect(stoppedAfter).toBeLessThan(Math.max(5_000, (printingFrom - started) * 3));
    const next = await renderPdf(ledger(10), { fonts: fonts() }, printer);
    expect(next.pageCount).toBe(1);
  }, 240_000);
});
