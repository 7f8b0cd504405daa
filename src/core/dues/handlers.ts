import type { Channel } from '../../shared/contract';
import { calculateDues } from '../../shared/dues/compute';
import { fen } from '../../shared/dues/money';
import { monthOf } from '../../shared/dues/months';
import { RULE_SETS } from '../../shared/dues/rules';
import { calcSettings, DEFAULT_DUES_SETTINGS } from '../../shared/dues/settings';
import { AppError } from '../../shared/errors';
import { safeFileName } from '../documents/service';
import { AnalysisMemo } from '../excel/analysis-memo';
import { writeTableWorkbook } from '../excel/workbook';
import { decodeFile, xlsxFile } from '../files';
import type { Handlers } from '../handler-types';
import { getOrgan } from '../services/organ';
import type { Workspace } from '../workspace';
import { arrearsRows, decideCase } from './arrears';
import {
  adjustTerms,
  assessmentView,
  assessYear,
  listYears,
  lockYear,
  memberAssessmentRow,
  recomputeAllOpenYears,
  setStartMonth,
  setTerms,
  unlockYear,
} from './assessment';
import { collectionView, recordPayments, voidPayment } from './collection';
import { fundsView, listVoluntary, recordFund, recordVoluntary, voidFund, voidVoluntary } from './funds';
import { memberDues } from './member';
import { openingView, setOpening, setOpeningException } from './opening';
import { analysePayroll, commitPayroll, type RoleOverride } from './payroll';
import { REPORT_BUILDERS, toTableSheet } from './reports';
import { addRuleSet, listRuleSets, previewRuleSet, removeRuleSet } from './rule-sets';
import { ruleTable } from './rule-table';
import { getDuesSettings, writeDuesSettings } from './settings';

export type DuesChannel = Extract<Channel, `dues.${string}`>;

/** The dues.* handlers: each a thin call into the dues services, every change in one transaction. */
export function duesHandlers(ws: Workspace): Pick<Handlers, DuesChannel> {
  const db = () => ws.database();
  const today = () => ws.today();
  const tx = <T>(work: () => T): T => db().transaction(work)();
  // The commit right after a preview reuses its reading and checking (issue 20: no reading twice).
  const payroll = new AnalysisMemo(
    (db, fileName, bytes, c: { year: number; roles: RoleOverride | null; today: string }) =>
      analysePayroll(db, c.year, fileName, bytes, c.roles),
  );
  const payrollChoices = (input: { year: number; roles: RoleOverride | null }) => ({
    year: input.year,
    roles: input.roles,
    today: today(),
  });

  return {
    'dues.settings': () => getDuesSettings(db()),
    'dues.updateSettings': (input) =>
      tx(() => {
        writeDuesSettings(db(), input);
        recomputeAllOpenYears(db());
        return getDuesSettings(db());
      }),
    'dues.rate': (input) => {
      // The calculator answers before the first run too, with the default settings.
      const settings = ws.isSetUp() ? getDuesSettings(db()) : DEFAULT_DUES_SETTINGS;
      const result = calculateDues(
        {
          category: input.category,
          baseFen: input.baseFen,
          chosenFen: input.chosenFen,
          aboveCap: false,
          approval: null,
        },
        input.month ?? monthOf(today()),
        calcSettings(settings),
        ws.isSetUp() ? ruleTable(db()) : RULE_SETS,
      );
      if (!result.ok)
        throw new AppError({
          code: 'INVALID_INPUT',
          message: result.message,
          detail: result.message,
          field: result.field,
        });
      return {
        category: input.category,
        baseFen: input.baseFen === null || result.rateBp === null ? null : fen(input.baseFen),
        rate: result.rateBp === null ? null : result.standard,
        rateBasisPoints: result.rateBp,
        amountFen: result.amountFen,
        explanation: result.explanation,
        ruleSet: result.ruleSetId,
        rounding: settings.rounding,
      };
    },
    'dues.ruleSets': () => listRuleSets(db()),
    'dues.previewRuleSet': (input) => previewRuleSet(db(), input.draft, input.sampleBasesFen),
    'dues.addRuleSet': (input) => addRuleSet(db(), input),
    'dues.removeRuleSet': (input) => ws.withReason(input.reason, () => removeRuleSet(db(), input.id)),
    'dues.years': () => listYears(db()),
    'dues.assessment': (input) => assessmentView(db(), input.year, input.branchId, today()),
    'dues.assess': (input) => assessYear(db(), input.year),
    'dues.setTerms': (input) => {
      tx(() => setTerms(db(), input));
      return memberAssessmentRow(db(), input.year, input.memberId, today());
    },
    'dues.setStart': (input) => {
      ws.withReason(input.reason, () => tx(() => setStartMonth(db(), input)));
      return memberAssessmentRow(db(), input.year, input.memberId, today());
    },
    'dues.lock': (input) => lockYear(db(), input.year, today(), ws.actor),
    'dues.unlock': (input) => {
      ws.withReason(input.reason, () => unlockYear(db(), input.year));
      return { unlocked: true };
    },
    'dues.adjust': (input) => {
      const { paidMonthsKept } = ws.withReason(input.reason, () => tx(() => adjustTerms(db(), input)));
      return { row: memberAssessmentRow(db(), input.year, input.memberId, today()), paidMonthsKept };
    },
    'dues.payrollPreview': async (input) =>
      (await payroll.analyse(db(), input.file.fileName, decodeFile(input.file), payrollChoices(input))).preview,
    'dues.payrollCommit': async (input) => {
      const analysis = await payroll.analyse(db(), input.file.fileName, decodeFile(input.file), payrollChoices(input));
      const result = ws.withReason(`导入工资表“${input.file.fileName}”`, () =>
        commitPayroll(db(), input.year, analysis, input.skipRows, input.rememberRoles),
      );
      payroll.forget();
      return result;
    },
    'dues.collection': (input) => collectionView(db(), input.month, input.branchId, today()),
    'dues.recordPayments': (input) => recordPayments(db(), input, today()),
    'dues.voidPayment': (input) => {
      ws.withReason(input.reason, () => voidPayment(db(), input.id, input.reason, today()));
      return { voided: true };
    },
    'dues.member': (input) => memberDues(db(), input.memberId, today()),
    'dues.arrears': (input) => arrearsRows(db(), today(), { branchId: input.branchId, minMonths: input.minMonths }),
    'dues.decideCase': (input) => decideCase(db(), input, today()),
    'dues.opening': () => openingView(db()),
    'dues.setOpening': (input) => tx(() => setOpening(db(), input)),
    'dues.setOpeningException': (input) => tx(() => setOpeningException(db(), input)),
    'dues.voluntary': (input) => listVoluntary(db(), { year: input.year }),
    'dues.recordVoluntary': (input) => recordVoluntary(db(), input, today()),
    'dues.voidVoluntary': (input) => {
      ws.withReason(input.reason, () => voidVoluntary(db(), input.id, input.reason, today()));
      return { voided: true };
    },
    'dues.funds': (input) => fundsView(db(), input.year),
    'dues.recordFund': (input) => recordFund(db(), input, today()),
    'dues.voidFund': (input) => {
      ws.withReason(input.reason, () => voidFund(db(), input.id, input.reason, today()));
      return { voided: true };
    },
    'dues.exportReport': async (input) => {
      const model = REPORT_BUILDERS[input.report]({ db: db(), today: today(), organ: getOrgan(db()) }, input.params);
      return xlsxFile(`${safeFileName(model.fileName)}.xlsx`, await writeTableWorkbook([toTableSheet(model)]));
    },
  };
}
