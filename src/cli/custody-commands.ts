import path from 'node:path';
import { ACTION_LABEL, describeEntry, ENTITY_LABEL } from '../shared/audit/describe';
import { BACKUP_REASON_LABEL } from '../shared/custody';
import { formatLocalDateTime } from '../shared/dates';
import { AppError } from '../shared/errors';
import type { Command, CommandContext } from './command-types';
import { table } from './output';

/*
 * backup create | list | restore ID | export --out FILE | import FILE | verify FILE, and audit list.
 * Passphrases and passwords come from the environment, never from the command line, where
 * they would stay in the shell's history and show in the process list.
 */

function usageError(message: string): AppError {
  return new AppError({ code: 'INVALID_INPUT', message, detail: 'usage' });
}

function passphrase(): string {
  const value = process.env.PARTY_OFFICE_PASSPHRASE;
  if (!value) throw usageError('请用环境变量 PARTY_OFFICE_PASSPHRASE 提供导出口令（不要写在命令行里）。');
  return value;
}

const size = (bytes: number) =>
  bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(0)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;

async function backupList(ctx: CommandContext): Promise<void> {
  const backups = await ctx.call('backup.list', {});
  ctx.out.result(
    backups.length
      ? table(
          ['编号', '时间', '类型', '党员', '大小'],
          backups.map((b) => [
            b.id,
            formatLocalDateTime(b.createdAt),
            BACKUP_REASON_LABEL[b.reason],
            `${b.counts.members}人`,
            size(b.size),
          ]),
        )
      : '还没有备份。',
    { ok: true, backups },
  );
}

export const CUSTODY_COMMANDS: Record<string, Command> = {
  'backup create': {
    usage: 'backup create',
    summary: '立即备份（VACUUM INTO，写完即做完整性检查）',
    async run(ctx) {
      const b = await ctx.call('backup.create', {});
      ctx.out.result(`已备份：${b.id}（${size(b.size)}，党员 ${b.counts.members} 人，已通过完整性检查）`, {
        ok: true,
        backup: b,
      });
    },
  },
  'backup list': { usage: 'backup list', summary: '列出本机的备份', run: backupList },
  'backup restore': {
    usage: 'backup restore 备份编号',
    summary: '从备份恢复（恢复前先备份当前数据）',
    async run(ctx) {
      const id = ctx.positionals[0];
      if (!id) throw usageError('请写出备份编号，可用 backup list 查看。');
      const { restored, safety } = await ctx.call('backup.restore', { id });
      ctx.out.result(
        `已恢复到 ${formatLocalDateTime(restored.createdAt)} 的备份；恢复前的数据已备份为 ${safety.id}。`,
        { ok: true, restored, safety },
      );
    },
  },
  'backup export': {
    usage: 'backup export --out 文件或文件夹   （口令：环境变量 PARTY_OFFICE_PASSPHRASE）',
    summary: '导出加密的数据文件（.pobk），用于U盘携带',
    async run(ctx) {
      const out = typeof ctx.options.out === 'string' ? ctx.options.out : ctx.positionals[0];
      if (!out) throw usageError('请用 --out 指定导出到的文件或文件夹，例如：backup export --out E:\\');
      const result = await ctx.call('backup.export', { passphrase: passphrase(), target: path.resolve(out) });
      ctx.out.result(`已导出到 ${result.file}（${size(result.bytes)}），已读回核对，SHA-256 ${result.sha256}`, {
        ok: true,
        ...result,
      });
    },
  },
  'backup import': {
    usage:
      'backup import 文件.pobk [--accept-different-organ] [--accept-broken-audit-log]   （口令：环境变量 PARTY_OFFICE_PASSPHRASE）',
    summary: '用导出的数据文件替换本机数据（先检查，再自动备份，然后一次性替换）',
    async run(ctx) {
      const source = ctx.positionals[0];
      if (!source) throw usageError('请写出要导入的 .pobk 文件路径。');
      const preview = await ctx.call('backup.import', {
        source: path.resolve(source),
        passphrase: passphrase(),
        acceptDifferentOrgan: ctx.options['accept-different-organ'] === true,
        acceptBrokenAuditLog: ctx.options['accept-broken-audit-log'] === true,
      });
      const changes = preview.changes.map((c) => [c.table, String(c.current), String(c.incoming)]);
      ctx.out.result(
        `已导入“${preview.organ?.name ?? ''}”于 ${formatLocalDateTime(preview.exportedAt)} 导出的数据（导入前的数据已自动备份）。\n${table(['内容', '导入前', '导入后'], changes)}`,
        { ok: true, preview },
      );
    },
  },
  'backup verify': {
    usage: 'backup verify 文件.pobk   （口令：环境变量 PARTY_OFFICE_PASSPHRASE）',
    summary: '按导入时的全部检查核验导出的数据文件，说明其中有什么（不写入任何数据）',
    async run(ctx) {
      const source = ctx.positionals[0];
      if (!source) throw usageError('请写出要检查的 .pobk 文件路径。');
      const result = await ctx.call('backup.verify', { source: path.resolve(source), passphrase: passphrase() });
      const found = `${result.organ.name}，${formatLocalDateTime(result.exportedAt)} 导出，数据版本 ${result.schemaVersion}；党员 ${result.members} 人，操作记录 ${result.auditLog.entries} 条`;
      if (!result.auditLog.intact) {
        ctx.out.result(
          `有问题：${found}，但操作记录从第 ${result.auditLog.brokenAt} 条起对不上（被改动、删除或在程序之外插入过）。导入时须确认（--accept-broken-audit-log）。`,
          { ok: false, valid: false, ...result },
        );
        return 1;
      }
      ctx.out.result(`有效：${found}，逐条核验一致。`, { ok: true, valid: true, ...result });
    },
  },
  'audit list': {
    usage: 'audit list [--limit 条数]',
    summary: '列出最近的操作记录',
    async run(ctx) {
      const limit = typeof ctx.options.limit === 'string' ? Number(ctx.options.limit) : 50;
      const entries = await ctx.call('audit.list', { limit });
      ctx.out.result(
        table(
          ['编号', '时间', '操作人', '动作', '对象', '内容', '原因'],
          entries.map((e) => [
            String(e.id),
            formatLocalDateTime(e.at),
            e.actor,
            ACTION_LABEL[e.action],
            ENTITY_LABEL[e.entity] ?? e.entity,
            describeEntry(e),
            e.reason ?? '',
          ]),
        ),
        { ok: true, entries },
      );
    },
  },
};
