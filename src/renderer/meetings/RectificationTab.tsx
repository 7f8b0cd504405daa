import { Badge, Button, Group, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { MEETING_DOCUMENT_IDS, type MeetingView } from '../../shared/meetings/views';
import { formatChineseDate as cn } from '../../shared/dates';
import { change } from '../api/client';
import { DateField } from '../common/DateField';
import { FormError } from '../common/FormError';
import { notifyFailed, notifySaved } from '../common/notify';
import { useSubmit } from '../common/use-submit';
import { DocButtons, Section } from './meeting-parts';

export function RectificationTab({ m }: { m: MeetingView }) {
  const [problem, setProblem] = useState('');
  const [measures, setMeasures] = useState('');
  const [responsible, setResponsible] = useState('');
  const [deadline, setDeadline] = useState<string | null>(null);
  const { busy, error, submit, edited } = useSubmit(async () => {
    await change('meetings.addRectification', {
      meetingId: m.id,
      problem,
      measures,
      responsible,
      deadline: deadline ?? '',
    });
    setProblem('');
    setMeasures('');
  });
  return (
    <Section
      title={`整改清单（${m.rectification.length}项，未销号${m.openItems}项）`}
      actions={
        <DocButtons id={MEETING_DOCUMENT_IDS.rectification} params={{ meetingId: m.id }} word={false} label="清单" />
      }
    >
      <Table aria-label="整改清单">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>问题</Table.Th>
            <Table.Th>措施</Table.Th>
            <Table.Th>责任人</Table.Th>
            <Table.Th>时限</Table.Th>
            <Table.Th>进展</Table.Th>
            <Table.Th>销号</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {m.rectification.map((r) => (
            <RectificationRow key={r.id} r={r} />
          ))}
        </Table.Tbody>
      </Table>
      <form onSubmit={submit} onChange={edited}>
        <Group align="flex-end">
          <TextInput
            label="问题"
            value={problem}
            onChange={(e) => setProblem(e.currentTarget.value)}
            style={{ flex: 1 }}
          />
          <TextInput
            label="整改措施"
            value={measures}
            onChange={(e) => setMeasures(e.currentTarget.value)}
            style={{ flex: 1 }}
          />
          <Select
            label="责任人"
            data={m.people.map((p) => p.name)}
            value={responsible || null}
            onChange={(v) => setResponsible(v ?? '')}
            w={130}
          />
          <DateField label="整改时限" value={deadline} onChange={setDeadline} w={180} />
          <Button type="submit" loading={busy}>
            添加整改事项
          </Button>
        </Group>
        <FormError error={error} />
      </form>
    </Section>
  );
}

function RectificationRow({ r }: { r: MeetingView['rectification'][number] }) {
  const [note, setNote] = useState('');
  const [evidence, setEvidence] = useState(r.evidence ?? '');
  const [closedOn, setClosedOn] = useState<string | null>(null);
  const save = () =>
    change('meetings.updateRectification', {
      itemId: r.id,
      progressNote: note || null,
      evidence: evidence || null,
      closedOn: closedOn || null,
    }).then(() => {
      setNote('');
      notifySaved('整改进展已保存');
    }, notifyFailed);
  return (
    <Table.Tr>
      <Table.Td>
        {r.problem}
        {r.carriedFrom && <Badge ml={4} size="xs" color="grape">{`${r.carriedFrom.year}年度转入`}</Badge>}
      </Table.Td>
      <Table.Td>{r.measures}</Table.Td>
      <Table.Td>{r.responsible}</Table.Td>
      <Table.Td>{r.overdue ? <Badge color="red">{`${cn(r.deadline)} 逾期`}</Badge> : cn(r.deadline)}</Table.Td>
      <Table.Td>
        {r.progress.map((p) => (
          <Text key={`${p.on}${p.note}`} size="xs">{`${cn(p.on)} ${p.note}`}</Text>
        ))}
        {r.closedOn && r.evidence && <Text size="xs">{`佐证：${r.evidence}`}</Text>}
        {!r.closedOn && (
          <Stack gap={2}>
            <TextInput
              size="xs"
              placeholder="进展情况"
              aria-label={`${r.problem}进展`}
              value={note}
              onChange={(e) => setNote(e.currentTarget.value)}
            />
            <TextInput
              size="xs"
              placeholder="佐证材料"
              aria-label={`${r.problem}佐证材料`}
              value={evidence}
              onChange={(e) => setEvidence(e.currentTarget.value)}
            />
          </Stack>
        )}
      </Table.Td>
      <Table.Td>
        {r.closedOn ? (
          `${cn(r.closedOn)}销号`
        ) : (
          <Group gap={4} wrap="nowrap">
            <DateField
              size="xs"
              placeholder="销号日期"
              aria-label={`${r.problem}销号日期`}
              value={closedOn}
              onChange={setClosedOn}
              w={150}
            />
            <Button size="xs" variant="light" onClick={() => void save()}>
              保存
            </Button>
          </Group>
        )}
      </Table.Td>
    </Table.Tr>
  );
}
