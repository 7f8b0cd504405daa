import { AppError } from '../../shared/errors';

/** better-sqlite3 reports constraint failures with these codes. */
export function isUniqueViolation(error: unknown): boolean {
  return (
    typeof error === 'object' && error !== null && (error as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE'
  );
}

/**
 * SQLite's own refusals that mean another program has the file, in the office's words instead
 * of the generic "操作未能完成": SQLITE_BUSY after the busy timeout (a program that ignores the
 * writer lock, such as an sqlite3 shell, holds a write transaction), SQLITE_READONLY on a
 * connection opened to read beside another program. Null for anything else.
 */
export function fileInUseError(error: unknown): AppError | null {
  const code = String((error as { code?: unknown } | null)?.code ?? '');
  const detail = error instanceof Error ? `${code}: ${error.message}` : code;
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return new AppError({
      code: 'CONFLICT',
      message: '数据文件正被另一个程序使用，刚才的操作没有完成，数据没有改动。请关闭其他正在使用数据文件的程序后重试。',
      detail,
    });
  }
  if (code.startsWith('SQLITE_READONLY')) {
    return new AppError({
      code: 'CONFLICT',
      message: '数据文件正被另一个程序使用，本次只能查看，不能修改，数据没有改动。请关闭那个程序后再修改。',
      detail,
    });
  }
  return null;
}
