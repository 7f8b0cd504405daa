import { describe, expect, it } from 'vitest';
import { ledgerReport } from '../../src/core/dues/reports';
import { getOrgan } from '../../src/core/services/organ';
import { subjectOf } from '../../src/shared/audit/describe';
import type { MemberFieldsInput } from '../../src/shared/members/input';
import { citizenId, memberFields } from '../support/people';
import { SAMPLE_SETUP, tempWorkspace } from '../support/temp-workspace';
import { rejection } from '../support/rejection';

/** An office that starts using the app in November 2026: the year assessed from January, November collected. */
async function lateStart() {
  const t = tempWorkspace({ today: '2026-11-22' });
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
  };
  await t.api('dues.assess', { year: 2026 });
  await t.api('dues.setTerms', { year: 2026, memberId: ids.zhang, terms: { category: 'employed', baseFen: 630_000 } });
  await t.api('dues.setTerms', { year: 2026, memberId: ids.li, terms: { category: 'retired', baseFen: 500_001 } });
  await t.api('dues.lock', { year: 2026 });
  await t.api('dues.recordPayments', {
    paidOn: '2026-11-20',
    entries: [
      { memberId: ids.zhang, month: '2026-11', paidFen: 9_450 },
      { memberId: ids.li, month: '2026-11', paidFen: 5_000 },
      { memberId: ids.wang, month: '2026-11', paidFen: 20 },
    ],
  });
  return { ...t, ids };
}

const arrearsReminders = async (api: Awaited<ReturnType<typeof lateStart>>['api']) =>
  (await api('reminders.list', {})).filter((r) => r.kind.startsWith('duesArrears'));

describe('启用月份: where dues stood when the app took over', () => {
  it('without one, a mid-year start makes everyone ten months behind', async () => {
    const { api } = await lateStart();
    expect((await arrearsReminders(api)).map((r) => r.kind)).toEqual([
      'duesArrearsCase',
      'duesArrearsCase',
      'duesArrearsCase',
    ]);
    expect((await api('dues.arrears', {})).rows).toHaveLength(3);
    expect((await api('dues.opening', {})).firstYear).toBe(2026);
  });

  it('from 启用月份 on, the months before are not arrears, reminders or the 三清 list, and read 启用前', async () => {
    const { api, ids, ws } = await lateStart();
    const set = await api('dues.setOpening', { from: '2026-11', note: '此前党费记在纸质台账上' });
    expect(set).toMatchObject({ from: '2026-11', note: '此前党费记在纸质台账上', exceptions: [] });

    expect(await arrearsReminders(api)).toEqual([]);
    expect((await api('dues.arrears', {})).rows).toEqual([]);
    expect(
      (await api('dues.collection', { month: '2026-11', branchId: null })).rows.every((r) => r.arrearsMonths === 0),
    ).toBe(true);
    const zhang = await api('dues.member', { memberId: ids.zhang });
    const months = zhang.years[0]!.months;
    expect(months.slice(0, 10).every((m) => m.state === 'beforeOpening')).toBe(true);
    expect(months[10]!.state).toBe('paid');
    expect(zhang.arrears).toBeNull();

    const ledger = ledgerReport(
      { db: ws.database(), today: '2026-11-22', organ: getOrgan(ws.database()) },
      { year: 2026 },
    );
    const remarks = ledger.rows.map((r) => String(r.at(-1)));
    expect(remarks.every((r) => r.includes('2026年1月至10月启用前') && !r.includes('欠交'))).toBe(true);
  });

  it('counts a run from the takeover month on, not before it', async () => {
    const { api, setToday } = await lateStart();
    await api('dues.setOpening', { from: '2026-08', note: null });
    // August, September, October unpaid (November was paid): three months from the takeover month.
    const reminders = await arrearsReminders(api);
    expect(reminders.map((r) => r.kind)).toEqual(['duesArrears', 'duesArrears', 'duesArrears']);
    expect(reminders[0]!.message).toContain('已连续 3 个月未交纳党费（2026年8月至10月');
    const list = await api('dues.arrears', {});
    expect(list.rows.every((r) => r.unpaidMonths.join() === '2026-08,2026-09,2026-10')).toBe(true);
    // Moved a month on, the run is a month shorter.
    await api('dues.setOpening', { from: '2026-09', note: null });
    expect((await api('dues.arrears', {})).rows.map((r) => r.streak.months)).toEqual([2, 2, 2]);
    // Across the year end: by March 2027 (not yet assessed) the run starts after November's payment; the
    // 三清 list still names September and October.
    setToday('2027-03-02');
    const later = await api('dues.arrears', {});
    expect(later.rows.map((r) => [r.streak.from, r.streak.months])).toEqual(Array(3).fill(['2026-12', 3]));
    expect(later.rows[0]!.unpaidMonths).toEqual(['2026-09', '2026-10', '2026-12', '2027-01', '2027-02']);
  });

  it('takes a member who was behind at takeover from their own month, and refuses exceptions that say nothing', async () => {
    const { api, ids } = await lateStart();
    const early = await rejection(
      api('dues.setOpeningException', { memberId: ids.zhang, paidTo: '2026-06', note: null }),
    );
    expect(early.message).toContain('请先设置本机关的启用月份');
    await api('dues.setOpening', { from: '2026-11', note: null });
    const same = await rejection(
      api('dues.setOpeningException', { memberId: ids.zhang, paidTo: '2026-10', note: null }),
    );
    expect(same.message).toContain('不必单独登记');

    const view = await api('dues.setOpeningException', { memberId: ids.zhang, paidTo: '2026-06', note: '据纸质台账' });
    expect(view.exceptions).toEqual([
      { memberId: ids.zhang, name: '张三', branchName: expect.any(String), paidTo: '2026-06', note: '据纸质台账' },
    ]);

    // July to October are arrears for 张三 only; his November payment does not settle them.
    const reminders = await arrearsReminders(api);
    expect(reminders).toHaveLength(1);
    expect(reminders[0]!.message).toContain('张三已连续 4 个月未交纳党费（2026年7月至10月，共 378.00 元）');
    const list = await api('dues.arrears', {});
    expect(list.rows.map((r) => [r.name, r.unpaidMonths])).toEqual([
      ['张三', ['2026-07', '2026-08', '2026-09', '2026-10']],
    ]);
    const months = (await api('dues.member', { memberId: ids.zhang })).years[0]!.months.map((m) => m.state);
    expect(months.slice(0, 6)).toEqual(Array(6).fill('beforeOpening'));
    expect(months.slice(6, 10)).toEqual(Array(4).fill('unpaid'));

    // The organ cannot move before an exception, nor be cleared while one stands.
    expect((await rejection(api('dues.setOpening', { from: '2026-07', note: null }))).message).toContain(
      '请先修改或删除这些例外',
    );
    expect((await rejection(api('dues.setOpening', { from: null, note: null }))).message).toContain('请先删除这些例外');

    // Removed, 张三 stands as the organ does.
    await api('dues.setOpeningException', { memberId: ids.zhang, paidTo: null, note: null });
    expect(await arrearsReminders(api)).toEqual([]);
    await api('dues.setOpening', { from: null, note: null });
    expect(await arrearsReminders(api)).toHaveLength(3);
  });

  it('is audited in the office’s words', async () => {
    const { api, ids } = await lateStart();
    await api('dues.setOpening', { from: '2026-11', note: null });
    await api('dues.setOpeningException', { memberId: ids.zhang, paidTo: '2026-06', note: null });
    const log = await api('audit.list', { entity: 'dues_opening' });
    expect(log.map(subjectOf).sort()).toEqual(
      ['党费启用月份（此前党费已交至2026年10月）', '张三 启用时党费已交至2026年6月'].sort(),
    );
  });
});
