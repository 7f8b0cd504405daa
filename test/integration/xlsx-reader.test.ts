/*
 * The importers read .xlsx with a lean reader over the XML parts (xlsx-parts.ts). Here it and an
 * independent reader, SheetJS (which reads the .xls files), read the same files and must agree
 * cell for cell: hundreds of generated workbooks (sound, damaged, odd), and hand-made parts in the
 * shapes other programs write (WPS, .NET's x: prefixes, inline strings, the 1904 date system,
 * phonetic guides, formulas without saved results). What the lean reader refuses must be damaged.
 */
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { zipEntries } from '../../src/core/excel/zip';
import { openWorkbook, type Sheet } from '../../src/core/roster/excel/read';
import { readPackageWithSheetJs } from '../../src/core/roster/excel/sheetjs';
import { readXlsxParts } from '../../src/core/roster/excel/xlsx-parts';
import { malformedWorkbook, people } from '../support/malformed-workbooks';
import { seededRandom, seedFrom } from '../support/random';
import { SAMPLE_SETUP, tempWorkspace } from '../support/temp-workspace';
import { asFile } from '../support/workbooks';

const SEED = seedFrom('XLSX_READER_SEED');
console.log(`[xlsx-reader] seed ${SEED} (repeat with XLSX_READER_SEED=${SEED})`);

/** What an importer sees of a sheet: its name and every non-empty cell by position. */
function seen(sheets: Sheet[]) {
  return sheets.map((s) => ({
    name: s.name,
    cells: s.rows.flatMap((row, r) =>
      (row ?? []).flatMap((cell, c) => (cell && cell.kind !== 'empty' ? [`${r}:${c} ${JSON.stringify(cell)}`] : [])),
    ),
  }));
}

const LIMITS = { sheetRows: 100_050, sharedStrings: 1_610_000 };

async function both(bytes: Uint8Array) {
  const buffer = Buffer.from(bytes);
  let lean: Sheet[] | null = null;
  let leanError = '';
  try {
    lean = await readXlsxParts(zipEntries(buffer), LIMITS);
  } catch (error) {
    leanError = (error as Error).message;
  }
  let full: Sheet[] | null;
  try {
    full = readPackageWithSheetJs(zipEntries(buffer), LIMITS, 64 * 1024 * 1024);
  } catch {
    full = null;
  }
  return { lean, full, leanError };
}

describe('the lean workbook reader', () => {
  it('agrees with SheetJS on every generated workbook both can read', async () => {
    const random = seededRandom(SEED);
    const pool = people(random, 40, 100);
    let compared = 0;
    const refusedByLean: string[] = [];
    for (let i = 0; i < 300; i++) {
      const made = await malformedWorkbook(random, i, pool, SAMPLE_SETUP.branches);
      const { lean, full, leanError } = await both(made.bytes);
      if (lean && full) {
        // SheetJS leaves out an .xlsx formula cell whose result was never saved; the lean reader flags it.
        const unsaved = (cell: string) => !cell.includes('公式没有保存计算结果');
        const alike = (sheets: Sheet[]) => seen(sheets).map((s) => ({ ...s, cells: s.cells.filter(unsaved) }));
        expect(alike(lean), `${made.fileName} (${made.kind})`).toEqual(alike(full));
        compared += 1;
      } else if (full && !lean) {
        refusedByLean.push(`${made.kind} (${leanError.slice(0, 80)})`);
      }
    }
    // SheetJS reads on through damage the lean reader refuses: every such file must be one the generator damaged.
    console.log(
      `[xlsx-reader] ${compared} workbooks read alike; refused by the lean reader only: ${refusedByLean.join('; ') || 'none'}`,
    );
    expect(refusedByLean.filter((kind) => !/tampered|truncated|zip of other files|Word/.test(kind))).toEqual([]);
    expect(compared).toBeGreaterThan(150);
  }, 180_000); // 300 workbooks, each read twice: about 30 s on a busy machine

  it('reads the shapes other programs write: prefixes, inline and rich strings, phonetic guides, dates, formulas, errors', async () => {
    const zip = new JSZip();
    zip.file(
      '[Content_Types].xml',
      '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
    );
    zip.file(
      'xl/workbook.xml',
      `<?xml version="1.0" encoding="UTF-8"?><x:workbook xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
        <x:workbookPr date1904='1'/><x:sheets><x:sheet name="名册&amp;备注" sheetId="1" r:id="rId1"/></x:sheets></x:workbook>`,
    );
    zip.file(
      'xl/_rels/workbook.xml.rels',
      `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="worksheet" Target="/xl/worksheets/data.xml"/>
       <Relationship Id="rId2" Type="sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId3" Type="styles" Target="./styles.xml"/></Relationships>`,
    );
    zip.file(
      'xl/sharedStrings.xml',
      `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>姓名</t></si><si><r><rPr><b/></rPr><t>张</t></r><r><t xml:space="preserve">三 </t></r><rPh sb="0" eb="1"><t>ZHANG</t></rPh></si><si/><si><t>A&lt;B&gt;_x000D_C</t></si></sst>`,
    );
    zip.file(
      'xl/styles.xml',
      `<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="2"><numFmt numFmtId="176" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/><numFmt numFmtId="177" formatCode="#,##0.00&quot;元&quot;"/></numFmts>
       <cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="176"/><xf numFmtId="177"/><xf numFmtId="14"/></cellXfs></styleSheet>`,
    );
    zip.file(
      'xl/worksheets/data.xml',
      `<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>
        <x:row r="2"><x:c r="A2" t="s"><x:v>0</x:v></x:c><x:c r="C2" t="inlineStr"><x:is><x:t>身份证号</x:t></x:is></x:c></x:row>
        <x:row r="3"><x:c r="A3" t="s"><x:v>1</x:v></x:c><x:c r="B3" t="s"><x:v>2</x:v></x:c><x:c r="C3" s="1"><x:v>0</x:v></x:c><x:c r="D3" s="2"><x:v>6300.5</x:v></x:c><x:c r="E3" s="3"><x:v>36706.4</x:v></x:c></x:row>
        <x:row r="4"><x:c t="b"><x:v>1</x:v></x:c><x:c t="e"><x:f>1/0</x:f><x:v>#DIV/0!</x:v></x:c><x:c><x:f>SUM(A1:A2)</x:f></x:c><x:c t="str"><x:f>A2</x:f><x:v>姓名</x:v></x:c><x:c r="F4" t="s"><x:v>3</x:v></x:c></x:row>
        <x:row r="5"/>
      </x:sheetData></x:worksheet>`,
    );
    const bytes = await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
    const [sheet] = await readXlsxParts(zipEntries(Buffer.from(bytes)), LIMITS);
    expect(sheet!.name).toBe('名册&备注');
    expect(sheet!.columnCount).toBe(6);
    const at = (r: number, c: number) => sheet!.rows[r]?.[c] ?? { kind: 'empty' };
    expect(at(2, 1)).toEqual({ kind: 'text', text: '姓名' });
    expect(at(2, 3)).toEqual({ kind: 'text', text: '身份证号' });
    expect(at(3, 1)).toEqual({ kind: 'text', text: '张三' }); // runs joined, the phonetic guide left out, trimmed
    expect(at(3, 2)).toEqual({ kind: 'empty' });
    expect(at(3, 3)).toEqual({ kind: 'date', iso: '1904-01-01', precision: 'day' }); // day 0 of the 1904 system
    expect(at(3, 4)).toEqual({ kind: 'number', value: 6300.5 }); // a money format is no date
    expect(at(3, 5)).toEqual({ kind: 'date', iso: '2004-06-30', precision: 'day' }); // 36706 days after 1904-01-01; 09:36 does not move it
    expect(at(4, 1)).toEqual({ kind: 'boolean', value: true });
    expect(at(4, 2)).toEqual({ kind: 'error', text: '#DIV/0!' });
    expect(at(4, 3)).toEqual({ kind: 'error', text: '公式没有保存计算结果' });
    expect(at(4, 4)).toEqual({ kind: 'text', text: '姓名' });
    expect(at(4, 6)).toEqual({ kind: 'text', text: 'A<B>\rC' });

    // The importer's entry point reads it the same way (and says nothing is wrong with it).
    expect(seen(await openWorkbook('其他软件.xlsx', bytes, { rowLimit: 100_000 }))).toEqual(seen([sheet!]));
  });

  it('refuses a workbook whose sheet part is missing, and the import says plainly that the file is damaged', async () => {
    const book = new ExcelJS.Workbook();
    book.addWorksheet('名册').addRow(['姓名', '王五']);
    const zip = await JSZip.loadAsync(await book.xlsx.writeBuffer());
    zip.remove('xl/worksheets/sheet1.xml'); // the workbook names a sheet whose part is gone
    const bytes = await zip.generateAsync({ type: 'uint8array' });
    expect((await both(bytes)).lean).toBeNull();
    const t = tempWorkspace();
    await t.api('organ.setup', SAMPLE_SETUP);
    const refused = await t.api('roster.importPreview', { file: asFile('缺页.xlsx', bytes) }).then(
      () => null,
      (error: Error) => error.message,
    );
    expect(refused).toBe('文件“缺页.xlsx”已损坏或不是 Excel 工作簿，无法读取。请用 Excel 或 WPS 打开确认后重新保存。');
    expect((await t.api('roster.search', {})).counts.total).toBe(0);
  });
});
