import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDocumentRegistry } from '../../src/core/documents/catalog';
import type { DocumentModel, TableDocument } from '../../src/core/documents/model';
import { DocumentService } from '../../src/core/documents/service';
import { headerRows } from '../../src/core/documents/table-html';
import { columnFit } from '../../src/core/documents/table-layout';
import { wordUnits } from '../../src/core/documents/words';
import { getOrgan } from '../../src/core/services/organ';
import { defaultParam, type DocumentParamData, type DocumentParamValue } from '../../src/shared/documents';
import { OFFICE_SETUP, OFFICE_TODAY, populatedOffice, type Office } from '../support/office';
import { readPdfLayout, screenshotPages, type PdfPage } from '../support/pdf-measure';

/*
 * Every registered document printed from an office as it is by December, as PDF and as Word,
 * and read back the way an inspector reads it: words whole in titles and in the short columns
 * of tables, no closing block alone on a page, no words of the app's own screens on paper; and
 * the Word twins, laid out by LibreOffice, against the PDF.
 */

interface Printed {
  key: string;
  id: string;
  kind: DocumentModel['kind'];
  model: DocumentModel;
  pdf: string;
  pages: PdfPage[];
  docx: string;
  docxText: string;
}

const printed: Printed[] = [];
let office: Office;
let dir: string;

/** Each document with the screen's defaults; the meeting documents for both kinds of meeting. */
async function paramSets(api: Office['api'], doc: { id: string; params: readonly never[] | readonly unknown[] }) {
  const params = doc.params as Parameters<typeof defaultParam>[0][];
  const meetings = await api('meetings.list', {});
  const sets: Record<string, DocumentParamValue>[] = [];
  const meetingIds = params.some((p) => p.kind === 'meeting') ? meetings.map((m) => m.id) : [null];
  for (const meetingId of meetingIds) {
    const data: DocumentParamData = { today: OFFICE_TODAY, meetings };
    const chosen: Record<string, DocumentParamValue> = {};
    let usable = true;
    for (const param of params) {
      if (param.kind === 'meeting') {
        const m = meetings.find((x) => x.id === meetingId)!;
        if (param.meetingKinds && !param.meetingKinds.includes(m.kind)) usable = false;
        chosen[param.name] = m.id;
        continue;
      }
      if (param.kind === 'meetingPerson')
        data.materials = (await api('meetings.get', { meetingId: Number(chosen.meetingId) })).materials;
      if (param.kind === 'leader') data.leaders = await api('duties.team', { year: 2026 });
      const value = defaultParam(param, data);
      if (value === null) usable = false;
      else if (value !== undefined) chosen[param.name] = value;
    }
    if (usable) sets.push(chosen);
  }
  return sets;
}

const docxText = (xml: string) =>
  xml
    .replace(/<w:br\/>/g, '\n')
    .replace(/<\/w:p>/g, '\n')
    .replace(/<w:tab\/>/g, '\t')
    .replace(/<[^>]+>/g, '')
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n)))
    .replace(/&amp;/g, '&');

const TERMS = [OFFICE_SETUP.organName, OFFICE_SETUP.committeeName, OFFICE_SETUP.superiorName, ...OFFICE_SETUP.branches];

/** Where a line may end in `text`: after each of its words. */
function wordEnds(text: string): Set<number> {
  let at = 0;
  return new Set(wordUnits(text, TERMS).map((u) => (at += u.length)));
}

const flat = (text: string) => text.replace(/\s+/g, '');

beforeAll(async () => {
  // Kept for the whole file (tempDir would clear it after the first test): LibreOffice reads the .docx later.
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'party-office-print-'));
  office = await populatedOffice();
  const { api, ws } = office;
  const service = new DocumentService({
    registry: createDocumentRegistry(),
    printer: { print: () => Promise.reject(new Error('models only')) },
    database: () => ws.database(),
    organ: () => getOrgan(ws.database()),
    today: () => OFFICE_TODAY,
  });
  for (const doc of await api('documents.list', {})) {
    for (const [n, params] of (await paramSets(api, doc)).entries()) {
      const key = `${doc.id}${n ? `-${n + 1}` : ''}`;
      const preview = await api('documents.preview', { id: doc.id, params });
      const pdf = path.join(dir, `${key}.pdf`);
      fs.writeFileSync(pdf, Buffer.from(preview.pdf, 'base64'));
      const word = await api('documents.export', { id: doc.id, params, format: 'docx' });
      const docx = path.join(dir, `${key}.docx`);
      fs.writeFileSync(docx, Buffer.from(word.base64, 'base64'));
      const xml = await (await JSZip.loadAsync(fs.readFileSync(docx))).file('word/document.xml')!.async('string');
      printed.push({
        key,
        id: doc.id,
        kind: doc.kind,
        model: service.model(doc.id, params).model,
        pdf,
        pages: readPdfLayout(pdf),
        docx,
        docxText: docxText(xml),
      });
    }
  }
}, 1_800_000);

afterAll(() => {
  for (const p of printed.filter((x) => ['meeting-report', 'dues-notice', 'dues-assessment'].includes(x.id)))
    screenshotPages(p.pdf, `documents-print-${p.key}`, 50);
  fs.rmSync(dir, { recursive: true, force: true });
  // Rasterising a few dozen pages takes its time on a loaded machine.
}, 120_000);

describe('every registered document, printed from a working office', () => {
  it('prints each of them, the meeting documents for both meetings', () => {
    expect(printed.length).toBeGreaterThanOrEqual(30);
    for (const p of printed) expect(p.pages.length, p.key).toBeGreaterThanOrEqual(1);
  });

  it('carries only official text: no words of the app’s screens, no placeholders, the addressee from the record', () => {
    // The screens' names, read from the navigation (a DOM module, not imported here).
    const routes = fs.readFileSync(path.resolve(import.meta.dirname, '../../src/renderer/app/routes.ts'), 'utf8');
    const screens = [...routes.matchAll(/label: '([^']+)'/g)].map((m) => m[1]!);
    expect(screens).toContain('党费');
    const interfaceText = [
      // A screen named as a place to go: 在“党费”中, “设置”中.
      ...[...screens, '设置'].map((s) => `“${s}”中`),
      '请在',
      '可在',
      '点击',
      '按钮',
      '页面',
      '尚未填写',
      '（草稿）',
      '机关党务工作台',
      '上级党组织：',
    ];
    for (const p of printed) {
      const texts = { PDF: flat(p.pages.map((page) => page.text).join('')), Word: flat(p.docxText) };
      for (const [format, text] of Object.entries(texts))
        for (const words of interfaceText) {
          // The 公示 asks members to speak up within the period: official text, not a hint.
          const found = text.replace('请在公示期内', '').includes(words);
          expect(found, `${p.key} (${format}) has “${words}”`).toBe(false);
        }
    }
    const report = printed.find((p) => p.id === 'meeting-report')!;
    expect(flat(report.pages[0]!.text)).toContain(`${OFFICE_SETUP.superiorName}：`);
    const notice = printed.find((p) => p.id === 'dues-notice')!;
    const last = flat(notice.pages.at(-1)!.text);
    expect(last).toContain('公示期：2026年12月28日至2027年1月3日（7天）');
    expect(last).toContain(`${OFFICE_SETUP.committeeName}2026年12月28日`);
  });

  it('breaks titles only between words, in the PDF and in Word', () => {
    for (const p of printed) {
      if (p.model.kind === 'binder') continue;
      const title = p.model.title.replace(/\n/g, '');
      const ends = wordEnds(title);
      // The title's lines are the first lines of page 1, up to the whole title.
      let consumed = '';
      for (const line of p.pages[0]!.lines) {
        if (consumed.length >= title.length) break;
        consumed += flat(line.text);
        if (consumed.length < title.length)
          expect(ends.has(consumed.length), `${p.key}: title line ends “${flat(line.text)}”`).toBe(true);
      }
      expect(consumed.startsWith(title), p.key).toBe(true);
      // Word: the title paragraph carries the same breaks.
      const wordLines = p.docxText.split('\n');
      const start = wordLines.findIndex((l) => title.startsWith(l.trim()) && l.trim().length > 1);
      let taken = '';
      for (let i = start; taken.length < title.length && i < wordLines.length; i++) {
        taken += wordLines[i]!.trim();
        if (taken.length < title.length) expect(ends.has(taken.length), `${p.key} (Word) after “${taken}”`).toBe(true);
      }
    }
  });

  it('keeps every entry of a table’s short columns on one line (names, branches, dates, 序号, amounts)', () => {
    for (const p of printed) {
      const tables: TableDocument[] =
        p.model.kind === 'table'
          ? [p.model]
          : p.model.kind === 'binder'
            ? p.model.parts.map((x) => x.document).filter((d): d is TableDocument => d.kind === 'table')
            : [];
      // A binder's landscape pages are turned onto the sheet: poppler reads their text downward, so
      // a cell's characters come last first.
      const lines = new Set(
        p.pages.flatMap((page) =>
          page.lines.map((l) =>
            p.kind === 'binder' && page.width > page.height ? [...flat(l.text)].reverse().join('') : flat(l.text),
          ),
        ),
      );
      const onOneLine = (value: string) => [...lines].some((l) => l.includes(value));
      for (const table of tables) {
        expect(headerRows(table.columns).length).toBeGreaterThanOrEqual(1);
        const body = [...table.rows, ...(table.totals ? [table.totals] : [])];
        table.columns.forEach((column, i) => {
          const cells = body.map((r) => r[i] ?? '');
          if (columnFit(column, cells) !== 'content') return;
          for (const cell of new Set(cells))
            for (const value of cell
              .split('\n')
              .map(flat)
              .filter((v) => v.length > 1))
              expect(onOneLine(value), `${p.key}: “${column.header}” entry “${value}”`).toBe(true);
        });
      }
    }
  });

  it('never leaves a signature, 落款 or closing line alone on the last page', () => {
    for (const p of printed) {
      const last = p.pages.at(-1)!;
      const lines = last.lines.map((l) => flat(l.text)).filter((t) => !/^—\d+—$|^第\d+页共\d+页$/.test(t));
      const closing = (t: string) =>
        /^(经办人|收缴人|汇总人|记录人|填报人|填表人|支部书记|[^：]{0,8}（签字）)：/.test(t) ||
        /^\d{4}年\d{1,2}月\d{1,2}日$/.test(t) ||
        /^年月日$/.test(t) ||
        t === flat(OFFICE_SETUP.organName) ||
        t === flat(OFFICE_SETUP.committeeName);
      expect(
        lines.some((t) => !closing(t)),
        `${p.key}: last page holds only ${JSON.stringify(lines)}`,
      ).toBe(true);
    }
  });
});

/** LibreOffice, when the machine has it (CI installs libreoffice-writer-nogui). */
function libreOffice(): string | null {
  for (const name of ['soffice', 'libreoffice'])
    if (spawnSync(name, ['--version'], { encoding: 'utf8' }).status === 0) return name;
  return null;
}

describe('binders numbered as one', () => {
  it('puts "— N —" at one place on every page of a binder, 公文, table and turned landscape parts alike (±1 mm)', () => {
    const binders = printed.filter((p) => p.kind === 'binder');
    expect(binders.length).toBeGreaterThanOrEqual(2);
    let turned = 0;
    for (const binder of binders) {
      // A landscape part's pages are turned onto the portrait sheet (poppler gives their unturned
      // size, and the words where they stand on the sheet): numbered like every other page.
      const landscape = binder.pages.filter((page) => page.width > page.height);
      turned += landscape.length;
      const numbers = binder.pages
        .map((page) => {
          const words = page.words.filter((w) => w.yMin > 255 && /^—|^\d+$|—$/.test(w.text));
          const text = words.map((w) => w.text).join('');
          const match = /^—(\d+)—$/.exec(text);
          return match
            ? { n: Number(match[1]), left: words[0]!.xMin, right: words.at(-1)!.xMax, y: words[0]!.yMin }
            : null;
        })
        .filter((x): x is { n: number; left: number; right: number; y: number } => x !== null);
      expect(numbers.length, binder.key).toBeGreaterThan(4);
      for (const page of landscape)
        expect(
          page.words.some((w) => w.yMin > 255 && /^\d+$/.test(w.text)),
          `${binder.key}: turned page ${page.number} numbered`,
        ).toBe(true);
      const odd = numbers.filter((x) => x.n % 2 === 1);
      const even = numbers.filter((x) => x.n % 2 === 0);
      const spread = (values: number[]) => Math.max(...values) - Math.min(...values);
      expect(spread(odd.map((x) => x.right)), `${binder.key}: odd pages' right edge`).toBeLessThanOrEqual(1);
      expect(spread(even.map((x) => x.left)), `${binder.key}: even pages' left edge`).toBeLessThanOrEqual(1);
      expect(spread(numbers.map((x) => x.y)), `${binder.key}: height of the number`).toBeLessThanOrEqual(1);
    }
    expect(turned, 'landscape pages among the binders').toBeGreaterThan(0);
  });
});

describe('the Word twins, laid out by LibreOffice', () => {
  /*
   * LibreOffice 7.4 ignores w:autoSpaceDE/DN (measured: a 3.3 pt gap each side of every digit run
   * at 3号, so a line with numbers can run one character longer than in the PDF, Word or WPS);
   * their pages and lines per page are written to the log for a person to read (a line with numbers
   * that wraps one character earlier pushed one 情况报告's closing lines to a second page). Tables,
   * whose cells carry the engine's lines, are held to the same page count within 2%.
   */
  it('print like the PDFs: tables within 2% of the pages (公文 logged)', async (ctx) => {
    const office = libreOffice();
    if (!office) return ctx.skip();
    const out = path.join(dir, 'lo');
    fs.mkdirSync(out, { recursive: true });
    const docs = printed.filter((p) => p.kind !== 'binder');
    const converted = spawnSync(
      office,
      [
        `-env:UserInstallation=file://${path.join(dir, 'lo-profile')}`,
        '--headless',
        '--convert-to',
        'pdf',
        '--outdir',
        out,
        ...docs.map((p) => p.docx),
      ],
      { encoding: 'utf8', timeout: 900_000 },
    );
    expect(converted.status, converted.stderr).toBe(0);
    const problems: string[] = [];
    const lines: string[] = [];
    const narratives: string[] = [];
    for (const p of docs) {
      const lo = readPdfLayout(path.join(out, `${p.key}.pdf`));
      if (p.kind === 'table' && Math.abs(lo.length - p.pages.length) > Math.floor(p.pages.length * 0.02))
        problems.push(`${p.key}: ${p.pages.length} pages in the PDF, ${lo.length} in Word`);
      if (p.kind === 'narrative') {
        const perPage = (pages: PdfPage[]) =>
          pages.map((page) => page.lines.filter((l) => l.yMax < 262 + 2 && flat(l.text)).length).join(',');
        lines.push(`${p.key}: lines per page ${perPage(p.pages)} (PDF), ${perPage(lo)} (LibreOffice)`);
        narratives.push(p.key);
        screenshotPages(path.join(out, `${p.key}.pdf`), `documents-print-word-${p.key}`, 40);
      }
    }
    console.log(lines.join('\n'));
    expect(narratives.length).toBeGreaterThan(8);
    expect(problems).toEqual([]);
  }, 1_200_000);
});
