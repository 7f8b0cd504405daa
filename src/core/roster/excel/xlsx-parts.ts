import { TextDecoder } from 'node:util';
import { XmlChecker } from '../../excel/xml-check';
import { DamagedZipError, inflateEntry, unzipEntry, ZipLimitError, type ZipEntry } from '../../excel/zip';
import type { Cell, DatePrecision } from './cells';
import { builtInDateFormat, customDateFormat, serialDate, type DateFormat } from './number-formats';
import { RowLimitError, TooLargeError, type CellRange, type ReadLimits, type Sheet } from './sheet';

/*
 * Reads an .xlsx's cells straight from its XML parts. An importer needs values only, and building
 * a library's row and cell objects for 10,000 rows cost more time and memory than the whole rest
 * of an import (measured against exceljs and SheetJS in `npm run bench`).
 *
 * Parts are found as the package says (Open Packaging Conventions): the root relationships name
 * the workbook, the workbook's relationships name its sheets, shared strings and styles, whatever
 * the writer called them (Excel, WPS, LibreOffice, Numbers and .NET libraries each name parts
 * their own way). Every part is checked well-formed (xml-check.ts) and CRC-checked (zip.ts);
 * worksheets and shared strings are inflated and parsed piece by piece, so a huge or hostile part
 * never sits in memory whole and the row cap stops the reading early. Anything this reader does
 * not expect makes it throw: a workbook is never read half-right.
 */

/** Past these, a part is refused: a 100,000-row roster's parts are far smaller. */
const SMALL_PART_BYTES = 32 * 1024 * 1024;
const STREAMED_PART_BYTES = 256 * 1024 * 1024;
/** No single element (a row, a shared string) of a sound part comes near this. */
const MAX_PENDING = 16 * 1024 * 1024;

const EMPTY: Cell = { kind: 'empty' };

const RELS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/';
const RELS_STRICT = 'http://purl.oclc.org/ooxml/officeDocument/relationships/';

/** A relationship's kind, whichever namespace (transitional or strict) the writer used. */
function relationshipKind(type: string): string {
  if (type.startsWith(RELS)) return type.slice(RELS.length);
  if (type.startsWith(RELS_STRICT)) return type.slice(RELS_STRICT.length);
  return type.slice(type.lastIndexOf('/') + 1);
}

/** An attribute's value with its entities decoded (attr() below finds it), or undefined. */
function attrText(tag: string, name: string): string | undefined {
  const raw = attr(tag, name);
  return raw === undefined ? undefined : decodeXml(raw);
}

const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** XML entities, then OOXML's own escapes for characters XML cannot hold (_x000D_ for a carriage return). */
function decodeXml(text: string): string {
  const unescaped = text.includes('&')
    ? text.replace(/&(#x[0-9a-fA-F]+|#\d+|\w+);/g, (whole, name: string) => {
        if (name[0] === '#') {
          const code = name[1] === 'x' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
          return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
        }
        return NAMED[name] ?? whole;
      })
    : text;
  return unescaped.includes('_x')
    ? unescaped.replace(/_x([0-9a-fA-F]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
    : unescaped;
}

/** The text of a string item (<si> or <is>): its <t> runs joined, phonetic guides (<rPh>) left out. */
function runText(xml: string): string {
  const plain = xml.includes('rPh') ? xml.replace(/<(?:[\w.-]+:)?rPh\b[\s\S]*?<\/(?:[\w.-]+:)?rPh>/g, '') : xml;
  let text = '';
  for (const m of plain.matchAll(/<(?:[\w.-]+:)?t(?:\s[^>]*)?>([\s\S]*?)<\/(?:[\w.-]+:)?t>/g)) text += m[1]!;
  return decodeXml(text);
}

/**
 * An attribute's raw value in a start tag, by local name (a prefix such as x: is allowed), or
 * undefined. Written out by hand: a worksheet has one start tag per cell, and a regular
 * expression or a Map per tag made the reading allocate several times the file's size.
 */
function attr(tag: string, name: string): string | undefined {
  for (let at = tag.indexOf(name); at > 0; at = tag.indexOf(name, at + name.length)) {
    const before = tag.charCodeAt(at - 1);
    if (before !== 32 && before !== 9 && before !== 10 && before !== 13 && before !== 58) continue;
    let j = at + name.length;
    while (tag.charCodeAt(j) <= 32) j++;
    if (tag[j] !== '=') continue;
    j++;
    while (tag.charCodeAt(j) <= 32) j++;
    const quote = tag[j];
    if (quote !== '"' && quote !== "'") continue;
    const close = tag.indexOf(quote, j + 1);
    return close < 0 ? undefined : tag.slice(j + 1, close);
  }
  return undefined;
}

/** The text inside the first <prefix+name …>…</prefix+name> of `body`, or undefined. */
function child(body: string, prefix: string, name: string): string | undefined {
  const open = `<${prefix}${name}`;
  for (let at = body.indexOf(open); at >= 0; at = body.indexOf(open, at + open.length)) {
    const next = body[at + open.length];
    if (next !== '>' && next !== ' ' && next !== '/' && next !== '\t' && next !== '\n' && next !== '\r') continue;
    const gt = body.indexOf('>', at);
    if (gt < 0) return undefined;
    if (body[gt - 1] === '/') return '';
    const close = body.indexOf(`</${prefix}${name}>`, gt);
    return close < 0 ? undefined : body.slice(gt + 1, close);
  }
  return undefined;
}

/** For each cell style index (a cell's s attribute), how much of a date its number format shows. */
function dateStyles(xml: string | null): DateFormat[] {
  if (!xml) return [];
  const custom = new Map<number, string>();
  for (const m of xml.matchAll(/<(?:[\w.-]+:)?numFmt\b([^>]*)\/?>/g)) {
    custom.set(Number(attr(m[1]!, 'numFmtId')), attrText(m[1]!, 'formatCode') ?? '');
  }
  const xfs = /<(?:[\w.-]+:)?cellXfs\b[^>]*>([\s\S]*?)<\/(?:[\w.-]+:)?cellXfs>/.exec(xml)?.[1] ?? '';
  return [...xfs.matchAll(/<(?:[\w.-]+:)?xf\b([^>]*?)\/?>/g)].map((m) => {
    const id = Number(attr(m[1]!, 'numFmtId') ?? 0);
    const code = custom.get(id);
    return code !== undefined ? customDateFormat(code) : builtInDateFormat(id);
  });
}

function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

function cellRef(ref: string): { row: number; col: number } {
  const parts = /^\$?([A-Z]{1,3})\$?(\d+)$/.exec(ref);
  if (!parts) throw new Error(`cell reference ${ref}`);
  return { col: columnIndex(parts[1]!), row: Number(parts[2]) };
}

interface Context {
  strings: string[];
  dates: DateFormat[];
  date1904: boolean;
}

function textCell(text: string): Cell {
  const trimmed = text.trim();
  return trimmed ? { kind: 'text', text: trimmed } : EMPTY;
}

function cellValue(tag: string, prefix: string, body: string, context: Context): Cell {
  const type = attr(tag, 't') ?? 'n';
  if (type === 'inlineStr') {
    const inline = child(body, prefix, 'is');
    return inline === undefined ? EMPTY : textCell(runText(inline));
  }
  const v = child(body, prefix, 'v');
  if (v === undefined)
    return child(body, prefix, 'f') !== undefined ? { kind: 'error', text: '公式没有保存计算结果' } : EMPTY;
  const raw = decodeXml(v);
  switch (type) {
    case 's': {
      const text = context.strings[Number(raw)];
      if (text === undefined) throw new Error(`shared string ${raw} missing`);
      return textCell(text);
    }
    case 'str':
      return textCell(raw);
    case 'b':
      return { kind: 'boolean', value: raw.trim() === '1' || raw.trim().toLowerCase() === 'true' };
    case 'e':
      return { kind: 'error', text: raw.trim() };
    case 'd': {
      // An ISO 8601 date or date-time cell (the time of day again never moves the date).
      const iso = /^(\d{4}-\d{2}-\d{2})(?:T|$)/.exec(raw.trim());
      return iso
        ? { kind: 'date', iso: iso[1]!, precision: context.dates[Number(attr(tag, 's') ?? 0)] ?? 'day' }
        : textCell(raw);
    }
    case 'n': {
      if (!raw.trim()) return EMPTY;
      const value = Number(raw);
      if (!Number.isFinite(value)) return { kind: 'error', text: raw.trim() };
      const format = context.dates[Number(attr(tag, 's') ?? 0)];
      return format ? serialDate(value, context.date1904, format) : { kind: 'number', value };
    }
    default:
      throw new Error(`cell type ${type}`);
  }
}

/** Decodes a part's bytes as they come, by its byte-order mark (UTF-8 unless it says UTF-16). */
class PieceDecoder {
  private decoder: TextDecoder | null = null;

  decode(piece: Buffer): string {
    if (!this.decoder) {
      const label =
        piece[0] === 0xff && piece[1] === 0xfe
          ? 'utf-16le'
          : piece[0] === 0xfe && piece[1] === 0xff
            ? 'utf-16be'
            : 'utf-8';
      this.decoder = new TextDecoder(label, { fatal: true });
    }
    return this.decoder.decode(piece, { stream: true });
  }

  end(): string {
    return this.decoder?.decode() ?? '';
  }
}

/**
 * Reads a part piece by piece: each piece is checked well-formed and handed to `take` as text.
 * When a piece cannot be read (bytes that are no UTF-8, broken XML), the rest is still inflated
 * to see whether the part fails its CRC: a damaged file is then reported as damaged, which is what
 * the person can do something about.
 */
async function streamPart(entry: ZipEntry, take: (text: string) => void): Promise<void> {
  const checker = new XmlChecker(entry.name);
  const decoder = new PieceDecoder();
  const feed = (text: string) => {
    if (!text) return;
    checker.feed(text);
    take(text);
  };
  // Stepped by hand, not by for-await, which would close the pieces at the first error.
  const pieces = inflateEntry(entry, STREAMED_PART_BYTES);
  try {
    for (let next = await pieces.next(); !next.done; next = await pieces.next()) feed(decoder.decode(next.value));
    feed(decoder.end());
    checker.end();
  } catch (error) {
    if (
      error instanceof RowLimitError ||
      error instanceof TooLargeError ||
      error instanceof ZipLimitError ||
      error instanceof DamagedZipError
    ) {
      await pieces.return(undefined);
      throw error;
    }
    // Throws DamagedZipError when the rest shows the part fails its CRC.
    for (let next = await pieces.next(); !next.done; next = await pieces.next());
    throw error;
  }
}

function wholePart(entry: ZipEntry): string {
  const bytes = unzipEntry(entry, SMALL_PART_BYTES);
  const decoder = new PieceDecoder();
  const xml = decoder.decode(bytes) + decoder.end();
  const checker = new XmlChecker(entry.name);
  checker.feed(xml);
  checker.end();
  return xml;
}

/**
 * Shared strings, parsed as they inflate: each complete <si> item is taken, the rest waits for
 * the next piece.
 */
async function sharedStrings(entry: ZipEntry | undefined, limit: number): Promise<string[]> {
  if (!entry) return [];
  const strings: string[] = [];
  let pending = '';
  const open = /<(?:[\w.-]+:)?si\b/g;
  await streamPart(entry, (text) => {
    pending += text;
    let at = 0;
    for (;;) {
      open.lastIndex = at;
      const m = open.exec(pending);
      if (!m) {
        at = Math.max(at, pending.length - 16); // a tag name cut in two
        break;
      }
      const gt = pending.indexOf('>', m.index);
      if (gt < 0) {
        at = m.index;
        break;
      }
      if (pending[gt - 1] === '/') {
        strings.push('');
        if (strings.length > limit)
          throw new TooLargeError(entry.name, `有超过 ${Math.floor(limit / 10_000)} 万个不同的文字`);
        at = gt + 1;
        continue;
      }
      const prefix = m[0].slice(1, -2);
      const close = pending.indexOf(`</${prefix}si>`, gt);
      if (close < 0) {
        at = m.index;
        break;
      }
      strings.push(runText(pending.slice(gt + 1, close)));
      if (strings.length > limit)
        throw new TooLargeError(entry.name, `有超过 ${Math.floor(limit / 10_000)} 万个不同的文字`);
      at = close + prefix.length + 5;
    }
    pending = pending.slice(at);
    if (pending.length > MAX_PENDING) throw new Error(`${entry.name}: a string item longer than any cell`);
  });
  return strings;
}

/**
 * One worksheet, parsed as it inflates: the columns before the data (which are hidden), the rows
 * and cells of sheetData, and the merged areas after it. Resumable at any tag: a start tag or a
 * cell cut between two pieces waits for the next one.
 */
class SheetParser {
  private rows: Cell[][] = [];
  private hiddenRows = new Set<number>();
  private hiddenColumns = new Set<number>();
  private merges: CellRange[] = [];
  private columnCount = 0;
  private rowNumber = 0;
  private col = 0;
  private cells: Cell[] = [];
  private rowHasValue = false;
  private dataRows = 0;
  private phase: 'before' | 'data' | 'after' = 'before';
  private pending = '';

  constructor(
    private readonly name: string,
    private readonly context: Context,
    private readonly limits: ReadLimits,
  ) {}

  feed(text: string): void {
    const xml = this.pending + text;
    let at = 0;
    for (;;) {
      const lt = xml.indexOf('<', at);
      if (lt < 0) {
        at = xml.length;
        break;
      }
      let nameEnd = lt + 1;
      while (nameEnd < xml.length && !' \t\r\n/>'.includes(xml[nameEnd]!)) nameEnd++;
      const gt = xml.indexOf('>', nameEnd);
      if (gt < 0) {
        at = lt;
        break;
      }
      const tagName = xml.slice(lt + 1, nameEnd);
      if (tagName[0] === '/') {
        if (tagName === '/sheetData' || tagName.endsWith(':sheetData')) {
          this.endRow();
          this.phase = 'after';
        }
        at = gt + 1;
        continue;
      }
      if (tagName[0] === '?' || tagName[0] === '!') {
        at = gt + 1;
        continue;
      }
      const colon = tagName.indexOf(':');
      const local = colon < 0 ? tagName : tagName.slice(colon + 1);
      const prefix = colon < 0 ? '' : tagName.slice(0, colon + 1);
      const selfClosing = xml[gt - 1] === '/';
      const tag = xml.slice(nameEnd, selfClosing ? gt - 1 : gt);
      if (this.phase === 'data' && local === 'c') {
        let body = '';
        let next = gt + 1;
        if (!selfClosing) {
          const close = xml.indexOf(`</${tagName}>`, gt + 1);
          if (close < 0) {
            at = lt; // the cell goes on in the next piece
            break;
          }
          body = xml.slice(gt + 1, close);
          next = close + tagName.length + 3;
        }
        this.cell(tag, prefix, body, selfClosing);
        at = next;
        continue;
      }
      at = gt + 1;
      if (this.phase === 'data' && local === 'row') this.startRow(tag, selfClosing);
      else if (local === 'sheetData' && this.phase === 'before') this.phase = selfClosing ? 'after' : 'data';
      else if (local === 'col' && this.phase === 'before') this.column(tag);
      else if (local === 'mergeCell') this.merge(tag);
    }
    this.pending = xml.slice(at);
    if (this.pending.length > MAX_PENDING) throw new Error(`sheet ${this.name}: a row longer than any sheet holds`);
  }

  end(): Sheet {
    this.endRow();
    if (this.pending.trim()) throw new Error(`sheet ${this.name} cut short`);
    return {
      name: this.name,
      hidden: false,
      rows: this.rows,
      rowCount: Math.max(0, this.rows.length - 1),
      columnCount: this.columnCount,
      hiddenRows: this.hiddenRows,
      hiddenColumns: this.hiddenColumns,
      merges: this.merges,
    };
  }

  private startRow(tag: string, selfClosing: boolean): void {
    this.endRow();
    const r = attr(tag, 'r');
    const number = r ? Number(r) : this.rowNumber + 1;
    if (!Number.isInteger(number) || number < 1 || number > 1_048_576) throw new Error(`row number ${r}`);
    this.rowNumber = number;
    const hidden = attr(tag, 'hidden');
    if (hidden === '1' || hidden === 'true') this.hiddenRows.add(number);
    this.cells = this.rows[number] ?? [];
    this.col = 0;
    if (!selfClosing) this.rows[number] = this.cells;
  }

  /** A row counts against the cap once it holds a value: formatted empty rows cost nothing. */
  private endRow(): void {
    if (!this.rowHasValue) return;
    this.rowHasValue = false;
    this.dataRows += 1;
    if (this.dataRows > this.limits.sheetRows)
      throw new RowLimitError(this.name, this.rowNumber, this.limits.sheetRows);
  }

  private cell(tag: string, prefix: string, body: string, selfClosing: boolean): void {
    if (this.rowNumber === 0) throw new Error('cell before any row');
    const ref = attr(tag, 'r');
    if (ref) {
      const at = cellRef(ref);
      if (at.row !== this.rowNumber) throw new Error(`cell ${ref} outside row ${this.rowNumber}`);
      this.col = at.col;
    } else {
      this.col += 1;
    }
    if (this.col > 16_384) throw new Error(`column ${this.col}`);
    if (selfClosing) return;
    const cell = cellValue(tag, prefix, body, this.context);
    if (cell.kind === 'empty') return;
    this.cells[this.col] = cell;
    this.rowHasValue = true;
    if (this.col > this.columnCount) this.columnCount = this.col;
  }

  private column(tag: string): void {
    const hidden = attr(tag, 'hidden');
    if (hidden !== '1' && hidden !== 'true') return;
    const min = Number(attr(tag, 'min'));
    const max = Math.min(Number(attr(tag, 'max')), 16_384);
    if (!Number.isInteger(min) || !Number.isInteger(max) || min < 1) throw new Error(`column range ${min}:${max}`);
    for (let c = min; c <= max; c++) this.hiddenColumns.add(c);
  }

  private merge(tag: string): void {
    const ref = attr(tag, 'ref');
    if (!ref) return;
    const [from, to = from] = ref.split(':');
    const a = cellRef(from!);
    const b = cellRef(to!);
    this.merges.push({
      top: Math.min(a.row, b.row),
      left: Math.min(a.col, b.col),
      bottom: Math.max(a.row, b.row),
      right: Math.max(a.col, b.col),
    });
  }
}

/** A relationship target as a part name: relative to the source part's folder, or absolute from the root. */
function resolveTarget(source: string, target: string): string {
  let decoded = target;
  try {
    decoded = decodeURIComponent(target);
  } catch {
    // a target with a stray % is taken as written
  }
  const base = decoded.startsWith('/') ? [] : source.split('/').slice(0, -1);
  for (const segment of decoded.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') base.pop();
    else base.push(segment);
  }
  return base.join('/');
}

function relsPath(part: string): string {
  const slash = part.lastIndexOf('/');
  return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
}

interface Relationship {
  id: string;
  kind: string;
  part: string;
}

function relationships(xml: string | null, source: string): Relationship[] {
  if (!xml) return [];
  const found: Relationship[] = [];
  for (const m of xml.matchAll(/<(?:[\w.-]+:)?Relationship\b([^>]*?)\/?>/g)) {
    const id = attrText(m[1]!, 'Id');
    const type = attrText(m[1]!, 'Type');
    const target = attrText(m[1]!, 'Target');
    if (!id || !type || !target || attrText(m[1]!, 'TargetMode') === 'External') continue;
    found.push({ id, kind: relationshipKind(type), part: resolveTarget(source, target) });
  }
  return found;
}

/** The package's parts by name; OPC part names are case-insensitive, zip names are not. */
class Parts {
  private exact: Map<string, ZipEntry>;
  private folded: Map<string, ZipEntry>;

  constructor(entries: ZipEntry[]) {
    this.exact = new Map(entries.map((e) => [e.name, e]));
    this.folded = new Map(entries.map((e) => [e.name.toLowerCase(), e]));
  }

  get(name: string): ZipEntry | undefined {
    return this.exact.get(name) ?? this.folded.get(name.toLowerCase());
  }

  text(name: string): string | null {
    const entry = this.get(name);
    return entry ? wholePart(entry) : null;
  }
}

/** Where the workbook part is: the package's root relationships say; a package without them is read by the usual name. */
export function workbookPartName(entries: ZipEntry[]): string | null {
  const parts = new Parts(entries);
  const root = relationships(parts.text('_rels/.rels'), '');
  const main = root.find((r) => r.kind === 'officeDocument');
  if (main) return parts.get(main.part)?.name ?? null;
  return parts.get('xl/workbook.xml')?.name ?? null;
}

export async function readXlsxParts(entries: ZipEntry[], limits: ReadLimits): Promise<Sheet[]> {
  const parts = new Parts(entries);
  const workbookName = workbookPartName(entries);
  if (!workbookName) throw new Error('no workbook part');
  // Not needed to find the parts, but a damaged manifest means a damaged package.
  parts.text('[Content_Types].xml');
  const workbook = parts.text(workbookName)!;
  const rels = relationships(parts.text(relsPath(workbookName)), workbookName);
  const byId = new Map(rels.map((r) => [r.id, r]));
  const pr = /<(?:[\w.-]+:)?workbookPr\b([^>]*?)\/?>/.exec(workbook);
  const flag = pr ? attr(pr[1]!, 'date1904') : undefined;
  const stylesRel = rels.find((r) => r.kind === 'styles');
  const stringsRel = rels.find((r) => r.kind === 'sharedStrings');
  const context: Context = {
    strings: await sharedStrings(stringsRel ? parts.get(stringsRel.part) : undefined, limits.sharedStrings),
    dates: dateStyles(stylesRel ? parts.text(stylesRel.part) : null),
    date1904: flag === '1' || flag === 'true',
  };
  if (stringsRel && !parts.get(stringsRel.part)) throw new Error('shared strings part missing');
  const sheets: Sheet[] = [];
  for (const m of workbook.matchAll(/<(?:[\w.-]+:)?sheet\b([^>]*?)\/?>/g)) {
    const name = attrText(m[1]!, 'name') ?? '';
    const rel = byId.get(attrText(m[1]!, 'id') ?? '');
    // Chart sheets and old dialog or macro sheets hold no cells.
    if (rel && rel.kind !== 'worksheet') continue;
    const entry = rel ? parts.get(rel.part) : undefined;
    if (!entry) throw new Error(`sheet ${name} has no part`);
    const parser = new SheetParser(name, context, limits);
    await streamPart(entry, (text) => parser.feed(text));
    const state = attr(m[1]!, 'state');
    sheets.push({ ...parser.end(), hidden: state === 'hidden' || state === 'veryHidden' });
  }
  return sheets;
}

export type { DatePrecision };
