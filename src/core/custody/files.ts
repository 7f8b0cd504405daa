import fs from 'node:fs';
import path from 'node:path';

/** Writes a small file so that a crash leaves either the old content or the new, never half. */
export function writeFileAtomic(file: string, content: string | Buffer): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temp = `${file}.tmp-${process.pid}`;
  const fd = fs.openSync(temp, 'w');
  try {
    fs.writeFileSync(fd, content);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(temp, file);
}

/**
 * As writeFileAtomic, and the rename itself made durable by syncing the folder, as SQLite commits:
 * for the files a later step relies on having survived a power cut (the keys, the key journal).
 */
export function writeFileDurably(file: string, content: string | Buffer): void {
  writeFileAtomic(file, content);
  syncFolder(path.dirname(file));
}

/** Removes a file so that the removal survives a power cut (the folder is synced); absent is fine. */
export function removeDurably(file: string): void {
  if (!fs.existsSync(file)) return;
  fs.rmSync(file, { force: true });
  syncFolder(path.dirname(file));
}

/** Flushes a finished file's content to the disk. */
export function syncFile(file: string): void {
  const fd = fs.openSync(file, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Makes a rename or removal in `dir` durable (Linux); Windows cannot open a folder this way and needs nothing more. */
export function syncFolder(dir: string): void {
  let fd: number | null = null;
  try {
    fd = fs.openSync(dir, 'r');
    fs.fsyncSync(fd);
  } catch {
    // not supported here
  } finally {
    if (fd !== null) fs.closeSync(fd);
  }
}

export function readJson<T>(file: string): T | null {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
  } catch {
    return null;
  }
}

const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');

/** A plain SQLite file starts with its magic string; an encrypted one starts with random salt. */
export function isPlainDatabase(file: string): boolean {
  let fd: number | null = null;
  try {
    fd = fs.openSync(file, 'r');
    const head = Buffer.alloc(SQLITE_MAGIC.length);
    return fs.readSync(fd, head, 0, head.length, 0) === head.length && head.equals(SQLITE_MAGIC);
  } catch {
    return false;
  } finally {
    if (fd !== null) fs.closeSync(fd);
  }
}
