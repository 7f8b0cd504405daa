/*
 * Makes every icon file from resources/icon.svg:
 *
 *   resources/icons/NxN.png   16 … 512 px: the Linux icon set (deb, AppImage, .desktop) and the window icon
 *   resources/icon.ico        Windows: the installer, the exe and its shortcuts (16 … 256 px, PNG entries)
 *   resources/icon.icns       macOS's format, for completeness (no macOS build is made)
 *
 *   npx tsx scripts/make-icons.ts
 *
 * Rendered by Chromium (the browser the documents already print through, found as the printer finds
 * it: CHROMIUM_PATH, then the usual places), so no image library is added: each size is drawn from the
 * vector source at that size, with a transparent background. ICO and ICNS are containers of PNGs and
 * are written here (a header and a table each). The results are committed; run this again after
 * changing the SVG. test/unit/app-icons.test.ts reads them all back.
 */
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { findChromium } from '../src/core/documents/chromium-printer';

const root = path.resolve(import.meta.dirname, '..');
const resources = path.join(root, 'resources');
const PNG_SIZES = [16, 24, 32, 48, 64, 128, 256, 512];
const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256];
/** ICNS element types holding PNG data, by pixel size. */
const ICNS_TYPES: [string, number][] = [
  ['icp4', 16],
  ['icp5', 32],
  ['icp6', 64],
  ['ic07', 128],
  ['ic08', 256],
  ['ic09', 512],
];

async function render(svg: string, sizes: number[]): Promise<Map<number, Buffer>> {
  const browser = await chromium.launch({ executablePath: findChromium() });
  try {
    const page = await browser.newPage({ deviceScaleFactor: 1 });
    const source = `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
    const out = new Map<number, Buffer>();
    for (const size of sizes) {
      await page.setViewportSize({ width: size, height: size });
      await page.setContent(
        `<html><body style="margin:0;background:transparent"><img src="${source}" width="${size}" height="${size}" style="display:block"></body></html>`,
      );
      await page.locator('img').evaluate((img) => (img as unknown as { decode(): Promise<void> }).decode());
      out.set(size, await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } }));
    }
    return out;
  } finally {
    await browser.close();
  }
}

/** ICO with PNG entries (Windows Vista and later read them; 256 px is stored as size 0). */
function ico(pngs: Map<number, Buffer>, sizes: number[]): Buffer {
  const header = Buffer.alloc(6 + 16 * sizes.length);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2); // icon
  header.writeUInt16LE(sizes.length, 4);
  let offset = header.length;
  sizes.forEach((size, i) => {
    const png = pngs.get(size)!;
    const at = 6 + 16 * i;
    header.writeUInt8(size >= 256 ? 0 : size, at);
    header.writeUInt8(size >= 256 ? 0 : size, at + 1);
    header.writeUInt16LE(1, at + 4); // colour planes
    header.writeUInt16LE(32, at + 6); // bits per pixel
    header.writeUInt32LE(png.length, at + 8);
    header.writeUInt32LE(offset, at + 12);
    offset += png.length;
  });
  return Buffer.concat([header, ...sizes.map((s) => pngs.get(s)!)]);
}

/** ICNS: 'icns', total length, then (type, length including its 8-byte head, PNG) per size; big-endian. */
function icns(pngs: Map<number, Buffer>): Buffer {
  const parts = ICNS_TYPES.map(([type, size]) => {
    const png = pngs.get(size)!;
    const head = Buffer.alloc(8);
    head.write(type, 0, 'latin1');
    head.writeUInt32BE(png.length + 8, 4);
    return Buffer.concat([head, png]);
  });
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'latin1');
  head.writeUInt32BE(8 + parts.reduce((n, p) => n + p.length, 0), 4);
  return Buffer.concat([head, ...parts]);
}

const svg = fs.readFileSync(path.join(resources, 'icon.svg'), 'utf8');
const pngs = await render(svg, PNG_SIZES);
fs.mkdirSync(path.join(resources, 'icons'), { recursive: true });
for (const [size, png] of pngs) fs.writeFileSync(path.join(resources, 'icons', `${size}x${size}.png`), png);
fs.writeFileSync(path.join(resources, 'icon.ico'), ico(pngs, ICO_SIZES));
fs.writeFileSync(path.join(resources, 'icon.icns'), icns(pngs));
console.log(`wrote resources/icons/{${PNG_SIZES.map((s) => `${s}x${s}`).join(',')}}.png, icon.ico, icon.icns`);
