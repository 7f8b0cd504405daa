import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LATEST_SCHEMA_VERSION } from '../../src/core/db/migrations';
import type { MemberFieldsInput } from '../../src/shared/members/input';
import { citizenId, memberFields } from '../support/people';
import { SAMPLE_SETUP, tempWorkspace } from '../support/temp-workspace';
import { rejection } from '../support/rejection';

describe('first run', () => {
  it('creates the organ, its top organisation and the first branches', async () => {
    const { api } = tempWorkspace();
    expect(await api('app.status', {})).toMatchObject({ state: 'needsSetup' });
    await api('organ.setup', { ...SAMPLE_SETUP, termStartedOn: '2022-06-01' });
    const status = await api('app.status', {});
    expect(status).toMatchObject({
      state: 'ready',
      organ: { name: '某某局', committeeKind: 'committee' },
      schemaVersion: LATEST_SCHEMA_VERSION,
    });
    const units = await api('org.units', {});
    expect(units.map((u) => [u.kind, u.name, u.parentId])).toEqual([
      ['committee', '中共某某局机关委员会', null],
      ['branch', '第一党支部', 1],
      ['branch', '第二党支部', 1],
    ]);
    expect(units[0]).toMatchObject({ termYears: 5, term: { kind: 'current', endsOn: '2027-05-31' } });
    expect(units[1]?.termYears).toBe(3);
  });

  it('refuses a second setup and leaves the first intact', async () => {
    const { api } = tempWorkspace();
    await api('organ.setup', SAMPLE_SETUP);
    const error = await rejection(api('organ.setup', { ...SAMPLE_SETUP, organName: '另一个局' }));
    expect(error.code).toBe('ALREADY_SET_UP');
    expect((await api('app.status', {})) as { organ: { name: string } }).toMatchObject({ organ: { name: '某某局' } });
  });

  it('leaves no file behind when setup fails part-way', async () => {
    const { api, ws } = tempWorkspace({ today: '2026-11-22' });
    const error = await rejection(api('organ.setup', { ...SAMPLE_SETUP, termStartedOn: '2027-01-01' }));
    expect(error.message).toContain('晚于今天');
    expect(fs.existsSync(ws.dataFile)).toBe(false);
    expect(await api('app.status', {})).toMatchObject({ state: 'needsSetup' });
  });

  it('recovers from an empty data file instead of getting stuck', async () => {
    const { api, ws } = tempWorkspace();
    fs.mkdirSync(path.dirname(ws.dataFile), { recursive: true });
    fs.writeFileSync(ws.dataFile, '');
    expect(await api('app.status', {})).toMatchObject({ state: 'needsSetup' });
    await api('organ.setup', SAMPLE_SETUP);
    expect(await api('app.status', {})).toMatchObject({ state: 'ready' });
    expect(fs.readdirSync(path.dirname(ws.dataFile)).filter((f) => f.includes('.new-'))).toEqual([]);
  });

  it('refuses duplicate branch names and branches under a 机关党支部', async () => {
    const { api } = tempWorkspace();
    expect((await rejection(api('organ.setup', { ...SAMPLE_SETUP, branches: ['一支部', '一支部'] }))).field).toBe(
      'branches.1',
    );
    const error = await rejection(
      api('organ.setup', { ...SAMPLE_SETUP, committeeKind: 'branch', branches: ['一支部'] }),
    );
    expect(error.message).toContain('其下不再设党支部');
  });
});

describe('组织设置', () => {
  async function organ() {
    const t = tempWorkspace();
    await t.api('organ.setup', SAMPLE_SETUP);
    return t;
  }

  it('builds 总支 → 支部 → 党小组 and refuses misplaced units', async () => {
    const { api } = await organ();
    const general = await api('org.addUnit', { kind: 'generalBranch', parentId: 1, name: '机关第一党总支' });
    const branch = await api('org.addUnit', {
      kind: 'branch',
      parentId: general.id,
      name: '办公室党支部',
      termStartedOn: '2024-03-01',
    });
    const group = await api('org.addUnit', { kind: 'partyGroup', parentId: branch.id, name: '第一党小组' });
    expect(group.parentId).toBe(branch.id);
    expect(branch.term).toMatchObject({ endsOn: '2027-02-28' });

    expect(
      (await rejection(api('org.addUnit', { kind: 'partyGroup', parentId: general.id, name: '错位小组' }))).message,
    ).toContain('党总支“机关第一党总支”下不能设党小组');
    expect((await rejection(api('org.addUnit', { kind: 'branch', parentId: group.id, name: '错位支部' }))).code).toBe(
      'RULE_VIOLATION',
    );
    expect((await rejection(api('org.addUnit', { kind: 'branch', parentId: 999, name: '无主支部' }))).code).toBe(
      'NOT_FOUND',
    );
    expect((await rejection(api('org.addUnit', { kind: 'branch', parentId: 1, name: '第一党支部' }))).code).toBe(
      'CONFLICT',
    );
  });

  it('renames the organ’s committee when the root unit is renamed', async () => {
    const { api } = await organ();
    await api('org.updateUnit', { id: 1, parentId: null, name: '中共某某局机关委员会（新）' });
    expect(await api('app.status', {})).toMatchObject({ organ: { committeeName: '中共某某局机关委员会（新）' } });
  });

  it('gives party groups no term', async () => {
    const { api } = await organ();
    const error = await rejection(
      api('org.addUnit', { kind: 'partyGroup', parentId: 2, name: '第一党小组', termStartedOn: '2024-01-01' }),
    );
    expect(error.message).toContain('党小组不是选举产生的组织');
  });

  it('moves a branch between the 党委 and a 总支, but never the root', async () => {
    const { api } = await organ();
    const general = await api('org.addUnit', { kind: 'generalBranch', parentId: 1, name: '机关第一党总支' });
    const moved = await api('org.updateUnit', { id: 2, parentId: general.id, name: '第一党支部' });
    expect(moved.parentId).toBe(general.id);
    expect((await rejection(api('org.updateUnit', { id: 1, parentId: 2, name: '中共某某局机关委员会' }))).field).toBe(
      'parentId',
    );
  });

  it('dissolves units with a date and a reason, keeping them as history', async () => {
    const { api } = await organ();
    const group = await api('org.addUnit', { kind: 'partyGroup', parentId: 2, name: '第一党小组' });
    await api('org.addPost', { unitId: group.id, post: 'groupLeader', holderName: '李四' });
    const blocked = await rejection(api('org.dissolveUnit', { id: 2, dissolvedOn: '2026-10-01', reason: '合并' }));
    expect(blocked.message).toContain('第一党小组');
    await api('org.dissolveUnit', { id: group.id, dissolvedOn: '2026-10-01', reason: '支部调整' });
    const dissolved = await api('org.dissolveUnit', { id: 2, dissolvedOn: '2026-10-01', reason: '机构改革合并' });
    expect(dissolved.dissolvedOn).toBe('2026-10-01');
    const units = await api('org.units', {});
    expect(units.find((u) => u.id === group.id)?.posts[0]?.endedOn).toBe('2026-10-01');
    // The name is free again for a new branch.
    await api('org.addUnit', { kind: 'branch', parentId: 1, name: '第一党支部' });
    const log = await api('audit.list', { entity: 'org_unit' });
    expect(log.some((e) => e.reason === '机构改革合并')).toBe(true);
    expect((await rejection(api('org.dissolveUnit', { id: 1, dissolvedOn: '2026-10-01', reason: 'x' }))).code).toBe(
      'RULE_VIOLATION',
    );
    await api('org.addPost', { unitId: 3, post: 'secretary', holderName: '王五', startedOn: '2026-09-01' });
    const early = await rejection(api('org.dissolveUnit', { id: 3, dissolvedOn: '2026-08-31', reason: '合并' }));
    expect(early).toMatchObject({
      field: 'dissolvedOn',
      message: expect.stringContaining('早于现任书记王五的任职日期“2026-09-01”'),
    });
  });

  it('keeps one current 书记 per unit and checks post dates', async () => {
    const { api } = await organ();
    const first = await api('org.addPost', {
      unitId: 2,
      post: 'secretary',
      holderName: '张三',
      startedOn: '2023-01-01',
    });
    await api('org.addPost', { unitId: 2, post: 'organisation', holderName: '王五' });
    expect(
      (await rejection(api('org.addPost', { unitId: 2, post: 'secretary', holderName: '赵六' }))).message,
    ).toContain('已有现任书记“张三”');
    expect(
      (await rejection(api('org.addPost', { unitId: 2, post: 'groupLeader', holderName: '赵六' }))).message,
    ).toContain('党支部不设“党小组组长”');
    expect((await rejection(api('org.endPost', { id: first.id, endedOn: '2022-12-31' }))).message).toContain(
      '早于任职日期',
    );
    await api('org.endPost', { id: first.id, endedOn: '2026-06-30' });
    await api('org.addPost', { unitId: 2, post: 'secretary', holderName: '赵六', startedOn: '2026-07-01' });
    const posts = (await api('org.units', {})).find((u) => u.id === 2)!.posts;
    expect(posts.map((p) => [p.holderName, p.endedOn])).toEqual([
      ['赵六', null],
      ['王五', null],
      ['张三', '2026-06-30'],
    ]);
  });

  it('reminds 60 days before a term ends, and after it has ended', async () => {
    const t = await organ();
    await t.api('org.updateUnit', { id: 2, parentId: 1, name: '第一党支部', termStartedOn: '2023-12-20' }); // ends 2026-12-19
    await t.api('org.updateUnit', { id: 3, parentId: 1, name: '第二党支部', termStartedOn: '2023-01-10' }); // ended 2026-01-09
    t.setToday('2026-10-20'); // 60 days before 2026-12-19
    let reminders = await t.api('reminders.list', {});
    expect(reminders.map((r) => [r.kind, r.subject.id])).toEqual([
      ['termExpired', 3],
      ['termEndingSoon', 2],
    ]);
    expect(reminders[1]?.message).toContain('2026年12月19日届满（还有 60 天）');
    t.setToday('2026-10-19');
    reminders = await t.api('reminders.list', {});
    expect(reminders.map((r) => r.subject.id)).toEqual([3]);
    await t.api('settings.update', { termWarningDays: 90 });
    expect((await t.api('reminders.list', {})).map((r) => r.subject.id)).toEqual([3, 2]);
  });
});

describe('branch size and shape (reference §3.5): warnings, never refusals', () => {
  const shapeReminders = async (api: ReturnType<typeof tempWorkspace>['api']) =>
    (await api('reminders.list', {})).filter((r) => r.kind === 'branchShape' || r.kind === 'organShape');

  it('warns a branch below three 正式党员, and then without its 支委会 at seven, and stops when it is set up', async () => {
    const t = tempWorkspace({ today: '2026-11-22' });
    await t.api('organ.setup', SAMPLE_SETUP);
    // Nobody on the roster yet: nothing to say on the first day.
    expect(await shapeReminders(t.api)).toEqual([]);
    let serial = 0;
    const add = (fields: Partial<MemberFieldsInput> = {}) =>
      t.api('roster.add', {
        fields: memberFields({
          name: `党员${++serial}`,
          citizenId: citizenId('1980-01-01', 'male', serial),
          ...fields,
        }),
      });
    await add();
    await add();
    await add({ admittedOn: '2026-03-01', fullMembershipOn: null });
    const [warning, ...rest] = await shapeReminders(t.api);
    expect(rest).toEqual([]);
    expect(warning).toMatchObject({ kind: 'branchShape', subject: { kind: 'unit', id: 2 }, severity: 'warning' });
    expect(warning!.message).toContain('第一党支部：正式党员只有2人，不足3人');
    expect(warning!.message).toContain('《中国共产党支部工作条例（试行）》');
    const branch = (await t.api('org.units', {})).find((u) => u.id === 2)!;
    expect(branch.shape).toMatchObject({ members: 3, full: 2, warnings: [{ code: 'tooFewFull' }] });

    await add();
    expect(await shapeReminders(t.api)).toEqual([]);
    // A 组织委员 beside the 书记 with fewer than seven 正式党员.
    await t.api('org.addPost', { unitId: 2, post: 'secretary', holderName: '党员1' });
    await t.api('org.addPost', { unitId: 2, post: 'organisation', holderName: '党员2' });
    expect((await shapeReminders(t.api)).map((r) => r.message)).toEqual([
      expect.stringContaining('不设支部委员会，只设书记1人，必要时设副书记1人'),
    ]);
    // Seven 正式党员 and only two 支委: a 支委会 of 3 to 5 is due.
    for (let i = 0; i < 4; i++) await add();
    expect((await shapeReminders(t.api)).map((r) => r.message)).toEqual([
      expect.stringContaining('正式党员7人（7人以上），应设立支部委员会，由3至5人组成；目前只登记了2名支委'),
    ]);
    await t.api('org.addPost', { unitId: 2, post: 'propaganda', holderName: '党员3' });
    expect(await shapeReminders(t.api)).toEqual([]);
    // Nothing was refused or changed by the warnings.
    expect((await t.api('roster.search', { branchIds: [2] })).counts.total).toBe(8);
  });

  it('suggests a 党总支 for a 机关党支部 of more than 50 members, counting only members still here', async () => {
    const t = tempWorkspace({ today: '2026-11-22' });
    await t.api('organ.setup', {
      organName: '某某办',
      committeeKind: 'branch',
      committeeName: '中共某某办机关支部委员会',
      branches: [],
    });
    const root = (await t.api('org.units', {}))[0]!;
    for (const name of ['张三', '李四', '王五'])
      await t.api('org.addPost', {
        unitId: root.id,
        post: name === '张三' ? 'secretary' : 'committeeMember',
        holderName: name,
      });
    const ids: number[] = [];
    for (let i = 1; i <= 51; i++)
      ids.push(
        (
          await t.api('roster.add', {
            fields: memberFields({
              name: `党员${i}`,
              citizenId: citizenId('1980-01-01', 'male', i),
              branchId: root.id,
            }),
          })
        ).id,
      );
    expect((await shapeReminders(t.api)).map((r) => [r.kind, r.message])).toEqual([
      ['branchShape', expect.stringContaining('党员51人，超过50人')],
      ['organShape', expect.stringContaining('全机关党员51人（50至100人），一般可成立党总支')],
    ]);
    await t.api('roster.recordEvent', {
      memberId: ids[0]!,
      event: { kind: 'transferOut', on: '2026-11-20', counterpart: '中共某某县委组织部' },
    });
    expect(await shapeReminders(t.api)).toEqual([]);
  });
});
