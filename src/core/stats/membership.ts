import type { IsoDate } from '../../shared/dates';
import { EDUCATION_LABEL, type Education } from '../../shared/members/fields';
import type { MembershipStats, Tally } from '../../shared/stats';
import type { Db } from '../db/open';
import { toSummary, unitNames } from '../roster/members';
import { selectMembers } from '../roster/search';
import { getSettings } from '../services/settings';

/** Age bands of the 党员队伍 tables: the young (35岁及以下) split, the rest by decades' halves. */
const AGES: [string, number, number][] = [
  ['30岁及以下', 0, 30],
  ['31—35岁', 31, 35],
  ['36—40岁', 36, 40],
  ['41—45岁', 41, 45],
  ['46—50岁', 46, 50],
  ['51—55岁', 51, 55],
  ['56—60岁', 56, 60],
  ['61岁及以上', 61, 200],
];
const STANDING: [string, number, number][] = [
  ['5年以下', 0, 4],
  ['5—9年', 5, 9],
  ['10—19年', 10, 19],
  ['20—29年', 20, 29],
  ['30—39年', 30, 39],
  ['40—49年', 40, 49],
  ['50年及以上', 50, 1000],
];
/** 学历 as the tables group it: 研究生, 大学本科, 大学专科, 中专及以下. */
const EDUCATION_GROUP: Record<Education, string> = {
  doctorate: '研究生',
  masters: '研究生',
  bachelor: EDUCATION_LABEL.bachelor,
  college: EDUCATION_LABEL.college,
  secondaryVocational: '中专及以下',
  highSchool: '中专及以下',
  juniorOrBelow: '中专及以下',
};
const UNRECORDED = '未填写';

function banded(values: number[], bands: [string, number, number][]): Tally[] {
  return bands.map(([label, min, max]) => ({ label, count: values.filter((v) => v >= min && v <= max).length }));
}

function counted(values: string[], order: string[]): Tally[] {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  const rest = [...counts.keys()].filter((k) => !order.includes(k)).sort((a, b) => counts.get(b)! - counts.get(a)!);
  return [...order, ...rest].filter((k) => counts.has(k)).map((label) => ({ label, count: counts.get(label)! }));
}

/** The current roster (正常 and 停止党籍, as the roster counts), judged as the roster judges each member. */
export function membershipStats(db: Db, today: IsoDate): MembershipStats {
  const names = unitNames(db);
  const convention = getSettings(db).probationEndConvention;
  const members = selectMembers(db, {}, today, null).map((r) => toSummary(r, names, today, convention));
  const full = members.filter((m) => m.category === 'full');
  const branches = new Map<number, { id: number; name: string; full: number; probationary: number }>();
  for (const m of members) {
    const b = branches.get(m.branchId) ?? { id: m.branchId, name: m.branchName, full: 0, probationary: 0 };
    b[m.category] += 1;
    branches.set(m.branchId, b);
  }
  const order = (
    db.prepare(`SELECT id FROM org_unit WHERE dissolved_on IS NULL ORDER BY sort_order, id`).all() as { id: number }[]
  ).map((u) => u.id);
  return {
    asOf: today,
    total: members.length,
    full: full.length,
    probationary: members.length - full.length,
    male: members.filter((m) => m.gender === 'male').length,
    female: members.filter((m) => m.gender === 'female').length,
    youth: members.filter((m) => m.age <= 35).length,
    minority: members.filter((m) => m.ethnicity && m.ethnicity !== '汉族').length,
    ages: banded(
      members.map((m) => m.age),
      AGES,
    ),
    education: counted(
      members.map((m) => (m.education ? EDUCATION_GROUP[m.education] : UNRECORDED)),
      ['研究生', EDUCATION_LABEL.bachelor, EDUCATION_LABEL.college, '中专及以下', UNRECORDED],
    ),
    ethnicity: counted(
      members.map((m) => m.ethnicity ?? UNRECORDED),
      ['汉族'],
    ).sort((a, b) => Number(a.label === UNRECORDED) - Number(b.label === UNRECORDED)),
    standing: banded(
      full.map((m) => m.partyStanding ?? 0),
      STANDING,
    ),
    branches: [...branches.values()].sort((a, b) => order.indexOf(a.id) - order.indexOf(b.id)),
  };
}
