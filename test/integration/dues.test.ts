import { describe, expect, it } from 'vitest';
import { ledgerReport, toTableSheet } from '../../src/core/dues/reports';
import { getOrgan } from '../../src/core/services/organ';
import type { MemberFieldsInput } from '../../src/shared/members/input';
import { citizenId, memberFields } from '../support/people';
import { SAMPLE_SETUP, tempWorkspace } from '../support/temp-workspace';
import { readBack } from '../support/workbooks';
import { rejection } from '../support/rejection';

type Api = ReturnType<typeof tempWorkspace>['api'];

/** An organ with five members of different kinds, in 第一党支部 (2) and 第二党支部 (3). */
async function organ(today = '2026-11-22') {
  const t = tempWorkspace({ today });
  await t.api('organ.setup', SAMPLE_SETUP);
  const add = async (overrides: Partial<MemberFieldsInput>) =>
    (await t.api('roster.add', { fields: memberFields({ gender: null, ...overrides }) })).id;
  const ids = {
    zhang: await add({ name: '张三', citizenId: citizenId('1985-03-12', 'male', 1) }),
    li: await add({
      name: '李四',
      citizenId: citizenId('1950-01-01', 'female', 2),
      employmentCategory: 'retired',
      admittedOn: '1975-07-01',
      fullMembershipOn: '1976-07-01',
    }),
    wang: await add({
      name: '王五',
      citizenId: citizenId('2001-05-05', 'male', 3),
      employmentCategory: 'student',
      branchId: 3,
      admittedOn: '2020-06-01',
      fullMembershipOn: '2021-06-01',
    }),
    zhao: await add({
      name: '赵六',
      citizenId: citizenId('1995-02-02', 'female', 4),
      branchId: 3,
      admittedOn: '2026-03-15',
      fullMembershipOn: null,
    }),
  };
  return { ...t, ids };
}

async function assessAndLock(api: Api, ids: { zhang: number; li: number; zhao: number }, year: number) {
  await api('dues.assess', { year });
  await api('dues.setTerms', { year, memberId: ids.zhang, terms: { category: 'employed', baseFen: 630_000 } });
  await api('dues.setTerms', { year, memberId: ids.li, terms: { category: 'retired', baseFen: 500_001 } });
  if (year >= 2026)
    await api('dues.setTerms', { year, memberId: ids.zhao, terms: { category: 'employed', baseFen: 300_000 } });
  await api('dues.lock', { year });
}

describe('年度核定: the year’s assessment', () => {
  it('starts every member from the roster, asks for missing bases, and shows the working', async () => {
    const { api, ids } = await organ();
    const made = await api('dues.assess', { year: 2026 });
    expect(made).toMatchObject({ year: 2026, added: 4, members: 4, incomplete: 3 });
    const view = await api('dues.assessment', { year: 2026 });
    const byName = Object.fromEntries(view.rows.map((r) => [r.name, r]));
    expect(byName['王五']!.current).toMatchObject({ amountFen: 20, standard: '0.20元/月', problem: null });
    expect(byName['李四']!.current).toMatchObject({
      terms: { category: 'retired' },
      amountFen: null,
      problem: expect.stringContaining('基本离退休费'),
    });

    const locked = await rejection(api('dues.lock', { year: 2026 }));
    expect(locked.message).toContain('还有 3 名党员');
    expect(locked.message).toContain('李四');

    const zhang = await api('dues.setTerms', {
      year: 2026,
      memberId: ids.zhang,
      terms: { category: 'employed', baseFen: 630_000 },
    });
    expect(zhang.current).toMatchObject({
      amountFen: 9_450,
      explanation: '按2017年规范党费工作通知（2017年1月起），基数 6,300.00 元 × 1.5% = 94.50 元',
      baseSource: 'typed',
    });
    expect(zhang.yearDueFen).toBe(9_450 * 12);
  });

  it('makes a probationary member owe from the month of admission', async () => {
    const { api, ids } = await organ();
    await assessAndLock(api, ids, 2026);
    const zhao = (await api('dues.assessment', { year: 2026 })).rows.find((r) => r.memberId === ids.zhao)!;
    expect(zhao).toMatchObject({ startMonth: '2026-03', dueMonths: 10, yearDueFen: 1_500 * 10 });
    expect((await api('dues.collection', { month: '2026-02', branchId: 3 })).rows.map((r) => r.name)).toEqual(['王五']);
    expect((await api('dues.collection', { month: '2026-03', branchId: 3 })).rows.map((r) => r.name).sort()).toEqual(
      ['王五', '赵六'].sort(),
    );
    const early = await rejection(
      api('dues.recordPayments', {
        paidOn: '2026-03-20',
        entries: [{ memberId: ids.zhao, month: '2026-02', paidFen: 1_500 }],
      }),
    );
    expect(early.message).toContain('赵六2026年2月不在本单位交纳党费');
  });

  it('locks the year: terms no longer change, a change is an adjustment from a month with its reason', async () => {
    const { api, ids } = await organ();
    await assessAndLock(api, ids, 2026);
    const refused = await rejection(
      api('dues.setTerms', { year: 2026, memberId: ids.zhang, terms: { category: 'employed', baseFen: 700_000 } }),
    );
    expect(refused.message).toContain('已核定锁定');

    await api('dues.recordPayments', {
      paidOn: '2026-07-05',
      entries: [{ memberId: ids.zhang, month: '2026-07', paidFen: 9_450, receiptNo: 'A001' }],
    });
    const adjusted = await api('dues.adjust', {
      year: 2026,
      memberId: ids.zhang,
      fromMonth: '2026-07',
      terms: { category: 'employed', baseFen: 1_100_000 },
      reason: '7月起晋升职级，工资调整',
    });
    expect(adjusted.paidMonthsKept).toEqual(['2026-07']);
    expect(adjusted.row.versions.map((v) => [v.effectiveFrom, v.amountFen, v.reason])).toEqual([
      ['2026-01', 9_450, null],
      ['2026-07', 22_000, '7月起晋升职级，工资调整'],
    ]);
    // six months at 94.50, six at 220.00
    expect(adjusted.row.yearDueFen).toBe(9_450 * 6 + 22_000 * 6);
    // the July payment keeps the amount that was due when it was paid
    const july = (await api('dues.member', { memberId: ids.zhang })).years[0]!.months.find(
      (m) => m.month === '2026-07',
    )!;
    expect(july).toMatchObject({ state: 'paid', dueFen: 22_000, payment: { dueFen: 9_450, paidFen: 9_450 } });
    const log = await api('audit.list', { entity: 'dues_assessment' });
    expect(log.some((e) => e.reason === '7月起晋升职级，工资调整' && e.action === 'insert')).toBe(true);

    expect((await rejection(api('dues.unlock', { year: 2026, reason: '误锁' }))).message).toContain(
      '已登记 1 笔党费收缴',
    );
  });

  it('undoes a lock made by mistake while nothing of the year is recorded, and locks members who arrive later in their turn', async () => {
    const { api, ids, setToday } = await organ();
    await assessAndLock(api, ids, 2026);
    await api('dues.unlock', { year: 2026, reason: '锁定后发现张三基数有误' });
    await api('dues.setTerms', { year: 2026, memberId: ids.zhang, terms: { category: 'employed', baseFen: 650_000 } });
    await api('dues.lock', { year: 2026 });
    setToday('2026-12-01');
    const late = await api('roster.add', {
      fields: memberFields({
        name: '新来',
        gender: null,
        citizenId: citizenId('1992-04-04', 'male', 7),
        admittedOn: '2010-07-01',
        fullMembershipOn: '2011-07-01',
      }),
      arrival: { from: '中共某某区委组织部', on: '2026-11-20', documentNo: null },
    });
    const view = await api('dues.assessment', { year: 2026 });
    expect(view.missing.map((m) => m.name)).toEqual(['新来']);
    await api('dues.assess', { year: 2026 });
    const row = await api('dues.setTerms', {
      year: 2026,
      memberId: late.id,
      terms: { category: 'employed', baseFen: 400_000 },
    });
    expect(row).toMatchObject({ locked: false, startMonth: '2026-11', dueMonths: 2 });
    expect((await api('dues.lock', { year: 2026 })).locked).toBe(1);
    expect((await api('dues.assessment', { year: 2026 })).rows.every((r) => r.locked)).toBe(true);
    const log = await api('audit.list', { entity: 'dues_year' });
    expect(log.some((e) => e.reason === '锁定后发现张三基数有误')).toBe(true);
  });

  it('moves the start month by a transfer letter, with its reason, never past months already paid here', async () => {
    const { api, ids } = await organ();
    await assessAndLock(api, ids, 2026);
    await api('dues.recordPayments', {
      paidOn: '2026-02-10',
      entries: [{ memberId: ids.zhang, month: '2026-02', paidFen: 9_450 }],
    });
    const late = await rejection(
      api('dues.setStart', {
        year: 2026,
        memberId: ids.zhang,
        startMonth: '2026-05',
        reason: '介绍信注明党费已交至4月',
      }),
    );
    expect(late.message).toContain('已有 1 个月的党费登记在本单位');
    const moved = await api('dues.setStart', {
      year: 2026,
      memberId: ids.li,
      startMonth: '2026-05',
      reason: '介绍信注明党费已交至4月',
    });
    expect(moved).toMatchObject({ startMonth: '2026-05', dueMonths: 8, yearDueFen: 5_000 * 8 });
    expect((await api('dues.collection', { month: '2026-04', branchId: 2 })).rows.map((r) => r.name)).toEqual(['张三']);
    expect(
      (await api('audit.list', { entity: 'dues_assessment' })).some((e) => e.reason === '介绍信注明党费已交至4月'),
    ).toBe(true);
    const back = await api('dues.setStart', {
      year: 2026,
      memberId: ids.li,
      startMonth: null,
      reason: '登记错误，恢复',
    });
    expect(back.dueMonths).toBe(12);
  });

  it('follows the rounding setting in an open year and never moves a locked one', async () => {
    const { api, ids } = await organ();
    await assessAndLock(api, ids, 2026);
    await api('dues.assess', { year: 2027 });
    await api('dues.setTerms', { year: 2027, memberId: ids.zhang, terms: { category: 'employed', baseFen: 312_345 } });
    const before = (await api('dues.assessment', { year: 2027 })).rows.find((r) => r.memberId === ids.zhang)!.current;
    expect(before.amountFen).toBe(3_123);
    await api('dues.updateSettings', { rounding: { unit: 'jiao', mode: 'up' } });
    const after2027 = (await api('dues.assessment', { year: 2027 })).rows.find(
      (r) => r.memberId === ids.zhang,
    )!.current;
    expect(after2027).toMatchObject({
      amountFen: 3_130,
      explanation:
        '按2017年规范党费工作通知（2017年1月起），基数 3,123.45 元 × 1% = 31.2345 元，只入不舍到角为 31.30 元',
    });
    const li2026 = (await api('dues.assessment', { year: 2026 })).rows.find((r) => r.memberId === ids.li)!.current;
    expect(li2026).toMatchObject({
      amountFen: 5_000,
      explanation:
        '按2017年规范党费工作通知（2017年1月起），基数 5,000.01 元 × 1% = 50.0001 元，四舍五入到分为 50.00 元',
    });
    // last year's base is carried into the new year, marked to be checked
    const li2027 = (await api('dues.assessment', { year: 2027 })).rows.find((r) => r.memberId === ids.li)!.current;
    expect(li2027).toMatchObject({ baseSource: 'carried', terms: { baseFen: 500_001 } });
  });

  it('refuses a hardship reduction without the superior’s approval, and records it with one', async () => {
    const { api, ids } = await organ();
    await api('dues.assess', { year: 2026 });
    const missing = await rejection(
      api('dues.setTerms', { year: 2026, memberId: ids.li, terms: { category: 'hardship', chosenFen: 0 } }),
    );
    expect(missing.field).toBe('terms.approval');
    const row = await api('dues.setTerms', {
      year: 2026,
      memberId: ids.li,
      terms: {
        category: 'hardship',
        chosenFen: 0,
        approval: { body: '中共某某局机关委员会', documentNo: '局机党〔2026〕5号', on: '2026-01-20' },
      },
    });
    expect(row.current).toMatchObject({ amountFen: 0, standard: '免交' });
  });
});

describe('收缴: monthly collection', () => {
  it('marks a whole branch at once and keeps the exceptions, all or nothing', async () => {
    const { api, ids } = await organ();
    await assessAndLock(api, ids, 2026);
    const month = await api('dues.collection', { month: '2026-05', branchId: 2 });
    expect(month.rows.map((r) => [r.name, r.dueFen])).toEqual([
      ['李四', 5_000],
      ['张三', 9_450],
    ]);
    // One bad entry (a different amount without a reason) stops the whole batch.
    const bad = await rejection(
      api('dues.recordPayments', {
        paidOn: '2026-05-10',
        entries: [
          { memberId: ids.zhang, month: '2026-05', paidFen: 9_450, receiptNo: '0001' },
          { memberId: ids.li, month: '2026-05', paidFen: 3_000 },
        ],
      }),
    );
    expect(bad.message).toContain('李四2026年5月应交 50.00 元，实交 30.00 元，金额不同须写明原因');
    expect((await api('dues.collection', { month: '2026-05', branchId: 2 })).totals.paid).toBe(0);

    const done = await api('dues.recordPayments', {
      paidOn: '2026-05-10',
      entries: [
        { memberId: ids.zhang, month: '2026-05', paidFen: 9_450, receiptNo: '0001' },
        { memberId: ids.li, month: '2026-05', paidFen: 5_000, paidBy: '李小四（女儿）', receiptNo: '0002' },
      ],
    });
    expect(done).toMatchObject({ recorded: 2, paidFen: 14_450, warnings: [] });
    const after = await api('dues.collection', { month: '2026-05', branchId: 2 });
    expect(after.totals).toMatchObject({ paid: 2, unpaid: 0, paidFen: 14_450 });
    expect(after.rows.find((r) => r.name === '李四')?.payment).toMatchObject({
      paidBy: '李小四（女儿）',
      timing: 'regular',
    });

    const twice = await rejection(
      api('dues.recordPayments', {
        paidOn: '2026-05-11',
        entries: [{ memberId: ids.zhang, month: '2026-05', paidFen: 9_450 }],
      }),
    );
    expect(twice.message).toContain('已于2026-05-10登记');
  });

  it('warns about back-payments beyond six months and prepayments beyond the setting, and records them once acknowledged', async () => {
    const { api, ids } = await organ();
    await assessAndLock(api, ids, 2026);
    const entries = [
      { memberId: ids.zhang, month: '2026-01', paidFen: 9_450 },
      { memberId: ids.zhang, month: '2026-04', paidFen: 9_450 },
    ];
    const warned = await rejection(api('dues.recordPayments', { paidOn: '2026-08-20', entries }));
    expect(warned.field).toBe('acknowledge');
    expect(warned.message).toContain('补交2026年1月的党费已超过7个月');
    expect(warned.message).not.toContain('2026年4月');
    const done = await api('dues.recordPayments', { paidOn: '2026-08-20', entries, acknowledge: true });
    expect(done.warnings).toHaveLength(1);
    const payments = (await api('dues.member', { memberId: ids.zhang })).payments;
    expect(payments.map((p) => [p.month, p.timing, p.timingMonths])).toEqual([
      ['2026-04', 'back', 4],
      ['2026-01', 'back', 7],
    ]);
    const prepay = await rejection(
      api('dues.recordPayments', {
        paidOn: '2026-11-01',
        entries: [{ memberId: ids.zhang, month: '2027-06', paidFen: 9_450 }],
      }),
    );
    expect(prepay.message).toContain('2027年度尚未核定');
  });

  it('voids a wrong entry with its reason instead of deleting it', async () => {
    const { api, ids } = await organ();
    await assessAndLock(api, ids, 2026);
    await api('dues.recordPayments', {
      paidOn: '2026-05-10',
      entries: [{ memberId: ids.zhang, month: '2026-05', paidFen: 9_450 }],
    });
    const payment = (await api('dues.collection', { month: '2026-05', branchId: 2 })).rows.find(
      (r) => r.name === '张三',
    )!.payment!;
    await api('dues.voidPayment', { id: payment.id, reason: '登记错了人' });
    expect(
      (await api('dues.collection', { month: '2026-05', branchId: 2 })).rows.find((r) => r.name === '张三')!.payment,
    ).toBeNull();
    const log = await api('audit.list', { entity: 'dues_payment' });
    expect(log.find((e) => e.action === 'update')).toMatchObject({
      reason: '登记错了人',
      after: { void_reason: '登记错了人' },
    });
  });
});

describe('欠交: arrears, counted across the year end', () => {
  it('warns at 3 and 5 months, raises a case at 6, and records the branch’s decision without acting', async () => {
    const { api, ids, setToday } = await organ();
    // The members are on the roster; the clock goes back to the end of 2025 (赵六 joins only in March 2026).
    setToday('2025-12-01');
    await assessAndLock(api, ids, 2025);
    // 王五 pays every month; 张三 stops after August 2025.
    const months2025 = Array.from({ length: 8 }, (_, i) => `2025-${String(i + 1).padStart(2, '0')}`);
    await api('dues.recordPayments', {
      paidOn: '2025-08-31',
      acknowledge: true,
      entries: months2025.map((month) => ({ memberId: ids.zhang, month, paidFen: 9_450 })),
    });
    await api('dues.recordPayments', {
      paidOn: '2025-11-30',
      acknowledge: true,
      entries: [...months2025, '2025-09', '2025-10', '2025-11'].flatMap((month) => [
        { memberId: ids.wang, month, paidFen: 20 },
        { memberId: ids.li, month, paidFen: 5_000 },
      ]),
    });
    let reminders = (await api('reminders.list', {})).filter((r) => r.kind.startsWith('duesArrears'));
    expect(reminders.map((r) => [r.kind, r.subject])).toEqual([['duesArrears', { kind: 'duesMember', id: ids.zhang }]]);
    expect(reminders[0]!.message).toContain('已连续 3 个月未交纳党费（2025年9月至11月，共 283.50 元）');

    setToday('2026-02-05');
    await assessAndLock(api, ids, 2026);
    reminders = (await api('reminders.list', {})).filter((r) => r.kind.startsWith('duesArrears'));
    expect(reminders.find((r) => r.subject.id === ids.zhang)).toMatchObject({
      kind: 'duesArrearsSerious',
      severity: 'warning',
    });
    expect(reminders.find((r) => r.subject.id === ids.zhang)!.message).toContain('2025年9月至2026年1月');

    setToday('2026-03-01');
    const arrears = await api('dues.arrears', {});
    const zhang = arrears.rows.find((r) => r.memberId === ids.zhang)!;
    expect(zhang).toMatchObject({
      streak: { months: 6, from: '2025-09', to: '2026-02' },
      level: 'case',
      caseState: 'open',
      unpaidFen: 9_450 * 6,
    });
    const caseReminder = (await api('reminders.list', {})).find((r) => r.kind === 'duesArrearsCase')!;
    expect(caseReminder).toMatchObject({ severity: 'overdue', subject: { kind: 'duesMember', id: ids.zhang } });
    expect(caseReminder.message).toContain('程序不会自动处理');
    // The app has changed nothing about the member.
    expect((await api('roster.get', { id: ids.zhang })).status).toBe('normal');

    await api('dues.decideCase', {
      memberId: ids.zhang,
      streakFrom: '2025-09',
      decision: 'deadline',
      decidedOn: '2026-03-01',
      decidedBy: '支部委员会',
      deadline: '2026-03-31',
      note: '本人长期外派，已谈话',
    });
    expect((await api('reminders.list', {})).some((r) => r.kind === 'duesArrearsCase')).toBe(false);
    setToday('2026-04-01');
    expect((await api('reminders.list', {})).find((r) => r.kind === 'duesArrearsDeadlinePassed')?.message).toContain(
      '补交期限2026年3月31日已过',
    );

    // Paying the latest month does not pay the older ones: the run stands, and so does the passed deadline.
    await api('dues.recordPayments', {
      paidOn: '2026-04-01',
      entries: [{ memberId: ids.zhang, month: '2026-03', paidFen: 9_450 }],
    });
    const now = (await api('dues.arrears', {})).rows.find((r) => r.memberId === ids.zhang)!;
    expect(now).toMatchObject({
      streak: { months: 6, from: '2025-09', to: '2026-02' },
      caseState: 'deadlinePassed',
      unpaidMonths: ['2025-09', '2025-10', '2025-11', '2025-12', '2026-01', '2026-02'],
    });
    expect((await api('reminders.list', {})).find((r) => r.kind === 'duesArrearsDeadlinePassed')?.message).toContain(
      '补交期限2026年3月31日已过，2025年9月至2026年2月仍有 6 个月未交纳党费',
    );
  });

  it('refuses a decision where there is no six-month case, and takes one for a run a later payment left behind', async () => {
    const { api, ids } = await organ();
    await assessAndLock(api, ids, 2026);
    await api('dues.recordPayments', {
      paidOn: '2026-11-01',
      acknowledge: true,
      entries: [{ memberId: ids.wang, month: '2026-09', paidFen: 20 }],
    });
    // 王五: January to August unpaid (eight months), September paid, October unpaid.
    const wang = (await api('dues.arrears', {})).rows.find((r) => r.memberId === ids.wang)!;
    expect(wang.runs.map((r) => [r.from, r.months])).toEqual([
      ['2026-01', 8],
      ['2026-10', 1],
    ]);
    expect(wang).toMatchObject({ streak: { from: '2026-01', months: 8 }, level: 'case', caseState: 'open' });
    const error = await rejection(
      api('dues.decideCase', {
        memberId: ids.wang,
        streakFrom: '2026-10',
        decision: 'justified',
        decidedOn: '2026-11-01',
        decidedBy: '支部委员会',
      }),
    );
    expect(error.code).toBe('RULE_VIOLATION');
    const decided = await api('dues.decideCase', {
      memberId: ids.wang,
      streakFrom: '2026-01',
      decision: 'justified',
      decidedOn: '2026-11-01',
      decidedBy: '支部委员会',
      note: '在校学习期间由家长代管，已说明',
    });
    expect(decided).toMatchObject({ streakFrom: '2026-01', streakTo: '2026-08' });
  });
});

describe('自愿多交、大额党费、上缴与使用', () => {
  it('tells large voluntary dues apart, flags exactly 1,000 元, and remits them whole', async () => {
    const { api, ids } = await organ();
    await assessAndLock(api, ids, 2026);
    const small = await api('dues.recordVoluntary', { memberId: ids.zhang, paidOn: '2026-07-01', amountFen: 99_999 });
    const exact = await api('dues.recordVoluntary', {
      memberId: ids.li,
      paidOn: '2026-07-01',
      amountFen: 100_000,
      profile: '李四，1975年入党，退休干部',
    });
    const big = await api('dues.recordVoluntary', { memberId: ids.zhang, paidOn: '2026-07-02', amountFen: 500_000 });
    expect([small.large, exact.large, exact.atThreshold, big.large]).toEqual([false, true, true, true]);
    expect((await api('reminders.list', {})).filter((r) => r.kind === 'duesLargeUnremitted')).toHaveLength(2);

    const partial = await rejection(
      api('dues.recordFund', {
        kind: 'largeRemittance',
        on: '2026-07-10',
        amountFen: 500_000,
        counterpart: '市委组织部',
        voluntaryIds: [exact.id, big.id],
      }),
    );
    expect(partial.message).toContain('大额党费应全额上缴');
    const notLarge = await rejection(
      api('dues.recordFund', {
        kind: 'largeRemittance',
        on: '2026-07-10',
        amountFen: 99_999,
        counterpart: '市委组织部',
        voluntaryIds: [small.id],
      }),
    );
    expect(notLarge.message).toContain('不是大额党费');
    await api('dues.recordFund', {
      kind: 'largeRemittance',
      on: '2026-07-10',
      amountFen: 600_000,
      counterpart: '市委组织部',
      documentNo: 'D-7',
      voluntaryIds: [exact.id, big.id],
    });
    expect((await api('reminders.list', {})).some((r) => r.kind === 'duesLargeUnremitted')).toBe(false);

    await api('dues.updateSettings', { largeIncludesThreshold: false });
    const again = await api('dues.recordVoluntary', { memberId: ids.li, paidOn: '2026-08-01', amountFen: 100_000 });
    expect(again.large).toBe(false);
  });

  it('keeps a running balance; spends only on permitted purposes by collective decision and within the balance', async () => {
    const { api, ids } = await organ();
    await api('dues.updateSettings', { remittanceShareBp: 2_000 });
    await assessAndLock(api, ids, 2026);
    await api('dues.recordFund', {
      kind: 'opening',
      on: '2026-01-01',
      amountFen: 100_000,
      description: '2025年末结存',
    });
    await api('dues.recordPayments', {
      paidOn: '2026-03-05',
      acknowledge: true,
      entries: ['2026-01', '2026-02', '2026-03'].map((month) => ({ memberId: ids.zhang, month, paidFen: 9_450 })),
    });
    await api('dues.recordFund', {
      kind: 'allocation',
      on: '2026-04-01',
      amountFen: 50_000,
      counterpart: '市直机关工委',
      documentNo: '市机工〔2026〕8号',
    });

    const undecided = await rejection(
      api('dues.recordFund', {
        kind: 'expenditure',
        on: '2026-05-01',
        amountFen: 10_000,
        purpose: 'training',
        description: '党员培训教材',
      }),
    );
    expect(undecided.message).toContain('集体研究');
    const tooMuch = await rejection(
      api('dues.recordFund', {
        kind: 'expenditure',
        on: '2026-05-01',
        amountFen: 500_000,
        purpose: 'training',
        description: '党员培训',
        decisionBody: '机关党委会议',
        decisionOn: '2026-04-20',
      }),
    );
    expect(tooMuch.message).toContain('超过2026-05-01可用的党费结存 1,783.50 元');
    await api('dues.recordFund', {
      kind: 'expenditure',
      on: '2026-05-01',
      amountFen: 30_000,
      purpose: 'materials',
      description: '订阅《共产党员》杂志',
      decisionBody: '机关党委会议',
      decisionOn: '2026-04-20',
      decisionRef: '第3次会议纪要',
      documentNo: '凭012',
    });
    await api('dues.recordFund', {
      kind: 'remittance',
      on: '2026-06-01',
      amountFen: 5_670,
      duesYear: 2026,
      counterpart: '市直机关工委',
    });

    const funds = await api('dues.funds', { year: 2026 });
    expect(funds.movements.map((m) => [m.kind, m.incomeFen, m.expenseFen, m.balanceFen])).toEqual([
      ['opening', 0, 0, 100_000],
      ['collected', 28_350, 0, 128_350],
      ['allocation', 50_000, 0, 178_350],
      ['expenditure', 0, 30_000, 148_350],
      ['remittance', 0, 5_670, 142_680],
    ]);
    expect(funds.summary).toMatchObject({
      openingFen: 100_000,
      collectedFen: 28_350,
      expendituresFen: 30_000,
      closingFen: 142_680,
      byPurpose: [{ purpose: 'materials', fen: 30_000 }],
    });
    expect(funds.remittance).toMatchObject({ shareBp: 2_000, baseFen: 28_350, dueFen: 5_670, remittedFen: 5_670 });

    // A large payment waiting to go up to 中央 is in the till but cannot be spent.
    await api('dues.recordVoluntary', { memberId: ids.li, paidOn: '2026-06-10', amountFen: 2_000_000 });
    const held = await rejection(
      api('dues.recordFund', {
        kind: 'expenditure',
        on: '2026-06-20',
        amountFen: 200_000,
        purpose: 'hardship',
        description: '补助困难党员',
        decisionBody: '机关党委会议',
        decisionOn: '2026-06-15',
      }),
    );
    expect(held.message).toContain('可用的党费结存 1,426.80 元（不含待上缴的大额党费）');
  });
});

describe('reports', () => {
  it('exports the register, ledger, notice and arrears to Excel with amounts as numbers', async () => {
    const { api, ids } = await organ();
    await assessAndLock(api, ids, 2026);
    await api('dues.recordPayments', {
      paidOn: '2026-03-20',
      entries: [{ memberId: ids.zhang, month: '2026-03', paidFen: 9_450, receiptNo: '0007' }],
    });

    const register = await readBack(
      (await api('dues.exportReport', { report: 'register', params: { month: '2026-03', branchId: 2 } })).base64,
    );
    const sheet = register.worksheets[0]!;
    expect(sheet.getRow(1).getCell(1).value).toBe('第一党支部党费收缴登记表');
    expect(sheet.getRow(3).values).toEqual([
      undefined,
      '序号',
      '姓名',
      '应交（元）',
      '实交（元）',
      '交纳日期',
      '收据号',
      '交纳情况',
      '备注',
      '本人签字',
    ]);
    const zhang = [4, 5].map((r) => sheet.getRow(r)).find((r) => r.getCell(2).value === '张三')!;
    expect([zhang.getCell(3).value, zhang.getCell(4).value, zhang.getCell(6).value, zhang.getCell(7).value]).toEqual([
      94.5,
      94.5,
      '0007',
      '本人交纳',
    ]);
    expect(zhang.getCell(3).numFmt).toBe('#,##0.00');
    // The totals row lines up with the columns: the count under 姓名, the sums under the amounts.
    const totals = sheet.getRow(6);
    expect([
      totals.getCell(1).value,
      totals.getCell(2).value,
      totals.getCell(3).value,
      totals.getCell(4).value,
    ]).toEqual(['合计', '2人', 144.5, 94.5]);
    expect(String(sheet.getRow(7).getCell(1).value)).toContain('说明');
    expect(String(sheet.getRow(8).getCell(1).value)).toMatch(/^收缴人：\s+支部书记：\s+日期：/);

    const ledger = await readBack(
      (await api('dues.exportReport', { report: 'ledger', params: { year: 2026 } })).base64,
    );
    expect(ledger.worksheets[0]!.getRow(3).values).toEqual([
      undefined,
      '序号',
      '党支部',
      '姓名',
      '月工资收入（元）',
      '执行标准',
      '月应缴（元）',
      '全年应缴（元）',
      '全年实缴（元）',
      '备注',
    ]);
    const zhangLedger = [4, 5, 6, 7]
      .map((r) => ledger.worksheets[0]!.getRow(r))
      .find((r) => r.getCell(3).value === '张三')!;
    expect([
      zhangLedger.getCell(4).value,
      zhangLedger.getCell(5).value,
      zhangLedger.getCell(6).value,
      zhangLedger.getCell(7).value,
      zhangLedger.getCell(8).value,
    ]).toEqual([6300, '1.5%', 94.5, 1134, 94.5]);
    expect(String(zhangLedger.getCell(9).value)).toContain('欠交2026年1月至2月、2026年4月至10月');

    const notice = await readBack(
      (await api('dues.exportReport', { report: 'notice', params: { year: 2026, branchId: 2 } })).base64,
    );
    const headers = (notice.worksheets[0]!.getRow(3).values as unknown[]).filter(Boolean);
    expect(headers).toEqual(['序号', '姓名', '月交纳额（元）', '全年应交（元）', '全年实交（元）', '备注']);
    expect(headers.join()).not.toMatch(/工资|收入|基数/);
  });

  it('exports the annual ledger to Excel with every line as the printed ledger has it, paid months and adjustments included', async () => {
    const { api, ids, ws } = await organ();
    await assessAndLock(api, ids, 2026);
    await api('dues.adjust', {
      year: 2026,
      memberId: ids.zhang,
      fromMonth: '2026-07',
      terms: { category: 'employed', baseFen: 1_100_000 },
      reason: '7月起晋升职级',
    });
    await api('dues.recordPayments', {
      paidOn: '2026-03-20',
      entries: [
        { memberId: ids.zhang, month: '2026-01', paidFen: 9_450 },
        { memberId: ids.zhang, month: '2026-03', paidFen: 9_450 },
        { memberId: ids.li, month: '2026-03', paidFen: 5_000 },
      ],
    });
    await api('dues.recordPayments', {
      paidOn: '2026-08-20',
      entries: [
        { memberId: ids.zhang, month: '2026-08', paidFen: 22_000 },
        { memberId: ids.wang, month: '2026-08', paidFen: 20 },
      ],
    });
    await api('dues.voidPayment', {
      id: (await api('dues.member', { memberId: ids.li })).payments[0]!.id,
      reason: '收据号登记错误',
    });
    await api('dues.recordVoluntary', { memberId: ids.li, paidOn: '2026-07-01', amountFen: 10_000 });

    const exported = await readBack(
      (await api('dues.exportReport', { report: 'ledger', params: { year: 2026 } })).base64,
    );
    const sheet = exported.worksheets[0]!;
    const model = toTableSheet(
      ledgerReport({ db: ws.database(), today: '2026-11-22', organ: getOrgan(ws.database()) }, { year: 2026 }),
    );
    // Every cell of every line and of the totals, as the same report prints them (an empty cell reads back as
    // no value); then the notes and signatures.
    model.rows.forEach((values, i) =>
      expect((sheet.getRow(4 + i).values as unknown[]).slice(1), `line ${i + 1}`).toEqual(
        values.map((v) => (v === null || v === '' ? undefined : v)),
      ),
    );
    expect(model.footer!.map((line, i) => sheet.getRow(4 + model.rows.length + i).getCell(1).value)).toEqual(
      model.footer,
    );
    expect(sheet.rowCount).toBe(3 + model.rows.length + model.footer!.length);

    // What a treasurer checks: 张三 owes 6 months at 94.50 and 5 at 220.00 up to October, paid 94.50 twice and 220.00 once.
    const line = (name: string) => model.rows.find((r) => r[2] === name)!;
    expect(line('张三').slice(3, 8)).toEqual([11000, '2%', 220, 94.5 * 6 + 220 * 6, 94.5 * 2 + 220]);
    expect(String(line('张三')[8])).toContain('2026年7月起调整为每月220.00元（7月起晋升职级）');
    expect(String(line('李四')[8])).toMatch(/^欠交2026年1月至10月；另自愿多交100.00元/);
    expect(line('王五').slice(5, 8)).toEqual([0.2, 2.4, 0.2]);
  });

  it('builds every report for one branch and for the whole organ, each row as wide as the header', async () => {
    const { api, ids } = await organ();
    await assessAndLock(api, ids, 2026);
    await api('dues.recordPayments', {
      paidOn: '2026-03-20',
      entries: [{ memberId: ids.zhang, month: '2026-03', paidFen: 9_450 }],
    });
    await api('dues.recordFund', { kind: 'opening', on: '2026-01-01', amountFen: 1_000 });
    for (const report of ['assessment', 'register', 'ledger', 'notice', 'arrears', 'funds'] as const) {
      for (const params of [
        { year: 2026, month: '2026-03' },
        { year: 2026, month: '2026-03', branchId: 3 },
      ]) {
        const book = await readBack((await api('dues.exportReport', { report, params })).base64);
        const sheet = book.worksheets[0]!;
        const width = (sheet.getRow(3).values as unknown[]).filter((v) => v !== undefined).length;
        for (let r = 4; r <= sheet.rowCount; r++) {
          const row = sheet.getRow(r);
          if (row.getCell(1).value === '合计')
            expect(row.cellCount, `${report} ${JSON.stringify(params)}`).toBeLessThanOrEqual(width);
        }
        expect(sheet.getRow(1).getCell(1).value).toBeTruthy();
      }
    }
  });

  it('registers every dues report with the documents engine', async () => {
    const { api, ids } = await organ();
    await assessAndLock(api, ids, 2026);
    const ids_ = (await api('documents.list', {})).map((d) => d.id);
    expect(ids_).toEqual(
      expect.arrayContaining([
        'dues-assessment',
        'dues-register',
        'dues-ledger',
        'dues-notice',
        'dues-arrears',
        'dues-funds',
      ]),
    );
    const docx = await api('documents.export', {
      id: 'dues-assessment',
      params: { year: 2026, branchId: 2 },
      format: 'docx',
    });
    expect(docx.fileName).toBe('第一党支部2026年度党费核定表.docx');
    const bad = await rejection(
      api('documents.export', { id: 'dues-register', params: { month: '2026-13' }, format: 'docx' }),
    );
    expect(bad.message).toContain('不是有效月份');
  });
});

describe('the contract refuses bad input in Chinese', () => {
  it('names the field and value', async () => {
    const { api, ids } = await organ();
    await api('dues.assess', { year: 2026 });
    const negative = await rejection(
      api('dues.setTerms', { year: 2026, memberId: ids.zhang, terms: { category: 'employed', baseFen: -5 } }),
    );
    expect(negative.message).toContain('基数不能是负数');
    const fractional = await rejection(
      api('dues.setTerms', { year: 2026, memberId: ids.zhang, terms: { category: 'employed', baseFen: 630_000.5 } }),
    );
    expect(fractional.message).toContain('分为单位的整数');
    const category = await rejection(api('dues.rate', { category: 'civilServant' as never, baseFen: 1 }));
    expect(category.message).toContain('党费类别只能是');
  });

  it('answers the calculator without an organ, with the default settings', async () => {
    const t = tempWorkspace();
    expect(await t.api('dues.rate', { category: 'employed', baseFen: 630_000 })).toMatchObject({
      category: 'employed',
      baseFen: 630_000,
      rate: '1.5%',
      amountFen: 9_450,
      explanation: '按2017年规范党费工作通知（2017年1月起），基数 6,300.00 元 × 1.5% = 94.50 元',
    });
  });
});
