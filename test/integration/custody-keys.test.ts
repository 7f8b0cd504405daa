/*
 * Issue 11, item 1: key changes that never lock the office out. Each scenario by name, from the
 * states a crash or a refusal can leave (made here by the same steps the core takes, or by killing
 * a child at a fault point), opened as the app opens them.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterAll, describe, expect, it } from 'vitest';
import { beginKeyChange, journalFile, keyringCopy, writeKeyFiles } from '../../src/core/custody/key-journal';
import { createKeyring, openWithPassword, openWithRecoveryCode, withNewPassword } from '../../src/core/custody/keyring';
import { readKeyring } from '../../src/core/custody/password';
import { Workspace } from '../../src/core/workspace';
import { removeBundles } from '../support/bundle';
import { runChild } from '../support/faults';
import { setPasswordAsClerk } from '../support/passwords';
import { citizenId, memberFields } from '../support/people';
import { SAMPLE_SETUP, tempWorkspace } from '../support/temp-workspace';
import { rejection } from '../support/rejection';

const PASSWORD = '原来的密码2026';
const NEW = '新设的密码2027';

afterAll(() => removeBundles());

const sha = (file: string) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
const isPlain = (file: string) => fs.readFileSync(file).subarray(0, 15).toString('latin1') === 'SQLite format 3';

/** A plain organ with one member, closed; returns its folder and a way to open it as the app would. */
async function plainOrgan() {
  const t = tempWorkspace();
  await t.api('organ.setup', SAMPLE_SETUP);
  await t.api('roster.add', { fields: memberFields({ name: '王建国' }) });
  t.ws.close();
  return {
    dataDir: t.dataDir,
    dataFile: t.ws.dataFile,
    keysFile: t.ws.keyringFile,
    open: () => tempWorkspace({ dataDir: t.dataDir }),
  };
}

async function encryptedOrgan() {
  const organ = await plainOrgan();
  const t = organ.open();
  const { recoveryCode } = await setPasswordAsClerk(t.api, PASSWORD);
  t.ws.close();
  return { ...organ, recoveryCode };
}

async function names(t: ReturnType<typeof tempWorkspace>): Promise<string[]> {
  return (await t.api('roster.search', {})).rows.map((r) => r.name);
}

describe('设置密码 that fails or is interrupted', () => {
  it('refused because browser mode holds the file: no keys file is left, and the file opens without a password', async () => {
    const organ = await plainOrgan();
    const browser = new Workspace({ dataDir: organ.dataDir, via: 'web' });
    browser.database(); // holds the writer lock, as browser mode does while it runs
    try {
      const cli = organ.open();
      const { recoveryCode } = await cli.api('custody.newRecoveryCode', {});
      const refused = await rejection(cli.api('custody.setPassword', { password: NEW, recoveryCode }));
      expect(refused.code).toBe('CONFLICT');
      expect(refused.message).toContain('数据文件正由浏览器模式');
      expect(fs.existsSync(organ.keysFile)).toBe(false);
      cli.ws.close();
    } finally {
      browser.close();
    }
    const app = organ.open();
    expect(await app.api('app.status', {})).toMatchObject({ state: 'ready', encrypted: false });
    expect(await names(app)).toEqual(['王建国']);
  });

  it('refused because a reader keeps the file from being replaced: the keys it wrote are removed again, the data stays plain', async () => {
    const organ = await plainOrgan();
    const app = organ.open();
    await app.api('app.status', {});
    // A command-line report reading beside the app: its read transaction keeps the WAL from being checkpointed.
    const reader = new Database(organ.dataFile, { readonly: true });
    reader.exec('BEGIN');
    reader.prepare('SELECT count(*) FROM member').get();
    await app.api('roster.add', {
      fields: memberFields({ name: '李秀英', citizenId: citizenId('1980-01-01', 'male', 2) }),
    });
    try {
      const { recoveryCode } = await app.api('custody.newRecoveryCode', {});
      const refused = await rejection(app.api('custody.setPassword', { password: NEW, recoveryCode }));
      expect(refused.code).toBe('CONFLICT');
      expect(refused.message).toContain('另一个程序正在读取数据文件');
    } finally {
      reader.exec('ROLLBACK');
      reader.close();
    }
    for (const file of [organ.keysFile, keyringCopy(app.ws), journalFile(app.ws), `${organ.dataFile}.encrypting`])
      expect(fs.existsSync(file), file).toBe(false);
    app.ws.close();
    const again = organ.open();
    expect(await again.api('app.status', {})).toMatchObject({ state: 'ready', encrypted: false });
    expect((await names(again)).sort()).toEqual(['李秀英', '王建国']);
  });

  it('refused without a recovery code shown first, or with one typed wrong: nothing is encrypted or backed up', async () => {
    const organ = await plainOrgan();
    const app = organ.open();
    const backups = (await app.api('backup.list', {})).length;
    const unseen = await rejection(
      app.api('custody.setPassword', { password: NEW, recoveryCode: 'AAAA-BBBB-CCCC-DDDD-EEEE-FFFF' }),
    );
    expect(unseen.message).toContain('请先生成恢复码');
    const { recoveryCode } = await app.api('custody.newRecoveryCode', {});
    const wrong = recoveryCode.replace(/.$/, (c) => (c === '0' ? '1' : '0'));
    const mistyped = await rejection(app.api('custody.setPassword', { password: NEW, recoveryCode: wrong }));
    expect(mistyped).toMatchObject({ code: 'INVALID_INPUT', field: 'recoveryCode' });
    expect(mistyped.message).toContain('与刚才显示的不一致');
    expect(fs.existsSync(organ.keysFile)).toBe(false);
    expect(isPlain(organ.dataFile)).toBe(true);
    expect(await app.api('backup.list', {})).toHaveLength(backups);
    // Typed as a person types it: lower case, spaces for dashes, O for 0.
    const typed = recoveryCode.toLowerCase().replaceAll('-', ' ').replaceAll('0', 'o');
    await app.api('custody.setPassword', { password: NEW, recoveryCode: typed });
    expect(isPlain(organ.dataFile)).toBe(false);
    expect(openWithRecoveryCode(readKeyring(app.ws), recoveryCode)).not.toBeNull();
  });

  it('interrupted with the journal written and the data still plain: undone, no password asked, the keys removed', async () => {
    const organ = await plainOrgan();
    const t = organ.open();
    await t.api('app.status', {});
    const { keyring } = createKeyring(NEW);
    beginKeyChange(t.ws, 'setPassword', null, keyring);
    writeKeyFiles(t.ws, keyring);
    fs.writeFileSync(`${organ.dataFile}.encrypting`, 'half an encrypted copy');
    t.ws.close(); // the crash: nothing after this step ran
    const app = organ.open();
    expect(await app.api('app.status', {})).toMatchObject({ state: 'ready', encrypted: false });
    expect(await names(app)).toEqual(['王建国']);
    for (const file of [organ.keysFile, keyringCopy(app.ws), journalFile(app.ws), `${organ.dataFile}.encrypting`])
      expect(fs.existsSync(file), file).toBe(false);
  });

  it('killed once the encrypted copy stood in place, with the keys files then lost (a journal without keys): finished, the new password opens', async () => {
    const organ = await plainOrgan();
    const child = await runChild('test/support/key-change-child.ts', [organ.dataDir, 'setPassword'], {
      killAt: 'set-password:replaced',
      env: { KEYS_NEW: NEW },
    });
    expect(child.killed).toBe(true);
    const probe = organ.open();
    fs.rmSync(organ.keysFile);
    fs.rmSync(keyringCopy(probe.ws));
    expect(fs.existsSync(journalFile(probe.ws))).toBe(true);
    expect(isPlain(organ.dataFile)).toBe(false);
    probe.ws.close();
    const app = organ.open();
    expect(await app.api('app.status', {})).toMatchObject({ state: 'locked', keys: 'present' });
    await app.api('custody.unlock', { password: NEW });
    expect(await names(app)).toEqual(['王建国']);
    expect(fs.existsSync(journalFile(app.ws))).toBe(false);
  });

  it('left by an older version (keys written first, then killed): a keys file beside a plain file is set aside, and the file opens without a password', async () => {
    const organ = await plainOrgan();
    fs.writeFileSync(organ.keysFile, JSON.stringify(createKeyring(NEW).keyring));
    const app = organ.open();
    expect(await app.api('app.status', {})).toMatchObject({ state: 'ready', encrypted: false });
    expect(await names(app)).toEqual(['王建国']);
    expect(fs.existsSync(organ.keysFile)).toBe(false);
    expect(fs.readdirSync(organ.dataDir).some((n) => n.startsWith(`${path.basename(organ.keysFile)}.unused-`))).toBe(
      true,
    );
  });

  it('left by an older version killed while encrypting in place (header already encrypted, SQLite journal hot): rolled back without a key, opens plain', async () => {
    const organ = await plainOrgan();
    const { keyring, dataKey } = createKeyring(NEW);
    // Make the state an in-place rekey leaves: the first page rewritten encrypted, the journal holding it as it was.
    const journalOf = (file: string) => `${file}-journal`;
    const db = new Database(organ.dataFile);
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.pragma('journal_mode = DELETE');
    db.close();
    const before = fs.readFileSync(organ.dataFile);
    const copy = `${organ.dataFile}.rekeyed`;
    fs.copyFileSync(organ.dataFile, copy);
    const rekeyed = new Database(copy);
    rekeyed.pragma(`cipher = 'sqlcipher'`);
    rekeyed.pragma('legacy = 4');
    rekeyed.pragma(`rekey = "x'${dataKey.toString('hex')}'"`);
    rekeyed.close();
    const pageSize = before.readUInt16BE(16);
    // The journal SQLite would have written (header + page 1 as it was), beside a file whose page 1 is encrypted.
    const encryptedFirst = fs.readFileSync(copy).subarray(0, pageSize);
    fs.rmSync(copy);
    fs.writeFileSync(
      journalOf(organ.dataFile),
      rollbackJournal(before.subarray(0, pageSize), before.length / pageSize, pageSize),
    );
    const mixed = Buffer.from(before);
    encryptedFirst.copy(mixed, 0);
    fs.writeFileSync(organ.dataFile, mixed);
    fs.writeFileSync(organ.keysFile, JSON.stringify(keyring));
    expect(isPlain(organ.dataFile)).toBe(false);

    const app = organ.open();
    expect(await app.api('app.status', {})).toMatchObject({ state: 'ready', encrypted: false });
    expect(await names(app)).toEqual(['王建国']);
    expect(app.ws.database().pragma('integrity_check', { simple: true })).toBe('ok');
    expect(fs.existsSync(organ.keysFile)).toBe(false);
  });
});

/**
 * A rollback journal as SQLite writes it (journal format, nonce 0 so every checksum is the plain
 * sum of the nonce and sampled bytes): header for one page, then page 1 as it was.
 */
function rollbackJournal(page: Buffer, dbPages: number, pageSize: number): Buffer {
  const sector = 512;
  const header = Buffer.alloc(sector);
  Buffer.from([0xd9, 0xd5, 0x05, 0xf9, 0x20, 0xa1, 0x63, 0xd7]).copy(header, 0);
  header.writeUInt32BE(1, 8); // pages in the journal
  header.writeUInt32BE(0, 12); // checksum nonce
  header.writeUInt32BE(dbPages, 16); // pages in the database before the transaction
  header.writeUInt32BE(sector, 20);
  header.writeUInt32BE(pageSize, 24);
  const record = Buffer.alloc(4 + pageSize + 4);
  record.writeUInt32BE(1, 0);
  page.copy(record, 4);
  let sum = 0;
  for (let i = pageSize - 200; i > 0; i -= 200) sum = (sum + page[i]!) >>> 0;
  record.writeUInt32BE(sum, 4 + pageSize);
  return Buffer.concat([header, record]);
}

describe('修改密码, 恢复码 and the keys file', () => {
  it('a hot journal of 修改密码 with a half-written temporary keys file: finished, the new password opens, the temporary removed', async () => {
    const organ = await encryptedOrgan();
    const t = organ.open();
    const keyring = readKeyring(t.ws);
    await t.api('custody.unlock', { password: PASSWORD });
    const after = withNewPassword(keyring, t.ws.dataKey()!, NEW);
    beginKeyChange(t.ws, 'changePassword', keyring, after);
    fs.writeFileSync(`${organ.keysFile}.tmp-99999`, JSON.stringify(after).slice(0, 100));
    t.ws.close();
    const app = organ.open();
    expect(await app.api('app.status', {})).toMatchObject({ state: 'locked' });
    expect((await rejection(app.api('custody.unlock', { password: PASSWORD }))).code).toBe('WRONG_PASSWORD');
    await app.api('custody.unlock', { password: NEW });
    expect(fs.existsSync(`${organ.keysFile}.tmp-99999`)).toBe(false);
    expect(fs.existsSync(journalFile(app.ws))).toBe(false);
  });

  it('a reader (a command-line report) that finds a hot key journal settles it under the writer lock, or is told who holds the file', async () => {
    const organ = await encryptedOrgan();
    const t = organ.open();
    const keyring = readKeyring(t.ws);
    await t.api('custody.unlock', { password: PASSWORD });
    beginKeyChange(t.ws, 'changePassword', keyring, withNewPassword(keyring, t.ws.dataKey()!, NEW));
    t.ws.close();
    const holder = new Workspace({ dataDir: organ.dataDir, via: 'desktop' });
    holder.holdWriterLock();
    const waiting = new Workspace({ dataDir: organ.dataDir, via: 'cli', access: 'read', lockWaitMs: 100 });
    try {
      // The journal may be another process's change in progress: a reader does not touch it while the lock is held.
      expect(() => waiting.isLocked()).toThrow(/数据文件正由桌面程序/);
      expect(fs.existsSync(journalFile(waiting))).toBe(true);
    } finally {
      holder.close();
      waiting.close();
    }
    const reader = new Workspace({ dataDir: organ.dataDir, via: 'cli', access: 'read' });
    try {
      expect(reader.isLocked()).toBe(true);
      expect(fs.existsSync(journalFile(reader))).toBe(false);
      const key = openWithPassword(readKeyring(reader), NEW);
      expect(key).not.toBeNull();
      reader.unlockWith(key!);
      expect(reader.readOnly).toBe(true);
      expect(reader.database().prepare('SELECT count(*) AS n FROM member').get()).toEqual({ n: 1 });
    } finally {
      reader.close();
    }
  });

  it('custody.recover refused because another program holds the file leaves the keys file as it was, and the printed code still works', async () => {
    const organ = await encryptedOrgan();
    const keysBefore = sha(organ.keysFile);
    const browser = new Workspace({ dataDir: organ.dataDir, via: 'web' });
    browser.holdWriterLock();
    try {
      const app = organ.open();
      const refused = await rejection(
        app.api('custody.recover', { recoveryCode: organ.recoveryCode, newPassword: NEW }),
      );
      expect(refused.code).toBe('CONFLICT');
      expect(sha(organ.keysFile)).toBe(keysBefore);
      app.ws.close();
    } finally {
      browser.close();
    }
    const app = organ.open();
    const { recoveryCode: fresh } = await app.api('custody.recover', {
      recoveryCode: organ.recoveryCode,
      newPassword: NEW,
    });
    expect(await names(app)).toEqual(['王建国']);
    const entries = await app.api('audit.list', { entity: 'settings' });
    expect(entries.map((e) => JSON.stringify(e.after)).join()).toContain('已用恢复码打开并设置新密码');
    expect(openWithRecoveryCode(readKeyring(app.ws), fresh)).not.toBeNull();
    expect(openWithRecoveryCode(readKeyring(app.ws), organ.recoveryCode)).toBeNull();
  });

  it('更换恢复码 while unlocked: shown first, confirmed, recorded; the old code stops working and the password stays', async () => {
    const organ = await encryptedOrgan();
    const app = organ.open();
    await app.api('custody.unlock', { password: PASSWORD });
    const { recoveryCode } = await app.api('custody.newRecoveryCode', {});
    // Shown but not confirmed: nothing has changed yet.
    expect(openWithRecoveryCode(readKeyring(app.ws), organ.recoveryCode)).not.toBeNull();
    expect(openWithRecoveryCode(readKeyring(app.ws), recoveryCode)).toBeNull();
    await app.api('custody.replaceRecoveryCode', { recoveryCode });
    expect(openWithRecoveryCode(readKeyring(app.ws), organ.recoveryCode)).toBeNull();
    expect(openWithRecoveryCode(readKeyring(app.ws), recoveryCode)).not.toBeNull();
    expect(fs.readFileSync(keyringCopy(app.ws), 'utf8')).toBe(fs.readFileSync(organ.keysFile, 'utf8'));
    const entries = await app.api('audit.list', { entity: 'settings' });
    expect(entries.map((e) => JSON.stringify(e.after)).join()).toContain('已更换恢复码');
    app.ws.close();
    const again = organ.open();
    await again.api('custody.unlock', { password: PASSWORD });
  });

  it('a missing keys file is named 密钥文件缺失 and restored from the copy in backups/ by the password', async () => {
    const organ = await encryptedOrgan();
    fs.rmSync(organ.keysFile);
    const app = organ.open();
    expect(await app.api('app.status', {})).toMatchObject({ state: 'locked', keys: 'restorable' });
    expect((await rejection(app.api('custody.unlock', { password: 'wrong-password-1' }))).code).toBe('WRONG_PASSWORD');
    expect(fs.existsSync(organ.keysFile)).toBe(false);
    expect(await app.api('custody.unlock', { password: PASSWORD })).toEqual({ unlocked: true, keysRestored: true });
    expect(fs.readFileSync(organ.keysFile, 'utf8')).toBe(fs.readFileSync(keyringCopy(app.ws), 'utf8'));
    expect(await names(app)).toEqual(['王建国']);
    const entries = await app.api('audit.list', { entity: 'settings' });
    expect(entries.map((e) => JSON.stringify(e.after)).join()).toContain('密钥文件缺失');
  });

  it('a missing keys file with no copy is named as such, not as a damaged file, and nothing is changed', async () => {
    const organ = await encryptedOrgan();
    const probe = organ.open();
    fs.rmSync(organ.keysFile);
    fs.rmSync(keyringCopy(probe.ws));
    probe.ws.close();
    const before = sha(organ.dataFile);
    const app = organ.open();
    expect(await app.api('app.status', {})).toMatchObject({ state: 'locked', keys: 'missing' });
    const refused = await rejection(app.api('custody.unlock', { password: PASSWORD }));
    expect(refused.message).toContain('密钥文件缺失');
    expect(refused.message).not.toContain('已损坏');
    expect(sha(organ.dataFile)).toBe(before);
  });
});
