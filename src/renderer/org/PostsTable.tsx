import { ActionIcon, Badge, Button, Group, Menu, Modal, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { modals } from '@mantine/modals';
import { IconDots } from '@tabler/icons-react';
import { useState } from 'react';
import type { CommitteePost, OrgUnit } from '../../shared/contract';
import { formatChineseDate, localToday } from '../../shared/dates';
import { POST_LABEL, POSTS_FOR_KIND, type PostKind } from '../../shared/org';
import { change } from '../api/client';
import { DateField } from '../common/DateField';
import { FormError } from '../common/FormError';
import { notifyFailed, notifySaved } from '../common/notify';
import { useSubmit } from '../common/use-submit';
import { FormActions } from '../common/FormActions';

/** The unit's committee (or group leader): current holders first, former ones kept as history. */
export function PostsTable({ unit }: { unit: OrgUnit }) {
  const current = unit.posts.filter((p) => !p.endedOn);
  const former = unit.posts.filter((p) => p.endedOn);
  const live = !unit.dissolvedOn;
  return (
    <Stack gap="sm">
      {unit.posts.length === 0 ? (
        <Text size="sm" c="dimmed">
          尚未登记{unit.kind === 'partyGroup' ? '党小组组长' : '委员'}。
        </Text>
      ) : (
        <Table striped={false} highlightOnHover verticalSpacing={6} aria-label="委员与职务">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={120}>职务</Table.Th>
              <Table.Th>姓名</Table.Th>
              <Table.Th w={150}>任职日期</Table.Th>
              <Table.Th w={150}>状态</Table.Th>
              <Table.Th w={48} />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {[...current, ...former].map((post) => (
              <PostRow key={post.id} post={post} />
            ))}
          </Table.Tbody>
        </Table>
      )}
      {live && <AddPostForm unit={unit} />}
    </Stack>
  );
}

function PostRow({ post }: { post: CommitteePost }) {
  const ended = post.endedOn !== null;
  const [ending, setEnding] = useState(false);
  return (
    <Table.Tr style={{ opacity: ended ? 0.6 : 1 }}>
      <Table.Td>{POST_LABEL[post.post]}</Table.Td>
      <Table.Td fw={ended ? 400 : 500}>{post.holderName}</Table.Td>
      <Table.Td className="tabular">{formatChineseDate(post.startedOn) || '—'}</Table.Td>
      <Table.Td>
        {ended ? (
          <Text size="sm" c="dimmed">
            {formatChineseDate(post.endedOn)}离任
          </Text>
        ) : (
          <Badge variant="light" color="teal" size="sm">
            现任
          </Badge>
        )}
      </Table.Td>
      <Table.Td>
        <Menu position="bottom-end" withinPortal>
          <Menu.Target>
            <ActionIcon variant="subtle" color="gray" aria-label={`${post.holderName}的操作`}>
              <IconDots size={16} />
            </ActionIcon>
          </Menu.Target>
          <Menu.Dropdown>
            {!ended && <Menu.Item onClick={() => setEnding(true)}>登记离任…</Menu.Item>}
            <Menu.Item color="red" onClick={() => confirmRemove(post)}>
              删除（录入错误）…
            </Menu.Item>
          </Menu.Dropdown>
        </Menu>
        {ending && <EndPostModal post={post} onClose={() => setEnding(false)} />}
      </Table.Td>
    </Table.Tr>
  );
}

function EndPostModal({ post, onClose }: { post: CommitteePost; onClose: () => void }) {
  const [endedOn, setEndedOn] = useState<string | null>(localToday());
  const { busy, error, submit, fieldError, edited } = useSubmit(async () => {
    await change('org.endPost', { id: post.id, endedOn: endedOn ?? '' });
    notifySaved(`已登记${post.holderName}离任。`);
    onClose();
  });
  return (
    <Modal opened onClose={onClose} title={`${post.holderName}离任${POST_LABEL[post.post]}`}>
      <form onSubmit={submit} onChange={edited}>
        <Stack>
          <DateField
            label="离任日期"
            withAsterisk
            value={endedOn}
            onChange={setEndedOn}
            maxDate={localToday()}
            error={fieldError('endedOn')}
            data-autofocus
          />
          <FormError error={error} inlineFields={['endedOn']} />
          <FormActions onCancel={onClose} busy={busy} label="登记离任" />
        </Stack>
      </form>
    </Modal>
  );
}

function confirmRemove(post: CommitteePost) {
  modals.openConfirmModal({
    title: '删除职务记录',
    children: (
      <Text size="sm">
        只在录入错误时删除。删除“{POST_LABEL[post.post]} {post.holderName}
        ”？此操作会记入操作记录。正常卸任请用“登记离任”。
      </Text>
    ),
    labels: { confirm: '删除', cancel: '取消' },
    confirmProps: { color: 'red' },
    onConfirm: () => {
      change('org.removePost', { id: post.id, reason: '录入错误' }).then(
        () => notifySaved('职务记录已删除。'),
        notifyFailed,
      );
    },
  });
}

function AddPostForm({ unit }: { unit: OrgUnit }) {
  const options = POSTS_FOR_KIND[unit.kind];
  const [post, setPost] = useState<PostKind>(options[0] ?? 'secretary');
  const [holderName, setHolderName] = useState('');
  const [startedOn, setStartedOn] = useState<string | null>(null);
  const { busy, error, submit, fieldError, edited } = useSubmit(async () => {
    await change('org.addPost', { unitId: unit.id, post, holderName, startedOn });
    notifySaved(`已登记${POST_LABEL[post]}${holderName}。`);
    setHolderName('');
    setStartedOn(null);
  });
  return (
    <form onSubmit={submit} onChange={edited} aria-label="登记职务">
      <Stack gap="xs">
        <Group align="flex-start" gap="xs" wrap="nowrap">
          <Select
            aria-label="职务"
            w={140}
            data={options.map((p) => ({ value: p, label: POST_LABEL[p] }))}
            value={post}
            onChange={(v) => v && setPost(v as PostKind)}
            allowDeselect={false}
            error={fieldError('post')}
          />
          <TextInput
            aria-label="任职人姓名"
            placeholder="姓名"
            style={{ flex: 1 }}
            value={holderName}
            onChange={(e) => setHolderName(e.currentTarget.value)}
            error={fieldError('holderName')}
          />
          <DateField
            aria-label="任职日期"
            placeholder="任职日期"
            w={170}
            value={startedOn}
            onChange={setStartedOn}
            maxDate={localToday()}
            error={fieldError('startedOn')}
          />
          <Button type="submit" variant="light" loading={busy}>
            登记
          </Button>
        </Group>
        <FormError error={error} inlineFields={['post', 'holderName', 'startedOn']} />
      </Stack>
    </form>
  );
}
