import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/*
 * The icon files scripts/make-icons.ts renders from resources/icon.svg, read back as Windows, the
 * Linux desktops and electron-builder read them: every size present, square, with an alpha channel
 * (the rounded corners stay transparent), and the .ico / .icns holding exactly those PNGs.
 */
const resources = path.resolve(import.meta.dirname, '../../resources');
const SIZES = [16, 24, 32, 48, 64, 128, 256, 512];

function pngHeader(png: Buffer): { width: number; height: number; colourType: number } {
  expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  expect(png.toString('latin1', 12, 16)).toBe('IHDR');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20), colourType: png[25]! };
}

const png = (size: number) => fs.readFileSync(path.join(resources, 'icons', `${size}x${size}.png`));

describe('app icons', () => {
  it('has a PNG for every size from 16 to 512 px, square and with transparency', () => {
    for (const size of SIZES) {
      expect(pngHeader(png(size))).toEqual({ width: size, height: size, colourType: 6 }); // RGBA
    }
  });

  it('icon.ico holds the 16 … 256 px PNGs, 256 written as 0 as Windows expects', () => {
    const ico = fs.readFileSync(path.join(resources, 'icon.ico'));
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2)]).toEqual([0, 1]);
    const count = ico.readUInt16LE(4);
    const entries = Array.from({ length: count }, (_, i) => {
      const at = 6 + 16 * i;
      const [length, offset] = [ico.readUInt32LE(at + 8), ico.readUInt32LE(at + 12)];
      return { size: ico[at] || 256, data: ico.subarray(offset, offset + length) };
    });
    expect(entries.map((e) => e.size)).toEqual([16, 24, 32, 48, 64, 128, 256]);
    for (const e of entries) expect(e.data.equals(png(e.size)), `${e.size} px`).toBe(true);
  });

  it('icon.icns holds PNG elements for 16 … 512 px and states its own length', () => {
    const icns = fs.readFileSync(path.join(resources, 'icon.icns'));
    expect(icns.toString('latin1', 0, 4)).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
    const found: Record<string, number> = {};
    for (let at = 8; at < icns.length; at += icns.readUInt32BE(at + 4)) {
      const data = icns.subarray(at + 8, at + icns.readUInt32BE(at + 4));
      found[icns.toString('latin1', at, at + 4)] = pngHeader(data).width;
    }
    expect(found).toEqual({ icp4: 16, icp5: 32, icp6: 64, ic07: 128, ic08: 256, ic09: 512 });
  });

  it('the Linux desktop entry and metainfo name the executable, the icon and each other', () => {
    const desktop = fs.readFileSync(path.join(resources, 'linux/party-office-workbench.desktop'), 'utf8');
    expect(desktop).toMatch(/^Name=机关党务工作台$/m);
    expect(desktop).toMatch(/^Exec=party-office-workbench %U$/m);
    expect(desktop).toMatch(/^Icon=party-office-workbench$/m);
    const metainfo = fs.readFileSync(path.join(resources, 'linux/cn.partyoffice.workbench.metainfo.xml'), 'utf8');
    expect(metainfo).toContain('<launchable type="desktop-id">party-office-workbench.desktop</launchable>');
    expect(metainfo).toContain('<id>cn.partyoffice.workbench</id>');
  });

  it('the installer’s 使用须知 is UTF-8 with a BOM (NSIS reads it so) and names where the data stays', () => {
    const notice = fs.readFileSync(path.join(resources, 'installer/notice.txt'));
    expect(notice.subarray(0, 3).toString('hex')).toBe('efbbbf');
    const text = notice.toString('utf8');
    expect(text).toContain('%APPDATA%\\party-office-workbench\\party-office.db');
    expect(text).toContain('卸载程序不会删除这些数据');
  });
});
