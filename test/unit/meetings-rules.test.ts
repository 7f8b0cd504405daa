import { describe, expect, it } from 'vitest';
import {
  attendanceCheck,
  attendanceText,
  carryOver,
  DEFAULT_MEETING_SETTINGS,
  excellentLimit,
  gradeProblems,
  gradeTally,
  isOverdue,
  repeatWarnings,
  requiredTalkPairs,
  similarity,
  specialReasonText,
  stepDueDates,
  stepStatuses,
  talkCoverage,
  type TeamPerson,
} from '../../src/shared/meetings/rules';

describe('due dates of the steps', () => {
  it('counts back from the meeting for preparation and forward for the report (15 days by default)', () => {
    const steps = stepDueDates('2026-12-20', DEFAULT_MEETING_SETTINGS);
    const by = Object.fromEntries(steps.map((s) => [s.key, s.dueOn]));
    expect(by).toEqual({
      plan: '2026-12-05',
      study: '2026-11-30',
      opinions: '2026-12-05',
      talks: '2026-12-13',
      materials: '2026-12-17',
      meeting: '2026-12-20',
      report: '2027-01-04',
      rectification: '2027-01-19',
    });
    expect(steps.map((s) => s.key)[0]).toBe('plan');
  });
  it('follows the settings across month and year ends', () => {
    const by = Object.fromEntries(
      stepDueDates('2027-01-05', { ...DEFAULT_MEETING_SETTINGS, planDaysBefore: 10, reportDaysAfter: 30 }).map((s) => [
        s.key,
        s.dueOn,
      ]),
    );
    expect(by.plan).toBe('2026-12-26');
    expect(by.report).toBe('2027-02-04');
  });
  it('marks late, done late, done and open', () => {
    const steps = stepDueDates('2026-12-20', DEFAULT_MEETING_SETTINGS);
    const st = Object.fromEntries(
      stepStatuses(steps, { plan: '2026-12-01', study: '2026-12-02' }, '2026-12-14').map((s) => [s.key, s.state]),
    );
    expect(st).toMatchObject({
      plan: 'done',
      study: 'doneLate',
      opinions: 'late',
      talks: 'late',
      materials: 'open',
      meeting: 'open',
    });
    // the due day itself is not late
    expect(stepStatuses(steps, {}, '2026-12-13').find((s) => s.key === 'talks')!.state).toBe('open');
  });
  it('does not show a step dated after today as done: it has not happened yet', () => {
    const steps = stepDueDates('2026-12-20', DEFAULT_MEETING_SETTINGS);
    const plan = (today: string) => stepStatuses(steps, { plan: '2026-12-03' }, today).find((s) => s.key === 'plan')!;
    expect(plan('2026-12-02')).toMatchObject({ state: 'open', doneOn: null });
    expect(plan('2026-12-03')).toMatchObject({ state: 'done', doneOn: '2026-12-03' });
  });
});

const team: TeamPerson[] = [
  { name: '甲', principal: true, divisionHeads: [] },
  { name: '乙', principal: false, divisionHeads: ['处长一', '处长二'] },
  { name: '丙', principal: false, divisionHeads: ['处长三'] },
  { name: '丁', principal: false, divisionHeads: [] },
  { name: '戊', principal: false, divisionHeads: ['处长一'] },
];

describe('谈心谈话 pairs', () => {
  it('generates principal–each, members with each other and member–division heads, each pair once', () => {
    const pairs = requiredTalkPairs(team, DEFAULT_MEETING_SETTINGS.pairings);
    expect(pairs.filter((p) => p.reason === 'principal')).toHaveLength(4);
    expect(pairs.filter((p) => p.reason === 'members')).toHaveLength(6); // C(4,2)
    expect(pairs.filter((p) => p.reason === 'division')).toHaveLength(4);
    expect(pairs).toHaveLength(14);
    expect(pairs[0]).toEqual({ a: '甲', b: '乙', reason: 'principal' });
  });
  it('follows the pairing settings', () => {
    expect(
      requiredTalkPairs(team, { principalWithEach: true, membersWithEach: false, memberWithDivisionHeads: false }),
    ).toHaveLength(4);
    expect(
      requiredTalkPairs(team, { principalWithEach: false, membersWithEach: true, memberWithDivisionHeads: false }),
    ).toHaveLength(6);
    expect(
      requiredTalkPairs(team, { principalWithEach: false, membersWithEach: false, memberWithDivisionHeads: false }),
    ).toHaveLength(0);
    expect(
      requiredTalkPairs([{ name: '甲', principal: true, divisionHeads: ['甲'] }], DEFAULT_MEETING_SETTINGS.pairings),
    ).toEqual([]);
  });
  it('counts a talk either way round, with several on the other side, from either source', () => {
    const pairs = requiredTalkPairs(team.slice(0, 3), {
      principalWithEach: true,
      membersWithEach: true,
      memberWithDivisionHeads: false,
    });
    const cov = talkCoverage(
      pairs,
      [
        { a: '乙', others: ['甲'], heldOn: '2026-12-01', source: 'duties' },
        { a: '丙', others: ['乙', '甲'], heldOn: '2026-12-03', source: 'meeting' },
        { a: '甲', others: ['乙'], heldOn: '2026-11-01', source: 'meeting' },
      ],
      '2026-12-20',
    );
    expect(cov.missing).toBe(0);
    expect(cov.pairs.find((p) => p.b === '乙' && p.a === '甲')).toMatchObject({
      heldOn: '2026-11-01',
      source: 'meeting',
    });
    expect(talkCoverage(pairs, [], '2026-12-20').missing).toBe(3);
  });
  it('does not count a talk held after the meeting: talks prepare for it', () => {
    const pairs = requiredTalkPairs(team.slice(0, 2), {
      principalWithEach: true,
      membersWithEach: false,
      memberWithDivisionHeads: false,
    });
    const talks = [{ a: '甲', others: ['乙'], heldOn: '2026-12-21', source: 'meeting' as const }];
    expect(talkCoverage(pairs, talks, '2026-12-20').missing).toBe(1);
    expect(talkCoverage(pairs, talks, '2026-12-21').missing).toBe(0);
  });
});

describe('attendance and 优秀 limits', () => {
  it('needs two thirds of those due, rounded up', () => {
    expect(attendanceCheck(5, 4).ok).toBe(true);
    expect(attendanceCheck(5, 3)).toMatchObject({ ok: false, required: 4 });
    expect(attendanceCheck(6, 4).ok).toBe(true);
    expect(attendanceCheck(6, 3).ok).toBe(false);
    expect(attendanceCheck(3, 2).ok).toBe(true);
    expect(attendanceCheck(0, 0).ok).toBe(false);
    expect(attendanceCheck(5, 3).message).toContain('不足应到人数的三分之二');
  });
  it('allows 优秀 for at most a third of full members; probationary members are not graded', () => {
    expect([excellentLimit(2), excellentLimit(3), excellentLimit(7), excellentLimit(9)]).toEqual([0, 1, 2, 3]);
    const entries = [
      { name: 'A', probationary: false, grade: 'excellent' as const },
      { name: 'B', probationary: false, grade: 'qualified' as const },
      { name: 'C', probationary: false, grade: 'qualified' as const },
      { name: 'D', probationary: true, grade: null },
    ];
    expect(gradeProblems(entries)).toEqual([]);
    expect(gradeProblems([...entries, { name: 'E', probationary: false, grade: 'excellent' }])[0]).toContain(
      '超过正式党员4人的三分之一（至多1人）',
    );
    expect(gradeProblems([{ name: 'D', probationary: true, grade: 'qualified' }])[0]).toContain('预备党员');
    expect(gradeTally(entries)).toEqual({ excellent: 1, qualified: 2, basic: 0, unqualified: 0, ungraded: 0 });
  });
});

describe('repeated problem statements', () => {
  const earlier = [
    { year: 2025, text: '理论学习不够深入，学用结合不够紧密，运用党的创新理论指导实践的能力还有差距。' },
    { year: 2024, text: '调查研究不够经常，深入基层听取群众意见少。' },
  ];
  it('warns on near-duplicate wording (a few words changed, punctuation ignored)', () => {
    const text = '理论学习还不够深入，学用结合不紧密，运用党的创新理论指导实践能力有差距';
    const warnings = repeatWarnings(text, earlier, DEFAULT_MEETING_SETTINGS.repeatThreshold);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ year: 2025 });
    expect(warnings[0]!.similarity).toBeGreaterThanOrEqual(75);
  });
  it('does not warn on a different problem, and identical text scores 100', () => {
    expect(repeatWarnings('落实意识形态工作责任制不到位，阵地管理有薄弱环节。', earlier, 60)).toEqual([]);
    expect(similarity(earlier[1]!.text, ` ${earlier[1]!.text.replace(/，/g, ' ')} `)).toBe(100);
    expect(similarity('', '')).toBe(0);
  });
});

describe('carry-over of open rectification items', () => {
  const items = [
    { id: 1, problem: '问题一', measures: '措施一', responsible: '乙', deadline: '2026-03-31', closedOn: '2026-03-20' },
    { id: 2, problem: '问题二', measures: '措施二', responsible: '丙', deadline: '2026-06-30', closedOn: null },
    { id: 3, problem: '问题三', measures: '措施三', responsible: '丁', deadline: '2028-06-30', closedOn: null },
  ];
  it('carries open items only, once, moving passed deadlines', () => {
    const carried = carryOver(items, new Set(), '2027-01-19');
    expect(carried.map((c) => c.carriedFromId)).toEqual([2, 3]);
    expect(carried[0]!.deadline).toBe('2027-01-19');
    expect(carried[1]!.deadline).toBe('2028-06-30');
    expect(carryOver(items, new Set([2, 3]), '2027-01-19')).toEqual([]);
  });
  it('is overdue after the deadline while open', () => {
    expect(isOverdue(items[1]!, '2026-07-01')).toBe(true);
    expect(isOverdue(items[1]!, '2026-06-30')).toBe(false);
    expect(isOverdue(items[0]!, '2027-01-01')).toBe(false);
  });
});

describe('who came, and why a 专题 meeting was called', () => {
  it('writes attendance as the records do, absentees with their reasons', () => {
    const p = (name: string, present: boolean, absenceReason: string | null = null) => ({
      name,
      present,
      absenceReason,
    });
    expect(attendanceText([p('甲', true), p('乙', true)])).toBe('应到2人，实到2人');
    expect(attendanceText([p('甲', true), p('乙', false, '因公出差'), p('丙', false)])).toBe(
      '应到3人，实到1人；缺席：乙（因公出差）、丙',
    );
  });

  it('names the occasion, with the details in brackets; 其他 is the details themselves', () => {
    expect(specialReasonText('inspectionFindings', '市委巡察组反馈问题')).toBe(
      '纪律检查、巡视巡察、审计发现严重问题（市委巡察组反馈问题）',
    );
    expect(specialReasonText('cases', null)).toBe('发生违纪违法案件');
    expect(specialReasonText('other', '上级党委统一部署')).toBe('上级党委统一部署');
  });
});
