import fs from 'node:fs';
import os from 'node:os';
import { FONT_ROLE_ORDER, FONT_ROLES, resolveFonts } from '../documents/fonts';
import { installedFontFamilies } from '../documents/font-detect';
import { APP_VERSION } from '../version';
import type { LogEntry } from './diagnostic-log';

/*
 * What the log says at start-up, so that a report from an office PC can be read without asking:
 * which build, on what system, which data file version, which fonts the prints will use.
 * Nothing about the organ or its people.
 */

type Fields = NonNullable<LogEntry['facts']>;

/** The program and the system it runs on. */
export function versionFacts(extra: Fields = {}): Fields {
  return {
    app: APP_VERSION,
    node: process.versions.node,
    v8: process.versions.v8,
    modules: process.versions.modules ?? null,
    electron: process.versions.electron ?? null,
    chrome: process.versions.chrome ?? null,
    platform: process.platform,
    arch: process.arch,
    os: `${os.type()} ${os.release()}`,
    glibc: glibcVersion(),
    cpus: os.cpus().length,
    memoryMb: Math.round(os.totalmem() / 1024 / 1024),
    ...extra,
  };
}

function glibcVersion(): string | null {
  const header = process.report?.getReport?.() as { header?: { glibcVersionRuntime?: string } } | undefined;
  return header?.header?.glibcVersionRuntime ?? null;
}

const SQLITE_MAGIC = 'SQLite format 3\0';

/**
 * The data file as it lies on disk, read from its header without opening it (the core may not
 * have the key yet): its size, and the schema version (SQLite's user_version, bytes 60–63) when
 * the file is not encrypted.
 */
export function dataFileFacts(dataFile: string): Fields {
  let fd: number | null = null;
  try {
    const size = fs.statSync(dataFile).size;
    fd = fs.openSync(dataFile, 'r');
    const header = Buffer.alloc(100);
    const read = fs.readSync(fd, header, 0, 100, 0);
    const plain = read === 100 && header.toString('latin1', 0, 16) === SQLITE_MAGIC;
    return {
      dataFileBytes: size,
      dataFileEncrypted: !plain,
      dataFileVersion: plain ? header.readUInt32BE(60) : null,
    };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { dataFile: code === 'ENOENT' ? 'none yet' : `unreadable: ${code ?? 'unknown error'}` };
  } finally {
    if (fd !== null) fs.closeSync(fd);
  }
}

/** Which face each print role will use: `status:family` (family by its Latin name). */
export function fontFacts(): Fields {
  const plan = resolveFonts(installedFontFamilies());
  const fields: Fields = {};
  for (const role of FONT_ROLE_ORDER) {
    const font = plan[role];
    const candidate = FONT_ROLES[role].candidates.find((c) => c.label === font.used);
    const latin = candidate?.families.find((f) => /^[\x20-\x7e]+$/.test(f)) ?? 'unnamed';
    fields[`font.${role}`] = font.used === null ? 'missing' : `${font.status}:${latin}`;
  }
  return fields;
}
