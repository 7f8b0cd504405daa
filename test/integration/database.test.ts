import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { APPLICATION_ID, openDatabase } from '../../src/core/db/open';
import { LATEST_SCHEMA_VERSION } from '../../src/core/db/migrations';
import { AppError } from '../../src/shared/errors';
import { SAMPLE_SETUP, tempDir, tempWorkspace } from '../support/temp-workspace';

const identity = { actor: () => '测试员', via: () => 'test', reason: () => null };
const sha256 = (file: string) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');

function openError(file: string): AppError {
  try {
    openDatabase(file, { create: false, identity }).close();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected the file to be refused');
}

describe('opening and migrating the database', () => {
  it('creates a stamped file from empty with WAL, full sync and foreign keys', () => {
    const file = path.join(tempDir(), 'new.db');
    const db = openDatabase(file, { create: true, identity });
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    expect(db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    const tables = (
      db.prepare(`SELECT name FROM sqlite_schema WHERE type='table' ORDER BY name`).all() as { name: string }[]
    ).map((t) => t.name);
    expect(tables).toEqual(expect.arrayContaining(['audit_log', 'committee_post', 'org_unit', 'organ', 'settings']));
    db.close();
    // Opening again runs no migration and keeps the stamp.
    const again = openDatabase(file, { create: false, identity });
    expect(again.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    again.close();
  });

  it('refuses a file from a newer app version and leaves it untouched', () => {
    const file = path.join(tempDir(), 'newer.db');
    openDatabase(file, { create: true, identity }).close();
    const raw = new Database(file);
    raw.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 5}`);
    raw.pragma('journal_mode = DELETE');
    raw.close();
    const before = sha256(file);
    const error = openError(file);
    expect(error.code).toBe('DB_TOO_NEW');
    expect(error.message).toContain('较新版本');
    expect(error.message).toContain(`数据版本 ${LATEST_SCHEMA_VERSION + 5}`);
    expect(sha256(file)).toBe(before);
  });

  it('refuses another application’s database and a file that is not a database', () => {
    const foreign = path.join(tempDir(), 'foreign.db');
    const raw = new Database(foreign);
    raw.exec('CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)');
    raw.close();
    expect(openError(foreign).code).toBe('DB_FOREIGN');

    const text = path.join(tempDir(), 'notes.db');
    fs.writeFileSync(text, '这不是数据库文件'.repeat(100));
    const error = openError(text);
    expect(error.code).toBe('DB_UNREADABLE');
    expect(error.message).toContain(text);
  });
});

describe('the audit log', () => {
  it('records every change with who, through what, before and after', async () => {
    const { api } = tempWorkspace();
    await api('organ.setup', SAMPLE_SETUP);
    const branch = (await api('org.units', {})).find((u) => u.name === '第一党支部')!;
    const group = await api('org.addUnit', { kind: 'partyGroup', parentId: branch.id, name: '第一党小组' });
    await api('org.updateUnit', { id: group.id, parentId: branch.id, name: '机关第一党小组', foundedOn: '2020-01-01' });
    const post = await api('org.addPost', {
      unitId: branch.id,
      post: 'secretary',
      holderName: '张三',
      startedOn: '2024-01-05',
    });
    await api('org.endPost', { id: post.id, endedOn: '2026-03-01' });
    await api('org.removePost', { id: post.id, reason: '录入错误' });
    await api('settings.update', { termWarningDays: 90 });

    const log = await api('audit.list', { limit: 1000 });
    // organ + root + 2 branches + group insert, group update, post insert/update/delete, setting insert
    expect(log).toHaveLength(10);
    expect(log.every((e) => e.actor === '测试员（测试）')).toBe(true);
    const rename = log.find((e) => e.entity === 'org_unit' && e.action === 'update')!;
    expect(rename.before).toMatchObject({ name: '第一党小组', founded_on: null });
    expect(rename.after).toMatchObject({ name: '机关第一党小组', founded_on: '2020-01-01' });
    const removal = log.find((e) => e.action === 'delete')!;
    expect(removal).toMatchObject({ entity: 'committee_post', reason: '录入错误', after: null });
    expect(removal.before).toMatchObject({ holder_name: '张三', ended_on: '2026-03-01' });
  });

  it('cannot be edited or deleted, even by SQL on the app’s own connection', async () => {
    const { api, ws } = tempWorkspace();
    await api('organ.setup', SAMPLE_SETUP);
    const db = ws.database();
    const count = () => (db.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n;
    const before = count();
    expect(() => db.prepare(`UPDATE audit_log SET actor = '别人'`).run()).toThrow(/只能追加，不能修改/);
    expect(() => db.prepare(`DELETE FROM audit_log`).run()).toThrow(/只能追加，不能删除/);
    expect(count()).toBe(before);
    expect((db.prepare(`SELECT count(*) AS n FROM audit_log WHERE actor = '别人'`).get() as { n: number }).n).toBe(0);
  });

  it('refuses writes from a connection that does not identify who is writing', async () => {
    const { api, ws } = tempWorkspace();
    await api('organ.setup', SAMPLE_SETUP);
    const file = ws.dataFile;
    ws.close();
    const stray = new Database(file);
    expect(() => stray.prepare(`UPDATE org_unit SET name = '改名' WHERE id = 2`).run()).toThrow(/audit_actor/);
    stray.close();
    const reopened = tempWorkspace({ dataDir: path.dirname(file) });
    expect((await reopened.api('org.units', {})).map((u) => u.name)).toContain('第一党支部');
  });
});
