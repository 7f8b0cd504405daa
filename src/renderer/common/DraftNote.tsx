import { Alert, Anchor, Button, Group, Modal, ScrollArea, Text } from '@mantine/core';
import { useState } from 'react';
import { formatLocalDateTime } from '../../shared/dates';
import type { Draft } from './use-draft';
import { TextDiff } from './TextDiff';

const clock = (iso: string) => formatLocalDateTime(iso).slice(-8, -3);

/**
 * Under a long text box (named 草稿状态, not after the box: a label containing the box's name
 * would be found when looking for the box): whether what is typed is kept (草稿已自动保存), that an earlier draft was
 * put back (with what differs from the saved text, and 放弃草稿), or that keeping it failed.
 */
export function DraftNote({ draft, saved, what }: { draft: Draft; saved: string; what: string }) {
  const [comparing, setComparing] = useState(false);
  const { state } = draft;
  const compare = (
    <Anchor component="button" type="button" size="xs" onClick={() => setComparing(true)}>
      查看改动
    </Anchor>
  );
  const dialog = comparing && (
    <Modal opened onClose={() => setComparing(false)} title={`${what}：草稿与已保存的正文对照`} size="xl">
      <ScrollArea.Autosize mah="65vh">
        <TextDiff before={saved} after={draft.text} label={`${what}改动对照`} />
      </ScrollArea.Autosize>
    </Modal>
  );
  if (state.kind === 'restored')
    return (
      <Alert color="orange" p="xs" role="status" aria-label="草稿状态" data-draft-of={what}>
        <Group justify="space-between" gap="xs">
          <Text size="sm">
            {`已恢复上次未保存的草稿（${formatLocalDateTime(state.at).slice(0, -3)}），保存后才生效。`}
            {state.baseChanged && '此后已保存的正文有过改动，请核对后再保存。'}
          </Text>
          <Group gap="xs">
            {saved !== '' && compare}
            <Button size="compact-xs" variant="default" onClick={() => void draft.discard()}>
              放弃草稿
            </Button>
          </Group>
        </Group>
        {dialog}
      </Alert>
    );
  if (state.kind === 'failed')
    return (
      <Text size="xs" c="red.8" role="alert">
        草稿未能自动保存：请尽快点“保存”，或先复制正文留存。
      </Text>
    );
  if (state.kind === 'clean') return null;
  return (
    <Group gap="xs" role="status" aria-label="草稿状态" data-draft-of={what}>
      <Text size="xs" c="dimmed">
        {state.kind === 'writing' ? '正在自动保存草稿……' : `草稿已自动保存（${clock(state.at)}），点“保存”后生效。`}
      </Text>
      {saved !== '' && compare}
      {dialog}
    </Group>
  );
}
