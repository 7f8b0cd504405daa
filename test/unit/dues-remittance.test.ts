import { describe, expect, it } from 'vitest';
import type { Fen } from '../../src/shared/dues/money';
import { remittanceState, type RemittanceFacts } from '../../src/shared/dues/remittance';

const f = (n: number) => n as Fen;
const year2025: RemittanceFacts = {
  year: 2025,
  dueDay: '03-31',
  shareBp: 2000,
  baseFen: f(1_000_000),
  dueFen: f(200_000),
  remittedFen: f(0),
};

describe('上缴 deadlines', () => {
  it('is due once the year is over, dated the 上缴期限 of the next year, overdue the day after', () => {
    expect(remittanceState(year2025, '2025-12-31').kind).toBe('notYet');
    expect(remittanceState(year2025, '2026-01-01')).toMatchObject({ kind: 'due', dueOn: '2026-03-31', overdue: false });
    expect(remittanceState(year2025, '2026-03-31')).toMatchObject({ overdue: false });
    expect(remittanceState(year2025, '2026-04-01')).toMatchObject({ overdue: true });
    expect(remittanceState({ ...year2025, dueDay: '04-30' }, '2026-04-01')).toMatchObject({
      dueOn: '2026-04-30',
      overdue: false,
    });
  });

  it('says what is owed, what is recorded, and where the rule comes from; closes at the share to the 分', () => {
    const partial = remittanceState({ ...year2025, remittedFen: f(199_999) }, '2026-02-01');
    expect(partial.kind === 'due' && partial.message).toContain(
      '按20%应上缴 2,000.00 元（2025年实收党费 10,000.00 元），已登记上缴 1,999.99 元，尚差 0.01 元',
    );
    expect(partial.kind === 'due' && partial.message).toContain('中央和国家机关各部门机关党委每年第一季度');
    expect(remittanceState({ ...year2025, remittedFen: f(200_000) }, '2026-02-01').kind).toBe('done');
  });

  it('with no share set asks for it, and any remittance recorded closes it; nothing collected, nothing due', () => {
    const open = { ...year2025, shareBp: null, dueFen: null };
    const state = remittanceState(open, '2026-01-05');
    expect(state.kind === 'due' && state.message).toContain('上缴比例尚未设置');
    expect(remittanceState({ ...open, remittedFen: f(1) }, '2026-01-05').kind).toBe('done');
    expect(remittanceState({ ...year2025, baseFen: f(0), dueFen: f(0) }, '2026-05-01').kind).toBe('notYet');
  });
});
