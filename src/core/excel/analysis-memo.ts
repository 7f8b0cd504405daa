import { createHash } from 'node:crypto';
import type { Db } from '../db/open';
import { QUIET_TASK, type Task } from '../tasks';

/**
 * The import wizards (roster and payroll) read and check a workbook for their preview, then hand
 * the same file back to commit it; reading and checking 10,000 rows twice was half an import's
 * time. The last analysis is kept and reused when nothing it depends on has moved: the same
 * database connection, the same bytes and choices (the day among them), and no change to the
 * data since (every change writes an audit entry, so the last entry's id says whether anything
 * did). One memo per kind of import: a payroll preview does not push out the roster's.
 */
export class AnalysisMemo<Choices, Result> {
  private last: { db: Db; key: string; analysis: Result } | null = null;

  constructor(
    private readonly compute: (
      db: Db,
      fileName: string,
      bytes: Uint8Array,
      choices: Choices,
      task: Task,
    ) => Promise<Result>,
  ) {}

  async analyse(
    db: Db,
    fileName: string,
    bytes: Uint8Array,
    choices: Choices,
    task: Task = QUIET_TASK,
  ): Promise<Result> {
    const key = this.key(db, fileName, bytes, choices);
    if (this.last && this.last.db === db && this.last.key === key) return this.last.analysis;
    const analysis = await this.compute(db, fileName, bytes, choices, task);
    // Keyed by the data as it was when the reading began; a change meanwhile makes the key stale.
    this.last = { db, key, analysis };
    return analysis;
  }

  /** After a commit the analysis describes data that has moved on: let it go. */
  forget(): void {
    this.last = null;
  }

  private key(db: Db, fileName: string, bytes: Uint8Array, choices: Choices): string {
    const { last } = db.prepare('SELECT ifnull(max(id), 0) AS last FROM audit_log').get() as { last: number };
    const content = createHash('sha256').update(bytes).digest('hex');
    return JSON.stringify([fileName, content, choices, last]);
  }
}
