import fs from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../shared/errors';
import { CATEGORY_LABEL, GENDER_LABEL } from '../shared/members/fields';
import { rowRef, rowRefText, type ImportSheet } from '../shared/members/import-fields';
import {
  COMMITTEE_KIND_LABEL,
  POST_LABEL,
  suggestedCommitteeName,
  UNIT_KIND_LABEL,
  type CommitteeKind,
} from '../shared/org';
import { formatChineseDate } from '../shared/dates';
import { flattenTree } from '../shared/org-tree';
import { table } from './output';
import { CUSTODY_COMMANDS } from './custody-commands';
import { DUTIES_COMMANDS } from './duties-commands';
import { DUES_COMMANDS } from './dues-commands';
import { MEETINGS_COMMANDS } from './meetings-commands';
import { PRINT_COMMANDS } from './print-commands';
import type { Command, CommandContext } from './command-types';

export type { Call, Command, CommandContext } from './command-types';

function text(ctx: CommandContext, name: string): string | undefined {
  const value = ctx.options[name];
  return typeof value === 'string' ? value : undefined;
}

const SHEET_KIND_WORD: Record<ImportSheet['kind'], string> = {
  roster: '名册',
  branch: '党支部名册',
  other: '汇总或说明',
  empty: '空白',
};

/** "工作表：第一党支部（党支部名册，12 行，读取）、汇总（汇总或说明，未读取）". */
function sheetsLine(sheets: readonly ImportSheet[]): string {
  const one = (s: ImportSheet) => {
    const rows = s.kind === 'roster' || s.kind === 'branch' ? `，${s.rows} 行` : '';
    return `${s.name}（${SHEET_KIND_WORD[s.kind]}${rows}${s.hidden ? '，隐藏' : ''}，${s.chosen ? '读取' : '未读取'}）`;
  };
  return `工作表：${sheets.map(one).join('、')}。可用 --sheet 指定要读取的工作表。`;
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

async function readInputFile(file: string | undefined, what: string): Promise<{ fileName: string; base64: string }> {
  if (!file) throw usageError(`请写出要${what}的文件路径`);
  try {
    return { fileName: path.basename(file), base64: (await fs.readFile(file)).toString('base64') };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new AppError({
      code: 'NOT_FOUND',
      message: code === 'ENOENT' ? `找不到文件“${file}”。` : `无法读取文件“${file}”（${code ?? '未知原因'}）。`,
      detail: String(error),
      field: 'file',
    });
  }
}

async function writeOutputFile(file: string | undefined, base64: string): Promise<string> {
  if (!file) throw usageError('请写出要保存到的文件路径，例如：roster export 名册.xlsx');
  const target = path.resolve(file);
  try {
    await fs.writeFile(target, Buffer.from(base64, 'base64'));
  } catch (error) {
    throw new AppError({
      code: 'INTERNAL',
      message: `无法写入文件“${target}”：${(error as NodeJS.ErrnoException).code ?? String(error)}。`,
      detail: String(error),
    });
  }
  return target;
}

export const COMMANDS: Record<string, Command> = {
  init: {
    usage:
      'init --organ 机关名称 [--kind 机关党委|机关党总支|机关党支部] [--committee-name 名称] [--superior 上级党组织] [--branch 支部名称]...',
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
  'roster import': {
    usage: 'roster import 名册.xlsx [--dry-run] [--skip-invalid] [--create-branches] [--sheet 工作表 ...]',
    summary:
      '从 Excel 或 WPS 表格导入党员名册（--dry-run 只检查不写入；--skip-invalid 跳过有问题的行；--create-branches 建立表格中尚未建立的党支部；--sheet 只读这些工作表，可写多次，不写则读每个以党支部命名的工作表或名册所在的工作表）',
    async run(ctx) {
      const file = await readInputFile(ctx.positionals[0], '导入');
      const createBranches = Boolean(ctx.options['create-branches']);
      const chosen = ctx.options.sheet;
      const sheets = Array.isArray(chosen) && chosen.length ? chosen : undefined;
      const preview = await ctx.call('roster.importPreview', { file, sheets });
      const errors = preview.errors;
      const problemLines = errors.map(
        (e) => `  ${rowRefText(rowRef(e.sheet, e.row))} ${e.column}“${e.value}”：${e.message}`,
      );
      if (preview.errorCount > errors.length)
        problemLines.push(
          `  ……共 ${preview.errorCount} 条问题，以上是前 ${errors.length} 条；完整清单可在程序的导入窗口中下载。`,
        );
      const summary = `共读取 ${preview.rows} 行，可导入 ${preview.valid} 行（新增 ${preview.newMembers}，更新 ${preview.updatedMembers}，无变化 ${preview.unchangedMembers}），有问题 ${preview.problemRows.length} 行。`;
      const newBranches = preview.newBranches.map((u) => ({
        name: u.name,
        kind: u.kind,
        rows: u.rows,
        similar: u.similar,
      }));
      const branchLines = preview.newBranches.length
        ? [
            `表格中有 ${preview.newBranches.length} 个党组织尚未建立${createBranches ? '，导入时将一并建立' : ''}：`,
            ...preview.newBranches.map(
              (u) =>
                `  ${u.name}（${u.rows} 行）${u.similar.length ? `：与已有的“${u.similar.map((s) => s.name).join('”“')}”相近，请确认不是同一个` : ''}`,
            ),
          ]
        : [];
      const sheetLines = preview.sheets.length > 1 ? [sheetsLine(preview.sheets)] : [];
      const unconfirmed = preview.newBranches.length > 0 && !createBranches;
      const answer = (imported: number, ok: boolean) => ({
        ok,
        sheets: preview.sheets,
        rows: preview.rows,
        valid: preview.valid,
        imported,
        errors,
        errorCount: preview.errorCount,
        newBranches,
      });
      if (ctx.options['dry-run'] || unconfirmed || (errors.length > 0 && !ctx.options['skip-invalid'])) {
        const ok = errors.length === 0 && !unconfirmed;
        const tail = ctx.options['dry-run']
          ? '（检查模式，没有写入任何数据）'
          : unconfirmed
            ? '\n表格中的党组织尚未建立，没有写入任何数据。确认无误后加 --create-branches 一并建立，或在表格中改为已有党支部的名称。'
            : '\n有问题的行既没有改正也没有选择跳过，没有写入任何数据。改正后重新导入，或加 --skip-invalid 跳过这些行。';
        ctx.out.result([...sheetLines, summary, ...branchLines, ...problemLines, tail].join('\n'), answer(0, ok));
        return ok || ctx.options['dry-run'] ? 0 : 1;
      }
      const result = await ctx.call('roster.importCommit', {
        file,
        sheets,
        skipRows: preview.problemRows,
        createBranches,
      });
      ctx.out.result(
        [
          ...sheetLines,
          summary,
          ...branchLines,
          ...problemLines,
          `已导入 ${result.imported} 人（新增 ${result.added}，更新 ${result.updated}）${result.createdBranches.length ? `，建立党组织 ${result.createdBranches.length} 个` : ''}。`,
        ].join('\n'),
        {
          ...answer(result.imported, true),
          added: result.added,
          updated: result.updated,
          skipped: result.skipped,
          createdBranches: result.createdBranches,
        },
      );
    },
  },
  'roster export': {
    usage: 'roster export 名册.xlsx',
    summary: '把党员名册导出为 Excel',
    async run(ctx) {
      const file = await ctx.call('roster.export', { query: {} });
      const target = await writeOutputFile(ctx.positionals[0], file.base64);
      ctx.out.result(`已导出到 ${target}`, { ok: true, file: target });
    },
  },
  'roster list': {
    usage: 'roster list [--search 姓名或拼音首字母] [--dates-incomplete]',
    summary: '列出在册党员（--dates-incomplete 只列入党、转正日期只记到月份、待补全的党员）',
    async run(ctx) {
      const rows = [];
      let offset = 0;
      let counts;
      for (;;) {
        const page = await ctx.call('roster.search', {
          text: text(ctx, 'search'),
          ...(ctx.options['dates-incomplete'] ? { monthOnlyDates: true } : {}),
          offset,
          limit: 500,
        });
        counts = page.counts;
        rows.push(...page.rows);
        offset += page.rows.length;
        if (page.rows.length < 500) break;
      }
      const table_ = table(
        ['姓名', '性别', '身份证号', '党支部', '类别', '入党日期', '党龄'],
        rows.map((m) => [
          m.name,
          GENDER_LABEL[m.gender],
          m.maskedCitizenId,
          m.branchName,
          CATEGORY_LABEL[m.category],
          `${formatChineseDate(m.admittedOn)}${m.monthOnlyDates.length ? '（日期待补全）' : ''}`,
          m.partyStanding === null ? '' : String(m.partyStanding),
        ]),
      );
      ctx.out.result(
        `${table_}\n共 ${counts?.total ?? 0} 人：正式党员 ${counts?.full ?? 0}，预备党员 ${counts?.probationary ?? 0}`,
        { ok: true, counts, members: rows },
      );
    },
  },
  'org add-branch': {
    usage: 'org add-branch 支部名称 [--parent 上级组织名称或编号]',
    summary: '新增一个党支部',
    async run(ctx) {
      const name = ctx.positionals[0];
      if (!name) throw usageError('请写出党支部名称，例如：org add-branch 第三党支部');
      if (ctx.positionals.length > 1)
        throw usageError(
          `党支部名称只能是一个词；名称中有空格时请加引号，例如：org add-branch "${ctx.positionals.join(' ')}"`,
        );
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
  // 文档与打印
  ...PRINT_COMMANDS,
  ...DUES_COMMANDS,
  ...CUSTODY_COMMANDS,
  ...DUTIES_COMMANDS,
  ...MEETINGS_COMMANDS,
};
