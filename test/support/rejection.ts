import { AppError } from '../../src/shared/errors';

/** The AppError a call is refused with (a promise, or a function that throws or returns one); fails if it is not refused. */
export async function rejection(call: Promise<unknown> | (() => unknown)): Promise<AppError> {
  try {
    await (typeof call === 'function' ? call() : call);
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected a rejection');
}
