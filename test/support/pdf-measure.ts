import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/*
 * Measuring printed PDFs the way a person with a ruler would, with poppler-utils:
 * `pdftotext -bbox-layout` for where the text is (glyph origins and advances), and
 * `pdftoppm` for where the ink is (what the eye sees on paper). Everything in millimetres
 * from the top-left corner of the page.
 */

const PT_TO_MM = 25.4 / 72;

export interface Word {
  text: string;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

export interface Line extends Word {
  words: Word[];
}

export interface PdfPage {
  /** 1-based. */
  number: number;
  width: number;
  height: number;
  lines: Line[];
  words: Word[];
  text: string;
}

const attr = (tag: string, name: string) =>
  Number(new RegExp(`${name}="([\\d.\\-]+)"`).exec(tag)?.[1] ?? NaN) * PT_TO_MM;

function unescapeXml(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&amp;/g, '&');
}

/** Every page's lines and words, from `pdftotext -bbox-layout`. */
export function readPdfLayout(file: string): PdfPage[] {
  const xml = execFileSync('pdftotext', ['-bbox-layout', file, '-'], {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  const pages: PdfPage[] = [];
  for (const pageMatch of xml.matchAll(/<page ([^>]*)>([\s\S]*?)<\/page>/g)) {
    const head = pageMatch[1]!;
    const lines: Line[] = [];
    for (const lineMatch of pageMatch[2]!.matchAll(/<line ([^>]*)>([\s\S]*?)<\/line>/g)) {
      const words: Word[] = [];
      for (const w of lineMatch[2]!.matchAll(/<word ([^>]*)>([^<]*)<\/word>/g)) {
        const tag = w[1]!;
        words.push({
          text: unescapeXml(w[2]!),
          xMin: attr(tag, 'xMin'),
          yMin: attr(tag, 'yMin'),
          xMax: attr(tag, 'xMax'),
          yMax: attr(tag, 'yMax'),
        });
      }
      const tag = lineMatch[1]!;
      lines.push({
        text: words.map((w) => w.text).join(' '),
        words,
        xMin: attr(tag, 'xMin'),
        yMin: attr(tag, 'yMin'),
        xMax: attr(tag, 'xMax'),
        yMax: attr(tag, 'yMax'),
      });
    }
    pages.push({
      number: pages.length + 1,
      width: attr(head, 'width'),
      height: attr(head, 'height'),
      lines,
      words: lines.flatMap((l) => l.words),
      text: lines.map((l) => l.text).join('\n'),
    });
  }
  return pages;
}

/**
 * The words of a PDF in the order they were written, for "does it say X" checks. Unlike the
 * layout above, unaffected by a page's rotation: a binder turns landscape tables a quarter onto
 * portrait sheets (/Rotate), where reading by position runs the characters backwards.
 */
export function readPdfText(file: string): string {
  return execFileSync('pdftotext', ['-raw', file, '-'], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
}

export function pdfPageCount(file: string): number {
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  return Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
}

export function pdfFonts(file: string): { name: string; embedded: boolean }[] {
  const rows = execFileSync('pdffonts', [file], { encoding: 'utf8' }).split('\n').slice(2).filter(Boolean);
  // name type encoding emb sub uni object-id generation: read the flags from the right.
  return rows.map((row) => {
    const t = row.trim().split(/\s+/);
    return { name: t[0] ?? '', embedded: t[t.length - 5] === 'yes' };
  });
}

/** Grid cells a string takes: CJK and full-width forms one, ASCII half. */
export function cells(text: string): number {
  let n = 0;
  for (const ch of text.replace(/\s/g, '')) n += /[\u0000-\u00ff]/.test(ch) ? 0.5 : 1;
  return n;
}

export interface Raster {
  width: number;
  height: number;
  dpi: number;
  dark(xMm: number, yMm: number): boolean;
}

/** A page rendered to grayscale at `dpi` (pdftoppm), for measuring ink. */
export function rasterPage(file: string, page: number, dpi = 150): Raster {
  const buf = execFileSync('pdftoppm', ['-gray', '-r', String(dpi), '-f', String(page), '-l', String(page), file], {
    maxBuffer: 256 * 1024 * 1024,
  });
  // Binary PGM: "P5\n<w> <h>\n<max>\n" then one byte per pixel.
  let at = 0;
  const token = () => {
    while (/\s/.test(String.fromCharCode(buf[at]!))) at++;
    let s = '';
    while (!/\s/.test(String.fromCharCode(buf[at]!))) s += String.fromCharCode(buf[at++]!);
    return s;
  };
  if (token() !== 'P5') throw new Error('pdftoppm did not return a PGM image');
  const width = Number(token());
  const height = Number(token());
  token();
  at++;
  const pixels = buf.subarray(at);
  const px = (mm: number) => Math.round((mm / 25.4) * dpi);
  return {
    width,
    height,
    dpi,
    dark: (x, y) => {
      const ix = px(x);
      const iy = px(y);
      return ix >= 0 && iy >= 0 && ix < width && iy < height && pixels[iy * width + ix]! < 128;
    },
  };
}

export interface InkBand {
  top: number;
  bottom: number;
  center: number;
}

/** Horizontal bands of ink between x0 and x1 (mm), scanning y0..y1, top to bottom. */
export function inkBands(raster: Raster, x0: number, x1: number, y0 = 0, y1 = Infinity): InkBand[] {
  const step = 25.4 / raster.dpi;
  const bands: InkBand[] = [];
  let start: number | null = null;
  const bottom = Math.min(y1, (raster.height / raster.dpi) * 25.4);
  for (let y = y0; y <= bottom; y += step) {
    let ink = false;
    for (let x = x0; x <= x1 && !ink; x += step) ink = raster.dark(x, y);
    if (ink && start === null) start = y;
    if (!ink && start !== null) {
      bands.push({ top: start, bottom: y, center: (start + y) / 2 });
      start = null;
    }
  }
  return bands;
}

/** Left and right edges of the ink in a band of rows. */
export function inkColumns(
  raster: Raster,
  y0: number,
  y1: number,
  x0 = 0,
  x1 = Infinity,
): { left: number; right: number } | null {
  const step = 25.4 / raster.dpi;
  const right = Math.min(x1, (raster.width / raster.dpi) * 25.4);
  let left: number | null = null;
  let last: number | null = null;
  for (let x = x0; x <= right; x += step) {
    let ink = false;
    for (let y = y0; y <= y1 && !ink; y += step) ink = raster.dark(x, y);
    if (ink) {
      left ??= x;
      last = x;
    }
  }
  return left === null || last === null ? null : { left, right: last };
}

/** Pages as PNG (pdftoppm -r 60) into test-results/screenshots, to look at. */
export function screenshotPages(file: string, name: string, dpi = 60): string[] {
  const dir = path.resolve(import.meta.dirname, '../../test-results/screenshots');
  fs.mkdirSync(dir, { recursive: true });
  const prefix = path.join(dir, name);
  execFileSync('pdftoppm', ['-png', '-r', String(dpi), file, prefix]);
  return fs
    .readdirSync(dir)
    .filter((f) => f.startsWith(`${name}-`) && f.endsWith('.png'))
    .map((f) => path.join(dir, f))
    .sort();
}
