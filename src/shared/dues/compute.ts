import { formatChineseDate, type IsoDate } from '../dates';
import { fen, formatExactYuan, formatYuan, type Fen } from './money';
import { formatMonth, type Month } from './months';
import {
  BASE_LABEL,
  bracketOf,
  bracketsFor,
  CATEGORY_KIND,
  describeBracket,
  DUES_CATEGORY_LABEL,
  formatRate,
  ruleSetFor,
  type DuesCategory,
  type DuesRuleSet,
  type FlatCategory,
} from './rules';

/* ---------- rounding (reference §1.10: no national rule, so an organ setting) ---------- */

export type RoundingUnit = 'fen' | 'jiao' | 'yuan';
export type RoundingMode = 'halfUp' | 'up';
export interface Rounding {
  unit: RoundingUnit;
  mode: RoundingMode;
}

export const DEFAULT_ROUNDING: Rounding = { unit: 'fen', mode: 'halfUp' };
export const ROUNDING_UNIT_FEN: Record<RoundingUnit, number> = { fen: 1, jiao: 10, yuan: 100 };
export const ROUNDING_UNIT_LABEL: Record<RoundingUnit, string> = { fen: '分', jiao: '角', yuan: '元' };
export const ROUNDING_MODE_LABEL: Record<RoundingMode, string> = { halfUp: '四舍五入', up: '只入不舍' };

export function describeRounding(r: Rounding): string {
  return `${ROUNDING_MODE_LABEL[r.mode]}到${ROUNDING_UNIT_LABEL[r.unit]}`;
}

/**
 * Rounds the exact amount `numerator / denominator` fen to the rounding unit, exactly: integer
 * arithmetic only. Half-up takes a value exactly halfway up; "up" takes anything above a whole
 * unit to the next one.
 */
export function roundExact(numerator: bigint, denominator: bigint, rounding: Rounding): Fen {
  if (numerator < 0n || denominator <= 0n) throw new RangeError('amounts are not negative');
  const step = denominator * BigInt(ROUNDING_UNIT_FEN[rounding.unit]);
  const units = rounding.mode === 'halfUp' ? (2n * numerator + step) / (2n * step) : (numerator + step - 1n) / step;
  return fen(Number(units * BigInt(ROUNDING_UNIT_FEN[rounding.unit])));
}

/* ---------- the monthly amount and its working ---------- */

/** "2017年规范党费工作通知（2017年1月起）": how a working names the rule set it used. */
export function ruleSetLabel(set: Pick<DuesRuleSet, 'name' | 'effectiveFrom'>): string {
  return `${set.name}（${formatMonth(set.effectiveFrom)}起）`;
}

/** Who approved a reduction or exemption for a member in hardship (2008 art. 7). */
export interface Approval {
  /** 上一级党委, e.g. "中共某某局机关委员会". */
  body: string;
  documentNo: string | null;
  on: IsoDate;
}

/** What a person decides about a member's dues; the amount follows from it. */
export interface DuesTerms {
  category: DuesCategory;
  /** The monthly base, for the percentage categories. */
  baseFen: number | null;
  /** 农民: the amount chosen between the limits; 困难: the approved amount, 0 for exemption. */
  chosenFen: number | null;
  /** The member chooses to pay the computed amount although it is above the monthly cap. */
  aboveCap: boolean;
  /** 困难 only: the superior's approval. */
  approval: Approval | null;
}

export interface CalcSettings {
  rounding: Rounding;
  /** Whether the 1000-yuan guidance also caps a 年薪制 month (UNCONFIRMED, reference §1.4). */
  capAppliesToAnnualSalary: boolean;
}

export const DEFAULT_CALC_SETTINGS: CalcSettings = { rounding: DEFAULT_ROUNDING, capAppliesToAnnualSalary: true };

export interface DuesAmount {
  ok: true;
  amountFen: Fen;
  ruleSetId: string;
  /** The first month of that set: with the id, what an assessment records. */
  ruleSetFrom: Month;
  /** The rate applied, for the percentage categories. */
  rateBp: number | null;
  /** The bracket the base falls in, in words. */
  bracket: string | null;
  /** The unrounded product in 元 ("31.2345"), for the percentage categories. */
  exactYuan: string | null;
  /** The product after rounding, before any cap. */
  computedFen: Fen | null;
  capped: boolean;
  /** One line a person can check with a calculator: "基数 6,300.00 元 × 1.5% = 94.50 元". */
  explanation: string;
  /** The standard as the ledger prints it: "1.5%", "0.20元/月", "免交". */
  standard: string;
}

export interface DuesProblem {
  ok: false;
  field: 'baseFen' | 'chosenFen' | 'approval' | 'category';
  message: string;
}

/** The largest base accepted: a monthly income of 10,000,000 元 is already far beyond any payroll. */
export const MAX_BASE_FEN = 1_000_000_000;

function problem(field: DuesProblem['field'], message: string): DuesProblem {
  return { ok: false, field, message };
}

function flatAmount(fenValue: number): string {
  return `${formatYuan(fenValue)}元/月`;
}

/**
 * A member's monthly dues in `month` under the rule set then in force. Pure and exact; the
 * explanation is what the 核定表 prints beside the amount.
 */
export function calculateDues(
  terms: DuesTerms,
  month: Month,
  settings: CalcSettings,
  table: readonly DuesRuleSet[],
): DuesAmount | DuesProblem {
  const set = ruleSetFor(month, table);
  const label = DUES_CATEGORY_LABEL[terms.category];
  // Rates change by new rule sets, so every amount taken from the table says which one it used (an
  // approved hardship amount is the superior's, not the table's).
  const byRules = `按${ruleSetLabel(set)}，`;
  const base = {
    ruleSetId: set.id,
    ruleSetFrom: set.effectiveFrom,
    rateBp: null,
    bracket: null,
    exactYuan: null,
    computedFen: null,
    capped: false,
  } as const;

  switch (CATEGORY_KIND[terms.category]) {
    case 'flat': {
      const amount = set.flatFen[terms.category as FlatCategory];
      return {
        ok: true,
        ...base,
        amountFen: fen(amount),
        standard: flatAmount(amount),
        explanation: `${byRules}${label}党员每月交纳党费 ${formatYuan(amount)} 元（定额）`,
      };
    }
    case 'chosen': {
      const { min, max } = set.farmerFen;
      const amount = terms.chosenFen ?? min;
      if (!Number.isSafeInteger(amount) || amount < min || amount > max) {
        return problem(
          'chosenFen',
          `农民党员每月交纳 ${formatYuan(min)} 元至 ${formatYuan(max)} 元，这里是 ${Number.isSafeInteger(amount) ? formatYuan(amount) : String(amount)} 元`,
        );
      }
      return {
        ok: true,
        ...base,
        amountFen: fen(amount),
        standard: flatAmount(amount),
        explanation: `${byRules}农民党员每月交纳党费 ${formatYuan(amount)} 元（标准为每月 ${formatYuan(min)} 元至 ${formatYuan(max)} 元）`,
      };
    }
    case 'approved': {
      const a = terms.approval;
      if (!a || !a.body.trim() || !a.on)
        return problem(
          'approval',
          '困难党员少交或免交党费，须经支部研究并报上一级党委批准；请填写批准的党组织和批准日期',
        );
      const amount = terms.chosenFen;
      if (amount === null || !Number.isSafeInteger(amount) || amount < 0)
        return problem('chosenFen', '请填写批准后每月交纳的金额（免交填 0）');
      const by = `经${a.body}${a.documentNo ? `（${a.documentNo}）` : ''}于${formatChineseDate(a.on)}批准`;
      return {
        ok: true,
        ...base,
        amountFen: fen(amount),
        standard: amount === 0 ? '免交' : flatAmount(amount),
        explanation: amount === 0 ? `困难党员，${by}免交党费` : `困难党员，${by}每月少交为 ${formatYuan(amount)} 元`,
      };
    }
    case 'percentage': {
      const baseFen = terms.baseFen;
      if (baseFen === null || baseFen === undefined)
        return problem('baseFen', `${label}党员须填写${BASE_LABEL[terms.category] ?? '基数'}`);
      if (!Number.isSafeInteger(baseFen) || baseFen < 0) return problem('baseFen', '基数应为不小于 0 的金额');
      if (baseFen > MAX_BASE_FEN) return problem('baseFen', `基数 ${formatYuan(baseFen)} 元过大，请核对`);
      const { bracket, lowerFen } = bracketOf(baseFen, bracketsFor(terms.category, set));
      const numerator = BigInt(baseFen) * BigInt(bracket.rateBp);
      const denominator = 10_000n;
      const computed = roundExact(numerator, denominator, settings.rounding);
      const exact = formatExactYuan(numerator, denominator);
      const rate = formatRate(bracket.rateBp);
      let explanation = `${byRules}基数 ${formatYuan(baseFen)} 元 × ${rate} = ${exact} 元`;
      if (numerator !== BigInt(computed) * denominator)
        explanation += `，${describeRounding(settings.rounding)}为 ${formatYuan(computed)} 元`;

      const cap = set.monthlyCapFen;
      const capApplies = cap !== null && (terms.category !== 'annualSalary' || settings.capAppliesToAnnualSalary);
      let amount: number = computed;
      let capped = false;
      if (capApplies && computed > cap) {
        if (terms.aboveCap) {
          explanation += `（本人自愿按计算额交纳，高于每月 ${formatYuan(cap)} 元的一般标准）`;
        } else {
          amount = cap;
          capped = true;
          explanation += `，高于每月 ${formatYuan(cap)} 元的一般标准，按 ${formatYuan(cap)} 元核定（本人自愿多交的不限）`;
        }
      }
      return {
        ok: true,
        ruleSetId: set.id,
        ruleSetFrom: set.effectiveFrom,
        amountFen: fen(amount),
        rateBp: bracket.rateBp,
        bracket: describeBracket(bracket, lowerFen),
        exactYuan: exact,
        computedFen: computed,
        capped,
        standard: rate,
        explanation,
      };
    }
  }
}
