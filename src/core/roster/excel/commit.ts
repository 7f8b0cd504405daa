import type { IsoDate } from '../../../shared/dates';
import { AppError } from '../../../shared/errors';
import { IMPORT_FIELDS, type ImportResult } from '../../../shared/members/import-fields';
import type { Db } from '../../db/open';
import { transactionInSteps } from '../../db/steps';
import { count, QUIET_TASK, type Task } from '../../tasks';
import { memberValues, openingEvents, prepareMemberWrites } from '../members';
import type { Analysis } from './analyse';

/**
 * Writes every accepted row in one transaction, or nothing. Rows with problems must have been
 * left out by the user explicitly (skipRows); a problem nobody decided about stops the commit.
 */
export interface CommitChoices {
  skipRows: readonly number[];
  /** The person confirmed creating the units the workbook names that the organisation lacks. */
  createBranches: boolean;
}

export async function commitImport(
  db: Db,
  analysis: Analysis,
  choices: CommitChoices,
  today: IsoDate,
  task: Task = QUIET_TASK,
): Promise<ImportResult> {
  const { preview } = analysis;
  const { skipRows } = choices;
  if (analysis.missingColumns.length) {
    throw new AppError({
      code: 'RULE_VIOLATION',
      message: `文件“${preview.fileName}”缺少必需的列：${analysis.missingColumns.map((f) => IMPORT_FIELDS[f].label).join('、')}，没有导入任何数据。`,
      detail: 'missing columns',
      field: 'mapping',
    });
  }
  const skip = new Set(skipRows);
  const undecided = preview.problemRows.filter((r) => !skip.has(r));
  if (undecided.length) {
    const shown = undecided.slice(0, 10).join('、') + (undecided.length > 10 ? ` 行等共 ${undecided.length}` : '');
    throw new AppError({
      code: 'RULE_VIOLATION',
      message: `第 ${shown} 行有问题，既没有改正也没有选择跳过，没有导入任何数据。请在表格中改正后重新读取，或确认跳过这些行。`,
      detail: `undecided rows ${undecided.join(',')}`,
      field: 'skipRows',
    });
  }
  const rows = analysis.accepted.filter((a) => !skip.has(a.row) && a.changed);
  const needed = analysis.units.needed(rows.flatMap((r) => [r.checked.fields.branchId, r.checked.fields.partyGroupId]));
  if (needed.length && !choices.createBranches) {
    const list = needed.map((u) => `${u.name}（${u.rows} 行）`).join('、');
    throw new AppError({
      code: 'RULE_VIOLATION',
      message: `表格中有 ${needed.length} 个党组织尚未建立：${list}。请确认建立后再导入，或在表格中改为已有党组织的名称；没有导入任何数据。`,
      detail: `new units not confirmed: ${needed.map((u) => u.name).join(', ')}`,
      field: 'createBranches',
    });
  }
  const writes = prepareMemberWrites(db);
  const setStatus = db.prepare(`UPDATE member SET status = ? WHERE id = ?`);
  let added = 0;
  let updated = 0;
  // The new units are made in the same transaction, before the first member: members and their new branches, or neither.
  let real: Map<number, number> | null = null;
  await transactionInSteps(
    db,
    task,
    rows,
    (row) => {
      real ??= analysis.units.create(db, needed, today);
      const values = memberValues(row.checked);
      values.branch_id = real.get(values.branch_id) ?? values.branch_id;
      if (values.party_group_id !== null)
        values.party_group_id = real.get(values.party_group_id) ?? values.party_group_id;
      if (row.existing) {
        writes.update(row.existing.id, values);
        updated += 1;
      } else {
        const id = writes.insert(values);
        openingEvents(writes, id, values);
        if (row.status === 'suspended') {
          setStatus.run('suspended', id);
          writes.event(id, 'suspended', today, { note: `导入名册“${preview.fileName}”时党籍状态为停止党籍` });
        }
        added += 1;
      }
    },
    (done, total) => `正在写入第 ${count(done)} / ${count(total)} 人`,
  );
  return {
    ok: true,
    rows: preview.rows,
    valid: preview.valid,
    imported: added + updated,
    added,
    updated,
    skipped: [...skip]
      .filter((r) => preview.problemRows.includes(r) || analysis.accepted.some((a) => a.row === r))
      .sort((a, b) => a - b),
    errors: preview.errors,
    createdBranches: needed.map((u) => u.name),
  };
}
