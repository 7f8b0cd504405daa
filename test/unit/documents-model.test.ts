import { describe, expect, it } from 'vitest';
import { planLayout } from '../../src/core/documents/binder';
import { readFamilyNames } from '../../src/core/documents/font-detect';
import { resolveFonts, substitutionNotes } from '../../src/core/documents/fonts';
import { CHAR_PITCH_MM, DOCX, GONGWEN, LINE_PITCH_MM } from '../../src/core/documents/geometry';
import { cellWidth, DOCUMENT_CSP, escapeHtml } from '../../src/core/documents/html';
import type { BinderDocument, NarrativeDocument } from '../../src/core/documents/model';
import { signatureColumns } from '../../src/core/documents/narrative-html';
import { chineseNumeral, headingLabels } from '../../src/core/documents/numbering';
import { documentHtml } from '../../src/core/documents/render';
import { sampleBinder, sampleGongwen } from '../../src/core/documents/samples';
import { headerRows } from '../../src/core/documents/table-html';

const NAMES = { organ: '某某局', committee: '中共某某局机关委员会', today: '2026-08-01' };
const NOTO = resolveFonts(new Set(['noto serif cjk sc', 'noto sans cjk sc', 'ar pl ukai cn']));

describe('the page in numbers (GB/T 9704-2012)', () => {
  it('derives right and bottom margins, grid pitches and Word units from 37/28/156×225', () => {
    expect(GONGWEN.right).toBe(26);
    expect(GONGWEN.bottom).toBe(35);
    expect(LINE_PITCH_MM * 22).toBeCloseTo(225, 9);
    expect(CHAR_PITCH_MM * 28).toBeCloseTo(156, 9);
    expect(DOCX).toMatchObject({ pageWidth: 11906, pageHeight: 16838, linePitch: 579, characterSpacing: -5 });
    // 28 condensed characters fit in 156 mm; 28 at −0.2 pt would not.
    expect((16 + DOCX.characterSpacing / 20) * 28 * 20).toBeLessThanOrEqual(8844);
    expect((16 - 0.2) * 28 * 20).toBeGreaterThan(8844);
    expect(DOCX.margin).toEqual({ top: 2098, left: 1587, right: 1474, bottom: 1984 });
  });
});

describe('heading numbers', () => {
  it('writes Chinese numerals as offices do', () => {
    expect([1, 2, 9, 10, 11, 19, 20, 21, 99, 100, 101, 110].map(chineseNumeral)).toEqual([
      '一',
      '二',
      '九',
      '十',
      '十一',
      '十九',
      '二十',
      '二十一',
      '九十九',
      '一百',
      '一百零一',
      '一百一十',
    ]);
  });

  it('numbers 一、（一）1.（1） and restarts each level under a new parent', () => {
    const labels = headingLabels([
      { type: 'heading', level: 1, text: 'a' },
      { type: 'heading', level: 2, text: 'b' },
      { type: 'heading', level: 3, text: 'c' },
      { type: 'heading', level: 4, text: 'd' },
      { type: 'heading', level: 4, text: 'e' },
      { type: 'paragraph', text: 'p' },
      { type: 'heading', level: 3, text: 'f' },
      { type: 'heading', level: 4, text: 'g' },
      { type: 'heading', level: 2, text: 'h' },
      { type: 'heading', level: 1, text: 'i' },
      { type: 'heading', level: 2, text: 'j' },
    ]);
    expect(labels).toEqual([
      '一、',
      '（一）',
      '1.',
      '（1）',
      '（2）',
      undefined,
      '2.',
      '（1）',
      '（二）',
      '二、',
      '（一）',
    ]);
  });
});

describe('署名 and 成文日期 (§7.3.5)', () => {
  it('unsealed: organ two characters in from the right, date starting two characters further right', () => {
    const at = signatureColumns('中共某某局机关委员会', '2026年8月1日', false);
    // 10 characters, two in from the right of 28: starts at column 16; the date starts at 18.
    expect(at).toEqual({ organ: 16, date: 18 });
  });

  it('unsealed, with a date longer than the organ: the date sits two in from the right instead', () => {
    const at = signatureColumns('机关党委', '2026年12月31日', false);
    expect(cellWidth('2026年12月31日')).toBe(7);
    expect(at.date).toBe(28 - 2 - 7);
    expect(at.organ).toBe(at.date - 2);
  });

  it('sealed: the date four in from the right, the organ centred over it', () => {
    const at = signatureColumns('某某局', '2026年8月1日', true);
    expect(at.date).toBe(28 - 4 - 6);
    expect(at.organ + 3 / 2).toBeCloseTo(at.date + 6 / 2, 9);
  });
});

describe('fonts', () => {
  it('uses the office faces when they are installed', () => {
    const plan = resolveFonts(new Set(['方正小标宋简体', '仿宋_gb2312', '黑体', '楷体_gb2312', '宋体']));
    expect(Object.values(plan).map((f) => f.status)).toEqual(['exact', 'exact', 'exact', 'exact', 'exact']);
    expect(substitutionNotes(plan)).toEqual([]);
  });

  it('accepts 仿宋 for 仿宋_GB2312 as an equivalent, and writes it into Word', () => {
    const plan = resolveFonts(new Set(['fangsong', 'simhei', 'kaiti', 'simsun']));
    expect(plan.body).toMatchObject({ status: 'equivalent', used: '仿宋', docxFamily: '仿宋' });
    expect(plan.heading2).toMatchObject({ status: 'equivalent', used: '楷体', docxFamily: '楷体' });
  });

  it('says which open font stands in for which, and keeps the office names for Word', () => {
    expect(NOTO.title).toMatchObject({
      status: 'substitute',
      used: 'Noto Serif CJK SC 粗体',
      weight: 700,
      docxFamily: '方正小标宋简体',
    });
    expect(NOTO.body).toMatchObject({ used: 'Noto Serif CJK SC', docxFamily: '仿宋_GB2312' });
    expect(NOTO.heading2).toMatchObject({ used: 'AR PL UKai CN', docxFamily: '楷体_GB2312' });
    expect(substitutionNotes(NOTO)).toContain('正文（3号仿宋体）：本机没有“仿宋_GB2312”，以“Noto Serif CJK SC”代替');
    expect(resolveFonts(new Set()).body).toMatchObject({ status: 'missing', used: null });
    // The CSS asks for the office face first, whatever this machine has.
    expect(NOTO.body.cssFamilies[0]).toBe('仿宋_GB2312');
  });

  it('reads family names from TrueType and OpenType collections', () => {
    expect(readFamilyNames('/usr/share/fonts/truetype/arphic/ukai.ttc')).toContain('AR PL UKai CN');
    const noto = readFamilyNames('/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc');
    expect(noto).toEqual(expect.arrayContaining(['Noto Serif CJK SC', 'Noto Serif CJK TC']));
    expect(readFamilyNames('/etc/hostname')).toEqual([]);
  });
});

describe('HTML', () => {
  it('escapes every string from the data', () => {
    expect(escapeHtml(`<img src=x onerror="a">&'`)).toBe('&#60;img src=x onerror=&#34;a&#34;&#62;&#38;&#39;');
    const doc: NarrativeDocument = {
      kind: 'narrative',
      title: '<script>alert(1)</script>',
      blocks: [{ type: 'paragraph', text: '</p><iframe>' }],
    };
    const html = documentHtml(doc, { fonts: NOTO });
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<iframe>');
  });

  it('is self-contained: a policy that forbids every fetch, and no URL anywhere', () => {
    for (const model of [sampleGongwen(NAMES), sampleBinder(NAMES, { oddPageStarts: true })]) {
      const html = documentHtml(model, { fonts: NOTO });
      expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="${DOCUMENT_CSP}">`);
      expect(DOCUMENT_CSP).toMatch(/^default-src 'none'/);
      expect(html).not.toMatch(/https?:|url\(|@import|<script|<link|src=/i);
    }
  });

  it('puts the sample through every heading level and block kind', () => {
    const kinds = new Set(sampleGongwen(NAMES).blocks.map((b) => (b.type === 'heading' ? `h${b.level}` : b.type)));
    expect([...kinds].sort()).toEqual(['addressee', 'attachments', 'h1', 'h2', 'h3', 'h4', 'paragraph', 'signature']);
  });

  it('spans group headings over their columns and normalises widths', () => {
    const rows = headerRows([
      { header: '序号' },
      { header: '1月', group: '缴纳月份' },
      { header: '2月', group: '缴纳月份' },
      { header: '合计' },
    ]);
    expect(rows).toEqual([
      [
        { text: '序号', colSpan: 1, rowSpan: 2, column: 0 },
        { text: '缴纳月份', colSpan: 2, rowSpan: 1, column: 1 },
        { text: '合计', colSpan: 1, rowSpan: 2, column: 3 },
      ],
      [
        { text: '1月', colSpan: 1, rowSpan: 1, column: 1 },
        { text: '2月', colSpan: 1, rowSpan: 1, column: 2 },
      ],
    ]);
  });
});

describe('binder layout', () => {
  const binder = (odd: boolean, parts: number): BinderDocument => ({
    kind: 'binder',
    cover: { title: '汇编', organ: '某某局', date: '2026-08-01' },
    parts: Array.from({ length: parts }, (_, i) => ({
      document: { kind: 'narrative' as const, title: `第${i + 1}篇`, blocks: [] },
    })),
    oddPageStarts: odd,
  });

  it('numbers the body from 1 after cover and contents, parts back to back when printed one-sided', () => {
    // Cover page 1, contents page 2, parts found at physical pages 3, 5, 8, total 10.
    const plan = planLayout(binder(false, 3), { partStartPages: [3, 5, 8], totalPages: 10 });
    expect(plan).toMatchObject({
      tocPages: 1,
      partPageCounts: [2, 3, 3],
      partStarts: [1, 3, 6],
      blanksBefore: [0, 0, 0],
      frontPages: 2,
    });
  });

  it('starts every part on an odd page, padding cover and contents, for double-sided printing', () => {
    const plan = planLayout(binder(true, 3), { partStartPages: [3, 5, 8], totalPages: 10 });
    expect(plan).toMatchObject({
      blankAfterCover: true,
      blankAfterToc: true,
      frontPages: 4,
      partStarts: [1, 3, 7],
      blanksBefore: [0, 0, 1],
    });
    expect(plan.partStarts.every((p) => p !== null && p % 2 === 1)).toBe(true);
  });

  it('refuses a measurement that does not add up', () => {
    expect(() => planLayout(binder(false, 3), { partStartPages: [3, 5], totalPages: 10 })).toThrow(/part starts/);
    expect(() => planLayout(binder(false, 2), { partStartPages: [2, 5], totalPages: 10 })).toThrow(/contents/);
  });
});
