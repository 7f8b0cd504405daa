import { Anchor, Badge, Button, Group, Modal, Paper, Stack, Table, Text, TextInput } from '@mantine/core';
import { modals } from '@mantine/modals';
import { useState } from 'react';
import { formatChineseDate } from '../../shared/dates';
import type { Division } from '../../shared/divisions';
import { change } from '../api/client';
import { useQuery } from '../api/use-query';
import { FormActions } from '../common/FormActions';
import { FormError } from '../common/FormError';
import { notifyFailed, notifySaved } from '../common/notify';
import { QueryView } from '../common/QueryView';
import { useSubmit } from '../common/use-submit';

/**
 * 处室/部门: the organ's departments, beside its party units. Members are put in a 处室 on their
 * form; 一岗双责's 分管处室 pick from this list.
 */
export function DivisionsCard() {
  const list = useQuery('org.divisions', {});
  return (
    <Paper withBorder p="md" radius="md" aria-label="处室">
      <Stack gap="sm">
        <div>
          <Text fw={600}>处室（部门）</Text>
          <Text size="sm" c="dimmed">
            本机关的内设处室。党支部与处室不一定一一对应：党员信息中分别填写所在党支部和所在处室；一岗双责的“分管处室”从这里选择。
          </Text>
        </div>
        <QueryView query={list}>{(divisions) => <DivisionsTable divisions={divisions} />}</QueryView>
        <AddDivisionForm />
      </Stack>
    </Paper>
  );
}

function DivisionsTable({ divisions }: { divisions: Division[] }) {
  const [renaming, setRenaming] = useState<Division | null>(null);
  if (divisions.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        还没有处室。
      </Text>
    );
  }
  return (
    <>
      <Table verticalSpacing={4} aria-label="处室名单">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>处室</Table.Th>
            <Table.Th>在册党员</Table.Th>
            <Table.Th>分管领导</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {divisions.map((d) => (
            <Table.Tr key={d.id} c={d.dissolvedOn ? 'dimmed' : undefined}>
              <Table.Td>
                {d.name}
                {d.dissolvedOn && (
                  <Badge ml="xs" size="sm" color="gray" variant="light">
                    {formatChineseDate(d.dissolvedOn)}撤销
                  </Badge>
                )}
              </Table.Td>
              <Table.Td className="tabular">{d.memberCount}人</Table.Td>
              <Table.Td className="tabular">{d.leaderCount ? `${d.leaderCount}人次` : '—'}</Table.Td>
              <Table.Td>
                {!d.dissolvedOn && (
                  <Group gap="xs" justify="flex-end">
                    <Anchor component="button" size="sm" onClick={() => setRenaming(d)}>
                      改名
                    </Anchor>
                    <Anchor component="button" size="sm" c="red" onClick={() => confirmDissolve(d)}>
                      撤销
                    </Anchor>
                  </Group>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {renaming && <RenameModal division={renaming} onClose={() => setRenaming(null)} />}
    </>
  );
}

function AddDivisionForm() {
  const [name, setName] = useState('');
  const { busy, error, submit, fieldError, edited } = useSubmit(async () => {
    await change('org.addDivision', { name });
    notifySaved(`已新增处室“${name.trim()}”。`);
    setName('');
  });
  return (
    <form onSubmit={submit} onChange={edited} aria-label="新增处室">
      <Group align="flex-start" gap="xs">
        <TextInput
          aria-label="处室名称"
          placeholder="如：办公室、人事处"
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          error={fieldError('name')}
          w={240}
        />
        <Button type="submit" variant="light" loading={busy}>
          新增处室
        </Button>
      </Group>
      <FormError error={error} inlineFields={['name']} />
    </form>
  );
}

function RenameModal({ division, onClose }: { division: Division; onClose: () => void }) {
  const [name, setName] = useState(division.name);
  const { busy, error, submit, fieldError, edited } = useSubmit(async () => {
    await change('org.renameDivision', { id: division.id, name });
    notifySaved('处室已改名，党员信息和分管处室随之显示新名称。');
    onClose();
  });
  return (
    <Modal opened onClose={onClose} title={`处室“${division.name}”改名`}>
      <form onSubmit={submit} onChange={edited}>
        <Stack>
          <TextInput
            label="新名称"
            withAsterisk
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={fieldError('name')}
            data-autofocus
          />
          <FormError error={error} inlineFields={['name']} />
          <FormActions onCancel={onClose} busy={busy} label="保存" />
        </Stack>
      </form>
    </Modal>
  );
}

function confirmDissolve(division: Division) {
  modals.openConfirmModal({
    title: `撤销处室“${division.name}”`,
    children: (
      <Text size="sm">
        撤销后不能再选择这个处室；以往年度的分管处室仍显示它。处室中还有在册党员的，请先在党员信息中改为其他处室。
      </Text>
    ),
    labels: { confirm: '撤销', cancel: '取消' },
    confirmProps: { color: 'red' },
    onConfirm: () => {
      change('org.dissolveDivision', { id: division.id }).then(
        () => notifySaved(`处室“${division.name}”已撤销。`),
        notifyFailed,
      );
    },
  });
}
