/**
 * Every expected failure crosses the contract as this shape: a Chinese message for the
 * office worker and an English detail for the log. Transports carry it as data (never as a
 * thrown Error), because Electron's IPC and HTTP both lose custom error classes.
 */
export type ErrorCode =
  | 'INVALID_INPUT'
  | 'UNKNOWN_CHANNEL'
  | 'NOT_SET_UP'
  | 'ALREADY_SET_UP'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'RULE_VIOLATION'
  | 'DB_TOO_NEW'
  | 'DB_FOREIGN'
  | 'DB_UNREADABLE'
  | 'DB_DAMAGED'
  | 'LOCKED'
  | 'WRONG_PASSWORD'
  | 'UNAUTHORISED'
  /** The person cancelled long work (an import, a print) and nothing was written. */
  | 'CANCELLED'
  /** The data service stopped in the middle of a call and was started again. */
  | 'CORE_RESTARTED'
  | 'INTERNAL';

export interface AppErrorData {
  code: ErrorCode;
  /** Shown to the user, in Chinese, naming the field and value where there is one. */
  message: string;
  /** For the log and for developers, in English. */
  detail?: string;
  /** The input field the error is about, when there is one (lets a form mark it). */
  field?: string;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly detail: string | undefined;
  readonly field: string | undefined;

  constructor(data: AppErrorData) {
    super(data.message);
    this.name = 'AppError';
    this.code = data.code;
    this.detail = data.detail;
    this.field = data.field;
  }

  toData(): AppErrorData {
    const data: AppErrorData = { code: this.code, message: this.message };
    if (this.detail !== undefined) data.detail = this.detail;
    if (this.field !== undefined) data.field = this.field;
    return data;
  }

  static from(data: AppErrorData): AppError {
    return new AppError(data);
  }
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppErrorData };

export function isAppErrorData(value: unknown): value is AppErrorData {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as AppErrorData).code === 'string' &&
    typeof (value as AppErrorData).message === 'string'
  );
}
