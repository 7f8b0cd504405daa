import { describe, expect, it } from 'vitest';
import type { Channel } from '../../src/shared/contract';
import { seedOfficeYear } from '../support/office-year';
import { tempWorkspace } from '../support/temp-workspace';

describe('工作台 statistics', () => {
  it('counts the membership as the roster judges it, and the year’s 党费 as 收缴登记 records it', async () => {
    const today = '2026-11-20';
    const t = tempWorkspace({ today });
    const seeded = await seedOfficeYear((channel, input) => t.api(channel as Channel, input as never), today);

    const s = await t.api('stats.membership', {});
    expect(s).toMatchObject({ total: 40, full: 38, probationary: 2 });
    expect(s.male + s.female).toBe(40);
    expect(s.ages.reduce((n, a) => n + a.count, 0)).toBe(40);
    expect(s.standing.reduce((n, a) => n + a.count, 0)).toBe(38);
    expect(s.education.map((e) => e.label)).toEqual(['研究生', '大学本科', '大学专科', '中专及以下']);
    expect(s.ethnicity[0]).toMatchObject({ label: '汉族' });
    expect(s.minority).toBe(s.ethnicity.filter((e) => e.label !== '汉族').reduce((n, e) => n + e.count, 0));
    expect(s.branches.map((b) => [b.name, b.full + b.probationary])).toEqual([
      ['机关第一党支部', 18],
      ['机关第二党支部', 14],
      ['离退休干部党支部', 8],
    ]);
    // The roster's own filter gives the same 35岁及以下.
    const young = await t.api('roster.search', { age: { max: 35 }, limit: 1 });
    expect(s.youth).toBe(young.counts.total);

    const d = await t.api('stats.dues', {});
    expect(d).toMatchObject({ month: '2026-11', year: 2026, assessed: true });
    // Four behind: the four named are this month's unpaid, and no one else.
    const behind = [3, 11, 20, 35].map((i) => seeded.memberIds[i]!);
    expect(d.unpaid.map((u) => u.memberId).sort()).toEqual([...behind].sort());
    expect(d.thisMonth).toMatchObject({ owed: d.thisMonth.paid + 4 });
    expect(d.thisYear.owed - d.thisYear.paid).toBe(4 + 2 + 1 + 1);
    expect(d.thisYear.rate).toBeLessThan(1000);
    expect(d.thisYear.rate).toBeGreaterThan(950);
    // 收缴率 is what was collected against what was due, in per mille.
    expect(d.thisYear.rate).toBe(Math.round((d.thisYear.collectedFen * 1000) / d.thisYear.dueFen));
  }, 120_000);
});
