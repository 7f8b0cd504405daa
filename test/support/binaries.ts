/*
 * What a native addon asks of the system that loads it, read from the file itself (no objdump on
 * a Windows developer's machine): for an ELF shared object the libraries it needs and the symbol
 * versions it needs from each (GLIBC_2.28 …, GLIBCXX_3.4.25 …), and the symbols it exports; for
 * a PE DLL the DLLs it imports, directly and delay-loaded.
 */

export interface ElfNeeds {
  machine: 'x86-64' | 'aarch64' | `machine ${number}`;
  /** DT_NEEDED: the libraries the loader must find. */
  libraries: string[];
  /** From .gnu.version_r: for each library, the versions of it the file needs. */
  versions: Record<string, string[]>;
  /** Defined global symbols of .dynsym. */
  exports: string[];
}

const SHT_DYNSYM = 11;
const SHT_DYNAMIC = 6;
const SHT_GNU_VERNEED = 0x6ffffffe;
const DT_NEEDED = 1;

function cString(data: Buffer, offset: number): string {
  const end = data.indexOf(0, offset);
  return data.toString('latin1', offset, end < 0 ? data.length : end);
}

/** Reads a little-endian 64-bit ELF file (x86-64 and aarch64 Linux are both). */
export function readElf(data: Buffer): ElfNeeds {
  if (data.readUInt32BE(0) !== 0x7f454c46) throw new Error('not an ELF file');
  if (data[4] !== 2 || data[5] !== 1) throw new Error('not a little-endian 64-bit ELF file');
  const machineCode = data.readUInt16LE(0x12);
  const machine = machineCode === 62 ? 'x86-64' : machineCode === 183 ? 'aarch64' : (`machine ${machineCode}` as const);
  const shoff = Number(data.readBigUInt64LE(0x28));
  const shentsize = data.readUInt16LE(0x3a);
  const shnum = data.readUInt16LE(0x3c);
  const sections = Array.from({ length: shnum }, (_, i) => {
    const at = shoff + i * shentsize;
    return {
      type: data.readUInt32LE(at + 4),
      offset: Number(data.readBigUInt64LE(at + 24)),
      size: Number(data.readBigUInt64LE(at + 32)),
      link: data.readUInt32LE(at + 40),
      info: data.readUInt32LE(at + 44),
      entsize: Number(data.readBigUInt64LE(at + 56)),
    };
  });
  const strings = (index: number) => (offset: number) => cString(data, sections[index]!.offset + offset);

  const libraries: string[] = [];
  for (const s of sections.filter((x) => x.type === SHT_DYNAMIC)) {
    const name = strings(s.link);
    for (let at = s.offset; at < s.offset + s.size; at += 16) {
      if (data.readBigInt64LE(at) === BigInt(DT_NEEDED)) libraries.push(name(Number(data.readBigUInt64LE(at + 8))));
    }
  }

  const versions: Record<string, string[]> = {};
  for (const s of sections.filter((x) => x.type === SHT_GNU_VERNEED)) {
    const name = strings(s.link);
    let need = s.offset;
    for (let n = 0; n < s.info; n++) {
      const file = name(data.readUInt32LE(need + 4));
      const list = (versions[file] ??= []);
      let aux = need + data.readUInt32LE(need + 8);
      for (let a = 0; a < data.readUInt16LE(need + 2); a++) {
        list.push(name(data.readUInt32LE(aux + 8)));
        aux += data.readUInt32LE(aux + 12);
      }
      need += data.readUInt32LE(need + 12);
    }
  }

  const exports: string[] = [];
  for (const s of sections.filter((x) => x.type === SHT_DYNSYM)) {
    const name = strings(s.link);
    for (let at = s.offset; at < s.offset + s.size; at += s.entsize || 24) {
      const binding = data[at + 4]! >> 4;
      const defined = data.readUInt16LE(at + 6) !== 0;
      if (defined && (binding === 1 || binding === 2)) exports.push(name(data.readUInt32LE(at)));
    }
  }
  return { machine, libraries, versions, exports: exports.filter(Boolean).sort() };
}

/** "GLIBC_2.28" → [2, 28]; compares version lists numerically. */
export function versionAbove(version: string, limit: string): boolean {
  const parts = (v: string) => (v.split('_').pop() ?? '').split('.').map(Number);
  const [a, b] = [parts(version), parts(limit)];
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d > 0;
  }
  return false;
}

export interface PeImports {
  machine: 'x64' | 'arm64' | `machine ${number}`;
  /** DLLs named in the import directory, loaded with the addon. */
  imports: string[];
  /** DLLs named in the delay-load directory, resolved at the first call (node.exe: the host process). */
  delayImports: string[];
}

/** Reads the import tables of a 64-bit PE file (PE32+). */
export function readPe(data: Buffer): PeImports {
  if (data.readUInt16LE(0) !== 0x5a4d) throw new Error('not an MZ file');
  const pe = data.readUInt32LE(0x3c);
  if (data.readUInt32BE(pe) !== 0x50450000) throw new Error('not a PE file');
  const machineCode = data.readUInt16LE(pe + 4);
  const machine =
    machineCode === 0x8664 ? 'x64' : machineCode === 0xaa64 ? 'arm64' : (`machine ${machineCode}` as const);
  const sectionCount = data.readUInt16LE(pe + 6);
  const optional = pe + 24;
  if (data.readUInt16LE(optional) !== 0x20b) throw new Error('not a PE32+ file');
  const directory = (index: number) => data.readUInt32LE(optional + 112 + index * 8);
  const sectionTable = optional + data.readUInt16LE(pe + 20);
  const sections = Array.from({ length: sectionCount }, (_, i) => {
    const at = sectionTable + i * 40;
    return {
      address: data.readUInt32LE(at + 12),
      size: Math.max(data.readUInt32LE(at + 8), data.readUInt32LE(at + 16)),
      raw: data.readUInt32LE(at + 20),
    };
  });
  const offset = (rva: number) => {
    const s = sections.find((x) => rva >= x.address && rva < x.address + x.size);
    if (!s) throw new Error(`RVA ${rva.toString(16)} is in no section`);
    return rva - s.address + s.raw;
  };
  const names = (rva: number, entrySize: number, nameAt: number) => {
    const found: string[] = [];
    if (rva === 0) return found;
    for (let at = offset(rva); ; at += entrySize) {
      const name = data.readUInt32LE(at + nameAt);
      if (name === 0) return found;
      found.push(cString(data, offset(name)));
    }
  };
  return { machine, imports: names(directory(1), 20, 12), delayImports: names(directory(13), 32, 4) };
}
