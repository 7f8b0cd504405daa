import { describe, expect, it } from 'vitest';
import { citizenId, memberFields } from '../support/people';
import { SAMPLE_SETUP, tempWorkspace } from '../support/temp-workspace';
import { addRows, asFile, workbook } from '../support/workbooks';
import { rejection } from '../support/rejection';

/*
 * Issue 12: 出生年月, 入党日期 and 转正日期 kept to the precision they were written in. A month is
 * stored as 'YYYY-MM', never as the 1st of it; what needs the day says so.
 */

async function organ(today = '2026-11-22') {
  const t = tempWorkspace({ today });
  await t.api('organ.setup', SAMPLE_SETUP);
  return t;
}

describe('member dates kept to their precision', () => {
  it('takes 出生年月 to the month when the ID number agrees, and keeps the ID number’s day', async () => {
    const { api } = await organ();
    const m = await api('roster.add', { fields: memberFields({ birthDate: '1985-03' }) });
    expect(m.birthDate).toBe('1985-03-12');

    const wrongMonth = await rejection(
      api('roster.add', {
        fields: memberFields({ birthDate: '1985-04', citizenId: citizenId('1985-03-12', 'male', 2) }),
      }),
    );
    expect(wrongMonth.field).toBe('birthDate');
    expect(wrongMonth.message).toContain('出生日期“1985年4月”与公民身份号码中的“1985年3月12日”不一致');

    const yearOnly = await rejection(
      api('roster.add', {
        fields: memberFields({ admittedOn: '2010', citizenId: citizenId('1985-03-12', 'male', 3) }),
      }),
    );
    expect(yearOnly.message).toContain('入党日期只写了年份，请至少写到月份');
    expect((await api('roster.search', {})).counts.total).toBe(1);
  });

  it('keeps a month-only 入党日期 as a month: probation ends in a month, and the clerk is asked for the day', async () => {
    const { api } = await organ('2026-06-10');
    const m = await api('roster.add', {
      fields: memberFields({ name: '王五', admittedOn: '2025-07', fullMembershipOn: null }),
    });
    expect(m).toMatchObject({
      admittedOn: '2025-07',
      category: 'probationary',
      probationEndsOn: '2026-07',
      partyStanding: null,
      monthOnlyDates: ['admittedOn'],
    });
    expect(m.events.map((e) => [e.kind, e.occurredOn])).toEqual([['joined', '2025-07']]);

    // No 预备期将满 on a guessed day: a reminder to complete the date, due by the end month's first day.
    const reminders = (await api('reminders.list', {})).filter((r) => r.subject.kind === 'member');
    expect(reminders).toEqual([
      expect.objectContaining({
        kind: 'admissionDayMissing',
        severity: 'warning',
        dueOn: '2026-07-01',
        message: expect.stringContaining('入党日期只记到月份（2025年7月）'),
      }),
    ]);

    // 转正 cannot be recorded until the day is known: it is the end of probation.
    const full = await rejection(
      api('roster.recordEvent', { memberId: m.id, event: { kind: 'fullMembership', on: '2026-06-01' } }),
    );
    expect(full.message).toContain('请先在党员信息中补全入党日期');

    // The roster filter 日期待补全 finds the member, and only the member.
    await api('roster.add', {
      fields: memberFields({ name: '李四', gender: null, citizenId: citizenId('1980-01-02', 'female') }),
    });
    expect((await api('roster.search', { monthOnlyDates: true })).rows.map((r) => r.name)).toEqual(['王五']);
    expect((await api('roster.search', { monthOnlyDates: false })).rows.map((r) => r.name)).toEqual(['李四']);

    // Completing the day is an ordinary edit, audited, and the history follows.
    const completed = await api('roster.update', {
      id: m.id,
      fields: memberFields({ name: '王五', admittedOn: '2025-07-18', fullMembershipOn: null }),
    });
    expect(completed).toMatchObject({ admittedOn: '2025-07-18', probationEndsOn: '2026-07-18', monthOnlyDates: [] });
    expect(completed.events.map((e) => [e.kind, e.occurredOn])).toEqual([['joined', '2025-07-18']]);
    const audit = await api('audit.list', { entity: 'member' });
    expect(audit.find((e) => e.action === 'update' && e.entityId === m.id)).toMatchObject({
      before: expect.objectContaining({ admitted_on: '2025-07' }),
      after: expect.objectContaining({ admitted_on: '2025-07-18' }),
    });
    expect((await api('reminders.list', {})).filter((r) => r.kind === 'admissionDayMissing')).toEqual([]);
    expect((await api('roster.search', { monthOnlyDates: true })).rows).toEqual([]);
  });

  it('counts 党龄 from a month exactly, except in the anniversary month, where the lower value is shown', async () => {
    const t = await organ('2026-11-30');
    const m = await t.api('roster.add', {
      fields: memberFields({ admittedOn: '2015-12', fullMembershipOn: '2016-12' }),
    });
    expect(m).toMatchObject({ category: 'full', partyStanding: 9, monthOnlyDates: ['admittedOn', 'fullMembershipOn'] });
    const standing = async (today: string) => {
      t.setToday(today);
      const page = await t.api('roster.search', {});
      const tenOrMore = await t.api('roster.search', { standing: { min: 10 } });
      const nineOrLess = await t.api('roster.search', { standing: { max: 9 } });
      return [page.rows[0]!.partyStanding, tenOrMore.counts.total, nineOrLess.counts.total];
    };
    // The search's 党龄 bounds agree with the figure shown, in and around the anniversary month.
    expect(await standing('2026-11-30')).toEqual([9, 0, 1]);
    expect(await standing('2026-12-01')).toEqual([9, 0, 1]);
    expect(await standing('2026-12-30')).toEqual([9, 0, 1]);
    // On the month's last day the ten years are complete whichever day it was.
    expect(await standing('2026-12-31')).toEqual([10, 1, 0]);
    expect(await standing('2027-01-01')).toEqual([10, 1, 0]);
  });

  it('judges 转正日期 against a month-only 入党日期 by the month, and 18 years by the whole month', async () => {
    const { api } = await organ();
    // 2010-07 + one year is some day of 2011-07: a day of that month or the month itself fits.
    await api('roster.add', { fields: memberFields({ admittedOn: '2010-07', fullMembershipOn: '2011-07-09' }) });
    const wrong = await rejection(
      api('roster.add', {
        fields: memberFields({
          admittedOn: '2010-07',
          fullMembershipOn: '2011-09',
          citizenId: citizenId('1985-03-12', 'male', 4),
        }),
      }),
    );
    expect(wrong.message).toContain(
      '转正日期应为预备期满之日“2011年7月”（入党日期2010年7月，预备期一年），这里是“2011年9月”',
    );

    // Born 2003-03-12: admitted in March 2021 may be on or after the birthday, so it is not refused;
    // February 2021 is wholly before it.
    await api('roster.add', {
      fields: memberFields({
        gender: null,
        citizenId: citizenId('2003-03-12', 'female'),
        admittedOn: '2021-03',
        fullMembershipOn: null,
      }),
    });
    const young = await rejection(
      api('roster.add', {
        fields: memberFields({
          gender: null,
          citizenId: citizenId('2003-03-12', 'female', 2),
          admittedOn: '2021-02',
          fullMembershipOn: null,
        }),
      }),
    );
    expect(young.message).toContain('入党日期“2021年2月”时未满18周岁');
    const future = await rejection(
      api('roster.add', {
        fields: memberFields({
          citizenId: citizenId('1990-01-01', 'male'),
          admittedOn: '2026-12',
          fullMembershipOn: null,
        }),
      }),
    );
    expect(future.message).toContain('入党日期“2026年12月”晚于今天');
    // The current month is not in the future.
    await api('roster.add', {
      fields: memberFields({
        citizenId: citizenId('1990-01-01', 'male', 5),
        admittedOn: '2026-11',
        fullMembershipOn: null,
      }),
    });
  });
});

describe('a roster workbook kept to the month', () => {
  const A = citizenId('1997-06-12', 'male', 1);
  const B = citizenId('1990-01-05', 'female', 2);
  const C = citizenId('1988-10-30', 'male', 3);
  const D = citizenId('1985-02-01', 'male', 4);
  const E = citizenId('1986-03-03', 'male', 5);
  const F = citizenId('1987-04-04', 'male', 6);
  const G = citizenId('1989-05-05', 'male', 7);

  async function roster() {
    return workbook((sheet) => {
      addRows(sheet, [
        ['姓名', '身份证号', '出生年月', '党支部', '入党时间', '转正时间'],
        // as offices type them: 1997.06 meaning June 1997, not the 1st
        ['甲', A, '1997.06', '第一党支部', '2020.07', '2021.07'],
        ['乙', B, '１９９０．０１', '第一党支部', '2015年7月', '2016年7月'],
        // an Excel date cell whose format shows only year and month
        ['丙', C, 1988.1, '第一党支部', new Date(Date.UTC(2012, 5, 1)), new Date(Date.UTC(2013, 5, 1))],
        // a real disagreement with the ID number
        ['丁', D, '1985.03', '第一党支部', '2010.07', '2011.07'],
        // a year alone
        ['戊', E, null, '第一党支部', '2010', '2011.07'],
        // 202507 and a full date
        ['己', F, '198704', '第一党支部', 202507, null],
        ['庚', G, '1989-05', '第一党支部', '2011-07-01', '2012-07-01'],
      ]);
      for (const r of [4]) for (const c of [5, 6]) sheet.getCell(r, c).numFmt = 'yyyy"年"m"月"';
    });
  }

  it('imports months as months, the birth month against the ID, and refuses a year alone or a real disagreement', async () => {
    const { api } = await organ('2026-06-10');
    const bytes = await roster();
    const preview = await api('roster.importPreview', { file: asFile('花名册.xlsx', bytes) });
    const problems = preview.errors.map((e) => `${e.row}|${e.column}|${e.value}|${e.message}`);
    expect(problems).toEqual([
      expect.stringMatching(/^4\|出生年月（C列）\|1988\.1\|.*分不清是1988年1月还是10月/),
      '5|出生年月（C列）|1985.03|出生日期“1985年3月”与公民身份号码中的“1985年2月1日”不一致',
      '6|入党时间（E列）|2010|“2010”只写了年份，请至少写到月份，如 2010.07 或 2010年7月',
    ]);
    expect(preview.valid).toBe(4);
    // 入党、转正 to the month are accepted with a remark; 出生年月 needs none (the ID has the day).
    expect(preview.notices.filter((n) => n.row === 2).map((n) => n.column)).toEqual([
      '入党时间（E列）',
      '转正时间（F列）',
    ]);

    await api('roster.importCommit', { file: asFile('花名册.xlsx', bytes), skipRows: [4, 5, 6] });
    const page = await api('roster.search', { sort: { field: 'name', direction: 'asc' } });
    const rows = Object.fromEntries(page.rows.map((r) => [r.name, [r.birthDate, r.admittedOn, r.fullMembershipOn]]));
    expect(rows).toEqual({
      甲: ['1997-06-12', '2020-07', '2021-07'],
      乙: ['1990-01-05', '2015-07', '2016-07'],
      己: ['1987-04-04', '2025-07', null],
      庚: ['1989-05-05', '2011-07-01', '2012-07-01'],
    });
    expect((await api('roster.search', { monthOnlyDates: true })).counts.total).toBe(3);
  });

  it('reads a date cell formatted to the month as that month', async () => {
    const { api } = await organ('2026-06-10');
    const fixed = await workbook((sheet) => {
      addRows(sheet, [
        ['姓名', '身份证号', '党支部', '入党时间', '转正时间'],
        ['丙', C, '第一党支部', new Date(Date.UTC(2012, 5, 1)), new Date(Date.UTC(2013, 5, 1))],
      ]);
      for (const c of [4, 5]) sheet.getCell(2, c).numFmt = 'yyyy"年"m"月"';
    });
    const preview = await api('roster.importPreview', { file: asFile('月份格式.xlsx', fixed) });
    expect(preview.errors).toEqual([]);
    await api('roster.importCommit', { file: asFile('月份格式.xlsx', fixed), skipRows: [] });
    const m = (await api('roster.search', { text: '丙' })).rows[0]!;
    expect([m.admittedOn, m.fullMembershipOn]).toEqual(['2012-06', '2013-06']);
  });

  it('does not undo a completed day when the same workbook is imported again', async () => {
    const { api } = await organ('2026-06-10');
    const bytes = await roster();
    await api('roster.importCommit', { file: asFile('花名册.xlsx', bytes), skipRows: [4, 5, 6] });
    const jia = (await api('roster.search', { text: '甲' })).rows[0]!;
    const detail = await api('roster.get', { id: jia.id });
    await api('roster.update', {
      id: jia.id,
      fields: {
        name: detail.name,
        citizenId: detail.citizenId,
        branchId: detail.branchId,
        admittedOn: '2020-07-01',
        fullMembershipOn: '2021-07-01',
      },
    });
    const again = await api('roster.importPreview', { file: asFile('花名册.xlsx', bytes) });
    expect(again.changes.filter((c) => c.name === '甲')).toEqual([]);
    await api('roster.importCommit', { file: asFile('花名册.xlsx', bytes), skipRows: [4, 5, 6] });
    const after = (await api('roster.search', { text: '甲' })).rows[0]!;
    expect([after.admittedOn, after.fullMembershipOn, after.monthOnlyDates]).toEqual(['2020-07-01', '2021-07-01', []]);
  });
});

describe('dues and statistics with dates kept to the month', () => {
  it('owes dues from the month of a month-only admission, counts 党龄 bands by the lower value, and finds arrears', async () => {
    const t = await organ('2026-11-22');
    const { api } = t;
    const zhang = await api('roster.add', {
      fields: memberFields({ name: '张三', admittedOn: '2026-03', fullMembershipOn: null }),
    });
    // 转正 to the month, in the anniversary month: 党龄 the lower value (9, not 10).
    await api('roster.add', {
      fields: memberFields({
        name: '李四',
        gender: null,
        citizenId: citizenId('1970-02-02', 'female'),
        admittedOn: '2015-11',
        fullMembershipOn: '2016-11',
      }),
    });
    await api('dues.assess', { year: 2026 });
    await api('dues.setTerms', { year: 2026, memberId: zhang.id, terms: { category: 'employed', baseFen: 300_000 } });

    // The month of admission is owed, the one before it is not, in the view and when recording.
    const names = async (month: string) =>
      (await api('dues.collection', { month, branchId: 2 })).rows.map((r) => r.name).sort();
    expect(await names('2026-02')).toEqual(['李四']);
    expect(await names('2026-03')).toEqual(['张三', '李四'].sort());
    const early = await rejection(
      api('dues.recordPayments', {
        paidOn: '2026-03-20',
        entries: [{ memberId: zhang.id, month: '2026-02', paidFen: 1_500 }],
      }),
    );
    expect(early.message).toContain('张三2026年2月不在本单位交纳党费');
    await api('dues.recordPayments', {
      paidOn: '2026-03-20',
      entries: [{ memberId: zhang.id, month: '2026-03', paidFen: 1_500 }],
    });
    const mine = await api('dues.member', { memberId: zhang.id });
    expect(JSON.stringify(mine)).toContain('2026-03');

    // Unpaid from April: the arrears count from the month after the last paid one.
    const arrears = (await api('dues.arrears', {})).rows.find((r) => r.memberId === zhang.id);
    expect(arrears?.streak.from).toBe('2026-04');

    const stats = await api('stats.membership', {});
    expect(stats).toMatchObject({ total: 2, full: 1, probationary: 1 });
    const standing = Object.fromEntries(stats.standing.map((s) => [s.label, s.count]));
    expect(standing).toMatchObject({ '5—9年': 1, '10—19年': 0 });
  });
});
