import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SAMPLE_SETUP, tempDir, tempWorkspace } from '../support/temp-workspace';

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
    const names = list.stdout.trimEnd().split('\n').slice(2).map((line) => /^( *\S+)/.exec(line.slice(6))?.[1]);
    expect(names).toEqual(['中共某某局机关委员会', '  一支部', '    一支部第一小组', '  二支部', '    二支部第一小组', '  第一总支', '    总支下支部']);
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
});
