import type { Organ } from '../../shared/contract';
import { addDays, formatChineseDate, type IsoDate } from '../../shared/dates';
import { ARREARS_LEVEL_LABEL, lastEndedMonth, PAYMENT_TIMING_LABEL } from '../../shared/dues/arrears';
import { describeRounding } from '../../shared/dues/compute';
import { formatYuan, sumFen } from '../../shared/dues/money';
import { formatMonth, formatMonthList, monthOf, monthsOfYear, yearOfMonth, type Month } from '../../shared/dues/months';
import { ruleSetNote } from '../../shared/dues/rule-sets';
import {
  BASE_LABEL,
  CATEGORY_KIND,
  DUES_CATEGORY_LABEL,
  formatRate,
  ruleSetsInYear,
  type DuesRuleSet,
} from '../../shared/dues/rules';
import {
  BASE_SOURCE_LABEL,
  CASE_DECISION_LABEL,
  DUES_REPORT_LABEL,
  PURPOSE_SHORT,
  type DuesReport,
  type ReportParams,
  type TermsVersion,
} from '../../shared/dues/views';
import { AppError } from '../../shared/errors';
import type { Db } from '../db/open';
import type { TableColumn, TableDocument } from '../documents/model';
import type { SheetColumn, TableSheet } from '../excel/workbook';
import { arrearsRows } from './arrears';
import { assessmentView, getYear } from './assessment';
import { DuesBook, versionView } from './book';
import { collectionView } from './collection';
import { ruleTable } from './rule-table';
import { getDuesSettings } from './settings';
import { fundsView, listVoluntary } from './funds';

/*
 * The dues reports, each one model rendered two ways: a table document for the documents
 * engine (preview, PDF, Word) and a worksheet for Excel. Money stays in 分 in the model; the
 * document shows "6,300.00", the worksheet a number with two decimals.
 */

export type ReportCell = string | number | { fen: number } | null;

export interface ReportColumn {
  header: string;
  width: number;
  align?: 'left' | 'center' | 'right';
  money?: boolean;
}

export interface DuesReportModel {
  report: DuesReport;
  title: string;
  fileName: string;
  sheetName: string;
  orientation: 'portrait' | 'landscape';
  captionLeft: string;
  captionRight: string;
  columns: ReportColumn[];
  rows: ReportCell[][];
  totals?: ReportCell[];
  notes?: string[];
  signatures?: string[] | false;
  /** 落款: the organ and the date, under the notes (the 公示). */
  closing?: { organ: string; date: IsoDate };
  author: string;
}

export interface ReportContext {
  db: Db;
  today: IsoDate;
  organ: Organ | null;
}

const money = (f: number | null | undefined): ReportCell => (f === null || f === undefined ? null : { fen: f });

function cellText(cell: ReportCell, column: ReportColumn): string {
  if (cell === null) return '';
  if (typeof cell === 'object') return formatYuan(cell.fen);
  if (typeof cell === 'number') return column.money ? formatYuan(cell) : String(cell);
  return cell;
}

/** Every row and the totals have one cell per column: a report that does not is a programming error. */
function checkShape(model: DuesReportModel): void {
  const width = model.columns.length;
  const bad = [...model.rows, ...(model.totals ? [model.totals] : [])].find((r) => r.length !== width);
  if (bad) throw new Error(`${model.report}: a row has ${bad.length} cells for ${width} columns`);
}

export function toTableDocument(model: DuesReportModel): TableDocument {
  checkShape(model);
  const columns: TableColumn[] = model.columns.map((c) => ({
    header: c.header,
    width: c.width,
    align: c.align ?? (c.money ? 'right' : 'left'),
  }));
  return {
    kind: 'table',
    title: model.title,
    orientation: model.orientation,
    captionLeft: model.captionLeft,
    captionRight: model.captionRight,
    columns,
    rows: model.rows.map((r) => r.map((cell, i) => cellText(cell, model.columns[i]!))),
    ...(model.totals ? { totals: model.totals.map((cell, i) => cellText(cell, model.columns[i]!)) } : {}),
    ...(model.notes?.length ? { notes: model.notes } : {}),
    ...(model.signatures !== undefined ? { signatures: model.signatures } : {}),
    ...(model.closing ? { closing: model.closing } : {}),
    fontSize: model.columns.length > 8 ? 'small' : 'normal',
    author: model.author,
  };
}

/** Amounts go into Excel as numbers of 元 with two decimals, so that they can be summed there. */
function sheetCell(cell: ReportCell): string | number | null {
  if (cell === null) return null;
  if (typeof cell === 'object') return cell.fen / 100;
  return cell;
}

export function toTableSheet(model: DuesReportModel): TableSheet {
  checkShape(model);
  const columns: SheetColumn[] = model.columns.map((c) => ({
    header: c.header,
    width: Math.max(6, Math.round(c.width * 1.6)),
    ...(c.money ? { numFmt: '#,##0.00' } : {}),
  }));
  const signatures = model.signatures === false ? [] : (model.signatures ?? ['经办人', '负责人', '日期']);
  return {
    name: model.sheetName,
    title: model.title,
    subtitle: [model.captionLeft, model.captionRight].filter(Boolean).join('　　'),
    columns,
    rows: [...model.rows, ...(model.totals ? [model.totals] : [])].map((r) => r.map(sheetCell)),
    footer: [
      ...(model.notes ?? []),
      ...(signatures.length
        ? [signatures.map((s) => (s === '日期' ? `${s}：　　年　　月　　日` : `${s}：`)).join('　　　　　　')]
        : []),
    ],
  };
}

/* ---------- shared pieces ---------- */

function branchName(db: Db, branchId: number | undefined): string | null {
  if (branchId === undefined) return null;
  const row = db.prepare(`SELECT name, kind FROM org_unit WHERE id = ?`).get(branchId) as
    { name: string; kind: string } | undefined;
  if (!row || row.kind !== 'branch')
    throw new AppError({
      code: 'NOT_FOUND',
      message: `找不到编号为 ${branchId} 的党支部。`,
      detail: 'no branch',
      field: 'branchId',
    });
  return row.name;
}

function scope(ctx: ReportContext, params: ReportParams) {
  const branch = branchName(ctx.db, params.branchId);
  const committee = ctx.organ?.committeeName ?? '';
  return { branch, unit: branch ?? committee, all: branch === null, committee };
}

const yearOf = (ctx: ReportContext, params: ReportParams) =>
  params.year ?? (params.month ? yearOfMonth(params.month) : Number(ctx.today.slice(0, 4)));

function versionNote(versions: TermsVersion[]): string {
  return versions
    .filter((v) => v.reason)
    .map(
      (v) =>
        `${formatMonth(v.effectiveFrom)}起调整为每月${v.amountFen === null ? '—' : formatYuan(v.amountFen)}元（${v.reason}）`,
    )
    .join('；');
}

/* ---------- 党费核定表 ---------- */

export function assessmentReport(ctx: ReportContext, params: ReportParams): DuesReportModel {
  const year = yearOf(ctx, params);
  const s = scope(ctx, params);
  const view = assessmentView(ctx.db, year, params.branchId ?? null, ctx.today);
  if (!view.exists)
    throw new AppError({
      code: 'NOT_FOUND',
      message: `${year}年度尚未核定党费。`,
      detail: 'no dues year',
      field: 'year',
    });
  const sets = ruleSetsInYear(year, ruleTable(ctx.db));
  // A set that starts within the year is named with its month; a year under one set reads as before.
  const from = (set: DuesRuleSet) => (sets.length > 1 ? `${formatMonth(set.effectiveFrom)}起按“${set.name}”：` : '');
  const rows = view.rows.map((r, i) => {
    const original = r.versions[0]!;
    const t = original.terms;
    const base = CATEGORY_KIND[t.category] === 'percentage' && t.baseFen !== null ? money(t.baseFen) : null;
    const notes = [
      r.startMonth !== `${year}-01` ? `${formatMonth(r.startMonth)}起交` : '',
      r.endMonth ? `交至${formatMonth(r.endMonth)}` : '',
      original.baseSource && original.baseSource !== 'typed' ? `基数${BASE_SOURCE_LABEL[original.baseSource]}` : '',
      versionNote(r.versions),
      original.note ?? '',
    ].filter(Boolean);
    return [
      i + 1,
      ...(s.all ? [r.branchName] : []),
      r.name,
      DUES_CATEGORY_LABEL[t.category],
      base,
      original.explanation ?? original.problem ?? '',
      money(original.amountFen),
      notes.join('；'),
      '',
    ];
  });
  const columns: ReportColumn[] = [
    { header: '序号', width: 4, align: 'center' },
    ...(s.all ? [{ header: '党支部', width: 10 }] : []),
    { header: '姓名', width: 6, align: 'center' as const },
    { header: '类别', width: 5, align: 'center' as const },
    { header: '月基数（元）', width: 8, money: true },
    { header: '计算过程（含未取整值）', width: 30 },
    { header: '月交纳额（元）', width: 8, money: true },
    { header: '备注', width: 14 },
    { header: '本人签字', width: 7 },
  ];
  const lead = s.all ? 3 : 2;
  return {
    report: 'assessment',
    title: `${s.unit}${year}年度党费核定表`,
    fileName: `${s.unit}${year}年度党费核定表`,
    sheetName: `${year}年度党费核定`,
    orientation: 'landscape',
    captionLeft: `党组织：${s.unit}`,
    captionRight: view.locked ? `核定日期：${formatChineseDate(view.locked.on)}` : '核定状态：未锁定（草稿）',
    columns,
    rows,
    totals: [
      '合计',
      ...Array(lead - 2).fill(''),
      `${view.rows.length}人`,
      '',
      null,
      '',
      money(view.totals.monthlyFen),
      '',
      '',
    ],
    notes: [
      `核定依据：${[...new Set(sets.map((s) => s.basis))].join('；')}。`,
      ...sets.map((s) => `${from(s)}${ruleSetNote(s)}`),
      `计算结果${describeRounding(view.rounding)}。年度内一般不作调整，确需调整的在备注中注明起始月份和原因。`,
    ],
    signatures: ['经办人', '支部书记', '日期'],
    author: s.committee,
  };
}

/* ---------- 党费收缴登记表（按月） ---------- */

export function registerReport(ctx: ReportContext, params: ReportParams): DuesReportModel {
  const month = params.month ?? (params.year ? `${params.year}-${ctx.today.slice(5, 7)}` : monthOf(ctx.today));
  const s = scope(ctx, params);
  const view = collectionView(ctx.db, month, params.branchId ?? null, ctx.today);
  if (!view.assessed)
    throw new AppError({
      code: 'NOT_FOUND',
      message: `${yearOfMonth(month)}年度尚未核定党费，没有可登记的收缴。`,
      detail: 'no dues year',
      field: 'month',
    });
  const rows = view.rows.map((r, i) => {
    const p = r.payment;
    const how = p
      ? [p.paidBy ? `${p.paidBy}代交` : '本人交纳', p.timing !== 'regular' ? `${PAYMENT_TIMING_LABEL[p.timing]}` : '']
          .filter(Boolean)
          .join('，')
      : r.dueFen === 0
        ? '免交'
        : '未交';
    return [
      i + 1,
      ...(s.all ? [r.branchName] : []),
      r.name,
      money(r.dueFen),
      money(p?.paidFen),
      p ? formatChineseDate(p.paidOn).replace(/^\d+年/, '') : '',
      p?.receiptNo ?? '',
      how,
      p?.reason ?? p?.note ?? '',
      '',
    ];
  });
  const lead = s.all ? 3 : 2;
  return {
    report: 'register',
    title: `${s.unit}党费收缴登记表`,
    fileName: `${s.unit}${formatMonth(month)}党费收缴登记表`,
    sheetName: `${formatMonth(month)}收缴`,
    orientation: 'landscape',
    captionLeft: `党组织：${s.unit}`,
    captionRight: `所属月份：${formatMonth(month)}`,
    columns: [
      { header: '序号', width: 4, align: 'center' },
      ...(s.all ? [{ header: '党支部', width: 10 }] : []),
      { header: '姓名', width: 7, align: 'center' as const },
      { header: '应交（元）', width: 7, money: true },
      { header: '实交（元）', width: 7, money: true },
      { header: '交纳日期', width: 7, align: 'center' as const },
      { header: '收据号', width: 8, align: 'center' as const },
      { header: '交纳情况', width: 10, align: 'center' as const },
      { header: '备注', width: 14 },
      { header: '本人签字', width: 8 },
    ],
    rows,
    totals: [
      '合计',
      ...Array(lead - 2).fill(''),
      `${view.totals.members}人`,
      money(view.totals.dueFen),
      money(view.totals.paidFen),
      '',
      '',
      `已交${view.totals.paid}人，未交${view.totals.unpaid}人`,
      '',
      '',
    ],
    notes: ['说明：实交与应交不同的，在备注中注明原因；代交的注明代交人；补交、预交的注明所属月份。'],
    signatures: ['收缴人', '支部书记', '日期'],
    author: s.committee,
  };
}

/* ---------- 年度台账与公示 ---------- */

interface YearLine {
  memberId: number;
  name: string;
  branchName: string;
  baseFen: number | null;
  standard: string;
  monthlyFen: number | null;
  dueMonths: number;
  yearDueFen: number | null;
  paidFen: number;
  unpaidEnded: Month[];
  /** Unpaid here but before the opening (启用前): kept on paper. */
  beforeOpening: Month[];
  voluntaryFen: number;
  largeFen: number;
  adjustments: string;
}

/** One line per member for the year: what was owed by the terms, what was paid for the year's months. */
export function yearLines(db: Db, year: number, branchId: number | null, today: IsoDate): YearLine[] {
  const book = DuesBook.load(db, { years: { from: year, to: year } });
  const asOf = lastEndedMonth(today);
  // What was paid for the year's months, summed per member in SQL: far fewer rows than payments.
  // A member pays a month at most once (a unique index on live payments), so the sum of each
  // paid month's bit is the set of paid months, January in bit 0.
  const paidRows = db
    .prepare(
      `SELECT member_id, sum(paid_fen), sum(1 << (substr(month, 6, 2) - 1)) FROM dues_payment
        WHERE voided_on IS NULL AND month BETWEEN ? AND ? GROUP BY member_id`,
    )
    .raw()
    .all(`${year}-01`, `${year}-12`) as [number, number, number][];
  const paid = new Map(paidRows.map(([id, fenPaid, months]) => [id, { fen: fenPaid, months }]));
  const voluntary = new Map<number, number>();
  const large = new Map<number, number>();
  for (const v of listVoluntary(db, { year })) {
    const into = v.large ? large : voluntary;
    into.set(v.memberId, (into.get(v.memberId) ?? 0) + v.amountFen);
  }
  const now =
    monthOf(today) < `${year}-01` ? `${year}-01` : monthOf(today) > `${year}-12` ? `${year}-12` : monthOf(today);
  const months = monthsOfYear(year);
  const lines: YearLine[] = [];
  for (const member of book.members.values()) {
    if (branchId !== null && member.branchId !== branchId) continue;
    const versions = book.versionsOf(member.id, year);
    const original = versions.find((v) => v.reason === null);
    if (!original) continue;
    const paidHere = paid.get(member.id);
    let dueMonths = 0;
    let yearDue: number | null = 0;
    const unpaid: Month[] = [];
    const beforeOpening: Month[] = [];
    const owedInYear = book.owedInYear(member.id, year);
    for (let i = 0; i < 12; i++) {
      const m = months[i]!;
      const owed = owedInYear[i]!;
      if (owed.kind === 'notOwed') continue;
      dueMonths += 1;
      if (owed.kind !== 'due') yearDue = null;
      else if (yearDue !== null) yearDue += owed.fen;
      if (!((paidHere?.months ?? 0) & (1 << i)) && m <= asOf && !(owed.kind === 'due' && owed.fen === 0)) {
        // Months kept on paper before the app took over are 启用前, not arrears.
        if (book.beforeOpening(member.id, m)) beforeOpening.push(m);
        else unpaid.push(m);
      }
    }
    let current = original;
    for (const v of versions) if (v.effective_from <= now) current = v;
    const percentage = CATEGORY_KIND[current.category] === 'percentage';
    lines.push({
      memberId: member.id,
      name: member.name,
      branchName: member.branchName,
      baseFen: percentage ? current.base_fen : null,
      standard: current.rate_bp !== null ? formatRate(current.rate_bp) : (current.standard ?? ''),
      monthlyFen: current.amount_fen,
      dueMonths,
      yearDueFen: yearDue,
      paidFen: paidHere?.fen ?? 0,
      unpaidEnded: unpaid,
      beforeOpening,
      voluntaryFen: voluntary.get(member.id) ?? 0,
      largeFen: large.get(member.id) ?? 0,
      adjustments: versionNote(versions.filter((v) => v.reason).map(versionView)),
    });
  }
  return lines;
}

function lineRemarks(l: YearLine, withVoluntary: boolean): string {
  return [
    l.beforeOpening.length ? `${formatMonthList(l.beforeOpening)}启用前（见纸质台账）` : '',
    l.unpaidEnded.length ? `欠交${formatMonthList(l.unpaidEnded)}` : '',
    l.dueMonths < 12 ? `应交${l.dueMonths}个月` : '',
    withVoluntary && l.voluntaryFen ? `另自愿多交${formatYuan(l.voluntaryFen)}元` : '',
    withVoluntary && l.largeFen ? `另交纳大额党费${formatYuan(l.largeFen)}元` : '',
    l.adjustments,
  ]
    .filter(Boolean)
    .join('；');
}

export function ledgerReport(ctx: ReportContext, params: ReportParams): DuesReportModel {
  const year = yearOf(ctx, params);
  const s = scope(ctx, params);
  if (!getYear(ctx.db, year))
    throw new AppError({
      code: 'NOT_FOUND',
      message: `${year}年度尚未核定党费。`,
      detail: 'no dues year',
      field: 'year',
    });
  const lines = yearLines(ctx.db, year, params.branchId ?? null, ctx.today);
  const lead = s.all ? 3 : 2;
  const asOf = lastEndedMonth(ctx.today);
  return {
    report: 'ledger',
    title: `${s.unit}${year}年度党费收缴台账`,
    fileName: `${s.unit}${year}年度党费收缴台账`,
    sheetName: `${year}年度台账`,
    orientation: 'landscape',
    captionLeft: `党组织：${s.unit}`,
    captionRight:
      yearOfMonth(asOf) >= year
        ? yearOfMonth(asOf) > year
          ? `${year}年度`
          : `截至${formatMonth(asOf)}`
        : `${year}年度（尚未开始）`,
    columns: [
      { header: '序号', width: 4, align: 'center' },
      ...(s.all ? [{ header: '党支部', width: 10 }] : []),
      { header: '姓名', width: 6, align: 'center' as const },
      { header: '月工资收入（元）', width: 9, money: true },
      { header: '执行标准', width: 7, align: 'center' as const },
      { header: '月应缴（元）', width: 7, money: true },
      { header: '全年应缴（元）', width: 8, money: true },
      { header: '全年实缴（元）', width: 8, money: true },
      { header: '备注', width: 22 },
    ],
    rows: lines.map((l, i) => [
      i + 1,
      ...(s.all ? [l.branchName] : []),
      l.name,
      money(l.baseFen),
      l.standard,
      money(l.monthlyFen),
      money(l.yearDueFen),
      money(l.paidFen),
      lineRemarks(l, true),
    ]),
    totals: [
      '合计',
      ...Array(lead - 2).fill(''),
      `${lines.length}人`,
      null,
      '',
      money(sumFen(lines.map((l) => l.monthlyFen ?? 0))),
      money(sumFen(lines.map((l) => l.yearDueFen ?? 0))),
      money(sumFen(lines.map((l) => l.paidFen))),
      lines.some((l) => l.voluntaryFen) ? `自愿多交另计${formatYuan(sumFen(lines.map((l) => l.voluntaryFen)))}元` : '',
    ],
    notes: [
      `“月工资收入”为核定党费的月基数（${BASE_LABEL.employed}；离退休党员为${BASE_LABEL.retired}）；按定额交纳的不填。全年实缴按所属月份统计，含补交和预交。`,
    ],
    signatures: ['经办人', '负责人', '日期'],
    author: s.committee,
  };
}

export function noticeReport(ctx: ReportContext, params: ReportParams): DuesReportModel {
  const year = yearOf(ctx, params);
  const s = scope(ctx, params);
  if (!getYear(ctx.db, year))
    throw new AppError({
      code: 'NOT_FOUND',
      message: `${year}年度尚未核定党费。`,
      detail: 'no dues year',
      field: 'year',
    });
  const lines = yearLines(ctx.db, year, params.branchId ?? null, ctx.today);
  const lead = s.all ? 3 : 2;
  // 公示期: from the day it is posted, for the days the office set (党费 → 设置).
  const days = getDuesSettings(ctx.db).noticeDays;
  const until = addDays(ctx.today, days - 1);
  const notes = [
    `公示期：${formatChineseDate(ctx.today)}至${formatChineseDate(until)}（${days}天）。党员对本表如有疑问，请在公示期内向${s.all ? '机关党委' : '党支部委员会'}反映。`,
  ];
  if (s.all) {
    const funds = fundsView(ctx.db, year).summary;
    const uses = funds.byPurpose.map((p) => `${PURPOSE_SHORT[p.purpose]}${formatYuan(p.fen)}元`).join('、');
    notes.unshift(
      `本年度收缴党费${formatYuan(funds.collectedFen)}元，自愿多交${formatYuan(funds.voluntaryFen)}元；上缴${formatYuan(funds.remittedFen)}元；支出${formatYuan(funds.expendituresFen)}元${uses ? `（${uses}）` : ''}；年末结存${formatYuan(funds.closingFen)}元。`,
    );
  }
  return {
    report: 'notice',
    title: `${s.unit}${year}年度党费收缴情况公示`,
    fileName: `${s.unit}${year}年度党费收缴情况公示`,
    sheetName: `${year}年度公示`,
    orientation: 'portrait',
    captionLeft: `党组织：${s.unit}`,
    captionRight: `公示日期：${formatChineseDate(ctx.today)}`,
    columns: [
      { header: '序号', width: 4, align: 'center' },
      ...(s.all ? [{ header: '党支部', width: 10 }] : []),
      { header: '姓名', width: 6, align: 'center' as const },
      { header: '月交纳额（元）', width: 8, money: true },
      { header: '全年应交（元）', width: 8, money: true },
      { header: '全年实交（元）', width: 8, money: true },
      { header: '备注', width: 14 },
    ],
    rows: lines.map((l, i) => [
      i + 1,
      ...(s.all ? [l.branchName] : []),
      l.name,
      money(l.monthlyFen),
      money(l.yearDueFen),
      money(l.paidFen),
      lineRemarks(l, true),
    ]),
    totals: [
      '合计',
      ...Array(lead - 2).fill(''),
      `${lines.length}人`,
      money(sumFen(lines.map((l) => l.monthlyFen ?? 0))),
      money(sumFen(lines.map((l) => l.yearDueFen ?? 0))),
      money(sumFen(lines.map((l) => l.paidFen))),
      '',
    ],
    notes,
    signatures: false,
    closing: { organ: s.unit, date: ctx.today },
    author: s.committee,
  };
}

/* ---------- 三清：欠交党费党员清单 ---------- */

export function arrearsReport(ctx: ReportContext, params: ReportParams): DuesReportModel {
  const s = scope(ctx, params);
  const view = arrearsRows(ctx.db, ctx.today, { branchId: params.branchId ?? null });
  const rows = view.rows.map((r, i) => [
    i + 1,
    r.branchName,
    r.name,
    formatMonthList(r.unpaidMonths),
    r.unpaidMonths.length,
    r.streak.months,
    money(r.unpaidFen),
    r.case
      ? `${CASE_DECISION_LABEL[r.case.decision]}（${r.case.decidedBy}，${formatChineseDate(r.case.decidedOn)}）`
      : r.level
        ? ARREARS_LEVEL_LABEL[r.level]
        : '',
    '',
  ]);
  return {
    report: 'arrears',
    title: `${s.unit}欠交党费党员清单`,
    fileName: `${s.unit}欠交党费党员清单（截至${formatMonth(view.asOf)}）`,
    sheetName: '欠交党费',
    orientation: 'landscape',
    captionLeft: `党组织：${s.unit}`,
    captionRight: `统计截至${formatMonth(view.asOf)}`,
    columns: [
      { header: '序号', width: 4, align: 'center' },
      { header: '党支部', width: 10 },
      { header: '姓名', width: 6, align: 'center' },
      { header: '欠交月份', width: 18 },
      { header: '欠交月数', width: 5, align: 'center' },
      { header: '连续欠交月数', width: 6, align: 'center' },
      { header: '欠交金额（元）', width: 8, money: true },
      { header: '处理情况', width: 18 },
      { header: '备注', width: 8 },
    ],
    rows,
    totals: [
      '合计',
      '',
      `${view.rows.length}人`,
      '',
      sumFen(view.rows.map((r) => r.unpaidMonths.length)),
      '',
      money(sumFen(view.rows.map((r) => r.unpaidFen))),
      '',
      '',
    ],
    notes: [
      '说明：当月结束仍未交纳的计为欠交。连续3个月、5个月未交纳的应及时提醒督促；连续6个月未交纳的，由支部研究是否有正当理由，程序不作认定。',
      '按党章规定，党员没有正当理由，连续六个月不交纳党费，就被认为是自行脱党，支部大会应当决定把这样的党员除名，并报上级党组织批准。',
    ],
    signatures: ['经办人', '负责人', '日期'],
    author: s.committee,
  };
}

/* ---------- 上缴、使用及结存 ---------- */

export function fundsReport(ctx: ReportContext, params: ReportParams): DuesReportModel {
  const year = yearOf(ctx, params);
  const committee = ctx.organ?.committeeName ?? '';
  const view = fundsView(ctx.db, year);
  const s = view.summary;
  const r = view.remittance;
  const notes = [
    `本年度：收缴党费${formatYuan(s.collectedFen)}元，自愿多交${formatYuan(s.voluntaryFen)}元，上级下拨${formatYuan(s.allocationsFen)}元；上缴党费${formatYuan(s.remittedFen)}元，支出${formatYuan(s.expendituresFen)}元；年末结存${formatYuan(s.closingFen)}元。`,
    r.shareBp === null
      ? `${year}年度已上缴党费${formatYuan(r.remittedFen)}元。`
      : `${year}年度党费${formatYuan(r.baseFen)}元，按${formatRate(r.shareBp)}应上缴${formatYuan(r.dueFen ?? 0)}元，已上缴${formatYuan(r.remittedFen)}元${(r.dueFen ?? 0) > r.remittedFen ? `，尚需上缴${formatYuan((r.dueFen ?? 0) - r.remittedFen)}元` : ''}。`,
    `大额党费：本年度收到${formatYuan(s.largeReceivedFen)}元，上缴${formatYuan(s.largeRemittedFen)}元；尚待上缴${formatYuan(s.largePendingFen)}元（大额党费全额上缴中央）。`,
  ];
  if (s.byPurpose.length)
    notes.push(
      `支出用途：${s.byPurpose.map((p) => `${PURPOSE_SHORT[p.purpose]}${formatYuan(p.fen)}元`).join('、')}。每笔支出均经集体研究决定。`,
    );
  return {
    report: 'funds',
    title: `${committee}${year}年度党费上缴、使用及结存情况表`,
    fileName: `${committee}${year}年度党费上缴、使用及结存情况表`,
    sheetName: `${year}年度收支`,
    orientation: 'landscape',
    captionLeft: `填报单位：${committee}`,
    captionRight: '单位：元',
    columns: [
      { header: '序号', width: 5, align: 'center' },
      { header: '日期', width: 10, align: 'center' },
      { header: '摘要', width: 40 },
      { header: '收入', width: 11, money: true },
      { header: '支出', width: 11, money: true },
      { header: '结存', width: 12, money: true },
      { header: '凭证号', width: 10, align: 'center' },
    ],
    rows: view.movements.map((m, i) => [
      i + 1,
      m.on,
      m.summary,
      m.incomeFen ? money(m.incomeFen) : null,
      m.expenseFen ? money(m.expenseFen) : null,
      money(m.balanceFen),
      m.reference ?? '',
    ]),
    totals: [
      '合计',
      '',
      `期初结存${formatYuan(s.openingFen)}元`,
      money(sumFen(view.movements.map((m) => m.incomeFen))),
      money(sumFen(view.movements.map((m) => m.expenseFen))),
      money(s.closingFen),
      '',
    ],
    notes,
    signatures: ['经办人', '负责人', '日期'],
    author: committee,
  };
}

export const REPORT_BUILDERS: Record<DuesReport, (ctx: ReportContext, params: ReportParams) => DuesReportModel> = {
  assessment: assessmentReport,
  register: registerReport,
  ledger: ledgerReport,
  notice: noticeReport,
  arrears: arrearsReport,
  funds: fundsReport,
};

export function reportTitle(report: DuesReport): string {
  return DUES_REPORT_LABEL[report];
}
