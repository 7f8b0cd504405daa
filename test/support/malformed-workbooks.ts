/*
 * A seeded generator of the workbooks people actually hand an importer, and worse: real header
 * variants mixed with junk, title rows, two-row headers, merged cells, every cell type exceljs
 * can write (numbers, dates, booleans, formulas with and without results, rich text, error
 * values, hyperlinks), very long strings, control characters, rows of spaces, empty and hidden
 * sheets, hundreds of columns, duplicate headers; and files that are no workbook at all (random
 * bytes, zips of other things, truncated or tampered .xlsx, CSV, HTML, old .xls, Word files).
 */
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { IMPORT_FIELDS } from '../../src/shared/members/import-fields';
import { citizenId } from './people';
import type { Random } from './random';
import { encryptedOfficeFile, damagedXlsFile } from './workbooks';

export interface Person {
  name: string;
  id: string;
  gender: 'male' | 'female';
  birth: string;
}

export interface Generated {
  fileName: string;
  bytes: Uint8Array;
  /** What kind of damage the file has, for the figures. */
  kind: string;
}

/** People whose ID numbers are valid, so that some rows can pass and be imported. */
export function people(random: Random, count: number, serialBase: number): Person[] {
  return Array.from({ length: count }, (_, i) => {
    const year = random.int(1950, 2000);
    const birth = `${year}-${String(random.int(1, 12)).padStart(2, '0')}-${String(random.int(1, 28)).padStart(2, '0')}`;
    const gender = random.chance(0.5) ? ('male' as const) : ('female' as const);
    const surname = random.pick(['王', '李', '张', '刘', '陈', '欧阳', '司马']);
    return {
      name: `${surname}${random.pick(['伟', '芳', '娜', '敏', '静', '强', '磊', '洋'])}${serialBase + i}`,
      id: citizenId(birth, gender, (serialBase + i) % 500),
      gender,
      birth,
    };
  });
}

const ROSTER_HEADERS = Object.values(IMPORT_FIELDS).flatMap((f) => [...f.aliases]);
/** Pay items as finance offices name them (those the dues module counts, and some it does not). */
const PAYROLL_HEADERS = [
  '姓名',
  '职工姓名',
  '身份证号',
  '职务工资',
  '级别工资',
  '岗位工资',
  '薪级工资',
  '基本工资',
  '津贴补贴',
  '基础性绩效',
  '住房补贴',
  '个人所得税',
  '养老保险',
  '医疗保险',
  '住房公积金',
  '职业年金',
  '实发工资',
  '应发合计',
];
const DECOY_HEADERS = [
  '序号',
  '工号',
  '部门',
  '单位',
  '',
  ' ',
  '姓 名',
  '*姓名（必填）',
  '身份证号\n（18位）',
  '入党\n时间',
  '备注说明',
  '123',
  'Name',
  'ID',
  '=A1',
  '合计',
  '姓名姓名',
];
const ERRORS = ['#REF!', '#N/A', '#VALUE!', '#DIV/0!', '#NAME?', '#NULL!', '#NUM!'];
const CONTROL = [
  '\u0000',
  '\u0001',
  '\u0007',
  '\u0008',
  '\u000b',
  '\u000c',
  '\u001b',
  '\u001f',
  '\u007f',
  '\ufffe',
  '\uffff',
  '\ud800',
  '\udfff',
];

/**
 * Control characters: Excel escapes them (_x0001_), but other tools write them raw, which makes
 * the XML unreadable. Only some files get them, so that the rest get as far as the importer.
 */
let controlAllowed = false;

function controlText(random: Random): string {
  if (!controlAllowed) return random.pick(['张\t三', '李 四', '\n姓名', '王\u3000五']);
  let s = '';
  for (let i = random.int(1, 6); i > 0; i--)
    s += random.chance(0.5) ? random.pick(CONTROL) : random.pick(['张', '三', 'a', ' ', '\t', '\n']);
  return s;
}

function dateValue(random: Random): Date {
  const pick = random.int(0, 5);
  if (pick === 0) return new Date(Date.UTC(random.int(1900, 1905), random.int(0, 11), random.int(1, 28)));
  if (pick === 1) return new Date(Date.UTC(random.int(2027, 9999), random.int(0, 11), random.int(1, 28)));
  return new Date(Date.UTC(random.int(1950, 2026), random.int(0, 11), random.int(1, 28)));
}

/** A sensible value for a header, when there is one: what a clerk would type. */
function plausible(header: string, person: Person, random: Random, branches: string[]): ExcelJS.CellValue {
  const h = header.replace(/\s+/g, '');
  const admitted = `${Number(person.birth.slice(0, 4)) + random.int(18, 30)}${person.birth.slice(4)}`;
  const full = `${Number(admitted.slice(0, 4)) + 1}${admitted.slice(4)}`;
  if (/姓名|名字/.test(h)) return person.name;
  if (/身份|证件/.test(h)) return random.chance(0.9) ? person.id : Number(person.id.slice(0, 15));
  if (/支部|党组织/.test(h)) return random.chance(0.85) ? random.pick(branches) : '不存在的支部';
  if (/入党|加入/.test(h))
    return random.chance(0.5)
      ? admitted
      : random.chance(0.5)
        ? new Date(`${admitted}T00:00:00Z`)
        : admitted.replaceAll('-', '.');
  if (/转正/.test(h)) return random.chance(0.8) ? full : null;
  if (/性别/.test(h)) return person.gender === 'male' ? '男' : random.pick(['女', '女性', '未知']);
  if (/出生|生日/.test(h)) return person.birth;
  if (/学历|文化/.test(h)) return random.pick(['本科', '大学本科', '研究生', '大专', '博士后', '']);
  if (/学位/.test(h)) return random.pick(['学士', '硕士', '无', '院士']);
  if (/类别|类型|正式/.test(h)) return random.pick(['正式党员', '预备党员', '正式', '群众']);
  if (/党籍/.test(h)) return random.pick(['正常', '停止党籍', '开除']);
  if (/失联|流动/.test(h)) return random.pick(['是', '否', true, false, '√', '不知道']);
  if (/日期|时间/.test(h)) return random.chance(0.5) ? dateValue(random) : '2020年13月1日';
  if (/电话|手机|联系/.test(h)) return random.chance(0.5) ? 13800000000 + random.int(0, 99999999) : '010-12345678';
  if (/工资|津贴|补贴|绩效|税|保险|公积金|年金|养老|离休|退休/.test(h)) {
    return random.pick([
      random.int(0, 20000),
      random.int(0, 2000000) / 100,
      `${random.int(1, 9)},${random.int(100, 999)}.00`,
      '-',
      -random.int(1, 500),
      '壹仟元',
    ]);
  }
  return random.pick(['科员', '办公室', '', '无', '北京市东城区']);
}

/** Any cell value at all, from the whole range of what Excel files hold. */
function wildValue(random: Random, person: Person): ExcelJS.CellValue {
  switch (random.int(0, 17)) {
    case 0:
      return null;
    case 1:
      return random.int(-1e6, 1e6);
    case 2:
      return random.pick([
        0,
        -0,
        1e15,
        1e20,
        // An 18-digit ID typed as a number, rounded as a double rounds it.
        // eslint-disable-next-line no-loss-of-precision
        123456789012345678,
        3.14159,
        -1e-10,
        Number.MAX_SAFE_INTEGER,
        2958465,
        60,
        0.5,
      ]);
    case 3:
      return dateValue(random);
    case 4:
      return random.chance(0.5);
    case 5:
      return {
        formula: random.pick(['A1+B1', 'SUM(A:A)', 'TODAY()', 'VLOOKUP(A2,Sheet2!A:B,2,0)', '"张"&"三"']),
        result: random.pick([5, '张三', person.id, true, new Date(Date.UTC(2001, 6, 1)), { error: '#REF!' }]),
      } as ExcelJS.CellValue;
    case 6:
      return { formula: random.pick(['NOW()', 'A1*2', 'INDIRECT("X1")']) } as ExcelJS.CellValue;
    case 7:
      return {
        richText: [
          { text: person.name.slice(0, 1), font: { bold: true } },
          { text: person.name.slice(1), font: { color: { argb: 'FFFF0000' } } },
        ],
      };
    case 8:
      return { error: random.pick(ERRORS) } as ExcelJS.CellValue;
    case 9:
      return '长'.repeat(random.pick([300, 5000, 32767, 40000]));
    case 10:
      return controlText(random);
    case 11:
      return random.pick(['   ', '\u3000\u3000', '\t', '\n\n', ' \u00a0 ']);
    case 12:
      return { text: person.name, hyperlink: 'https://example.invalid/x' };
    case 13:
      return random.pick(['合计', '总计：30人', '姓名', '小计']);
    case 14:
      return random.pick([
        '=SUM(A1:A3)',
        "'001",
        '1/0',
        'NULL',
        'undefined',
        '[object Object]',
        '<script>',
        '&amp;',
        '😀党员',
        '\u202e反向',
      ]);
    case 15:
      return person.id.toLowerCase().replace('x', 'X') + random.pick(['', ' ', '0']);
    case 16:
      return random.pick([person.birth, '2001.7', '2001年7月', '20010701', '1999-02-30', '0000-00-00', '9999-12-31']);
    default:
      return person.name;
  }
}

interface SheetPlan {
  headers: string[];
  twoRow: boolean;
}

function headersFor(random: Random, target: 'roster' | 'payroll' | 'mixed'): SheetPlan {
  const pool =
    target === 'roster'
      ? ROSTER_HEADERS
      : target === 'payroll'
        ? PAYROLL_HEADERS
        : [...ROSTER_HEADERS, ...PAYROLL_HEADERS];
  const count = random.chance(0.08) ? random.int(100, 400) : random.int(1, 14);
  const headers: string[] = [];
  // Most sheets have the columns an import needs; some lack one or more.
  if (random.chance(0.75))
    headers.push(random.pick(['姓名', '党员姓名', '姓 名']), random.pick(['身份证号', '公民身份号码', '身份证号码']));
  if (target !== 'payroll' && random.chance(0.7))
    headers.push(random.pick(['所在党支部', '党支部', '支部']), random.pick(['入党日期', '入党时间']));
  if (target !== 'roster' && random.chance(0.7))
    headers.push(random.pick(['职务工资', '级别工资', '岗位工资']), random.pick(['个人所得税', '住房公积金']));
  while (headers.length < count)
    headers.push(
      random.chance(0.7) ? random.pick(pool) : random.chance(0.8) ? random.pick(DECOY_HEADERS) : controlText(random),
    );
  // Shuffle, keeping duplicates where they fell.
  for (let i = headers.length - 1; i > 0; i--) {
    const j = random.int(0, i);
    [headers[i], headers[j]] = [headers[j]!, headers[i]!];
  }
  return { headers, twoRow: random.chance(0.2) };
}

function tryMerge(sheet: ExcelJS.Worksheet, top: number, left: number, bottom: number, right: number): void {
  try {
    sheet.mergeCells(top, left, bottom, right);
  } catch {
    // overlapping merges are refused by exceljs; a real file cannot have them either
  }
}

async function structuredWorkbook(
  random: Random,
  target: 'roster' | 'payroll' | 'mixed',
  pool: Person[],
  branches: string[],
): Promise<{ bytes: Uint8Array; kind: string }> {
  const book = new ExcelJS.Workbook();
  const kinds: string[] = [];
  const sheetCount = random.chance(0.75) ? 1 : random.int(2, 4);
  for (let s = 0; s < sheetCount; s++) {
    const sheet = book.addWorksheet(
      random.chance(0.8) ? `Sheet${s + 1}` : `${random.pick(['名册', '工资', '隐藏', '说明'])}${s}`,
      {
        state: s > 0 && random.chance(0.4) ? random.pick(['hidden', 'veryHidden'] as const) : 'visible',
      },
    );
    if (sheet.state !== 'visible') kinds.push('hidden sheet');
    if (random.chance(0.12)) {
      kinds.push('empty sheet');
      continue;
    }
    const plan = headersFor(random, target);
    let row = 1;
    for (let t = random.chance(0.5) ? random.int(1, 3) : 0; t > 0; t--) {
      sheet.getCell(row, 1).value = random.pick([
        '某某局党员花名册',
        '填报单位：机关党委',
        '2026年1月工资表',
        controlText(random),
      ]);
      if (random.chance(0.6)) tryMerge(sheet, row, 1, row, Math.max(2, Math.min(plan.headers.length, 12)));
      row += 1;
    }
    const headerRow = row;
    if (plan.twoRow) {
      kinds.push('two-row header');
      plan.headers.forEach((h, i) => {
        sheet.getCell(headerRow, i + 1).value = random.chance(0.3)
          ? random.pick(['基本情况', '应发项目', '扣款项目', '联系方式'])
          : h;
        sheet.getCell(headerRow + 1, i + 1).value = random.chance(0.5) ? h : null;
      });
      for (let i = 0; i < 3; i++) {
        const left = random.int(1, plan.headers.length);
        tryMerge(
          sheet,
          headerRow,
          left,
          headerRow + (random.chance(0.5) ? 1 : 0),
          Math.min(plan.headers.length, left + random.int(0, 3)),
        );
      }
      row += 2;
    } else {
      plan.headers.forEach((h, i) => {
        sheet.getCell(headerRow, i + 1).value = random.chance(0.05)
          ? ({ richText: [{ text: h }] } as ExcelJS.CellValue)
          : h;
      });
      row += 1;
    }
    if (plan.headers.length > 50) kinds.push('many columns');
    if (new Set(plan.headers).size < plan.headers.length) kinds.push('duplicate headers');
    const dataRows = random.chance(0.1) ? 0 : random.int(1, 25);
    const wildness = random.pick([0, 0.05, 0.2, 0.6, 1]);
    for (let r = 0; r < dataRows; r++, row++) {
      const person = random.pick(pool);
      if (random.chance(0.06)) {
        kinds.push('row of spaces');
        plan.headers.forEach((_, i) => (sheet.getCell(row, i + 1).value = random.pick(['  ', '\u3000', ' \t '])));
        continue;
      }
      plan.headers.forEach((h, i) => {
        sheet.getCell(row, i + 1).value = random.chance(wildness)
          ? wildValue(random, person)
          : plausible(h, person, random, branches);
      });
      if (random.chance(0.05))
        tryMerge(sheet, row, random.int(1, plan.headers.length), row + random.int(0, 2), plan.headers.length);
    }
    if (random.chance(0.1)) {
      kinds.push('far cell');
      sheet.getCell(random.int(1000, 100_000), random.int(1, 50)).value = random.pick(['孤立的值', 1, '姓名']);
    }
  }
  kinds.push(`wild cells`);
  const bytes = new Uint8Array(await book.xlsx.writeBuffer());
  return { bytes, kind: `xlsx: ${[...new Set(kinds)].join(', ')}` };
}

async function tamperedXlsx(random: Random, bytes: Uint8Array): Promise<{ bytes: Uint8Array; kind: string }> {
  const zip = await JSZip.loadAsync(bytes);
  const names = Object.keys(zip.files).filter((n) => !zip.files[n]!.dir);
  const name = random.pick(names);
  const how = random.int(0, 5);
  let kind: string;
  if (how === 0) {
    zip.remove(name);
    kind = `missing ${name}`;
  } else if (how === 1) {
    zip.file(name, random.bytes(random.int(0, 400)));
    kind = `garbage in ${name}`;
  } else if (how === 2) {
    const text = await zip.file(name)!.async('string');
    zip.file(name, text.slice(0, random.int(0, text.length)));
    kind = `cut XML in ${name}`;
  } else if (how === 3) {
    const text = await zip.file(name)!.async('string');
    const at = random.int(0, text.length);
    zip.file(name, text.slice(0, at) + random.pick(['<', '&', '\u0001', '</x>', '"', ']]>']) + text.slice(at));
    kind = `broken XML in ${name}`;
  } else if (how === 4) {
    const text = await zip.file('xl/worksheets/sheet1.xml')?.async('string');
    if (text)
      zip.file(
        'xl/worksheets/sheet1.xml',
        text.replace(/<v>\d+<\/v>/g, () => `<v>${random.int(0, 1e9)}</v>`).replace(/r="[A-Z]+\d+"/, 'r="ZZZZ0"'),
      );
    kind = 'shared-string indexes and references out of range';
  } else {
    zip.file(
      'xl/sharedStrings.xml',
      '<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"></sst>',
    );
    kind = 'empty shared strings';
  }
  return { bytes: new Uint8Array(await zip.generateAsync({ type: 'uint8array' })), kind: `tampered xlsx: ${kind}` };
}

async function notAWorkbook(random: Random): Promise<{ bytes: Uint8Array; kind: string }> {
  switch (random.int(0, 9)) {
    case 0:
      return { bytes: random.bytes(random.int(1, 5000)), kind: 'random bytes' };
    case 1:
      return {
        bytes: Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), random.bytes(random.int(0, 3000))]),
        kind: 'random bytes after a zip signature',
      };
    case 2: {
      const zip = new JSZip();
      for (let i = random.int(0, 5); i > 0; i--)
        zip.file(
          `${random.pick(['a', 'docs', 'xl'])}/${i}.${random.pick(['txt', 'xml', 'bin'])}`,
          random.bytes(random.int(0, 300)),
        );
      return { bytes: await zip.generateAsync({ type: 'uint8array' }), kind: 'zip of other files' };
    }
    case 3: {
      const zip = new JSZip();
      zip.file(
        '[Content_Types].xml',
        '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
      );
      zip.file(
        'word/document.xml',
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>党员名册</w:t></w:r></w:p></w:body></w:document>',
      );
      return { bytes: await zip.generateAsync({ type: 'uint8array' }), kind: 'a Word document' };
    }
    case 4:
      return {
        bytes: new Uint8Array(
          Buffer.from('姓名,身份证号,所在党支部,入党日期\n张三,110101198001010030,第一党支部,2005-07-01\n'),
        ),
        kind: 'CSV renamed',
      };
    case 5:
      return {
        bytes: new Uint8Array(
          Buffer.from('<html><body><table><tr><td>姓名</td><td>身份证号</td></tr></table></body></html>'),
        ),
        kind: 'HTML table renamed',
      };
    case 6:
      return { bytes: damagedXlsFile(), kind: 'damaged Excel 97-2003 file' };
    case 7:
      return { bytes: encryptedOfficeFile(), kind: 'password-protected workbook' };
    case 8:
      return { bytes: new Uint8Array(0), kind: 'empty file' };
    default:
      return { bytes: new Uint8Array(Buffer.from('\ufeff姓名\t身份证号\n', 'utf16le')), kind: 'UTF-16 text' };
  }
}

/** One malformed (or, now and then, sound) workbook. */
export async function malformedWorkbook(
  random: Random,
  index: number,
  pool: Person[],
  branches: string[],
): Promise<Generated> {
  controlAllowed = random.chance(0.15);
  const fileName = `${random.pick(['花名册', '党员名单（2026）', '工资表', '名册 副本', 'roster', '导入'])}-${index}.${random.chance(0.9) ? 'xlsx' : 'XLSX'}`;
  const target = random.pick(['roster', 'roster', 'payroll', 'mixed'] as const);
  const roll = random.next();
  let made: { bytes: Uint8Array; kind: string };
  try {
    if (roll < 0.66) made = await structuredWorkbook(random, target, pool, branches);
    else if (roll < 0.76) {
      const whole = await structuredWorkbook(random, target, pool, branches);
      const cut = random.int(0, whole.bytes.length - 1);
      made = { bytes: whole.bytes.subarray(0, cut), kind: `truncated xlsx (${cut} of ${whole.bytes.length} bytes)` };
    } else if (roll < 0.86)
      made = await tamperedXlsx(random, (await structuredWorkbook(random, target, pool, branches)).bytes);
    else made = await notAWorkbook(random);
  } catch (error) {
    // exceljs itself refused to write what was asked: the file is random bytes instead.
    made = {
      bytes: random.bytes(random.int(1, 2000)),
      kind: `random bytes (generator: ${(error as Error).message.slice(0, 40)})`,
    };
  }
  return { fileName, bytes: made.bytes, kind: made.kind };
}
