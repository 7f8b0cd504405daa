import { Alert, Badge, Button, Group, Select, Table, TextInput } from '@mantine/core';
import { useState } from 'react';
import { MEETING_DOCUMENT_IDS, type MeetingView } from '../../shared/meetings/views';
import { formatChineseDate as cn } from '../../shared/dates';
import { change } from '../api/client';
import { DateField } from '../common/DateField';
import { FormError } from '../common/FormError';
import { useSubmit } from '../common/use-submit';
import { DocButtons, Section } from './meeting-parts';

export function TalksTab({ m }: { m: MeetingView }) {
  const names = [...new Set([...m.people.map((p) => p.name), ...m.people.flatMap((p) => p.divisionHeads)])];
  const [a, setA] = useState<string | null>(null);
  const [b, setB] = useState<string | null>(null);
  const [heldOn, setHeldOn] = useState<string | null>(null);
  const [record, setRecord] = useState('');
  const { busy, error, submit, edited } = useSubmit(async () => {
    await change('meetings.addTalk', { meetingId: m.id, a: a ?? '', b: b ?? '', heldOn: heldOn ?? '', record });
    setRecord('');
  });
  const pickFirstMissing = () => {
    const missing = m.talkPairs.find((p) => !p.heldOn);
    if (missing) {
      setA(missing.a);
      setB(missing.b);
    }
  };
  return (
    <Section
      title={`谈心谈话：应谈${m.talkPairs.length}对，已谈${m.talkPairs.length - m.talksMissing}对`}
      actions={<DocButtons id={MEETING_DOCUMENT_IDS.talks} params={{ meetingId: m.id }} word={false} label="情况表" />}
    >
      {m.talksMissing > 0 && (
        <Alert color="yellow">{`还有${m.talksMissing}对未谈：${m.talkPairs
          .filter((p) => !p.heldOn)
          .map((p) => `${p.a}—${p.b}`)
          .join('、')}`}</Alert>
      )}
      <Table aria-label="谈话覆盖">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>谈话双方</Table.Th>
            <Table.Th>要求</Table.Th>
            <Table.Th>日期</Table.Th>
            <Table.Th>来源</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {m.talkPairs.map((p) => (
            <Table.Tr key={`${p.a}-${p.b}`}>
              <Table.Td>{`${p.a}—${p.b}`}</Table.Td>
              <Table.Td>
                {p.reason === 'principal'
                  ? '主要负责人与成员'
                  : p.reason === 'members'
                    ? '成员之间'
                    : '成员与分管部门负责人'}
              </Table.Td>
              <Table.Td>{p.heldOn ? cn(p.heldOn) : <Badge color="red">未谈</Badge>}</Table.Td>
              <Table.Td>{p.source === 'duties' ? '一岗双责纪实' : p.source ? '本次会前' : ''}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <form onSubmit={submit} onChange={edited}>
        <Group align="flex-end">
          <Select label="谈话人" data={names} value={a} onChange={setA} searchable w={150} />
          <Select label="谈话对象" data={names} value={b} onChange={setB} searchable w={150} />
          <DateField label="谈话日期" value={heldOn} onChange={setHeldOn} w={180} />
          <TextInput
            label="谈话记录"
            value={record}
            onChange={(e) => setRecord(e.currentTarget.value)}
            style={{ flex: 1 }}
          />
          <Button type="submit" loading={busy}>
            记录谈话
          </Button>
          <Button variant="subtle" onClick={pickFirstMissing}>
            选下一对未谈
          </Button>
        </Group>
        <FormError error={error} />
      </form>
    </Section>
  );
}
