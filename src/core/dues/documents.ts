import type { DocumentParam } from '../../shared/documents';
import { DUES_DOCUMENT_ID, DUES_REPORT_LABEL, type DuesReport, type ReportParams } from '../../shared/dues/views';
import type { DocumentDefinition } from '../documents/registry';
import { REPORT_BUILDERS, toTableDocument, type DuesReportModel } from './reports';

/*
 * The dues reports as documents of the documents engine, so the preview screen, the print
 * buttons and `print dues-…` all find them. Each takes { year?, month?, branchId? }; what is
 * left out defaults from today, and without a branch the report covers the whole organ.
 */

const DESCRIPTION: Record<DuesReport, string> = {
  assessment: '年度核定的月基数、计算过程、月交纳额和本人签字栏（按党支部或全机关）',
  register: '某月每名党员的应交、实交、日期、收据号、代交和补交预交情况，带本人签字栏',
  ledger: '全年台账：月工资收入、执行标准、月应缴、全年应缴、全年实缴',
  notice: '向党员公示的年度收缴情况：姓名和金额，不含收入',
  arrears: '“三清”欠交党费清单：欠交月份、月数、金额和支部处理情况',
  funds: '党费收入、上缴、下拨、支出和结存明细，附应上缴金额和大额党费情况',
};

const YEAR = {
  name: 'year',
  kind: 'year',
  label: '年度',
  required: false,
  default: 'current',
} as const satisfies DocumentParam;
const MONTH = {
  name: 'month',
  kind: 'month',
  label: '月份',
  required: false,
  default: 'current',
} as const satisfies DocumentParam;
const BRANCH = {
  name: 'branchId',
  kind: 'branch',
  label: '党支部',
  required: false,
  default: 'all',
  allLabel: '全机关（各支部合并）',
} as const satisfies DocumentParam;

/** What each report takes (each a part of ReportParams, as the 党费 screens pass them). */
const PARAMS: Record<DuesReport, readonly DocumentParam[]> = {
  assessment: [YEAR, BRANCH],
  register: [MONTH, BRANCH],
  ledger: [YEAR, BRANCH],
  notice: [YEAR, BRANCH],
  arrears: [BRANCH],
  funds: [YEAR],
};

function definition(report: DuesReport): DocumentDefinition<DuesReportModel, ReportParams> {
  return {
    id: DUES_DOCUMENT_ID[report],
    title: DUES_REPORT_LABEL[report],
    kind: 'table',
    description: DESCRIPTION[report],
    params: PARAMS[report],
    load: (ctx, params) => REPORT_BUILDERS[report]({ db: ctx.db(), today: ctx.today, organ: ctx.organ }, params),
    build: (model) => toTableDocument(model),
    fileName: (model) => model.fileName,
  };
}

export const DUES_DOCUMENTS: DocumentDefinition<DuesReportModel, ReportParams>[] = (
  ['assessment', 'register', 'ledger', 'notice', 'arrears', 'funds'] as const
).map(definition);
