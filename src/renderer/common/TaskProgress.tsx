import { Button, Group, Progress, Stack, Text } from '@mantine/core';
import { useTaskProgress, type LongTask } from './use-task';

/**
 * Long work as the person sees it: what is being done ("正在校验第 3,200 / 10,000 行"), a bar,
 * and 取消 where the work can be stopped with nothing written. Shows nothing when idle.
 */
export function TaskProgress({
  task,
  cancellable = true,
  cancelLabel = '取消',
}: {
  task: LongTask;
  cancellable?: boolean;
  cancelLabel?: string;
}) {
  const progress = useTaskProgress(task);
  if (!progress) return null;
  const { cancelling } = progress;
  const counted = progress.total !== null && progress.total > 0;
  const percent = counted ? Math.min(100, Math.round((progress.done / progress.total!) * 100)) : 100;
  return (
    <Stack gap={6} role="status" aria-live="polite" aria-label="进度">
      <Group justify="space-between" wrap="nowrap" gap="sm">
        <Text size="sm" className="tabular">
          {cancelling ? '正在取消…' : `${progress.text}${counted ? '' : '…'}`}
        </Text>
        {cancellable && (
          <Button size="xs" variant="default" onClick={task.cancel} disabled={cancelling}>
            {cancelLabel}
          </Button>
        )}
      </Group>
      <Progress
        value={percent}
        striped={!counted}
        animated={!counted}
        size="md"
        aria-label={progress.text}
        transitionDuration={120}
      />
    </Stack>
  );
}
