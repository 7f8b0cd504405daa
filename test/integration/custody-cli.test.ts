import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../support/temp-workspace';

const root = path.resolve(import.meta.dirname, '../..');

function cli(env: Record<string, string>, ...args: string[]) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'src/cli/main.ts'), ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, PARTY_OFFICE_DATA_DIR: tempDir(), ...env },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('backup and audit commands', () => {
  it('backs up, lists, exports with a passphrase from the environment, verifies and imports elsewhere', () => {
    const dir = tempDir();
    const db = path.join(dir, 'a', 'party-office.db');
    expect(cli({}, '--db', db, 'init', '--organ', '某某局', '--branch', '第一党支部').code).toBe(0);
    const created = cli({}, '--db', db, '--json', 'backup', 'create');
    expect(JSON.parse(created.stdout)).toMatchObject({ ok: true, backup: { reason: 'manual', counts: { units: 2 } } });
    expect(cli({}, '--db', db, 'backup', 'list').stdout).toContain('手动备份');

    const noPassphrase = cli({}, '--db', db, 'backup', 'export', '--out', dir);
    expect(noPassphrase.code).not.toBe(0);
    expect(noPassphrase.stderr).toContain('PARTY_OFFICE_PASSPHRASE');

    const env = { PARTY_OFFICE_PASSPHRASE: '带走的口令2026' };
    const exported = JSON.parse(cli(env, '--db', db, '--json', 'backup', 'export', '--out', dir).stdout);
    // The name a finder of the stick sees carries the day only; the organ is inside, sealed.
    expect(path.basename(exported.file)).toMatch(/^党务数据-\d{4}-\d{2}-\d{2}\.pobk$/);
    expect(fs.readFileSync(exported.file).includes(Buffer.from('某某局'))).toBe(false);
    // A file named as older versions named it (after the organ) is read all the same.
    const oldName = path.join(dir, `某某局-${path.basename(exported.file)}`);
    fs.copyFileSync(exported.file, oldName);
    expect(cli(env, '--db', db, 'backup', 'verify', oldName).stdout).toContain('有效：某某局');

    expect(cli(env, '--db', db, 'backup', 'verify', exported.file).stdout).toContain('有效：某某局');
    const wrong = cli({ PARTY_OFFICE_PASSPHRASE: '不对的口令xyz' }, '--db', db, 'backup', 'verify', exported.file);
    expect(wrong.code).not.toBe(0);
    expect(wrong.stderr).toContain('导出口令不正确');

    const other = path.join(dir, 'b', 'party-office.db');
    const imported = cli(env, '--db', other, 'backup', 'import', exported.file);
    expect(imported.code).toBe(0);
    expect(cli({}, '--db', other, 'org', 'list').stdout).toContain('第一党支部');
    const log = cli({}, '--db', other, 'audit', 'list').stdout;
    expect(log).toContain('组织'); // the table's name in the office's words, as on the 操作记录 screen
    expect(log).toContain('第一党支部');
    expect(log).not.toContain('org_unit');
  }, 120_000); // twelve CLI processes, each starting Node and tsx: 3–6 s apiece on a busy machine

  it('opens an encrypted organ with the password from the environment, and says how when it is missing', async () => {
    const dir = tempDir();
    const { tempWorkspace, SAMPLE_SETUP } = await import('../support/temp-workspace');
    const t = tempWorkspace({ dataDir: dir });
    await t.api('organ.setup', { ...SAMPLE_SETUP, password: '机关密码abcd' });
    t.ws.close();
    const db = path.join(dir, 'party-office.db');
    const locked = cli({}, '--db', db, 'org', 'list');
    expect(locked.code).not.toBe(0);
    expect(locked.stderr).toContain('PARTY_OFFICE_PASSWORD');
    expect(cli({ PARTY_OFFICE_PASSWORD: '机关密码abcd' }, '--db', db, 'org', 'list').stdout).toContain('第一党支部');
    expect(cli({ PARTY_OFFICE_PASSWORD: '错的' }, '--db', db, 'org', 'list').stderr).toContain('密码不正确');
  }, 120_000); // three CLI processes, each starting Node and tsx and deriving the key: 32 s seen at load 22
});
