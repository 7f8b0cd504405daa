import { Anchor, Badge, Button, Group, Stack, Table, Tabs, Text, Title } from '@mantine/core';
import { IconPencil } from '@tabler/icons-react';
import { useState } from 'react';
import { MEETING_KIND_LABEL, specialReasonText } from '../../shared/meetings/rules';
import { MEETING_DOCUMENT_IDS, type MeetingView } from '../../shared/meetings/views';
import { formatChineseDate as cn } from '../../shared/dates';
import { useQuery } from '../api/use-query';
import { go } from '../app/routes';
import { QueryView } from '../common/QueryView';
import { MeetingBasicsModal } from './MeetingBasicsModal';
import { AppraisalTab } from './AppraisalTab';
import { HeldTab } from './HeldTab';
import { MaterialsTab } from './MaterialsTab';
import { OpinionsTab } from './OpinionsTab';
import { PlanTab } from './PlanTab';
import { RectificationTab } from './RectificationTab';
import { ReportTab } from './ReportTab';
import { StudyTab } from './StudyTab';
import { TalksTab } from './TalksTab';
import { DocButtons, STATE } from './meeting-parts';

/* A meeting's page: its header, its steps, and one tab per stage of the meeting, each tab in a file of its own. */

export function MeetingPage({ meetingId }: { meetingId: number }) {
  const q = useQuery('meetings.get', { meetingId });
  return <QueryView query={q}>{(m) => <Meeting m={m} />}</QueryView>;
}

function Meeting({ m }: { m: MeetingView }) {
  const p = { meetingId: m.id };
  const branch = m.kind === 'branch';
  const [editing, setEditing] = useState(false);
  return (
    <Stack>
      <Group justify="space-between" align="flex-start">
        <Stack gap={2}>
          <Anchor size="sm" onClick={() => go('meetings')}>
            ← 全部会议
          </Anchor>
          <Title order={2}>{`${m.year}年度${m.unitName ?? ''}${MEETING_KIND_LABEL[m.kind]}`}</Title>
          <Text c="dimmed">{`主题：${m.theme}　日期：${cn(m.heldOn)}　地点：${m.place ?? '未定'}　主持：${m.presider ?? '未定'}　记录：${m.recorder ?? '未定'}${m.superiorAttendees ? `　上级到会：${m.superiorAttendees}` : ''}`}</Text>
          {m.kind === 'special' && (
            <Text c="dimmed">
              {m.specialTrigger
                ? `召开原因：${specialReasonText(m.specialTrigger, m.specialReason)}`
                : '召开原因：未填写（专题民主生活会须写明）'}
            </Text>
          )}
        </Stack>
        <Group>
          <Button variant="default" size="xs" leftSection={<IconPencil size={14} />} onClick={() => setEditing(true)}>
            修改会议信息
          </Button>
          <DocButtons id={MEETING_DOCUMENT_IDS.binder} params={p} label="材料汇编" />
        </Group>
      </Group>
      {editing && <MeetingBasicsModal m={m} onClose={() => setEditing(false)} />}
      <Steps m={m} />
      <Tabs defaultValue="plan" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="plan">方案</Tabs.Tab>
          <Tabs.Tab value="study">学习研讨</Tabs.Tab>
          <Tabs.Tab value="opinions">征求意见</Tabs.Tab>
          <Tabs.Tab value="talks">谈心谈话</Tabs.Tab>
          <Tabs.Tab value="materials">对照检查材料</Tabs.Tab>
          <Tabs.Tab value="meeting">召开会议</Tabs.Tab>
          <Tabs.Tab value="report">情况报告</Tabs.Tab>
          <Tabs.Tab value="rectification">整改清单</Tabs.Tab>
          {branch && <Tabs.Tab value="appraisal">民主评议</Tabs.Tab>}
        </Tabs.List>
        <Stack mt="md">
          <Tabs.Panel value="plan">
            <PlanTab m={m} />
          </Tabs.Panel>
          <Tabs.Panel value="study">
            <StudyTab m={m} />
          </Tabs.Panel>
          <Tabs.Panel value="opinions">
            <OpinionsTab m={m} />
          </Tabs.Panel>
          <Tabs.Panel value="talks">
            <TalksTab m={m} />
          </Tabs.Panel>
          <Tabs.Panel value="materials">
            <MaterialsTab m={m} />
          </Tabs.Panel>
          <Tabs.Panel value="meeting">
            <HeldTab m={m} />
          </Tabs.Panel>
          <Tabs.Panel value="report">
            <ReportTab m={m} />
          </Tabs.Panel>
          <Tabs.Panel value="rectification">
            <RectificationTab m={m} />
          </Tabs.Panel>
          {branch && (
            <Tabs.Panel value="appraisal">
              <AppraisalTab m={m} />
            </Tabs.Panel>
          )}
        </Stack>
      </Tabs>
    </Stack>
  );
}

function Steps({ m }: { m: MeetingView }) {
  return (
    <Table withTableBorder aria-label="工作环节">
      <Table.Thead>
        <Table.Tr>
          {m.steps.map((s) => (
            <Table.Th key={s.key}>{s.label}</Table.Th>
          ))}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        <Table.Tr>
          {m.steps.map((s) => (
            <Table.Td key={s.key}>
              <Stack gap={2}>
                <Badge color={STATE[s.state].color} variant="light">
                  {STATE[s.state].label}
                </Badge>
                <Text size="xs" c="dimmed">{`应于${cn(s.dueOn)}`}</Text>
                {s.doneOn && <Text size="xs">{`${cn(s.doneOn)}完成`}</Text>}
              </Stack>
            </Table.Td>
          ))}
        </Table.Tr>
      </Table.Tbody>
    </Table>
  );
}
