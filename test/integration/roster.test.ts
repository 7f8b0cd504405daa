import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/shared/errors';
import { citizenId, memberFields } from '../support/people';
import { SAMPLE_SETUP, tempWorkspace } from '../support/temp-workspace';
import { rejection } from '../support/rejection';

async function organ(today = '2026-11-22') {
  const t = tempWorkspace({ today });
  await t.api('organ.setup', SAMPLE_SETUP);
  return t;
}

describe('adding members', () => {
  it('derives birth date and sex from the ID, and computes age and 党龄', async () => {
    const { api } = await organ();
    const m = await api('roster.add', {
      fields: memberFields({ gender: null, citizenId: citizenId('1985-03-12', 'female').toLowerCase() }),
    });
    expect(m).toMatchObject({
      gender: 'female',
      birthDate: '1985-03-12',
      age: 41,
      category: 'full',
      partyStanding: 15,
      branchName: '第一党支部',
    });
    expect(m.citizenId).toMatch(/^\d{17}[\dX]$/);
    expect(m.maskedCitizenId).toMatch(/^110\*{11}\d{3}[\dX]$/);
    expect(m.events.map((e) => e.kind)).toEqual(['joined', 'fullMembership']);
  });

  it('refuses each broken rule with a message naming the field and value', async () => {
    const { api } = await organ();
    const cases: [Parameters<typeof memberFields>[0], string, string][] = [
      [{ citizenId: '110101198503120019' }, 'citizenId', '校验码不对'],
      [{ gender: 'female' }, 'gender', '性别填的是“女”，但公民身份号码第17位表示“男”'],
      [{ birthDate: '1985-03-13' }, 'birthDate', '与公民身份号码中的“1985年3月12日”不一致'],
      [{ admittedOn: '2003-03-11', fullMembershipOn: null }, 'admittedOn', '未满18周岁'],
      [{ fullMembershipOn: '2011-08-01' }, 'fullMembershipOn', '转正日期应为预备期满之日“2011年7月1日”'],
      [{ admittedOn: '2026-12-01', fullMembershipOn: null }, 'admittedOn', '晚于今天'],
      [{ branchId: 1 }, 'branchId', '不存在或已撤销'],
    ];
    for (const [overrides, field, message] of cases) {
      const error = await rejection(api('roster.add', { fields: memberFields(overrides) }));
      expect(error.field, JSON.stringify(overrides)).toBe(field);
      expect(error.message).toContain(message);
    }
    expect((await api('roster.search', {})).counts.total).toBe(0);
  });

  it('admits at exactly 18 and not a day before', async () => {
    const { api } = await organ();
    const birth = '1990-06-15';
    await api('roster.add', {
      fields: memberFields({
        citizenId: citizenId(birth, 'male'),
        admittedOn: '2008-06-15',
        fullMembershipOn: '2009-06-15',
      }),
    });
    const error = await rejection(
      api('roster.add', {
        fields: memberFields({
          name: '李四',
          citizenId: citizenId(birth, 'male', 2),
          admittedOn: '2008-06-14',
          fullMembershipOn: '2009-06-14',
        }),
      }),
    );
    expect(error.field).toBe('admittedOn');
  });

  it('keeps one member per ID number, and frees it when a wrong entry is voided', async () => {
    const { api } = await organ();
    const first = await api('roster.add', { fields: memberFields() });
    const duplicate = await rejection(api('roster.add', { fields: memberFields({ name: '张叁' }) }));
    expect(duplicate.code).toBe('CONFLICT');
    expect(duplicate.message).toContain('已登记在名册中');
    const voided = await api('roster.void', { id: first.id, reason: '重复录入' });
    expect(voided.voided).toEqual({ on: '2026-11-22', reason: '重复录入' });
    await api('roster.add', { fields: memberFields({ name: '张叁' }) });
    const page = await api('roster.search', {});
    expect(page.rows.map((r) => r.name)).toEqual(['张叁']);
    const log = await api('audit.list', { entity: 'member' });
    expect(log.some((e) => e.reason === '重复录入' && e.before?.name === '张三')).toBe(true);
  });

  it('follows the probation end convention setting', async () => {
    const { api } = await organ();
    await api('settings.update', { probationEndConvention: 'dayBefore' });
    const error = await rejection(api('roster.add', { fields: memberFields({ fullMembershipOn: '2011-07-01' }) }));
    expect(error.message).toContain('“2011年6月30日”');
    const m = await api('roster.add', { fields: memberFields({ fullMembershipOn: '2011-06-30' }) });
    expect(m.fullMembershipOn).toBe('2011-06-30');
  });
});

describe('status events', () => {
  it('turns a probationary member into a full member only on the day probation ends', async () => {
    const t = await organ('2026-07-01');
    const m = await t.api('roster.add', { fields: memberFields({ admittedOn: '2025-07-01', fullMembershipOn: null }) });
    expect(m).toMatchObject({ category: 'probationary', partyStanding: null, probationEndsOn: '2026-07-01' });
    const early = await rejection(
      t.api('roster.recordEvent', { memberId: m.id, event: { kind: 'fullMembership', on: '2026-06-30' } }),
    );
    expect(early.message).toContain('转正日期应为预备期满之日“2026年7月1日”');
    const full = await t.api('roster.recordEvent', {
      memberId: m.id,
      event: { kind: 'fullMembership', on: '2026-07-01' },
    });
    expect(full).toMatchObject({ category: 'full', partyStanding: 0, fullMembershipOn: '2026-07-01' });
  });

  it('extends probation once, by 6 to 12 months', async () => {
    const t = await organ('2026-07-01');
    const m = await t.api('roster.add', { fields: memberFields({ admittedOn: '2025-08-01', fullMembershipOn: null }) });
    const ext = await t.api('roster.recordEvent', {
      memberId: m.id,
      event: { kind: 'probationExtended', on: '2026-06-20', months: 6, documentNo: '机党发〔2026〕3号' },
    });
    expect(ext.probationEndsOn).toBe('2027-02-01');
    expect(
      (
        await rejection(
          t.api('roster.recordEvent', {
            memberId: m.id,
            event: { kind: 'probationExtended', on: '2026-06-21', months: 6 },
          }),
        )
      ).message,
    ).toContain('只能延长一次');
  });

  it('transfers out with a receipt due in a month, and reminds when it is late', async () => {
    const t = await organ('2026-03-01');
    const m = await t.api('roster.add', { fields: memberFields() });
    const out = await t.api('roster.recordEvent', {
      memberId: m.id,
      event: { kind: 'transferOut', on: '2026-01-31', counterpart: '中共某某区委组织部', documentNo: '0001234' },
    });
    expect(out.status).toBe('transferredOut');
    expect((await t.api('roster.search', {})).counts.total).toBe(0);
    expect((await t.api('roster.search', { statuses: ['transferredOut'] })).rows.map((r) => r.name)).toEqual(['张三']);
    // due 2026-02-28 (a month after 31 January); late from 1 March
    expect(out.events.at(-1)?.receiptOverdue).toBe(true);
    const reminders = await t.api('reminders.list', {});
    expect(reminders.find((r) => r.kind === 'receiptOverdue')?.message).toContain('回执应在一个月内寄回');
    const back = await t.api('roster.recordReceipt', { eventId: out.events.at(-1)!.id, receivedOn: '2026-03-01' });
    expect(back.events.at(-1)).toMatchObject({ receiptReceivedOn: '2026-03-01', receiptOverdue: false });
    expect((await t.api('reminders.list', {})).some((r) => r.kind === 'receiptOverdue')).toBe(false);
  });

  it('requires a decision date and reference for leaving the Party, and then refuses further events', async () => {
    const t = await organ();
    const m = await t.api('roster.add', { fields: memberFields() });
    const missing = await t
      .api('roster.recordEvent', { memberId: m.id, event: { kind: 'removed', on: '2026-10-01' } } as never)
      .catch((e: AppError) => e);
    expect(missing).toBeInstanceOf(AppError);
    expect((missing as AppError).message).toContain('决定文号');
    const removed = await t.api('roster.recordEvent', {
      memberId: m.id,
      event: { kind: 'removed', on: '2026-10-01', documentNo: '机党〔2026〕12号', note: '连续6个月不交党费' },
    });
    expect(removed.status).toBe('removed');
    expect(
      (
        await rejection(
          t.api('roster.recordEvent', { memberId: m.id, event: { kind: 'suspended', on: '2026-10-02', note: 'x' } }),
        )
      ).message,
    ).toContain('目前党籍状态为“除名”');
    expect(removed.events.map((e) => e.kind)).toEqual(['joined', 'fullMembership', 'removed']);
  });

  it('suspends and restores, and reminds about long lost contact', async () => {
    const t = await organ('2026-11-22');
    const m = await t.api('roster.add', { fields: memberFields({ lostContactSince: '2026-05-01' }) });
    expect((await t.api('reminders.list', {})).find((r) => r.kind === 'lostContactLong')?.message).toContain(
      '失去联系已超过6个月',
    );
    await t.api('roster.recordEvent', {
      memberId: m.id,
      event: { kind: 'suspended', on: '2026-11-01', note: '失联超过6个月' },
    });
    expect((await t.api('roster.get', { id: m.id })).status).toBe('suspended');
    const restored = await t.api('roster.recordEvent', {
      memberId: m.id,
      event: { kind: 'restored', on: '2026-11-20' },
    });
    expect(restored.status).toBe('normal');
  });

  it('brings two years of 停止党籍 without contact to the organisation, to the day, and changes nothing', async () => {
    const t = await organ('2024-03-15');
    const m = await t.api('roster.add', { fields: memberFields({ lostContactSince: '2023-06-10' }) });
    await t.api('roster.recordEvent', {
      memberId: m.id,
      event: { kind: 'suspended', on: '2024-03-15', note: '失去联系6个月以上，经多方查找仍无音讯' },
    });
    const twoYears = async () => (await t.api('reminders.list', {})).filter((r) => r.kind === 'suspendedTwoYears');
    t.setToday('2026-02-12');
    expect(await twoYears()).toEqual([]);
    t.setToday('2026-02-13'); // 30 days before
    expect(await twoYears()).toMatchObject([{ severity: 'warning', dueOn: '2026-03-15' }]);
    t.setToday('2026-03-14');
    expect((await twoYears())[0]!.message).toContain('将于2026年3月15日满2年（还有 1 天）');
    t.setToday('2026-03-15');
    const [due] = await twoYears();
    expect(due).toMatchObject({ severity: 'overdue', subject: { kind: 'member', id: m.id } });
    expect(due!.message).toContain('于2024年3月15日停止党籍，已满2年');
    expect(due!.message).toContain('至今没有取得联系的记录');
    expect(due!.message).toContain('《中国共产党党员教育管理工作条例》第二十四条');
    expect(due!.message).toContain('程序不会自动处理');
    expect((await t.api('roster.get', { id: m.id })).status).toBe('suspended');
    // Contact found again: the organisation no longer needs reminding.
    t.setToday('2026-03-20');
    await t.api('roster.recordEvent', { memberId: m.id, event: { kind: 'contactRestored', on: '2026-03-20' } });
    expect(await twoYears()).toEqual([]);
  });

  it('reminds 30 days before probation ends and after it has passed', async () => {
    const t = await organ('2026-05-31'); // 31 days before 2026-07-01
    await t.api('roster.add', { fields: memberFields({ admittedOn: '2025-07-01', fullMembershipOn: null }) });
    expect((await t.api('reminders.list', {})).filter((r) => r.kind.startsWith('probation'))).toEqual([]);
    t.setToday('2026-06-01'); // 30 days before
    expect((await t.api('reminders.list', {})).map((r) => r.kind)).toContain('probationEnding');
    t.setToday('2026-07-02');
    expect((await t.api('reminders.list', {})).map((r) => r.kind)).toContain('probationOverdue');
  });
});

describe('searching the roster', () => {
  async function roster() {
    const t = await organ();
    const people: [string, 'male' | 'female', string, string, string | null, number][] = [
      ['张三', 'male', '1980-01-01', '2005-07-01', '2006-07-01', 2],
      ['张珊珊', 'female', '1992-05-05', '2015-06-01', '2016-06-01', 2],
      ['李四', 'male', '1970-09-09', '1995-07-01', '1996-07-01', 3],
      ['王五', 'female', '2000-02-02', '2026-01-10', null, 3],
      ['单雄信', 'male', '1988-08-08', '2012-12-12', '2013-12-12', 2],
    ];
    for (const [i, [name, gender, birth, admitted, full, branchId]] of people.entries()) {
      await t.api('roster.add', {
        fields: memberFields({
          name,
          gender,
          citizenId: citizenId(birth, gender, i + 1),
          admittedOn: admitted,
          fullMembershipOn: full,
          branchId,
        }),
      });
    }
    return t;
  }

  it('finds by name, pinyin initials, full pinyin (with surname readings) and ID digits', async () => {
    const { api } = await roster();
    const names = async (text: string) => (await api('roster.search', { text })).rows.map((r) => r.name).sort();
    expect(await names('张')).toEqual(['张三', '张珊珊']);
    expect(await names('zs')).toEqual(['张三', '张珊珊']);
    expect(await names('zss')).toEqual(['张珊珊']);
    expect(await names('shanxiongxin')).toEqual(['单雄信']);
    expect(await names('sxx')).toEqual(['单雄信']);
    expect(await names('19700909')).toEqual(['李四']);
    expect(await names('%')).toEqual([]);
  });

  it('filters by branch, category, sex, 党龄 and age, with counts', async () => {
    const { api } = await roster();
    const page = await api('roster.search', { branchIds: [2] });
    expect(page.counts).toEqual({ total: 3, full: 3, probationary: 0, male: 2, female: 1 });
    expect((await api('roster.search', { categories: ['probationary'] })).rows.map((r) => r.name)).toEqual(['王五']);
    // 党龄 ≥ 20: full members since 2006-11-22 or earlier
    expect((await api('roster.search', { standing: { min: 20 } })).rows.map((r) => r.name).sort()).toEqual([
      '张三',
      '李四',
    ]);
    expect((await api('roster.search', { standing: { max: 9 } })).rows.map((r) => r.name)).toEqual([]);
    expect((await api('roster.search', { standing: { min: 10, max: 10 } })).rows.map((r) => r.name)).toEqual([
      '张珊珊',
    ]);
    expect((await api('roster.search', { standing: { max: 13 } })).rows.map((r) => r.name).sort()).toEqual([
      '单雄信',
      '张珊珊',
    ]);
    expect((await api('roster.search', { age: { min: 30, max: 40 } })).rows.map((r) => r.name).sort()).toEqual([
      '单雄信',
      '张珊珊',
    ]);
    expect((await api('roster.search', { genders: ['female'] })).counts.total).toBe(2);
  });

  it('sorts by pinyin and by 党龄, and pages without shuffling', async () => {
    const { api } = await roster();
    expect((await api('roster.search', { sort: { field: 'name', direction: 'asc' } })).rows.map((r) => r.name)).toEqual(
      ['李四', '单雄信', '王五', '张三', '张珊珊'],
    );
    expect(
      (await api('roster.search', { sort: { field: 'partyStanding', direction: 'desc' } })).rows.map((r) => r.name),
    ).toEqual(['李四', '张三', '单雄信', '张珊珊', '王五']);
    const first = await api('roster.search', { sort: { field: 'name', direction: 'asc' }, limit: 2 });
    const second = await api('roster.search', { sort: { field: 'name', direction: 'asc' }, limit: 2, offset: 2 });
    expect([...first.rows, ...second.rows].map((r) => r.name)).toEqual(['李四', '单雄信', '王五', '张三']);
    expect(first.counts.total).toBe(5);
  });
});
