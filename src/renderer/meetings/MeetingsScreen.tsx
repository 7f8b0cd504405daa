import {
  Badge,
  Button,
  Checkbox,
  Group,
  NumberInput,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import {
  MEETING_KIND_LABEL,
  SPECIAL_TRIGGER_LABEL,
  SPECIAL_TRIGGERS,
  type MeetingKind,
  type MeetingSettings,
  type SpecialTrigger,
} from '../../shared/meetings/rules';
import { formatChineseDate } from '../../shared/dates';
import type { LeaderView } from '../../shared/duties/views';
import type { PersonInput } from '../../shared/meetings/views';
import { change } from '../api/client';
import { useQuery } from '../api/use-query';
import { go } from '../app/routes';
import { DateField } from '../common/DateField';
import { FormError } from '../common/FormError';
import { QueryView } from '../common/QueryView';
import { useSubmit } from '../common/use-submit';
import { MeetingPage } from './MeetingPage';

/** 民主生活会、组织生活会: the list of meetings, a new one, or one meeting's page. */
export function MeetingsScreen({ meetingId }: { meetingId: number | null }) {
  if (meetingId) return <MeetingPage meetingId={meetingId} />;
  return <MeetingList />;
}

function MeetingList() {
  const list = useQuery('meetings.list', {});
  const [creating, setCreating] = useState(false);
  const [settings, setSettings] = useState(false);
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>民主生活会和组织生活会</Title>
        <Group>
          <Button variant="default" onClick={() => setSettings((v) => !v)}>
            设置
          </Button>
          <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
            新建会议
          </Button>
        </Group>
      </Group>
      {settings && <MeetingSettingsPanel />}
      {creating && <CreateMeeting onDone={() => setCreating(false)} />}
      <QueryView query={list}>
        {(meetings) =>
          meetings.length === 0 ? (
            <Text c="dimmed">还没有会议。点“新建会议”开始准备本年度的民主生活会或组织生活会。</Text>
          ) : (
            <Table striped highlightOnHover aria-label="会议列表">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>年度</Table.Th>
                  <Table.Th>会议</Table.Th>
                  <Table.Th>日期</Table.Th>
                  <Table.Th>主题</Table.Th>
                  <Table.Th>环节</Table.Th>
                  <Table.Th>整改</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {meetings.map((m) => (
                  <Table.Tr key={m.id} style={{ cursor: 'pointer' }} onClick={() => go('meetings', m.id)}>
                    <Table.Td>{m.year}</Table.Td>
                    <Table.Td>{`${m.unitName ?? ''}${MEETING_KIND_LABEL[m.kind]}`}</Table.Td>
                    <Table.Td>{formatChineseDate(m.heldOn)}</Table.Td>
                    <Table.Td>{m.theme}</Table.Td>
                    <Table.Td>
                      {m.lateSteps ? <Badge color="red">{m.lateSteps}项逾期</Badge> : <Badge color="teal">按期</Badge>}
                    </Table.Td>
                    <Table.Td>{m.openItems ? `${m.openItems}项未销号` : ''}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )
        }
      </QueryView>
    </Stack>
  );
}

/** One line a person: "姓名 职务 | 分管部门负责人1、负责人2"; for 民主生活会 the first line is the principal leader. */
export function parsePeople(text: string, kind: MeetingKind): PersonInput[] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((line, i) => {
      const [who, heads] = line.split(/[|｜]/);
      const [name = '', ...title] = (who ?? '').trim().split(/\s+/);
      const probationary = kind === 'branch' && /预备/.test(title.join(''));
      return {
        name,
        role: kind === 'branch' ? (probationary ? 'probationary' : 'full') : i === 0 ? 'principal' : 'member',
        title: title.filter((t) => !/^预备/.test(t)).join(' ') || null,
        divisionHeads: (heads ?? '').split(/[、,，\s]+/).filter(Boolean),
      };
    });
}

/**
 * The year's 一岗双责 team as 应参会人员 lines: the secretary first (the principal leader), then
 * the rest in the team's order; those who left during the year are not at a meeting held after.
 */
export function teamPeopleText(team: LeaderView[]): string {
  const rank = (l: LeaderView) => (l.role === 'secretary' ? 0 : 1);
  return team
    .filter((l) => l.leftOn === null)
    .sort((a, b) => rank(a) - rank(b) || a.sortOrder - b.sortOrder)
    .map((l) => [l.name, l.title?.replace(/\s+/g, '')].filter(Boolean).join(' '))
    .join('\n');
}

function CreateMeeting({ onDone }: { onDone: () => void }) {
  const units = useQuery('org.units', {});
  const [kind, setKind] = useState<MeetingKind>('democratic');
  const [year, setYear] = useState(String(new Date().getFullYear()));
  const [unitId, setUnitId] = useState<string | null>(null);
  const [theme, setTheme] = useState('');
  const [heldOn, setHeldOn] = useState<string | null>(null);
  const [place, setPlace] = useState('');
  const [presider, setPresider] = useState('');
  const [recorder, setRecorder] = useState('');
  const [superior, setSuperior] = useState('');
  const [typedPeople, setPeople] = useState<string | null>(null);
  // Until people are typed, a 民主生活会's list is the year's 一岗双责 team (the duties module keeps it).
  const teamYear = /^\d{4}$/.test(year.trim()) ? Number(year) : new Date().getFullYear();
  const team = useQuery('duties.team', { year: teamYear });
  const teamText = team.status === 'ready' && kind !== 'branch' ? teamPeopleText(team.data) : '';
  const people = typedPeople ?? teamText;
  const [trigger, setTrigger] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const { busy, error, submit, fieldError } = useSubmit(async () => {
    const m = await change('meetings.create', {
      kind,
      year: Number(year),
      unitId: kind === 'branch' && unitId ? Number(unitId) : null,
      theme,
      heldOn: heldOn ?? '',
      place,
      presider,
      recorder,
      superiorAttendees: superior,
      ...(kind === 'special'
        ? { specialTrigger: (trigger as SpecialTrigger | null) ?? null, specialReason: reason }
        : {}),
      people: parsePeople(people, kind),
    });
    onDone();
    go('meetings', m.id);
  });
  const branches =
    units.status === 'ready'
      ? units.data
          .filter((u) => u.kind === 'branch' && !u.dissolvedOn)
          .map((u) => ({ value: String(u.id), label: u.name }))
      : [];
  return (
    <Paper withBorder p="md" component="form" onSubmit={submit}>
      <Stack>
        <Group grow>
          <Select
            label="会议类型"
            data={Object.entries(MEETING_KIND_LABEL).map(([value, label]) => ({ value, label }))}
            value={kind}
            onChange={(v) => setKind((v as MeetingKind) ?? 'democratic')}
            allowDeselect={false}
          />
          <TextInput
            label="年度"
            value={year}
            onChange={(e) => setYear(e.currentTarget.value)}
            error={fieldError('year')}
          />
          {kind === 'branch' && (
            <Select label="党支部" data={branches} value={unitId} onChange={setUnitId} error={fieldError('unitId')} />
          )}
          <DateField label="会议日期" value={heldOn} onChange={setHeldOn} error={fieldError('heldOn')} />
        </Group>
        <TextInput
          label="会议主题"
          value={theme}
          onChange={(e) => setTheme(e.currentTarget.value)}
          error={fieldError('theme')}
        />
        {kind === 'special' && (
          <Group grow align="flex-start">
            <Select
              label="召开原因"
              withAsterisk
              data={SPECIAL_TRIGGERS.map((t) => ({ value: t, label: SPECIAL_TRIGGER_LABEL[t] }))}
              value={trigger}
              onChange={setTrigger}
              error={fieldError('specialTrigger')}
            />
            <TextInput
              label="召开原因说明"
              placeholder="如：市委第三巡察组反馈指出的选人用人问题"
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
              error={fieldError('specialReason')}
            />
          </Group>
        )}
        <Group grow>
          <TextInput label="会议地点" value={place} onChange={(e) => setPlace(e.currentTarget.value)} />
          <TextInput label="主持人" value={presider} onChange={(e) => setPresider(e.currentTarget.value)} />
          <TextInput label="记录人" value={recorder} onChange={(e) => setRecorder(e.currentTarget.value)} />
          <TextInput label="上级到会人员" value={superior} onChange={(e) => setSuperior(e.currentTarget.value)} />
        </Group>
        <Textarea
          label="应参会人员"
          description={
            kind === 'branch'
              ? '每行一人：姓名 职务；预备党员写“姓名 预备党员”'
              : `每行一人：姓名 职务 | 分管部门负责人（用顿号分隔）；第一行为主要负责人${typedPeople === null && teamText ? `。已按${teamYear}年度一岗双责领导班子填入，分管部门负责人请在“|”后补充` : ''}`
          }
          autosize
          minRows={5}
          value={people}
          onChange={(e) => setPeople(e.currentTarget.value)}
          error={fieldError('people')}
        />
        {kind !== 'branch' && teamText && typedPeople !== null && typedPeople !== teamText && (
          <Group>
            <Button variant="subtle" size="xs" onClick={() => setPeople(null)}>
              {`改为${teamYear}年度一岗双责领导班子（${teamText.split('\n').length}人）`}
            </Button>
          </Group>
        )}
        <FormError
          error={error}
          inlineFields={['year', 'unitId', 'heldOn', 'theme', 'people', 'specialTrigger', 'specialReason']}
        />
        <Group>
          <Button type="submit" loading={busy}>
            建立会议
          </Button>
          <Button variant="default" onClick={onDone}>
            取消
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

const DAY_FIELDS = [
  ['planDaysBefore', '方案报上级：会前天数'],
  ['studyDaysBefore', '学习研讨：会前天数'],
  ['opinionsDaysBefore', '征求意见：会前天数'],
  ['talksDaysBefore', '谈心谈话：会前天数'],
  ['materialsDaysBefore', '对照检查材料：会前天数'],
  ['reportDaysAfter', '情况报告：会后天数'],
  ['rectificationDaysAfter', '整改清单：会后天数'],
] as const;

/** The settings the reference leaves UNCONFIRMED: step deadlines, which talk pairings are required, the repeat threshold. */
export function MeetingSettingsPanel() {
  const q = useQuery('meetings.settings', {});
  return <QueryView query={q}>{(s) => <SettingsForm initial={s} />}</QueryView>;
}

function SettingsForm({ initial }: { initial: MeetingSettings }) {
  const [s, setS] = useState(initial);
  const { busy, error, submit } = useSubmit(async () => {
    setS(await change('meetings.updateSettings', s));
  });
  return (
    <Paper withBorder p="md" component="form" onSubmit={submit}>
      <Stack>
        <Text fw={600}>生活会设置（各地要求不一，按本机关执行的规定填写）</Text>
        <SimpleGrid cols={4}>
          {DAY_FIELDS.map(([key, label]) => (
            <NumberInput
              key={key}
              label={label}
              min={0}
              max={120}
              value={s[key]}
              onChange={(v) => setS({ ...s, [key]: Number(v) || 0 })}
            />
          ))}
          <NumberInput
            label="重复问题提示相似度（%）"
            min={30}
            max={100}
            value={s.repeatThreshold}
            onChange={(v) => setS({ ...s, repeatThreshold: Number(v) || 60 })}
          />
        </SimpleGrid>
        <Group>
          <Checkbox
            label="主要负责人与每名成员谈"
            checked={s.pairings.principalWithEach}
            onChange={(e) => setS({ ...s, pairings: { ...s.pairings, principalWithEach: e.currentTarget.checked } })}
          />
          <Checkbox
            label="成员之间相互谈"
            checked={s.pairings.membersWithEach}
            onChange={(e) => setS({ ...s, pairings: { ...s.pairings, membersWithEach: e.currentTarget.checked } })}
          />
          <Checkbox
            label="成员与分管部门负责人谈"
            checked={s.pairings.memberWithDivisionHeads}
            onChange={(e) =>
              setS({ ...s, pairings: { ...s.pairings, memberWithDivisionHeads: e.currentTarget.checked } })
            }
          />
        </Group>
        <FormError error={error} />
        <Button type="submit" loading={busy} w={140}>
          保存设置
        </Button>
      </Stack>
    </Paper>
  );
}
