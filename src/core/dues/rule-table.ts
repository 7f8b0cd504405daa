import type { Month } from '../../shared/dues/months';
import { RULE_SETS, type Bracket, type DuesRuleSet, type FlatCategory } from '../../shared/dues/rules';
import type { Db } from '../db/open';

/*
 * The rule table as the dues services use it: the sets shipped with the app, then those the
 * office added (dues_rule_set), in order of their first month.
 */

interface RuleSetRow {
  effective_from: Month;
  name: string;
  basis: string;
  employed_brackets: string;
  retired_brackets: string;
  flat_fen: string;
  farmer_min_fen: number;
  farmer_max_fen: number;
  monthly_cap_fen: number | null;
  large_voluntary_fen: number;
}

function fromRow(r: RuleSetRow): DuesRuleSet {
  return {
    id: r.effective_from,
    name: r.name,
    effectiveFrom: r.effective_from,
    basis: r.basis,
    employedBrackets: JSON.parse(r.employed_brackets) as Bracket[],
    retiredBrackets: JSON.parse(r.retired_brackets) as Bracket[],
    flatFen: JSON.parse(r.flat_fen) as Record<FlatCategory, number>,
    farmerFen: { min: r.farmer_min_fen, max: r.farmer_max_fen },
    monthlyCapFen: r.monthly_cap_fen,
    largeVoluntaryFen: r.large_voluntary_fen,
  };
}

export function officeRuleSets(db: Db): DuesRuleSet[] {
  return (db.prepare(`SELECT * FROM dues_rule_set ORDER BY effective_from`).all() as RuleSetRow[]).map(fromRow);
}

/** Every set in force at some time: the shipped ones, then the office's. */
export function ruleTable(db: Db): readonly DuesRuleSet[] {
  return [...RULE_SETS, ...officeRuleSets(db)];
}
