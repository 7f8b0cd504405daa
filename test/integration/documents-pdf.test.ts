import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDocumentRegistry } from '../../src/core/documents/catalog';
import { ChromiumPrinter } from '../../src/core/documents/chromium-printer';
import { installedFontFamilies } from '../../src/core/documents/font-detect';
import { resolveFonts } from '../../src/core/documents/fonts';
import type { TableDocument } from '../../src/core/documents/model';
import { loadPdf, readOutline } from '../../src/core/documents/pdf';
import { renderPdf } from '../../src/core/documents/render';
import { DocumentService } from '../../src/core/documents/service';
import {
  cells,
  inkBands,
  pdfFonts,
  rasterPage,
  readPdfLayout,
  screenshotPages,
  type PdfPage,
} from '../support/pdf-measure';

/*
 * The printed PDFs measured against GB/T 9704-2012 (reference §7) with poppler-utils: where
 * the text is (pdftotext -bbox-layout) and where the ink is (pdftoppm). Every PDF here comes
 * from one Chromium, which refuses and records any request a document makes.
 */

const TOP = 37;
const LEFT = 28;
const WIDTH = 156;
const HEIGHT = 225;
const RIGHT_EDGE = LEFT + WIDTH; // 184
const BOTTOM_EDGE = TOP + HEIGHT; // 262
const LINE = HEIGHT / 22;
const CHAR = WIDTH / 28;
const ONE_4HAO_CHAR = (14 / 72) * 25.4; // 4.94 mm
const MM = 1; // the standard's tolerance

let printer: ChromiumPrinter;
let dir: string;

function service(oddToday = '2026-08-01') {
  return new DocumentService({
    registry: createDocumentRegistry(),
    printer,
    database: () => {
      throw new Error('the samples need no database');
    },
    organ: () => null,
    today: () => oddToday,
  });
}

function save(name: string, base64OrBytes: string | Uint8Array): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, typeof base64OrBytes === 'string' ? Buffer.from(base64OrBytes, 'base64') : base64OrBytes);
  return file;
}

/** The words below the text block: the page number. */
function footer(page: PdfPage, below = BOTTOM_EDGE + 1) {
  return page.words.filter((w) => w.yMin > below - 8 && (w.yMin + w.yMax) / 2 > below);
}

beforeAll(() => {
  printer = new ChromiumPrinter();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'party-office-pdf-'));
});

afterAll(async () => {
  await printer.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('a 公文 (the sample) measured against the standard', () => {
  let file: string;
  let pages: PdfPage[];

  beforeAll(async () => {
    const preview = await service().preview('sample');
    file = save('sample.pdf', preview.pdf);
    pages = readPdfLayout(file);
    screenshotPages(file, 'documents-sample');
  }, 180_000);

  it('is A4 with every font embedded, and at least three full pages of body text', () => {
    expect(pages.length).toBeGreaterThanOrEqual(4);
    for (const page of pages) {
      expect(page.width).toBeCloseTo(210, 0);
      expect(page.height).toBeCloseTo(297, 0);
    }
    const fonts = pdfFonts(file);
    expect(fonts.length).toBeGreaterThan(0);
    expect(fonts.filter((f) => !f.embedded)).toEqual([]);
  });

  it('keeps the text block 156 mm wide from 28 mm in (±1 mm)', () => {
    const body = pages.flatMap((p) => p.lines.filter((l) => l.yMax < BOTTOM_EDGE + 2));
    const flushLeft = body.filter((l) => l.xMin < LEFT + 3);
    expect(flushLeft.length).toBeGreaterThan(40);
    for (const line of flushLeft) expect(Math.abs(line.xMin - LEFT), line.text).toBeLessThanOrEqual(MM);
    const rightEdges = body.map((l) => l.xMax);
    expect(Math.abs(Math.max(...rightEdges) - RIGHT_EDGE)).toBeLessThanOrEqual(MM);
    const full = body.filter((l) => l.xMin < LEFT + 1 && l.xMax > RIGHT_EDGE - 1);
    expect(full.length).toBeGreaterThan(40);
    for (const line of full) expect(Math.abs(line.xMax - line.xMin - WIDTH), line.text).toBeLessThanOrEqual(MM);
  });

  it('sets 22 lines on a full page, the first at the top edge 37 mm and the last at 262 mm (±1 mm)', () => {
    let fullPages = 0;
    for (const page of pages) {
      const bands = inkBands(rasterPage(file, page.number, 150), LEFT - 1, RIGHT_EDGE + 1, 20, BOTTOM_EDGE + 3);
      // Grid slots the page uses (the blank line under the title is a slot without ink).
      const slots = bands.map((b) => Math.floor((b.center - TOP) / LINE));
      for (const band of bands) {
        // Each line's glyphs are centred in their slot of the 22-line grid.
        const slot = Math.floor((band.center - TOP) / LINE);
        expect(
          Math.abs(band.center - (TOP + (slot + 0.5) * LINE)),
          `page ${page.number} line at ${band.center.toFixed(2)}`,
        ).toBeLessThanOrEqual(MM);
      }
      expect(Math.min(...slots)).toBe(0);
      expect(Math.max(...slots)).toBeLessThanOrEqual(21);
      if (Math.max(...slots) === 21) {
        fullPages++;
        const first = bands[0]!;
        const last = bands.at(-1)!;
        expect(Math.abs(first.center - LINE / 2 - TOP)).toBeLessThanOrEqual(MM);
        expect(Math.abs(last.center + LINE / 2 - BOTTOM_EDGE)).toBeLessThanOrEqual(MM);
        expect((last.center - first.center) / 21).toBeCloseTo(LINE, 1);
        // Page 1 has the blank line under the title; the others are 22 lines of text.
        expect(bands.length).toBe(page.number === 1 ? 21 : 22);
      }
    }
    expect(fullPages).toBeGreaterThanOrEqual(3);
  });

  it('sets 28 characters on a full line, each 156/28 mm wide', () => {
    const full = pages.flatMap((p) =>
      p.lines.filter((l) => l.yMax < BOTTOM_EDGE + 2 && l.xMin < LEFT + 1 && l.xMax > RIGHT_EDGE - 1),
    );
    for (const line of full) expect(cells(line.text), line.text).toBeLessThanOrEqual(28);
    const exact = full.filter((l) => cells(l.text) === 28 && !/[\u0000-\u00ff]/.test(l.text.replace(/\s/g, '')));
    expect(exact.length).toBeGreaterThan(30);
    for (const line of exact) expect((line.xMax - line.xMin) / 28).toBeCloseTo(CHAR, 1);
  });

  it('numbers pages "— N —" in the 一字线 7 mm below the text block, odd right and even left, one character in', () => {
    for (const page of pages) {
      const words = footer(page);
      expect(words.map((w) => w.text).join(' '), `page ${page.number}`).toBe(`— ${page.number} —`);
      const first = words[0]!;
      const last = words.at(-1)!;
      if (page.number % 2 === 1)
        expect(Math.abs(last.xMax - (RIGHT_EDGE - ONE_4HAO_CHAR)), `page ${page.number}`).toBeLessThanOrEqual(MM);
      else expect(Math.abs(first.xMin - (LEFT + ONE_4HAO_CHAR)), `page ${page.number}`).toBeLessThanOrEqual(MM);
      // The dash's stroke, measured in ink.
      const stroke = inkBands(
        rasterPage(file, page.number, 300),
        first.xMin + 0.5,
        first.xMax - 0.5,
        BOTTOM_EDGE + 1,
        BOTTOM_EDGE + 14,
      );
      expect(stroke).toHaveLength(1);
      expect(
        Math.abs(stroke[0]!.center - (BOTTOM_EDGE + 7)),
        `page ${page.number} dash at ${stroke[0]!.center.toFixed(2)}`,
      ).toBeLessThanOrEqual(MM);
    }
  });

  it('writes the date in full without zero padding, and never leaves the signature alone on a page', () => {
    const last = pages.at(-1)!;
    expect(last.text).toContain('2026年8月1日');
    expect(last.text).toContain('附件：1.2026年度机关党建工作任务分解表');
    const lines = last.lines.filter((l) => l.yMax < BOTTOM_EDGE + 2);
    const attachment = lines.findIndex((l) => l.text.startsWith('附件'));
    expect(attachment).toBeGreaterThan(0); // body text above the attachments on the same page
  });

  it('bookmarks the standalone headings with their numbers', async () => {
    const outline = readOutline(await loadPdf(fs.readFileSync(file)));
    const titles = outline.map((e) => e.title.replace(/\s/g, ''));
    expect(titles[0]).toContain('关于做好2026年度机关党建工作的通知');
    expect(titles).toEqual(
      expect.arrayContaining([
        '一、加强政治建设，把牢机关党建正确方向',
        '（一）深化党的创新理论学习',
        '四、加强组织领导，压实管党治党政治责任',
      ]),
    );
  });
});

describe('a table document', () => {
  const table = (orientation: 'portrait' | 'landscape', rows: number): TableDocument => ({
    kind: 'table',
    title: '党员名册（测试）',
    orientation,
    captionLeft: '填报单位：中共某某局机关委员会',
    captionRight: '截至2026年8月1日',
    columns: [
      { header: '序号', width: 6, align: 'center' },
      { header: '姓名', width: 10 },
      { header: '所在党支部', width: 14 },
      { header: '备注', width: 40 },
      { header: '金额（元）', width: 10, align: 'right' },
    ],
    rows: Array.from({ length: rows }, (_, i) => [
      String(i + 1),
      `第${i + 1}行`,
      `第${(i % 4) + 1}党支部`,
      // Some rows wrap to three lines, so a split would show.
      `${'按月足额缴纳党费，'.repeat(i % 5 === 0 ? 6 : 1)}ROW${i + 1}END`,
      (i * 1.5).toFixed(2),
    ]),
    totals: ['合计', '', '', '', '8,937.00'],
    notes: ['说明：测试数据。'],
  });

  let pages: PdfPage[];
  const ROWS = 120;

  beforeAll(async () => {
    const fonts = resolveFonts(installedFontFamilies());
    const result = await renderPdf(table('portrait', ROWS), { fonts }, printer);
    const file = save('table.pdf', result.pdf);
    pages = readPdfLayout(file);
    screenshotPages(file, 'documents-table', 60);
  }, 180_000);

  const wordsOn = (page: PdfPage, text: string) => page.words.filter((w) => w.text.includes(text));

  it('repeats the header row on every page, above the rows', () => {
    expect(pages.length).toBeGreaterThanOrEqual(3);
    for (const page of pages) {
      const header = ['序号', '姓名', '所在党支部', '备注', '金额'].map((label) => {
        const found = wordsOn(page, label);
        expect(found, `${label} on page ${page.number}`).toHaveLength(1);
        return found[0]!;
      });
      const rows = page.words.filter((w) => /^第\d+行$/.test(w.text));
      // The last page may hold only the last rows, kept with the totals and signatures.
      expect(rows.length, `rows on page ${page.number}`).toBeGreaterThan(page === pages.at(-1) ? 0 : 5);
      // Rows start below the header's top (pdftotext's boxes for a row set tight under it can overlap its foot).
      expect(Math.min(...rows.map((w) => w.yMin))).toBeGreaterThan(Math.max(...header.map((w) => w.yMin)));
    }
    // The title and caption only once, at the top of the first page.
    expect(pages.filter((p) => p.text.includes('党员名册（测试）')).map((p) => p.number)).toEqual([1]);
  });

  it('fills every page to the foot before turning it: the engine plans the pages, and Chromium prints them so', () => {
    const foot = 25 + 250; // the portrait table page: 25 mm top margin, 250 mm text block
    const span = (page: PdfPage, i: number) => {
      const words = page.words.filter((w) => w.text === `第${i}行` || w.text.includes(`ROW${i}END`));
      return words.length
        ? { top: Math.min(...words.map((w) => w.yMin)), bottom: Math.max(...words.map((w) => w.yMax)) }
        : null;
    };
    for (const [p, page] of pages.slice(0, -1).entries()) {
      const numbers = page.words.filter((w) => /^第\d+行$/.test(w.text)).map((w) => Number(w.text.slice(1, -1)));
      const last = Math.max(...numbers);
      const lastSpan = span(page, last)!;
      const next = span(pages[p + 1]!, last + 1)!;
      // The next row (its text, its padding and rule: 2.6 mm, and a millimetre of rounding) did not fit here.
      expect(foot - lastSpan.bottom, `space left on page ${page.number}`).toBeLessThan(
        next.bottom - next.top + 2.6 + 1 + 1.5,
      );
    }
  });

  it('never splits a row across pages', () => {
    for (let i = 1; i <= ROWS; i++) {
      const start = pages.filter((p) => p.words.some((w) => w.text === `第${i}行`)).map((p) => p.number);
      const end = pages.filter((p) => p.words.some((w) => w.text.includes(`ROW${i}END`))).map((p) => p.number);
      expect(start, `row ${i}`).toHaveLength(1);
      expect(end, `row ${i}`).toEqual(start);
    }
  });

  it('prints the totals and the signature line once, at the end, and numbers pages 第 N 页 共 M 页', () => {
    const last = pages.at(-1)!;
    for (const label of ['合计', '8,937.00', '经办人', '负责人', '日期']) {
      expect(
        pages.filter((p) => wordsOn(p, label).length > 0).map((p) => p.number),
        label,
      ).toEqual([last.number]);
    }
    const signature = ['经办人', '负责人', '日期'].map((label) => wordsOn(last, label)[0]!);
    expect(signature[0]!.xMin).toBeLessThan(signature[1]!.xMin);
    expect(signature[1]!.xMin).toBeLessThan(signature[2]!.xMin);
    for (const word of signature) expect(Math.abs(word.yMin - signature[0]!.yMin)).toBeLessThan(0.5);
    // Above the signatures: the totals row, then the notes.
    expect(wordsOn(last, '合计')[0]!.yMax).toBeLessThan(signature[0]!.yMin);
    for (const page of pages) expect(page.text.replace(/\s/g, '')).toContain(`第${page.number}页共${pages.length}页`);
  });

  it('turns the page for landscape tables', async () => {
    const fonts = resolveFonts(installedFontFamilies());
    const result = await renderPdf(table('landscape', 10), { fonts }, printer);
    const [page] = readPdfLayout(save('landscape.pdf', result.pdf));
    expect(page!.width).toBeCloseTo(297, 0);
    expect(page!.height).toBeCloseTo(210, 0);
  });
});

describe('a binder', () => {
  const title = (page: PdfPage) =>
    page.lines
      .filter((l) => l.yMax < TOP + 3 * LINE)
      .map((l) => l.text.replace(/\s/g, ''))
      .join('');
  const printedNumber = (page: PdfPage): number | null => {
    // Every sheet is portrait A4 (a landscape part's pages turned onto it): the number 35 mm from the foot.
    const text = footer(page, 297 - 35)
      .map((w) => w.text)
      .join(' ');
    const match = /^— (\d+) —$/.exec(text);
    return match ? Number(match[1]) : null;
  };

  /** Contents entries: the title on the left, its page number at the right end of the same line. */
  const tocEntries = (toc: PdfPage) => {
    const numbers = toc.words.filter((w) => /^\d+$/.test(w.text));
    return toc.lines
      .filter((l) => !/^[\d\s]+$/.test(l.text) && l.yMin > TOP + LINE)
      .map((l) => {
        const y = (l.yMin + l.yMax) / 2;
        const number = numbers.find((w) => Math.abs((w.yMin + w.yMax) / 2 - y) < 2);
        return {
          title: l.words
            .filter((w) => !/^\d+$/.test(w.text))
            .map((w) => w.text)
            .join(''),
          page: Number(number?.text),
        };
      });
  };

  const printed: Record<
    string,
    { meta: Awaited<ReturnType<DocumentService['preview']>>['meta']; file: string; pages: PdfPage[] }
  > = {};

  beforeAll(async () => {
    for (const oddPageStarts of [true, false]) {
      const preview = await service().preview('binder-sample', { oddPageStarts });
      const file = save(`binder-${oddPageStarts}.pdf`, preview.pdf);
      printed[String(oddPageStarts)] = { meta: preview.meta, file, pages: readPdfLayout(file) };
    }
  }, 180_000);

  it('contents list the pages where the parts really start; each part starts on an odd, right-hand page', async () => {
    const { meta, file, pages } = printed.true!;
    screenshotPages(file, 'documents-binder', 60);
    expect(meta.pageCount).toBe(pages.length);

    // Cover and contents (and the blank backs that keep the body on right-hand pages) carry no number.
    expect(pages[0]!.text).toContain('民主生活会材料');
    expect(pages[0]!.text).toContain('000001');
    expect(pages[0]!.text).toContain('内部资料');
    const toc = pages.find((p) => p.text.replace(/\s/g, '').includes('目录'))!;
    expect(toc.number).toBe(3);
    for (const page of pages.slice(0, 4)) expect(printedNumber(page)).toBeNull();
    expect(pages[1]!.words).toEqual([]);
    expect(pages[3]!.words).toEqual([]);

    const entries = tocEntries(toc);
    expect(entries.map((e) => e.title)).toEqual(['民主生活会方案', '领导班子对照检查材料', '征求意见情况汇总表']);
    expect(entries.map((e) => e.page)).toEqual(meta.parts!.map((p) => p.page));

    const front = 4;
    for (const entry of entries) {
      const physical = front + entry.page;
      const page = pages[physical - 1]!;
      expect(entry.page % 2, entry.title).toBe(1);
      expect(physical % 2, entry.title).toBe(1);
      expect(printedNumber(page), entry.title).toBe(entry.page);
      // A turned landscape part's title reads upward at the binding edge, a character a word, last first.
      const turned = page.width > page.height;
      expect(turned ? page.text.replace(/\s/g, '') : title(page), entry.title).toContain(
        turned ? [...entry.title.slice(-4)].reverse().join('') : entry.title.slice(-4),
      );
    }
    // Continuous numbers on every printed body page; blank pages are counted but not numbered.
    for (const page of pages.slice(front)) {
      const n = printedNumber(page);
      if (page.words.length === 0) continue;
      expect(n, `physical page ${page.number}`).toBe(page.number - front);
    }
    const blanks = pages.slice(front).filter((p) => p.words.length === 0);
    expect(blanks.length).toBeGreaterThanOrEqual(1);
  });

  it('single-sided: parts follow one another, and the contents still show the real pages', async () => {
    const { meta, pages } = printed.false!;
    const front = 2;
    expect(pages.every((p) => p.words.length > 0)).toBe(true);
    const starts = meta.parts!.map((p) => p.page);
    expect(starts[0]).toBe(1);
    const toc = tocEntries(pages[1]!);
    expect(toc).toEqual(meta.parts);
    for (const part of meta.parts!) {
      expect(printedNumber(pages[front + part.page - 1]!)).toBe(part.page);
    }
    // The landscape table part is turned onto the portrait sheet, its head at the binding edge
    // (GB/T 9704 §10.1): the title reads upward at the left, inside the 公文 block, and the page is
    // numbered where the 公文 pages are (checked above).
    const tablePage = pages[front + starts[2]! - 1]!;
    expect(tablePage.width).toBeCloseTo(297, 0); // poppler's size of the page before turning
    // poppler gives turned text a character a word; the title's are the 2号 ones (7.8 mm a character).
    const heading = tablePage.words.filter((w) => w.yMax - w.yMin > 6);
    expect(heading.map((w) => w.text).join('')).toContain([...'征求意见情况汇总表'].reverse().join(''));
    for (const word of heading) {
      expect(word.xMin).toBeGreaterThan(LEFT - MM);
      expect(word.xMax).toBeLessThan(LEFT + 40);
    }
    for (const word of tablePage.words) {
      expect(word.xMin, word.text).toBeGreaterThan(LEFT - MM);
      expect(word.xMax, word.text).toBeLessThan(RIGHT_EDGE + MM);
      if (!/^—|—$|^\d+$/.test(word.text)) expect(word.yMax, word.text).toBeLessThan(BOTTOM_EDGE + MM);
    }
  });

  it('bookmarks each part', async () => {
    const { file } = printed.false!;
    const top = readOutline(await loadPdf(fs.readFileSync(file))).filter((e) => e.depth === 0);
    expect(top).toHaveLength(3);
  });
});

describe('isolation', () => {
  it('catches a document that tries to load anything, and the engine’s documents never do', async () => {
    const before = printer.refusedRequests.length;
    await printer.print(
      '<!doctype html><img src="http://example.invalid/tracker.png"><link rel="stylesheet" href="https://example.invalid/x.css">',
    );
    expect(printer.refusedRequests.slice(before)).toEqual(
      expect.arrayContaining(['http://example.invalid/tracker.png', 'https://example.invalid/x.css']),
    );
    // Everything else in this file was printed by the engine: nothing was requested.
    expect(printer.refusedRequests.slice(0, before)).toEqual([]);
  });
});
