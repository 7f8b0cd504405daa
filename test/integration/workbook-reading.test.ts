/*
 * The workbook reader under what real files and damaged ones do (issues 11 and 12): a damaged
 * zip never imports, no part inflates without a cap, a row cap stops a sheet declaring a million
 * rows, a date cell's time of day never moves the date and its format says whether a month or a
 * day was meant, and parts are found through the package's relationships whatever they are called.
 */
import { deflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { openWorkbook } from '../../src/core/roster/excel/read';
import { AppError } from '../../src/shared/errors';
import { convertWorkbook, libreOffice } from '../support/libreoffice';
import { citizenId } from '../support/people';
import { SAMPLE_SETUP, tempWorkspace } from '../support/temp-workspace';
import { asFile, workbook } from '../support/workbooks';

const ZS = citizenId('1980-01-01', 'male', 1);

async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error.message;
    throw error;
  }
  throw new Error('expected a refusal');
}

async function organ() {
  const t = tempWorkspace({ today: '2026-11-22' });
  await t.api('organ.setup', SAMPLE_SETUP);
  return t;
}

/** A one-member roster whose parts are stored, not deflated, so that a byte of a name can be changed in place. */
async function storedRoster(name: string): Promise<Buffer> {
  const bytes = await workbook((sheet) => {
    sheet.addRow(['姓名', '身份证号', '党支部', '入党日期', '转正日期']);
    sheet.addRow([name, ZS, '第一党支部', '2005-07-01', '2006-07-01']);
  });
  const zip = await JSZip.loadAsync(bytes);
  return Buffer.from(await zip.generateAsync({ type: 'uint8array', compression: 'STORE' }));
}

/** A zip written by hand: each part deflated (or stored), with whatever directory the test wants. */
function zipOf(parts: { name: string; data: Buffer; declaredSize?: number; store?: boolean }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const name = Buffer.from(part.name, 'utf8');
    const body = part.store ? part.data : deflateRawSync(part.data);
    const crc = crc32(part.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x800, 6);
    local.writeUInt16LE(part.store ? 0 : 8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(part.declaredSize ?? part.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x800, 8);
    central.writeUInt16LE(part.store ? 0 : 8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(part.declaredSize ?? part.data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    centrals.push(central, name);
    offset += 30 + name.length + body.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

function crc32(data: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of data) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

const xml = (text: string) => Buffer.from(`<?xml version="1.0" encoding="UTF-8"?>${text}`, 'utf8');
const MAIN = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

describe('a damaged or hostile workbook never imports', () => {
  it('refuses a file whose stored name bytes no longer match the zip CRC (曾伟伟 → "��y伟伟")', async () => {
    const t = await organ();
    const sound = await storedRoster('曾伟伟');
    const damaged = Buffer.from(sound);
    const at = damaged.indexOf(Buffer.from('曾伟伟'));
    expect(at).toBeGreaterThan(0);
    damaged[at + 1] = 0x79; // "曾" becomes two bytes nobody can read and a "y"
    const message = await refusal(t.api('roster.importPreview', { file: asFile('名册.xlsx', damaged) }));
    expect(message).toBe(
      '文件“名册.xlsx”已损坏，无法读取（文件内容与其校验信息不符，可能是复制不完整或U盘出错）。请用 Excel 或 WPS 打开确认后重新保存，再导入。',
    );
    expect((await t.api('roster.search', {})).counts.total).toBe(0);
    // The sound file imports, so it was the damage that was refused.
    expect((await t.api('roster.importPreview', { file: asFile('名册.xlsx', sound) })).valid).toBe(1);
  });

  it('refuses a part that inflates past what its directory declares, without inflating it all', async () => {
    const bomb = Buffer.alloc(16 * 1024 * 1024, 0x20); // 16 MB of spaces in 16 KB of deflate
    const bytes = zipOf([
      {
        name: '_rels/.rels',
        data: xml(
          `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
        ),
      },
      {
        name: 'xl/workbook.xml',
        data: xml(
          `<workbook ${MAIN} xmlns:r="${REL}"><sheets><sheet name="名册" sheetId="1" r:id="s1"/></sheets></workbook>`,
        ),
      },
      {
        name: 'xl/_rels/workbook.xml.rels',
        data: xml(
          `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="s1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
        ),
      },
      {
        name: 'xl/worksheets/sheet1.xml',
        data: Buffer.concat([xml(`<worksheet ${MAIN}><sheetData>`), bomb, Buffer.from('</sheetData></worksheet>')]),
        declaredSize: 1000,
      },
    ]);
    expect(bytes.length).toBeLessThan(200 * 1024);
    const message = await refusal(openWorkbook('炸弹.xlsx', bytes, { rowLimit: 100_000 }));
    expect(message).toContain('文件“炸弹.xlsx”已损坏');
  });

  it('refuses a part whose declared size is beyond any roster, before inflating anything', async () => {
    const bytes = zipOf([
      {
        name: '_rels/.rels',
        data: xml(
          `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
        ),
      },
      {
        name: 'xl/workbook.xml',
        data: xml(
          `<workbook ${MAIN} xmlns:r="${REL}"><sheets><sheet name="名册" sheetId="1" r:id="s1"/></sheets></workbook>`,
        ),
      },
      {
        name: 'xl/_rels/workbook.xml.rels',
        data: xml(
          `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="s1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
        ),
      },
      {
        name: 'xl/worksheets/sheet1.xml',
        data: xml(`<worksheet ${MAIN}><sheetData/></worksheet>`),
        declaredSize: 0xf0000000,
      },
    ]);
    const message = await refusal(openWorkbook('大.xlsx', bytes, { rowLimit: 100_000 }));
    expect(message).toBe(
      '文件“大.xlsx”中的“xl/worksheets/sheet1.xml”解压后超过 256 MB，远大于任何名册或工资表，已拒绝读取。请确认选择的文件是否正确。',
    );
  });

  it('refuses a shared-strings table far larger than the row cap could need, before it fills the memory', async () => {
    const items = '<si><t>张三</t></si>'.repeat(20_000);
    const bytes = zipOf([
      {
        name: '_rels/.rels',
        data: xml(
          `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
        ),
      },
      {
        name: 'xl/workbook.xml',
        data: xml(
          `<workbook ${MAIN} xmlns:r="${REL}"><sheets><sheet name="名册" sheetId="1" r:id="s1"/></sheets></workbook>`,
        ),
      },
      {
        name: 'xl/_rels/workbook.xml.rels',
        data: xml(
          `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="s1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="s2" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
        ),
      },
      { name: 'xl/sharedStrings.xml', data: xml(`<sst ${MAIN}>${items}</sst>`) },
      { name: 'xl/worksheets/sheet1.xml', data: xml(`<worksheet ${MAIN}><sheetData/></worksheet>`) },
    ]);
    // A row cap of 100 allows 100 × 16 + 10,000 = 11,600 distinct texts.
    const message = await refusal(openWorkbook('字符.xlsx', bytes, { rowLimit: 100 }));
    expect(message).toBe(
      '文件“字符.xlsx”中的“xl/sharedStrings.xml”有超过 1 万个不同的文字，远大于任何名册或工资表，已拒绝读取。请确认选择的文件是否正确。',
    );
    expect((await openWorkbook('字符.xlsx', bytes, { rowLimit: 100_000 })).map((s) => s.name)).toEqual(['名册']);
  });

  it('stops a sheet with more rows than the import takes at the cap, with a message naming the sheet and the setting', async () => {
    const t = await organ();
    await t.api('settings.update', { importRowLimit: 200 });
    const bytes = await workbook((sheet) => {
      sheet.name = '全体党员';
      sheet.addRow(['姓名', '身份证号', '党支部', '入党日期']);
      for (let i = 0; i < 400; i++) sheet.addRow([`党员${i}`, ZS, '第一党支部', '2005-07-01']);
    });
    const message = await refusal(t.api('roster.importPreview', { file: asFile('大名册.xlsx', bytes) }));
    expect(message).toBe(
      '文件“大名册.xlsx”的工作表“全体党员”超过 200 行数据（读到第 251 行时停止），超出了一次导入的上限，没有导入任何数据。请分成几个文件分批导入；如确需一次导入，可在“设置”中调高“导入行数上限”。',
    );
    // Formatted rows without values are not data: a sheet styled down to row 100,000 reads.
    const styled = await workbook((sheet) => {
      sheet.addRow(['姓名', '身份证号', '党支部', '入党日期', '转正日期']);
      sheet.addRow(['张三', ZS, '第一党支部', '2005-07-01', '2006-07-01']);
      for (let r = 3; r <= 3000; r++) sheet.getCell(r, 1).numFmt = '@';
    });
    expect((await t.api('roster.importPreview', { file: asFile('格式.xlsx', styled) })).valid).toBe(1);
  });
});

describe('cells read as the office wrote them', () => {
  it('never lets a date cell time of day move the date, and reports whether the format shows a month or a day', async () => {
    const bytes = await workbook((sheet) => {
      const values: [number | Date, string][] = [
        [45000.75, 'yyyy-mm-dd'], // 2023-03-15 18:00
        [45000.999, 'yyyy/m/d h:mm'], // 23:58 the same day
        [45000.99999999999, 'yyyy-mm-dd'], // formula dust: Excel shows the next midnight
        [35582, 'yyyy"年"m"月"'],
        [35582, 'yyyy.mm'],
        [35582, '[$-804]yyyy"年"m"月";@'],
        [35582, 'mmm-yy'],
        [35582, 'yyyy'],
        [35582, 'yyyy"年"m"月"d"日"'],
        [0.5, 'h:mm'], // a time of day alone is no date
      ];
      values.forEach(([value, numFmt], i) => {
        const cell = sheet.getCell(i + 1, 1);
        cell.value = value;
        cell.numFmt = numFmt;
      });
    });
    const [sheet] = await openWorkbook('日期.xlsx', bytes, { rowLimit: 100_000 });
    expect(sheet!.rows.slice(1).map((r) => r[1])).toEqual([
      { kind: 'date', iso: '2023-03-15', precision: 'day' },
      { kind: 'date', iso: '2023-03-15', precision: 'day' },
      { kind: 'date', iso: '2023-03-16', precision: 'day' },
      { kind: 'date', iso: '1997-06-01', precision: 'month' },
      { kind: 'date', iso: '1997-06-01', precision: 'month' },
      { kind: 'date', iso: '1997-06-01', precision: 'month' },
      { kind: 'date', iso: '1997-06-01', precision: 'month' },
      { kind: 'date', iso: '1997-06-01', precision: 'year' },
      { kind: 'date', iso: '1997-06-01', precision: 'day' },
      { kind: 'number', value: 0.5 },
    ]);
  });

  it('imports a 入党日期 typed with a time of day as that day', async () => {
    const t = await organ();
    const bytes = await workbook((sheet) => {
      sheet.addRow(['姓名', '身份证号', '党支部', '入党日期', '转正日期']);
      const row = sheet.addRow(['张三', ZS, '第一党支部', 45000.75, 45366.9]);
      row.getCell(4).numFmt = 'yyyy-mm-dd hh:mm';
      row.getCell(5).numFmt = 'yyyy-mm-dd hh:mm';
    });
    await t.api('roster.importCommit', { file: asFile('时间.xlsx', bytes), skipRows: [] });
    const [member] = (await t.api('roster.search', {})).rows;
    expect([member?.admittedOn, member?.fullMembershipOn]).toEqual(['2023-03-15', '2024-03-15']);
  });

  it('finds the parts through the package relationships, whatever the writer named them', async () => {
    const rels = (items: string) =>
      xml(
        `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${items}</Relationships>`,
      );
    const bytes = zipOf([
      {
        name: '[Content_Types].xml',
        data: xml(`<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`),
      },
      {
        name: '_rels/.rels',
        data: rels(`<Relationship Id="rId1" Type="${REL}/officeDocument" Target="/Book/Main.xml"/>`),
      },
      {
        name: 'Book/Main.xml',
        data: xml(
          `<workbook ${MAIN} xmlns:r="${REL}"><sheets><sheet name="第二党支部" sheetId="7" r:id="rSheet"/><sheet name="图表" sheetId="8" r:id="rChart"/><sheet name="旧表" sheetId="9" state="hidden" r:id="rOld"/></sheets></workbook>`,
        ),
      },
      {
        name: 'Book/_rels/Main.xml.rels',
        data: rels(
          `<Relationship Id="rSheet" Type="${REL}/worksheet" Target="Pages/Page%201.xml"/>` +
            `<Relationship Id="rChart" Type="${REL}/chartsheet" Target="Charts/c1.xml"/>` +
            `<Relationship Id="rOld" Type="${REL}/worksheet" Target="./Pages/../Pages/old.xml"/>` +
            `<Relationship Id="rS" Type="${REL}/sharedStrings" Target="../Text/Strings.xml"/>` +
            `<Relationship Id="rSt" Type="${REL}/styles" Target="/Book/Look.xml"/>` +
            `<Relationship Id="rLink" Type="${REL}/hyperlink" Target="http://example.invalid/" TargetMode="External"/>`,
        ),
      },
      {
        name: 'Text/Strings.xml',
        data: xml(`<sst ${MAIN}><si><t>姓名</t></si><si><t>张三</t></si></sst>`),
        store: true,
      },
      {
        name: 'Book/Look.xml',
        data: xml(
          `<styleSheet ${MAIN}><numFmts><numFmt numFmtId="200" formatCode="yyyy.mm"/></numFmts><cellXfs><xf numFmtId="0"/><xf numFmtId="200"/></cellXfs></styleSheet>`,
        ),
      },
      {
        name: 'Book/Pages/Page 1.xml',
        data: xml(
          `<worksheet ${MAIN}><cols><col min="3" max="4" hidden="1"/></cols><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>出生年月</t></is></c></row>` +
            `<row r="2" hidden="1"><c r="A2" t="s"><v>1</v></c><c r="B2" s="1"><v>35582</v></c></row></sheetData><mergeCells><mergeCell ref="A1:A1"/><mergeCell ref="C1:D2"/></mergeCells></worksheet>`,
        ),
      },
      {
        name: 'Book/Pages/old.xml',
        data: xml(
          `<worksheet ${MAIN}><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>旧</t></is></c></row></sheetData></worksheet>`,
        ),
      },
    ]);
    const sheets = await openWorkbook('他处.xlsx', bytes, { rowLimit: 100_000 });
    expect(sheets.map((s) => [s.name, s.hidden])).toEqual([
      ['第二党支部', false],
      ['旧表', true],
    ]);
    const [first] = sheets;
    expect(first!.rows[2]).toEqual([
      undefined,
      { kind: 'text', text: '张三' },
      { kind: 'date', iso: '1997-06-01', precision: 'month' },
    ]);
    expect([...first!.hiddenRows]).toEqual([2]);
    expect([...first!.hiddenColumns]).toEqual([3, 4]);
    expect(first!.merges).toEqual([
      { top: 1, left: 1, bottom: 1, right: 1 },
      { top: 1, left: 3, bottom: 2, right: 4 },
    ]);
  });

  it('reads an Excel 97-2003 workbook as LibreOffice saves it, with its month and day formats', async (ctx) => {
    if (!libreOffice()) return ctx.skip();
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('第一党支部');
    sheet.addRow(['姓名', '出生年月', '入党时间']);
    const row = sheet.addRow(['张三', new Date(Date.UTC(1997, 5, 1)), 45000.75]);
    row.getCell(2).numFmt = 'yyyy"年"m"月"';
    row.getCell(3).numFmt = 'yyyy-mm-dd hh:mm';
    const xls = await convertWorkbook(book, 'xls');
    const [read] = await openWorkbook('名册.xls', xls, { rowLimit: 100_000 });
    expect(read!.name).toBe('第一党支部');
    expect(read!.rows[2]).toEqual([
      undefined,
      { kind: 'text', text: '张三' },
      { kind: 'date', iso: '1997-06-01', precision: 'month' },
      { kind: 'date', iso: '2023-03-15', precision: 'day' },
    ]);
  });
});
