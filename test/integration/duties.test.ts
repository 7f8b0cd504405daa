import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { dutiesLookup } from '../../src/core/duties/lookup';
import { citizenId, memberFields } from '../support/people';
import { pdfPageCount, readPdfLayout, screenshotPages } from '../support/pdf-measure';
import { SAMPLE_SETUP, tempDir, tempWorkspace } from '../support/temp-workspace';
import { rejection } from '../support/rejection';

/* 一岗双责 through the contract, on real database files. */

const PDF = Buffer.from('%PDF-1.7\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n');
const pdfFile = (fileName: string, body: Buffer = PDF) => ({ fileName, base64: body.toString('base64') });

/** An organ with two members in the roster, a secretary linked to one of them and a deputy. */
async function organ(today = '2026-11-22', options: { dataDir?: string } = {}) {
  const t = tempWorkspace({ today, ...options });
  await t.api('organ.setup', SAMPLE_SETUP);
  const wang = (
    await t.api('roster.add', {
      fields: memberFields({ name: '王书记', citizenId: citizenId('1970-05-01', 'male', 1), gender: null }),
    })
  ).id;
  const li = (
    await t.api('roster.add', {
      fields: memberFields({
        name: '李副局长',
        citizenId: citizenId('1975-06-01', 'female', 2),
        gender: null,
        branchId: 3,
      }),
    })
  ).id;
  const zhao = (
    await t.api('roster.add', {
      fields: memberFields({ name: '赵处长', citizenId: citizenId('1980-07-01', 'male', 3), gender: null }),
    })
  ).id;
  const secretary = await t.api('duties.addLeader', {
    year: 2026,
    memberId: wang,
    role: 'secretary',
    title: '党组书记、局长',
    divisions: ['办公室'],
    branchIds: [2],
  });
  const deputy = await t.api('duties.addLeader', {
    year: 2026,
    memberId: li,
    role: 'deputy',
    title: '党组成员、副局长',
    divisions: ['财务处', '审计处'],
    branchIds: [3],
  });
  return { ...t, members: { wang, li, zhao }, secretary, deputy };
}

type Api = Awaited<ReturnType<typeof organ>>['api'];

async function libraryKeys(api: Api, owner: 'secretary' | 'member' | 'team') {
  return (await api('duties.library', {})).items.filter((i) => i.owner === owner).map((i) => i.key);
}

describe('the leadership team by year', () => {
  it('links leaders to the roster, with their divisions, branches and own branch', async () => {
    const { api, secretary, deputy } = await organ();
    expect(secretary).toMatchObject({
      name: '王书记',
      role: 'secretary',
      memberId: expect.any(Number),
      ownBranch: { name: '第一党支部' },
      branches: [{ name: '第一党支部' }],
      divisions: ['办公室'],
    });
    expect(deputy).toMatchObject({
      name: '李副局长',
      ownBranch: { name: '第二党支部' },
      divisions: ['财务处', '审计处'],
    });
    // A non-party member of the team is entered by name alone.
    const outsider = await api('duties.addLeader', {
      year: 2026,
      name: '陈副局长',
      role: 'deputy',
      divisions: ['业务处'],
    });
    expect(outsider).toMatchObject({ memberId: null, ownBranch: null });
    expect((await api('duties.team', { year: 2026 })).map((l) => l.name)).toEqual(['王书记', '李副局长', '陈副局长']);
  });

  it('refuses bad input with the field and value named, changing nothing', async () => {
    const { api, members } = await organ();
    const before = await api('duties.team', { year: 2026 });
    expect((await rejection(api('duties.addLeader', { year: 2026, name: '王书记', role: 'deputy' }))).message).toBe(
      '2026年度的领导班子中已有“王书记”（或已关联同一名党员）。',
    );
    expect(
      (await rejection(api('duties.addLeader', { year: 2026, name: '周某', memberId: members.zhao, role: 'deputy' })))
        .message,
    ).toBe('姓名“周某”与所选党员“赵处长”不一致。请重新选择党员，或不关联党员名册。');
    expect((await rejection(api('duties.addLeader', { year: 2026, role: 'deputy' }))).message).toBe(
      '请填写姓名，或从党员名册中选择。',
    );
    expect(
      (await rejection(api('duties.addLeader', { year: 2026, name: '周某', role: 'deputy', startedOn: '2025-12-01' })))
        .message,
    ).toBe('任职日期“2025年12月1日”不在2026年度内。年度班子只记录本年内的任职变化。');
    const wrongRole = await rejection(api('duties.addLeader', { year: 2026, name: '周某', role: 'chief' as never }));
    expect(wrongRole.message).toBe(
      '岗位只能是：书记（第一责任人）、副书记、班子副职、纪检负责人、其他班子成员（收到的值：“chief”）',
    );
    expect(
      (await rejection(api('duties.addLeader', { year: 2026, name: '周某', role: 'deputy', branchIds: [1] }))).message,
    ).toBe('分管党支部中编号 1 不是党支部或党总支。');
    expect(await api('duties.team', { year: 2026 })).toEqual(before);
  });

  it('copies the team and its lists to the next year, leaving out who left, and shifting deadlines', async () => {
    const { api, secretary, deputy } = await organ();
    await api('duties.addFromLibrary', {
      year: 2026,
      leaderId: secretary.id,
      keys: await libraryKeys(api, 'secretary'),
    });
    await api('duties.addFromLibrary', { year: 2026, leaderId: null, keys: await libraryKeys(api, 'team') });
    const gone = await api('duties.addLeader', { year: 2026, name: '孙副局长', role: 'deputy', leftOn: '2026-06-30' });
    expect(gone.leftOn).toBe('2026-06-30');
    const copied = await api('duties.copyYear', { from: 2026, to: 2027 });
    expect(copied.leaders).toBe(2);
    const next = await api('duties.team', { year: 2027 });
    expect(next.map((l) => l.name)).toEqual(['王书记', '李副局长']);
    expect(next[1]).toMatchObject({
      divisions: ['财务处', '审计处'],
      branches: [{ name: '第二党支部' }],
      memberId: deputy.memberId,
    });
    const team2027 = await api('duties.items', { year: 2027, leaderId: null });
    expect(team2027.find((i) => i.rule.kind === 'deadline')!.rule).toEqual({ kind: 'deadline', dueOn: '2027-03-31' });
    // Copying again adds nothing twice.
    expect(await api('duties.copyYear', { from: 2026, to: 2027 })).toEqual({ leaders: 0, items: 0 });
  });
});

describe('responsibility lists', () => {
  it('starts from the library, skips what is already there, and copies last year’s list', async () => {
    const { api, deputy } = await organ();
    const keys = await libraryKeys(api, 'member');
    expect(keys.length).toBeGreaterThanOrEqual(6);
    expect(await api('duties.addFromLibrary', { year: 2026, leaderId: deputy.id, keys })).toEqual({
      added: keys.length,
      skipped: 0,
    });
    expect(await api('duties.addFromLibrary', { year: 2026, leaderId: deputy.id, keys: keys.slice(0, 2) })).toEqual({
      added: 0,
      skipped: 2,
    });
    const items = await api('duties.items', { year: 2026, leaderId: deputy.id });
    expect(items.map((i) => i.category)).toEqual(
      [...items.map((i) => i.category)].sort(
        (a, b) =>
          ['党的建设', '党风廉政建设', '意识形态', '业务工作'].indexOf(a) -
          ['党的建设', '党风廉政建设', '意识形态', '业务工作'].indexOf(b),
      ),
    );
    expect(items[0]).toMatchObject({ requirement: '每季度至少1次', evidence: ['会议记录'], recordKinds: ['briefing'] });

    // Next year: the same person (found by the roster link) copies the list.
    const next = await api('duties.addLeader', { year: 2027, memberId: deputy.memberId!, role: 'deputy' });
    expect(await api('duties.copyList', { year: 2027, leaderId: next.id })).toEqual({ added: keys.length, skipped: 0 });
    const stranger = await api('duties.addLeader', { year: 2027, name: '新同志', role: 'deputy' });
    expect((await rejection(api('duties.copyList', { year: 2027, leaderId: stranger.id }))).message).toBe(
      '2026年度的班子中没有“新同志”，没有上年清单可以复制。可以从事项库添加。',
    );
  });

  it('keeps each list inside its year and refuses items that do not fit', async () => {
    const { api, deputy } = await organ();
    const item = { category: '党风廉政建设', content: '报送廉政风险排查情况', evidence: ['情况报告'] };
    expect(
      (
        await rejection(
          api('duties.addItem', {
            year: 2026,
            leaderId: deputy.id,
            ...item,
            rule: { kind: 'deadline', dueOn: '2027-01-31' },
          }),
        )
      ).message,
    ).toBe('完成时限“2027年1月31日”不在2026年度内。每年的责任清单只列本年内完成的事项。');
    expect(
      (await rejection(api('duties.addItem', { year: 2027, leaderId: deputy.id, ...item, rule: { kind: 'ongoing' } })))
        .message,
    ).toBe('“李副局长”是2026年度的班子成员，不能为其添加2027年度的责任事项。');
    expect(
      (
        await rejection(
          api('duties.addItem', {
            year: 2026,
            leaderId: deputy.id,
            ...item,
            rule: { kind: 'periodic', per: 'week' as never, times: 1 },
          }),
        )
      ).message,
    ).toContain('频次周期只能是：每月、每季度、每半年、每年');
    expect(
      (
        await rejection(
          api('duties.addItem', {
            year: 2026,
            leaderId: deputy.id,
            ...item,
            rule: { kind: 'periodic', per: 'quarter', times: 0 },
          }),
        )
      ).message,
    ).toBe('次数不能小于1（收到的值：“0”）');
    expect(
      (
        await rejection(
          api('duties.addItem', { year: 2026, leaderId: deputy.id, ...item, content: ' ', rule: { kind: 'ongoing' } }),
        )
      ).message,
    ).toBe('请填写责任内容（收到的值：“ ”）');
    expect(await api('duties.items', { year: 2026, leaderId: deputy.id })).toEqual([]);
    const made = await api('duties.addItem', {
      year: 2026,
      leaderId: deputy.id,
      ...item,
      rule: { kind: 'deadline', dueOn: '2026-06-30' },
    });
    expect(made).toMatchObject({
      requirement: '2026年6月30日前完成',
      progress: { state: 'overdue', summary: '应于2026年6月30日前完成，已逾期145天' },
    });
  });
});

describe('duty records, progress and reminders', () => {
  async function withList(today = '2026-11-22') {
    const t = await organ(today);
    await t.api('duties.addFromLibrary', {
      year: 2026,
      leaderId: t.deputy.id,
      keys: await libraryKeys(t.api, 'member'),
    });
    const items = await t.api('duties.items', { year: 2026, leaderId: t.deputy.id });
    const byKind = (kind: string) => items.find((i) => i.recordKinds.includes(kind as never))!;
    return { ...t, items, byKind };
  }

  it('records what was done, dated, with the items it fulfils, and counts it', async () => {
    const { api, deputy, byKind, secretary } = await withList();
    const briefing = byKind('briefing');
    for (const on of ['2026-02-10', '2026-05-12', '2026-08-18']) {
      await api('duties.addRecord', {
        leaderId: deputy.id,
        occurredOn: on,
        kind: 'briefing',
        subject: '听取财务处党支部工作汇报',
        participants: '财务处党支部支委',
        itemIds: [briefing.id],
      });
    }
    const talk = await api('duties.addRecord', {
      leaderId: deputy.id,
      occurredOn: '2026-03-05',
      kind: 'talk',
      subject: '与分管处室负责人谈心谈话',
      counterparts: [
        { name: '王书记', leaderId: secretary.id },
        { name: '赵处长', memberId: (await api('roster.search', { text: '赵处长' })).rows[0]!.id },
      ],
      itemIds: [byKind('talk').id],
      summary: '交流思想和工作情况，提醒严守纪律。',
    });
    expect(talk).toMatchObject({
      kind: 'talk',
      leaderName: '李副局长',
      year: 2026,
      counterparts: [{ name: '王书记' }, { name: '赵处长' }],
      items: [{ content: '与分管处室负责人开展谈心谈话' }],
    });

    let now = (await api('duties.items', { year: 2026, leaderId: deputy.id })).find((i) => i.id === briefing.id)!;
    expect(now.progress).toMatchObject({ state: 'pending', yearDone: 3, summary: '本季度0/1次，还有39天；全年3/4次' });
    expect(now.records.map((r) => r.occurredOn)).toEqual(['2026-08-18', '2026-05-12', '2026-02-10']);

    // Voiding a wrong entry takes it out of the count, and it stays visible.
    const wrong = await api('duties.records', { year: 2026, leaderId: deputy.id, kind: 'briefing' });
    await api('duties.voidRecord', { id: wrong[0]!.id, reason: '日期录错' });
    now = (await api('duties.items', { year: 2026, leaderId: deputy.id })).find((i) => i.id === briefing.id)!;
    expect(now.progress).toMatchObject({
      state: 'overdue',
      summary: '第三季度未完成；本季度0/1次，还有39天；全年2/4次',
    });
    const all = await api('duties.records', { year: 2026, leaderId: deputy.id, includeVoided: true });
    expect(all.find((r) => r.id === wrong[0]!.id)).toMatchObject({ voidedOn: '2026-11-22', voidReason: '日期录错' });
    expect(await api('duties.records', { year: 2026, leaderId: deputy.id })).toHaveLength(3);
  });

  it('refuses records that are not what happened, naming the field and value', async () => {
    const { api, deputy, secretary } = await withList();
    const base = { leaderId: deputy.id, kind: 'briefing' as const, subject: '听取汇报' };
    expect((await rejection(api('duties.addRecord', { ...base, occurredOn: '2026-11-23' }))).message).toBe(
      '日期“2026年11月23日”晚于今天。履职纪实记录已经做过的工作，请在做完后再记录。',
    );
    expect((await rejection(api('duties.addRecord', { ...base, occurredOn: '2025-12-31' }))).message).toBe(
      '日期“2025年12月31日”不在2026年度。请在2025年度的班子中为“李副局长”记录（如没有，先登记该年度的班子成员）。',
    );
    expect((await rejection(api('duties.addRecord', { ...base, occurredOn: '2026-02-30' }))).message).toBe(
      '日期不是有效日期，应写作“2026-08-01”的形式（收到的值：“2026-02-30”）',
    );
    expect(
      (await rejection(api('duties.addRecord', { ...base, occurredOn: '2026-05-01', kind: 'talk' }))).message,
    ).toBe('谈心谈话请填写谈话对象。');
    expect(
      (
        await rejection(
          api('duties.addRecord', {
            ...base,
            occurredOn: '2026-05-01',
            kind: 'talk',
            counterparts: [{ name: '李副局长', leaderId: deputy.id }],
          }),
        )
      ).message,
    ).toBe('谈话对象不能是本人。');
    const secretaryItem = await api('duties.addItem', {
      year: 2026,
      leaderId: secretary.id,
      category: '党的建设',
      content: '讲党课',
      rule: { kind: 'periodic', per: 'year', times: 1 },
    });
    expect(
      (await rejection(api('duties.addRecord', { ...base, occurredOn: '2026-05-01', itemIds: [secretaryItem.id] })))
        .message,
    ).toBe('责任事项“讲党课”是“王书记”的，不能对应“李副局长”的履职记录。');
    expect(await api('duties.records', { year: 2026, includeVoided: true })).toEqual([]);
  });

  it('warns before the quarter ends and calls it overdue the day after, in 工作台 reminders', async () => {
    const t = await organ('2026-03-10');
    const item = await t.api('duties.addItem', {
      year: 2026,
      leaderId: t.deputy.id,
      category: '党的建设',
      content: '听取分管处室党建工作汇报',
      rule: { kind: 'periodic', per: 'quarter', times: 1 },
    });
    const dutyReminders = async () => (await t.api('reminders.list', {})).filter((r) => r.kind.startsWith('duties'));
    expect(await dutyReminders()).toEqual([]); // 21 days left: not yet
    t.setToday('2026-03-16');
    expect(await dutyReminders()).toEqual([
      {
        kind: 'dutiesDueSoon',
        subject: { kind: 'dutiesLeader', id: t.deputy.id },
        severity: 'warning',
        dueOn: '2026-03-31',
        message:
          '李副局长有1项责任事项临近期限尚未完成：“听取分管处室党建工作汇报”（本季度0/1次，还有15天；全年0/4次）。最早的将于2026年3月31日到期。',
      },
    ]);
    t.setToday('2026-04-01');
    const after = await dutyReminders();
    expect(after).toEqual([
      expect.objectContaining({
        kind: 'dutiesOverdue',
        severity: 'overdue',
        dueOn: '2026-03-31',
        message: expect.stringContaining('第一季度未完成'),
      }),
    ]);
    // Recording the work (dated in Q1) clears it.
    await t.api('duties.addRecord', {
      leaderId: t.deputy.id,
      occurredOn: '2026-03-30',
      kind: 'briefing',
      subject: '听取汇报',
      itemIds: [item.id],
    });
    expect(await dutyReminders()).toEqual([]);
    // Overdue reminders come before warnings in the merged list.
    const all = await t.api('reminders.list', {});
    const severities = all.map((r) => r.severity);
    expect(severities).toEqual([...severities].sort((a, b) => Number(b === 'overdue') - Number(a === 'overdue')));
  });

  it('shows the team at a glance: who is behind on what, overdue first', async () => {
    const { api, deputy, secretary, byKind } = await withList();
    await api('duties.addItem', {
      year: 2026,
      leaderId: null,
      category: '党的建设',
      content: '召开民主生活会',
      rule: { kind: 'periodic', per: 'year', times: 1 },
    });
    await api('duties.addRecord', {
      leaderId: deputy.id,
      occurredOn: '2026-10-10',
      kind: 'briefing',
      subject: '听取汇报',
      itemIds: [byKind('briefing').id],
    });
    const view = await api('duties.overview', { year: 2026 });
    expect(view.quarter).toMatchObject({ label: '第四季度', end: '2026-12-31', daysLeft: 39 });
    expect(view.leaders.map((l) => [l.leader.name, l.items, l.records])).toEqual([
      ['王书记', 0, 0],
      ['李副局长', 8, 1],
    ]);
    const states = view.behind.map((b) => b.state);
    expect(states).toEqual(
      [...states].sort(
        (a, b) => ['overdue', 'dueSoon', 'pending'].indexOf(a) - ['overdue', 'dueSoon', 'pending'].indexOf(b),
      ),
    );
    expect(view.behind[0]).toMatchObject({ owner: '李副局长', state: 'overdue' });
    expect(view.behind.find((b) => b.owner === '领导班子')).toMatchObject({
      content: '召开民主生活会',
      state: 'pending',
    });
    expect(view.behind.some((b) => b.itemId === byKind('briefing').id && b.state === 'overdue')).toBe(true); // Q1–Q3 missed
    expect(secretary.id).toBeGreaterThan(0);
  });
});

describe('talks and unmet items, for 民主生活会 preparation', () => {
  it('lists talks with both sides and finds a person’s unmet items by roster member or name', async () => {
    const { api, ws, deputy, secretary, members } = await organ();
    await api('duties.addRecord', {
      leaderId: secretary.id,
      occurredOn: '2026-09-01',
      kind: 'talk',
      subject: '谈心谈话',
      counterparts: [{ name: '李副局长', leaderId: deputy.id }],
      summary: '互相提醒。',
    });
    await api('duties.addRecord', {
      leaderId: deputy.id,
      occurredOn: '2026-09-02',
      kind: 'integrityTalk',
      subject: '提醒谈话',
      counterparts: [{ name: '赵处长', memberId: members.zhao }],
    });
    await api('duties.addRecord', {
      leaderId: deputy.id,
      occurredOn: '2026-09-03',
      kind: 'inspection',
      subject: '调研督导',
    });
    const talks = await api('duties.talks', { year: 2026 });
    expect(talks.map((t) => [t.occurredOn, t.kind, t.leader.name, t.counterparts.map((c) => c.name).join()])).toEqual([
      ['2026-09-01', 'talk', '王书记', '李副局长'],
      ['2026-09-02', 'integrityTalk', '李副局长', '赵处长'],
    ]);
    // The counterpart that is a team member carries that member's roster link.
    expect(talks[0]!.counterparts[0]).toMatchObject({ leaderId: deputy.id, memberId: members.li });
    expect((await api('duties.talks', { memberId: members.zhao })).map((t) => t.recordId)).toHaveLength(1);
    expect(await api('duties.talks', { leaderId: secretary.id })).toHaveLength(1);
    expect(await api('duties.talks', { year: 2026, from: '2026-09-02' })).toHaveLength(1);

    await api('duties.addItem', {
      year: 2026,
      leaderId: deputy.id,
      category: '党的建设',
      content: '讲党课',
      rule: { kind: 'periodic', per: 'year', times: 1 },
    });
    await api('duties.addItem', {
      year: 2026,
      leaderId: deputy.id,
      category: '党的建设',
      content: '参加双重组织生活',
      rule: { kind: 'periodic', per: 'quarter', times: 1 },
    });
    const unmet = await api('duties.unmetItems', { year: 2026, memberId: members.li });
    expect(unmet.map((u) => [u.content, u.state, u.missedPeriods.join()])).toEqual([
      ['参加双重组织生活', 'overdue', '第一季度,第二季度,第三季度'],
      ['讲党课', 'pending', ''],
    ]);
    expect(await api('duties.unmetItems', { year: 2026, name: '李副局长' })).toEqual(unmet);
    expect((await rejection(api('duties.unmetItems', { year: 2026, name: '无此人' }))).message).toBe(
      '2026年度的领导班子中没有“无此人”。',
    );

    // The same, in the plain shape the meetings module reads.
    expect(dutiesLookup.talks(ws.database(), '2026-09-01', '2026-09-01')).toEqual([
      { a: '王书记', others: ['李副局长'], heldOn: '2026-09-01', summary: '互相提醒。' },
    ]);
    expect(dutiesLookup.unmetItems(ws.database(), 2026, '李副局长', '2026-11-22')).toEqual([
      '参加双重组织生活：第一季度、第二季度、第三季度未完成；本季度0/1次，还有39天；全年0/4次',
      '讲党课：全年0/1次，还有39天',
    ]);
    expect(dutiesLookup.unmetItems(ws.database(), 2026, '无此人')).toEqual([]);
  });
});

describe('evidence files inside the database', () => {
  it('stores a file, gives it back intact, and logs its size and hash instead of its bytes', async () => {
    const { api, ws, deputy } = await organ();
    const record = await api('duties.addRecord', {
      leaderId: deputy.id,
      occurredOn: '2026-06-10',
      kind: 'partyLecture',
      subject: '为财务处党支部讲党课',
    });
    const body = Buffer.concat([PDF, Buffer.alloc(300_000, 7)]);
    const added = await api('duties.addEvidence', {
      recordId: record.id,
      file: pdfFile('讲稿.pdf', body),
      note: '讲稿定稿',
    });
    expect(added).toMatchObject({ fileName: '讲稿.pdf', fileType: 'pdf', size: body.length, note: '讲稿定稿' });
    const back = await api('duties.evidenceFile', { id: added.id });
    expect(Buffer.from(back.base64, 'base64').equals(body)).toBe(true);
    expect(back).toMatchObject({ fileName: '讲稿.pdf', mimeType: 'application/pdf' });
    expect((await api('duties.person', { leaderId: deputy.id })).records[0]!.evidence).toEqual([added]);

    const row = ws
      .database()
      .prepare(`SELECT after, length(after) AS n FROM audit_log WHERE entity = 'duty_evidence' AND action = 'insert'`)
      .get() as { after: string; n: number };
    expect(row.n).toBeLessThan(1000);
    expect(JSON.parse(row.after)).toMatchObject({
      file_name: '讲稿.pdf',
      size: body.length,
      sha256: added.sha256,
      content: { bytes: body.length, sha256: added.sha256 },
    });

    await api('duties.removeEvidence', { id: added.id, reason: '上传错了文件' });
    const removed = ws
      .database()
      .prepare(`SELECT before, reason FROM audit_log WHERE entity = 'duty_evidence' AND action = 'delete'`)
      .get() as { before: string; reason: string };
    expect(removed.reason).toBe('上传错了文件');
    expect(JSON.parse(removed.before).content).toEqual({ bytes: body.length, sha256: added.sha256 });
  });

  it('refuses files over the limit, programs and lies about type, naming the file, and changes nothing', async () => {
    const { api, ws, deputy } = await organ();
    const record = await api('duties.addRecord', {
      leaderId: deputy.id,
      occurredOn: '2026-06-10',
      kind: 'study',
      subject: '专题研究',
    });
    const counts = () =>
      ws
        .database()
        .prepare(`SELECT (SELECT count(*) FROM duty_evidence) AS files, (SELECT count(*) FROM audit_log) AS log`)
        .get();
    const before = counts();
    await api('duties.updateSettings', { evidenceMaxMb: 1 });
    const settingsLog = counts();
    expect(settingsLog).not.toEqual(before);
    const big = Buffer.concat([PDF, Buffer.alloc(1024 * 1024)]);
    expect(
      (await rejection(api('duties.addEvidence', { recordId: record.id, file: pdfFile('会议记录.pdf', big) }))).message,
    ).toBe('文件“会议记录.pdf”有1.0 MB，超过每个文件1.0 MB的上限。可以压缩图片、把PDF分成几份，或在“设置”中调整上限。');
    const exe = Buffer.from('MZ\x90\x00This program cannot be run in DOS mode');
    const refused = await rejection(
      api('duties.addEvidence', {
        recordId: record.id,
        file: { fileName: '会议记录.pdf', base64: exe.toString('base64') },
      }),
    );
    expect(refused).toMatchObject({
      code: 'INVALID_INPUT',
      field: 'file',
      message: '文件“会议记录.pdf”是Windows程序，出于安全考虑不能作为佐证材料上传。',
    });
    expect(
      (await rejection(api('duties.addEvidence', { recordId: record.id, file: pdfFile('照片.jpg') }))).message,
    ).toContain('的扩展名是“.jpg”，但内容是PDF文档');
    expect(
      (await rejection(api('duties.addEvidence', { recordId: record.id, file: { fileName: 'x.pdf', base64: '***' } })))
        .message,
    ).toBe('文件内容不是有效的 base64 编码（收到的值：“***”）');
    expect(counts()).toEqual(settingsLog);
    await api('duties.addEvidence', { recordId: record.id, file: pdfFile('纪要.pdf') });
    expect(
      (await rejection(api('duties.addEvidence', { recordId: record.id, file: pdfFile('纪要副本.pdf') }))).message,
    ).toBe('文件“纪要副本.pdf”已经上传过（与“纪要.pdf”内容相同）。');
    await api('duties.voidRecord', { id: record.id, reason: '重复录入' });
    expect(
      (
        await rejection(
          api('duties.addEvidence', {
            recordId: record.id,
            file: pdfFile('另一份.pdf', Buffer.concat([PDF, Buffer.from('x')])),
          }),
        )
      ).message,
    ).toBe('这条履职记录已于2026年11月22日作废，不能再上传佐证材料。');
  });

  it('survives a backup: the one data file carries the files', async () => {
    const { api, ws, deputy } = await organ();
    const record = await api('duties.addRecord', {
      leaderId: deputy.id,
      occurredOn: '2026-06-10',
      kind: 'study',
      subject: '专题研究',
    });
    const added = await api('duties.addEvidence', { recordId: record.id, file: pdfFile('纪要.pdf') });
    const backup = await api('backup.create', {});
    await api('duties.removeEvidence', { id: added.id, reason: '测试' });
    await api('backup.restore', { id: backup.id });
    expect(Buffer.from((await api('duties.evidenceFile', { id: added.id })).base64, 'base64').equals(PDF)).toBe(true);
    expect(ws.dataFile).toBeTruthy();
  });
});

describe('letters and the year-end report', () => {
  async function year() {
    const t = await organ();
    await t.api('duties.addFromLibrary', {
      year: 2026,
      leaderId: t.deputy.id,
      keys: await libraryKeys(t.api, 'member'),
    });
    const items = await t.api('duties.items', { year: 2026, leaderId: t.deputy.id });
    const lecture = items.find((i) => i.recordKinds.includes('partyLecture'))!;
    const record = await t.api('duties.addRecord', {
      leaderId: t.deputy.id,
      occurredOn: '2026-07-01',
      kind: 'partyLecture',
      subject: '为财务处党支部讲专题党课',
      itemIds: [lecture.id],
    });
    await t.api('duties.addEvidence', { recordId: record.id, file: pdfFile('讲稿.pdf') });
    await t.api('duties.addRecord', {
      leaderId: t.deputy.id,
      occurredOn: '2026-09-20',
      kind: 'talk',
      subject: '谈心谈话',
      counterparts: [{ name: '王书记', leaderId: t.secretary.id }],
    });
    return { ...t, items, lecture };
  }

  it('keeps a letter as signed, with its scanned copy, and refuses impossible dates', async () => {
    const { api, deputy, secretary } = await year();
    expect((await rejection(api('duties.signLetter', { leaderId: deputy.id, signedOn: '2026-12-01' }))).message).toBe(
      '签订日期“2026年12月1日”晚于今天。请在签字之后再登记。',
    );
    expect(
      (await rejection(api('duties.signLetter', { leaderId: deputy.id, signedOn: '2025-06-01' }))).message,
    ).toContain('与2026年度责任书不符');
    expect(
      (await rejection(api('duties.signLetter', { leaderId: secretary.id, signedOn: '2026-02-01' }))).message,
    ).toBe('“王书记”2026年度的责任清单还是空的，责任书没有内容。请先建立责任清单。');
    const letter = await api('duties.signLetter', {
      leaderId: deputy.id,
      signedOn: '2026-02-15',
      issuerName: '王书记',
    });
    expect(letter).toMatchObject({ signedOn: '2026-02-15', issuerName: '王书记', evidence: [] });
    await api('duties.addEvidence', { letterLeaderId: deputy.id, file: pdfFile('责任书扫描件.pdf') });
    expect((await api('duties.person', { leaderId: deputy.id })).letter!.evidence.map((e) => e.fileName)).toEqual([
      '责任书扫描件.pdf',
    ]);
    expect(
      (await api('duties.overview', { year: 2026 })).leaders.find((l) => l.leader.id === deputy.id)!.letterSignedOn,
    ).toBe('2026-02-15');
    await api('duties.unsignLetter', { leaderId: deputy.id, reason: '登记错了人' });
    expect((await api('duties.person', { leaderId: deputy.id })).letter).toBeNull();
  });

  it('drafts the report from the records, keeps the edited text, and goes back to the draft when emptied', async () => {
    const { api, deputy } = await year();
    const view = await api('duties.report', { leaderId: deputy.id });
    expect(view.saved).toBeNull();
    const lines = view.draft.split('\n');
    expect(lines[0]).toContain('现将本人2026年度履行“一岗双责”');
    expect(lines).toContain('一、落实责任清单情况');
    expect(lines).toContain('（一）党的建设');
    expect(lines).toContain('（二）党风廉政建设');
    expect(view.draft).toContain(
      '到分管处室或联系党支部讲党课。每年至少1次，全年完成1次：7月1日为财务处党支部讲专题党课。',
    );
    expect(view.draft).toContain('全年共记录履职2次，其中谈心谈话1次，讲党课1次。');
    expect(view.draft).toContain('谈话对象：王书记');
    expect(view.draft).toContain('留存佐证材料1份');
    expect(view.draft).toMatch(
      /三、存在的不足\n1\.听取分管处室（单位）党建和党风廉政建设工作汇报。第一季度、第二季度、第三季度未完成/,
    );
    expect(view.unmet[0]).toMatchObject({ state: 'overdue' });

    const edited = view.draft.replace(
      '四、下一步打算\n（请结合本人分管工作填写。）',
      '四、下一步打算\n坚持每季度听取分管处室党建工作汇报。',
    );
    const saved = await api('duties.saveReport', { leaderId: deputy.id, text: edited });
    expect(saved.saved).toBe(edited);
    expect(
      (await api('duties.overview', { year: 2026 })).leaders.find((l) => l.leader.id === deputy.id)!.reportSaved,
    ).toBe(true);
    expect((await api('duties.saveReport', { leaderId: deputy.id, text: '  \n ' })).saved).toBeNull();
    expect((await rejection(api('duties.saveReport', { leaderId: deputy.id, text: 'a\u0007b' }))).message).toMatch(
      /^述责述廉报告含有看不见的控制字符，请重新输入/,
    );
  });

  it('prints the letter with both signature columns, the report and the ledger; the report also as Word', async () => {
    const { api, deputy, lecture } = await year();
    await api('duties.saveReport', {
      leaderId: deputy.id,
      text: '一、落实责任清单情况\n（一）党的建设\n1.讲党课。全年完成1次。\n二、廉洁自律情况\n严格遵守中央八项规定精神。',
    });
    const dir = tempDir();

    const letter = await api('documents.preview', { id: 'duties-letter', params: { leaderId: deputy.id } });
    expect(letter.meta).toMatchObject({
      title: '2026年度全面从严治党“一岗双责”责任书',
      fileName: '2026年度责任书-李副局长',
    });
    const letterPdf = path.join(dir, 'letter.pdf');
    fs.writeFileSync(letterPdf, Buffer.from(letter.pdf, 'base64'));
    const pages = readPdfLayout(letterPdf);
    const text = pages
      .map((p) => p.text)
      .join('\n')
      .replace(/\s+/g, '');
    for (const expected of [
      '责任人：李副局长，党组成员、副局长。',
      '分管处室（单位）：财务处、审计处。',
      '一、责任主体',
      '二、责任内容',
      '（一）党的建设',
      lecture.content,
      '完成要求：每年至少1次。',
    ]) {
      expect(text).toContain(expected);
    }
    // Both signature columns on one line, the right one starting half-way across the text block (28 + 78 mm).
    const last = pages.at(-1)!;
    const left = last.words.find((w) => w.text.startsWith('党组书记（签字）'))!;
    const right = last.words.find((w) => w.text.startsWith('责任人（签字）'))!;
    expect(left.xMin).toBeCloseTo(28, 0);
    expect(right.xMin).toBeGreaterThan(28 + 78 - 1.5);
    expect(right.xMin).toBeLessThan(28 + 78 + 1.5);
    expect(Math.abs(right.yMin - left.yMin)).toBeLessThan(0.5);
    const dates = last.words.filter((w) => w.text.includes('月') && w.yMin > left.yMin + 5);
    expect(dates.length).toBeGreaterThanOrEqual(2);
    screenshotPages(letterPdf, 'duties-letter-test');

    const report = await api('documents.preview', { id: 'duties-report', params: { leaderId: deputy.id } });
    const reportPdf = path.join(dir, 'report.pdf');
    fs.writeFileSync(reportPdf, Buffer.from(report.pdf, 'base64'));
    const reportText = readPdfLayout(reportPdf)
      .map((p) => p.text)
      .join('\n')
      .replace(/\s+/g, '');
    expect(reportText).toContain('2026年度述责述廉报告');
    expect(reportText).toContain('（党组成员、副局长李副局长）');
    expect(reportText).toContain('（一）党的建设');
    expect(reportText).toContain('1.讲党课。全年完成1次。');
    expect(reportText).toContain('二、廉洁自律情况');
    screenshotPages(reportPdf, 'duties-report-test');

    const word = await api('documents.export', {
      id: 'duties-report',
      params: { leaderId: deputy.id },
      format: 'docx',
    });
    expect(word.fileName).toBe('2026年度述责述廉报告-李副局长.docx');
    const xml = await (
      await JSZip.loadAsync(Buffer.from(word.base64, 'base64'))
    )
      .file('word/document.xml')!
      .async('string');
    expect(xml).toContain('严格遵守中央八项规定精神。');
    expect(xml).toContain('w:pStyle w:val="Heading1"');

    const ledger = await api('documents.preview', { id: 'duties-ledger', params: { year: 2026 } });
    const ledgerPdf = path.join(dir, 'ledger.pdf');
    fs.writeFileSync(ledgerPdf, Buffer.from(ledger.pdf, 'base64'));
    const ledgerPage = readPdfLayout(ledgerPdf)[0]!;
    expect(ledgerPage.width).toBeCloseTo(297, 0);
    const ledgerText = ledgerPage.text.replace(/\s+/g, '');
    for (const expected of [
      '2026年度履行“一岗双责”纪实台账',
      '为财务处党支部讲专题党课',
      '谈话对象：王书记',
      '讲稿.pdf',
      '本年度共记录履职2次',
    ])
      expect(ledgerText).toContain(expected);
    expect(pdfPageCount(ledgerPdf)).toBe(1);
    screenshotPages(ledgerPdf, 'duties-ledger-test');

    const list = await api('documents.preview', { id: 'duties-list', params: { year: 2026 } });
    expect(list.meta.title).toBe('2026年度全面从严治党责任清单');
    const listPdf = path.join(dir, 'list.pdf');
    fs.writeFileSync(listPdf, Buffer.from(list.pdf, 'base64'));
    screenshotPages(listPdf, 'duties-list-test');
  }, 180_000);

  it('says what is missing when a year has no team', async () => {
    const { api } = await organ();
    expect((await rejection(api('documents.preview', { id: 'duties-letter', params: { year: 2025 } }))).message).toBe(
      '2025年度还没有登记领导班子成员。请先在“一岗双责”中登记班子成员和责任清单。',
    );
  });
});

describe('duties on the command line', () => {
  const root = path.resolve(import.meta.dirname, '../..');
  function cli(...args: string[]) {
    const result = spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'src/cli/main.ts'), ...args], {
      cwd: root,
      encoding: 'utf8',
      timeout: 60_000,
    });
    return { code: result.status, stdout: result.stdout, stderr: result.stderr };
  }

  it('lists the year and writes the year-end report as Word and PDF', async () => {
    const dir = tempDir();
    const t = await organ('2026-11-22', { dataDir: dir });
    await t.api('duties.addItem', {
      year: 2026,
      leaderId: t.deputy.id,
      category: '党的建设',
      content: '讲党课',
      rule: { kind: 'periodic', per: 'year', times: 1 },
    });
    await t.api('duties.addRecord', {
      leaderId: t.deputy.id,
      occurredOn: '2026-07-01',
      kind: 'partyLecture',
      subject: '讲专题党课',
    });
    const db = t.ws.dataFile;
    t.ws.close();

    const list = cli('--db', db, 'duties', 'list', '--year', '2026');
    expect(list.stderr).toBe('');
    expect(list.code).toBe(0);
    expect(list.stdout).toContain('2026年度一岗双责完成情况');
    expect(list.stdout).toMatch(/李副局长\s+副职\s+1\s/);

    const docx = path.join(dir, '述责述廉.docx');
    const word = cli('--db', db, 'duties', 'report', '--person', '李副局长', '--year', '2026', '--out', docx);
    expect(word.stderr).toBe('');
    expect(word.code).toBe(0);
    expect(fs.readFileSync(docx).subarray(0, 2).toString()).toBe('PK');
    const pdf = path.join(dir, '述责述廉.pdf');
    const printed = cli('--db', db, 'duties', 'report', '--person', '李副局长', '--year', '2026', '--out', pdf);
    expect(printed.code).toBe(0);
    expect(printed.stdout).toContain('已生成“2026年度述责述廉报告”');
    expect(readPdfLayout(pdf)[0]!.text).toContain('述责述廉报告');

    const nobody = cli('--db', db, 'duties', 'report', '--person', '张三', '--year', '2026', '--out', docx);
    expect(nobody.code).toBe(1);
    expect(nobody.stderr).toBe('错误：2026年度的领导班子中没有“张三”。本年度的班子成员：王书记、李副局长。\n');
    const badYear = cli(
      '--db',
      db,
      '--json',
      'duties',
      'report',
      '--person',
      '李副局长',
      '--year',
      '26',
      '--out',
      docx,
    );
    expect(badYear.code).toBe(2);
    expect(badYear.stderr).toBe('错误：--year 应为四位年份，例如 --year 2026（收到“26”）\n');
    expect(JSON.parse(badYear.stdout)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  }, 120_000);
});
