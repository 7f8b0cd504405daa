import { Alert } from '@mantine/core';
import type { AppError } from '../../shared/errors';

/** Errors about a field the form shows are marked on that field; the rest appear here. */
export function FormError({ error, inlineFields = [] }: { error: AppError | null; inlineFields?: string[] }) {
  if (!error || (error.field && inlineFields.includes(error.field))) return null;
  return (
    <Alert color="red" role="alert">
      {error.message}
    </Alert>
  );
}
