/*
 * A zip file's central directory, read from its bytes alone (no Node Buffer, no zlib), so the
 * same reading serves the core (workbooks, Word files) and the page (an evidence file checked
 * before it is sent). Nothing is taken on trust: a record outside the file, a local header that
 * is not where the directory says, or two parts with one name (which a reader takes would be a
 * guess) makes the whole file unreadable. ZIP64 records are read, as some writers use them for
 * files of any size.
 */

/** One part as the central directory lists it; `start` and `compressedSize` locate its data. */
export interface ZipDirectoryEntry {
  name: string;
  /** 0 stored, 8 deflated; the reader of the data decides what else it accepts. */
  method: number;
  flags: number;
  crc32: number;
  /** The size the directory declares once inflated. */
  size: number;
  compressedSize: number;
  /** Where the part's compressed data begins in the file. */
  start: number;
}

/** The container itself cannot be read: cut short, damaged, or not a zip. */
export class DamagedZipError extends Error {}

const EOCD = 0x06054b50;
const EOCD64 = 0x06064b50;
const EOCD64_LOCATOR = 0x07064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const ALL_ONES = 0xffffffff;

/** Throws DamagedZipError when the directory or a local header cannot be read. */
export function zipDirectory(bytes: Uint8Array): ZipDirectoryEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u16 = (at: number) => view.getUint16(at, true);
  const u32 = (at: number) => view.getUint32(at, true);
  const u64 = (at: number) => Number(view.getBigUint64(at, true));
  const end = findEnd(bytes.length, u32);
  let count = u16(end + 10);
  let at = u32(end + 16);
  if (count === 0xffff || at === ALL_ONES) {
    const locator = end - 20;
    if (locator < 0 || u32(locator) !== EOCD64_LOCATOR) throw new DamagedZipError('ZIP64 locator missing');
    const end64 = u64(locator + 8);
    if (end64 + 56 > bytes.length || u32(end64) !== EOCD64) throw new DamagedZipError('ZIP64 end missing');
    count = u64(end64 + 32);
    at = u64(end64 + 48);
  }
  const decoder = new TextDecoder('utf-8');
  const entries: ZipDirectoryEntry[] = [];
  const names = new Set<string>();
  for (let i = 0; i < count; i++) {
    if (at + 46 > bytes.length || u32(at) !== CENTRAL) throw new DamagedZipError(`directory entry ${i}`);
    const flags = u16(at + 8);
    const method = u16(at + 10);
    const crc32 = u32(at + 16);
    let compressedSize = u32(at + 20);
    let size = u32(at + 24);
    const nameLength = u16(at + 28);
    const extraLength = u16(at + 30);
    const commentLength = u16(at + 32);
    let local = u32(at + 42);
    if (at + 46 + nameLength + extraLength > bytes.length) throw new DamagedZipError(`directory entry ${i} cut short`);
    const name = decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength));
    // ZIP64: the fields set to all ones are in the extra field, in this order.
    if (size === ALL_ONES || compressedSize === ALL_ONES || local === ALL_ONES) {
      const wide = zip64Fields(view, at + 46 + nameLength, extraLength);
      let k = 0;
      const next = () => {
        const value = wide[k++];
        if (value === undefined) throw new DamagedZipError(`part ${name}: ZIP64 field missing`);
        return value;
      };
      if (size === ALL_ONES) size = next();
      if (compressedSize === ALL_ONES) compressedSize = next();
      if (local === ALL_ONES) local = next();
    }
    if (local + 30 > bytes.length || u32(local) !== LOCAL) throw new DamagedZipError(`part ${name}: header`);
    const start = local + 30 + u16(local + 26) + u16(local + 28);
    if (start + compressedSize > bytes.length)
      throw new DamagedZipError(`part ${name} lies beyond the end of the file`);
    if (names.has(name)) throw new DamagedZipError(`part ${name} appears twice`);
    names.add(name);
    entries.push({ name, method, flags, crc32, size, compressedSize, start });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

// The end-of-central-directory record sits in the last 22 + 65,535 bytes (its comment at most that long).
function findEnd(length: number, u32: (at: number) => number): number {
  for (let end = length - 22; end >= Math.max(0, length - 22 - 0xffff); end--) {
    if (u32(end) === EOCD) return end;
  }
  throw new DamagedZipError('end of central directory not found');
}

function zip64Fields(view: DataView, from: number, length: number): number[] {
  const limit = Math.min(from + length, view.byteLength);
  for (let at = from; at + 4 <= limit;) {
    const id = view.getUint16(at, true);
    const size = view.getUint16(at + 2, true);
    if (id === 0x0001) {
      const fields: number[] = [];
      for (let k = at + 4; k + 8 <= at + 4 + size && k + 8 <= limit; k += 8)
        fields.push(Number(view.getBigUint64(k, true)));
      return fields;
    }
    at += 4 + size;
  }
  return [];
}
