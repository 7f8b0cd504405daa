import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  Modal,
  MultiSelect,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Tabs,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { IconFileTypeDocx, IconFileTypePdf, IconPencil } from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import {
  attendanceCheck,
  attendanceText,
  GRADE_LABEL,
  GRADES,
  MEETING_KIND_LABEL,
  specialReasonText,
  type Grade,
  type StepState,
} from '../../shared/meetings/rules';
import {
  MATERIAL_STATUS_LABEL,
  MEETING_DOCUMENT_IDS,
  OPINION_SOURCES,
  type MaterialView,
  type MeetingView,
  type StudyView,
} from '../../shared/meetings/views';
import { formatChineseDate as cn } from '../../shared/dates';
import { draftKey } from '../../shared/drafts';
import { change, invoke } from '../api/client';
import { useQuery } from '../api/use-query';
import { go } from '../app/routes';
import { saveFile } from '../common/files';
import { DateField } from '../common/DateField';
import { confirmReplace } from '../common/confirm-replace';
import { DraftNote } from '../common/DraftNote';
import { useDraft } from '../common/use-draft';
import { FormError } from '../common/FormError';
import { notifyFailed, notifySaved } from '../common/notify';
import { QueryView } from '../common/QueryView';
import { useSubmit } from '../common/use-submit';
import { AttendancePicker, attendanceOf, attendancePayload, type Attendance } from './AttendancePicker';
import { MeetingBasicsModal } from './MeetingBasicsModal';

const STATE: Record<StepState, { label: string; color: string }> = {
  done: { label: '已完成', color: 'teal' },
  doneLate: { label: '逾期完成', color: 'yellow' },
  late: { label: '已逾期', color: 'red' },
  open: { label: '未到期', color: 'gray' },
};

/** Saves a document of the meeting as PDF or Word through the documents engine. */
function DocButtons({
  id,
  params,
  word = true,
  label,
}: {
  id: string;
  params: Record<string, number>;
  word?: boolean;
  label: string;
}) {
  const [busy, setBusy] = useState<string | null>(null);
  const save = async (format: 'pdf' | 'docx') => {
    setBusy(format);
    try {
      saveFile(await invoke('documents.export', { id, params, format }));
    } catch (error) {
      notifyFailed(error);
    } finally {
      setBusy(null);
    }
  };
  return (
    <Group gap="xs">
      <Button
        size="xs"
        variant="light"
        leftSection={<IconFileTypePdf size={14} />}
        loading={busy === 'pdf'}
        onClick={() => void save('pdf')}
      >
        {label}PDF
      </Button>
      {word && (
        <Button
          size="xs"
          variant="light"
          leftSection={<IconFileTypeDocx size={14} />}
          loading={busy === 'docx'}
          onClick={() => void save('docx')}
        >
          {label}Word
        </Button>
      )}
    </Group>
  );
}

/** Removes a wrongly entered study session, opinion or talk of this meeting. */
function RemoveButton({
  meetingId,
  entry,
  id,
  what,
}: {
  meetingId: number;
  entry: 'study' | 'opinion' | 'talk';
  id: number;
  what: string;
}) {
  return (
    <Button
      size="compact-xs"
      variant="subtle"
      color="red"
      aria-label={`删除${what}`}
      onClick={() =>
        void change('meetings.removeEntry', { meetingId, entry, id }).then(() => notifySaved('已删除'), notifyFailed)
      }
    >
      删除
    </Button>
  );
}

function Section({ title, actions, children }: { title: string; actions?: ReactNode; children: ReactNode }) {
  return (
    <Paper withBorder p="md">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={4}>{title}</Title>
          {actions}
        </Group>
        {children}
      </Stack>
    </Paper>
  );
}

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

function PlanTab({ m }: { m: MeetingView }) {
  // Until the plan is saved, the text follows the meeting's basics as they are corrected.
  const template = useQuery('meetings.drafts', { meetingId: m.id });
  const saved = m.planText ?? (template.status === 'ready' ? template.data.plan : '');
  const draft = useDraft(draftKey.meetingPlan(m.id), saved);
  const [reported, setReported] = useState<string | null>(m.planReportedOn ?? null);
  const {
    busy,
    error,
    submit,
    edited: formEdited,
  } = useSubmit(async () => {
    await change('meetings.update', { meetingId: m.id, planText: draft.text, planReportedOn: reported || null });
    await draft.committed();
    notifySaved('方案已保存');
  });
  return (
    <Section
      title="会议方案"
      actions={<DocButtons id={MEETING_DOCUMENT_IDS.plan} params={{ meetingId: m.id }} label="方案" />}
    >
      <form onSubmit={submit} onChange={formEdited}>
        <Stack>
          <Textarea
            label="方案正文"
            description="每行一段；“一、”开头的行为标题"
            autosize
            minRows={10}
            value={draft.text}
            onChange={(e) => draft.setText(e.currentTarget.value)}
            onBlur={draft.flush}
          />
          <DraftNote draft={draft} saved={saved} what="方案正文" />
          <DateField label="报上级日期" value={reported} onChange={setReported} w={220} />
          <FormError error={error} />
          <Button type="submit" loading={busy} w={140}>
            保存方案
          </Button>
        </Stack>
      </form>
    </Section>
  );
}

function StudyTab({ m }: { m: MeetingView }) {
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

function OpinionsTab({ m }: { m: MeetingView }) {
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

function TalksTab({ m }: { m: MeetingView }) {
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

function MaterialsTab({ m }: { m: MeetingView }) {
  const [owner, setOwner] = useState<string>(String(m.materials[0]?.personId ?? 'team'));
  const mat = m.materials.find((x) => String(x.personId ?? 'team') === owner) ?? m.materials[0]!;
  return (
    <Stack>
      <Select
        label="材料"
        w={260}
        allowDeselect={false}
        data={m.materials.map((x) => ({
          value: String(x.personId ?? 'team'),
          label: `${x.owner}（${MATERIAL_STATUS_LABEL[x.status]}）`,
        }))}
        value={owner}
        onChange={(v) => setOwner(v ?? 'team')}
      />
      <MaterialEditor key={owner} m={m} mat={mat} />
    </Stack>
  );
}

function MaterialEditor({ m, mat }: { m: MeetingView; mat: MaterialView }) {
  const savedProblems = mat.problems.map((p) => `${p.theme}：${p.text}`).join('\n');
  const problemsDraft = useDraft(draftKey.material(m.id, mat.personId, 'problems'), savedProblems);
  const causesDraft = useDraft(draftKey.material(m.id, mat.personId, 'causes'), mat.causes ?? '');
  const measuresDraft = useDraft(draftKey.material(m.id, mat.personId, 'measures'), mat.measures ?? '');
  const problems = problemsDraft.text;
  const causes = causesDraft.text;
  const measures = measuresDraft.text;
  const [reviewer, setReviewer] = useState(mat.reviewedBy ?? '');
  const { busy, error, submit, edited } = useSubmit(async () => {
    const list = problems
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean)
      .map((line) => {
        const at = line.search(/[：:]/);
        return at > 0
          ? { theme: line.slice(0, at), text: line.slice(at + 1).trim() }
          : { theme: '存在的问题', text: line };
      });
    await change('meetings.saveMaterial', {
      meetingId: m.id,
      personId: mat.personId,
      problems: list,
      causes,
      measures,
    });
    await Promise.all([problemsDraft.committed(), causesDraft.committed(), measuresDraft.committed()]);
    notifySaved('对照检查材料已保存');
  });
  const review = useSubmit(async () => undefined);
  const setStatus = (status: 'draft' | 'reviewed' | 'final') =>
    change('meetings.reviewMaterial', {
      meetingId: m.id,
      personId: mat.personId,
      status,
      reviewedBy: reviewer || null,
    }).then(() => notifySaved(`已设为${MATERIAL_STATUS_LABEL[status]}`), notifyFailed);
  const params: Record<string, number> =
    mat.personId === null ? { meetingId: m.id } : { meetingId: m.id, personId: mat.personId };
  const final = mat.status === 'final';
  return (
    <SimpleGrid cols={{ base: 1, lg: 2 }}>
      <Section
        title={`${mat.owner}对照检查材料`}
        actions={<DocButtons id={MEETING_DOCUMENT_IDS.material} params={params} label="材料" />}
      >
        <form onSubmit={submit} onChange={edited}>
          <Stack>
            <Textarea
              label="存在的问题"
              description="每行一个问题，写作“方面：问题表述”"
              autosize
              minRows={4}
              value={problems}
              onChange={(e) => problemsDraft.setText(e.currentTarget.value)}
              onBlur={problemsDraft.flush}
              disabled={final}
            />
            <DraftNote draft={problemsDraft} saved={savedProblems} what="存在的问题" />
            {mat.problems
              .filter((p) => p.repeats.length)
              .map((p) => (
                <Alert key={p.text} color="orange" title="与往年问题表述相近">
                  {`“${p.text}”与${p.repeats[0]!.year}年的“${p.repeats[0]!.earlier}”相似度${p.repeats[0]!.similarity}%，请核实是否为老问题、整改是否到位。`}
                </Alert>
              ))}
            <Textarea
              label="原因剖析"
              autosize
              minRows={3}
              value={causes}
              onChange={(e) => causesDraft.setText(e.currentTarget.value)}
              onBlur={causesDraft.flush}
              disabled={final}
            />
            <DraftNote draft={causesDraft} saved={mat.causes ?? ''} what="原因剖析" />
            <Textarea
              label="整改措施"
              autosize
              minRows={3}
              value={measures}
              onChange={(e) => measuresDraft.setText(e.currentTarget.value)}
              onBlur={measuresDraft.flush}
              disabled={final}
            />
            <DraftNote draft={measuresDraft} saved={mat.measures ?? ''} what="整改措施" />
            <FormError error={error} />
            <Button type="submit" loading={busy} disabled={final} w={160}>
              保存材料
            </Button>
            <Group align="flex-end">
              <Text size="sm">{`状态：${MATERIAL_STATUS_LABEL[mat.status]}${mat.reviewedBy ? `（${mat.reviewedBy} ${cn(mat.reviewedOn)}）` : ''}`}</Text>
              <TextInput label="审阅人" value={reviewer} onChange={(e) => setReviewer(e.currentTarget.value)} w={140} />
              <Button size="xs" variant="default" onClick={() => void setStatus('reviewed')}>
                审阅通过
              </Button>
              <Button size="xs" variant="default" onClick={() => void setStatus('final')}>
                定稿
              </Button>
              <Button size="xs" variant="subtle" onClick={() => void setStatus('draft')}>
                退回草稿
              </Button>
            </Group>
            <FormError error={review.error} />
          </Stack>
        </form>
      </Section>
      <Section title="撰写参考">
        <Text fw={600} size="sm">{`征求到的意见（${mat.opinions.length}条）`}</Text>
        {mat.opinions.map((o) => (
          <Text key={o.id} size="sm">{`【${o.source}·${o.category}】${o.text}`}</Text>
        ))}
        <Text fw={600} size="sm">
          上年整改事项
        </Text>
        {mat.lastYearItems.length === 0 && (
          <Text size="sm" c="dimmed">
            无
          </Text>
        )}
        {mat.lastYearItems.map((r) => (
          <Text key={r.problem} size="sm">{`${r.problem}（${r.closedOn ? `${cn(r.closedOn)}销号` : '未销号'}）`}</Text>
        ))}
        {mat.unmetDuties.length > 0 && (
          <>
            <Text fw={600} size="sm">
              一岗双责未完成事项
            </Text>
            {mat.unmetDuties.map((d) => (
              <Text key={d} size="sm">
                {d}
              </Text>
            ))}
          </>
        )}
      </Section>
    </SimpleGrid>
  );
}

function HeldTab({ m }: { m: MeetingView }) {
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

function ReportTab({ m }: { m: MeetingView }) {
  const saved = m.reportText ?? '';
  const draft = useDraft(draftKey.meetingReport(m.id), saved);
  const [sent, setSent] = useState<string | null>(m.reportSentOn ?? null);
  // Drafting from the records replaces the text: what the clerk wrote is shown against it first.
  const redraft = async () => {
    try {
      const next = (await invoke('meetings.drafts', { meetingId: m.id })).report;
      if (await confirmReplace({ current: draft.text, next, what: '报告正文', action: '根据会议情况起草' }))
        draft.setText(next);
    } catch (error) {
      notifyFailed(error);
    }
  };
  const { busy, error, submit, edited } = useSubmit(async () => {
    await change('meetings.update', { meetingId: m.id, reportText: draft.text || null, reportSentOn: sent || null });
    await draft.committed();
    notifySaved('情况报告已保存');
  });
  const due = m.steps.find((s) => s.key === 'report')!.dueOn;
  return (
    <Section
      title={`情况报告（应于${cn(due)}前报上级）`}
      actions={<DocButtons id={MEETING_DOCUMENT_IDS.report} params={{ meetingId: m.id }} label="报告" />}
    >
      <form onSubmit={submit} onChange={edited}>
        <Stack>
          <Group>
            <Button variant="default" onClick={() => void redraft()}>
              根据会议情况起草
            </Button>
          </Group>
          <Textarea
            label="报告正文"
            autosize
            minRows={10}
            value={draft.text}
            onChange={(e) => draft.setText(e.currentTarget.value)}
            onBlur={draft.flush}
          />
          <DraftNote draft={draft} saved={saved} what="报告正文" />
          <DateField label="报送日期" value={sent} onChange={setSent} w={200} />
          <FormError error={error} />
          <Button type="submit" loading={busy} w={140}>
            保存报告
          </Button>
        </Stack>
      </form>
    </Section>
  );
}

function RectificationTab({ m }: { m: MeetingView }) {
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

function AppraisalTab({ m }: { m: MeetingView }) {
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
