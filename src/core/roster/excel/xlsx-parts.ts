import { checkWellFormed } from '../../excel/xml-check';
import { unzipEntry, type ZipEntry } from '../../excel/zip';
import type { Cell } from './cells';
import type { Sheet } from './read';

/*
 * Reads an .xlsx's cells straight from its XML parts: the workbook (sheet names and order, the
 * 1904 date system), its relationships (which part each sheet is), the shared strings, the styles
 * (which cells are dates) and each worksheet's sheetData. An importer needs values only, and
 * building exceljs's row and cell objects for 10,000 rows cost more time and memory than the whole
 * rest of an import. Every part must be well-formed XML (xml-check.ts). Anything this reader
 * does not expect makes it throw, and the caller falls back to exceljs, which reads every corner of the format and says what is wrong with a bad file.
 */

const EMPTY: Cell = { kind: 'empty' };

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

function sharedStrings(xml: string | null): string[] {
  if (!xml) return [];
  return [...xml.matchAll(/<(?:[\w.-]+:)?si(?:\s[^>]*)?>([\s\S]*?)<\/(?:[\w.-]+:)?si>|<(?:[\w.-]+:)?si\s*\/>/g)].map(
    (m) => (m[1] ? runText(m[1]) : ''),
  );
}

/** Built-in number formats that show a date or time (ECMA-376 §18.8.30, with the East Asian ones). */
const BUILT_IN_DATES = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56,
  57, 58,
]);

/** A custom format shows a date when, outside quoted text, brackets and escapes, it has date or time letters. */
function isDateFormat(code: string): boolean {
  const bare = code
    .replace(/\[[^\]]*]/g, '')
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '');
  return /[ymdhsb]/i.test(bare.replace(/General/gi, ''));
}

/** For each cell style index (a cell's s attribute), whether it shows numbers as dates. */
function dateStyles(xml: string | null): boolean[] {
  if (!xml) return [];
  const custom = new Map<number, string>();
  for (const m of xml.matchAll(/<(?:[\w.-]+:)?numFmt\b([^>]*)\/?>/g)) {
    custom.set(Number(attr(m[1]!, 'numFmtId')), attrText(m[1]!, 'formatCode') ?? '');
  }
  const xfs = /<(?:[\w.-]+:)?cellXfs\b[^>]*>([\s\S]*?)<\/(?:[\w.-]+:)?cellXfs>/.exec(xml)?.[1] ?? '';
  return [...xfs.matchAll(/<(?:[\w.-]+:)?xf\b([^>]*?)\/?>/g)].map((m) => {
    const id = Number(attr(m[1]!, 'numFmtId') ?? 0);
    const code = custom.get(id);
    return code !== undefined ? isDateFormat(code) : BUILT_IN_DATES.has(id);
  });
}

/** Excel's day count to a calendar date, as exceljs counts it (so both readers agree), time rounded away. */
function serialDate(serial: number, date1904: boolean): Cell {
  const ms = Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 86_400_000);
  const day = Math.round(ms / 86_400_000) * 86_400_000;
  const date = new Date(day);
  if (Number.isNaN(date.getTime())) return { kind: 'error', text: '无效日期' };
  return { kind: 'date', iso: date.toISOString().slice(0, 10) };
}

function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

interface Context {
  strings: string[];
  dates: boolean[];
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
    case 'd':
      return /^\d{4}-\d{2}-\d{2}/.test(raw.trim()) ? { kind: 'date', iso: raw.trim().slice(0, 10) } : textCell(raw);
    case 'n': {
      if (!raw.trim()) return EMPTY;
      const value = Number(raw);
      if (!Number.isFinite(value)) return { kind: 'error', text: raw.trim() };
      return context.dates[Number(attr(tag, 's') ?? 0)]
        ? serialDate(value, context.date1904)
        : { kind: 'number', value };
    }
    default:
      throw new Error(`cell type ${type}`);
  }
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

function readSheet(name: string, xml: string, context: Context): Sheet {
  const rows: Cell[][] = [];
  let columnCount = 0;
  let rowNumber = 0;
  let col = 0;
  let cells: Cell[] = [];
  const dataStart = xml.search(/<(?:[\w.-]+:)?sheetData\b/);
  let at = dataStart < 0 ? xml.length : xml.indexOf('>', dataStart) + 1;
  while (at > 0 && at < xml.length) {
    const lt = xml.indexOf('<', at);
    if (lt < 0) break;
    let nameEnd = lt + 1;
    while (nameEnd < xml.length && !' \t\r\n/>'.includes(xml[nameEnd]!)) nameEnd++;
    const tagName = xml.slice(lt + 1, nameEnd);
    const gt = xml.indexOf('>', nameEnd);
    if (gt < 0) throw new Error('worksheet cut short');
    if (tagName[0] === '/') {
      if (tagName === '/sheetData' || tagName.endsWith(':sheetData')) break;
      at = gt + 1;
      continue;
    }
    const colon = tagName.indexOf(':');
    const local = colon < 0 ? tagName : tagName.slice(colon + 1);
    const prefix = colon < 0 ? '' : tagName.slice(0, colon + 1);
    const selfClosing = xml[gt - 1] === '/';
    const tag = xml.slice(nameEnd, selfClosing ? gt - 1 : gt);
    at = gt + 1;
    if (local === 'row') {
      const r = attr(tag, 'r');
      rowNumber = r ? Number(r) : rowNumber + 1;
      if (!Number.isInteger(rowNumber) || rowNumber < 1) throw new Error(`row number ${r}`);
      cells = rows[rowNumber] ?? [];
      col = 0;
      if (!selfClosing) rows[rowNumber] = cells;
      continue;
    }
    if (local !== 'c') continue;
    if (rowNumber === 0) throw new Error('cell before any row');
    const ref = attr(tag, 'r');
    if (ref) {
      const parts = /^([A-Z]{1,3})(\d+)$/.exec(ref);
      if (!parts) throw new Error(`cell reference ${ref}`);
      col = columnIndex(parts[1]!);
      if (Number(parts[2]) !== rowNumber) throw new Error(`cell ${ref} outside row ${rowNumber}`);
    } else {
      col += 1;
    }
    if (selfClosing) continue;
    const close = xml.indexOf(`</${tagName}>`, at);
    if (close < 0) throw new Error('cell not closed');
    const cell = cellValue(tag, prefix, xml.slice(at, close), context);
    at = close + tagName.length + 3;
    if (cell.kind === 'empty') continue;
    cells[col] = cell;
    if (col > columnCount) columnCount = col;
  }
  return { name, rows, rowCount: Math.max(0, rows.length - 1), columnCount };
}

/** The part a relationship points at: targets are relative to xl/, or absolute from the package root. */
function partName(target: string): string {
  return target.startsWith('/') ? target.slice(1) : `xl/${target}`.replace(/\/\.\//g, '/');
}

export function readXlsxParts(entries: ZipEntry[]): Sheet[] {
  const byName = new Map(entries.map((e) => [e.name, e]));
  const part = (name: string): string | null => {
    const entry = byName.get(name);
    if (!entry) return null;
    const xml = unzipEntry(entry).toString('utf8');
    checkWellFormed(xml, name);
    return xml;
  };
  const workbook = part('xl/workbook.xml');
  const rels = part('xl/_rels/workbook.xml.rels');
  if (!workbook || !rels) throw new Error('workbook or its relationships missing');
  const targets = new Map<string, string>();
  for (const m of rels.matchAll(/<(?:[\w.-]+:)?Relationship\b([^>]*?)\/?>/g)) {
    const id = attrText(m[1]!, 'Id');
    const target = attrText(m[1]!, 'Target');
    if (id && target) targets.set(id, target);
  }
  const pr = /<(?:[\w.-]+:)?workbookPr\b([^>]*?)\/?>/.exec(workbook);
  const flag = pr ? attr(pr[1]!, 'date1904') : undefined;
  const context: Context = {
    strings: sharedStrings(part('xl/sharedStrings.xml')),
    dates: dateStyles(part('xl/styles.xml')),
    date1904: flag === '1' || flag === 'true',
  };
  return [...workbook.matchAll(/<(?:[\w.-]+:)?sheet\b([^>]*?)\/?>/g)].map((m) => {
    const name = attrText(m[1]!, 'name') ?? '';
    const target = targets.get(attrText(m[1]!, 'id') ?? '');
    const xml = target ? part(partName(target)) : null;
    if (xml === null) throw new Error(`sheet ${name} has no part`);
    return readSheet(name, xml, context);
  });
}
