import type { Db } from '../db/open';
import { writeTableWorkbook } from '../excel/workbook';
import { listAudit, type AuditQuery } from './audit';

/** The audit log, filtered as on screen, as a workbook for inspectors. */
export async function exportAudit(db: Db, query: AuditQuery): Promise<Buffer> {
  const entries = listAudit(db, { ...query, limit: query.limit ?? 100_000 });
  return writeTableWorkbook([
    {
      name: '操作记录',
      title: '操作记录',
      subtitle: `共 ${entries.length} 条`,
      columns: [
        { header: '编号', width: 8 },
        { header: '时间（UTC）', width: 22 },
        { header: '操作人', width: 18 },
        { header: '动作', width: 8 },
        { header: '对象', width: 14 },
        { header: '记录编号', width: 10 },
        { header: '改动前', width: 60 },
        { header: '改动后', width: 60 },
        { header: '原因', width: 20 },
      ],
      rows: entries.map((e) => [e.id, e.at, e.actor, { insert: '新增', update: '修改', delete: '删除' }[e.action], e.entity, e.entityId, e.before ? JSON.stringify(e.before) : null, e.after ? JSON.stringify(e.after) : null, e.reason]),
    },
  ]);
}
