import { createHash } from 'node:crypto';
import type { IsoDate } from '../../../shared/dates';
import type { Db } from '../../db/open';
import { QUIET_TASK, type Task } from '../../tasks';
import { analyseImport, type Analysis, type MappingOverride } from './analyse';

/**
 * The import wizard reads and checks a workbook for its preview, then hands the same file back to
 * commit it; reading and checking 10,000 rows twice was half the import's time. The last analysis
 * is kept and reused when nothing it depends on has moved: the same database connection, the same
 * bytes, mapping and day, and no change to the data since (every change writes an audit entry, so
 * the last entry's id says whether anything did).
 */
export class ImportAnalysisMemo {
  private last: { db: Db; key: string; analysis: Analysis } | null = null;

  async analyse(
    db: Db,
    fileName: string,
    bytes: Uint8Array,
    override: MappingOverride | null,
    today: IsoDate,
    task: Task = QUIET_TASK,
  ): Promise<Analysis> {
    const key = this.key(db, fileName, bytes, override, today);
    if (this.last && this.last.db === db && this.last.key === key) return this.last.analysis;
    const analysis = await analyseImport(db, fileName, bytes, override, today, task);
    // Keyed by the data as it was when the reading began; a change meanwhile makes the key stale.
    this.last = { db, key, analysis };
    return analysis;
  }

  /** After a commit the analysis describes data that has moved on: let it go. */
  forget(): void {
    this.last = null;
  }

  private key(db: Db, fileName: string, bytes: Uint8Array, override: MappingOverride | null, today: IsoDate): string {
    const { last } = db.prepare('SELECT ifnull(max(id), 0) AS last FROM audit_log').get() as { last: number };
    const content = createHash('sha256').update(bytes).digest('hex');
    return JSON.stringify([fileName, content, override, today, last]);
  }
}
