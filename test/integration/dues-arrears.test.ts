import { describe, expect, it } from 'vitest';
import { monthRange } from '../../src/shared/dues/months';
import { citizenId, memberFields } from '../support/people';
import { SAMPLE_SETUP, tempWorkspace } from '../support/temp-workspace';

/*
 * Arrears runs through the contract, as the issue found them: a later payment must not erase an
 * earlier unpaid run; only paying back the run's own months, or the branch's decision, ends it;
 * a 限期补交 deadline that passes is shown, however the member paid meanwhile.
 */

/** 张三 (94.50 元 a month) and 李四 (50.00 元), 第一党支部; 2025 and 2026 assessed and locked. */
async function office(today = '2026-01-05') {
  const t = tempWorkspace({ today });
  await t.api('organ.setup', SAMPLE_SETUP);
  const zhang = (await t.api('roster.add', { fields: memberFields({ name: '张三' }) })).id;
  const li = (
    await t.api('roster.add', {
      fields: memberFields({ name: '李四', citizenId: citizenId('1970-02-02', 'female', 2), gender: 'female' }),
    })
  ).id;
  for (const year of [2025, 2026]) {
    await t.api('dues.assess', { year });
    await t.api('dues.setTerms', { year, memberId: zhang, terms: { category: 'employed', baseFen: 630_000 } });
    await t.api('dues.setTerms', { year, memberId: li, terms: { category: 'employed', baseFen: 500_000 } });
    await t.api('dues.lock', { year });
  }
  const pay = (memberId: number, months: string[], paidOn: string) =>
    t.api('dues.recordPayments', {
      paidOn,
      acknowledge: true,
      entries: months.map((month) => ({ memberId, month, paidFen: memberId === zhang ? 9_450 : 5_000 })),
    });
  // 李四 pays every month of 2025; 张三 too, so only 2026 is in question.
  await pay(li, monthRange('2025-01', '2025-12'), '2025-12-31');
  await pay(zhang, monthRange('2025-01', '2025-12'), '2025-12-31');
  const arrearsOf = async (memberId: number) =>
    (await t.api('dues.arrears', {})).rows.find((r) => r.memberId === memberId) ?? null;
  const remindersOf = async (memberId: number) =>
    (await t.api('reminders.list', {})).filter((r) => r.kind.startsWith('duesArrears') && r.subject.id === memberId);
  return { ...t, zhang, li, pay, arrearsOf, remindersOf };
}

describe('arrears runs a later payment does not erase', () => {
  it('keeps January to June a six-month case when July is paid on time (5 August)', async () => {
    const { setToday, zhang, pay, arrearsOf, remindersOf } = await office();
    setToday('2026-07-20');
    await pay(zhang, ['2026-07'], '2026-07-20');
    setToday('2026-08-05');
    expect(await arrearsOf(zhang)).toMatchObject({
      streak: { months: 6, from: '2026-01', to: '2026-06' },
      level: 'case',
      caseState: 'open',
      unpaidFen: 9_450 * 6,
      streakFen: 9_450 * 6,
    });
    const [reminder, ...more] = await remindersOf(zhang);
    expect(more).toEqual([]);
    expect(reminder).toMatchObject({ kind: 'duesArrearsCase', severity: 'overdue' });
    expect(reminder!.message).toContain('2026年1月至6月连续 6 个月未交纳党费（共 567.00 元），之后的月份虽已交纳');
    expect(reminder!.message).toContain('请支部研究并登记处理意见');
  });

  it('leaves January to May, five months, when only June is paid back', async () => {
    const { setToday, zhang, pay, arrearsOf, remindersOf } = await office();
    setToday('2026-07-10');
    await pay(zhang, ['2026-06', '2026-07'], '2026-07-10');
    setToday('2026-08-05');
    expect((await arrearsOf(zhang))!.streak).toEqual({ months: 5, from: '2026-01', to: '2026-05' });
    expect((await remindersOf(zhang)).map((r) => r.kind)).toEqual(['duesArrearsSerious']);
  });

  it('ends the run only when its own months are paid back', async () => {
    const { setToday, zhang, pay, arrearsOf, remindersOf } = await office();
    setToday('2026-08-05');
    await pay(zhang, ['2026-07'], '2026-07-20');
    await pay(zhang, monthRange('2026-01', '2026-05'), '2026-08-05');
    expect((await arrearsOf(zhang))!.streak).toEqual({ months: 1, from: '2026-06', to: '2026-06' });
    expect(await remindersOf(zhang)).toEqual([]);
    await pay(zhang, ['2026-06'], '2026-08-05');
    expect(await arrearsOf(zhang)).toBeNull();
  });

  it('counts a run across the year end', async () => {
    const { api, setToday, li, pay, arrearsOf, remindersOf } = await office();
    // 李四 paid 2025 in full; now void October–December and pay from April 2026 on.
    const paid = await api('dues.member', { memberId: li });
    for (const p of paid.payments.filter((p) => p.month >= '2025-10'))
      await api('dues.voidPayment', { id: p.id, reason: '收据作废，实际未交' });
    setToday('2026-05-06');
    await pay(li, ['2026-04'], '2026-04-30');
    expect((await arrearsOf(li))!.streak).toEqual({ months: 6, from: '2025-10', to: '2026-03' });
    expect((await remindersOf(li))[0]!.message).toContain('2025年10月至2026年3月连续 6 个月未交纳党费');
  });

  it('shows a passed 限期补交 deadline although a later month was paid meanwhile, and after part was paid back', async () => {
    const { api, setToday, zhang, pay, arrearsOf, remindersOf } = await office();
    setToday('2026-07-03');
    await api('dues.decideCase', {
      memberId: zhang,
      streakFrom: '2026-01',
      decision: 'deadline',
      decidedOn: '2026-07-03',
      decidedBy: '第一党支部支部委员会',
      deadline: '2026-07-31',
      note: '已谈心谈话，本人承诺月底前补交',
    });
    expect(await remindersOf(zhang)).toEqual([]);
    setToday('2026-07-25');
    await pay(zhang, ['2026-07'], '2026-07-25');
    // The deadline day itself is still within the deadline.
    setToday('2026-07-31');
    expect((await arrearsOf(zhang))!.caseState).toBe('decided');
    setToday('2026-08-01');
    expect(await arrearsOf(zhang)).toMatchObject({ caseState: 'deadlinePassed', streak: { months: 6 } });
    expect((await remindersOf(zhang))[0]!.message).toContain('补交期限2026年7月31日已过，2026年1月至6月仍有 6 个月');
    // January and February paid back late: the rest of the same run is still past its deadline.
    await pay(zhang, ['2026-01', '2026-02'], '2026-08-01');
    expect(await arrearsOf(zhang)).toMatchObject({
      caseState: 'deadlinePassed',
      streak: { months: 4, from: '2026-03', to: '2026-06' },
      case: { streakFrom: '2026-01', streakTo: '2026-06', decision: 'deadline' },
    });
    const [again] = await remindersOf(zhang);
    expect(again).toMatchObject({ kind: 'duesArrearsDeadlinePassed', severity: 'overdue', dueOn: '2026-07-31' });
    // The branch decides again about what is left.
    await api('dues.decideCase', {
      memberId: zhang,
      streakFrom: '2026-03',
      decision: 'proposedLapse',
      decidedOn: '2026-08-01',
      decidedBy: '第一党支部支部委员会',
    });
    expect(await arrearsOf(zhang)).toMatchObject({ caseState: 'decided', case: { decision: 'proposedLapse' } });
    expect(await remindersOf(zhang)).toEqual([]);
    // The app changed nothing about the member.
    expect((await api('roster.get', { id: zhang })).status).toBe('normal');
  });

  it('lets a decided run hide no newer run', async () => {
    const { api, setToday, zhang, pay, arrearsOf, remindersOf } = await office();
    setToday('2026-07-03');
    await api('dues.decideCase', {
      memberId: zhang,
      streakFrom: '2026-01',
      decision: 'justified',
      decidedOn: '2026-07-03',
      decidedBy: '第一党支部支部委员会',
      note: '援疆期间，组织关系未转',
    });
    setToday('2026-07-20');
    await pay(zhang, ['2026-07'], '2026-07-20');
    setToday('2026-11-02');
    // August to October unpaid: a new run of three, warned about beside the decided one.
    const row = (await arrearsOf(zhang))!;
    expect(row.runs.map((r) => [r.from, r.months])).toEqual([
      ['2026-01', 6],
      ['2026-08', 3],
    ]);
    expect(row.streak).toEqual({ months: 3, from: '2026-08', to: '2026-10' });
    expect((await remindersOf(zhang)).map((r) => r.kind)).toEqual(['duesArrears']);
  });

  it('warns no more about a member who has left, and keeps the months in the 三清 list', async () => {
    const { api, setToday, zhang, arrearsOf, remindersOf } = await office();
    setToday('2026-07-10');
    await api('roster.recordEvent', {
      memberId: zhang,
      event: { kind: 'transferOut', on: '2026-07-10', counterpart: '中共某某县委组织部' },
    });
    expect(await remindersOf(zhang)).toEqual([]);
    expect(await arrearsOf(zhang)).toMatchObject({ level: null, caseState: 'none', streak: { months: 6 } });
  });

  it('tags the collection row with the run still unpaid', async () => {
    const { api, setToday, zhang, pay } = await office();
    setToday('2026-08-05');
    await pay(zhang, ['2026-07'], '2026-07-20');
    const row = (await api('dues.collection', { month: '2026-07', branchId: 2 })).rows.find((r) => r.name === '张三')!;
    expect(row.payment).not.toBeNull();
    expect(row.arrearsMonths).toBe(6);
  });
});
