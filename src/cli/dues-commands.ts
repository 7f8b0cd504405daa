import fs from 'node:fs/promises';
import path from 'node:path';
import { closeSharedPrinter } from '../core/documents/chromium-printer';
import { formatYuan, parseYuan } from '../shared/dues/money';
import { formatMonth, formatMonthList, parseLooseMonth } from '../shared/dues/months';
import { DUES_CATEGORY_LABEL, duesCategoryFromWord } from '../shared/dues/rules';
import { DUES_DOCUMENT_ID, DUES_REPORT_LABEL, type DuesReport, type ReportParams } from '../shared/dues/views';
import { AppError } from '../shared/errors';
import type { Command, CommandContext } from './command-types';
import { table } from './output';

/*
 * 党费 on the command line: the calculator, the year's assessment, the ledger and the other
 * reports, through the same channels as the screens.
 */

/** The options these commands read, merged into the CLI's parser. */
export const DUES_OPTIONS = {
  category: { type: 'string' },
  base: { type: 'string' },
  amount: { type: 'string' },
  year: { type: 'string' },
  month: { type: 'string' },
  lock: { type: 'boolean', default: false },
} as const;

function usageError(message: string): AppError {
  return new AppError({ code: 'INVALID_INPUT', message, detail: 'usage' });
}

function option(ctx: CommandContext, name: string): string | undefined {
  const value = ctx.options[name];
  if (Array.isArray(value)) return value[0];
  return typeof value === 'string' ? value : undefined;
}

function money(ctx: CommandContext, name: string): number | null {
  const text = option(ctx, name);
  if (text === undefined) return null;
  const parsed = parseYuan(text);
  if (!parsed.ok) throw usageError(`--${name} 的值有误：${parsed.message}`);
  return parsed.fen;
}

function year(ctx: CommandContext, required: boolean): number | undefined {
  const text = option(ctx, 'year');
  if (text === undefined) {
    if (required) throw usageError('请用 --year 指定年度，例如：--year 2026');
    return undefined;
  }
  const value = Number(text);
  if (!/^\d{4}$/.test(text) || value < 2000 || value > 2999)
    throw usageError(`--year 的值“${text}”不是有效年度，应写作 2026 这样的四位数`);
  return value;
}

function month(ctx: CommandContext): string | undefined {
  const text = option(ctx, 'month');
  if (text === undefined) return undefined;
  const value = parseLooseMonth(text);
  if (!value) throw usageError(`--month 的值“${text}”不是有效月份，应写作 2026-03 或 2026年3月`);
  return value;
}

async function branchId(ctx: CommandContext): Promise<number | undefined> {
  const word = option(ctx, 'branch');
  if (!word) return undefined;
  const units = await ctx.call('org.units', {});
  const found = units.find((u) => u.kind === 'branch' && !u.dissolvedOn && (u.name === word || String(u.id) === word));
  if (!found) throw usageError(`找不到党支部“${word}”，可用 org list 查看名称和编号`);
  return found.id;
}

async function writeFile(file: string, base64: string): Promise<string> {
  const target = path.resolve(file);
  try {
    await fs.writeFile(target, Buffer.from(base64, 'base64'));
  } catch (error) {
    throw new AppError({
      code: 'INTERNAL',
      message: `无法写入文件“${target}”（${(error as NodeJS.ErrnoException).code ?? String(error)}）。`,
      detail: String(error),
    });
  }
  return target;
}

/** Saves a report as .xlsx (Excel), .pdf or .docx (through the documents engine). */
async function saveReport(ctx: CommandContext, report: DuesReport, params: ReportParams): Promise<void> {
  const out = option(ctx, 'out');
  if (!out)
    throw usageError(
      `请用 --out 指定保存的文件，例如：--out ${DUES_REPORT_LABEL[report]}.xlsx（也可以是 .pdf 或 .docx）`,
    );
  const ext = path.extname(out).toLowerCase();
  if (ext === '.xlsx') {
    const file = await ctx.call('dues.exportReport', { report, params });
    const target = await writeFile(out, file.base64);
    ctx.out.result(`已导出${DUES_REPORT_LABEL[report]}：${target}`, { ok: true, report, format: 'xlsx', file: target });
    return;
  }
  if (ext !== '.pdf' && ext !== '.docx')
    throw usageError(`--out 的文件名应以 .xlsx、.pdf 或 .docx 结尾（收到“${out}”）`);
  try {
    const exported = await ctx.call('documents.export', {
      id: DUES_DOCUMENT_ID[report],
      params,
      format: ext === '.pdf' ? 'pdf' : 'docx',
    });
    const target = await writeFile(out, exported.base64);
    const pages = exported.pageCount ? `（${exported.pageCount} 页）` : '';
    ctx.out.result(`已生成${DUES_REPORT_LABEL[report]}：${target}${pages}`, {
      ok: true,
      report,
      format: ext.slice(1),
      file: target,
      pageCount: exported.pageCount ?? null,
    });
  } finally {
    // The PDF browser would otherwise keep the process alive.
    await closeSharedPrinter();
  }
}

const REPORT_WORDS: Record<string, DuesReport> = {
  assessment: 'assessment',
  核定表: 'assessment',
  核定: 'assessment',
  register: 'register',
  登记表: 'register',
  收缴登记表: 'register',
  ledger: 'ledger',
  台账: 'ledger',
  notice: 'notice',
  公示: 'notice',
  arrears: 'arrears',
  欠交: 'arrears',
  三清: 'arrears',
  funds: 'funds',
  收支: 'funds',
  结存: 'funds',
};

export const DUES_COMMANDS: Record<string, Command> = {
  'dues rate': {
    usage: 'dues rate --category 类别 [--base 元] [--amount 元] [--month 2026-03]',
    summary:
      '按规定计算每月党费并列出计算过程（类别：在职、离退休、年薪制、个体、农民、学生、下岗失业、依靠抚恤救济、低保）',
    async run(ctx) {
      const word = option(ctx, 'category');
      if (!word) throw usageError('请用 --category 指定党费类别，例如：dues rate --category 在职 --base 6300');
      const category = duesCategoryFromWord(word);
      if (!category)
        throw usageError(`--category 的值“${word}”无法识别，应为：${Object.values(DUES_CATEGORY_LABEL).join('、')}`);
      const m = month(ctx);
      const answer = await ctx.call('dues.rate', {
        category,
        baseFen: money(ctx, 'base'),
        chosenFen: money(ctx, 'amount'),
        ...(m ? { month: m } : {}),
      });
      ctx.out.result(
        `${DUES_CATEGORY_LABEL[category]}：${answer.explanation}\n每月应交 ${formatYuan(answer.amountFen)} 元`,
        answer,
      );
    },
  },
  'dues assess': {
    usage: 'dues assess --year 年度 [--lock]',
    summary: '生成或更新该年度的党费核定表（--lock 同时锁定）；列出基数尚未填写的党员',
    async run(ctx) {
      const y = year(ctx, true)!;
      const made = await ctx.call('dues.assess', { year: y });
      const view = await ctx.call('dues.assessment', { year: y });
      const incomplete = view.rows.filter((r) => r.versions.some((v) => v.problem));
      let locked: number | null = null;
      if (ctx.options.lock === true && incomplete.length === 0)
        locked = (await ctx.call('dues.lock', { year: y })).locked;
      const lines = [
        `${y}年度党费核定：${made.members} 人（本次新增 ${made.added} 人），每月应交合计 ${formatYuan(view.totals.monthlyFen)} 元，全年应交合计 ${formatYuan(view.totals.yearFen)} 元。`,
      ];
      if (incomplete.length) {
        lines.push(`尚待补全 ${incomplete.length} 人：`);
        lines.push(
          table(
            ['党支部', '姓名', '类别', '问题'],
            incomplete.map((r) => [
              r.branchName,
              r.name,
              DUES_CATEGORY_LABEL[r.current.terms.category],
              r.versions.find((v) => v.problem)?.problem ?? '',
            ]),
          ),
        );
        if (ctx.options.lock === true) lines.push('核定不完整，没有锁定。');
      }
      if (locked !== null) lines.push(`已锁定 ${locked} 人的${y}年度核定。`);
      else if (view.locked && incomplete.length === 0) lines.push(`${y}年度核定已锁定。`);
      ctx.out.result(lines.join('\n'), {
        ok: incomplete.length === 0 || ctx.options.lock !== true,
        year: y,
        added: made.added,
        members: made.members,
        incomplete: incomplete.map((r) => ({
          memberId: r.memberId,
          name: r.name,
          branch: r.branchName,
          problem: r.versions.find((v) => v.problem)?.problem ?? '',
        })),
        monthlyFen: view.totals.monthlyFen,
        yearFen: view.totals.yearFen,
        locked: locked !== null || Boolean(view.locked),
      });
      return ctx.options.lock === true && incomplete.length > 0 ? 1 : 0;
    },
  },
  'dues ledger': {
    usage: 'dues ledger --year 年度 --out 文件.xlsx|文件.pdf [--branch 党支部]',
    summary: '导出年度党费台账（序号、姓名、月工资收入、执行标准、月应缴、全年应缴、全年实缴、备注）',
    async run(ctx) {
      const y = year(ctx, true)!;
      const b = await branchId(ctx);
      await saveReport(ctx, 'ledger', { year: y, ...(b ? { branchId: b } : {}) });
    },
  },
  'dues report': {
    usage:
      'dues report 核定表|登记表|台账|公示|欠交|收支 --out 文件.xlsx|.pdf|.docx [--year 年度] [--month 2026-03] [--branch 党支部]',
    summary: '导出其他党费报表；未写年度、月份时按今天',
    async run(ctx) {
      const word = ctx.positionals[0];
      const report = word ? REPORT_WORDS[word] : undefined;
      if (!report)
        throw usageError(
          `请写出报表名称：${Object.keys(REPORT_WORDS)
            .filter((k) => /[\u4e00-\u9fff]/.test(k))
            .join('、')}`,
        );
      const y = year(ctx, false);
      const m = month(ctx);
      const b = await branchId(ctx);
      await saveReport(ctx, report, {
        ...(y ? { year: y } : {}),
        ...(m ? { month: m } : {}),
        ...(b ? { branchId: b } : {}),
      });
    },
  },
  'dues arrears': {
    usage: 'dues arrears [--branch 党支部]',
    summary: '列出欠交党费的党员：欠交月份、连续欠交月数和支部处理情况',
    async run(ctx) {
      const b = await branchId(ctx);
      const view = await ctx.call('dues.arrears', b ? { branchId: b } : {});
      const rows = view.rows.map((r) => [
        r.branchName,
        r.name,
        formatMonthList(r.unpaidMonths),
        String(r.streak.months),
        formatYuan(r.unpaidFen),
        r.caseState === 'open'
          ? '满6个月，待支部研究'
          : r.caseState === 'deadlinePassed'
            ? '补交期限已过'
            : r.level === 'five'
              ? '连续5个月'
              : r.level === 'three'
                ? '连续3个月以上'
                : '',
      ]);
      ctx.out.result(
        `截至${formatMonth(view.asOf)}，欠交党费 ${view.rows.length} 人\n${table(['党支部', '姓名', '欠交月份', '连续', '金额', '提醒'], rows)}`,
        { ok: true, ...view },
      );
    },
  },
};
