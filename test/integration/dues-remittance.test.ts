import { describe, expect, it } from 'vitest';
import { memberFields } from '../support/people';
import { SAMPLE_SETUP, tempWorkspace } from '../support/temp-workspace';

describe('上缴 deadlines on 工作台', () => {
  it('reminds from the new year until the 上缴 record reaches the share, dated the setting, overdue after it', async () => {
    const t = tempWorkspace({ today: '2025-04-01' });
    await t.api('organ.setup', SAMPLE_SETUP);
    const { id } = await t.api('roster.add', { fields: memberFields() });
    await t.api('dues.assess', { year: 2025 });
    await t.api('dues.setTerms', { year: 2025, memberId: id, terms: { category: 'employed', baseFen: 630_000 } });
    await t.api('dues.lock', { year: 2025 });
    await t.api('dues.recordPayments', {
      paidOn: '2025-03-05',
      acknowledge: true,
      entries: ['2025-01', '2025-02', '2025-03'].map((month) => ({ memberId: id, month, paidFen: 9_450 })),
    });
    const due = async () => (await t.api('reminders.list', {})).filter((r) => r.kind === 'duesRemittanceDue');

    t.setToday('2025-12-31');
    expect(await due()).toEqual([]);
    t.setToday('2026-01-01');
    const [unset] = await due();
    expect(unset).toMatchObject({ severity: 'warning', dueOn: '2026-03-31', subject: { kind: 'dues', id: 2025 } });
    expect(unset!.message).toContain('2025年度党费应于2026年3月31日前上缴上级党组织');
    expect(unset!.message).toContain('上缴比例尚未设置');

    await t.api('dues.updateSettings', { remittanceShareBp: 2000, remittanceDueDay: '04-30' });
    const [set] = await due();
    expect(set).toMatchObject({ dueOn: '2026-04-30' });
    expect(set!.message).toContain('按20%应上缴 56.70 元（2025年实收党费 283.50 元）');
    await expect(t.api('dues.updateSettings', { remittanceDueDay: '02-30' })).rejects.toThrow('上缴期限应写作');

    t.setToday('2026-05-01');
    await t.api('dues.recordFund', {
      kind: 'remittance',
      on: '2026-05-01',
      amountFen: 5_000,
      duesYear: 2025,
      counterpart: '市直机关工委',
    });
    const [late] = await due();
    expect(late).toMatchObject({ severity: 'overdue' });
    expect(late!.message).toContain('已登记上缴 50.00 元，尚差 6.70 元');
    await t.api('dues.recordFund', {
      kind: 'remittance',
      on: '2026-05-01',
      amountFen: 670,
      duesYear: 2025,
      counterpart: '市直机关工委',
    });
    expect(await due()).toEqual([]);
  });
});
