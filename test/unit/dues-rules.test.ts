import { describe, expect, it } from 'vitest';
import { paymentTiming, timingWarning } from '../../src/shared/dues/arrears';
import {
  calculateDues,
  DEFAULT_CALC_SETTINGS,
  MAX_BASE_FEN,
  roundExact,
  type CalcSettings,
  type DuesTerms,
  type Rounding,
} from '../../src/shared/dues/compute';
import { belongsInMonth, membershipIntervals } from '../../src/shared/dues/membership';
import { formatExactYuan, formatYuan, parseYuan, yuanFromSpreadsheetNumber } from '../../src/shared/dues/money';
import {
  compareSamples,
  describeBrackets,
  draftFrom,
  ruleSetFromInput,
  ruleSetInput,
  ruleSetNote,
  ruleSetProblems,
  type RuleSetInput,
} from '../../src/shared/dues/rule-sets';
import {
  duesCategoryFromWord,
  formatRate,
  RULE_SETS,
  ruleSetFor,
  type DuesCategory,
  type DuesRuleSet,
} from '../../src/shared/dues/rules';

const yuanToFen = (text: string) => {
  const parsed = parseYuan(text);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.fen;
};

function dues(
  category: DuesCategory,
  base: string | null,
  options: Partial<DuesTerms> & {
    month?: string;
    settings?: Partial<CalcSettings>;
    table?: readonly DuesRuleSet[];
  } = {},
) {
  const { month = '2026-01', settings, table = RULE_SETS, ...terms } = options;
  const result = calculateDues(
    {
      category,
      baseFen: base === null ? null : yuanToFen(base),
      chosenFen: null,
      aboveCap: false,
      approval: null,
      ...terms,
    },
    month,
    { rounding: { unit: 'fen', mode: 'halfUp' }, capAppliesToAnnualSalary: true, ...settings },
    table,
  );
  if (!result.ok) throw new Error(result.message);
  return result;
}

const shown = (category: DuesCategory, base: string, options: Parameters<typeof dues>[2] = {}) =>
  formatYuan(dues(category, base, options).amountFen);

describe('money is integer 分 (fen), parsed and formatted only at the edge', () => {
  it('parses typed amounts exactly', () => {
    expect(parseYuan('6,300.00')).toEqual({ ok: true, fen: 630_000 });
    expect(parseYuan('6300')).toEqual({ ok: true, fen: 630_000 });
    expect(parseYuan('6300.5')).toEqual({ ok: true, fen: 630_050 });
    expect(parseYuan('￥６，３００．０１元')).toEqual({ ok: true, fen: 630_001 });
    expect(parseYuan('0.2')).toEqual({ ok: true, fen: 20 });
    expect(parseYuan('.5')).toEqual({ ok: true, fen: 50 });
    expect(parseYuan('6300.000')).toEqual({ ok: true, fen: 630_000 });
    // 0.1 + 0.2 is not 0.3 in floating point; nothing here ever adds doubles.
    expect(parseYuan('0.30')).toEqual({ ok: true, fen: 30 });
  });

  it('refuses what is not an amount, saying why', () => {
    expect(parseYuan('6300.005')).toMatchObject({ ok: false, message: expect.stringContaining('超过两位小数') });
    expect(parseYuan('-5')).toMatchObject({ ok: false, message: expect.stringContaining('负数') });
    expect(parseYuan('6,30.00')).toMatchObject({ ok: false });
    expect(parseYuan('六千')).toMatchObject({ ok: false, message: expect.stringContaining('不是金额') });
    expect(parseYuan('')).toMatchObject({ ok: false });
  });

  it('reads spreadsheet numbers by their decimal spelling, tolerating formula dust', () => {
    expect(yuanFromSpreadsheetNumber(6300.5)).toEqual({ ok: true, fen: 630_050 });
    expect(yuanFromSpreadsheetNumber(0.1 + 0.2)).toMatchObject({
      ok: true,
      fen: 30,
      notice: expect.stringContaining('0.30'),
    });
    expect(yuanFromSpreadsheetNumber(6300.0000000001)).toMatchObject({ ok: true, fen: 630_000 });
    expect(yuanFromSpreadsheetNumber(6300.125)).toMatchObject({ ok: false });
    expect(yuanFromSpreadsheetNumber(1e21)).toMatchObject({ ok: false });
  });

  it('formats with thousands separators and exact decimals', () => {
    expect(formatYuan(630_000)).toBe('6,300.00');
    expect(formatYuan(5)).toBe('0.05');
    expect(formatYuan(123_456_789)).toBe('1,234,567.89');
    expect(formatYuan(630_000, { grouping: false })).toBe('6300.00');
    expect(formatExactYuan(31_234_500n, 10_000n)).toBe('31.2345');
    expect(formatExactYuan(9_450n, 1n)).toBe('94.50');
    expect(formatRate(50)).toBe('0.5%');
    expect(formatRate(150)).toBe('1.5%');
    expect(formatRate(200)).toBe('2%');
  });
});

describe('在职 rates (2008 art. 2): the whole base at one rate, boundaries in the lower bracket', () => {
  it('matches every test vector of reference §1.3', () => {
    const vectors: [string, string][] = [
      ['2999.99', '15.00'],
      ['3000', '15.00'],
      ['3000.01', '30.00'],
      ['3200', '32.00'],
      ['5000', '50.00'],
      ['5000.01', '75.00'],
      ['5400', '81.00'],
      ['6300', '94.50'],
      ['10000', '150.00'],
      ['10000.01', '200.00'],
      ['11500', '230.00'],
      ['50000', '1,000.00'],
    ];
    for (const [base, expected] of vectors) expect(shown('employed', base), base).toBe(expected);
  });

  it('puts each boundary in the lower bracket and jumps just above it (no smoothing)', () => {
    const rate = (base: string) => dues('employed', base).rateBp;
    expect([rate('2999.99'), rate('3000'), rate('3000.01')]).toEqual([50, 50, 100]);
    expect([rate('5000'), rate('5000.01')]).toEqual([100, 150]);
    expect([rate('10000'), rate('10000.01')]).toEqual([150, 200]);
    expect(dues('employed', '3000').bracket).toBe('3,000 元以下（含）');
    expect(dues('employed', '3000.01').bracket).toBe('3,000 元以上至 5,000 元（含）');
    expect(dues('employed', '10000.01').bracket).toBe('10,000 元以上');
  });

  it('shows its working in one line a person can check', () => {
    expect(dues('employed', '6300').explanation).toBe(
      '按2017年规范党费工作通知（2017年1月起），基数 6,300.00 元 × 1.5% = 94.50 元',
    );
    expect(dues('employed', '2999.99').explanation).toBe(
      '按2017年规范党费工作通知（2017年1月起），基数 2,999.99 元 × 0.5% = 14.99995 元，四舍五入到分为 15.00 元',
    );
    expect(dues('employed', '6300', { month: '2016-12' }).explanation).toBe(
      '按2008年党费规定（2008年4月起），基数 6,300.00 元 × 1.5% = 94.50 元',
    );
    expect(dues('employed', '6300')).toMatchObject({ exactYuan: '94.50', standard: '1.5%', ruleSetId: '2017' });
  });

  it('applies the same brackets to 年薪制 and 个体 bases', () => {
    expect(shown('annualSalary', '11500')).toBe('230.00');
    expect(shown('selfEmployed', '5400')).toBe('81.00');
  });
});

describe('离退休 (2008 art. 5): 0.5 % up to 5000, 1 % above, whole base', () => {
  it('jumps at 5000', () => {
    expect(shown('retired', '5000')).toBe('25.00');
    expect(shown('retired', '5000.01')).toBe('50.00');
    expect(shown('retired', '4000')).toBe('20.00');
    expect(dues('retired', '5000.01').explanation).toBe(
      '按2017年规范党费工作通知（2017年1月起），基数 5,000.01 元 × 1% = 50.0001 元，四舍五入到分为 50.00 元',
    );
  });
});

describe('rounding is an organ setting, done exactly on integers', () => {
  // 3,123.45 × 1% = 31.2345
  const cases: [Rounding, string][] = [
    [{ unit: 'fen', mode: 'halfUp' }, '31.23'],
    [{ unit: 'fen', mode: 'up' }, '31.24'],
    [{ unit: 'jiao', mode: 'halfUp' }, '31.20'],
    [{ unit: 'jiao', mode: 'up' }, '31.30'],
    [{ unit: 'yuan', mode: 'halfUp' }, '31.00'],
    [{ unit: 'yuan', mode: 'up' }, '32.00'],
  ];
  it.each(cases)('%o', (rounding, expected) => {
    expect(shown('employed', '3123.45', { settings: { rounding } })).toBe(expected);
  });

  it('takes exact halves up in half-up mode at every unit', () => {
    expect(shown('employed', '3001.50')).toBe('30.02'); // 30.015
    expect(shown('employed', '3005', { settings: { rounding: { unit: 'jiao', mode: 'halfUp' } } })).toBe('30.10'); // 30.05
    expect(shown('employed', '3050', { settings: { rounding: { unit: 'yuan', mode: 'halfUp' } } })).toBe('31.00'); // 30.50
    expect(shown('employed', '3049.99', { settings: { rounding: { unit: 'yuan', mode: 'halfUp' } } })).toBe('30.00'); // 30.4999
  });

  it('never moves an exact amount in "up" mode', () => {
    expect(shown('employed', '6300', { settings: { rounding: { unit: 'jiao', mode: 'up' } } })).toBe('94.50');
    expect(roundExact(9_450n * 10_000n, 10_000n, { unit: 'jiao', mode: 'up' })).toBe(9_450);
    expect(roundExact(9_450n * 10_000n + 1n, 10_000n, { unit: 'fen', mode: 'up' })).toBe(9_451);
  });

  it('handles bases far beyond any payroll without losing a 分', () => {
    // 9,999,999.99 × 2% = 199,999.9998 → 200,000.00
    expect(shown('employed', '9999999.99', { aboveCap: true })).toBe('200,000.00');
  });
});

describe('the 1000-yuan monthly guidance (2017 notice)', () => {
  it('caps the amount unless the member chooses to pay more, and says so', () => {
    const capped = dues('employed', '60000');
    expect(capped).toMatchObject({ amountFen: 100_000, computedFen: 120_000, capped: true });
    expect(capped.explanation).toContain('按 1,000.00 元核定');
    const chosen = dues('employed', '60000', { aboveCap: true });
    expect(chosen).toMatchObject({ amountFen: 120_000, capped: false });
    expect(chosen.explanation).toContain('本人自愿按计算额交纳');
  });

  it('does not cap an amount of exactly 1000', () => {
    expect(dues('employed', '50000')).toMatchObject({ amountFen: 100_000, capped: false });
  });

  it('follows the setting for 年薪制 (UNCONFIRMED), and does not exist before 2017', () => {
    expect(dues('annualSalary', '60000').amountFen).toBe(100_000);
    expect(dues('annualSalary', '60000', { settings: { capAppliesToAnnualSalary: false } }).amountFen).toBe(120_000);
    expect(dues('employed', '60000', { month: '2016-06' })).toMatchObject({
      amountFen: 120_000,
      capped: false,
      ruleSetId: '2008',
    });
  });
});

describe('flat, chosen and approved amounts (2008 arts. 6–7)', () => {
  it('charges 0.20 元 to students, the unemployed, and those on relief or 低保', () => {
    for (const category of ['student', 'unemployed', 'relief', 'subsistence'] as const) {
      const d = dues(category, null);
      expect(d.amountFen).toBe(20);
      expect(d.standard).toBe('0.20元/月');
    }
    expect(dues('student', null).explanation).toBe(
      '按2017年规范党费工作通知（2017年1月起），学生党员每月交纳党费 0.20 元（定额）',
    );
  });

  it('lets a farmer pay 0.2 to 1 元, nothing outside', () => {
    expect(dues('farmer', null).amountFen).toBe(20);
    expect(dues('farmer', null, { chosenFen: 100 }).amountFen).toBe(100);
    const low = calculateDues(
      { category: 'farmer', baseFen: null, chosenFen: 10, aboveCap: false, approval: null },
      '2026-01',
      DEFAULT_CALC_SETTINGS,
      RULE_SETS,
    );
    expect(low).toMatchObject({ ok: false, field: 'chosenFen', message: expect.stringContaining('0.20 元至 1.00 元') });
    expect(
      calculateDues(
        { category: 'farmer', baseFen: null, chosenFen: 101, aboveCap: false, approval: null },
        '2026-01',
        DEFAULT_CALC_SETTINGS,
        RULE_SETS,
      ).ok,
    ).toBe(false);
  });

  it('reduces or exempts a member in hardship only with the superior’s approval recorded', () => {
    const none = calculateDues(
      { category: 'hardship', baseFen: null, chosenFen: 0, aboveCap: false, approval: null },
      '2026-01',
      DEFAULT_CALC_SETTINGS,
      RULE_SETS,
    );
    expect(none).toMatchObject({ ok: false, field: 'approval', message: expect.stringContaining('上一级党委批准') });
    const approval = { body: '中共某某局机关委员会', documentNo: '局机党〔2026〕3号', on: '2026-01-10' };
    const exempt = dues('hardship', null, { chosenFen: 0, approval });
    expect(exempt).toMatchObject({ amountFen: 0, standard: '免交' });
    expect(exempt.explanation).toBe('困难党员，经中共某某局机关委员会（局机党〔2026〕3号）于2026年1月10日批准免交党费');
    expect(dues('hardship', null, { chosenFen: 50, approval }).explanation).toContain('每月少交为 0.50 元');
  });

  it('asks for the base of a percentage category', () => {
    const missing = calculateDues(
      { category: 'retired', baseFen: null, chosenFen: null, aboveCap: false, approval: null },
      '2026-01',
      DEFAULT_CALC_SETTINGS,
      RULE_SETS,
    );
    expect(missing).toMatchObject({ ok: false, field: 'baseFen', message: expect.stringContaining('基本离退休费') });
  });

  it('reads category names as offices write them', () => {
    expect(duesCategoryFromWord('在职')).toBe('employed');
    expect(duesCategoryFromWord('离退休')).toBe('retired');
    expect(duesCategoryFromWord('低保')).toBe('subsistence');
    expect(duesCategoryFromWord('annualSalary')).toBe('annualSalary');
    expect(duesCategoryFromWord('公务员')).toBeNull();
  });
});

describe('the rule table is data with effective dates', () => {
  it('picks the set in force in the month', () => {
    expect(ruleSetFor('2008-04', RULE_SETS).id).toBe('2008');
    expect(ruleSetFor('2016-12', RULE_SETS).id).toBe('2008');
    expect(ruleSetFor('2017-01', RULE_SETS).id).toBe('2017');
    expect(() => ruleSetFor('2008-03', RULE_SETS)).toThrow();
  });

  it('lets a future change of rates apply from its date without rewriting past years', () => {
    const future: DuesRuleSet = {
      ...RULE_SETS[1]!,
      id: '2030',
      name: '假设的新标准',
      effectiveFrom: '2030-01',
      employedBrackets: [{ upToFen: null, rateBp: 100 }],
    };
    const table = [...RULE_SETS, future];
    expect(dues('employed', '6300', { month: '2029-12', table })).toMatchObject({
      amountFen: 9_450,
      ruleSetId: '2017',
    });
    expect(dues('employed', '6300', { month: '2030-01', table })).toMatchObject({
      amountFen: 6_300,
      ruleSetId: '2030',
    });
  });
});

describe('a rule set the office adds (effective from a month, boundaries in the lower bracket)', () => {
  const july: RuleSetInput = {
    ...draftFrom(RULE_SETS[1]!, '2027-07'),
    name: '2027年调整标准',
    basis: '假设的通知',
    employedBrackets: [
      { upToFen: 400_000, rateBp: 50 },
      { upToFen: 800_000, rateBp: 100 },
      { upToFen: 1_500_000, rateBp: 150 },
      { upToFen: null, rateBp: 200 },
    ],
    retiredBrackets: [
      { upToFen: 600_000, rateBp: 50 },
      { upToFen: null, rateBp: 100 },
    ],
    flatFen: { student: 30, unemployed: 20, relief: 20, subsistence: 20 },
    monthlyCapFen: 150_000,
  };
  const table = [...RULE_SETS, ruleSetFromInput(july)];
  const amount = (category: DuesCategory, base: string, month: string) =>
    dues(category, base, { month, table }).amountFen;

  it('changes the amount from its first month and not a month before, at every boundary', () => {
    const cases: [DuesCategory, string, number, number][] = [
      // base, June 2027 (the 2017 notice), July 2027 (the new set)
      ['employed', '3000', 1_500, 1_500],
      ['employed', '3000.01', 3_000, 1_500],
      ['employed', '4000', 4_000, 2_000],
      ['employed', '4000.01', 4_000, 4_000],
      ['employed', '5000', 5_000, 5_000],
      ['employed', '5000.01', 7_500, 5_000],
      ['employed', '8000', 12_000, 8_000],
      ['employed', '8000.01', 12_000, 12_000],
      ['employed', '10000.01', 20_000, 15_000],
      ['employed', '15000', 30_000, 22_500],
      ['employed', '15000.01', 30_000, 30_000],
      ['retired', '5000', 2_500, 2_500],
      ['retired', '5000.01', 5_000, 2_500],
      ['retired', '6000', 6_000, 3_000],
      ['retired', '6000.01', 6_000, 6_000],
    ];
    for (const [category, base, june, julyFen] of cases) {
      expect([amount(category, base, '2027-06'), amount(category, base, '2027-07')], `${category} ${base}`).toEqual([
        june,
        julyFen,
      ]);
    }
    // Later months stay on it; the flat amount and the cap follow it too.
    expect(amount('employed', '4000', '2031-12')).toBe(2_000);
    expect([amount('student', null as never, '2027-06'), amount('student', null as never, '2027-07')]).toEqual([
      20, 30,
    ]);
    expect([amount('employed', '60000', '2027-06'), amount('employed', '60000', '2027-07')]).toEqual([
      100_000, 120_000,
    ]);
    expect(amount('employed', '80000', '2027-07')).toBe(150_000);
  });

  it('names the set it used in the working, with its first month', () => {
    expect(dues('employed', '4000', { month: '2027-07', table }).explanation).toBe(
      '按2027年调整标准（2027年7月起），基数 4,000.00 元 × 0.5% = 20.00 元',
    );
    expect(dues('employed', '4000', { month: '2027-06', table }).explanation).toBe(
      '按2017年规范党费工作通知（2017年1月起），基数 4,000.00 元 × 1% = 40.00 元',
    );
    expect(dues('employed', '4000', { month: '2027-07', table })).toMatchObject({
      ruleSetId: '2027-07',
      ruleSetFrom: '2027-07',
    });
  });

  it('is refused when it would start on or before the latest set, or its brackets are out of order', () => {
    const problems = (draft: Partial<RuleSetInput>) =>
      ruleSetProblems({ ...july, ...draft }, RULE_SETS).map((p) => `${p.field}: ${p.message}`);
    expect(problems({})).toEqual([]);
    expect(problems({ effectiveFrom: '2017-01' })).toEqual([
      'effectiveFrom: 起始月份应晚于现行最新标准“2017年规范党费工作通知”的起始月份2017年1月，这里是2017年1月；已经核定的年度不按新标准改算',
    ]);
    expect(problems({ effectiveFrom: '2016-12' })[0]).toContain('这里是2016年12月');
    expect(ruleSetProblems(july, table).map((p) => p.field)).toEqual(['effectiveFrom', 'name']);
    expect(
      problems({
        employedBrackets: [
          { upToFen: 300_000, rateBp: 50 },
          { upToFen: 300_000, rateBp: 100 },
          { upToFen: null, rateBp: 150 },
        ],
      }),
    ).toEqual([
      'employedBrackets.1.upToFen: 在职党员各档上限应从低到高排列：第2档上限 3,000.00 元不高于第1档上限 3,000.00 元',
    ]);
    expect(
      problems({
        employedBrackets: [
          { upToFen: 300_000, rateBp: 50 },
          { upToFen: null, rateBp: 100 },
          { upToFen: null, rateBp: 150 },
        ],
      }),
    ).toEqual(['employedBrackets.1.upToFen: 在职党员第2档缺少上限；只有最后一档不设上限']);
    expect(problems({ retiredBrackets: [{ upToFen: 500_000, rateBp: 50 }] })).toEqual([
      'retiredBrackets.0.upToFen: 离退休党员最后一档应不设上限（5,000.00 元以上的基数还没有比例）',
    ]);
    expect(problems({ retiredBrackets: [{ upToFen: null, rateBp: 10_001 }] })).toEqual([
      'retiredBrackets.0.rateBp: 离退休党员第1档的比例应在 0% 至 100% 之间，这里是 100.01%',
    ]);
    expect(problems({ monthlyCapFen: 0 })).toEqual([
      'monthlyCapFen: 每月一般上限应大于 0 元，这里是 0.00 元；不设上限请留空',
    ]);
  });

  it('refuses at the boundary of the contract in Chinese: rates beyond 100 %, more than two decimals, no brackets', () => {
    const parsed = (draft: unknown) => {
      const r = ruleSetInput.safeParse(draft);
      return r.success ? 'ok' : r.error.issues.map((i) => i.message).join('；');
    };
    expect(parsed(july)).toBe('ok');
    expect(parsed({ ...july, employedBrackets: [{ upToFen: null, rateBp: 10_001 }] })).toBe('比例不能大于 100%');
    expect(parsed({ ...july, employedBrackets: [{ upToFen: null, rateBp: 1.5 }] })).toBe(
      '比例最多保留两位小数（如 1.5%）',
    );
    expect(parsed({ ...july, retiredBrackets: [] })).toBe('离退休党员至少要有一档');
    expect(parsed({ ...july, effectiveFrom: '2027-13' })).toBe('起始月份不是有效月份，应写作“2026-03”的形式');
  });

  it('previews each boundary of both sets with the 分 above it, each boundary in its lower bracket', () => {
    const lines = compareSamples(RULE_SETS[1]!, ruleSetFromInput(july), [450_000]).filter(
      (l) => l.category === 'employed',
    );
    expect(lines.map((l) => l.baseFen)).toEqual([
      300_000, 300_001, 400_000, 400_001, 450_000, 500_000, 500_001, 540_000, 630_000, 800_000, 800_001, 1_000_000,
      1_000_001, 1_150_000, 1_500_000, 1_500_001,
    ]);
    expect(lines.find((l) => l.baseFen === 400_000)).toMatchObject({
      before: { rate: '1%', amountFen: 4_000 },
      after: { rate: '0.5%', amountFen: 2_000 },
    });
    // A boundary at the largest base accepted has no 分 above it to show.
    const top = ruleSetFromInput({
      ...july,
      retiredBrackets: [
        { upToFen: MAX_BASE_FEN, rateBp: 50 },
        { upToFen: null, rateBp: 100 },
      ],
    });
    expect(
      compareSamples(RULE_SETS[1]!, top, [])
        .filter((l) => l.category === 'retired')
        .map((l) => l.baseFen),
    ).toEqual([500_000, 500_001, MAX_BASE_FEN]);
    expect(describeBrackets(july.employedBrackets)).toBe(
      '4000元及以下0.5%、4000元以上至8000元1%、8000元以上至15000元1.5%、15000元以上2%',
    );
    expect(ruleSetNote(RULE_SETS[1]!)).toBe(
      '在职党员按每月税后工资收入的0.5%、1%、1.5%、2%交纳（3000元及以下、3000元以上至5000元、5000元以上至10000元、10000元以上，各档含上限），按全额计算，不累进；离退休党员5000元及以下0.5%、5000元以上1%。每月交纳额一般不超过1,000.00元，本人自愿多交的不限。',
    );
  });
});

describe('membership months: who owes dues here, and from when', () => {
  it('starts a probationary member in the month of admission (2008 art. 8)', () => {
    const intervals = membershipIntervals('2026-03-15', [{ kind: 'joined', on: '2026-03-15' }]);
    expect(belongsInMonth(intervals, '2026-02')).toBe(false);
    expect(belongsInMonth(intervals, '2026-03')).toBe(true);
    expect(belongsInMonth(intervals, '2027-12')).toBe(true);
  });

  it('starts a transferred-in member on arrival, and ends on transfer out, suspension or death', () => {
    const arrived = membershipIntervals('2001-07-01', [
      { kind: 'joined', on: '2001-07-01' },
      { kind: 'fullMembership', on: '2002-07-01' },
      { kind: 'transferIn', on: '2026-04-20' },
      { kind: 'transferOut', on: '2026-09-10' },
    ]);
    expect(arrived).toEqual([{ from: '2026-04-20', until: '2026-09-10' }]);
    expect(['2026-03', '2026-04', '2026-09', '2026-10'].map((m) => belongsInMonth(arrived, m))).toEqual([
      false,
      true,
      true,
      false,
    ]);

    const suspended = membershipIntervals('2010-01-01', [
      { kind: 'joined', on: '2010-01-01' },
      { kind: 'suspended', on: '2026-05-01' },
      { kind: 'restored', on: '2026-08-15' },
    ]);
    expect(['2026-04', '2026-05', '2026-07', '2026-08'].map((m) => belongsInMonth(suspended, m))).toEqual([
      true,
      false,
      false,
      true,
    ]);

    const returned = membershipIntervals('2010-01-01', [
      { kind: 'joined', on: '2010-01-01' },
      { kind: 'transferOut', on: '2020-01-10' },
      { kind: 'transferIn', on: '2026-02-01' },
    ]);
    expect(returned).toEqual([
      { from: '2010-01-01', until: '2020-01-10' },
      { from: '2026-02-01', until: null },
    ]);
  });
});

describe('补交 and 预交 limits', () => {
  const limits = { backPaymentMonths: 6, prepaymentMonths: 3 };
  it('tells back-payments, prepayments and regular payments apart', () => {
    expect(paymentTiming('2026-03', '2026-03-20')).toEqual({ timing: 'regular', months: 0 });
    expect(paymentTiming('2025-11', '2026-03-20')).toEqual({ timing: 'back', months: 4 });
    expect(paymentTiming('2026-06', '2026-03-20')).toEqual({ timing: 'prepay', months: 3 });
  });

  it('warns beyond six months back, not at six', () => {
    expect(timingWarning('2025-09', '2026-03-01', limits)).toBeNull();
    expect(timingWarning('2025-08', '2026-03-01', limits)).toContain('补交2025年8月的党费已超过7个月');
    expect(timingWarning('2026-07', '2026-03-01', limits)).toContain('预交2026年7月');
    expect(timingWarning('2026-06', '2026-03-01', limits)).toBeNull();
  });
});
