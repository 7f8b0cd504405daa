/*
 * USB export and import (.pobk) when things go wrong: a stick that fills up, is write-protected
 * or pulled out; a file cut short, damaged bit by bit, opened with the wrong passphrase, written
 * by a newer version, not ours at all, or another organ's. Each is refused with its own Chinese
 * message and the organ's data stays exactly as it was (fingerprint: the data file's SHA-256
 * after a checkpoint, every table's row count, the last audit id and the list of backups).
 * Then the way it should go: a round trip into a fresh and into an encrypted workspace, and a
 * file from an older version brought up to date.
 *
 * The stick faults need `mount` (tmpfs); where it is not permitted they are skipped, saying so.
 * Reproduce the random lengths and positions with TRANSFER_SEED=<seed printed below>.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deriveKey, seal, unseal } from '../../src/core/custody/keyring';
import { rebuildAuditTriggers } from '../../src/core/db/audit-triggers';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '../../src/core/db/migrations';
import { APPLICATION_ID } from '../../src/core/db/open';
import { recordFigures } from '../support/figures';
import { citizenId, memberFields } from '../support/people';
import { seededRandom, seedFrom } from '../support/random';
import { assemble, buildTransfer, fingerprint, parse, withChecksum } from '../support/transfer-files';
import { SAMPLE_SETUP, tempDir, tempWorkspace } from '../support/temp-workspace';
import { rejection } from '../support/rejection';

const SEED = seedFrom('TRANSFER_SEED');
const PASSPHRASE = 'U盘口令-2026-安全';
const started = performance.now();
const figures = {
  seed: SEED,
  exportFaults: {} as Record<string, string>,
  truncatedLengths: 0,
  bitFlips: 0,
  bitFlipsWithChecksumRecomputed: 0,
  forgedHeaders: 0,
  forgedManifests: 0,
  notFiles: 0,
  largestRefusedBytes: 0,
  foreignFiles: 0,
  filesRefused: 0,
  refusedBy: {} as Record<string, number>,
  fingerprintsCompared: 0,
  roundTrips: 0,
  membersRoundTripped: 0,
  mountAvailable: false,
  seconds: 0,
};

/* ---------- can this machine mount a small drive? ---------- */

const mounts: string[] = [];
function tryMount(): string | null {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'party-office-stick-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', dir], { stdio: 'pipe' });
    execFileSync('umount', [dir], { stdio: 'pipe' });
    return null;
  } catch (error) {
    return (error as { stderr?: Buffer }).stderr?.toString().trim() || String(error);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
const mountRefusal = tryMount();
const canMount = mountRefusal === null;
figures.mountAvailable = canMount;
if (!canMount)
  console.log(`[transfer-faults] skipping the USB-stick faults: mount is not permitted here (${mountRefusal})`);

/** A fresh small tmpfs standing in for a USB stick; unmounted after the file's tests. */
function stick(options: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'party-office-stick-'));
  execFileSync('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', dir]);
  mounts.push(dir);
  return dir;
}

afterAll(() => {
  for (const dir of mounts) {
    try {
      execFileSync('umount', [dir], { stdio: 'pipe' });
    } catch {
      // already unmounted by the test (the stick was "pulled out")
    }
    fs.rmSync(dir, { recursive: true, force: true });
  }
  figures.seconds = Math.round((performance.now() - started) / 100) / 10;
  recordFigures('transferFaults', figures);
});

/* ---------- helpers ---------- */

const MEMBERS = Array.from({ length: 30 }, (_, i) => ({
  name: `${['欧阳', '司马', '诸葛', '上官', '东方'][i % 5]}${['明远', '秀英', '卫国', '海燕', '建华', '丽娟'][i % 6]}${i}`,
  id: citizenId(`19${60 + (i % 35)}-0${1 + (i % 9)}-1${i % 10}`, i % 2 ? 'male' : 'female', 100 + i),
  gender: (i % 2 ? 'male' : 'female') as 'male' | 'female',
}));

/** An organ with thirty members whose names and ID numbers the tests look for in files' bytes. */
async function organWithMembers(
  options: { organName?: string; password?: string | null; members?: typeof MEMBERS } = {},
) {
  const t = tempWorkspace();
  await t.api('organ.setup', {
    ...SAMPLE_SETUP,
    organName: options.organName ?? SAMPLE_SETUP.organName,
    password: options.password ?? null,
  });
  for (const m of options.members ?? MEMBERS) {
    await t.api('roster.add', { fields: memberFields({ name: m.name, citizenId: m.id, gender: m.gender }) });
  }
  return t;
}

/* ---------- export faults ---------- */

describe('export to a USB stick that fails', () => {
  it.skipIf(!canMount)(
    'a stick that fills up: “空间不足”, nothing named .pobk or .partial left, data unchanged',
    async () => {
      const t = await organWithMembers();
      const before = fingerprint(t.ws);
      const dir = stick('size=64k');
      const error = await rejection(t.api('backup.export', { passphrase: PASSPHRASE, target: dir }));
      expect(error.message).toContain('空间不足');
      expect(error.message).toContain('没有留下不完整的文件');
      expect(fs.readdirSync(dir).filter((f) => f.endsWith('.pobk') || f.endsWith('.partial'))).toEqual([]);
      expect(fingerprint(t.ws)).toEqual(before);
      // The same export fits on a bigger stick: the refusal was the space, not the data.
      const roomy = stick('size=8m');
      const done = await t.api('backup.export', { passphrase: PASSPHRASE, target: roomy });
      expect(done.bytes).toBeGreaterThan(64 * 1024);
      figures.exportFaults.full = error.message;
      figures.fingerprintsCompared += 1;
      figures.filesRefused += 1;
    },
  );

  it.skipIf(!canMount)('a write-protected stick: “只读”, data unchanged', async () => {
    const t = await organWithMembers();
    const before = fingerprint(t.ws);
    const dir = stick('size=8m');
    execFileSync('mount', ['-o', 'remount,ro', dir]);
    const error = await rejection(t.api('backup.export', { passphrase: PASSPHRASE, target: dir }));
    expect(error.message).toContain('只读');
    expect(fs.readdirSync(dir)).toEqual([]);
    expect(fingerprint(t.ws)).toEqual(before);
    figures.exportFaults.readOnly = error.message;
    figures.fingerprintsCompared += 1;
    figures.filesRefused += 1;
  });

  it.skipIf(!canMount)(
    'a stick pulled out after the folder was chosen: “不存在或无法访问”, data unchanged',
    async () => {
      const t = await organWithMembers();
      const before = fingerprint(t.ws);
      const dir = stick('size=8m');
      const chosen = path.join(dir, '单位数据.pobk');
      // Pulled out: the drive is gone and so is its mount point, as the desktop's automounter does.
      execFileSync('umount', [dir]);
      fs.rmdirSync(dir);
      const error = await rejection(t.api('backup.export', { passphrase: PASSPHRASE, target: chosen }));
      expect(error.message).toContain('不存在或无法访问');
      expect(fs.existsSync(chosen)).toBe(false);
      expect(fingerprint(t.ws)).toEqual(before);
      figures.exportFaults.pulledOut = error.message;
      figures.fingerprintsCompared += 1;
      figures.filesRefused += 1;
    },
  );

  it('a folder that does not exist, or a file where a folder should be: “不存在或无法访问”, data unchanged', async () => {
    const t = await organWithMembers();
    const before = fingerprint(t.ws);
    const missing = path.join(tempDir(), '没有这个文件夹');
    const notAFolder = path.join(tempDir(), '一个文件');
    fs.writeFileSync(notAFolder, 'x');
    for (const target of [missing, path.join(notAFolder, '数据.pobk')]) {
      const error = await rejection(t.api('backup.export', { passphrase: PASSPHRASE, target }));
      expect(error.message).toContain('不存在或无法访问');
      figures.exportFaults[target === missing ? 'missingFolder' : 'notAFolder'] = error.message;
      figures.filesRefused += 1;
    }
    expect(fs.existsSync(missing)).toBe(false);
    expect(fingerprint(t.ws)).toEqual(before);
    figures.fingerprintsCompared += 1;
  });
});

/* ---------- import faults ---------- */

describe('import of a file that is not right', () => {
  let good: Buffer;
  const random = seededRandom(SEED);

  beforeAll(async () => {
    console.log(`[transfer-faults] seed ${SEED} (repeat with TRANSFER_SEED=${SEED})`);
    // (tempWorkspace's folders are removed after each test; the file's bytes are kept here.)
    const exportedFrom = await organWithMembers();
    const file = path.join(tempDir(), '导出.pobk');
    await exportedFrom.api('backup.export', { passphrase: PASSPHRASE, target: file });
    good = fs.readFileSync(file);
  });

  /** A workspace with its own (different) members, into which every bad file is tried. */
  async function receiver() {
    const t = await organWithMembers({
      members: MEMBERS.slice(0, 3).map((m, i) => ({
        ...m,
        name: `本机党员${i}`,
        id: citizenId('1988-08-08', m.gender, 300 + i),
      })),
    });
    return { ...t, before: fingerprint(t.ws) };
  }

  /** Tries a file with preview and import; both must refuse with a message matching `expected`; returns the message. */
  async function refused(
    t: Awaited<ReturnType<typeof receiver>>,
    bytes: Buffer,
    expected: RegExp,
    passphrase = PASSPHRASE,
    name = '数据.pobk',
  ): Promise<string> {
    const file = path.join(tempDir(), name);
    fs.writeFileSync(file, bytes);
    return refusedFile(t, file, expected, passphrase, `${bytes.length} bytes`);
  }

  async function refusedFile(
    t: Awaited<ReturnType<typeof receiver>>,
    file: string,
    expected: RegExp,
    passphrase = PASSPHRASE,
    what = file,
  ): Promise<string> {
    const name = path.basename(file);
    const preview = await rejection(t.api('backup.previewImport', { source: file, passphrase }));
    const error = await rejection(t.api('backup.import', { source: file, passphrase }));
    expect(error.message, what).toMatch(expected);
    expect(preview.message).toBe(error.message);
    expect(error.message).toContain(`“${name}”`);
    expect(error.message).toContain('本机数据没有改动');
    const key = /“[^”]*”(.*?)(（|，|。)/.exec(error.message)?.[1] ?? error.message;
    figures.refusedBy[key] = (figures.refusedBy[key] ?? 0) + 1;
    figures.filesRefused += 1;
    return error.message;
  }

  function unchanged(t: Awaited<ReturnType<typeof receiver>>) {
    expect(fingerprint(t.ws)).toEqual(t.before);
    figures.fingerprintsCompared += 1;
  }

  it('cut short anywhere (header, payload, one byte short, empty): “不完整” or “校验值不符”', async () => {
    const t = await receiver();
    const { headerEnd } = parse(good);
    const lengths = new Set<number>([
      0,
      1,
      4,
      7,
      8,
      11,
      12,
      13,
      headerEnd - 1,
      headerEnd,
      headerEnd + 1,
      good.length - 33,
      good.length - 32,
      good.length - 31,
      good.length - 1,
    ]);
    while (lengths.size < 30) lengths.add(random.int(13, good.length - 2));
    for (const length of lengths) await refused(t, good.subarray(0, length), /不完整|校验值不符/);
    figures.truncatedLengths = lengths.size;
    unchanged(t);
  });

  it('bits flipped at random places: refused, as damaged (or as not ours, where the signature itself was hit)', async () => {
    const t = await receiver();
    const positions = new Set<number>([0, 5, 9, parse(good).headerEnd + 10, good.length - 1]);
    while (positions.size < 30) positions.add(random.int(0, good.length - 1));
    for (const at of positions) {
      const bad = Buffer.from(good);
      bad[at]! ^= 1 << random.int(0, 7);
      await refused(t, bad, at < 4 ? /不是机关党务工作台导出的数据文件/ : at < 8 ? /不兼容的版本/ : /校验值不符/);
    }
    figures.bitFlips = positions.size;
    unchanged(t);
  });

  it('bits flipped and the trailing checksum recomputed: still refused by the sealed manifest or the payload hash', async () => {
    const t = await receiver();
    const { headerEnd } = parse(good);
    // Half in the header (its length, the key-derivation parameters, the sealed manifest), half in the payload.
    const positions = new Set<number>();
    while (positions.size < 10) positions.add(random.int(8, headerEnd - 1));
    while (positions.size < 20) positions.add(random.int(headerEnd, good.length - 33));
    for (const at of positions) {
      const bad = Buffer.from(good);
      bad[at]! ^= 1 << random.int(0, 7);
      const message = await refused(t, withChecksum(bad), /损坏|口令不正确|不兼容/);
      // Inside the payload only the manifest's hash can tell, and it does.
      if (at >= headerEnd) expect(message).toContain('数据部分已损坏');
    }
    figures.bitFlipsWithChecksumRecomputed = positions.size;
    unchanged(t);
  });

  it('a forged header (key-derivation parameters, sealed manifest, length) with the checksum recomputed: refused as damaged, never a crash', async () => {
    const t = await receiver();
    const { header, payload } = parse(good);
    const forged: [string, Buffer][] = [
      ['N not a power of two', assemble({ ...header, kdf: { ...header.kdf, N: 32769 } }, payload)],
      ['N beyond any memory', assemble({ ...header, kdf: { ...header.kdf, N: 2 ** 40 } }, payload)],
      ['r not a number', assemble({ ...header, kdf: { ...header.kdf, r: 'acht' } }, payload)],
      ['no salt', assemble({ ...header, kdf: { ...header.kdf, salt: undefined } }, payload)],
      ['no manifest', assemble({ ...header, manifest: undefined }, payload)],
      [
        'manifest tag cut',
        assemble({ ...header, manifest: { ...header.manifest, tag: header.manifest.tag.slice(0, 8) } }, payload),
      ],
      ['manifest iv missing', assemble({ ...header, manifest: { ...header.manifest, iv: undefined } }, payload)],
      ['format 2', assemble({ ...header, format: 2 }, payload)],
      [
        'header not JSON',
        withChecksum(
          Buffer.concat([
            good.subarray(0, 12),
            Buffer.from('{'.padEnd(parse(good).headerEnd - 12, ' ')),
            payload,
            Buffer.alloc(32),
          ]),
        ),
      ],
      ['header null', assemble(null as unknown as object, payload)],
    ];
    const lengthTooBig = Buffer.from(good);
    lengthTooBig.writeUInt32BE(good.length, 8);
    forged.push(['header length beyond the file', withChecksum(lengthTooBig)]);
    for (const [what, bytes] of forged) {
      const message = await refused(t, bytes, /已损坏|不兼容|口令不正确/).catch((error: Error) => {
        throw new Error(`${what}: ${error.message}`);
      });
      expect(message, what).not.toContain('操作未能完成');
    }
    figures.forgedHeaders = forged.length;
    unchanged(t);
  });

  it('a manifest sealed with the right passphrase but not shaped as ours (not JSON, no payload, wrong types, a short key): “已损坏”, never the internal-error text', async () => {
    const t = await receiver();
    const { header, payload } = parse(good);
    const key = deriveKey(PASSPHRASE, header.kdf);
    const real = JSON.parse(unseal(key, header.manifest, 'party-office transfer')!.toString('utf8')) as {
      payload: Record<string, unknown>;
    };
    const forged: [string, string][] = [
      ['not JSON', '{{清单'],
      ['null', 'null'],
      ['no payload', JSON.stringify({ ...real, payload: undefined })],
      ['payload size in words', JSON.stringify({ ...real, payload: { ...real.payload, bytes: '很多' } })],
      ['a key of 5 bytes', JSON.stringify({ ...real, payload: { ...real.payload, key: 'c2hvcnQ=' } })],
      ['schema version as text', JSON.stringify({ ...real, schemaVersion: '13' })],
      ['another app', JSON.stringify({ ...real, app: 'other-app' })],
    ];
    for (const [what, text] of forged) {
      const bytes = assemble({ ...header, manifest: seal(key, Buffer.from(text), 'party-office transfer') }, payload);
      const message = await refused(t, bytes, /已损坏（内容清单无法读取）/).catch((error: Error) => {
        throw new Error(`${what}: ${error.message}`);
      });
      expect(message, what).not.toContain('操作未能完成');
    }
    figures.forgedManifests = forged.length;
    unchanged(t);
  });

  it('not a file at all, or far too big to be ours: refused before a byte is read, by what it is (/dev/zero, a pipe, a folder, 5 GB, missing)', async () => {
    const t = await receiver();
    const dir = tempDir();
    const pipe = path.join(dir, '管道.pobk');
    execFileSync('mkfifo', [pipe]);
    const folder = path.join(dir, '一个文件夹.pobk');
    fs.mkdirSync(folder);
    const huge = path.join(dir, '五个G.pobk');
    fs.writeFileSync(huge, good.subarray(0, 12));
    fs.truncateSync(huge, 5 * 1024 ** 3); // sparse: it takes no room on the disk
    await refusedFile(t, '/dev/zero', /“zero”不是一个普通文件（是设备或管道）/);
    await refusedFile(t, pipe, /不是一个普通文件（是设备或管道）/);
    await refusedFile(t, folder, /是一个文件夹，请选择其中导出的 \.pobk 文件/);
    await refusedFile(t, huge, /有 5\.0 GB，超过导出文件可能的大小（U盘单个文件最大 4 GB）/);
    await refusedFile(t, path.join(dir, '没有这个文件.pobk'), /找不到/);
    figures.notFiles = 5;
    unchanged(t);
  });

  it('2.5 GB with our signature and header and zeros after (sparse): read through in 1 MB pieces and refused as damaged, not as a pulled-out stick; nothing written', async () => {
    const t = await receiver();
    const big = path.join(tempDir(), '两个半G.pobk');
    fs.writeFileSync(big, good.subarray(0, parse(good).headerEnd));
    fs.truncateSync(big, 2.5 * 1024 ** 3);
    // Through import only: preview reads the file the same way (openTransfer), and each pass is 2.5 GB.
    const { message } = await rejection(t.api('backup.import', { source: big, passphrase: PASSPHRASE }));
    expect(message).toMatch(/“两个半G\.pobk”不完整或已损坏（校验值不符）/);
    expect(message).not.toContain('拔出');
    figures.filesRefused += 1;
    expect(fs.readdirSync(t.dataDir).filter((name) => name.includes('.work-') || name.includes('.incoming'))).toEqual(
      [],
    );
    figures.largestRefusedBytes = fs.statSync(big).size;
    unchanged(t);
  }, 600_000);

  it('the wrong passphrase: “口令不正确”', async () => {
    const t = await receiver();
    await refused(t, good, /导出口令不正确/, '不是这个口令123');
    unchanged(t);
  });

  it('a file from a newer version (schema above ours, re-sealed, checksum recomputed): “较新版本”', async () => {
    const t = await receiver();
    const { header, payload } = parse(good);
    const key = deriveKey(PASSPHRASE, header.kdf);
    const manifest = JSON.parse(unseal(key, header.manifest, 'party-office transfer')!.toString('utf8')) as {
      schemaVersion: number;
      appVersion: string;
    };
    manifest.schemaVersion = LATEST_SCHEMA_VERSION + 1;
    manifest.appVersion = '9.0.0';
    const newer = assemble(
      { ...header, manifest: seal(key, Buffer.from(JSON.stringify(manifest)), 'party-office transfer') },
      payload,
    );
    const message = await refused(t, newer, /较新版本/);
    expect(message).toContain(`数据版本 ${LATEST_SCHEMA_VERSION + 1}`);
    expect(message).toContain('请先升级本程序');
    unchanged(t);
  });

  it('files that are not ours (random bytes, a workbook, an SQLite file, our own data file): “不是机关党务工作台导出的数据文件”', async () => {
    const t = await receiver();
    const book = new ExcelJS.Workbook();
    book.addWorksheet('Sheet1').addRow(['姓名', '身份证号']);
    const sqlite = path.join(tempDir(), 'other.sqlite');
    const other = new Database(sqlite);
    other.exec('CREATE TABLE t (x); INSERT INTO t VALUES (1);');
    other.close();
    t.ws.database().pragma('wal_checkpoint(TRUNCATE)');
    t.before = fingerprint(t.ws);
    const foreign: [string, Buffer][] = [
      ['随机.pobk', Buffer.concat([Buffer.from('XX'), random.bytes(4096)])],
      ['名册.xlsx', Buffer.from(await book.xlsx.writeBuffer())],
      ['other.sqlite', fs.readFileSync(sqlite)],
      // The user picks the data file itself instead of an export.
      ['party-office.db', fs.readFileSync(t.ws.dataFile)],
      ['说明.txt', Buffer.from('这是一个文本文件，不是导出的数据。\n')],
    ];
    for (const [name, bytes] of foreign) await refused(t, bytes, /不是机关党务工作台导出的数据文件/, PASSPHRASE, name);
    figures.foreignFiles = foreign.length;
    unchanged(t);
  });

  it('another organ’s export: the preview says so, and the import is refused until the user confirms', async () => {
    const t = await receiver();
    const elsewhere = await organWithMembers({ organName: '另一个局', members: MEMBERS.slice(0, 2) });
    const file = path.join(tempDir(), '另一个局.pobk');
    await elsewhere.api('backup.export', { passphrase: PASSPHRASE, target: file });
    const preview = await t.api('backup.previewImport', { source: file, passphrase: PASSPHRASE });
    expect(preview).toMatchObject({ differentOrgan: true, organ: { name: '另一个局' }, olderSchema: false });
    expect(preview.changes.find((c) => c.table === 'member')).toEqual({ table: 'member', current: 3, incoming: 2 });
    const error = await rejection(t.api('backup.import', { source: file, passphrase: PASSPHRASE }));
    expect(error).toMatchObject({ code: 'RULE_VIOLATION', field: 'acceptDifferentOrgan' });
    expect(error.message).toContain('“另一个局”的数据，与本机的机关不同');
    figures.filesRefused += 1;
    unchanged(t);
    // Confirmed, it goes ahead, after a backup of what was here.
    await t.api('backup.import', { source: file, passphrase: PASSPHRASE, acceptDifferentOrgan: true });
    expect((await t.api('app.status', {})) as { organ: { name: string } }).toMatchObject({
      organ: { name: '另一个局' },
    });
    expect((await t.api('backup.list', {})).find((b) => b.reason === 'beforeImport')?.counts.members).toBe(3);
  });
});

/* ---------- the way it should go ---------- */

describe('a good transfer', () => {
  it('round trip into a fresh workspace and into an encrypted one with another password: every member, nothing readable in the files, a backup first', async () => {
    const source = await organWithMembers();
    const file = path.join(tempDir(), '导出.pobk');
    const exported = await source.api('backup.export', { passphrase: PASSPHRASE, target: file });
    expect(exported.counts.member).toBe(MEMBERS.length);
    const secrets = [
      ...MEMBERS.flatMap((m) => [m.name, m.id]),
      SAMPLE_SETUP.organName,
      SAMPLE_SETUP.committeeName,
      '第一党支部',
    ];
    const pobk = fs.readFileSync(file);
    expect(secrets.filter((s) => pobk.includes(Buffer.from(s)))).toEqual([]);
    const expected = MEMBERS.map((m) => m.name).sort();
    const names = async (t: { api: ReturnType<typeof tempWorkspace>['api'] }) =>
      (await t.api('roster.search', { limit: 500 })).rows.map((r) => r.name).sort();

    // 1. A computer with nothing on it yet.
    const fresh = tempWorkspace();
    const preview = await fresh.api('backup.previewImport', { source: file, passphrase: PASSPHRASE });
    expect(preview).toMatchObject({
      differentOrgan: false,
      olderSchema: false,
      organ: { name: SAMPLE_SETUP.organName },
    });
    await fresh.api('backup.import', { source: file, passphrase: PASSPHRASE });
    expect(await names(fresh)).toEqual(expected);
    expect(await fresh.api('app.status', {})).toMatchObject({
      state: 'ready',
      encrypted: false,
      organ: { name: SAMPLE_SETUP.organName },
    });

    // 2. A computer whose data is encrypted under its own password, with members of its own.
    const OTHER_PASSWORD = '另一台电脑的密码2026';
    const locked = await organWithMembers({
      password: OTHER_PASSWORD,
      members: [{ name: '原有党员甲', id: citizenId('1979-09-09', 'male', 201), gender: 'male' }],
    });
    await locked.api('backup.import', { source: file, passphrase: PASSPHRASE });
    expect(await names(locked)).toEqual(expected);
    const backups = await locked.api('backup.list', {});
    const safety = backups.find((b) => b.reason === 'beforeImport');
    expect(safety).toMatchObject({ encrypted: true, counts: { members: 1 } });
    locked.ws.close();
    const dataBytes = Buffer.concat(
      [locked.ws.dataFile, `${locked.ws.dataFile}-wal`, path.join(locked.dataDir, 'backups', `${safety!.id}.db`)]
        .filter((f) => fs.existsSync(f))
        .map((f) => fs.readFileSync(f)),
    );
    expect(secrets.filter((s) => dataBytes.includes(Buffer.from(s)))).toEqual([]);
    expect(dataBytes.includes(Buffer.from('原有党员甲'))).toBe(false);
    // After a restart it opens with that computer's own password, not the passphrase.
    const restarted = tempWorkspace({ dataDir: locked.dataDir });
    expect((await rejection(restarted.api('custody.unlock', { password: PASSPHRASE }))).code).toBe('WRONG_PASSWORD');
    await restarted.api('custody.unlock', { password: OTHER_PASSWORD });
    expect(await names(restarted)).toEqual(expected);
    figures.roundTrips += 2;
    figures.membersRoundTripped += 2 * MEMBERS.length;
  });

  it('a file exported by the previous version is imported and brought up to date, after a backup', async () => {
    // Built as an earlier version wrote it: the roster era's migrations only (schema 2, or the one
    // before the newest if that is lower), its rows, its schema number in the manifest. The import
    // then runs every later migration, as the app does on opening.
    const older = Math.min(2, LATEST_SCHEMA_VERSION - 1);
    const dir = tempDir();
    const dbFile = path.join(dir, 'old.db');
    const db = new Database(dbFile);
    for (const step of MIGRATIONS.slice(0, older)) db.exec(step.sql);
    db.exec(
      `INSERT INTO organ VALUES (1, '${SAMPLE_SETUP.organName}', 'committee', '${SAMPLE_SETUP.committeeName}', '', '2020-01-01')`,
    );
    db.exec(
      `INSERT INTO org_unit (id, kind, parent_id, name) VALUES (1, 'committee', NULL, '${SAMPLE_SETUP.committeeName}'), (2, 'branch', 1, '第一党支部')`,
    );
    const hasMembers = older >= 2;
    if (hasMembers) {
      db.exec(`INSERT INTO member (name, name_initials, name_pinyin, gender, citizen_id, birth_date, branch_id, admitted_on, full_membership_on, created_at)
               VALUES ('旧版党员', 'jbdy', 'jiubandangyuan', 'male', '${citizenId('1970-05-05', 'male', 9)}', '1970-05-05', 2, '2000-07-01', '2001-07-01', '2020-01-01')`);
      db.exec(
        `INSERT INTO member_event (member_id, kind, occurred_on, created_at) VALUES (1, 'joined', '2000-07-01', '2020-01-01')`,
      );
    }
    // The rows above predate the triggers (written by then-current code); from here on changes are audited.
    rebuildAuditTriggers(db);
    db.pragma(`application_id = ${APPLICATION_ID}`);
    db.pragma(`user_version = ${older}`);
    db.pragma('journal_mode = DELETE');
    db.close();
    const file = path.join(dir, '旧版导出.pobk');
    fs.writeFileSync(
      file,
      buildTransfer(
        dbFile,
        {
          app: 'party-office-workbench',
          appVersion: '0.0.9',
          schemaVersion: older,
          organ: { name: SAMPLE_SETUP.organName, committeeName: SAMPLE_SETUP.committeeName },
          exportedAt: '2026-01-01T00:00:00.000Z',
          counts: {},
        },
        PASSPHRASE,
      ),
    );

    for (const kind of ['fresh', 'existing'] as const) {
      const t = kind === 'fresh' ? tempWorkspace() : await organWithMembers({ members: MEMBERS.slice(0, 1) });
      const preview = await t.api('backup.previewImport', { source: file, passphrase: PASSPHRASE });
      expect(preview).toMatchObject({ olderSchema: true, schemaVersion: older, differentOrgan: false });
      await t.api('backup.import', { source: file, passphrase: PASSPHRASE });
      expect(await t.api('app.status', {})).toMatchObject({
        state: 'ready',
        schemaVersion: LATEST_SCHEMA_VERSION,
        organ: { name: SAMPLE_SETUP.organName },
      });
      const reasons = (await t.api('backup.list', {})).map((b) => b.reason);
      expect(reasons).toContain('beforeMigration');
      if (kind === 'existing') expect(reasons).toContain('beforeImport');
      if (hasMembers) expect((await t.api('roster.search', {})).rows.map((r) => r.name)).toEqual(['旧版党员']);
      // And it takes new data in the new schema.
      await t.api('roster.add', {
        fields: memberFields({ name: '新来的', citizenId: citizenId('1991-01-01', 'female', 5), gender: 'female' }),
      });
      figures.roundTrips += 1;
    }
  });
});
