/*
 * One writer per data file across processes. Browser mode (the real entry, as `npm run web`
 * starts it) holds the office's file while the CLI tries to write, import, restore and back up
 * beside it: each is refused naming browser mode and its process, and everything the page saved
 * is there. The listing and report commands run beside it, read-only. Killed with SIGKILL, browser
 * mode leaves no lock behind (its core process goes with it): the next process goes ahead. In one process: the lock screen
 * keeps the file; a file replaced under an open connection by a program that ignores the lock is
 * noticed at the next call, which writes nothing; and SQLite's own busy answer is named.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { currentHolder } from '../../src/core/custody/writer-lock';
import { directInvoke } from '../../src/core/dispatch';
import { createHandlers } from '../../src/core/handlers';
import { Workspace } from '../../src/core/workspace';
import { READ_ONLY_COMMANDS } from '../../src/cli/read-only';
import { removeBundles } from '../support/bundle';
import { citizenId, memberFields } from '../support/people';
import { runCli, startBrowserMode, type BrowserMode } from '../support/processes';
import { SAMPLE_SETUP, tempDir, tempWorkspace } from '../support/temp-workspace';
import { rejection } from '../support/rejection';

const PASSPHRASE = '两个程序一个文件2026';
const running: BrowserMode[] = [];
afterAll(() => {
  for (const web of running) web.child.kill('SIGKILL');
  removeBundles();
});

/** An organ with members, a 班子 with a report, a meeting, a backup and a USB export of itself. */
async function office() {
  const t = tempWorkspace({ today: '2026-11-22' });
  await t.api('organ.setup', SAMPLE_SETUP);
  const wang = await t.api('roster.add', {
    fields: memberFields({ name: '王书记', citizenId: citizenId('1970-05-01', 'male', 1) }),
  });
  await t.api('roster.add', {
    fields: memberFields({ name: '李秀英', citizenId: citizenId('1982-02-02', 'female', 2), gender: 'female' }),
  });
  await t.api('duties.addLeader', {
    year: 2026,
    memberId: wang.id,
    role: 'secretary',
    title: '党组书记、局长',
    divisions: ['办公室'],
    branchIds: [2],
  });
  const meeting = await t.api('meetings.create', {
    kind: 'democratic',
    year: 2026,
    theme: '凝心铸魂强根基',
    heldOn: '2026-12-20',
    people: [
      { name: '王书记', role: 'principal' },
      { name: '李副局长', role: 'member' },
    ],
  });
  await t.api('dues.assess', { year: 2026 });
  const backup = await t.api('backup.create', {});
  const stick = tempDir();
  const exported = await t.api('backup.export', { passphrase: PASSPHRASE, target: stick });
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('名册');
  sheet.addRow(['姓名', '身份证号', '党支部', '入党日期', '转正日期']);
  sheet.addRow(['赵卫国', citizenId('1979-09-09', 'male', 9), '第一党支部', '2005-07-01', '2006-07-01']);
  const workbook = path.join(stick, '名册.xlsx');
  fs.writeFileSync(workbook, Buffer.from(await book.xlsx.writeBuffer()));
  t.ws.close();
  return { dataDir: t.dataDir, dataFile: t.ws.dataFile, backup, pobk: exported.file, workbook, meeting, out: stick };
}

/** The arguments each read-only command runs with (a command added to the list must be added here). */
function readOnlyArgs(o: Awaited<ReturnType<typeof office>>): Record<string, string[]> {
  const out = (name: string) => path.join(o.out, name);
  return {
    'org list': ['org', 'list'],
    'roster list': ['roster', 'list'],
    'roster export': ['roster', 'export', out('名册导出.xlsx')],
    'roster import': ['roster', 'import', o.workbook, '--dry-run'],
    'backup list': ['backup', 'list'],
    'backup verify': ['backup', 'verify', o.pobk],
    'audit list': ['audit', 'list', '--limit', '5'],
    'dues rate': ['dues', 'rate', '--category', '在职', '--base', '6300'],
    'dues ledger': ['dues', 'ledger', '--year', '2026', '--out', out('台账.xlsx')],
    'dues report': ['dues', 'report', '登记表', '--month', '2026-03', '--out', out('登记表.xlsx')],
    'dues arrears': ['dues', 'arrears'],
    'duties list': ['duties', 'list', '--year', '2026'],
    'duties report': ['duties', 'report', '--person', '王书记', '--year', '2026', '--out', out('述责述廉.docx')],
    'duties letter': ['duties', 'letter', '--person', '王书记', '--year', '2026', '--out', out('责任书.docx')],
    'duties ledger': ['duties', 'ledger', '--year', '2026', '--out', out('纪实台账.docx')],
    'meetings list': ['meetings', 'list'],
    'meetings binder': ['meetings', 'binder', '--meeting', String(o.meeting.id), '--out', out('汇编.docx')],
    print: ['print', 'org-units', '--out', out('组织.docx')],
  };
}

describe('browser mode and the CLI on one data file', () => {
  it('refuses the CLI’s writes, import, restore and backup beside browser mode, naming it; reads go ahead; a killed holder leaves no lock', async () => {
    const o = await office();
    const env = { PARTY_OFFICE_DATA_DIR: o.dataDir, PARTY_OFFICE_PASSPHRASE: PASSPHRASE };
    const web = await startBrowserMode(o.dataDir);
    running.push(web);
    expect(await web.invoke('app.status', {})).toMatchObject({ state: 'ready', organ: { name: '某某局' } });
    const fields = memberFields({ name: '网页录入', citizenId: citizenId('1990-10-10', 'male', 10) });
    const saved = await web.invoke('roster.add', { fields });
    expect(currentHolder(o.dataFile)).toMatchObject({ pid: web.pid, via: 'web' });

    const named = `数据文件正由浏览器模式（进程 ${web.pid}）使用`;
    const writes: [string, string[]][] = [
      ['add a branch', ['org', 'add-branch', '第九党支部']],
      ['import a roster', ['roster', 'import', o.workbook]],
      ['USB import', ['backup', 'import', o.pobk]],
      ['restore', ['backup', 'restore', o.backup.id]],
      ['back up', ['backup', 'create']],
    ];
    for (const [what, args] of writes) {
      const run = await runCli(args, env);
      expect(run.code, what).toBe(1);
      expect(run.stderr, what).toContain(named);
      expect(run.stderr, what).toContain('请先停止浏览器模式');
      expect(run.stderr, what).toContain('数据没有改动');
    }
    // What the page saved is all there, and nothing the CLI tried.
    const rows = (await web.invoke('roster.search', {})).rows.map((r) => r.name).sort();
    expect(rows).toEqual(['李秀英', '王书记', '网页录入'].sort());
    expect((await web.invoke('org.units', {})).map((u) => u.name)).not.toContain('第九党支部');
    expect((await web.invoke('backup.list', {})).map((b) => b.id)).toEqual([o.backup.id]);

    // Every read-only command runs beside it, on a read-only connection.
    const args = readOnlyArgs(o);
    expect(Object.keys(args).sort()).toEqual([...READ_ONLY_COMMANDS].sort());
    for (const [name, argv] of Object.entries(args)) {
      const run = await runCli(argv, env);
      expect(run.stderr, name).toBe('');
      expect(run.code, name).toBe(0);
    }
    expect((await runCli(['roster', 'list'], env)).stdout).toContain('网页录入');
    // The page goes on saving after all of that.
    await web.invoke('roster.update', { id: saved.id, fields: { ...fields, note: '改过' } });

    // Killed outright, browser mode takes its lock with it: its core process (which holds the lock
    // on its behalf) ends as soon as its channel to the killed host closes, and the import goes ahead.
    web.child.kill('SIGKILL');
    await web.exited;
    await expect.poll(() => currentHolder(o.dataFile), { timeout: 10_000 }).toBe('free');
    const imported = await runCli(['backup', 'import', o.pobk], env);
    expect(imported.stderr).toBe('');
    expect(imported.code).toBe(0);
    const after = await runCli(['--json', 'roster', 'list'], env);
    expect((JSON.parse(after.stdout) as { members: { name: string }[] }).members.map((r) => r.name).sort()).toEqual(
      ['李秀英', '王书记'].sort(),
    );
  }, 300_000);
});

describe('one process', () => {
  it('keeps the file while on the lock screen; lets go when closed', async () => {
    const PASSWORD = '锁屏也占着文件2026';
    const t = tempWorkspace();
    await t.api('organ.setup', { ...SAMPLE_SETUP, password: PASSWORD });
    t.ws.lock();
    expect(await t.api('app.status', {})).toMatchObject({ state: 'locked' });
    const other = new Workspace({ dataDir: t.dataDir, via: 'cli', lockWaitMs: 0 });
    const api = directInvoke(createHandlers(other));
    try {
      const refused = await rejection(api('custody.unlock', { password: PASSWORD }));
      expect(refused).toMatchObject({ code: 'CONFLICT' });
      expect(refused.message).toContain(`数据文件正由测试（进程 ${process.pid}）使用`);
      t.ws.close();
      expect(currentHolder(t.ws.dataFile)).toBe('free');
      await api('custody.unlock', { password: PASSWORD });
      expect(currentHolder(t.ws.dataFile)).toMatchObject({ pid: process.pid, via: 'cli' });
    } finally {
      other.close();
    }
  });

  it('notices a file replaced under it by a program that ignores the lock, and writes nothing to the old one', async () => {
    const t = tempWorkspace();
    await t.api('organ.setup', SAMPLE_SETUP);
    await t.api('roster.add', { fields: memberFields({ name: '原来的人' }) });
    // Another organ's file, put in place by hand while the app runs (as a careless copy would).
    const elsewhere = tempWorkspace();
    await elsewhere.api('organ.setup', { ...SAMPLE_SETUP, organName: '另一个局' });
    await elsewhere.api('roster.add', {
      fields: memberFields({ name: '别处的人', citizenId: citizenId('1966-06-06', 'male', 6) }),
    });
    elsewhere.ws.close();
    for (const suffix of ['-wal', '-shm']) fs.rmSync(t.ws.dataFile + suffix, { force: true });
    fs.copyFileSync(elsewhere.ws.dataFile, `${t.ws.dataFile}.by-hand`);
    fs.renameSync(`${t.ws.dataFile}.by-hand`, t.ws.dataFile);

    const lost = memberFields({
      name: '不该写进旧文件',
      citizenId: citizenId('1977-07-07', 'female', 7),
      gender: 'female',
    });
    const refused = await rejection(t.api('roster.add', { fields: lost }));
    expect(refused.code).toBe('CONFLICT');
    expect(refused.message).toContain('已被另一个程序替换');
    expect(refused.message).toContain('刚才的操作没有执行');
    // The next call works on the file now in place, which the refused change never reached.
    expect((await t.api('roster.search', {})).rows.map((r) => r.name)).toEqual(['别处的人']);
    expect((await t.api('app.status', {})) as { organ: { name: string } }).toMatchObject({
      organ: { name: '另一个局' },
    });

    // Removed outright: said so, and not mistaken for a first run.
    fs.rmSync(t.ws.dataFile);
    const gone = await rejection(t.api('roster.search', {}));
    expect(gone.message).toContain('已被移走或删除');
  });

  it('names SQLite’s own “busy” when a program that ignores the lock holds a write transaction', async () => {
    const t = tempWorkspace();
    await t.api('organ.setup', SAMPLE_SETUP);
    const shell = new Database(t.ws.dataFile);
    try {
      shell.exec('BEGIN IMMEDIATE');
      const refused = await rejection(t.api('org.addUnit', { kind: 'branch', parentId: 1, name: '第三党支部' }));
      expect(refused).toMatchObject({ code: 'CONFLICT' });
      expect(refused.message).toContain('数据文件正被另一个程序使用');
      expect(refused.message).not.toContain('操作未能完成');
    } finally {
      shell.close();
    }
    expect((await t.api('org.units', {})).map((u) => u.name)).not.toContain('第三党支部');
  }, 30_000);
});
