import type { OrgUnitKind } from '../../../shared/org';

/*
 * The 党支部 a roster row names, as offices write it: "第二党支部", or a path through the
 * organisation — "第一党总支/第二党支部", "机关党委/第三党支部", "第一党支部/第一党小组". Each
 * part's kind comes from its ending, as the names themselves say (党总支, 党小组; anything else
 * under a 总支 or the 党委 is a 支部: "离退休支部", "机关一支部"). The committee at the top may be
 * written or left out.
 */

export interface UnitPath {
  generalBranch: string | null;
  branch: string;
  partyGroup: string | null;
}

/** Names compared as offices mean them: spaces and bracket widths do not make another unit. */
export function normaliseUnitName(text: string): string {
  return text.replace(/\s+/g, '').replace(/（/g, '(').replace(/）/g, ')');
}

export function unitKindOfName(name: string): OrgUnitKind {
  if (/(党委|委员会|工委)$/.test(name)) return 'committee';
  if (/(总支|总支部|党总支|总支委员会)$/.test(name)) return 'generalBranch';
  if (/小组$/.test(name)) return 'partyGroup';
  return 'branch';
}

/** The path a cell names, or a refusal saying what the office should write instead. */
export function parseUnitPath(text: string): { ok: true; path: UnitPath } | { ok: false; message: string } {
  const parts = text
    .split(/[/／\\＼>＞→]+/)
    .map(normaliseUnitName)
    .filter(Boolean);
  while (parts.length > 1 && unitKindOfName(parts[0]!) === 'committee') parts.shift();
  const kinds = parts.map(unitKindOfName);
  const shape = kinds.join('/');
  const refuse = {
    ok: false as const,
    message: `无法识别“${text}”所指的党支部：应写党支部名称，或“党总支/党支部”“党支部/党小组”`,
  };
  switch (shape) {
    case 'branch':
      return { ok: true, path: { generalBranch: null, branch: parts[0]!, partyGroup: null } };
    case 'generalBranch/branch':
      return { ok: true, path: { generalBranch: parts[0]!, branch: parts[1]!, partyGroup: null } };
    case 'branch/partyGroup':
      return { ok: true, path: { generalBranch: null, branch: parts[0]!, partyGroup: parts[1]! } };
    case 'generalBranch/branch/partyGroup':
      return { ok: true, path: { generalBranch: parts[0]!, branch: parts[1]!, partyGroup: parts[2]! } };
    case 'generalBranch':
      return {
        ok: false,
        message: `“${text}”是党总支，党员应编入其下的党支部：请写作“${parts[0]}/某某党支部”`,
      };
    default:
      return refuse;
  }
}

const NUMERALS: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10 };

/** 十二 → 12, 二十 → 20, 三十五 → 35: the numbers branch names carry. */
function chineseNumber(text: string): string {
  if (text === '十') return '10';
  const m = /^([一二三四五六七八九])?十([一二三四五六七八九])?$/.exec(text);
  if (m) return String((m[1] ? NUMERALS[m[1]]! : 1) * 10 + (m[2] ? NUMERALS[m[2]]! : 0));
  return [...text].map((c) => String(NUMERALS[c] ?? c)).join('');
}

/**
 * What is left of a unit's name when the words every such name carries are taken out and
 * numbers are written one way: 机关第一党支部 and 机关一支部 both leave 机关1, 第3党支部 and
 * 第三党支部 leave 3. Two names with the same core are very likely the same unit written twice.
 */
function core(name: string): string {
  return normaliseUnitName(name)
    .replace(/^中共/, '')
    .replace(/(党总支|总支部|总支|党支部|支部|党小组|小组|委员会)$/, '')
    .replace(/[党第]/g, '')
    .replace(/[一二三四五六七八九十]+/g, chineseNumber)
    .replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .toLowerCase();
}

function bigrams(text: string): string[] {
  const chars = [...text];
  return chars.slice(0, -1).map((c, i) => c + chars[i + 1]);
}

function dice(a: string, b: string): number {
  const x = bigrams(a);
  const y = bigrams(b);
  if (x.length === 0 || y.length === 0) return a === b ? 1 : 0;
  const left = [...y];
  let shared = 0;
  for (const pair of x) {
    const at = left.indexOf(pair);
    if (at >= 0) {
      shared += 1;
      left.splice(at, 1);
    }
  }
  return (2 * shared) / (x.length + y.length);
}

/**
 * Whether a name a workbook gives and a unit the organisation has are near misses — the same
 * unit written another way (机关一支部 / 机关第一党支部), or a slip of one character — which the
 * person should decide about instead of getting a second unit. Never a reason to merge by itself.
 */
export function nearMiss(a: string, b: string): boolean {
  if (normaliseUnitName(a) === normaliseUnitName(b)) return false;
  const x = core(a);
  const y = core(b);
  if (x === y) return true;
  // Numbers tell units apart (第一 and 第二 党支部 are two); otherwise a slip of one character.
  if (x.replace(/\D/g, '') !== y.replace(/\D/g, '')) return false;
  return x.length >= 3 && y.length >= 3 && dice(x, y) >= 0.75;
}
