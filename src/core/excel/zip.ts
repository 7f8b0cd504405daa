import { createInflateRaw, crc32, inflateRawSync } from 'node:zlib';
import { DamagedZipError, zipDirectory } from '../../shared/zip-directory';

export { DamagedZipError };

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

/** A part inflates past what the caller allowed (a zip bomb, or far beyond any office's workbook). */
export class ZipLimitError extends Error {
  constructor(
    readonly part: string,
    readonly limit: number,
  ) {
    super(`zip part ${part} inflates beyond ${limit} bytes`);
  }
}

/**
 * The parts of a zip as its central directory lists them (`zipDirectory`, shared with the page's
 * evidence check), each with its still-compressed data. Throws DamagedZipError when the directory
 * or a local header cannot be read, a part lies outside the file, or two parts share a name.
 */
export function zipEntries(zip: Buffer): ZipEntry[] {
  return zipDirectory(zip).map(({ name, method, flags, crc32, size, start, compressedSize }) => ({
    name,
    method,
    flags,
    crc32,
    size,
    data: zip.subarray(start, start + compressedSize),
  }));
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
