import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { rosterMembers, rosterWorkbook } from '../support/big-roster';
import { citizenId } from '../support/people';
import { SAMPLE_SETUP, tempDir, tempWorkspace } from '../support/temp-workspace';
import { addRows, asFile, readBack, workbook } from '../support/workbooks';

const root = path.resolve(import.meta.dirname, '../..');

/** The real entry point, as `npm run cli --` runs it. */
function cli(...args: string[]) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'src/cli/main.ts'), ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, PARTY_OFFICE_DATA_DIR: tempDir() },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('party-office CLI', () => {
  it('creates an organ, adds a branch and lists the tree', () => {
    const db = path.join(tempDir(), 'organ.db');
    const init = cli('--db', db, 'init', '--organ', '某某局', '--superior', '市直机关工委', '--branch', '第一党支部');
    expect(init.code).toBe(0);
    expect(init.stdout).toContain('已建立“某某局”的数据文件：中共某某局机关委员会');
    expect(cli('--db', db, 'org', 'add-branch', '第二党支部').stdout).toContain('新增党支部“第二党支部”');
    const list = cli('--db', db, 'org', 'list');
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/中共某某局机关委员会\s+机关党委/);
    expect(list.stdout).toMatch(/第二党支部\s+党支部/);
  });

  it('lists units in tree order, each under its parent', async () => {
    const t = tempWorkspace();
    await t.api('organ.setup', { ...SAMPLE_SETUP, branches: ['一支部', '二支部'] });
    const general = await t.api('org.addUnit', { kind: 'generalBranch', parentId: 1, name: '第一总支' });
    await t.api('org.addUnit', { kind: 'branch', parentId: general.id, name: '总支下支部' });
    await t.api('org.addUnit', { kind: 'partyGroup', parentId: 3, name: '二支部第一小组' });
    await t.api('org.addUnit', { kind: 'partyGroup', parentId: 2, name: '一支部第一小组' });
    t.ws.close();
    const list = cli('--db', t.ws.dataFile, 'org', 'list');
    expect(list.code).toBe(0);
    // "编号" is 4 columns wide and columns are 2 apart, so names start at column 6, indented by depth.
    const names = list.stdout
      .trimEnd()
      .split('\n')
      .slice(2)
      .map((line) => /^( *\S+)/.exec(line.slice(6))?.[1]);
    expect(names).toEqual([
      '中共某某局机关委员会',
      '  一支部',
      '    一支部第一小组',
      '  二支部',
      '    二支部第一小组',
      '  第一总支',
      '    总支下支部',
    ]);
  });

  it('prints only JSON on stdout with --json', () => {
    const db = path.join(tempDir(), 'organ.db');
    const init = cli('--db', db, '--json', 'init', '--organ', '某某局');
    expect(JSON.parse(init.stdout)).toMatchObject({ ok: true, organ: { name: '某某局' } });
    const list = cli('--db', db, '--json', 'org', 'list');
    const parsed = JSON.parse(list.stdout);
    expect(parsed.units.map((u: { name: string }) => u.name)).toEqual(['中共某某局机关委员会']);
    expect(list.stderr).toBe('');
  });

  it('reports errors in Chinese on stderr with a non-zero exit code', () => {
    const db = path.join(tempDir(), 'organ.db');
    const before = cli('--db', db, 'org', 'list');
    expect(before.code).not.toBe(0);
    expect(before.stderr).toContain('尚未建立本机关的党务数据');
    expect(before.stdout).toBe('');
    cli('--db', db, 'init', '--organ', '某某局', '--branch', '第一党支部');
    const dup = cli('--db', db, '--json', 'org', 'add-branch', '第一党支部');
    expect(dup.code).toBe(1);
    expect(dup.stderr).toContain('已有名为“第一党支部”的组织');
    expect(JSON.parse(dup.stdout)).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    const unknown = cli('--db', db, 'frobnicate');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('没有“frobnicate”这个命令');
    const missing = cli('--db', db, 'init');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--organ');
  });

  it('imports a roster: --dry-run checks only, problems stop the import, --skip-invalid leaves them out', async () => {
    const dir = tempDir();
    const db = path.join(dir, 'organ.db');
    cli('--db', db, 'init', '--organ', '某某局', '--branch', '第一党支部');
    const file = path.join(dir, '名册.xlsx');
    fs.writeFileSync(
      file,
      await workbook((sheet) =>
        addRows(sheet, [
          ['姓名', '身份证号', '党支部', '入党日期', '转正日期'],
          ['张三', citizenId('1980-01-01', 'male', 1), '第一党支部', '2005-07-01', '2006-07-01'],
          ['李四', '110101', '第一党支部', '1998-07-01', '1999-07-01'],
        ]),
      ),
    );
    const dry = cli('--db', db, '--json', 'roster', 'import', file, '--dry-run');
    expect(dry.code).toBe(0);
    expect(JSON.parse(dry.stdout)).toEqual({
      ok: false,
      rows: 2,
      valid: 1,
      imported: 0,
      errorCount: 1,
      errors: [{ row: 3, column: '身份证号（B列）', value: '110101', message: '公民身份号码应为18位，这里是6位' }],
      newBranches: [],
      sheets: [{ name: 'Sheet1', kind: 'roster', branch: null, rows: 2, hidden: false, chosen: true }],
    });
    const stopped = cli('--db', db, 'roster', 'import', file);
    expect(stopped.code).toBe(1);
    expect(stopped.stdout).toContain('第3行 身份证号（B列）“110101”：公民身份号码应为18位');
    expect(stopped.stdout).toContain('没有写入任何数据');
    expect(JSON.parse(cli('--db', db, '--json', 'roster', 'list').stdout).counts.total).toBe(0);

    const done = cli('--db', db, '--json', 'roster', 'import', file, '--skip-invalid');
    expect(JSON.parse(done.stdout)).toMatchObject({ ok: true, rows: 2, valid: 1, imported: 1, skipped: [3] });
    const list = cli('--db', db, 'roster', 'list');
    expect(list.stdout).toMatch(/张三\s+男\s+110\*+\d{3}[\dX]\s+第一党支部\s+正式党员/);
    expect(list.stdout).toContain('共 1 人');
    expect(list.stdout).toMatch(/张三.*2005年7月1日/);
    // 日期待补全: none here, every date in the workbook was a day.
    expect(cli('--db', db, 'roster', 'list', '--dates-incomplete').stdout).toContain('共 0 人');

    const out = path.join(dir, '导出.xlsx');
    expect(cli('--db', db, 'roster', 'export', out).code).toBe(0);
    const book = await readBack(fs.readFileSync(out).toString('base64'));
    expect(book.worksheets[0]?.getCell('A1').value).toBe('中共某某局机关委员会党员花名册');
    expect(cli('--db', db, 'roster', 'import', path.join(dir, '没有这个文件.xlsx')).stderr).toContain('找不到文件');
  }, 120_000); // eight CLI processes, each starting Node and tsx: 3–6 s apiece on a busy machine

  it('ends quietly when the reader of its output stops early (roster list | head -1)', async () => {
    const t = tempWorkspace();
    await t.api('organ.setup', SAMPLE_SETUP);
    const members = rosterMembers(1500, SAMPLE_SETUP.branches);
    // The table is ~150 KB, well over a pipe's 64 KB: the CLI is still writing when the reader goes.
    await t.api('roster.importCommit', { file: asFile('花名册.xlsx', await rosterWorkbook(members)), skipRows: [] });
    t.ws.close();
    // Exactly as typed at a prompt: head reads the first line and closes its end of the pipe.
    const stderrFile = path.join(tempDir(), 'stderr.txt');
    const command = [process.execPath, '--import', 'tsx', path.join(root, 'src/cli/main.ts')]
      .concat(['--db', t.ws.dataFile, 'roster', 'list'])
      .map((a) => `'${a.replaceAll("'", "'\\''")}'`)
      .join(' ');
    const piped = spawnSync('bash', ['-c', `${command} 2>'${stderrFile}' | head -1; echo "exit=\${PIPESTATUS[0]}"`], {
      cwd: root,
      encoding: 'utf8',
    });
    const [first, exit] = piped.stdout.trimEnd().split('\n');
    expect(first).toMatch(/^姓名\s+性别\s+身份证号/);
    expect(fs.readFileSync(stderrFile, 'utf8')).toBe('');
    expect(exit).toBe('exit=0');
    // The file is whole and free: the next command opens it for writing.
    expect(cli('--db', t.ws.dataFile, 'org', 'add-branch', '管道之后').code).toBe(0);
  }, 120_000);
});
