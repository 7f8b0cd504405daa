import { inflateRawSync } from 'node:zlib';

/** One part of a zip as its central directory lists it, with its still-compressed data. */
export interface ZipEntry {
  name: string;
  /** The central directory record, from "version made by" to the comment length (42 bytes after the signature). */
  record: Buffer;
  nameBytes: Buffer;
  data: Buffer;
}

/**
 * The parts of a zip as its central directory lists them; null when the directory or a local
 * header cannot be read (a cut or damaged file), or for ZIP64, which no spreadsheet of a size an
 * office keeps needs.
 */
export function zipEntries(zip: Buffer): ZipEntry[] | null {
  for (let end = zip.length - 22; end >= Math.max(0, zip.length - 22 - 0xffff); end--) {
    if (zip.readUInt32LE(end) !== 0x06054b50) continue;
    const count = zip.readUInt16LE(end + 10);
    let at = zip.readUInt32LE(end + 16);
    const entries: ZipEntry[] = [];
    for (let i = 0; i < count; i++) {
      if (at + 46 > zip.length || zip.readUInt32LE(at) !== 0x02014b50) return null;
      const compressedSize = zip.readUInt32LE(at + 20);
      const nameLength = zip.readUInt16LE(at + 28);
      const local = zip.readUInt32LE(at + 42);
      if (
        compressedSize === 0xffffffff ||
        local === 0xffffffff ||
        local + 30 > zip.length ||
        zip.readUInt32LE(local) !== 0x04034b50
      )
        return null;
      const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
      if (start + compressedSize > zip.length) return null;
      const nameBytes = zip.subarray(at + 46, at + 46 + nameLength);
      entries.push({
        name: nameBytes.toString('utf8'),
        record: zip.subarray(at + 4, at + 46),
        nameBytes,
        data: zip.subarray(start, start + compressedSize),
      });
      at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
    }
    return entries;
  }
  return null;
}

/** Past this, a part is refused rather than inflated: a roster of 100,000 rows is far smaller. */
const MAX_PART_BYTES = 256 * 1024 * 1024;

/**
 * A part's content. Throws on an encrypted part, an unknown compression method, a part that
 * inflates beyond reason (a zip bomb) or one whose size does not match its directory entry.
 */
export function unzipEntry(entry: ZipEntry): Buffer {
  const flags = entry.record.readUInt16LE(4);
  const method = entry.record.readUInt16LE(6);
  const size = entry.record.readUInt32LE(20);
  if (flags & 0x01) throw new Error(`zip part ${entry.name} is encrypted`);
  if (size > MAX_PART_BYTES) throw new Error(`zip part ${entry.name} claims ${size} bytes`);
  let content: Buffer;
  if (method === 0) content = entry.data;
  else if (method === 8) content = inflateRawSync(entry.data, { maxOutputLength: MAX_PART_BYTES });
  else throw new Error(`zip part ${entry.name} uses compression method ${method}`);
  if (content.length !== size)
    throw new Error(`zip part ${entry.name} is ${content.length} bytes, its directory says ${size}`);
  return content;
}
