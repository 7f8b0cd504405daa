import { Button, Group, Modal, Paper, Stack, Table, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { attendanceText } from '../../shared/meetings/rules';
import { MEETING_DOCUMENT_IDS, type MeetingView, type StudyView } from '../../shared/meetings/views';
import { formatChineseDate as cn } from '../../shared/dates';
import { change } from '../api/client';
import { DateField } from '../common/DateField';
import { FormError } from '../common/FormError';
import { notifySaved } from '../common/notify';
import { useSubmit } from '../common/use-submit';
import { AttendancePicker, attendanceOf, attendancePayload, type Attendance } from './AttendancePicker';
import { DocButtons, RemoveButton, Section } from './meeting-parts';

export function StudyTab({ m }: { m: MeetingView }) {
  const [editing, setEditing] = useState<StudyView | null>(null);
  return (
    <Section
      title="学习研讨"
      actions={
        <DocButtons id={MEETING_DOCUMENT_IDS.study} params={{ meetingId: m.id }} word={false} label="学习记录" />
      }
    >
      <Table aria-label="学习研讨">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>日期</Table.Th>
            <Table.Th>学习内容</Table.Th>
            <Table.Th>到会情况</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {m.studies.map((s) => (
            <Table.Tr key={s.id}>
              <Table.Td w={130}>{cn(s.heldOn)}</Table.Td>
              <Table.Td>{s.content}</Table.Td>
              <Table.Td>
                {s.attendees.length ? (
                  attendanceText(s.attendees)
                ) : (
                  <Text size="sm" c="dimmed">{`${s.attendance ?? '未记录'}（未按人记录）`}</Text>
                )}
              </Table.Td>
              <Table.Td w={120}>
                <Group gap={0} wrap="nowrap">
                  <Button
                    size="compact-xs"
                    variant="subtle"
                    aria-label={`修改${s.content}`}
                    onClick={() => setEditing(s)}
                  >
                    修改
                  </Button>
                  <RemoveButton meetingId={m.id} entry="study" id={s.id} what={s.content} />
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <StudyForm m={m} />
      {editing && (
        <Modal opened onClose={() => setEditing(null)} size="xl" title={`修改学习研讨：${editing.content}`}>
          <StudyForm m={m} study={editing} onDone={() => setEditing(null)} />
        </Modal>
      )}
    </Section>
  );
}

/** A study session: when, what, and which of the meeting's people took part (all ticked to start). */
function StudyForm({ m, study, onDone }: { m: MeetingView; study?: StudyView; onDone?: () => void }) {
  const everyone = (): Attendance => ({ present: m.people.map((p) => p.id), reasons: {} });
  const [heldOn, setHeldOn] = useState<string | null>(study?.heldOn ?? null);
  const [content, setContent] = useState(study?.content ?? '');
  const [attendance, setAttendance] = useState<Attendance>(
    study?.attendees.length ? attendanceOf(study.attendees) : everyone(),
  );
  const { busy, error, submit, fieldError } = useSubmit(async () => {
    const fields = { meetingId: m.id, heldOn: heldOn ?? '', content, ...attendancePayload(m.people, attendance) };
    if (study) {
      await change('meetings.updateStudy', { studyId: study.id, ...fields });
      notifySaved('学习研讨已修改');
      onDone?.();
    } else {
      await change('meetings.addStudy', fields);
      setContent('');
      setAttendance(everyone());
    }
  });
  const absent = m.people
    .filter((p) => !attendance.present.includes(p.id))
    .map((p) => ({ name: p.name, present: false, absenceReason: attendance.reasons[p.id]?.trim() || null }));
  return (
    <Paper
      withBorder={!study}
      p={study ? 0 : 'sm'}
      component="form"
      onSubmit={submit}
      aria-label={study ? '修改学习研讨' : '添加学习研讨'}
    >
      <Stack gap="xs">
        <Group align="flex-start" grow preventGrowOverflow={false}>
          <DateField
            label="学习日期"
            withAsterisk
            value={heldOn}
            onChange={setHeldOn}
            error={fieldError('heldOn')}
            style={{ flex: '0 0 200px' }}
          />
          <TextInput
            label="学习内容"
            withAsterisk
            value={content}
            onChange={(e) => setContent(e.currentTarget.value)}
            error={fieldError('content')}
            style={{ flex: 1 }}
          />
        </Group>
        <Text size="sm" fw={500}>
          参加人员（未勾选的为缺席，请填写原因）
        </Text>
        <AttendancePicker people={m.people} value={attendance} onChange={setAttendance} />
        <Text size="sm" c={absent.length ? 'orange' : 'dimmed'}>
          {attendanceText([
            ...m.people
              .filter((p) => attendance.present.includes(p.id))
              .map((p) => ({ name: p.name, present: true, absenceReason: null })),
            ...absent,
          ])}
        </Text>
        <FormError error={error} inlineFields={['heldOn', 'content']} />
        <Group>
          <Button type="submit" loading={busy}>
            {study ? '保存修改' : '添加学习'}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
