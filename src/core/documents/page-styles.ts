import { cssFontFamily, type FontPlan } from './fonts';
import {
  CHAR_PITCH_MM,
  COVER_TITLE_PT,
  GONGWEN,
  LINE_PITCH_MM,
  PAGE_NUMBER_INSET_MM,
  SIZE_PT,
  TABLE_PAGE,
  TURNED_TABLE_PAGE,
} from './geometry';
import { CELL_LINE_HEIGHT, CELL_PADDING_X_MM, CELL_PADDING_Y_MM } from './table-layout';
import {
  CAPTION_GAP_MM,
  CLOSING_GAP_MM,
  CLOSING_LINE_HEIGHT,
  NOTES_GAP_MM,
  RULE_PT,
  SIGNATURES_GAP_MM,
  TABLE_TEXT_LINE_HEIGHT,
  TABLE_TITLE_GAP_MM,
  TABLE_TITLE_LINE_HEIGHT,
} from './table-pages';

/*
 * The print CSS: page boxes, page numbers and the 公文 grid. One stylesheet serves every
 * document kind; a document picks its page with a class (.po-gw, .po-tb-portrait, …), which
 * sets the CSS `page` property to one of the named pages below.
 *
 * Measured facts this relies on (Chromium ≥ 131; checked by test/integration/documents-pdf):
 * - @page margin boxes (@bottom-left, @bottom-right, @bottom-center) with counter(page);
 * - :left / :right follow the physical page index (the first page is a right page);
 * - `html { counter-reset: page N }` offsets every page number by N; counter-reset inside
 *   @page or on an element does NOT work, so a binder numbers its body with one offset;
 * - `break-before: right` does not insert blank pages, so binders insert their own.
 */

export type Numbering =
  /** "— N —", 4号宋体, odd pages right and even pages left, one character in (§7.5). */
  | 'gongwen'
  /** "第 N 页 共 M 页", centred: for standalone rosters and ledgers. */
  | 'table'
  /** No numbers: a binder's body, numbered afterwards from a print of its numbers alone (render.ts). */
  | 'none';

export interface PageStyleOptions {
  fonts: FontPlan;
  numbering: Numbering;
  /**
   * Page numbers equal the physical page index plus this (negative to leave the cover and
   * contents unnumbered and start the body at 1).
   */
  counterOffset?: number;
  /** When the numbered body starts on a physical even page, odd numbers fall on left pages. */
  flipSides?: boolean;
}

const mm = (n: number) => `${Number(n.toFixed(4))}mm`;
const L = mm(LINE_PITCH_MM);
const C = mm(CHAR_PITCH_MM);

/** Named pages and the margins each has. */
const PAGES = {
  'po-gw': { size: 'A4', top: GONGWEN.top, right: GONGWEN.right, bottom: GONGWEN.bottom, left: GONGWEN.left },
  'po-tp': { size: 'A4', ...TABLE_PAGE.portrait },
  'po-tl': { size: 'A4 landscape', ...TABLE_PAGE.landscape },
  'po-gt': {
    size: 'A4 landscape',
    top: TURNED_TABLE_PAGE.top,
    right: TURNED_TABLE_PAGE.right,
    bottom: TURNED_TABLE_PAGE.bottom,
    left: TURNED_TABLE_PAGE.left,
  },
} as const;

function gongwenNumberBox(side: 'left' | 'right', fonts: FontPlan, bottomMargin: number): string {
  const pt = GONGWEN.pageNumberPt;
  // The number line's em box is centred 7 mm below the text block; CJK fonts draw the 一字线
  // about half a millimetre below the em box's centre, which the last term allows for.
  const padTop = GONGWEN.pageNumberDrop - (pt / 72) * 25.4 * 0.5 - 0.5;
  return `@bottom-${side} {
      content: "\\2014  " counter(page) " \\2014";
      font-family: ${cssFontFamily(fonts.pageNumber)};
      font-size: ${pt}pt; line-height: ${pt}pt; letter-spacing: 0;
      white-space: pre; vertical-align: top; text-align: ${side};
      padding-top: ${mm(padTop)}; padding-${side}: ${mm(PAGE_NUMBER_INSET_MM)};
      height: ${mm(bottomMargin)};
    }`;
}

function tableNumberBox(fonts: FontPlan): string {
  return `@bottom-center {
      content: "第 " counter(page) " 页  共 " counter(pages) " 页";
      font-family: ${cssFontFamily(fonts.pageNumber)}; font-size: ${SIZE_PT.五号}pt; letter-spacing: 0;
      white-space: pre; vertical-align: top; padding-top: 6mm;
    }`;
}

export function pageCss(options: PageStyleOptions): string {
  const { fonts, numbering } = options;
  const rules: string[] = [];
  for (const [name, page] of Object.entries(PAGES)) {
    rules.push(
      `@page ${name} { size: ${page.size}; margin: ${mm(page.top)} ${mm(page.right)} ${mm(page.bottom)} ${mm(page.left)}; }`,
    );
    if (numbering === 'gongwen') {
      const odd = options.flipSides ? 'left' : 'right';
      const even = options.flipSides ? 'right' : 'left';
      rules.push(`@page ${name}:${odd} { ${gongwenNumberBox('right', fonts, page.bottom)} }`);
      rules.push(`@page ${name}:${even} { ${gongwenNumberBox('left', fonts, page.bottom)} }`);
    } else if (numbering === 'table') {
      rules.push(`@page ${name} { ${tableNumberBox(fonts)} }`);
    }
  }
  // Cover, contents and the blank pages of a binder carry no number.
  // A binder's numbers print: pages with nothing but "— N —", odd numbers right and even left
  // whatever side the sheet falls on (render.ts lays them over the parts' pages).
  if (numbering === 'gongwen') {
    const gw = PAGES['po-gw'];
    const margin = `margin: ${mm(gw.top)} ${mm(gw.right)} ${mm(gw.bottom)} ${mm(gw.left)};`;
    rules.push(`@page po-nr { size: A4; ${margin} ${gongwenNumberBox('right', fonts, gw.bottom)} }`);
    rules.push(`@page po-nl { size: A4; ${margin} ${gongwenNumberBox('left', fonts, gw.bottom)} }`);
  }
  for (const name of ['po-cover', 'po-toc', 'po-blank']) {
    rules.push(
      `@page ${name} { size: A4; margin: ${mm(GONGWEN.top)} ${mm(GONGWEN.right)} ${mm(GONGWEN.bottom)} ${mm(GONGWEN.left)}; }`,
    );
  }
  const counter = options.counterOffset ? `html { counter-reset: page ${options.counterOffset}; }` : '';
  return [...rules, counter, baseCss(fonts)].join('\n');
}

function baseCss(fonts: FontPlan): string {
  const body = cssFontFamily(fonts.body);
  const title = cssFontFamily(fonts.title);
  const hei = cssFontFamily(fonts.heading1);
  const kai = cssFontFamily(fonts.heading2);
  return `
html, body { margin: 0; padding: 0; background: #fff; color: #000; }
body { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
h1, h2, h3, h4, h5, p { margin: 0; padding: 0; font-size: inherit; font-weight: inherit; }

/* ---------- 公文: 3号仿宋 on a 22 × 28 grid ---------- */
.po-gw {
  page: po-gw;
  font-family: ${body}; font-size: ${GONGWEN.bodyPt}pt; font-weight: 400;
  line-height: ${L};
  /* Each character advances exactly 156/28 mm: a 16 pt em minus a little. */
  letter-spacing: calc(${C} - ${GONGWEN.bodyPt}pt);
  text-align: justify; text-justify: inter-character;
  text-spacing-trim: space-all; text-autospace: no-autospace;
  font-kerning: none; font-variant-ligatures: none;
  line-break: strict; overflow-wrap: anywhere;
  orphans: 1; widows: 1;
}
.po-gw .po-title {
  font-family: ${title}; font-weight: ${fonts.title.weight}; font-size: ${GONGWEN.titlePt}pt;
  line-height: ${L}; letter-spacing: 0; text-align: center;
  break-after: avoid;
}
.po-gw .po-title-line { display: block; }
/* Titles, headings, cells, cover and contents break only where the engine put a <wbr> (between words). */
.po-title-line, .po-subtitle, .po-h:not(.po-run-in), .po-tb th, .po-tb td, .po-tb .po-caption, .po-cover, .po-toc-text {
  word-break: keep-all; overflow-wrap: anywhere; line-break: strict;
}
.po-gw .po-subtitle { font-family: ${kai}; text-align: center; text-indent: 0; break-after: avoid; }
.po-gw .po-title-gap { height: ${L}; }
.po-gw .po-p { text-indent: calc(2 * ${C}); }
.po-gw .po-h { text-indent: calc(2 * ${C}); }
/* A standalone heading's lines end where the engine broke them, so they are not stretched. */
.po-gw .po-h:not(.po-run-in) { text-align: left; }
.po-gw .po-h1 > .po-h-head { font-family: ${hei}; }
.po-gw .po-h2 > .po-h-head { font-family: ${kai}; }
.po-gw .po-h1:not(.po-run-in), .po-gw .po-h2:not(.po-run-in) { break-after: avoid; }
.po-gw .po-addressee { text-indent: 0; }
.po-gw .po-blank { height: ${L}; }
.po-gw .po-attachments { display: flex; margin-top: ${L}; padding-left: calc(2 * ${C}); text-align: left; break-before: avoid; }
.po-gw .po-attachments .po-att-label { flex: none; }
.po-gw .po-attachments ol { list-style: none; margin: 0; padding: 0; flex: 1; }
.po-gw .po-attachments li { display: flex; }
.po-gw .po-attachments .po-att-no { flex: none; }
.po-gw .po-attachments .po-att-name { flex: 1; }
/* 署名和日期 never stand alone on a page: the end of the body comes with them (§7.3.5.4). */
.po-gw .po-signature { margin-top: ${L}; break-inside: avoid; break-before: avoid; }
.po-gw .po-sign-line { white-space: pre; text-align: left; text-indent: 0; }
.po-gw .po-sign-row { display: flex; min-height: ${L}; }
.po-gw .po-sign-cell { flex: none; overflow: hidden; }

/* ---------- 表格: rosters and ledgers ---------- */
.po-tb { font-family: ${body}; color: #000; }
.po-tb.po-tb-portrait { page: po-tp; }
.po-tb.po-tb-landscape { page: po-tl; }
/* A portrait table bound in a binder sits in the 公文 frame: numbered where the 公文 parts are;
   a landscape one in that frame turned a quarter (render.ts turns its pages onto portrait sheets). */
.po-tb.po-tb-portrait.po-in-gw { page: po-gw; }
.po-tb.po-tb-landscape.po-in-gw { page: po-gt; }
.po-tb.po-normal { font-size: ${SIZE_PT.小四}pt; }
.po-tb.po-small { font-size: ${SIZE_PT.五号}pt; }
.po-tb .po-title {
  font-family: ${title}; font-weight: ${fonts.title.weight}; font-size: ${GONGWEN.titlePt}pt;
  line-height: ${TABLE_TITLE_LINE_HEIGHT}; text-align: center; margin-bottom: ${mm(TABLE_TITLE_GAP_MM)};
}
.po-tb .po-title-line { display: block; }
.po-tb .po-caption { display: flex; justify-content: space-between; gap: 2em; margin-bottom: ${mm(CAPTION_GAP_MM)}; line-height: ${TABLE_TEXT_LINE_HEIGHT}; }
.po-tb table { border-collapse: collapse; table-layout: fixed; }
.po-tb thead { display: table-header-group; }
/* The engine chose the pages (table-pages.ts): one table per page, each under its own header. */
.po-tb table.po-next-page { break-before: page; }
.po-tb th, .po-tb td { border: ${RULE_PT}pt solid #000; padding: ${mm(CELL_PADDING_Y_MM)} ${mm(CELL_PADDING_X_MM)}; line-height: ${CELL_LINE_HEIGHT}; vertical-align: middle; }
.po-tb th { font-family: ${hei}; font-weight: 400; text-align: center; }
.po-tb tr { break-inside: avoid; }
.po-tb td.po-l { text-align: left; } .po-tb td.po-c { text-align: center; } .po-tb td.po-r { text-align: right; font-variant-numeric: tabular-nums; }
.po-tb tr.po-totals td { font-family: ${hei}; }
/* The totals come with the last row, and notes, signatures and 落款 with them: no closing block alone on a page. */
.po-tb tr.po-totals { break-before: avoid; }
.po-tb .po-notes { margin-top: ${mm(NOTES_GAP_MM)}; line-height: ${TABLE_TEXT_LINE_HEIGHT}; break-inside: avoid; break-before: avoid; }
/* Notes and signatures come with the last rows, never alone on a page. */
.po-tb .po-signatures { margin-top: ${mm(SIGNATURES_GAP_MM)}; line-height: ${TABLE_TEXT_LINE_HEIGHT}; white-space: pre; break-inside: avoid; break-before: avoid; }
.po-tb .po-closing { margin-top: ${mm(CLOSING_GAP_MM)}; margin-left: auto; width: max-content; padding-right: 2em; text-align: center; line-height: ${CLOSING_LINE_HEIGHT}; break-inside: avoid; break-before: avoid; }

/* ---------- 汇编: cover, contents, blank pages ---------- */
.po-part { break-before: page; }
.po-cover { page: po-cover; height: ${mm(GONGWEN.textHeight - 1)}; overflow: hidden; display: flex; flex-direction: column; font-family: ${body}; font-size: ${GONGWEN.bodyPt}pt; }
.po-cover .po-cover-marks { font-family: ${hei}; line-height: ${L}; min-height: calc(2 * ${L}); }
.po-cover .po-cover-title-line { display: block; }
.po-cover .po-cover-title { margin-top: 45mm; font-family: ${title}; font-weight: ${fonts.title.weight}; font-size: ${COVER_TITLE_PT}pt; line-height: 1.5; text-align: center; }
.po-cover .po-cover-subtitle { margin-top: 6mm; font-family: ${kai}; text-align: center; line-height: ${L}; }
.po-cover .po-cover-foot { margin-top: auto; margin-bottom: 20mm; text-align: center; line-height: calc(1.5 * ${L}); font-size: ${SIZE_PT.三号}pt; }
.po-cover .po-cover-organ { font-family: ${kai}; }
.po-toc { page: po-toc; break-before: page; font-family: ${body}; font-size: ${GONGWEN.bodyPt}pt; line-height: ${L}; }
.po-toc .po-toc-title { font-family: ${title}; font-weight: ${fonts.title.weight}; font-size: ${GONGWEN.titlePt}pt; text-align: center; line-height: ${L}; margin-bottom: ${L}; }
.po-toc .po-toc-entry { display: flex; align-items: flex-end; break-inside: avoid; }
.po-toc .po-toc-text { max-width: 85%; }
.po-toc .po-toc-fill { flex: 1; min-width: 2em; margin: 0 0.3em; border-bottom: 1.4pt dotted #000; position: relative; top: -0.35em; }
.po-toc .po-toc-page { flex: none; width: 2.5em; text-align: right; font-variant-numeric: tabular-nums; }
.po-blank-page { page: po-blank; break-before: page; height: 10mm; }
/* A page of a binder's numbers print: nothing but its number. */
.po-number-page { break-before: page; height: 10mm; }
.po-number-page.po-odd { page: po-nr; }
.po-number-page.po-even { page: po-nl; }
`;
}
