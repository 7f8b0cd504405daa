import fs from 'node:fs/promises';
import path from 'node:path';
import { closeSharedPrinter } from '../core/documents/chromium-printer';
import { localToday } from '../shared/dates';
import { DOCUMENT_KIND_LABEL, type ExportFormat } from '../shared/documents';
import { AppError } from '../shared/errors';
import type { Command, CommandContext } from './command-types';
import { table } from './output';
import { paramsUsage, resolvePrintParams } from './print-params';

/** `print DOCUMENT --out FILE.pdf|FILE.docx`: any registered document, through the same channels as the app. */

function usageError(message: string): AppError {
  return new AppError({ code: 'INVALID_INPUT', message, detail: 'usage' });
}

function formatOf(file: string): ExportFormat {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.pdf') return 'pdf';
  if (ext === '.docx') return 'docx';
  throw usageError(`--out 的文件名应以 .pdf 或 .docx 结尾（收到“${file}”）`);
}

async function writeFile(file: string, base64: string): Promise<string> {
  const target = path.resolve(file);
  try {
    await fs.writeFile(target, Buffer.from(base64, 'base64'));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new AppError({ code: 'INTERNAL', message: `无法写入文件“${target}”（${code}）。`, detail: String(error) });
  }
  return target;
}

async function listDocuments(ctx: CommandContext): Promise<void> {
  const documents = await ctx.call('documents.list', {});
  const rows = documents.map((d) => [
    d.id,
    d.title,
    DOCUMENT_KIND_LABEL[d.kind],
    d.formats.map((f) => `.${f}`).join(' '),
    paramsUsage(d),
  ]);
  ctx.out.result(table(['编号', '名称', '类型', '可保存为', '参数'], rows), { ok: true, documents });
}

async function printDocument(ctx: CommandContext, id: string): Promise<void> {
  const out = typeof ctx.options.out === 'string' ? ctx.options.out : undefined;
  if (!out) throw usageError(`请用 --out 指定保存的文件，例如：print ${id} --out ${id}.pdf`);
  const format = formatOf(out);
  const doc = (await ctx.call('documents.list', {})).find((d) => d.id === id);
  if (!doc)
    throw new AppError({
      code: 'NOT_FOUND',
      message: `没有编号为“${id}”的文档。用 print list 查看可打印的文档。`,
      detail: `unknown document ${id}`,
    });
  const params = await resolvePrintParams(ctx, doc, localToday());
  if (format === 'pdf') {
    // The preview channel also says which fonts stood in, and where a binder's parts start.
    const preview = await ctx.call('documents.preview', { id, params });
    const file = await writeFile(out, preview.pdf);
    const { meta } = preview;
    const lines = [`已生成“${meta.title}”：${file}（${meta.pageCount} 页）`];
    for (const part of meta.parts ?? []) lines.push(`  第${part.page}页起  ${part.title}`);
    if (meta.unfinished?.length) lines.push(`注意：以下材料尚未完成，印出的是现有内容：${meta.unfinished.join('；')}`);
    for (const note of meta.substitutions) lines.push(`字体：${note}`);
    ctx.out.result(lines.join('\n'), {
      ok: true,
      file,
      format,
      pageCount: meta.pageCount,
      parts: meta.parts ?? [],
      unfinished: meta.unfinished ?? [],
      substitutions: meta.substitutions,
    });
    return;
  }
  const exported = await ctx.call('documents.export', { id, params, format });
  const file = await writeFile(out, exported.base64);
  ctx.out.result(`已生成Word文件：${file}`, { ok: true, file, format });
}

export const PRINT_COMMANDS: Record<string, Command> = {
  print: {
    usage:
      'print 文档编号 --out 文件.pdf|文件.docx [--meeting 会议编号] [--person 姓名] [--year 2026] [--month 2026-03] [--branch 党支部] [--single-sided] [--with-decisions]    （print list 列出文档及其参数）',
    summary:
      '生成文档的PDF或Word文件，参数与“文档打印”的选项相同、默认值相同；--single-sided 让汇编各篇不必从奇数页起，--with-decisions 给花名册加奖惩情况列',
    async run(ctx) {
      const id = ctx.positionals[0];
      try {
        if (!id || id === 'list') return await listDocuments(ctx);
        return await printDocument(ctx, id);
      } finally {
        // The PDF browser would otherwise keep the process alive.
        await closeSharedPrinter();
      }
    },
  },
};
