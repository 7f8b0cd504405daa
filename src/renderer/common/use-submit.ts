import { useEffect, useRef, useState, type FormEvent } from 'react';
import { AppError } from '../../shared/errors';
import { dateProblemIn } from './date-problem';

export function asAppError(caught: unknown): AppError {
  if (caught instanceof AppError) return caught;
  // A check made in the form itself speaks Chinese already.
  if (caught instanceof Error && /[\u4e00-\u9fff]/.test(caught.message))
    return new AppError({ code: 'INVALID_INPUT', message: caught.message });
  return new AppError({ code: 'INTERNAL', message: '操作未能完成，数据没有改动。', detail: String(caught) });
}

/**
 * Once a refusal is on screen, bring it into view: the first field marked in error gets the focus
 * (a long dialog may have it scrolled out of sight), else the form's alert is scrolled to.
 */
function revealError(form: HTMLFormElement | null) {
  if (!form) return;
  const invalid = form.querySelector<HTMLElement>('[aria-invalid="true"], [data-date-problem]');
  const target = invalid ?? form.querySelector<HTMLElement>('[role="alert"]');
  if (!target) return;
  target.scrollIntoView({ block: 'center' });
  if (invalid) invalid.focus({ preventScroll: true });
}

/** The state every form shares: busy while saving, and the error the core sent back. */
export function useSubmit(action: () => Promise<void>, options: { fieldPrefix?: string } = {}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const formRef = useRef<HTMLFormElement | null>(null);
  const [shownAt, setShownAt] = useState(0);
  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    if (event?.currentTarget instanceof HTMLFormElement) formRef.current = event.currentTarget;
    // A date field whose text is not a date it takes blocks the save: saving would store the date
    // it held before, not what was typed (issue 16).
    const dateProblem = dateProblemIn(formRef.current);
    if (dateProblem) {
      setError(new AppError({ code: 'INVALID_INPUT', message: dateProblem }));
      setShownAt((n) => n + 1);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (caught) {
      setError(asAppError(caught));
      setShownAt((n) => n + 1);
    } finally {
      setBusy(false);
    }
  };
  useEffect(() => {
    if (shownAt > 0) revealError(formRef.current);
  }, [shownAt]);
  // The contract's schema names a field by its path ("fields.citizenId"); a form that sends its
  // fields under a key says so once, and marks the field by its own name.
  const errorField =
    error?.field && options.fieldPrefix && error.field.startsWith(options.fieldPrefix)
      ? error.field.slice(options.fieldPrefix.length)
      : error?.field;
  const fieldError = (field: string) => (errorField === field ? error?.message : undefined);
  /** For the form's onChange: once the user edits anything, the refusal of the last try no longer describes the form. */
  const edited = () => {
    if (error) setError(null);
  };
  /** The form element, for forms whose submit is also called from a plain button (no event). */
  return { busy, error, errorField, submit, fieldError, edited, formRef };
}
