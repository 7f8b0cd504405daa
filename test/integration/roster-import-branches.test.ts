/*
 * Branches named in the workbook (issue 12): a fresh organ with no branches imports the roster it
 * has kept for years; the 党支部 (党总支, 党小组) the workbook names are offered, with their row
 * counts and near misses, and made with the members on confirmation — in one transaction.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { citizenId } from '../support/people';
import { SAMPLE_SETUP, tempDir, tempWorkspace } from '../support/temp-workspace';
import { asFile, workbook } from '../support/workbooks';
import { rejection } from '../support/rejection';

async function freshOrgan(branches: string[] = []) {
  const t = tempWorkspace({ today: '2026-11-22' });
  await t.api('organ.setup', { ...SAMPLE_SETUP, branches });
  return t;
}

const people = Array.from({ length: 8 }, (_, i) => ({
  name: `党员${'甲乙丙丁戊己庚辛'[i]}`,
  id: citizenId(`197${i}-0${i + 1}-1${i}`, i % 2 ? 'female' : 'male', 10 + i),
}));

async function roster(branchOf: (i: number) => string, group?: (i: number) => string | null) {
  return workbook((sheet) => {
    sheet.addRow(['某某局党员花名册']);
    sheet.addRow(['姓名', '身份证号', '所在党支部', ...(group ? ['党小组'] : []), '入党日期', '转正日期']);
    people.forEach((p, i) =>
      sheet.addRow([p.name, p.id, branchOf(i), ...(group ? [group(i)] : []), '2005-07-01', '2006-07-01']),
    );
    sheet.addRow(['合计', `${people.length}人`]);
  });
}

async function units(t: Awaited<ReturnType<typeof freshOrgan>>) {
  return (await t.api('org.units', {})).map((u) => [u.kind, u.name, u.parentId]);
}

describe('branches named in the workbook', () => {
  it('offers the branches a fresh organ lacks, refuses to commit without confirmation, and makes them with the members', async () => {
    const t = await freshOrgan();
    const file = asFile('花名册.xlsx', await roster((i) => (i < 5 ? '第一党支部' : '第二党支部')));
    const preview = await t.api('roster.importPreview', { file });
    expect(preview.errors).toEqual([]);
    expect(preview.valid).toBe(8);
    expect(preview.newBranches).toEqual([
      { name: '第一党支部', kind: 'branch', rows: 5, similar: [] },
      { name: '第二党支部', kind: 'branch', rows: 3, similar: [] },
    ]);
    const before = await units(t);

    const refused = await rejection(t.api('roster.importCommit', { file, skipRows: [] }));
    expect(refused.message).toBe(
      '表格中有 2 个党组织尚未建立：第一党支部（5 行）、第二党支部（3 行）。请确认建立后再导入，或在表格中改为已有党组织的名称；没有导入任何数据。',
    );
    expect(await units(t)).toEqual(before);
    expect((await t.api('roster.search', {})).counts.total).toBe(0);

    const result = await t.api('roster.importCommit', { file, skipRows: [], createBranches: true });
    expect(result).toMatchObject({ added: 8, createdBranches: ['第一党支部', '第二党支部'] });
    const after = await t.api('org.units', {});
    const committee = after.find((u) => u.parentId === null)!;
    const made = after.filter((u) => u.kind === 'branch');
    expect(made.map((u) => [u.name, u.parentId])).toEqual([
      ['第一党支部', committee.id],
      ['第二党支部', committee.id],
    ]);
    const search = await t.api('roster.search', { branchIds: [made[1]!.id] });
    expect(search.rows.map((r) => r.name).sort()).toEqual(['党员己', '党员庚', '党员辛']);
    // The audit log records the units as any other change.
    const audit = await t.api('audit.list', { limit: 200 });
    expect(audit.filter((e) => e.entity === 'org_unit' && e.action === 'insert')).toHaveLength(3);
  });

  it('makes 党总支/党支部 paths and 党小组 under them, each once, parents first', async () => {
    const t = await freshOrgan();
    const file = asFile(
      '总支.xlsx',
      await roster(
        (i) => (i < 4 ? '第一党总支/第二党支部' : i < 6 ? '第一党总支／第三党支部' : '机关党委/离退休党支部'),
        (i) => (i < 2 ? '第一党小组' : null),
      ),
    );
    const preview = await t.api('roster.importPreview', { file });
    expect(preview.errors).toEqual([]);
    expect(preview.newBranches.map((u) => [u.name, u.kind, u.rows])).toEqual([
      ['第一党总支', 'generalBranch', 6],
      ['第一党总支/第二党支部', 'branch', 4],
      ['第一党总支/第二党支部/第一党小组', 'partyGroup', 2],
      ['第一党总支/第三党支部', 'branch', 2],
      ['离退休党支部', 'branch', 2],
    ]);
    await t.api('roster.importCommit', { file, skipRows: [], createBranches: true });
    const all = await t.api('org.units', {});
    const byName = (name: string) => all.find((u) => u.name === name)!;
    expect(byName('第二党支部').parentId).toBe(byName('第一党总支').id);
    expect(byName('第三党支部').parentId).toBe(byName('第一党总支').id);
    expect(byName('第一党小组').parentId).toBe(byName('第二党支部').id);
    expect(byName('离退休党支部').parentId).toBe(all.find((u) => u.parentId === null)!.id);
    const inGroup = await t.api('roster.search', { branchIds: [byName('第二党支部').id] });
    expect(inGroup.counts.total).toBe(4);
  });

  it('warns of near misses and maps a name onto an existing branch only when the person says so', async () => {
    const t = await freshOrgan(['机关第一党支部', '第二党支部']);
    const file = asFile('名册.xlsx', await roster((i) => (i < 3 ? '机关一支部' : i < 5 ? '第2党支部' : '第二党支部')));
    const preview = await t.api('roster.importPreview', { file });
    const existing = await t.api('org.units', {});
    const id = (name: string) => existing.find((u) => u.name === name)!.id;
    expect(preview.newBranches).toEqual([
      {
        name: '机关一支部',
        kind: 'branch',
        rows: 3,
        similar: [{ unitId: id('机关第一党支部'), name: '机关第一党支部' }],
      },
      { name: '第2党支部', kind: 'branch', rows: 2, similar: [{ unitId: id('第二党支部'), name: '第二党支部' }] },
    ]);
    // Mapped: the rows go to the existing branches and nothing new is made.
    const unitMapping = [
      { name: '机关一支部', unitId: id('机关第一党支部') },
      { name: '第2党支部', unitId: id('第二党支部') },
    ];
    const mapped = await t.api('roster.importPreview', { file, unitMapping });
    expect(mapped.newBranches).toEqual([]);
    expect(mapped.valid).toBe(8);
    await t.api('roster.importCommit', { file, unitMapping, skipRows: [] });
    expect((await t.api('org.units', {})).length).toBe(existing.length);
    expect((await t.api('roster.search', { branchIds: [id('机关第一党支部')] })).counts.total).toBe(3);
  });

  it('makes no unit that only rows left out would have needed', async () => {
    const t = await freshOrgan(['第一党支部']);
    const bytes = await workbook((sheet) => {
      sheet.addRow(['姓名', '身份证号', '党支部', '入党日期', '转正日期']);
      sheet.addRow([people[0]!.name, people[0]!.id, '第一党支部', '2005-07-01', '2006-07-01']);
      sheet.addRow([people[1]!.name, '123', '第九党支部', '2005-07-01', '2006-07-01']);
    });
    const file = asFile('一行有误.xlsx', bytes);
    const preview = await t.api('roster.importPreview', { file });
    expect(preview.problemRows).toEqual([3]);
    expect(preview.newBranches.map((u) => u.name)).toEqual(['第九党支部']);
    const result = await t.api('roster.importCommit', { file, skipRows: [3] });
    expect(result).toMatchObject({ added: 1, createdBranches: [] });
    expect((await t.api('org.units', {})).some((u) => u.name === '第九党支部')).toBe(false);
  });

  it('refuses a row naming a 党总支 itself, or a branch name two 总支 share, saying what to write', async () => {
    const t = await freshOrgan();
    const committee = (await t.api('org.units', {})).find((u) => u.parentId === null)!;
    for (const name of ['第一党总支', '第二党总支']) {
      const unit = await t.api('org.addUnit', { kind: 'generalBranch', parentId: committee.id, name });
      await t.api('org.addUnit', { kind: 'branch', parentId: unit.id, name: '第一党支部' });
    }
    const file = asFile(
      '名册.xlsx',
      await roster((i) => (i === 0 ? '第一党总支' : i === 1 ? '第一党支部' : '第二党总支/第一党支部')),
    );
    const preview = await t.api('roster.importPreview', { file });
    expect(preview.errors.map((e) => [e.row, e.message])).toEqual([
      [3, '“第一党总支”是党总支，党员应编入其下的党支部：请写作“第一党总支/某某党支部”'],
      [4, '有 2 个名为“第一党支部”的党支部（分属第一党总支、第二党总支），请写明所属党总支，如“某某党总支/第一党支部”'],
    ]);
    expect(preview.newBranches).toEqual([]);
    expect(preview.valid).toBe(6);
  });
});

describe('roster import on the command line', () => {
  const root = path.resolve(import.meta.dirname, '../..');
  function cli(...args: string[]) {
    const result = spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'src/cli/main.ts'), ...args], {
      cwd: root,
      encoding: 'utf8',
    });
    return { code: result.status, stdout: result.stdout, stderr: result.stderr };
  }

  it('lists the branches to make, refuses without --create-branches, carries newBranches in --json and --dry-run', async () => {
    const t = await freshOrgan();
    t.ws.close();
    const db = t.ws.dataFile;
    const file = path.join(tempDir(), '花名册.xlsx');
    fs.writeFileSync(file, await roster((i) => (i < 5 ? '第一党支部' : '第二党支部')));
    const newBranches = [
      { name: '第一党支部', kind: 'branch', rows: 5, similar: [] },
      { name: '第二党支部', kind: 'branch', rows: 3, similar: [] },
    ];

    const dry = cli('--db', db, '--json', 'roster', 'import', file, '--dry-run');
    expect(dry.code).toBe(0);
    expect(JSON.parse(dry.stdout)).toMatchObject({ ok: false, valid: 8, imported: 0, newBranches });
    const dryMade = cli('--db', db, '--json', 'roster', 'import', file, '--dry-run', '--create-branches');
    expect(JSON.parse(dryMade.stdout)).toMatchObject({ ok: true, valid: 8, imported: 0, newBranches });

    const refused = cli('--db', db, 'roster', 'import', file);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain('表格中有 2 个党组织尚未建立：\n  第一党支部（5 行）\n  第二党支部（3 行）');
    expect(refused.stdout).toContain('没有写入任何数据。确认无误后加 --create-branches 一并建立');
    expect(cli('--db', db, 'org', 'list').stdout).not.toContain('第一党支部');

    const done = cli('--db', db, '--json', 'roster', 'import', file, '--create-branches');
    expect(done.code).toBe(0);
    expect(JSON.parse(done.stdout)).toMatchObject({
      ok: true,
      imported: 8,
      added: 8,
      newBranches,
      createdBranches: ['第一党支部', '第二党支部'],
    });
    expect(cli('--db', db, 'org', 'list').stdout).toMatch(/第二党支部\s+党支部/);
  }, 120_000); // five CLI processes, each starting Node and tsx
});
