import { Button, Group } from '@mantine/core';

/** The foot of a dialog's form: 取消 closes it, the form's own action submits it (red when it voids or removes). */
export function FormActions({
  onCancel,
  busy,
  label,
  danger = false,
}: {
  onCancel: () => void;
  busy: boolean;
  label: string;
  danger?: boolean;
}) {
  return (
    <Group justify="flex-end">
      <Button variant="default" onClick={onCancel}>
        取消
      </Button>
      <Button type="submit" color={danger ? 'red' : undefined} loading={busy}>
        {label}
      </Button>
    </Group>
  );
}
