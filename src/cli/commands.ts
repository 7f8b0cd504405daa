import { AppError } from '../shared/errors';
import type { Channel, Input, Output as ChannelOutput } from '../shared/contract';
import { COMMITTEE_KIND_LABEL, POST_LABEL, suggestedCommitteeName, UNIT_KIND_LABEL, type CommitteeKind } from '../shared/org';
import { formatChineseDate } from '../shared/dates';
import { flattenTree } from '../shared/org-tree';
import { table, type Output } from './output';

export type Call = <C extends Channel>(channel: C, input: Input<C>) => Promise<ChannelOutput<C>>;

export interface CommandContext {
  call: Call;
  out: Output;
  positionals: string[];
  options: Record<string, string | boolean | string[] | undefined>;
}

export interface Command {
  usage: string;
  summary: string;
  run(ctx: CommandContext): Promise<void>;
}

function text(ctx: CommandContext, name: string): string | undefined {
  const value = ctx.options[name];
  return typeof value === 'string' ? value : undefined;
}

function usageError(message: string): AppError {
  return new AppError({ code: 'INVALID_INPUT', message, detail: 'usage' });
}

const KIND_BY_WORD: Record<string, CommitteeKind> = {
  committee: 'committee',
  机关党委: 'committee',
  generalBranch: 'generalBranch',
  机关党总支: 'generalBranch',
  branch: 'branch',
  机关党支部: 'branch',
};

export const COMMANDS: Record<string, Command> = {
  init: {
    usage: 'init --organ 机关名称 [--kind 机关党委|机关党总支|机关党支部] [--committee-name 名称] [--superior 上级党组织] [--branch 支部名称]...',
    summary: '建立本机关的数据文件',
    async run(ctx) {
      const organName = text(ctx, 'organ');
      if (!organName) throw usageError('请用 --organ 指定机关名称，例如：init --organ 某某局');
      const kindWord = text(ctx, 'kind') ?? 'committee';
      const kind = KIND_BY_WORD[kindWord];
      if (!kind) throw usageError(`--kind 的值“${kindWord}”无效，只能是：机关党委、机关党总支、机关党支部`);
      const branches = (ctx.options.branch as string[] | undefined) ?? [];
      const organ = await ctx.call('organ.setup', {
        organName,
        committeeKind: kind,
        committeeName: text(ctx, 'committee-name') ?? suggestedCommitteeName(organName, kind),
        superiorName: text(ctx, 'superior') ?? '',
        branches,
      });
      ctx.out.result(
        `已建立“${organ.name}”的数据文件：${organ.committeeName}（${COMMITTEE_KIND_LABEL[organ.committeeKind]}）` +
          (branches.length ? `，首批党支部 ${branches.length} 个` : ''),
        { ok: true, organ, branches },
      );
    },
  },
  'org list': {
    usage: 'org list',
    summary: '列出组织架构、任期和现任书记',
    async run(ctx) {
      const units = await ctx.call('org.units', {});
      const rows = flattenTree(units, false).map(({ unit: u, depth }) => {
          const secretary = u.posts.find((p) => !p.endedOn && (p.post === 'secretary' || p.post === 'groupLeader'));
          const term = u.term;
          const termText =
            term.kind === 'none'
              ? ''
              : term.kind === 'expired'
                ? `已于${formatChineseDate(term.endsOn)}届满`
                : `${formatChineseDate(term.endsOn)}届满${term.kind === 'endingSoon' ? '（临近）' : ''}`;
          return [
            String(u.id),
            `${'  '.repeat(depth)}${u.name}`,
            UNIT_KIND_LABEL[u.kind],
            secretary ? `${POST_LABEL[secretary.post]} ${secretary.holderName}` : '',
            termText,
          ];
        });
      ctx.out.result(table(['编号', '名称', '类型', '书记/组长', '任期'], rows), { ok: true, units });
    },
  },
  'org add-branch': {
    usage: 'org add-branch 支部名称 [--parent 上级组织名称或编号]',
    summary: '新增一个党支部',
    async run(ctx) {
      const name = ctx.positionals[0];
      if (!name) throw usageError('请写出党支部名称，例如：org add-branch 第三党支部');
      if (ctx.positionals.length > 1) throw usageError(`党支部名称只能是一个词；名称中有空格时请加引号，例如：org add-branch "${ctx.positionals.join(' ')}"`);
      const units = await ctx.call('org.units', {});
      const parentWord = text(ctx, 'parent');
      const parent = parentWord
        ? units.find((u) => !u.dissolvedOn && (u.name === parentWord || String(u.id) === parentWord))
        : units.find((u) => u.parentId === null);
      if (!parent) throw usageError(`找不到上级组织“${parentWord ?? ''}”，可用 org list 查看名称和编号`);
      const unit = await ctx.call('org.addUnit', { kind: 'branch', parentId: parent.id, name });
      ctx.out.result(`已在“${parent.name}”下新增党支部“${unit.name}”（编号 ${unit.id}）`, { ok: true, unit });
    },
  },
};
