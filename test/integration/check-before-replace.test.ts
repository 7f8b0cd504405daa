/*
 * Check before replace, and the log's record of its own gaps (issue 11, items 3, 4 and 7's
 * recoverDamaged). Every file that would take the data's place — a USB import, a backup being
 * restored, the backup that replaces a damaged file — is opened and checked in a staging copy
 * first. The bad files are made here with the right passphrase, so that everything the transfer
 * layer checks is right and only the data inside is wrong: empty, no organ, from a newer version,
 * another program's database, cut short, with an edited audit log. Each is refused by name, by
 * preview, import and verify alike, and the organ's data is exactly as before (file hash after a
 * checkpoint, every table's rows, the last audit entry, the backups). What is accepted carries a
 * record of what it replaced into its log, which `audit.verify` reports.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { backupDir } from '../../src/core/custody/backups';
import { rebuildAuditTriggers } from '../../src/core/db/audit-triggers';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '../../src/core/db/migrations';
import { APPLICATION_ID } from '../../src/core/db/open';
import { registerAuditHash } from '../../src/core/services/audit-chain';
import { describeEntry } from '../../src/shared/audit/describe';
import { citizenId, memberFields } from '../support/people';
import { SAMPLE_SETUP, tempDir, tempWorkspace } from '../support/temp-workspace';
import { buildTransfer, fingerprint } from '../support/transfer-files';
import { rejection } from '../support/rejection';

const PASSPHRASE = '检查之后再替换2026';

const person = (name: string, serial: number) =>
  memberFields({ name, citizenId: citizenId('1980-04-04', 'male', serial) });

/** The organ that receives the files: three members, a backup, its own log. */
async function receiver() {
  const t = tempWorkspace();
  await t.api('organ.setup', SAMPLE_SETUP);
  for (const [i, name] of ['本机甲', '本机乙', '本机丙'].entries())
    await t.api('roster.add', { fields: person(name, i + 1) });
  await t.api('backup.create', {});
  return { ...t, before: fingerprint(t.ws) };
}

/** A closed data file of an organ of our own making, for payloads and backups. */
async function organFile(members: string[], organName = SAMPLE_SETUP.organName): Promise<string> {
  const t = tempWorkspace();
  await t.api('organ.setup', { ...SAMPLE_SETUP, organName });
  for (const [i, name] of members.entries()) await t.api('roster.add', { fields: person(name, 100 + i) });
  t.ws.close();
  const file = path.join(tempDir(), 'organ.db');
  fs.copyFileSync(t.ws.dataFile, file);
  return file;
}

/** A file with the tables of today's schema and no organ: what a set-up that never finished would hold. */
function schemaOnlyFile(): string {
  const file = path.join(tempDir(), 'schema-only.db');
  const db = new Database(file);
  registerAuditHash(db);
  for (const step of MIGRATIONS) db.exec(step.sql);
  rebuildAuditTriggers(db);
  db.pragma(`application_id = ${APPLICATION_ID}`);
  db.pragma(`user_version = ${LATEST_SCHEMA_VERSION}`);
  db.close();
  return file;
}

function edited(file: string, change: (db: Database.Database) => void): string {
  const copy = path.join(tempDir(), 'edited.db');
  fs.copyFileSync(file, copy);
  const db = new Database(copy);
  change(db);
  db.close();
  return copy;
}

/** A .pobk with everything the transfer layer checks in order, around `dbFile`. */
function pobk(dbFile: string, name: string, payloadOf?: (payload: Buffer) => Buffer): string {
  const file = path.join(tempDir(), name);
  const manifest = {
    app: 'party-office-workbench',
    appVersion: '0.1.0',
    schemaVersion: LATEST_SCHEMA_VERSION,
    organ: { name: SAMPLE_SETUP.organName, committeeName: SAMPLE_SETUP.committeeName },
    exportedAt: '2026-11-20T08:00:00.000Z',
    counts: {},
  };
  fs.writeFileSync(file, buildTransfer(dbFile, manifest, PASSPHRASE, payloadOf));
  return file;
}

describe('a USB file whose data is not right is refused before anything is replaced', () => {
  const cases: [string, () => Promise<string>, RegExp][] = [
    [
      'an empty database',
      async () => {
        const file = path.join(tempDir(), 'empty.db');
        new Database(file).close();
        return pobk(file, '空文件.pobk');
      },
      /“空文件\.pobk”是一个空的数据文件，不含任何数据/,
    ],
    [
      'our tables but no organ',
      async () => pobk(schemaOnlyFile(), '没有机关.pobk'),
      /“没有机关\.pobk”中没有建立任何机关/,
    ],
    [
      'a newer version’s data (user_version above ours)',
      async () =>
        pobk(
          edited(await organFile(['新版甲']), (db) => db.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`)),
          '新版.pobk',
        ),
      new RegExp(`“新版\\.pobk”由较新版本的机关党务工作台建立（数据版本 ${LATEST_SCHEMA_VERSION + 1}`),
    ],
    [
      'another program’s database',
      async () => {
        const file = path.join(tempDir(), 'other.sqlite');
        const db = new Database(file);
        db.exec(
          `CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO customers VALUES (1, '张三');`,
        );
        db.pragma('application_id = 1234');
        db.close();
        return pobk(file, '别的程序.pobk');
      },
      /“别的程序\.pobk”不是机关党务工作台的数据文件/,
    ],
    [
      'a database cut short (its hash recomputed, so only the data can tell)',
      async () =>
        pobk(await organFile(['截断甲', '截断乙']), '截断.pobk', (p) => p.subarray(0, Math.floor(p.length / 2))),
      /“截断\.pobk”已损坏/,
    ],
  ];

  for (const [what, make, expected] of cases) {
    it(`${what}: refused by preview, import and verify alike; data exactly as before`, async () => {
      const t = await receiver();
      const source = await make();
      const input = { source, passphrase: PASSPHRASE };
      const preview = await rejection(t.api('backup.previewImport', input));
      const imported = await rejection(t.api('backup.import', { ...input, acceptDifferentOrgan: true }));
      const verified = await rejection(t.api('backup.verify', input));
      expect(imported.message).toMatch(expected);
      expect(imported.message).toContain('本机数据没有改动');
      expect(preview.message).toBe(imported.message);
      expect(verified.message).toBe(imported.message);
      expect(fingerprint(t.ws)).toEqual(t.before);
      expect(fs.readdirSync(t.dataDir).filter((f) => f.includes('.incoming'))).toEqual([]);
      // And the data goes on working: the office's own backup still restores.
      const [backup] = await t.api('backup.list', {});
      await t.api('backup.restore', { id: backup!.id });
      expect((await t.api('roster.search', {})).counts.total).toBe(3);
    });
  }
});

describe('an import whose audit log was edited', () => {
  it('is refused naming the first broken entry, and accepted only when confirmed, which the log then records', async () => {
    const t = await receiver();
    const original = await organFile(['外来甲', '外来乙']);
    const tampered = edited(original, (db) => {
      db.exec('DROP TRIGGER audit_log_no_update');
      db.prepare(`UPDATE audit_log SET actor = '别人' WHERE id = 4`).run();
    });
    const source = pobk(tampered, '改过记录.pobk');
    const input = { source, passphrase: PASSPHRASE };

    const preview = await t.api('backup.previewImport', input);
    expect(preview.auditLog).toMatchObject({ intact: false, brokenAt: 4 });
    const refused = await rejection(t.api('backup.import', input));
    expect(refused).toMatchObject({ code: 'INVALID_INPUT', field: 'acceptBrokenAuditLog' });
    expect(refused.message).toContain('“改过记录.pobk”中的操作记录从第 4 条起对不上');
    expect(fingerprint(t.ws)).toEqual(t.before);
    const verified = await t.api('backup.verify', input);
    expect(verified).toMatchObject({ members: 2, auditLog: { intact: false, brokenAt: 4 } });

    // Confirmed: imported, and the log says so — including where the log it brought in breaks.
    await t.api('backup.import', { ...input, acceptBrokenAuditLog: true });
    expect((await t.api('roster.search', {})).rows.map((r) => r.name).sort()).toEqual(['外来乙', '外来甲']);
    const check = await t.api('audit.verify', {});
    expect(check).toMatchObject({ intact: false, brokenAt: 4 });
    expect(check.rewinds[0]).toMatchObject({ kind: 'import', source: '改过记录.pobk', incomingBrokenAt: 4 });
    expect(check.rewinds[0]!.droppedEntries).toBe(t.before.lastAudit);
  });
});

describe('the log records its own gaps', () => {
  it('restoring an older backup: the new log says how many entries of the replaced one it lacks and which backup keeps them', async () => {
    const t = tempWorkspace();
    await t.api('organ.setup', SAMPLE_SETUP);
    await t.api('roster.add', { fields: person('早先的人', 1) });
    const older = await t.api('backup.create', {});
    await t.api('roster.add', { fields: person('后来的人', 2) });
    await t.api('org.addUnit', { kind: 'branch', parentId: 1, name: '第三党支部' });
    const entriesBefore = (await t.api('audit.verify', {})).entries;

    const { safety } = await t.api('backup.restore', { id: older.id });
    const check = await t.api('audit.verify', {});
    expect(check).toMatchObject({ intact: true, entries: older.counts.auditEntries + 1 });
    expect(check.rewinds).toEqual([
      {
        at: expect.any(String),
        kind: 'restore',
        source: older.id,
        replacedEntries: entriesBefore,
        droppedEntries: entriesBefore - older.counts.auditEntries,
        safetyBackup: safety.id,
        incomingBrokenAt: null,
      },
    ]);
    // The dropped entries are in that backup, whole.
    expect(safety.counts.auditEntries).toBe(entriesBefore);
    // As the 操作记录 screen words it.
    const [latest] = await t.api('audit.list', { limit: 1 });
    expect(describeEntry(latest!)).toContain(
      `从备份恢复（${older.id}），原有 ${entriesBefore} 条操作记录中有 ${entriesBefore - older.counts.auditEntries} 条未带入，保存在 ${safety.id}`,
    );
  });

  it('importing an older export of the same organ records the entries it drops; the first import on a new computer drops none', async () => {
    const t = tempWorkspace();
    await t.api('organ.setup', SAMPLE_SETUP);
    await t.api('roster.add', { fields: person('导出时就有', 1) });
    const stick = tempDir();
    const { file } = await t.api('backup.export', { passphrase: PASSPHRASE, target: stick });
    await t.api('roster.add', { fields: person('导出后才录入', 2) });
    const entriesBefore = (await t.api('audit.verify', {})).entries;
    const preview = await t.api('backup.import', { source: file, passphrase: PASSPHRASE });
    expect(preview.auditLog.intact).toBe(true);
    const [rewind] = (await t.api('audit.verify', {})).rewinds;
    expect(rewind).toMatchObject({ kind: 'import', source: path.basename(file), replacedEntries: entriesBefore });
    expect(rewind!.droppedEntries).toBeGreaterThan(0);
    expect(rewind!.droppedEntries).toBeLessThan(entriesBefore); // the two logs share their start

    const fresh = tempWorkspace();
    await fresh.api('backup.import', { source: file, passphrase: PASSPHRASE });
    expect((await fresh.api('audit.verify', {})).rewinds).toEqual([]);
    const [latest] = await fresh.api('audit.list', { limit: 1 });
    expect(describeEntry(latest!)).toContain(`从U盘导入（${path.basename(file)}），原有 0 条操作记录全部带入`);
  });
});

describe('restoring a backup that is not right', () => {
  const broken: [string, (file: string) => void, RegExp][] = [
    ['emptied', (file) => fs.writeFileSync(file, ''), /是一个空的数据文件/],
    ['cut in half', (file) => fs.truncateSync(file, Math.floor(fs.statSync(file).size / 2)), /已损坏/],
    [
      'from a newer version',
      (file) => {
        const db = new Database(file);
        db.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`);
        db.close();
      },
      /由较新版本的机关党务工作台建立/,
    ],
    [
      'with its log edited (while the current log verifies)',
      (file) => {
        const db = new Database(file);
        db.exec('DROP TRIGGER audit_log_no_update');
        db.prepare(`UPDATE audit_log SET actor = '别人' WHERE id = 2`).run();
        db.close();
      },
      /操作记录从第 2 条起对不上/,
    ],
  ];
  for (const [what, damage, expected] of broken) {
    it(`a backup ${what}: refused, data exactly as before`, async () => {
      const t = await receiver();
      const [backup] = await t.api('backup.list', {});
      damage(path.join(backupDir(t.ws), `${backup!.id}.db`));
      const error = await rejection(t.api('backup.restore', { id: backup!.id }));
      expect(error.message).toMatch(expected);
      expect(error.message).toContain(`备份“${backup!.id}”`);
      expect(error.message).toContain('本机数据没有改动');
      expect(fingerprint(t.ws)).toEqual(t.before);
    });
  }
});

describe('recovering a damaged file', () => {
  it('is refused while the file is healthy, whoever asks', async () => {
    const t = await receiver();
    await t.api('roster.add', { fields: person('备份之后录入', 9) });
    const before = fingerprint(t.ws);
    const error = await rejection(t.api('backup.recoverDamaged', {}));
    expect(error).toMatchObject({ code: 'RULE_VIOLATION' });
    expect(error.message).toContain('数据文件完好');
    expect(fingerprint(t.ws)).toEqual(before);
    expect((await t.api('roster.search', {})).rows.map((r) => r.name)).toContain('备份之后录入');
  });

  it('checks again from the disk when asked: a file that went bad while open is recovered, though it opened healthy', async () => {
    const t = tempWorkspace();
    await t.api('organ.setup', SAMPLE_SETUP);
    await t.api('roster.add', { fields: person('甲', 1) });
    const good = await t.api('backup.create', {});
    await t.api('roster.add', { fields: person('乙', 2) });
    t.ws.database().pragma('wal_checkpoint(TRUNCATE)');
    // The disk fails under the open connection (which checked the file when it opened it).
    const bytes = fs.readFileSync(t.ws.dataFile);
    for (let page = 1; page * 4096 < bytes.length; page++) bytes.fill(0xff, page * 4096, page * 4096 + 8);
    fs.writeFileSync(t.ws.dataFile, bytes);

    const { restored, damagedFile } = await t.api('backup.recoverDamaged', {});
    expect(restored.id).toBe(good.id);
    expect(fs.readFileSync(damagedFile).equals(bytes)).toBe(true);
    expect((await t.api('roster.search', {})).rows.map((r) => r.name)).toEqual(['甲']);
    expect((await t.api('audit.verify', {})).intact).toBe(true);
  });

  it('takes the newest backup that passes every check, keeps the damaged file aside, and records it', async () => {
    const t = tempWorkspace();
    await t.api('organ.setup', SAMPLE_SETUP);
    await t.api('roster.add', { fields: person('甲', 1) });
    const good = await t.api('backup.create', {});
    await t.api('roster.add', { fields: person('乙', 2) });
    const newest = await t.api('backup.create', {});
    t.ws.close();
    // The newest backup is damaged too (the same failing disk): the one before it is used.
    fs.writeFileSync(path.join(backupDir(t.ws), `${newest.id}.db`), '');
    const bytes = fs.readFileSync(t.ws.dataFile);
    for (let page = 1; page * 4096 < bytes.length; page++) bytes.fill(0xff, page * 4096, page * 4096 + 8);
    fs.writeFileSync(t.ws.dataFile, bytes);

    const app = tempWorkspace({ dataDir: t.dataDir });
    expect((await rejection(app.api('app.status', {}))).code).toBe('DB_DAMAGED');
    const { restored, damagedFile } = await app.api('backup.recoverDamaged', {});
    expect(restored.id).toBe(good.id);
    expect(fs.readFileSync(damagedFile).equals(bytes)).toBe(true);
    expect((await app.api('roster.search', {})).rows.map((r) => r.name)).toEqual(['甲']);
    const check = await app.api('audit.verify', {});
    expect(check.intact).toBe(true);
    expect(check.rewinds[0]).toMatchObject({
      kind: 'recovery',
      source: good.id,
      safetyBackup: path.basename(damagedFile),
    });
  });
});
