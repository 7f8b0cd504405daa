import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type ExcelJS from 'exceljs';

/** LibreOffice's command, when the machine has it (.ci/run installs libreoffice-calc-nogui). */
export function libreOffice(): string | null {
  for (const name of ['soffice', 'libreoffice'])
    if (spawnSync(name, ['--version'], { encoding: 'utf8' }).status === 0) return name;
  return null;
}

/**
 * Saves workbooks again with LibreOffice headless, the way an office's copy of LibreOffice (or
 * WPS, which writes the same BIFF8) saves them: `files` are paths, `to` a filter ("xls" for
 * Excel 97-2003, "xlsx"). One process for all of them, with a profile of its own so that runs
 * beside each other do not collide. Returns the converted files' paths, in order.
 */
export function convertFiles(files: string[], to: 'xls' | 'xlsx', outDir: string): string[] {
  const office = libreOffice();
  if (!office) throw new Error('LibreOffice is not installed (apt-get install libreoffice-calc-nogui)');
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'lo-profile-'));
  try {
    const filter = to === 'xls' ? 'xls:MS Excel 97' : 'xlsx:Calc MS Excel 2007 XML';
    const run = spawnSync(
      office,
      [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', filter, '--outdir', outDir, ...files],
      { encoding: 'utf8', timeout: 300_000 },
    );
    const out = files.map((f) => path.join(outDir, `${path.basename(f, path.extname(f))}.${to}`));
    const missing = out.filter((f) => !fs.existsSync(f));
    if (run.status !== 0 || missing.length)
      throw new Error(`LibreOffice did not convert ${missing.join(', ')}: ${run.stderr}`);
    return out;
  } finally {
    fs.rmSync(profile, { recursive: true, force: true });
  }
}

/** One exceljs workbook saved by LibreOffice as .xls or .xlsx: the bytes it wrote. */
export async function convertWorkbook(book: ExcelJS.Workbook, to: 'xls' | 'xlsx'): Promise<Uint8Array> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lo-convert-'));
  try {
    const source = path.join(dir, 'source.xlsx');
    fs.writeFileSync(source, Buffer.from(await book.xlsx.writeBuffer()));
    const outDir = path.join(dir, 'out');
    fs.mkdirSync(outDir);
    const [converted] = convertFiles([source], to, outDir);
    return new Uint8Array(fs.readFileSync(converted!));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * What a clerk sees in each sheet of a workbook opened in LibreOffice Calc: every cell as shown
 * (number formats applied, text as typed), read from LibreOffice's own CSV export of every sheet
 * ("save cell contents as shown"). Keyed by sheet name, rows of cells, trailing empty rows kept.
 */
export function shownCells(file: Uint8Array): Record<string, string[][]> {
  const office = libreOffice();
  if (!office) throw new Error('LibreOffice is not installed (apt-get install libreoffice-calc-nogui)');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lo-shown-'));
  try {
    const source = path.join(dir, 'book.xlsx');
    fs.writeFileSync(source, file);
    // Tokens: comma, double quote, UTF-8, from line 1, …, cells as shown (9th), every sheet to its own file (12th: -1).
    const filter = 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1';
    const run = spawnSync(
      office,
      [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--convert-to', filter, '--outdir', dir, source],
      { encoding: 'utf8', timeout: 300_000 },
    );
    if (run.status !== 0) throw new Error(`LibreOffice did not read the workbook: ${run.stderr}`);
    const sheets: Record<string, string[][]> = {};
    for (const name of fs.readdirSync(dir).filter((n) => n.startsWith('book-') && n.endsWith('.csv')))
      sheets[name.slice('book-'.length, -'.csv'.length)] = parseCsv(fs.readFileSync(path.join(dir, name), 'utf8'));
    return sheets;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** RFC 4180 as LibreOffice writes it: quoted fields may hold commas, quotes doubled, and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted && c === '"' && text[i + 1] === '"') {
      field += '"';
      i++;
    } else if (c === '"') quoted = !quoted;
    else if (quoted || (c !== ',' && c !== '\n' && c !== '\r')) field += c;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n') {
      rows.push([...row, field]);
      row = [];
      field = '';
    }
  }
  if (field || row.length) rows.push([...row, field]);
  return rows;
}
