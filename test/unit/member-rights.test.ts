import { describe, expect, it } from 'vitest';
import {
  describeDecision,
  moreThanHalf,
  partyProbationEndsOn,
  rightsOn,
  type RightsFacts,
} from '../../src/shared/members/decisions';

const full: RightsFacts = {
  admittedOn: '2010-07-01',
  fullMembershipOn: '2011-07-01',
  events: [
    { kind: 'joined', on: '2010-07-01' },
    { kind: 'fullMembership', on: '2011-07-01' },
  ],
  decisions: [],
};
const probation = (decidedOn: string, years: 1 | 2, voided = false) => ({
  kind: 'probation' as const,
  decidedOn,
  probationYears: years,
  voided: voided ? { on: '2025-06-01', reason: '录入错误' } : null,
});
const kindOn = (facts: RightsFacts, date: string) => rightsOn(facts, date).kind;

describe('表决权、选举权和被选举权 on a day', () => {
  it('a 预备党员 has none until the day of full membership, and gets them on that day', () => {
    expect(kindOn(full, '2011-06-30')).toBe('without');
    expect(rightsOn(full, '2011-06-30')).toMatchObject({
      vote: false,
      elected: false,
      reasons: [expect.stringContaining('预备党员没有表决权、选举权和被选举权（《中国共产党章程》第七条）')],
    });
    expect(rightsOn(full, '2011-07-01')).toEqual({ kind: 'full', vote: true, elected: true });
    // Not yet full (no date recorded): none, whatever the day.
    expect(kindOn({ ...full, fullMembershipOn: null }, '2030-01-01')).toBe('without');
  });

  it('留党察看 takes both away from the day decided until the period is over, to the day', () => {
    const facts = { ...full, decisions: [probation('2025-03-01', 1)] };
    expect(kindOn(facts, '2025-02-28')).toBe('full');
    const during = rightsOn(facts, '2025-03-01');
    expect(during).toMatchObject({ kind: 'without', probationEndsOn: '2026-03-01' });
    expect(during.kind === 'without' && during.reasons[0]).toContain('留党察看期间没有表决权、选举权和被选举权');
    expect(during.kind === 'without' && during.reasons[0]).toContain('至2026年3月1日期满');
    expect(kindOn(facts, '2026-02-28')).toBe('without');
    expect(kindOn(facts, '2026-03-01')).toBe('full');
  });

  it('two years from 29 February end on 28 February; a voided measure counts for nothing', () => {
    expect(partyProbationEndsOn('2024-02-29', 2)).toBe('2026-02-28');
    const facts = { ...full, decisions: [probation('2024-02-29', 2)] };
    expect(kindOn(facts, '2026-02-27')).toBe('without');
    expect(kindOn(facts, '2026-02-28')).toBe('full');
    expect(kindOn({ ...full, decisions: [probation('2025-03-01', 2, true)] }, '2025-06-01')).toBe('full');
  });

  it('the other measures and a 表彰 leave the rights as they are', () => {
    const facts: RightsFacts = {
      ...full,
      decisions: (['commendation', 'warning', 'seriousWarning', 'postRemoved'] as const).map((kind) => ({
        kind,
        decidedOn: '2025-01-01',
        probationYears: null,
        voided: null,
      })),
    };
    expect(kindOn(facts, '2025-06-01')).toBe('full');
  });

  it('a 预备党员 under 留党察看 is told both reasons', () => {
    const facts = { ...full, fullMembershipOn: null, decisions: [probation('2011-01-10', 1)] };
    const r = rightsOn(facts, '2011-02-01');
    expect(r.kind === 'without' && r.reasons.length).toBe(2);
  });

  it('only a member of this organisation on the day counts: not before admission, nor transferred out or suspended', () => {
    expect(kindOn(full, '2010-06-30')).toBe('notMember');
    const moved: RightsFacts = { ...full, events: [...full.events, { kind: 'transferOut', on: '2020-05-10' }] };
    expect(kindOn(moved, '2020-05-09')).toBe('full');
    expect(kindOn(moved, '2020-05-10')).toBe('notMember');
    const suspended: RightsFacts = {
      ...full,
      events: [...full.events, { kind: 'suspended', on: '2022-01-01' }, { kind: 'restored', on: '2023-01-01' }],
    };
    expect(kindOn(suspended, '2022-06-01')).toBe('notMember');
    expect(kindOn(suspended, '2023-01-01')).toBe('full');
  });
});

describe('branch vote arithmetic and wording', () => {
  it('more than half is the least number above half', () => {
    expect([0, 1, 2, 3, 4, 7, 8].map(moreThanHalf)).toEqual([1, 1, 2, 2, 3, 4, 5]);
  });

  it('describes a measure as a roster prints it', () => {
    expect(
      describeDecision({
        kind: 'probation',
        decidedOn: '2025-03-01',
        decidedBy: '中共某某局机关纪委',
        documentNo: '机纪〔2025〕3号',
        probationYears: 2,
      }),
    ).toBe('2025年3月1日留党察看二年（中共某某局机关纪委，机纪〔2025〕3号）');
    expect(
      describeDecision({
        kind: 'commendation',
        decidedOn: '2026-07-01',
        decidedBy: '机关党委',
        documentNo: null,
        probationYears: null,
      }),
    ).toBe('2026年7月1日表彰（机关党委）');
  });
});
