import fs from 'node:fs/promises';
import path from 'node:path';
import { closeSharedPrinter } from '../core/documents/chromium-printer';
import { AppError } from '../shared/errors';
import { MEETING_KIND_LABEL } from '../shared/meetings/rules';
import { MEETING_DOCUMENT_IDS } from '../shared/meetings/views';
import type { Command } from './command-types';
import { table } from './output';

/* 民主生活会、组织生活会 on the command line: the list, and the year's binder as PDF or Word. */

function usageError(message: string): AppError {
  return new AppError({ code: 'INVALID_INPUT', message, detail: 'usage' });
}

export const MEETINGS_COMMANDS: Record<string, Command> = {
  'meetings list': {
    usage: 'meetings list',
    summary: '列出民主生活会、组织生活会，以及逾期环节和未销号整改事项',
    async run(ctx) {
      const meetings = await ctx.call('meetings.list', {});
      const rows = meetings.map((m) => [
        String(m.id),
        String(m.year),
        `${m.unitName ?? ''}${MEETING_KIND_LABEL[m.kind]}`,
        m.heldOn,
        m.theme,
        m.lateSteps ? `${m.lateSteps}项逾期` : '',
        m.openItems ? `${m.openItems}项未销号` : '',
      ]);
      ctx.out.result(
        meetings.length ? table(['编号', '年度', '会议', '日期', '主题', '环节', '整改'], rows) : '还没有会议。',
        { ok: true, meetings },
      );
    },
  },
  'meetings binder': {
    usage: 'meetings binder --meeting 编号 --out 汇编.pdf|汇编.docx [--single-sided]',
    summary: '把一次会议的全套材料生成为带封面、目录和连续页码的汇编（PDF或Word）',
    async run(ctx) {
      const word = ctx.options.meeting;
      const meetingId = typeof word === 'string' && /^[1-9][0-9]{0,8}$/.test(word) ? Number(word) : null;
      if (meetingId === null)
        throw usageError(
          `--meeting 应为会议编号（收到“${typeof word === 'string' ? word : ''}”），可用 meetings list 查看`,
        );
      const out = typeof ctx.options.out === 'string' ? ctx.options.out : undefined;
      const ext = out ? path.extname(out).toLowerCase() : '';
      if (!out || (ext !== '.pdf' && ext !== '.docx'))
        throw usageError(`--out 应为以 .pdf 或 .docx 结尾的文件名（收到“${out ?? ''}”）`);
      try {
        const params = { meetingId, ...(ctx.options['single-sided'] === true ? { oddPageStarts: false } : {}) };
        if (ext === '.docx') {
          const exported = await ctx.call('documents.export', {
            id: MEETING_DOCUMENT_IDS.binder,
            params,
            format: 'docx',
          });
          const target = await write(out, exported.base64);
          ctx.out.result(`已生成Word文件：${target}（目录页码在Word中打开时更新域后显示）`, { ok: true, file: target });
          return;
        }
        const preview = await ctx.call('documents.preview', { id: MEETING_DOCUMENT_IDS.binder, params });
        const target = await write(out, preview.pdf);
        const parts = preview.meta.parts ?? [];
        ctx.out.result(
          [
            `已生成“${preview.meta.title}”：${target}（${preview.meta.pageCount} 页）`,
            ...parts.map((p) => `  第${p.page}页起  ${p.title}`),
          ].join('\n'),
          {
            ok: true,
            file: target,
            pageCount: preview.meta.pageCount,
            parts,
          },
        );
      } finally {
        await closeSharedPrinter();
      }
    },
  },
};

async function write(out: string, base64: string): Promise<string> {
  const target = path.resolve(out);
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
