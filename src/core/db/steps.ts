import type { Task } from '../tasks';
import type { Db } from './open';

/**
 * One transaction over many items, all or nothing like db.transaction, that reports progress
 * and can be cancelled between items. It keeps the transaction open while it yields, so it runs
 * as exclusive work: no other call may read half of it or write into it meanwhile.
 */
export async function transactionInSteps<T>(
  db: Db,
  task: Task,
  items: readonly T[],
  write: (item: T) => void,
  text: (done: number, total: number) => string,
): Promise<void> {
  await task.exclusive(async () => {
    db.exec('BEGIN IMMEDIATE');
    try {
      for (let i = 0; i < items.length; i++) {
        write(items[i]!);
        await task.tick(i + 1, items.length, () => text(i + 1, items.length));
      }
      task.checkCancelled();
      db.exec('COMMIT');
    } catch (error) {
      if (db.inTransaction) db.exec('ROLLBACK');
      throw error;
    }
  });
}
