import { Button, Group, Paper, Stack, Title } from '@mantine/core';
import { IconFileTypeDocx, IconFileTypePdf } from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import type { StepState } from '../../shared/meetings/rules';
import { change, invoke } from '../api/client';
import { saveFile } from '../common/files';
import { notifyFailed, notifySaved } from '../common/notify';

export const STATE: Record<StepState, { label: string; color: string }> = {
  done: { label: '已完成', color: 'teal' },
  doneLate: { label: '逾期完成', color: 'yellow' },
  late: { label: '已逾期', color: 'red' },
  open: { label: '未到期', color: 'gray' },
};

/** Saves a document of the meeting as PDF or Word through the documents engine. */
export function DocButtons({
  id,
  params,
  word = true,
  label,
}: {
  id: string;
  params: Record<string, number>;
  word?: boolean;
  label: string;
}) {
  const [busy, setBusy] = useState<string | null>(null);
  const save = async (format: 'pdf' | 'docx') => {
    setBusy(format);
    try {
      saveFile(await invoke('documents.export', { id, params, format }));
    } catch (error) {
      notifyFailed(error);
    } finally {
      setBusy(null);
    }
  };
  return (
    <Group gap="xs">
      <Button
        size="xs"
        variant="light"
        leftSection={<IconFileTypePdf size={14} />}
        loading={busy === 'pdf'}
        onClick={() => void save('pdf')}
      >
        {label}PDF
      </Button>
      {word && (
        <Button
          size="xs"
          variant="light"
          leftSection={<IconFileTypeDocx size={14} />}
          loading={busy === 'docx'}
          onClick={() => void save('docx')}
        >
          {label}Word
        </Button>
      )}
    </Group>
  );
}

/** Removes a wrongly entered study session, opinion or talk of this meeting. */
export function RemoveButton({
  meetingId,
  entry,
  id,
  what,
}: {
  meetingId: number;
  entry: 'study' | 'opinion' | 'talk';
  id: number;
  what: string;
}) {
  return (
    <Button
      size="compact-xs"
      variant="subtle"
      color="red"
      aria-label={`删除${what}`}
      onClick={() =>
        void change('meetings.removeEntry', { meetingId, entry, id }).then(() => notifySaved('已删除'), notifyFailed)
      }
    >
      删除
    </Button>
  );
}

export function Section({ title, actions, children }: { title: string; actions?: ReactNode; children: ReactNode }) {
  return (
    <Paper withBorder p="md">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={4}>{title}</Title>
          {actions}
        </Group>
        {children}
      </Stack>
    </Paper>
  );
}
