import { ACTION_LABEL, describeEntry, describeRow, ENTITY_LABEL } from '../../shared/audit/describe';
import { formatLocalDateTime } from '../../shared/dates';
import type { Db } from '../db/open';
import { writeTableWorkbook } from '../excel/workbook';
import { listAudit, type AuditQuery } from './audit';

/**
 * The audit log, filtered as on screen, as a workbook for inspectors: each entry worded as the
 * 操作记录 screen words it, and the row before and after field by field in the office's words
 * (codes through the label maps, 分 as 元), not as the JSON the triggers store.
 */
export async function exportAudit(db: Db, query: AuditQuery): Promise<Buffer> {
  const entries = listAudit(db, { ...query, limit: query.limit ?? 100_000 });
  return writeTableWorkbook([
    {
      name: '操作记录',
      title: '操作记录',
      subtitle: `共 ${entries.length} 条`,
      columns: [
        { header: '编号', width: 8 },
        { header: '时间', width: 22 },
        { header: '操作人', width: 18 },
        { header: '动作', width: 8 },
        { header: '对象', width: 16 },
        { header: '记录编号', width: 10 },
        { header: '内容', width: 50 },
        { header: '改动前', width: 60 },
        { header: '改动后', width: 60 },
        { header: '原因', width: 20 },
      ],
      rows: entries.map((e) => [
        e.id,
        formatLocalDateTime(e.at),
        e.actor,
        ACTION_LABEL[e.action],
        ENTITY_LABEL[e.entity] ?? e.entity,
        e.entityId,
        describeEntry(e),
        describeRow(e.entity, e.before) || null,
        describeRow(e.entity, e.after) || null,
        e.reason,
      ]),
    },
  ]);
}
