import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { rebuildAuditTriggers } from '../../src/core/db/audit-triggers';
import { MIGRATIONS } from '../../src/core/db/migrations';
import { citizenId, memberFields } from '../support/people';
import { SAMPLE_SETUP, tempDir, tempWorkspace } from '../support/temp-workspace';
import { addRows, asFile, readBack, workbook } from '../support/workbooks';
import { rejection } from '../support/rejection';

async function organ() {
  const t = tempWorkspace({ today: '2026-11-22' });
  await t.api('organ.setup', SAMPLE_SETUP);
  return t;
}

const idOf = (list: { id: number; name: string }[], name: string) => list.find((d) => d.name === name)!.id;

describe('处室 on the member', () => {
  it('keeps a list of 处室 beside the branches, a member in one of each, filtered and shown by name', async () => {
    const t = await organ();
    await t.api('org.addDivision', { name: '办公室' });
    await t.api('org.addDivision', { name: '财务处' });
    const list = await t.api('org.addDivision', { name: '人事处' });
    expect(list.map((d) => d.name)).toEqual(['办公室', '财务处', '人事处']);
    expect((await rejection(t.api('org.addDivision', { name: '财务处' }))).message).toBe('已有名为“财务处”的处室。');

    const office = idOf(list, '办公室');
    const finance = idOf(list, '财务处');
    // 第一党支部 spans two 处室; one member in none (离退休).
    const zhang = await t.api('roster.add', { fields: memberFields({ divisionId: office }) });
    await t.api('roster.add', {
      fields: memberFields({
        name: '李四',
        citizenId: citizenId('1990-05-05', 'female'),
        gender: 'female',
        divisionId: finance,
      }),
    });
    await t.api('roster.add', {
      fields: memberFields({
        name: '王五',
        citizenId: citizenId('1950-01-01', 'male', 3),
        employmentCategory: 'retired',
      }),
    });
    expect(zhang).toMatchObject({ branchName: '第一党支部', divisionId: office, divisionName: '办公室' });
    const names = async (divisionIds: number[]) =>
      (await t.api('roster.search', { divisionIds })).rows.map((r) => r.name).sort();
    expect(await names([office])).toEqual(['张三']);
    expect(await names([office, finance])).toEqual(['张三', '李四']);
    expect(await names([0])).toEqual(['王五']);
    expect((await t.api('org.divisions', {})).map((d) => [d.name, d.memberCount])).toEqual([
      ['办公室', 1],
      ['财务处', 1],
      ['人事处', 0],
    ]);

    // A rename follows: the member links to the 处室, not to its name.
    await t.api('org.renameDivision', { id: office, name: '办公室（党建办）' });
    expect((await t.api('roster.get', { id: zhang.id })).divisionName).toBe('办公室（党建办）');

    // The export carries it (not an import column); a re-import of the roster keeps it.
    const book = await readBack((await t.api('roster.export', { query: {} })).base64);
    const header = (book.worksheets[0]!.getRow(3).values as unknown[]).map(String);
    expect(header).toContain('所在处室');
    const again = await workbook((s) =>
      addRows(s, [
        ['姓名', '身份证号', '党支部', '入党日期', '转正日期', '联系电话'],
        ['张三', zhang.citizenId, '第一党支部', '2010-07-01', '2011-07-01', '13900000009'],
      ]),
    );
    await t.api('roster.importCommit', { file: asFile('名册.xlsx', again), skipRows: [] });
    expect(await t.api('roster.get', { id: zhang.id })).toMatchObject({ phone: '13900000009', divisionId: office });
  });

  it('dissolves a 处室 only when nobody on the roster is in it, and offers it no more', async () => {
    const t = await organ();
    const list = await t.api('org.addDivision', { name: '审计处' });
    const audit = idOf(list, '审计处');
    const m = await t.api('roster.add', { fields: memberFields({ divisionId: audit }) });
    const refused = await rejection(t.api('org.dissolveDivision', { id: audit }));
    expect(refused.message).toContain('处室“审计处”还有1名党员（张三）');
    await t.api('roster.update', { id: m.id, fields: memberFields({ divisionId: null }) });
    const after = await t.api('org.dissolveDivision', { id: audit });
    expect(after[0]).toMatchObject({ name: '审计处', dissolvedOn: '2026-11-22' });
    const late = await rejection(
      t.api('roster.add', {
        fields: memberFields({
          name: '李四',
          citizenId: citizenId('1990-05-05', 'female'),
          gender: 'female',
          divisionId: audit,
        }),
      }),
    );
    expect(late).toMatchObject({ field: 'divisionId' });
    expect(late.message).toContain('已于2026-11-22撤销');
    // The name is free again for a new 处室.
    expect((await t.api('org.addDivision', { name: '审计处' })).filter((d) => d.name === '审计处')).toHaveLength(2);
  });
});

describe('一岗双责 分管处室 linked to the list', () => {
  it('links chosen 处室 and typed names that are on the list, keeps other text, and follows a rename and the next year', async () => {
    const t = await organ();
    await t.api('org.addDivision', { name: '财务处' });
    const list = await t.api('org.addDivision', { name: '审计处' });
    const leader = await t.api('duties.addLeader', {
      year: 2026,
      name: '李副局长',
      role: 'deputy',
      divisionIds: [idOf(list, '财务处')],
      divisions: ['审计处', '机关服务中心'],
    });
    expect(leader).toMatchObject({
      divisionIds: [idOf(list, '财务处'), idOf(list, '审计处')],
      otherDivisions: ['机关服务中心'],
      divisions: ['财务处', '审计处', '机关服务中心'],
    });
    await t.api('org.renameDivision', { id: idOf(list, '财务处'), name: '计划财务处' });
    expect((await t.api('duties.team', { year: 2026 }))[0]!.divisions).toEqual([
      '计划财务处',
      '审计处',
      '机关服务中心',
    ]);
    expect((await t.api('org.divisions', {})).map((d) => d.leaderCount)).toEqual([1, 1]);
    await t.api('duties.copyYear', { from: 2026, to: 2027 });
    expect((await t.api('duties.team', { year: 2027 }))[0]).toMatchObject({
      divisions: ['计划财务处', '审计处', '机关服务中心'],
      divisionIds: [idOf(list, '财务处'), idOf(list, '审计处')],
    });
    const refused = await rejection(
      t.api('duties.updateLeader', { id: leader.id, role: 'deputy', name: '李副局长', divisionIds: [999] }),
    );
    expect(refused).toMatchObject({ field: 'divisionIds' });
  });
});

describe('migration 17 (处室)', () => {
  it('opens a version-16 file: the free-text 分管处室 stay readable, members have no 处室 yet', async () => {
    const dir = tempDir();
    const first = tempWorkspace({ dataDir: dir });
    await first.api('organ.setup', SAMPLE_SETUP);
    const m = await first.api('roster.add', { fields: memberFields() });
    const leader = await first.api('duties.addLeader', {
      year: 2026,
      name: '王书记',
      role: 'secretary',
      divisions: ['办公室', '人事处'],
    });
    first.ws.close();
    // Back to version 16: no 处室 tables or column; the leader's 分管处室 as the text it was.
    const old = new Database(path.join(dir, 'party-office.db'));
    old.function('audit_actor', () => 'x');
    old.function('audit_via', () => 'test');
    old.function('audit_reason', () => null);
    old.pragma('foreign_keys = OFF');
    for (const { name } of old
      .prepare(`SELECT name FROM sqlite_schema WHERE type = 'trigger' AND tbl_name = 'member'`)
      .all() as { name: string }[])
      old.exec(`DROP TRIGGER "${name}"`);
    old.exec(
      `DROP TABLE duty_leader_division; DROP INDEX member_division; ALTER TABLE member DROP COLUMN division_id; DROP TABLE division;`,
    );
    rebuildAuditTriggers(old);
    old.pragma(`user_version = ${MIGRATIONS.length - 1}`);
    old.close();

    const t = tempWorkspace({ dataDir: dir });
    expect(await t.api('app.status', {})).toMatchObject({ state: 'ready', schemaVersion: MIGRATIONS.length });
    expect(await t.api('roster.get', { id: m.id })).toMatchObject({ divisionId: null, divisionName: null });
    expect((await t.api('duties.team', { year: 2026 }))[0]).toMatchObject({
      id: leader.id,
      divisionIds: [],
      otherDivisions: ['办公室', '人事处'],
      divisions: ['办公室', '人事处'],
    });
    // Once the list has them, saving the person links the typed names.
    await t.api('org.addDivision', { name: '办公室' });
    const saved = await t.api('duties.updateLeader', {
      id: leader.id,
      name: '王书记',
      role: 'secretary',
      divisions: ['办公室', '人事处'],
    });
    expect(saved).toMatchObject({ otherDivisions: ['人事处'], divisions: ['办公室', '人事处'] });
  });
});
