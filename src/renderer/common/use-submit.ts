import { useState, type FormEvent } from 'react';
import { AppError } from '../../shared/errors';

export function asAppError(caught: unknown): AppError {
  if (caught instanceof AppError) return caught;
  // A check made in the form itself speaks Chinese already.
  if (caught instanceof Error && /[\u4e00-\u9fff]/.test(caught.message)) return new AppError({ code: 'INVALID_INPUT', message: caught.message });
  return new AppError({ code: 'INTERNAL', message: '操作未能完成，数据没有改动。', detail: String(caught) });
}

/** The state every form shares: busy while saving, and the error the core sent back. */
export function useSubmit(action: () => Promise<void>) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (caught) {
      setError(asAppError(caught));
    } finally {
      setBusy(false);
    }
  };
  const fieldError = (field: string) => (error?.field === field ? error.message : undefined);
  /** For the form's onChange: once the user edits anything, the refusal of the last try no longer describes the form. */
  const edited = () => {
    if (error) setError(null);
  };
  return { busy, error, submit, fieldError, edited };
}
