import fs from 'node:fs/promises';
import path from 'node:path';
import { closeSharedPrinter } from '../core/documents/chromium-printer';
import { formatChineseDate } from '../shared/dates';
import { LEADER_ROLE_SHORT } from '../shared/duties/library';
import { ITEM_STATE_LABEL } from '../shared/duties/rules';
import type { ExportFormat } from '../shared/documents';
import { AppError } from '../shared/errors';
import type { Command, CommandContext } from './command-types';
import { table } from './output';

/*
 * 一岗双责 on the command line:
 *   duties list [--year Y]                                   the team's progress and the items behind
 *   duties report  --person 姓名 [--year Y] --out 文件.docx|.pdf   the 述责述廉 report (saved text, else the draft)
 *   duties letter  --person 姓名 [--year Y] --out 文件.pdf|.docx   the 责任书
 *   duties ledger [--person 姓名] [--year Y] --out 文件.pdf|.docx  the 履职纪实 ledger (one person or the team)
 */

function usageError(message: string): AppError {
  return new AppError({ code: 'INVALID_INPUT', message, detail: 'usage' });
}

function option(ctx: CommandContext, name: string): string | undefined {
  const value = ctx.options[name];
  return typeof value === 'string' ? value.trim() : undefined;
}

function yearOf(ctx: CommandContext, today: string): number {
  const text = option(ctx, 'year');
  if (text === undefined) return Number(today.slice(0, 4));
  if (!/^\d{4}$/.test(text)) throw usageError(`--year 应为四位年份，例如 --year 2026（收到“${text}”）`);
  return Number(text);
}

async function today(ctx: CommandContext): Promise<string> {
  const status = await ctx.call('app.status', {});
  return status.state === 'ready' ? status.today : new Date().toISOString().slice(0, 10);
}

async function leaderId(
  ctx: CommandContext,
  year: number,
  required: boolean,
): Promise<{ id: number; name: string } | null> {
  const name = option(ctx, 'person');
  if (!name) {
    if (required)
      throw usageError(
        '请用 --person 指定班子成员的姓名，例如：duties report --person 张三 --year 2026 --out 述责述廉.docx',
      );
    return null;
  }
  const team = await ctx.call('duties.team', { year });
  const found = team.find((l) => l.name === name);
  if (!found) {
    const names = team.map((l) => l.name).join('、');
    throw new AppError({
      code: 'NOT_FOUND',
      message: `${year}年度的领导班子中没有“${name}”。${names ? `本年度的班子成员：${names}。` : '本年度还没有登记班子成员。'}`,
      detail: `no leader ${name} in ${year}`,
      field: 'person',
    });
  }
  return { id: found.id, name: found.name };
}

function formatOf(file: string): ExportFormat {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.pdf') return 'pdf';
  if (ext === '.docx') return 'docx';
  throw usageError(`--out 的文件名应以 .pdf 或 .docx 结尾（收到“${file}”）`);
}

async function writeDocument(
  ctx: CommandContext,
  id: string,
  params: Record<string, number>,
  what: string,
): Promise<void> {
  const out = option(ctx, 'out');
  if (!out) throw usageError(`请用 --out 指定保存的文件，例如 --out ${what}.docx 或 --out ${what}.pdf`);
  const format = formatOf(out);
  try {
    const exported =
      format === 'pdf'
        ? await ctx
            .call('documents.preview', { id, params })
            .then((p) => ({ base64: p.pdf, title: p.meta.title, pages: p.meta.pageCount, notes: p.meta.substitutions }))
        : await ctx.call('documents.export', { id, params, format }).then((e) => ({
            base64: e.base64,
            title: e.fileName.replace(/\.docx$/, ''),
            pages: null,
            notes: [] as string[],
          }));
    const target = path.resolve(out);
    try {
      await fs.writeFile(target, Buffer.from(exported.base64, 'base64'));
    } catch (error) {
      throw new AppError({
        code: 'INTERNAL',
        message: `无法写入文件“${target}”（${(error as NodeJS.ErrnoException).code ?? String(error)}）。`,
        detail: String(error),
      });
    }
    const lines = [
      `已生成“${exported.title}”：${target}${exported.pages ? `（${exported.pages} 页）` : ''}`,
      ...exported.notes.map((n) => `字体：${n}`),
    ];
    ctx.out.result(lines.join('\n'), { ok: true, file: target, format, pageCount: exported.pages });
  } finally {
    await closeSharedPrinter();
  }
}

export const DUTIES_COMMANDS: Record<string, Command> = {
  'duties list': {
    usage: 'duties list [--year 年度]',
    summary: '一岗双责：列出领导班子成员的责任事项完成情况，逾期和临近期限的事项在前',
    async run(ctx) {
      const year = yearOf(ctx, await today(ctx));
      const view = await ctx.call('duties.overview', { year });
      const rows = view.leaders.map((s) => [
        s.leader.name,
        LEADER_ROLE_SHORT[s.leader.role],
        String(s.items),
        String(s.counts.overdue),
        String(s.counts.dueSoon),
        String(s.counts.pending),
        String(s.counts.met),
        s.thisPeriod.required ? `${s.thisPeriod.done}/${s.thisPeriod.required}` : '',
        String(s.records),
        s.letterSignedOn ? formatChineseDate(s.letterSignedOn) : '未签',
      ]);
      const lines = [`${year}年度一岗双责完成情况（截至${formatChineseDate(view.asOf)}）`];
      if (view.quarter)
        lines.push(
          `${view.quarter.label}将于${formatChineseDate(view.quarter.end)}结束，还有 ${view.quarter.daysLeft} 天。`,
        );
      lines.push(
        rows.length
          ? table(['姓名', '岗位', '事项', '逾期', '临近', '进行中', '已完成', '当期', '纪实', '责任书'], rows)
          : '本年度还没有登记领导班子成员。',
      );
      if (view.team.items)
        lines.push(
          `领导班子清单 ${view.team.items} 项：逾期 ${view.team.counts.overdue}，临近 ${view.team.counts.dueSoon}，进行中 ${view.team.counts.pending}，已完成 ${view.team.counts.met}。`,
        );
      if (view.behind.length) {
        lines.push('', '未完成的事项（逾期在前）：');
        lines.push(
          table(
            ['责任人', '状态', '责任事项', '要求', '情况'],
            view.behind.map((b) => [b.owner, ITEM_STATE_LABEL[b.state], b.content, b.requirement, b.summary]),
          ),
        );
      }
      ctx.out.result(lines.join('\n'), { ok: true, ...view });
    },
  },
  'duties report': {
    usage: 'duties report --person 姓名 [--year 年度] --out 文件.docx|文件.pdf',
    summary: '一岗双责：生成某人的年度述责述廉报告（已保存的修改稿，否则由履职纪实生成的初稿）',
    async run(ctx) {
      const year = yearOf(ctx, await today(ctx));
      const person = (await leaderId(ctx, year, true))!;
      await writeDocument(
        ctx,
        'duties-report',
        { year, leaderId: person.id },
        `${year}年度述责述廉报告-${person.name}`,
      );
    },
  },
  'duties letter': {
    usage: 'duties letter --person 姓名 [--year 年度] --out 文件.pdf|文件.docx',
    summary: '一岗双责：生成某人的年度责任书（双方签字栏）',
    async run(ctx) {
      const year = yearOf(ctx, await today(ctx));
      const person = (await leaderId(ctx, year, true))!;
      await writeDocument(ctx, 'duties-letter', { year, leaderId: person.id }, `${year}年度责任书-${person.name}`);
    },
  },
  'duties ledger': {
    usage: 'duties ledger [--person 姓名] [--year 年度] --out 文件.pdf|文件.docx',
    summary: '一岗双责：生成履职纪实台账（指定 --person 为个人台账，否则为全体班子成员）',
    async run(ctx) {
      const year = yearOf(ctx, await today(ctx));
      const person = await leaderId(ctx, year, false);
      await writeDocument(
        ctx,
        'duties-ledger',
        { year, ...(person ? { leaderId: person.id } : {}) },
        `${year}年度履职纪实台账`,
      );
    },
  },
};
