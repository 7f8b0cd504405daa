import { createInflateRaw, crc32, inflateRawSync } from 'node:zlib';

/*
 * The zip container of .xlsx (and .docx) files, read with nothing taken on trust: every part's
 * CRC-32 is checked against its directory entry (a damaged file must never import half-right:
 * a flipped bit in the shared strings once turned 曾伟伟 into "��y伟伟"), and nothing is
 * inflated without a cap, so a zip bomb costs at most the cap and never the machine.
 */

/** One part of a zip as its central directory lists it, with its still-compressed data. */
export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated; anything else is refused when the part is read. */
  method: number;
  flags: number;
  crc32: number;
  /** The size the directory declares once inflated. */
  size: number;
  data: Buffer;
}

/** The container itself cannot be read: cut short, damaged, or not a zip. */
export class DamagedZipError extends Error {}

/** A part inflates past what the caller allowed (a zip bomb, or far beyond any office's workbook). */
export class ZipLimitError extends Error {
  constructor(
    readonly part: string,
    readonly limit: number,
  ) {
    super(`zip part ${part} inflates beyond ${limit} bytes`);
  }
}

const EOCD = 0x06054b50;
const EOCD64 = 0x06064b50;
const EOCD64_LOCATOR = 0x07064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/**
 * The parts of a zip as its central directory lists them. Throws DamagedZipError when the
 * directory or a local header cannot be read, a part lies outside the file, or two parts share
 * a name (which of the two a reader takes would be a guess). ZIP64 records are read, as some
 * writers use them for files of any size.
 */
export function zipEntries(zip: Buffer): ZipEntry[] {
  const end = findEnd(zip);
  let count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  if (count === 0xffff || at === 0xffffffff) {
    const locator = end - 20;
    if (locator < 0 || zip.readUInt32LE(locator) !== EOCD64_LOCATOR) throw new DamagedZipError('ZIP64 locator missing');
    const end64 = Number(zip.readBigUInt64LE(locator + 8));
    if (end64 + 56 > zip.length || zip.readUInt32LE(end64) !== EOCD64) throw new DamagedZipError('ZIP64 end missing');
    count = Number(zip.readBigUInt64LE(end64 + 32));
    at = Number(zip.readBigUInt64LE(end64 + 48));
  }
  const entries: ZipEntry[] = [];
  const names = new Set<string>();
  for (let i = 0; i < count; i++) {
    if (at + 46 > zip.length || zip.readUInt32LE(at) !== CENTRAL) throw new DamagedZipError(`directory entry ${i}`);
    const flags = zip.readUInt16LE(at + 8);
    const method = zip.readUInt16LE(at + 10);
    const crc = zip.readUInt32LE(at + 16);
    let compressedSize = zip.readUInt32LE(at + 20);
    let size = zip.readUInt32LE(at + 24);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    let local = zip.readUInt32LE(at + 42);
    if (at + 46 + nameLength + extraLength > zip.length) throw new DamagedZipError(`directory entry ${i} cut short`);
    const nameBytes = zip.subarray(at + 46, at + 46 + nameLength);
    const name = nameBytes.toString('utf8');
    // ZIP64: the fields set to all ones are in the extra field, in this order.
    if (size === 0xffffffff || compressedSize === 0xffffffff || local === 0xffffffff) {
      const extra = zip.subarray(at + 46 + nameLength, at + 46 + nameLength + extraLength);
      const wide = zip64Fields(extra);
      let k = 0;
      const next = () => {
        const value = wide[k++];
        if (value === undefined) throw new DamagedZipError(`part ${name}: ZIP64 field missing`);
        return value;
      };
      if (size === 0xffffffff) size = next();
      if (compressedSize === 0xffffffff) compressedSize = next();
      if (local === 0xffffffff) local = next();
    }
    if (local + 30 > zip.length || zip.readUInt32LE(local) !== LOCAL) throw new DamagedZipError(`part ${name}: header`);
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    if (start + compressedSize > zip.length) throw new DamagedZipError(`part ${name} lies beyond the end of the file`);
    if (names.has(name)) throw new DamagedZipError(`part ${name} appears twice`);
    names.add(name);
    entries.push({ name, method, flags, crc32: crc, size, data: zip.subarray(start, start + compressedSize) });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

function findEnd(zip: Buffer): number {
  for (let end = zip.length - 22; end >= Math.max(0, zip.length - 22 - 0xffff); end--) {
    if (zip.readUInt32LE(end) === EOCD) return end;
  }
  throw new DamagedZipError('end of central directory not found');
}

function zip64Fields(extra: Buffer): number[] {
  for (let at = 0; at + 4 <= extra.length;) {
    const id = extra.readUInt16LE(at);
    const length = extra.readUInt16LE(at + 2);
    if (id === 0x0001) {
      const fields: number[] = [];
      for (let k = at + 4; k + 8 <= at + 4 + length && k + 8 <= extra.length; k += 8)
        fields.push(Number(extra.readBigUInt64LE(k)));
      return fields;
    }
    at += 4 + length;
  }
  return [];
}

function checkReadable(entry: ZipEntry, limit: number): void {
  if (entry.flags & 0x01) throw new DamagedZipError(`zip part ${entry.name} is encrypted`);
  if (entry.method !== 0 && entry.method !== 8)
    throw new DamagedZipError(`zip part ${entry.name} uses compression method ${entry.method}`);
  if (entry.size > limit) throw new ZipLimitError(entry.name, limit);
}

function checkWhole(entry: ZipEntry, length: number, crc: number): void {
  if (length !== entry.size)
    throw new DamagedZipError(`zip part ${entry.name} is ${length} bytes, its directory says ${entry.size}`);
  if (crc !== entry.crc32) throw new DamagedZipError(`zip part ${entry.name} fails its CRC check`);
}

/**
 * A part's content, inflated whole: for the small parts (workbook, relationships, styles).
 * Throws ZipLimitError past `limit` bytes and DamagedZipError on a wrong size or CRC, an
 * encrypted part or an unknown compression method.
 */
export function unzipEntry(entry: ZipEntry, limit: number): Buffer {
  checkReadable(entry, limit);
  let content: Buffer;
  if (entry.method === 0) content = entry.data;
  else {
    try {
      // One byte over the declared size is enough to know the directory lied.
      content = inflateRawSync(entry.data, { maxOutputLength: Math.min(limit, entry.size) + 1 });
    } catch (error) {
      if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') {
        if (entry.size >= limit) throw new ZipLimitError(entry.name, limit);
        throw new DamagedZipError(`zip part ${entry.name} is larger than its directory says`);
      }
      throw new DamagedZipError(`zip part ${entry.name}: ${(error as Error).message}`);
    }
  }
  checkWhole(entry, content.length, crc32(content));
  return content;
}

/**
 * A part's content in pieces as it inflates, for the parts that can be large (worksheets, shared
 * strings): the reader parses as it goes, so a big part never sits in memory whole, and the
 * caller can stop early (a row cap) without inflating the rest. Size and CRC are checked when
 * the last piece has come; the caller must read to the end for that check to happen.
 */
export async function* inflateEntry(entry: ZipEntry, limit: number): AsyncGenerator<Buffer> {
  checkReadable(entry, limit);
  if (entry.method === 0) {
    for (let at = 0; at < entry.data.length; at += 1 << 20) yield entry.data.subarray(at, at + (1 << 20));
    checkWhole(entry, entry.data.length, crc32(entry.data));
    return;
  }
  const inflater = createInflateRaw({ chunkSize: 256 * 1024 });
  inflater.end(entry.data);
  let length = 0;
  let crc = 0;
  try {
    for await (const piece of inflater as AsyncIterable<Buffer>) {
      length += piece.length;
      if (length > entry.size) {
        if (length > limit) throw new ZipLimitError(entry.name, limit);
        throw new DamagedZipError(`zip part ${entry.name} is larger than its directory says`);
      }
      crc = crc32(piece, crc);
      yield piece;
    }
  } catch (error) {
    if (error instanceof ZipLimitError || error instanceof DamagedZipError) throw error;
    throw new DamagedZipError(`zip part ${entry.name}: ${(error as Error).message}`);
  } finally {
    inflater.destroy();
  }
  checkWhole(entry, length, crc);
}
