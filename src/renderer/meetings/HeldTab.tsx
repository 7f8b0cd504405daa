import { Alert, Badge, Button, Group, Paper, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useState } from 'react';
import { attendanceCheck } from '../../shared/meetings/rules';
import { MEETING_DOCUMENT_IDS, type MeetingView } from '../../shared/meetings/views';
import { change } from '../api/client';
import { FormError } from '../common/FormError';
import { notifySaved } from '../common/notify';
import { useSubmit } from '../common/use-submit';
import { AttendancePicker, attendanceOf, attendancePayload, type Attendance } from './AttendancePicker';
import { DocButtons, Section } from './meeting-parts';

export function HeldTab({ m }: { m: MeetingView }) {
  const [attendance, setAttendance] = useState<Attendance>(
    attendanceOf(m.people.map((p) => ({ personId: p.id, present: p.present, absenceReason: p.absenceReason }))),
  );
  const [comments, setComments] = useState(m.upperComments ?? '');
  // The two-thirds rule as the boxes stand now, before anything is saved.
  const check = attendanceCheck(m.people.length, attendance.present.length);
  const save = (held: boolean) => async () => {
    await change('meetings.setAttendance', { meetingId: m.id, ...attendancePayload(m.people, attendance) });
    await change('meetings.update', {
      meetingId: m.id,
      upperComments: comments || null,
      ...(held ? { heldDone: true } : {}),
    });
    notifySaved(held ? '会议已召开' : '到会情况已保存');
  };
  const record = useSubmit(save(false));
  const held = useSubmit(save(true));
  return (
    <Stack>
      <Section title="到会情况" actions={m.heldDone ? <Badge color="teal">会议已召开</Badge> : undefined}>
        <Alert color={check.ok ? 'teal' : 'red'} aria-label="到会人数">
          {check.message}
        </Alert>
        <AttendancePicker people={m.people} value={attendance} onChange={setAttendance} />
        <Textarea
          label="上级点评"
          autosize
          minRows={2}
          value={comments}
          onChange={(e) => setComments(e.currentTarget.value)}
        />
        <FormError error={record.error ?? held.error} />
        <Group>
          <Button
            variant={m.heldDone ? 'filled' : 'default'}
            onClick={() => void record.submit()}
            loading={record.busy}
          >
            {m.heldDone ? '更新到会情况' : '保存到会情况'}
          </Button>
          {!m.heldDone && (
            <Button onClick={() => void held.submit()} loading={held.busy} disabled={!check.ok}>
              记录到会，会议已召开
            </Button>
          )}
        </Group>
      </Section>
      <Section
        title="会议记录"
        actions={<DocButtons id={MEETING_DOCUMENT_IDS.minutes} params={{ meetingId: m.id }} label="记录" />}
      >
        {m.people
          .filter((p) => p.present)
          .map((p, i) => (
            <Speech key={p.id} m={m} personId={p.id} order={i + 1} />
          ))}
      </Section>
    </Stack>
  );
}

function Speech({ m, personId, order }: { m: MeetingView; personId: number; order: number }) {
  const saved = m.speeches.find((s) => s.personId === personId);
  const person = m.people.find((p) => p.id === personId)!;
  const others = m.people.filter((p) => p.present && p.id !== personId);
  const [self, setSelf] = useState(saved?.selfCriticism ?? '');
  const [crit, setCrit] = useState<Record<number, string>>(
    Object.fromEntries((saved?.criticisms ?? []).map((c) => [c.fromPersonId, c.text])),
  );
  const [response, setResponse] = useState(saved?.response ?? '');
  const { busy, error, submit } = useSubmit(async () => {
    await change('meetings.saveSpeech', {
      meetingId: m.id,
      personId,
      order: saved?.order ?? order,
      selfCriticism: self,
      criticisms: others
        .filter((o) => crit[o.id]?.trim())
        .map((o) => ({ fromPersonId: o.id, text: crit[o.id]!.trim() })),
      response,
    });
    notifySaved(`${person.name}的发言已保存`);
  });
  return (
    <Paper withBorder p="sm" component="form" onSubmit={submit} aria-label={`${person.name}发言`}>
      <Stack gap="xs">
        <Text fw={600}>{`${order}. ${person.name}${saved ? '（已记录）' : ''}`}</Text>
        <Textarea
          label="自我批评"
          aria-label={`${person.name}自我批评`}
          autosize
          minRows={2}
          value={self}
          onChange={(e) => setSelf(e.currentTarget.value)}
        />
        {others.map((o) => (
          <TextInput
            key={o.id}
            label={`${o.name}的批评意见`}
            aria-label={`${o.name}对${person.name}的批评意见`}
            value={crit[o.id] ?? ''}
            onChange={(e) => setCrit({ ...crit, [o.id]: e.currentTarget.value })}
          />
        ))}
        <TextInput
          label="表态回应"
          aria-label={`${person.name}表态回应`}
          value={response}
          onChange={(e) => setResponse(e.currentTarget.value)}
        />
        <FormError error={error} />
        <Button type="submit" size="xs" loading={busy} w={120}>
          保存发言
        </Button>
      </Stack>
    </Paper>
  );
}
