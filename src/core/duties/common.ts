import { AppError } from '../../shared/errors';

export const now = () => new Date().toISOString();

export function invalid(message: string, field?: string, detail = message): AppError {
  return new AppError({ code: 'INVALID_INPUT', message, detail, ...(field ? { field } : {}) });
}

export function notFound(message: string, detail: string, field?: string): AppError {
  return new AppError({ code: 'NOT_FOUND', message, detail, ...(field ? { field } : {}) });
}

export function conflict(message: string, detail: string, field?: string): AppError {
  return new AppError({ code: 'CONFLICT', message, detail, ...(field ? { field } : {}) });
}

export function parseList(json: string): string[] {
  const value = JSON.parse(json) as unknown;
  return Array.isArray(value) ? value.map(String) : [];
}

/** Keeps order, drops repeats and blanks. */
export function distinct<T>(values: readonly T[]): T[] {
  return [...new Set(values)].filter((v) => v !== '' && v !== null && v !== undefined);
}
