import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../src/core/db/migrations';
import { APPLICATION_ID } from '../../src/core/db/open';
import { registerAuditHash } from '../../src/core/services/audit-chain';
import { draftFrom, type RuleSetInput } from '../../src/shared/dues/rule-sets';
import { RULE_SETS } from '../../src/shared/dues/rules';
import { readBack } from '../support/workbooks';
import { citizenId, memberFields } from '../support/people';
import { SAMPLE_SETUP, tempDir, tempWorkspace } from '../support/temp-workspace';
import { rejection } from '../support/rejection';

/*
 * The office adds a rule set when the centre changes rates: from a month after the latest set,
 * never rewriting what is locked, named in every working it produces, and removable only while
 * nothing fixed is bound to it.
 */

/** Hypothetical new rates from July 2027: wider brackets, 5,000 and 6,000 boundaries. */
const JULY_2027: RuleSetInput = {
  ...draftFrom(RULE_SETS[1]!, '2027-07'),
  name: '2027年调整标准',
  basis: '中组部《关于调整党费交纳标准的通知》（假设的文件，仅用于测试）',
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
};

async function organ(today = '2027-03-10') {
  const t = tempWorkspace({ today });
  await t.api('organ.setup', SAMPLE_SETUP);
  const add = async (name: string, birth: string, n: number, extra: object = {}) =>
    (
      await t.api('roster.add', {
        fields: memberFields({ name, gender: null, citizenId: citizenId(birth, 'male', n), ...extra }),
      })
    ).id;
  const ids = {
    zhang: await add('张三', '1980-01-01', 1),
    li: await add('李四', '1950-01-01', 2, {
      employmentCategory: 'retired',
      admittedOn: '1975-07-01',
      fullMembershipOn: '1976-07-01',
    }),
  };
  await t.api('dues.assess', { year: 2027 });
  await t.api('dues.setTerms', { year: 2027, memberId: ids.zhang, terms: { category: 'employed', baseFen: 400_000 } });
  await t.api('dues.setTerms', { year: 2027, memberId: ids.li, terms: { category: 'retired', baseFen: 600_000 } });
  await t.api('dues.lock', { year: 2027 });
  return { ...t, ids };
}

const current = async (api: Awaited<ReturnType<typeof organ>>['api'], year: number, memberId: number) =>
  (await api('dues.assessment', { year })).rows.find((r) => r.memberId === memberId)!;

describe('党费标准: rule sets the office adds', () => {
  it('lists the shipped sets, which cannot be removed', async () => {
    const { api } = await organ();
    const sets = await api('dues.ruleSets', {});
    expect(sets.map((s) => [s.id, s.origin])).toEqual([
      ['2017', 'builtIn'],
      ['2008', 'builtIn'],
    ]);
    expect(sets[0]).toMatchObject({ fixed: 2, drafts: 0, keptBecause: '程序内置的标准，不能删除' });
    const refused = await rejection(api('dues.removeRuleSet', { id: '2017', reason: '试试' }));
    expect(refused.message).toContain('程序内置的标准，不能删除');
  });

  it('previews what a new set would change at each boundary, and writes nothing', async () => {
    const { api } = await organ();
    const before = (await api('audit.list', {})).length;
    const preview = await api('dues.previewRuleSet', { draft: JULY_2027, sampleBasesFen: [450_000] });
    expect(preview.replaces).toMatchObject({ id: '2017', effectiveFrom: '2017-01' });
    expect(preview.problems).toEqual([]);
    const line = (category: string, baseFen: number) =>
      preview.samples.find((s) => s.category === category && s.baseFen === baseFen)!;
    // Every boundary of the old and the new brackets, with the 分 above it: each boundary stays in its lower bracket.
    expect(line('employed', 300_000)).toMatchObject({
      before: { amountFen: 1_500, rate: '0.5%' },
      after: { amountFen: 1_500, rate: '0.5%' },
    });
    expect(line('employed', 300_001)).toMatchObject({
      before: { amountFen: 3_000, rate: '1%' },
      after: { amountFen: 1_500, rate: '0.5%' },
    });
    expect(line('employed', 400_000)).toMatchObject({
      before: { amountFen: 4_000 },
      after: { amountFen: 2_000, rate: '0.5%' },
    });
    expect(line('employed', 400_001)).toMatchObject({ after: { amountFen: 4_000, rate: '1%' } });
    expect(line('employed', 450_000)).toMatchObject({ before: { amountFen: 4_500 }, after: { amountFen: 4_500 } });
    expect(line('retired', 500_001)).toMatchObject({
      before: { amountFen: 5_000, rate: '1%' },
      after: { amountFen: 2_500, rate: '0.5%' },
    });
    expect(line('employed', 400_000).explanation).toBe(
      '按2027年调整标准（2027年7月起），基数 4,000.00 元 × 0.5% = 20.00 元',
    );
    expect((await api('dues.ruleSets', {})).length).toBe(2);
    expect((await api('audit.list', {})).length).toBe(before);
  });

  it('refuses a set that would rewrite the past or is malformed, in Chinese, and changes nothing', async () => {
    const { api } = await organ();
    const early = await rejection(api('dues.addRuleSet', { ...JULY_2027, effectiveFrom: '2017-01' }));
    expect(early.message).toContain(
      '起始月份应晚于现行最新标准“2017年规范党费工作通知”的起始月份2017年1月，这里是2017年1月',
    );
    const unordered = await rejection(
      api('dues.addRuleSet', {
        ...JULY_2027,
        employedBrackets: [
          { upToFen: 500_000, rateBp: 50 },
          { upToFen: 300_000, rateBp: 100 },
          { upToFen: null, rateBp: 200 },
        ],
      }),
    );
    expect(unordered.message).toContain(
      '在职党员各档上限应从低到高排列：第2档上限 3,000.00 元不高于第1档上限 5,000.00 元',
    );
    expect(unordered.field).toBe('employedBrackets.1.upToFen');
    const rate = await rejection(
      api('dues.addRuleSet', { ...JULY_2027, retiredBrackets: [{ upToFen: null, rateBp: 12_000 }] }),
    );
    expect(rate.message).toContain('比例不能大于 100%');
    const unbounded = await rejection(
      api('dues.addRuleSet', { ...JULY_2027, retiredBrackets: [{ upToFen: 600_000, rateBp: 50 }] }),
    );
    expect(unbounded.message).toContain('离退休党员最后一档应不设上限');
    const farmer = await rejection(api('dues.addRuleSet', { ...JULY_2027, farmerFen: { min: 200, max: 100 } }));
    expect(farmer.message).toContain('农民党员每月最低额 2.00 元高于最高额 1.00 元');
    const name = await rejection(api('dues.addRuleSet', { ...JULY_2027, name: '2017年规范党费工作通知' }));
    expect(name.message).toContain('已有名为“2017年规范党费工作通知”的标准');
    expect((await api('dues.ruleSets', {})).length).toBe(2);
    expect(await api('audit.list', { entity: 'dues_rule_set' })).toEqual([]);
  });

  it('keeps locked assessments on their rule; adjustments from the new month use the new one and name it', async () => {
    const { api, ids } = await organ();
    await api('dues.addRuleSet', JULY_2027);
    expect((await api('audit.list', { entity: 'dues_rule_set' })).map((e) => e.action)).toEqual(['insert']);

    // The year locked in January keeps the 2017 rates, its working and its record of the set.
    const zhang = await current(api, 2027, ids.zhang);
    expect(zhang.current).toMatchObject({
      amountFen: 4_000,
      ruleSetId: '2017',
      ruleSetFrom: '2017-01',
      explanation: '按2017年规范党费工作通知（2017年1月起），基数 4,000.00 元 × 1% = 40.00 元',
    });

    // Across the changeover: June still by 2017, July by the new set; the boundary 4,000.00 is in the lower bracket.
    await api('dues.adjust', {
      year: 2027,
      memberId: ids.zhang,
      fromMonth: '2027-06',
      terms: { category: 'employed', baseFen: 400_000 },
      reason: '6月工资调整',
    });
    const july = await api('dues.adjust', {
      year: 2027,
      memberId: ids.zhang,
      fromMonth: '2027-07',
      terms: { category: 'employed', baseFen: 400_000 },
      reason: '按新标准',
    });
    const [, june, fromJuly] = july.row.versions;
    expect(june).toMatchObject({ amountFen: 4_000, ruleSetId: '2017', ruleSetFrom: '2017-01' });
    expect(fromJuly).toMatchObject({
      amountFen: 2_000,
      ruleSetId: '2027-07',
      ruleSetFrom: '2027-07',
      explanation: '按2027年调整标准（2027年7月起），基数 4,000.00 元 × 0.5% = 20.00 元',
    });
    const above = await api('dues.adjust', {
      year: 2027,
      memberId: ids.li,
      fromMonth: '2027-07',
      terms: { category: 'retired', baseFen: 600_001 },
      reason: '养老金调整',
    });
    expect(above.row.current).toMatchObject({ amountFen: 6_000, standard: '1%' });
    expect(july.row.yearDueFen).toBe(4_000 * 6 + 2_000 * 6);

    // The 核定表 names both sets for the year.
    const sheet = (
      await readBack((await api('dues.exportReport', { report: 'assessment', params: { year: 2027 } })).base64)
    ).worksheets[0]!;
    const notes = sheet
      .getColumn(1)
      .values.filter((v): v is string => typeof v === 'string')
      .join('\n');
    expect(notes).toContain(
      '2027年7月起按“2027年调整标准”：在职党员按每月税后工资收入的0.5%、1%、1.5%、2%交纳（4000元及以下、4000元以上至8000元、8000元以上至15000元、15000元以上，各档含上限）',
    );
    expect(notes).toContain('中组部《关于调整党费交纳标准的通知》');

    // Bound by adjustments now: it cannot be removed.
    const kept = await rejection(api('dues.removeRuleSet', { id: '2027-07', reason: '录错了' }));
    expect(kept.message).toBe('“2027年调整标准”已有 2 条锁定的核定或调整按此标准计算，不能删除。');
  });

  it('computes drafts from its month by it, and when removed puts them back on the set before', async () => {
    const { api, ids, setToday } = await organ();
    setToday('2027-11-20');
    await api('dues.assess', { year: 2028 });
    expect((await current(api, 2028, ids.zhang)).current).toMatchObject({ amountFen: 4_000, ruleSetId: '2017' });

    const preview = await api('dues.previewRuleSet', { draft: { ...JULY_2027, effectiveFrom: '2028-01' } });
    expect(preview.openRows).toEqual({ from: '2028-01', count: 2, changed: 2 });
    const listed = await api('dues.addRuleSet', { ...JULY_2027, effectiveFrom: '2028-01' });
    expect(listed[0]).toMatchObject({ id: '2028-01', origin: 'office', drafts: 2, fixed: 0, keptBecause: null });
    expect((await current(api, 2028, ids.zhang)).current).toMatchObject({
      amountFen: 2_000,
      ruleSetId: '2028-01',
      ruleSetFrom: '2028-01',
    });
    expect((await current(api, 2027, ids.zhang)).current).toMatchObject({ amountFen: 4_000, ruleSetId: '2017' });
    expect((await api('dues.rate', { category: 'employed', baseFen: 400_001, month: '2028-01' })).explanation).toBe(
      '按2027年调整标准（2028年1月起），基数 4,000.01 元 × 1% = 40.0001 元，四舍五入到分为 40.00 元',
    );

    // A later set must start after this one.
    const next = await rejection(api('dues.addRuleSet', { ...JULY_2027, name: '再次调整', effectiveFrom: '2027-12' }));
    expect(next.message).toContain('现行最新标准“2027年调整标准”的起始月份2028年1月');

    const removed = await api('dues.removeRuleSet', { id: '2028-01', reason: '起始月份录入错误' });
    expect(removed.map((s) => s.id)).toEqual(['2017', '2008']);
    expect((await current(api, 2028, ids.zhang)).current).toMatchObject({
      amountFen: 4_000,
      ruleSetId: '2017',
      ruleSetFrom: '2017-01',
    });
    const log = await api('audit.list', { entity: 'dues_rule_set' });
    expect(log.map((e) => [e.action, e.reason])).toEqual([
      ['delete', '起始月份录入错误'],
      ['insert', null],
    ]);
  });

  it('will not remove a set once dues of its months are paid', async () => {
    const { api, ids, setToday } = await organ();
    await api('dues.addRuleSet', JULY_2027);
    setToday('2027-08-05');
    await api('dues.recordPayments', {
      paidOn: '2027-08-05',
      entries: [{ memberId: ids.zhang, month: '2027-07', paidFen: 4_000 }],
    });
    const refused = await rejection(api('dues.removeRuleSet', { id: '2027-07', reason: '录错了' }));
    expect(refused.message).toContain('2027年7月以后的月份已登记 1 笔党费，不能删除');
    expect((await api('dues.ruleSets', {})).length).toBe(3);
  });
});

describe('a data file from before rule sets could be added', () => {
  it('records, for every assessment already made, the first month of the shipped set it used', () => {
    const dir = tempDir();
    const step = MIGRATIONS.findIndex((m) => m.description.startsWith('dues: rule sets'));
    const old = new Database(path.join(dir, 'party-office.db'));
    old.function('audit_actor', () => '旧版用户');
    old.function('audit_via', () => 'desktop');
    old.function('audit_reason', () => null);
    registerAuditHash(old);
    for (const m of MIGRATIONS.slice(0, step)) old.exec(m.sql);
    old.exec(`INSERT INTO organ VALUES (1, '旧版机关', 'committee', '中共旧版机关委员会', '', '2020-01-01')`);
    old.exec(
      `INSERT INTO org_unit (id, kind, parent_id, name) VALUES (1, 'committee', NULL, '中共旧版机关委员会'), (2, 'branch', 1, '第一党支部')`,
    );
    old.exec(`INSERT INTO member (id, name, name_initials, name_pinyin, gender, citizen_id, birth_date, branch_id, admitted_on, created_at)
      VALUES (1, '张三', 'zs', 'zhangsan', 'male', '${citizenId('1980-01-01', 'male', 1)}', '1980-01-01', 2, '2005-07-01', 'x')`);
    old.exec(`INSERT INTO dues_year (year, created_at) VALUES (2016, 'x'), (2026, 'x')`);
    old.exec(`INSERT INTO dues_assessment (year, member_id, effective_from, category, base_fen, amount_fen, rule_set, explanation, created_at)
      VALUES (2016, 1, '2016-01', 'employed', 630000, 9450, '2008', '基数 6,300.00 元 × 1.5% = 94.50 元', 'x'),
             (2026, 1, '2026-01', 'employed', 630000, 9450, '2017', '基数 6,300.00 元 × 1.5% = 94.50 元', 'x')`);
    old.pragma(`application_id = ${APPLICATION_ID}`);
    old.pragma(`user_version = ${step}`);
    old.close();

    const t = tempWorkspace({ dataDir: dir });
    const rows = t.ws
      .database()
      .prepare(`SELECT year, rule_set, rule_set_from, explanation FROM dues_assessment ORDER BY year`)
      .all();
    // The working stays as it was written: past years are never rewritten.
    expect(rows).toEqual([
      { year: 2016, rule_set: '2008', rule_set_from: '2008-04', explanation: '基数 6,300.00 元 × 1.5% = 94.50 元' },
      { year: 2026, rule_set: '2017', rule_set_from: '2017-01', explanation: '基数 6,300.00 元 × 1.5% = 94.50 元' },
    ]);
  });
});
