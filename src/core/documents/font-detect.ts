import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/*
 * Which font families this machine has, as Chromium will find them: fontconfig's list where
 * there is one (Linux), otherwise the family names read from the font files in the system
 * and per-user font folders (Windows, macOS). Read once per process.
 */

const NAME_FAMILY = 1;
const NAME_TYPOGRAPHIC_FAMILY = 16;

/** Family names (IDs 1 and 16, every language) of each face in a .ttf/.otf/.ttc/.otc file. */
export function readFamilyNames(file: string): string[] {
  const fd = fs.openSync(file, 'r');
  try {
    const read = (offset: number, length: number): Buffer => {
      const buf = Buffer.alloc(length);
      const got = fs.readSync(fd, buf, 0, length, offset);
      return got === length ? buf : buf.subarray(0, got);
    };
    const head = read(0, 12);
    if (head.length < 12) return [];
    const faceOffsets: number[] = [];
    if (head.toString('latin1', 0, 4) === 'ttcf') {
      const count = Math.min(head.readUInt32BE(8), 64);
      const table = read(12, count * 4);
      for (let i = 0; i + 4 <= table.length; i += 4) faceOffsets.push(table.readUInt32BE(i));
    } else {
      faceOffsets.push(0);
    }
    const names = new Set<string>();
    for (const offset of faceOffsets) {
      for (const name of faceFamilyNames(read, offset)) names.add(name);
    }
    return [...names];
  } catch {
    return [];
  } finally {
    fs.closeSync(fd);
  }
}

function faceFamilyNames(read: (offset: number, length: number) => Buffer, faceOffset: number): string[] {
  const header = read(faceOffset, 12);
  if (header.length < 12) return [];
  const tag = header.readUInt32BE(0);
  // TrueType 0x00010000, 'OTTO' (CFF), 'true' (old Mac TrueType).
  if (tag !== 0x00010000 && tag !== 0x4f54544f && tag !== 0x74727565) return [];
  const numTables = header.readUInt16BE(4);
  const directory = read(faceOffset + 12, numTables * 16);
  for (let i = 0; i + 16 <= directory.length; i += 16) {
    if (directory.toString('latin1', i, i + 4) !== 'name') continue;
    const offset = directory.readUInt32BE(i + 8);
    const length = Math.min(directory.readUInt32BE(i + 12), 1 << 20);
    return parseNameTable(read(offset, length));
  }
  return [];
}

/** Exported for tests: the family names in a 'name' table. */
export function parseNameTable(table: Buffer): string[] {
  if (table.length < 6) return [];
  const count = table.readUInt16BE(2);
  const storage = table.readUInt16BE(4);
  const out = new Set<string>();
  for (let i = 0; i < count; i++) {
    const at = 6 + i * 12;
    if (at + 12 > table.length) break;
    const platform = table.readUInt16BE(at);
    const encoding = table.readUInt16BE(at + 2);
    const nameId = table.readUInt16BE(at + 6);
    const length = table.readUInt16BE(at + 8);
    const offset = table.readUInt16BE(at + 10);
    if (nameId !== NAME_FAMILY && nameId !== NAME_TYPOGRAPHIC_FAMILY) continue;
    const start = storage + offset;
    if (start + length > table.length) continue;
    const raw = table.subarray(start, start + length);
    let text: string | null = null;
    if (platform === 0 || (platform === 3 && (encoding === 1 || encoding === 10 || encoding === 0))) {
      text = utf16be(raw);
    } else if (platform === 3 && encoding === 3) {
      // Windows PRC (GBK) names in some older Chinese fonts.
      text = new TextDecoder('gbk').decode(raw).replace(/\0/g, '');
    } else if (platform === 1 && encoding === 0) {
      text = raw.toString('latin1');
    }
    const clean = text?.trim();
    if (clean) out.add(clean);
  }
  return [...out];
}

function utf16be(raw: Buffer): string {
  const swapped = Buffer.from(raw);
  swapped.swap16();
  return swapped.toString('utf16le');
}

export function systemFontDirs(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
): string[] {
  const home = os.homedir();
  if (platform === 'win32') {
    const windir = env.WINDIR ?? env.SystemRoot ?? 'C:\\Windows';
    const local = env.LOCALAPPDATA ?? path.join(home, 'AppData', 'Local');
    return [path.join(windir, 'Fonts'), path.join(local, 'Microsoft', 'Windows', 'Fonts')];
  }
  if (platform === 'darwin') {
    return [
      '/System/Library/Fonts',
      '/System/Library/Fonts/Supplemental',
      '/Library/Fonts',
      path.join(home, 'Library', 'Fonts'),
    ];
  }
  return [
    '/usr/share/fonts',
    '/usr/local/share/fonts',
    path.join(home, '.local', 'share', 'fonts'),
    path.join(home, '.fonts'),
  ];
}

const FONT_FILE = /\.(ttf|otf|ttc|otc)$/i;

/** Every family name in the font files under the given folders (two levels of subfolders on Linux). */
export function scanFontFolders(dirs: string[]): Set<string> {
  const families = new Set<string>();
  const visit = (dir: string, depth: number) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory() && depth < 4) visit(full, depth + 1);
      else if (FONT_FILE.test(entry.name)) for (const name of readFamilyNames(full)) families.add(name.toLowerCase());
    }
  };
  for (const dir of dirs) visit(dir, 0);
  return families;
}

function fontconfigFamilies(): Set<string> | null {
  try {
    const out = execFileSync('fc-list', ['--format', '%{family}\\n'], {
      encoding: 'utf8',
      timeout: 10_000,
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    const families = new Set<string>();
    for (const line of out.split('\n'))
      for (const name of line.split(',')) if (name.trim()) families.add(name.trim().toLowerCase());
    return families.size ? families : null;
  } catch {
    return null;
  }
}

let cached: Set<string> | null = null;

/** Installed family names, lower-cased. Cached for the process; `refresh` rereads. */
export function installedFontFamilies(options: { refresh?: boolean } = {}): ReadonlySet<string> {
  if (cached && !options.refresh) return cached;
  const viaFontconfig = process.platform === 'win32' ? null : fontconfigFamilies();
  cached = viaFontconfig ?? scanFontFolders(systemFontDirs());
  return cached;
}
