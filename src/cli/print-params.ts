import { formatChineseDate } from '../shared/dates';
import {
  defaultParam,
  meetingChoices,
  type DocumentInfo,
  type DocumentParam,
  type DocumentParamData,
  type DocumentParamValue,
} from '../shared/documents';
import { AppError } from '../shared/errors';
import { MEETING_KIND_LABEL } from '../shared/meetings/rules';
import type { CommandContext } from './command-types';

/*
 * `print DOCUMENT` takes every parameter the document declares, as the 文档打印 screen's pickers
 * do, and starts where they start (defaultParam): the latest meeting, this year and month, the
 * whole organ, the year's first 班子成员. Options name things as the office does: a meeting by
 * its number (meetings list), a person or a branch by name or number.
 */

/** The option each kind of parameter is given with, and how `print list` shows it. */
export const PARAM_OPTION: Record<DocumentParam['kind'], { option: string; hint: string }> = {
  meeting: { option: 'meeting', hint: '--meeting 会议编号' },
  meetingPerson: { option: 'person', hint: '--person 姓名' },
  leader: { option: 'person', hint: '--person 姓名' },
  branch: { option: 'branch', hint: '--branch 党支部' },
  year: { option: 'year', hint: '--year 2026' },
  month: { option: 'month', hint: '--month 2026-03' },
  flag: { option: 'single-sided', hint: '--single-sided' },
};

/** The option a parameter is given with: its kind's, or a flag's own switch. */
export function optionOf(param: DocumentParam): { option: string; hint: string } {
  if (param.kind === 'flag' && param.cli) return { option: param.cli.option, hint: `--${param.cli.option}` };
  return PARAM_OPTION[param.kind];
}

/** "--meeting 会议编号（默认最近一次） --single-sided": what a document takes, for `print list`. */
export function paramsUsage(doc: DocumentInfo): string {
  const defaults: Record<DocumentParam['kind'], string> = {
    meeting: '默认最近一次',
    meetingPerson: '默认第一份',
    leader: '默认书记',
    branch: '默认全机关',
    year: '默认今年',
    month: '默认本月',
    flag: '默认双面',
  };
  return doc.params
    .map((p) => {
      const hint = optionOf(p).hint;
      if (p.kind === 'leader' && p.default === 'all') return `[${hint}（默认全体）]`;
      const usage = p.kind === 'flag' && p.cli ? p.cli.usage : defaults[p.kind];
      return p.required ? `${hint}（${usage}）` : `[${hint}（${usage}）]`;
    })
    .join(' ');
}

function usageError(message: string): AppError {
  return new AppError({ code: 'INVALID_INPUT', message, detail: 'usage', field: 'params' });
}

const text = (ctx: CommandContext, option: string): string | undefined => {
  const value = ctx.options[option];
  if (Array.isArray(value)) return value.at(-1);
  return typeof value === 'string' ? value.trim() : undefined;
};

/** The params for `documents.preview` / `export`, from the options given and the screen's defaults. */
export async function resolvePrintParams(
  ctx: CommandContext,
  doc: DocumentInfo,
  today: string,
): Promise<Record<string, DocumentParamValue>> {
  const params: Record<string, DocumentParamValue> = {};
  const data: DocumentParamData = { today };
  const declared = new Set(doc.params.map((p) => optionOf(p).option));
  if (ctx.options['single-sided'] === true && !declared.has('single-sided'))
    throw usageError(`“${doc.title}”不是汇编，不需要 --single-sided。`);
  if (ctx.options['with-decisions'] === true && !declared.has('with-decisions'))
    throw usageError(`“${doc.title}”没有奖惩情况列，不需要 --with-decisions（只有党员花名册有）。`);
  for (const option of ['meeting', 'person', 'branch', 'year', 'month'])
    if (text(ctx, option) !== undefined && !declared.has(option))
      throw usageError(`“${doc.title}”不需要 --${option}。${doc.params.length ? `它可用：${paramsUsage(doc)}` : ''}`);

  for (const param of doc.params) {
    const given = param.kind === 'flag' ? undefined : text(ctx, optionOf(param).option);
    let value: DocumentParamValue | undefined | null;
    switch (param.kind) {
      case 'meeting': {
        data.meetings = await ctx.call('meetings.list', {});
        const choices = meetingChoices(param, data.meetings);
        if (given !== undefined) {
          const found = choices.find((m) => String(m.id) === given);
          if (!found)
            throw usageError(
              `没有编号为“${given}”的${param.label}。可选：${choices.map((m) => `${m.id}（${formatChineseDate(m.heldOn)}${MEETING_KIND_LABEL[m.kind]}）`).join('、') || '（还没有会议）'}`,
            );
          value = found.id;
        } else value = defaultParam(param, data);
        if (value === null) throw usageError(`还没有可选的${param.label}。请先在“生活会”中新建会议。`);
        break;
      }
      case 'meetingPerson': {
        const meeting = await ctx.call('meetings.get', { meetingId: Number(params.meetingId) });
        data.materials = meeting.materials;
        if (given !== undefined) {
          if (given === '领导班子' || given === '班子') value = undefined;
          else {
            const person = meeting.people.find((p) => p.name === given || String(p.id) === given);
            if (!person)
              throw usageError(
                `这次会议的名单中没有“${given}”。可选：领导班子、${meeting.people.map((p) => p.name).join('、')}`,
              );
            value = person.id;
          }
        } else value = defaultParam(param, data);
        break;
      }
      case 'leader': {
        const year = Number(params.year ?? today.slice(0, 4));
        data.leaders = await ctx.call('duties.team', { year });
        if (given !== undefined) {
          const leader = (data.leaders as { id: number; name: string }[]).find(
            (l) => l.name === given || String(l.id) === given,
          );
          if (!leader) throw usageError(`${year}年度的班子成员中没有“${given}”。`);
          value = leader.id;
        } else value = defaultParam(param, data);
        if (value === null) throw usageError(`${year}年度还没有登记领导班子成员。请先在“一岗双责”中登记。`);
        break;
      }
      case 'branch': {
        if (given === undefined) break;
        const units = await ctx.call('org.units', {});
        const branch = units.find((u) => u.kind === 'branch' && (u.name === given || String(u.id) === given));
        if (!branch)
          throw usageError(
            `没有名为“${given}”的党支部。可选：${units
              .filter((u) => u.kind === 'branch')
              .map((u) => u.name)
              .join('、')}`,
          );
        value = branch.id;
        break;
      }
      case 'year':
        value = given === undefined ? defaultParam(param, data) : Number(given);
        if (typeof value === 'number' && !Number.isInteger(value))
          throw usageError(`--year 应为年份，如 2026（收到“${given}”）`);
        break;
      case 'month':
        value = given ?? defaultParam(param, data);
        break;
      case 'flag':
        value = ctx.options[optionOf(param).option] === true ? !param.default : defaultParam(param, data);
        break;
    }
    if (value !== undefined && value !== null) params[param.name] = value;
  }
  return params;
}
