/**
 * Roster figures (issue: 10,000 members): import with full validation < 3 s, a search or filter
 * answer < 50 ms (median), export < 2 s, core memory < 300 MB; each beside its bare cost.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3-multiple-ciphers';
import { buildSync } from 'esbuild';
import { crc32, deflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { rosterMembers, rosterWorkbook } from '../support/big-roster';

const COUNT = 10_000;
const BRANCHES = Array.from({ length: 20 }, (_, i) => `第${i + 1}党支部`);

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

export async function rosterBench(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'party-office-bench-roster-'));
  try {
    console.log(`\n党员名册 — ${COUNT.toLocaleString('zh-CN')} 名党员`);
    const members = rosterMembers(COUNT, BRANCHES);
    const bytes = await rosterWorkbook(members);
    console.log(`workbook: ${(bytes.length / 1024 / 1024).toFixed(1)} MB`);

    let t = performance.now();
    const bare = new ExcelJS.Workbook();
    await bare.xlsx.load(bytes as unknown as ArrayBuffer);
    let cells = 0;
    bare.worksheets[0]!.eachRow((row) => row.eachCell(() => void cells++));
    const bareRead = performance.now() - t;

    const raw = new Database(path.join(dir, 'raw.db'));
    raw.exec(
      'CREATE TABLE m (name TEXT, gender TEXT, citizen_id TEXT, branch TEXT, admitted TEXT, full TEXT, education TEXT, phone TEXT)',
    );
    const insert = raw.prepare('INSERT INTO m VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
    t = performance.now();
    raw.transaction(() =>
      members.forEach((m) => insert.run(m.name, m.gender, m.id, m.branch, m.admitted, m.full, m.education, m.phone)),
    )();
    const bareInsert = performance.now() - t;
    raw.close();

    // The app's own work runs in a fresh process, so its memory is the core's and not this
    // generator's; bundled as the app's build bundles the core, so no TypeScript compiler is loaded.
    const workbookFile = path.join(dir, '花名册.xlsx');
    fs.writeFileSync(workbookFile, bytes);
    const core = path.join(import.meta.dirname, '../../node_modules/.cache/party-office-bench/roster-core.mjs');
    buildSync({
      entryPoints: [path.join(import.meta.dirname, 'roster-core.ts')],
      bundle: true,
      platform: 'node',
      format: 'esm',
      packages: 'external',
      outfile: core,
      logLevel: 'warning',
    });
    let runs = 0;
    const run = (v8Flags: string[], env: Record<string, string> = {}) => {
      runs += 1;
      const child = spawnSync(
        process.execPath,
        ['--expose-gc', ...v8Flags, core, workbookFile, path.join(dir, `app${runs}`)],
        { encoding: 'utf8', env: { ...process.env, ...env } },
      );
      if (child.status !== 0) throw new Error(child.stderr);
      process.stdout.write(child.stdout);
    };
    run([]);
    // Most of a peak is V8's young generation, not data: Node's V8 has no pointer compression and
    // lets it grow to two 64 MB semi-spaces. `npm run web` and `npm run cli` cap them at 16 MB
    // (package.json); Electron's V8 compresses pointers and caps them at 32 MB. Same work, each way:
    run(['--max-semi-space-size=16'], {
      BENCH_MEMORY_LABEL: 'memory as npm run web / cli run the core (16 MB semi-spaces)',
    });
    run(['--scavenger-max-new-space-capacity-mb=16'], {
      BENCH_MEMORY_LABEL: 'memory with the young generation of the desktop app (32 MB semi-spaces)',
    });
    importFormats(dir, workbookFile, bytes);
    console.log(
      `  bare cost: exceljs reading the same workbook alone ${seconds(bareRead)} (${cells.toLocaleString('zh-CN')} cells); the same rows inserted without validation or audit ${seconds(bareInsert)}`,
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The same 10,000 rows as Excel 97-2003 (.xls, saved by LibreOffice as an office's copy would be),
 * and the worst malformed workbooks of issue 11: a sheet declaring 1,048,575 rows (refused at the
 * row cap) and a zip bomb (refused at the inflate cap); each imported in a process of its own,
 * with its peak memory.
 */
function importFormats(dir: string, workbookFile: string, bytes: Uint8Array): void {
  const core = path.join(import.meta.dirname, '../../node_modules/.cache/party-office-bench/import-core.mjs');
  buildSync({
    entryPoints: [path.join(import.meta.dirname, 'import-core.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    outfile: core,
    logLevel: 'warning',
  });
  let runs = 0;
  const run = (file: string, label: string) => {
    runs += 1;
    const child = spawnSync(
      process.execPath,
      ['--max-semi-space-size=16', core, file, path.join(dir, `import${runs}`), label],
      { encoding: 'utf8' },
    );
    if (child.status !== 0) throw new Error(child.stderr);
    process.stdout.write(child.stdout);
  };
  const office = ['soffice', 'libreoffice'].find((name) => spawnSync(name, ['--version']).status === 0);
  if (office) {
    const profile = path.join(dir, 'lo-profile');
    spawnSync(
      office,
      [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', 'xls', '--outdir', dir, workbookFile],
      { encoding: 'utf8' },
    );
    const xls = workbookFile.replace(/\.xlsx$/, '.xls');
    if (fs.existsSync(xls))
      run(
        xls,
        `import of the same rows as .xls (${(fs.statSync(xls).size / 1024 / 1024).toFixed(1)} MB), preview + commit`,
      );
  } else console.log('LibreOffice not installed: no .xls figure (apt-get install libreoffice-calc-nogui)');
  void bytes;
  const huge = path.join(dir, '一百万行.xlsx');
  fs.writeFileSync(huge, millionRows());
  run(huge, `malformed: a sheet declaring 1,048,575 rows (${(fs.statSync(huge).size / 1024 / 1024).toFixed(1)} MB)`);
  const bomb = path.join(dir, '炸弹.xlsx');
  fs.writeFileSync(bomb, zipBomb());
  run(
    bomb,
    `malformed: a zip bomb (${(fs.statSync(bomb).size / 1024).toFixed(0)} KB declaring 500 MB of shared strings)`,
  );
}

/** A minimal package around the given sheet XML and shared strings, each part deflated. */
function packageOf(sheet: Buffer, strings: Buffer): Buffer {
  const rels = (items: string) =>
    Buffer.from(
      `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${items}</Relationships>`,
    );
  const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
  return zipParts([
    [
      '[Content_Types].xml',
      Buffer.from('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'),
    ],
    ['_rels/.rels', rels(`<Relationship Id="r1" Type="${R}/officeDocument" Target="xl/workbook.xml"/>`)],
    [
      'xl/workbook.xml',
      Buffer.from(
        `<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="${R}"><sheets><sheet name="名册" sheetId="1" r:id="s1"/></sheets></workbook>`,
      ),
    ],
    [
      'xl/_rels/workbook.xml.rels',
      rels(
        `<Relationship Id="s1" Type="${R}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="s2" Type="${R}/sharedStrings" Target="sharedStrings.xml"/>`,
      ),
    ],
    ['xl/sharedStrings.xml', strings],
    ['xl/worksheets/sheet1.xml', sheet],
  ]);
}

function millionRows(): Buffer {
  const head =
    '<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c></row>';
  const rows: string[] = [head];
  for (let r = 2; r <= 1_048_575; r++)
    rows.push(`<row r="${r}"><c r="A${r}" t="s"><v>4</v></c><c r="B${r}"><v>${r}</v></c></row>`);
  rows.push('</sheetData></worksheet>');
  const strings = Buffer.from(
    '<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>姓名</t></si><si><t>身份证号</t></si><si><t>党支部</t></si><si><t>入党日期</t></si><si><t>张三</t></si></sst>',
  );
  return packageOf(Buffer.from(rows.join('')), strings);
}

function zipBomb(): Buffer {
  // 500 MB of one repeated string item, declared honestly: refused at the cap before it is read.
  const item = '<si><t>张三</t></si>';
  const body = Buffer.from(item.repeat(Math.floor((500 * 1024 * 1024) / Buffer.byteLength(item))));
  const strings = Buffer.concat([
    Buffer.from('<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'),
    body,
    Buffer.from('</sst>'),
  ]);
  const sheet = Buffer.from(
    '<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData/></worksheet>',
  );
  return packageOf(sheet, strings);
}

function zipParts(parts: [string, Buffer][]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, data] of parts) {
    const nameBytes = Buffer.from(name);
    const body = deflateRawSync(data);
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, body);
    centrals.push(central, nameBytes);
    offset += 30 + nameBytes.length + body.length;
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
