import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { backupDir, rotateBackups } from '../../src/core/custody/backups';
import { MIGRATIONS } from '../../src/core/db/migrations';
import { rebuildAuditTriggers } from '../../src/core/db/audit-triggers';
import { APPLICATION_ID } from '../../src/core/db/open';
import { setPasswordAsClerk } from '../support/passwords';
import { citizenId, memberFields } from '../support/people';
import { SAMPLE_SETUP, tempDir, tempWorkspace } from '../support/temp-workspace';
import { rejection } from '../support/rejection';

const PASSWORD = '正确的密码2026';
const ID = citizenId('1985-03-12', 'male', 7);

const sha = (file: string) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');

/** An organ with a password and one member; returns a way to "restart the app" on the same folder. */
async function encryptedOrgan() {
  const first = tempWorkspace();
  const setup = await first.api('organ.setup', { ...SAMPLE_SETUP, password: PASSWORD });
  await first.api('roster.add', { fields: memberFields({ name: '王秘密', citizenId: ID }) });
  first.ws.close();
  // As the app restarting: the previous run ends (and lets go of the file) before the next opens it.
  let running: ReturnType<typeof tempWorkspace> | null = null;
  const restart = () => {
    running?.ws.close();
    running = tempWorkspace({ dataDir: first.dataDir });
    return running;
  };
  return { dataDir: first.dataDir, dataFile: first.ws.dataFile, recoveryCode: setup.recoveryCode!, restart };
}

describe('encryption at rest', () => {
  it('keeps no member name or ID number in the file’s bytes, and opens only with the password', async () => {
    const { dataFile, restart } = await encryptedOrgan();
    const bytes = fs.readFileSync(dataFile);
    for (const secret of ['王秘密', ID, '某某局', '第一党支部'])
      expect(bytes.includes(Buffer.from(secret)), secret).toBe(false);
    const raw = new Database(dataFile);
    expect(() => raw.prepare('SELECT count(*) FROM member').get()).toThrow(/not a database/);
    raw.close();

    const app = restart();
    expect(await app.api('app.status', {})).toMatchObject({ state: 'locked' });
    expect((await rejection(app.api('roster.search', {}))).code).toBe('LOCKED');
    await app.api('custody.unlock', { password: PASSWORD });
    expect(await app.api('app.status', {})).toMatchObject({ state: 'ready', encrypted: true });
    expect((await app.api('roster.search', {})).rows.map((r) => r.name)).toEqual(['王秘密']);
  });

  it('answers a wrong password calmly, with a growing delay, and never touches the file', async () => {
    const { dataFile, restart } = await encryptedOrgan();
    const before = sha(dataFile);
    const app = restart();
    const first = await rejection(app.api('custody.unlock', { password: 'wrong-password-1' }));
    expect(first).toMatchObject({ code: 'WRONG_PASSWORD', message: expect.stringContaining('密码不正确') });
    expect(first.message).toContain('数据没有任何改动');
    const second = await rejection(app.api('custody.unlock', { password: 'wrong-password-2' }));
    expect(second.message).toContain('请 2 秒后再试');
    // While waiting, even the right password is not tried.
    const waiting = await rejection(app.api('custody.unlock', { password: PASSWORD }));
    expect(waiting.message).toMatch(/请 \d 秒后再试/);
    expect(await app.api('app.status', {})).toMatchObject({ state: 'locked', retryAfterSeconds: expect.any(Number) });
    expect(sha(dataFile)).toBe(before);
  });

  it('opens with the recovery code, sets a new password and retires the used code', async () => {
    const { recoveryCode, restart } = await encryptedOrgan();
    const app = restart();
    const typed = recoveryCode.toLowerCase().replaceAll('-', ' ');
    const { recoveryCode: fresh } = await app.api('custody.recover', {
      recoveryCode: typed,
      newPassword: '新密码新密码2027',
    });
    expect(fresh).not.toBe(recoveryCode);
    expect((await app.api('roster.search', {})).counts.total).toBe(1);
    const again = restart();
    await again.api('custody.unlock', { password: '新密码新密码2027' });
    const old = restart();
    expect(
      (await rejection(old.api('custody.recover', { recoveryCode, newPassword: 'whatever-123' }))).message,
    ).toContain('恢复码不正确');
  });

  it('changes the password without rewriting the data file', async () => {
    const { dataFile, restart } = await encryptedOrgan();
    const app = restart();
    await app.api('custody.unlock', { password: PASSWORD });
    app.ws.close();
    const before = sha(dataFile);
    const again = restart();
    await again.api('custody.unlock', { password: PASSWORD });
    again.ws.lock();
    await again.api('custody.changePassword', { current: PASSWORD, next: '另一个密码abc' });
    expect(sha(dataFile)).toBe(before);
    expect((await rejection(again.api('custody.unlock', { password: PASSWORD }))).code).toBe('WRONG_PASSWORD');
  });

  it('encrypts an existing plain database after backing it up', async () => {
    const t = tempWorkspace();
    await t.api('organ.setup', SAMPLE_SETUP);
    await t.api('roster.add', { fields: memberFields({ name: '王秘密', citizenId: ID }) });
    const { recoveryCode } = await setPasswordAsClerk(t.api, PASSWORD);
    expect(recoveryCode).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){5}$/);
    expect((await t.api('backup.list', {})).map((b) => b.reason)).toContain('beforeEncryption');
    t.ws.close();
    expect(fs.readFileSync(t.ws.dataFile).includes(Buffer.from('王秘密'))).toBe(false);
    const app = tempWorkspace({ dataDir: t.dataDir });
    await app.api('custody.unlock', { password: PASSWORD });
    expect((await app.api('roster.search', {})).rows[0]?.name).toBe('王秘密');
  });

  it('refuses a password shorter than eight characters, leaving nothing behind', async () => {
    const t = tempWorkspace();
    const error = await rejection(t.api('organ.setup', { ...SAMPLE_SETUP, password: 'short' }));
    expect(error.message).toContain('至少要8位');
    expect(fs.existsSync(t.ws.keyringFile)).toBe(false);
    expect(fs.existsSync(t.ws.dataFile)).toBe(false);
  });

  it('refuses encryption asked for with an empty password, instead of creating a plain file', async () => {
    const t = tempWorkspace();
    const error = await rejection(t.api('organ.setup', { ...SAMPLE_SETUP, password: '' }));
    expect(error).toMatchObject({ code: 'INVALID_INPUT', message: '请填写密码，或关闭加密', field: 'password' });
    expect(fs.readdirSync(t.dataDir)).toEqual([]);
    // The rest of the form is checked first, so the user sees what is missing there.
    expect((await rejection(t.api('organ.setup', { ...SAMPLE_SETUP, organName: '', password: '' }))).field).toBe(
      'organName',
    );
  });
});

/** Every file under a folder, however deep, with the secrets found in its bytes. */
function plainSecrets(dir: string, secrets: string[]): string[] {
  const found: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    const bytes = fs.readFileSync(file);
    for (const secret of secrets)
      if (bytes.includes(Buffer.from(secret))) found.push(`${path.relative(dir, file)}: ${secret}`);
  }
  return found;
}

describe('no plain copy once the data is encrypted', () => {
  const SECRETS = ['王秘密', ID];

  it('encrypts the earlier backups and the 加密前 safety copy, which still restore with the password', async () => {
    const t = tempWorkspace({ today: '2026-11-20' });
    await t.api('organ.setup', SAMPLE_SETUP);
    await t.api('roster.add', { fields: memberFields({ name: '王秘密', citizenId: ID }) });
    await t.api('app.status', {}); // the day's scheduled backup
    await t.api('backup.create', {});
    // A damaged file set aside earlier (as recoverDamaged does) is plain too.
    t.ws.database().pragma('wal_checkpoint(TRUNCATE)');
    fs.copyFileSync(t.ws.dataFile, `${t.ws.dataFile}.damaged-20261101-101010`);
    expect(plainSecrets(t.dataDir, SECRETS).length).toBeGreaterThan(0);

    await setPasswordAsClerk(t.api, PASSWORD);
    const backups = await t.api('backup.list', {});
    expect(backups.map((b) => b.reason).sort()).toEqual(['beforeEncryption', 'manual', 'scheduled']);
    expect(backups.every((b) => b.encrypted)).toBe(true);
    expect(plainSecrets(t.dataDir, SECRETS)).toEqual([]);
    t.ws.close();
    expect(plainSecrets(t.dataDir, SECRETS)).toEqual([]);

    const app = tempWorkspace({ dataDir: t.dataDir });
    await app.api('custody.unlock', { password: PASSWORD });
    for (const backup of backups) {
      await app.api('roster.add', {
        fields: memberFields({ name: '后来的人', citizenId: citizenId('1990-01-01', 'female', 3), gender: 'female' }),
      });
      await app.api('backup.restore', { id: backup.id });
      expect((await app.api('roster.search', {})).rows.map((r) => r.name)).toEqual(['王秘密']);
    }
    app.ws.close();
    expect(plainSecrets(t.dataDir, SECRETS)).toEqual([]);
  });

  it('finishes the job on the next unlock when a plain copy was left behind, removing one that cannot be encrypted', async () => {
    const t = tempWorkspace();
    await t.api('organ.setup', SAMPLE_SETUP);
    await t.api('roster.add', { fields: memberFields({ name: '王秘密', citizenId: ID }) });
    const plain = await t.api('backup.create', {});
    const plainFile = path.join(backupDir(t.ws), `${plain.id}.db`);
    const kept = path.join(tempDir(), 'plain.db');
    fs.copyFileSync(plainFile, kept);
    await setPasswordAsClerk(t.api, PASSWORD);
    t.ws.close();
    // As if the app had stopped between encrypting the data and its backups.
    fs.copyFileSync(kept, plainFile);
    fs.writeFileSync(path.join(backupDir(t.ws), `${plain.id}.json`), JSON.stringify({ ...plain, encrypted: false }));
    // And a plain copy too damaged to open, which can only be removed.
    const damaged = fs.readFileSync(kept);
    for (let page = 1; page * 4096 < damaged.length; page++) damaged.fill(0xff, page * 4096, page * 4096 + 8);
    const broken = path.join(backupDir(t.ws), 'party-office-20260101-000000-manual.db');
    fs.writeFileSync(broken, damaged);
    expect(plainSecrets(t.dataDir, SECRETS).length).toBeGreaterThan(0);

    const app = tempWorkspace({ dataDir: t.dataDir });
    await app.api('custody.unlock', { password: PASSWORD });
    expect(plainSecrets(t.dataDir, SECRETS)).toEqual([]);
    expect(fs.existsSync(broken)).toBe(false);
    expect((await app.api('backup.list', {})).find((b) => b.id === plain.id)).toMatchObject({ encrypted: true });
    await app.api('backup.restore', { id: plain.id });
    expect((await app.api('roster.search', {})).rows.map((r) => r.name)).toEqual(['王秘密']);
  });

  it('writes nothing plain when the password is set at first run', async () => {
    const t = tempWorkspace();
    await t.api('organ.setup', { ...SAMPLE_SETUP, password: PASSWORD });
    expect(plainSecrets(t.dataDir, ['某某局', '第一党支部'])).toEqual([]);
    await t.api('roster.add', { fields: memberFields({ name: '王秘密', citizenId: ID }) });
    await t.api('app.status', {});
    await t.api('backup.create', {});
    expect(plainSecrets(t.dataDir, [...SECRETS, '某某局', '第一党支部'])).toEqual([]);
    t.ws.close();
    expect(plainSecrets(t.dataDir, [...SECRETS, '某某局', '第一党支部'])).toEqual([]);
  });
});

describe('custody actions in the 操作记录', () => {
  it('records 立即备份, 导出到U盘, 设置密码 and 修改密码, with who did them, and keeps them out of the settings', async () => {
    const { describeEntry, describeRow } = await import('../../src/shared/audit/describe');
    const t = tempWorkspace();
    await t.api('organ.setup', SAMPLE_SETUP);
    const backup = await t.api('backup.create', {});
    const { file } = await t.api('backup.export', { passphrase: '口令口令口令12', target: tempDir() });
    await setPasswordAsClerk(t.api, PASSWORD);
    await t.api('custody.changePassword', { current: PASSWORD, next: '另一个密码abc' });
    const entries = (await t.api('audit.list', { entity: 'settings' })).filter((e) => e.actor.startsWith('测试员'));
    // As the 操作记录 screen shows them: what, and the row after.
    const described = entries.map((e) => `${describeEntry(e)} ${describeRow(e.entity, e.after)}`).join('\n');
    for (const words of [
      '数据安全：立即备份',
      backup.id,
      '数据安全：导出到U盘',
      path.basename(file),
      '数据安全：设置密码',
      '数据安全：修改密码',
    ]) {
      expect(described, words).toContain(words);
    }
    expect(Object.keys(await t.api('settings.get', {})).sort()).toEqual([
      'idleLockMinutes',
      'importRowLimit',
      'probationEndConvention',
      'termWarningDays',
    ]);
  });
});

describe('backups', () => {
  it('backs up with VACUUM INTO, verifies, lists counts, and restores after a safety backup', async () => {
    const { restart } = await encryptedOrgan();
    const app = restart();
    await app.api('custody.unlock', { password: PASSWORD });
    const backup = await app.api('backup.create', {});
    expect(backup).toMatchObject({ reason: 'manual', encrypted: true, counts: { members: 1, units: 3 } });
    expect(fs.readFileSync(path.join(backupDir(app.ws), `${backup.id}.db`)).includes(Buffer.from('王秘密'))).toBe(
      false,
    );

    await app.api('roster.add', {
      fields: memberFields({ name: '后来的人', citizenId: citizenId('1990-01-01', 'female', 3), gender: 'female' }),
    });
    expect((await app.api('roster.search', {})).counts.total).toBe(2);
    const { safety } = await app.api('backup.restore', { id: backup.id });
    expect(safety.reason).toBe('beforeRestore');
    expect(safety.counts.members).toBe(2);
    expect((await app.api('roster.search', {})).rows.map((r) => r.name)).toEqual(['王秘密']);
    // The restored data is still encrypted with the office's password.
    const again = restart();
    await again.api('custody.unlock', { password: PASSWORD });
    expect((await again.api('roster.search', {})).counts.total).toBe(1);
  });

  it('takes one scheduled backup a day when the data is opened', async () => {
    const t = tempWorkspace();
    await t.api('organ.setup', SAMPLE_SETUP);
    await t.api('app.status', {});
    await t.api('app.status', {});
    expect((await t.api('backup.list', {})).filter((b) => b.reason === 'scheduled')).toHaveLength(1);
  });

  it('keeps 7 daily, 4 weekly and 12 monthly backups and removes the rest', async () => {
    const t = tempWorkspace();
    await t.api('organ.setup', SAMPLE_SETUP);
    const { createBackup } = await import('../../src/core/custody/backups');
    const start = new Date('2025-01-01T10:00:00Z').getTime();
    for (let day = 0; day < 400; day += 1) createBackup(t.ws, 'scheduled', new Date(start + day * 86_400_000));
    const now = new Date(start + 399 * 86_400_000);
    rotateBackups(t.ws, now);
    const kept = (await t.api('backup.list', {})).map((b) => b.createdAt.slice(0, 10));
    expect(kept.slice(0, 7)).toEqual(
      Array.from({ length: 7 }, (_, i) => new Date(now.getTime() - i * 86_400_000).toISOString().slice(0, 10)),
    );
    expect(kept.length).toBeLessThanOrEqual(7 + 4 + 12);
    expect(kept.length).toBeGreaterThanOrEqual(12);
    expect(new Set(kept.map((d) => d.slice(0, 7))).size).toBe(12);
  }, 240_000); // 400 backups, each a VACUUM INTO checked whole: 10–20 s quiet, 76 s seen at load 22

  it('backs up a file before migrating it to a newer schema', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'party-office.db');
    const old = new Database(file);
    old.function('audit_actor', () => 'x');
    old.function('audit_via', () => 'test');
    old.function('audit_reason', () => null);
    old.exec(MIGRATIONS[0]!.sql);
    // Written by then-current code, before today's triggers (which seal entries version 1 had no column for).
    old.exec(`INSERT INTO organ VALUES (1, '旧版机关', 'committee', '中共旧版机关委员会', '', '2020-01-01')`);
    rebuildAuditTriggers(old);
    old.pragma(`application_id = ${APPLICATION_ID}`);
    old.pragma('user_version = 1');
    old.close();
    const t = tempWorkspace({ dataDir: dir });
    expect(await t.api('app.status', {})).toMatchObject({ state: 'ready', organ: { name: '旧版机关' } });
    const backups = await t.api('backup.list', {});
    expect(backups.find((b) => b.reason === 'beforeMigration')).toMatchObject({ schemaVersion: 1 });
  });

  it('refuses to write a damaged file and restores the newest good backup, keeping the damaged one aside', async () => {
    const t = tempWorkspace();
    await t.api('organ.setup', SAMPLE_SETUP);
    await t.api('roster.add', { fields: memberFields({ citizenId: ID }) });
    await t.api('backup.create', {});
    t.ws.close();
    // Damage the header of every page but the first, as a failing disk would.
    const bytes = fs.readFileSync(t.ws.dataFile);
    for (let page = 1; page * 4096 < bytes.length; page++) bytes.fill(0xff, page * 4096, page * 4096 + 8);
    fs.writeFileSync(t.ws.dataFile, bytes);
    const app = tempWorkspace({ dataDir: t.dataDir });
    expect((await rejection(app.api('app.status', {}))).code).toBe('DB_DAMAGED');
    expect(fs.readFileSync(t.ws.dataFile).equals(bytes)).toBe(true);
    const { damagedFile } = await app.api('backup.recoverDamaged', {});
    expect(fs.readFileSync(damagedFile).equals(bytes)).toBe(true);
    expect((await app.api('roster.search', {})).counts.total).toBe(1);
  });
});

describe('a forged USB file', () => {
  it('is refused at once when its header asks for unreasonable key-derivation work', async () => {
    const crypto = await import('node:crypto');
    const t = tempWorkspace();
    await t.api('organ.setup', SAMPLE_SETUP);
    const dir = tempDir();
    const { file } = await t.api('backup.export', { passphrase: '口令口令口令12', target: dir });
    const bytes = fs.readFileSync(file);
    const length = bytes.readUInt32BE(8);
    const header = JSON.parse(bytes.subarray(12, 12 + length).toString('utf8'));
    header.kdf.p = 1000;
    const forgedHeader = Buffer.from(JSON.stringify(header));
    const len = Buffer.alloc(4);
    len.writeUInt32BE(forgedHeader.length);
    const body = Buffer.concat([
      bytes.subarray(0, 8),
      len,
      forgedHeader,
      bytes.subarray(12 + length, bytes.length - 32),
    ]);
    const forged = path.join(dir, 'forged.pobk');
    fs.writeFileSync(forged, Buffer.concat([body, crypto.createHash('sha256').update(body).digest()]));
    const started = Date.now();
    const error = await rejection(t.api('backup.previewImport', { source: forged, passphrase: '口令口令口令12' }));
    expect(error.message).toContain('文件头中的参数无法使用');
    expect(Date.now() - started).toBeLessThan(2000);
  });
});
