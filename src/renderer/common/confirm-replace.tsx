import { ScrollArea, Stack, Text } from '@mantine/core';
import { modals } from '@mantine/modals';
import { diffSummary, paragraphDiff } from '../../shared/text-diff';
import { TextDiff } from './TextDiff';

/**
 * Before text the clerk has edited is replaced by a new draft (起草, 重新生成): the difference is
 * shown and the clerk decides. Resolves true to replace. Nothing edited, nothing asked.
 */
export function confirmReplace(options: {
  current: string;
  next: string;
  what: string;
  action: string;
}): Promise<boolean> {
  const { current, next, what, action } = options;
  if (current.trim() === '' || current === next) return Promise.resolve(true);
  const summary = diffSummary(paragraphDiff(current, next));
  return new Promise((resolve) =>
    modals.openConfirmModal({
      title: `${action}：替换现在的${what}？`,
      size: 'xl',
      children: (
        <Stack gap="xs">
          <Text size="sm">
            {`编辑框里的${what}与新起草的内容不同（${summary}）。替换后，下面红色删除线的文字将不再保留；不想丢掉的内容请先复制。`}
          </Text>
          <ScrollArea.Autosize mah="55vh">
            <TextDiff before={current} after={next} label={`${what}替换对照`} />
          </ScrollArea.Autosize>
        </Stack>
      ),
      labels: { confirm: '替换', cancel: '保留现在的内容' },
      confirmProps: { color: 'red' },
      onConfirm: () => resolve(true),
      onCancel: () => resolve(false),
      onClose: () => resolve(false),
    }),
  );
}
