import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import { binderDocx, narrativeDocx, tableDocx, docxBuffer } from '../../src/core/documents/docx';
import { resolveFonts } from '../../src/core/documents/fonts';
import type { TableDocument } from '../../src/core/documents/model';
import { narrativeBody } from '../../src/core/documents/narrative-html';
import { sampleBinder, sampleGongwen } from '../../src/core/documents/samples';
import { screenshotPages } from '../support/pdf-measure';
import { tempDir } from '../support/temp-workspace';

/* The .docx written, unzipped and read back: what WPS and Word will open. */

const NAMES = { organ: '某某局', committee: '中共某某局机关委员会', today: '2026-08-01' };
// A machine with only the open stand-ins: the .docx must still name the office fonts.
const FONTS = resolveFonts(new Set(['noto serif cjk sc', 'noto sans cjk sc', 'ar pl ukai cn']));

async function unzip(buffer: Buffer): Promise<Record<string, string>> {
  const zip = await JSZip.loadAsync(buffer);
  const out: Record<string, string> = {};
  for (const name of Object.keys(zip.files))
    if (name.endsWith('.xml')) out[name] = await zip.file(name)!.async('string');
  return out;
}

/** The attributes of the first element of a kind, as a map. */
function element(xml: string, tag: string): Record<string, string> {
  const match = new RegExp(`<${tag}\\b([^>]*)/?>`).exec(xml);
  expect(match, `<${tag}>`).not.toBeNull();
  return Object.fromEntries([...match![1]!.matchAll(/([\w:]+)="([^"]*)"/g)].map((m) => [m[1]!, m[2]!]));
}

function style(styles: string, id: string): string {
  const match = new RegExp(`<w:style [^>]*w:styleId="${id}"[^>]*>[\\s\\S]*?</w:style>`).exec(styles);
  expect(match, `style ${id}`).not.toBeNull();
  return match![0];
}

const text = (xml: string) => [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');

describe('a 公文 as .docx', () => {
  let files: Record<string, string>;
  let document: string;

  beforeAll(async () => {
    files = await unzip(await docxBuffer(narrativeDocx(sampleGongwen(NAMES), FONTS)));
    document = files['word/document.xml']!;
  });

  it('is A4 with the GB/T 9704 margins, a 22-line grid and 28 characters a line', () => {
    expect(element(document, 'w:pgSz')).toMatchObject({ 'w:w': '11906', 'w:h': '16838' });
    // 37 / 26 / 35 / 28 mm in twips.
    expect(element(document, 'w:pgMar')).toMatchObject({
      'w:top': '2098',
      'w:right': '1474',
      'w:bottom': '1984',
      'w:left': '1587',
    });
    expect(element(document, 'w:docGrid')).toMatchObject({ 'w:type': 'lines', 'w:linePitch': '579' });
  });

  it('names the East Asian fonts offices have, for body, title and each heading level', () => {
    const styles = files['word/styles.xml']!;
    const defaults = /<w:docDefaults>[\s\S]*?<\/w:docDefaults>/.exec(styles)![0];
    expect(element(defaults, 'w:rFonts')).toMatchObject({ 'w:eastAsia': '仿宋_GB2312', 'w:ascii': '仿宋_GB2312' });
    expect(element(defaults, 'w:sz')).toMatchObject({ 'w:val': '32' });
    // 字符间距 紧缩 0.25 磅: 28 characters of 3号 on the 156 mm line.
    expect(element(defaults, 'w:spacing')['w:val']).toBe('-5');
    const paragraphDefaults = /<w:pPrDefault>[\s\S]*?<\/w:pPrDefault>/.exec(styles)![0];
    expect(element(paragraphDefaults, 'w:spacing')).toMatchObject({ 'w:line': '579', 'w:lineRule': 'exact' });
    const expected: [string, string, string][] = [
      ['Title', '方正小标宋简体', '44'],
      ['Heading1', '黑体', '32'],
      ['Heading2', '楷体_GB2312', '32'],
      ['Heading3', '仿宋_GB2312', '32'],
      ['Heading4', '仿宋_GB2312', '32'],
    ];
    for (const [id, font, size] of expected) {
      const xml = style(styles, id);
      expect(element(xml, 'w:rFonts')['w:eastAsia'], id).toBe(font);
      expect(element(xml, 'w:sz')['w:val'], id).toBe(size);
    }
    expect(element(style(styles, 'Heading1'), 'w:outlineLvl')['w:val']).toBe('1');
    expect(element(style(styles, 'BodyText'), 'w:ind')).toMatchObject({ 'w:firstLineChars': '200' });
  });

  it('has different odd and even footers, each a PAGE field in 4号宋体 "— N —", odd right and even left', () => {
    expect(files['word/settings.xml']).toMatch(/<w:evenAndOddHeaders\/>/);
    const refs = [...document.matchAll(/<w:footerReference w:type="(\w+)" r:id="(\w+)"\/>/g)].map((m) => m[1]);
    expect(refs.sort()).toEqual(['default', 'even']);
    const footers = Object.entries(files)
      .filter(([name]) => /word\/footer\d+\.xml/.test(name))
      .map(([, xml]) => xml);
    expect(footers).toHaveLength(2);
    for (const footer of footers) {
      expect(footer).toMatch(/<w:instrText[^>]*>\s*PAGE\s*<\/w:instrText>/);
      expect(text(footer)).toBe('—  —');
      expect(element(footer, 'w:rFonts')['w:eastAsia']).toBe('宋体');
      expect(element(footer, 'w:sz')['w:val']).toBe('28');
    }
    const sides = footers.map((f) => [element(f, 'w:jc')['w:val'], element(f, 'w:ind')]);
    expect(sides).toEqual(
      expect.arrayContaining([
        ['right', { 'w:right': '280' }],
        ['left', { 'w:left': '280' }],
      ]),
    );
    // The footer sits so that the number's centre line is 7 mm below the text block (28 mm above the page's edge).
    expect(Number(element(document, 'w:pgMar')['w:footer'])).toBe(1587 - 140);
  });

  it('carries exactly the text of the HTML: one model, two renderings', () => {
    const html = narrativeBody(sampleGongwen(NAMES))
      .replace(/<[^>]+>/g, '')
      .replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n)));
    expect(text(document).replace(/\s/g, '')).toBe(html.replace(/\s/g, ''));
    expect(text(document)).toContain('一、加强政治建设');
    expect(text(document)).toContain('（一）深化党的创新理论学习');
    expect(text(document)).toContain('1.健全学习制度。');
    expect(text(document)).toContain('（1）领学制度。');
    expect(text(document)).toContain('2026年8月1日');
  });
});

describe('a table document as .docx', () => {
  it('turns landscape, repeats the header row and never splits a row', async () => {
    const table: TableDocument = {
      kind: 'table',
      title: '测试台账',
      orientation: 'landscape',
      columns: [{ header: '序号' }, { header: '1月', group: '缴纳月份' }, { header: '2月', group: '缴纳月份' }],
      rows: [['1', '10.00', '10.00']],
      totals: ['合计', '10.00', '10.00'],
    };
    const files = await unzip(await docxBuffer(tableDocx(table, FONTS)));
    const document = files['word/document.xml']!;
    expect(element(document, 'w:pgSz')).toMatchObject({ 'w:w': '16838', 'w:h': '11906', 'w:orient': 'landscape' });
    const rows = [...document.matchAll(/<w:tr>[\s\S]*?<\/w:tr>/g)].map((m) => m[0]);
    expect(rows).toHaveLength(4);
    expect(rows.slice(0, 2).every((r) => r.includes('<w:tblHeader/>'))).toBe(true);
    expect(rows.slice(2).some((r) => r.includes('<w:tblHeader/>'))).toBe(false);
    expect(rows.every((r) => r.includes('<w:cantSplit/>'))).toBe(true);
    expect(rows[0]).toContain('<w:gridSpan w:val="2"/>');
    const footer = Object.entries(files).find(([name]) => /word\/footer\d+\.xml/.test(name))![1];
    expect(footer).toMatch(/NUMPAGES/);
    expect(text(document)).toContain('经办人：');
  });
});

/** LibreOffice, when the machine has it: a second program laying out the .docx by itself. */
function libreOffice(): string | null {
  for (const name of ['soffice', 'libreoffice'])
    if (spawnSync(name, ['--version'], { encoding: 'utf8' }).status === 0) return name;
  return null;
}

describe('a binder as .docx', () => {
  it('has the cover, the contents and each part in its own section, numbered from the first part, on odd pages', async () => {
    const binder = sampleBinder(NAMES, { oddPageStarts: true });
    const files = await unzip(await docxBuffer(binderDocx(binder, FONTS)));
    const document = files['word/document.xml']!;
    const sections = [...document.matchAll(/<w:sectPr\b[\s\S]*?<\/w:sectPr>/g)].map((m) => m[0]);
    expect(sections).toHaveLength(2 + binder.parts.length);
    // Contents and every part start on an odd page; only the first part restarts the numbers, at 1.
    expect(sections.slice(1).every((x) => x.includes('<w:type w:val="oddPage"/>'))).toBe(true);
    expect(sections.map((x) => /<w:pgNumType w:start="(\d+)"/.exec(x)?.[1] ?? null)).toEqual([
      null,
      null,
      '1',
      ...binder.parts.slice(1).map(() => null),
    ]);
    // The table part turns landscape; the others stay portrait.
    expect(sections.map((x) => /w:orient="landscape"/.test(x))).toEqual([
      false,
      false,
      ...binder.parts.map((p) => p.document.kind === 'table' && p.document.orientation === 'landscape'),
    ]);
    // One bookmark a part, on its title, and one page reference to it in the contents.
    for (const [i, part] of binder.parts.entries()) {
      expect(document).toContain(`w:name="part_${i + 1}"`);
      expect(document).toMatch(new RegExp(`PAGEREF part_${i + 1}\\b`));
      expect(text(document)).toContain(part.document.title.replace(/\n/g, ''));
    }
    expect(files['word/settings.xml']).toMatch(/<w:updateFields(?: w:val="(?:true|1)")?\/>/);
    expect(text(document)).toContain('目　　录');
  });

  it('lays out in LibreOffice with the contents pointing at the pages the parts start on', async (ctx) => {
    const office = libreOffice();
    if (!office) return ctx.skip();
    const dir = tempDir();
    const binder = sampleBinder(NAMES, { oddPageStarts: false });
    fs.writeFileSync(path.join(dir, 'binder.docx'), await docxBuffer(binderDocx(binder, FONTS)));
    const converted = spawnSync(
      office,
      [
        `-env:UserInstallation=file://${path.join(dir, 'profile')}`,
        '--headless',
        '--convert-to',
        'pdf',
        '--outdir',
        dir,
        path.join(dir, 'binder.docx'),
      ],
      {
        encoding: 'utf8',
        timeout: 120_000,
      },
    );
    expect(converted.status, converted.stderr).toBe(0);
    const pdf = path.join(dir, 'binder.pdf');
    const pages = Number(/Pages:\s+(\d+)/.exec(spawnSync('pdfinfo', [pdf], { encoding: 'utf8' }).stdout)![1]);
    const pageText = Array.from(
      { length: pages },
      (_, i) =>
        spawnSync('pdftotext', ['-f', String(i + 1), '-l', String(i + 1), '-layout', pdf, '-'], { encoding: 'utf8' })
          .stdout,
    );
    // The cover has no number; the contents list each part with the number printed on its first page.
    expect(pageText[0]).toContain('材料');
    expect(pageText[0]).not.toMatch(/—\s*\d+\s*—/);
    const contents = pageText[1]!;
    for (const part of binder.parts) {
      const title = part.title ?? part.document.title.replace(/\n/g, '');
      const listed = new RegExp(`${title}[.·…\\s]*?(\\d+)\\s*$`, 'm').exec(contents);
      expect(listed, `${title} in the contents`).not.toBeNull();
      const first = pageText.findIndex(
        (t, i) => i > 1 && t.replace(/\s+/g, '').includes(part.document.title.replace(/\s+/g, '')),
      );
      expect(pageText[first]).toMatch(new RegExp(`—\\s*${listed![1]}\\s*—`));
    }
    screenshotPages(pdf, 'documents-binder-docx-libreoffice', 50);
  }, 150_000);
});
