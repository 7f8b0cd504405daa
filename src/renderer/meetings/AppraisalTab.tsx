import { Alert, Badge, Button, Select, Table, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { GRADE_LABEL, GRADES, type Grade } from '../../shared/meetings/rules';
import { MEETING_DOCUMENT_IDS, type MeetingView } from '../../shared/meetings/views';
import { change } from '../api/client';
import { useSubmit } from '../common/use-submit';
import { DocButtons, Section } from './meeting-parts';

export function AppraisalTab({ m }: { m: MeetingView }) {
  const a = m.appraisal!;
  return (
    <Section
      title="民主评议党员"
      actions={
        <DocButtons id={MEETING_DOCUMENT_IDS.appraisal} params={{ meetingId: m.id }} word={false} label="评议结果" />
      }
    >
      <Text size="sm">{`正式党员评定等次，优秀至多${a.excellentLimit}人（三分之一）；预备党员参加评议，不评定等次。统计：优秀${a.tally.excellent}人，合格${a.tally.qualified}人，基本合格${a.tally.basic}人，不合格${a.tally.unqualified}人，未评定${a.tally.ungraded}人。`}</Text>
      {a.problems.map((p) => (
        <Alert key={p} color="red">
          {p}
        </Alert>
      ))}
      <Table aria-label="民主评议">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>姓名</Table.Th>
            <Table.Th>个人自评</Table.Th>
            <Table.Th>党员互评</Table.Th>
            <Table.Th>等次</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {a.rows.map((r) => (
            <AppraisalRow key={r.personId} meetingId={m.id} r={r} />
          ))}
        </Table.Tbody>
      </Table>
    </Section>
  );
}

function AppraisalRow({
  meetingId,
  r,
}: {
  meetingId: number;
  r: NonNullable<MeetingView['appraisal']>['rows'][number];
}) {
  const [self, setSelf] = useState(r.selfAppraisal ?? '');
  const [peer, setPeer] = useState(r.peerAppraisal ?? '');
  const [grade, setGrade] = useState<string | null>(r.grade);
  const { busy, error, submit } = useSubmit(async () => {
    await change('meetings.saveAppraisal', {
      meetingId,
      personId: r.personId,
      selfAppraisal: self,
      peerAppraisal: peer,
      grade: (grade as Grade | null) ?? null,
    });
  });
  return (
    <Table.Tr>
      <Table.Td>
        {r.name}
        {r.probationary && (
          <Badge ml={4} size="xs">
            预备党员
          </Badge>
        )}
      </Table.Td>
      <Table.Td>
        <TextInput
          size="xs"
          aria-label={`${r.name}个人自评`}
          value={self}
          onChange={(e) => setSelf(e.currentTarget.value)}
        />
      </Table.Td>
      <Table.Td>
        <TextInput
          size="xs"
          aria-label={`${r.name}党员互评`}
          value={peer}
          onChange={(e) => setPeer(e.currentTarget.value)}
        />
      </Table.Td>
      <Table.Td>
        {r.probationary ? (
          <Text size="xs">不评定等次</Text>
        ) : (
          <Select
            size="xs"
            aria-label={`${r.name}等次`}
            data={GRADES.map((g) => ({ value: g, label: GRADE_LABEL[g] }))}
            value={grade}
            onChange={setGrade}
            w={110}
          />
        )}
        {error && (
          <Text size="xs" c="red" role="alert">
            {error.message}
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <Button size="xs" variant="light" loading={busy} onClick={() => void submit()}>
          保存
        </Button>
      </Table.Td>
    </Table.Tr>
  );
}
