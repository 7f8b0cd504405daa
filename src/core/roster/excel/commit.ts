import type { IsoDate } from '../../../shared/dates';
import { AppError } from '../../../shared/errors';
import {
  IMPORT_FIELDS,
  rowRef,
  rowRefKey,
  rowRefText,
  type ImportResult,
  type RowRef,
} from '../../../shared/members/import-fields';
import type { Db } from '../../db/open';
import { transactionInSteps } from '../../db/steps';
import { count, QUIET_TASK, type Task } from '../../tasks';
import { memberValues, openingEvents, prepareMemberWrites } from '../members';
import type { Analysis } from './analyse';
import { faultPoint } from '../../fault-point';

/**
 * Writes every accepted row in one transaction, or nothing. Rows with problems must have been
 * left out by the user explicitly (skipRows); a problem nobody decided about stops the commit.
 */
export interface CommitChoices {
  /** Row numbers, or sheet and row where several sheets are read, as the preview's problemRows. */
  skipRows: readonly RowRef[];
  /** The person confirmed creating the units the workbook names that the organisation lacks. */
  createBranches: boolean;
}

/** Rows by their sheet's place in the workbook, then by row. */
function inWorkbookOrder(sheets: string[]): (a: RowRef, b: RowRef) => number {
  const place = (r: RowRef) => (typeof r === 'number' ? -1 : sheets.indexOf(r.sheet));
  const row = (r: RowRef) => (typeof r === 'number' ? r : r.row);
  return (a, b) => place(a) - place(b) || row(a) - row(b);
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
  const skip = new Set(skipRows.map(rowRefKey));
  const undecided = preview.problemRows.filter((r) => !skip.has(rowRefKey(r)));
  if (undecided.length) {
    const first = undecided.slice(0, 10);
    const more = undecided.length > 10 ? `等共 ${undecided.length} 行` : '';
    const shown = first.every((r) => typeof r === 'number')
      ? `第 ${first.join('、')}${more ? ` 行${more}` : ' 行'}`
      : first.map(rowRefText).join('、') + more;
    throw new AppError({
      code: 'RULE_VIOLATION',
      message: `${shown}有问题，既没有改正也没有选择跳过，没有导入任何数据。请在表格中改正后重新读取，或确认跳过这些行。`,
      detail: `undecided rows ${undecided.map(rowRefKey).join(',')}`,
      field: 'skipRows',
    });
  }
  const skipped = (a: { sheet?: string; row: number }) => skip.has(rowRefKey(rowRef(a.sheet, a.row)));
  const rows = analysis.accepted.filter((a) => !skipped(a) && a.changed);
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
      faultPoint('roster-import:row');
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
    // In workbook order: the problem rows and accepted rows the person left out.
    skipped: [
      ...preview.problemRows.filter((r) => skip.has(rowRefKey(r))),
      ...analysis.accepted.filter(skipped).map((a) => rowRef(a.sheet, a.row)),
    ].sort(inWorkbookOrder(preview.sheets.map((s) => s.name))),
    errors: preview.errors,
    createdBranches: needed.map((u) => u.name),
  };
}
