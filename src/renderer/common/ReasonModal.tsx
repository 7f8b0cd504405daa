import { Modal, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { notifySaved } from './notify';
import { FormActions } from './FormActions';
import { FormError } from './FormError';
import { useSubmit } from './use-submit';

/**
 * Voiding or removing something recorded asks for the reason, which the audit log keeps beside
 * the whole record: one dialog for every such action (a member, a payment, a fund entry, evidence).
 */
export function ReasonModal({
  title,
  hint,
  label = '作废原因',
  placeholder,
  multiline = false,
  action = '作废',
  saved,
  onClose,
  run,
}: {
  title: string;
  /** What the action does and does not do, in a sentence or two. */
  hint?: ReactNode;
  label?: string;
  placeholder?: string;
  multiline?: boolean;
  action?: string;
  /** The notice once done. */
  saved: string;
  onClose: () => void;
  run: (reason: string) => Promise<unknown>;
}) {
  const [reason, setReason] = useState('');
  const { busy, error, submit, fieldError, edited } = useSubmit(async () => {
    await run(reason);
    notifySaved(saved);
    onClose();
  });
  const Input = multiline ? Textarea : TextInput;
  return (
    <Modal opened onClose={onClose} title={title}>
      <form onSubmit={submit} onChange={edited} aria-label={title}>
        <Stack gap="sm">
          {hint && <Text size="sm">{hint}</Text>}
          <Input
            label={label}
            withAsterisk
            placeholder={placeholder}
            {...(multiline ? { autosize: true, minRows: 2 } : {})}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            error={fieldError('reason')}
            data-autofocus
          />
          <FormError error={error} inlineFields={['reason']} />
          <FormActions onCancel={onClose} busy={busy} label={action} danger />
        </Stack>
      </form>
    </Modal>
  );
}
