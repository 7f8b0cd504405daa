import { formatMonth, type Month } from '../../shared/dues/months';
import {
  compareSamples,
  flatChanges,
  ruleSetFromInput,
  ruleSetProblems,
  setBefore,
  type RuleSetInput,
  type RuleSetPreview,
  type RuleSetView,
} from '../../shared/dues/rule-sets';
import { RULE_SETS, type DuesRuleSet } from '../../shared/dues/rules';
import { calcSettings } from '../../shared/dues/settings';
import { AppError } from '../../shared/errors';
import type { Db } from '../db/open';
import { computeColumns, recomputeAllOpenYears } from './assessment';
import { termsOf, type VersionRow } from './book';
import { ruleTable } from './rule-table';
import { getDuesSettings } from './settings';

/*
 * The office's own rule sets: listed with what binds them, previewed, added from a month after
 * the latest, removed while nothing fixed is bound to them. Assessments record the set they
 * were computed by; locked rows and adjustments never change, drafts follow the table as they
 * follow the settings.
 */

const BUILT_IN = new Set(RULE_SETS.map((s) => s.id));

function refuse(message: string, field?: string): AppError {
  return new AppError({ code: 'RULE_VIOLATION', message, detail: message, ...(field ? { field } : {}) });
}

/** What binds a set: rows that will never be computed again, and money recorded in its months. */
function usage(db: Db, set: DuesRuleSet) {
  const rows = db
    .prepare(
      `SELECT count(*) AS rows,
              ifnull(sum(a.reason IS NOT NULL OR (y.locked_at IS NOT NULL AND a.created_at <= y.locked_at)), 0) AS fixed
         FROM dues_assessment a JOIN dues_year y ON y.year = a.year WHERE a.rule_set = ?`,
    )
    .get(set.id) as { rows: number; fixed: number };
  const payments = (
    db
      .prepare(`SELECT count(*) AS n FROM dues_payment WHERE voided_on IS NULL AND month >= ?`)
      .get(set.effectiveFrom) as { n: number }
  ).n;
  const voluntary = (
    db
      .prepare(`SELECT count(*) AS n FROM dues_voluntary WHERE voided_on IS NULL AND paid_on >= ?`)
      .get(`${set.effectiveFrom}-01`) as { n: number }
  ).n;
  return { drafts: rows.rows - rows.fixed, fixed: rows.fixed, payments, voluntary };
}

function whyKept(set: DuesRuleSet, use: ReturnType<typeof usage>): string | null {
  if (BUILT_IN.has(set.id)) return '程序内置的标准，不能删除';
  if (use.fixed) return `已有 ${use.fixed} 条锁定的核定或调整按此标准计算，不能删除`;
  if (use.payments) return `${formatMonth(set.effectiveFrom)}以后的月份已登记 ${use.payments} 笔党费，不能删除`;
  if (use.voluntary)
    return `${formatMonth(set.effectiveFrom)}以后已登记 ${use.voluntary} 笔自愿多交党费（按此标准判断是否大额），不能删除`;
  return null;
}

export function listRuleSets(db: Db): RuleSetView[] {
  return ruleTable(db)
    .map((set) => {
      const use = usage(db, set);
      return {
        ...set,
        origin: BUILT_IN.has(set.id) ? ('builtIn' as const) : ('office' as const),
        drafts: use.drafts,
        fixed: use.fixed,
        keptBecause: whyKept(set, use),
      };
    })
    .sort((a, b) => b.effectiveFrom.localeCompare(a.effectiveFrom));
}

function requireValid(draft: RuleSetInput, table: readonly DuesRuleSet[]): void {
  const problems = ruleSetProblems(draft, table);
  if (problems.length) {
    throw new AppError({
      code: 'INVALID_INPUT',
      message: problems.map((p) => p.message).join('；'),
      detail: problems.map((p) => `${p.field}: ${p.message}`).join('\n'),
      field: problems[0]!.field,
    });
  }
}

/** Unlocked originals from `from` on, and how many would come out differently under `table`. */
function draftsFrom(db: Db, from: Month, table: readonly DuesRuleSet[]): { count: number; changed: number } {
  const settings = getDuesSettings(db);
  const rows = db
    .prepare(
      `SELECT a.* FROM dues_assessment a JOIN dues_year y ON y.year = a.year
        WHERE a.reason IS NULL AND (y.locked_at IS NULL OR a.created_at > y.locked_at) AND a.effective_from >= ?`,
    )
    .all(from) as VersionRow[];
  let changed = 0;
  for (const row of rows)
    if (computeColumns(termsOf(row), row.effective_from, settings, table).amount_fen !== row.amount_fen) changed += 1;
  return { count: rows.length, changed };
}

/** What adding the set would do: sample bases before and after, other amounts that change, drafts recomputed; nothing is written. */
export function previewRuleSet(db: Db, draft: RuleSetInput, extraBases: readonly number[]): RuleSetPreview {
  const table = ruleTable(db);
  const problems = ruleSetProblems(draft, table);
  const before = setBefore(draft.effectiveFrom, table);
  const after = ruleSetFromInput(draft);
  const settings = calcSettings(getDuesSettings(db));
  // Brackets that are out of order cannot be computed; the problems say why.
  const computable = !problems.some((p) => p.field.includes('Brackets'));
  return {
    replaces: { id: before.id, name: before.name, effectiveFrom: before.effectiveFrom },
    samples: computable ? compareSamples(before, after, extraBases, settings) : [],
    changes: flatChanges(before, after),
    openRows: {
      from: draft.effectiveFrom,
      ...(computable && !problems.length
        ? draftsFrom(db, draft.effectiveFrom, [...table, after])
        : { count: 0, changed: 0 }),
    },
    problems,
  };
}

/** Adds a set from its first month on; drafts from then on are computed by it, locked rows keep theirs. */
export function addRuleSet(db: Db, draft: RuleSetInput): RuleSetView[] {
  return db.transaction(() => {
    requireValid(draft, ruleTable(db));
    const set = ruleSetFromInput(draft);
    db.prepare(
      `INSERT INTO dues_rule_set (effective_from, name, basis, employed_brackets, retired_brackets, flat_fen, farmer_min_fen, farmer_max_fen,
         monthly_cap_fen, large_voluntary_fen, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      set.effectiveFrom,
      set.name,
      set.basis,
      JSON.stringify(set.employedBrackets),
      JSON.stringify(set.retiredBrackets),
      JSON.stringify(set.flatFen),
      set.farmerFen.min,
      set.farmerFen.max,
      set.monthlyCapFen,
      set.largeVoluntaryFen,
      new Date().toISOString(),
    );
    recomputeAllOpenYears(db);
    return listRuleSets(db);
  })();
}

/** Removes a set the office added, while nothing fixed is bound to it; drafts that used it go back to the set before. */
export function removeRuleSet(db: Db, id: string): RuleSetView[] {
  return db.transaction(() => {
    const set = ruleTable(db).find((s) => s.id === id);
    if (!set)
      throw new AppError({
        code: 'NOT_FOUND',
        message: `找不到编号为“${id}”的党费标准。`,
        detail: `no rule set ${id}`,
        field: 'id',
      });
    const kept = whyKept(set, usage(db, set));
    if (kept) throw refuse(`“${set.name}”${kept}。`, 'id');
    db.prepare(`DELETE FROM dues_rule_set WHERE effective_from = ?`).run(set.effectiveFrom);
    recomputeAllOpenYears(db);
    return listRuleSets(db);
  })();
}
