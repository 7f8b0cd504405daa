import { Button, Group, MultiSelect, Select, Table, TextInput } from '@mantine/core';
import { useState } from 'react';
import { MEETING_DOCUMENT_IDS, OPINION_SOURCES, type MeetingView } from '../../shared/meetings/views';
import { change } from '../api/client';
import { DateField } from '../common/DateField';
import { FormError } from '../common/FormError';
import { notifySaved } from '../common/notify';
import { useSubmit } from '../common/use-submit';
import { DocButtons, RemoveButton, Section } from './meeting-parts';

export function OpinionsTab({ m }: { m: MeetingView }) {
  const [source, setSource] = useState<string>('党员');
  const [category, setCategory] = useState('');
  const [text, setText] = useState('');
  const [concerns, setConcerns] = useState<string[]>([]);
  const [fedBack, setFedBack] = useState<string | null>(m.opinionsFedBackOn ?? null);
  const name = (id: number) => m.people.find((p) => p.id === id)?.name ?? '';
  const { busy, error, submit, edited } = useSubmit(async () => {
    await change('meetings.addOpinion', {
      meetingId: m.id,
      source: source as (typeof OPINION_SOURCES)[number],
      category,
      text,
      concerns: concerns.map(Number),
    });
    setText('');
    setConcerns([]);
  });
  const feedback = useSubmit(async () => {
    await change('meetings.update', { meetingId: m.id, opinionsFedBackOn: fedBack || null });
    notifySaved('反馈日期已保存');
  });
  return (
    <Section
      title={`征求意见（${m.opinions.length}条）`}
      actions={
        <DocButtons id={MEETING_DOCUMENT_IDS.opinions} params={{ meetingId: m.id }} word={false} label="汇总表" />
      }
    >
      <Table aria-label="征求意见">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>来源</Table.Th>
            <Table.Th>类别</Table.Th>
            <Table.Th>意见</Table.Th>
            <Table.Th>涉及</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {m.opinions.map((o) => (
            <Table.Tr key={o.id}>
              <Table.Td>{o.source}</Table.Td>
              <Table.Td>{o.category}</Table.Td>
              <Table.Td>{o.text}</Table.Td>
              <Table.Td>{o.concerns.length ? o.concerns.map(name).join('、') : '班子'}</Table.Td>
              <Table.Td w={60}>
                <RemoveButton meetingId={m.id} entry="opinion" id={o.id} what={o.text} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <form onSubmit={submit} onChange={edited}>
        <Group align="flex-end">
          <Select
            label="意见来源"
            data={[...OPINION_SOURCES]}
            value={source}
            onChange={(v) => setSource(v ?? '党员')}
            w={120}
            allowDeselect={false}
          />
          <TextInput label="意见类别" value={category} onChange={(e) => setCategory(e.currentTarget.value)} w={140} />
          <TextInput
            label="意见内容"
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
            style={{ flex: 1 }}
          />
          <MultiSelect
            label="涉及人员"
            placeholder="不选为班子"
            data={m.people.map((p) => ({ value: String(p.id), label: p.name }))}
            value={concerns}
            onChange={setConcerns}
            w={240}
          />
          <Button type="submit" loading={busy}>
            添加意见
          </Button>
        </Group>
        <FormError error={error} />
      </form>
      <form onSubmit={feedback.submit} onChange={feedback.edited}>
        <Group align="flex-end">
          <DateField label="汇总反馈日期" value={fedBack} onChange={setFedBack} w={200} />
          <Button type="submit" variant="default" loading={feedback.busy}>
            记录反馈
          </Button>
        </Group>
        <FormError error={feedback.error} />
      </form>
    </Section>
  );
}
