import {
  ActionIcon,
  Alert,
  Anchor,
  Button,
  Checkbox,
  FileButton,
  Group,
  List,
  Menu,
  Modal,
  MultiSelect,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Table,
  TagsInput,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { IconDots, IconFileUpload, IconPaperclip, IconPlus, IconX } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { formatChineseDate } from '../../shared/dates';
import { ACCEPTED_TYPES_TEXT, checkEvidence, EVIDENCE_ACCEPT, evidenceSizeProblem } from '../../shared/duties/evidence';
import { DUTY_KIND_LABEL, DUTY_KINDS, isTalk, type DutyKind } from '../../shared/duties/library';
import type { EvidenceView, ItemView, LeaderView, RecordView } from '../../shared/duties/views';
import { AppError } from '../../shared/errors';
import { change, invoke } from '../api/client';
import { useQuery } from '../api/use-query';
import { DateField } from '../common/DateField';
import { readFile, saveFile } from '../common/files';
import { FormError } from '../common/FormError';
import { messageOf, notifyFailed, notifySaved } from '../common/notify';
import { useSubmit } from '../common/use-submit';
import { fileSize, Muted } from './duty-parts';
import { ReasonModal } from '../common/ReasonModal';

const SUBJECT_HINT: Record<DutyKind, string> = {
  briefing: '如：听取财务处党支部党建工作汇报',
  talk: '如：与分管处室负责人谈心谈话',
  partyLecture: '如：为财务处党支部讲专题党课',
  dualLife: '如：参加所在党支部主题党日活动',
  inspection: '如：到审计处调研督导廉政风险防控',
  integrityTalk: '如：节前廉政提醒谈话',
  study: '如：党组会专题研究意识形态工作',
  other: '做了什么',
};

/** Downloads an evidence file (the browser or Electron asks where to save it). */
export async function openEvidence(e: EvidenceView): Promise<void> {
  try {
    saveFile(await invoke('duties.evidenceFile', { id: e.id }));
  } catch (error) {
    notifyFailed(error);
  }
}

export function EvidenceLinks({
  evidence,
  onRemove,
}: {
  evidence: EvidenceView[];
  onRemove?: (e: EvidenceView) => void;
}) {
  if (evidence.length === 0) return <Muted>—</Muted>;
  return (
    <Stack gap={2}>
      {evidence.map((e) => (
        <Group key={e.id} gap={4} wrap="nowrap">
          <IconPaperclip size={13} style={{ flex: 'none' }} />
          <Anchor
            component="button"
            size="sm"
            onClick={() => void openEvidence(e)}
            title={`SHA-256：${e.sha256}`}
            style={{ wordBreak: 'break-all', textAlign: 'left' }}
          >
            {e.fileName}
          </Anchor>
          <Text size="xs" c="dimmed" style={{ flex: 'none' }}>
            {fileSize(e.size)}
          </Text>
          {onRemove && (
            <ActionIcon
              size="xs"
              variant="subtle"
              color="gray"
              aria-label={`删除${e.fileName}`}
              onClick={() => onRemove(e)}
            >
              <IconX size={12} />
            </ActionIcon>
          )}
        </Group>
      ))}
    </Stack>
  );
}

/** The year's records of one person (leader given) or of the whole team, newest first. */
export function RecordsPanel({
  year,
  records,
  leader,
  items,
  teamItems,
  today,
}: {
  year: number;
  records: RecordView[];
  leader: LeaderView | null;
  items: ItemView[];
  teamItems: ItemView[];
  today: string;
}) {
  const [editing, setEditing] = useState<RecordView | 'new' | null>(null);
  const [voiding, setVoiding] = useState<RecordView | null>(null);
  const [removing, setRemoving] = useState<EvidenceView | null>(null);
  const live = records.filter((r) => !r.voidedOn);
  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          {live.length ? `共 ${live.length} 条。` : '还没有履职纪实。'}
          做过一件就记一件：日期、做了什么、谁参加，附上会议记录、讲稿或照片。
        </Text>
        <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')}>
          记录履职
        </Button>
      </Group>
      {records.length > 0 && (
        <Paper withBorder radius="md">
          <Table verticalSpacing="xs" horizontalSpacing="sm" aria-label="履职纪实" layout="fixed">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={136}>日期</Table.Th>
                {!leader && <Table.Th w={90}>班子成员</Table.Th>}
                <Table.Th w={130}>类别</Table.Th>
                <Table.Th>事由及内容</Table.Th>
                <Table.Th w={170}>参加人员 / 谈话对象</Table.Th>
                <Table.Th w={190}>对应责任事项</Table.Th>
                <Table.Th w={200}>佐证材料</Table.Th>
                <Table.Th w={44} />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {records.map((r) => {
                const voided = r.voidedOn !== null;
                return (
                  <Table.Tr key={r.id} style={voided ? { opacity: 0.55 } : undefined} data-testid="duty-record">
                    <Table.Td
                      className="tabular"
                      style={{ whiteSpace: 'nowrap', ...(voided ? { textDecoration: 'line-through' } : {}) }}
                    >
                      {formatChineseDate(r.occurredOn)}
                    </Table.Td>
                    {!leader && <Table.Td>{r.leaderName}</Table.Td>}
                    <Table.Td>
                      <Text size="xs" fw={600} c={isTalk(r.kind) ? 'grape.8' : 'blue.8'} lh={1.35}>
                        {DUTY_KIND_LABEL[r.kind]}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" fw={500} td={voided ? 'line-through' : undefined}>
                        {r.subject}
                        {r.place ? `（${r.place}）` : ''}
                      </Text>
                      {r.summary && (
                        <Text size="xs" c="dimmed" lineClamp={3}>
                          {r.summary}
                        </Text>
                      )}
                      {voided && (
                        <Text size="xs" c="red.8">
                          已于{formatChineseDate(r.voidedOn)}作废：{r.voidReason}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">
                        {isTalk(r.kind) ? r.counterparts.map((c) => c.name).join('、') : (r.participants ?? '')}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="xs">
                        {r.items.map((i) => `${i.leaderId === null ? '【班子】' : ''}${i.content}`).join('；') || (
                          <Muted>—</Muted>
                        )}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <EvidenceLinks evidence={r.evidence} onRemove={voided ? undefined : setRemoving} />
                    </Table.Td>
                    <Table.Td>
                      {!voided && (
                        <Menu position="bottom-end" withinPortal>
                          <Menu.Target>
                            <ActionIcon variant="subtle" color="gray" aria-label="这条记录的操作">
                              <IconDots size={16} />
                            </ActionIcon>
                          </Menu.Target>
                          <Menu.Dropdown>
                            <Menu.Item onClick={() => setEditing(r)}>修改或补充材料…</Menu.Item>
                            <Menu.Item color="red" onClick={() => setVoiding(r)}>
                              作废（录入错误）…
                            </Menu.Item>
                          </Menu.Dropdown>
                        </Menu>
                      )}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Paper>
      )}
      {editing && (
        <RecordForm
          year={year}
          leader={leader}
          record={editing === 'new' ? null : editing}
          items={items}
          teamItems={teamItems}
          today={today}
          onClose={() => setEditing(null)}
        />
      )}
      {voiding && (
        <ReasonModal
          title="作废这条履职记录"
          hint="作废后不再计入完成情况，仍保留在纪实中（划线显示）。"
          action="作废"
          label="原因"
          saved="已作废。"
          onClose={() => setVoiding(null)}
          run={(reason) => change('duties.voidRecord', { id: voiding.id, reason })}
        />
      )}
      {removing && (
        <ReasonModal
          title={`删除佐证材料：${removing.fileName}`}
          hint="只用于传错了文件。操作记录保留文件名、大小和校验值。"
          action="删除"
          label="原因"
          saved="已删除。"
          onClose={() => setRemoving(null)}
          run={(reason) => change('duties.removeEvidence', { id: removing.id, reason })}
        />
      )}
    </Stack>
  );
}

interface Pending {
  file: File;
  problem: string | null;
}

/** Files picked for upload, checked here by the same rules the core applies. */
export function useEvidencePicker() {
  const settings = useQuery('duties.settings', {});
  const maxBytes = (settings.status === 'ready' ? settings.data.evidenceMaxMb : 10) * 1024 * 1024;
  const [files, setFiles] = useState<Pending[]>([]);
  const add = async (picked: File[]) => {
    const checked = await Promise.all(
      picked.map(async (file) => {
        // A file over the limit is refused without reading it.
        const tooBig = evidenceSizeProblem(file.name, file.size, maxBytes);
        if (tooBig) return { file, problem: tooBig };
        const result = checkEvidence(file.name, new Uint8Array(await file.arrayBuffer()), maxBytes);
        return { file, problem: result.ok ? null : result.message };
      }),
    );
    setFiles((prev) => [...prev, ...checked]);
  };
  const remove = (file: File) => setFiles((prev) => prev.filter((p) => p.file !== file));
  /** Uploads the good files to the record or letter; returns the messages of those refused. */
  const upload = async (target: { recordId: number } | { letterLeaderId: number }): Promise<string[]> => {
    const problems: string[] = [];
    const left: Pending[] = [];
    for (const p of files) {
      if (p.problem) continue;
      try {
        await change('duties.addEvidence', { ...target, file: await readFile(p.file) });
      } catch (error) {
        problems.push(messageOf(error));
        left.push({ file: p.file, problem: messageOf(error) });
      }
    }
    setFiles(left);
    return problems;
  };
  return { files, add, remove, upload, maxMb: maxBytes / 1024 / 1024 };
}

export function EvidencePicker({
  picker,
  label = '佐证材料',
}: {
  picker: ReturnType<typeof useEvidencePicker>;
  label?: string;
}) {
  return (
    <Stack gap={4}>
      <Group gap="xs">
        <Text size="sm" fw={500}>
          {label}
        </Text>
        <FileButton onChange={(files) => void picker.add(files)} accept={EVIDENCE_ACCEPT} multiple>
          {(props) => (
            <Button {...props} size="xs" variant="light" leftSection={<IconFileUpload size={14} />}>
              选择文件
            </Button>
          )}
        </FileButton>
        <Text size="xs" c="dimmed">
          {ACCEPTED_TYPES_TEXT}，每个不超过 {picker.maxMb} MB，保存在数据文件中
        </Text>
      </Group>
      {picker.files.length > 0 && (
        <List size="sm" spacing={2} aria-label="待上传的文件">
          {picker.files.map((p) => (
            <List.Item key={`${p.file.name}-${p.file.size}-${p.file.lastModified}`} icon={<IconPaperclip size={14} />}>
              <Group gap={6} wrap="nowrap" align="flex-start">
                <Text size="sm" c={p.problem ? 'red.8' : undefined}>
                  {p.problem ?? `${p.file.name}（${fileSize(p.file.size)}）`}
                </Text>
                <ActionIcon
                  size="xs"
                  variant="subtle"
                  color="gray"
                  aria-label={`移除${p.file.name}`}
                  onClick={() => picker.remove(p.file)}
                >
                  <IconX size={12} />
                </ActionIcon>
              </Group>
            </List.Item>
          ))}
        </List>
      )}
    </Stack>
  );
}

function RecordForm({
  year,
  leader,
  record,
  items,
  teamItems,
  today,
  onClose,
}: {
  year: number;
  leader: LeaderView | null;
  record: RecordView | null;
  items: ItemView[];
  teamItems: ItemView[];
  today: string;
  onClose: () => void;
}) {
  const team = useQuery('duties.team', { year });
  const leaders = team.status === 'ready' ? team.data : [];
  const [leaderId, setLeaderId] = useState<number | null>(record?.leaderId ?? leader?.id ?? null);
  // On the team's page the chosen person's items are loaded here; on a person's page they are given.
  const person = useQuery('duties.items', { year, leaderId: leader ? leader.id : leaderId });
  const ownItems = leader ? items : leaderId && person.status === 'ready' ? person.data : [];
  const [savedId, setSavedId] = useState<number | null>(record?.id ?? null);
  const [occurredOn, setOccurredOn] = useState<string | null>(
    record?.occurredOn ?? (today.startsWith(String(year)) ? today : null),
  );
  const [kind, setKind] = useState<DutyKind>(record?.kind ?? 'briefing');
  const [subject, setSubject] = useState(record?.subject ?? '');
  const [place, setPlace] = useState(record?.place ?? '');
  const [participants, setParticipants] = useState(record?.participants ?? '');
  const [summary, setSummary] = useState(record?.summary ?? '');
  const [teamTalks, setTeamTalks] = useState<string[]>(
    record?.counterparts.filter((c) => c.leaderId !== null).map((c) => String(c.leaderId)) ?? [],
  );
  const [others, setOthers] = useState<string[]>(
    record?.counterparts.filter((c) => c.leaderId === null).map((c) => c.name) ?? [],
  );
  const [itemIds, setItemIds] = useState<string[]>(record?.items.map((i) => String(i.id)) ?? []);
  const [touched, setTouched] = useState(record !== null);
  const picker = useEvidencePicker();
  const talk = isTalk(kind);
  const choices = [...ownItems, ...teamItems];

  // Until the person picks items by hand, the items that usually go with this kind are ticked.
  useEffect(() => {
    if (touched) return;
    setItemIds(choices.filter((i) => i.recordKinds.includes(kind)).map((i) => String(i.id)));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [kind, touched, ownItems.length, teamItems.length]);

  const { busy, error, submit, fieldError, edited } = useSubmit(async () => {
    if (!leaderId) throw new AppError({ code: 'INVALID_INPUT', message: '请选择班子成员', field: 'leaderId' });
    const counterparts = talk
      ? [
          ...teamTalks.map((id) => ({
            name: leaders.find((l) => l.id === Number(id))?.name ?? '',
            leaderId: Number(id),
          })),
          ...others.map((name) => ({ name })),
        ]
      : [];
    const fields = {
      occurredOn: occurredOn ?? '',
      kind,
      subject,
      place,
      participants: talk ? '' : participants,
      counterparts,
      itemIds: itemIds.map(Number),
      summary,
    };
    let id = savedId;
    if (id === null) {
      id = (await change('duties.addRecord', { leaderId, ...fields })).id;
      setSavedId(id);
    } else {
      await change('duties.updateRecord', { id, ...fields });
    }
    const refused = await picker.upload({ recordId: id });
    if (refused.length)
      throw new AppError({
        code: 'INVALID_INPUT',
        message: `记录已保存，但有 ${refused.length} 个文件没有上传：${refused.join('；')}`,
        field: 'file',
      });
    notifySaved('履职纪实已保存。');
    onClose();
  });

  return (
    <Modal opened onClose={onClose} title={record || savedId ? '修改履职纪实' : '记录履职'} size={780}>
      <form onSubmit={submit} onChange={edited} aria-label="履职纪实">
        <Stack gap="sm">
          {savedId && !record && (
            <Alert color="orange" py={6}>
              这条记录已经保存；可以更换文件后再次保存，不会重复记录。
            </Alert>
          )}
          <SimpleGrid cols={3} spacing="sm">
            {leader ? (
              <TextInput label="班子成员" value={leader.name} readOnly />
            ) : (
              <Select
                label="班子成员"
                withAsterisk
                data={leaders.map((l) => ({ value: String(l.id), label: l.name }))}
                value={leaderId ? String(leaderId) : null}
                onChange={(v) => {
                  setLeaderId(v ? Number(v) : null);
                  setTouched(false);
                }}
                disabled={record !== null || savedId !== null}
                error={fieldError('leaderId')}
              />
            )}
            <DateField
              label="日期"
              withAsterisk
              value={occurredOn}
              onChange={setOccurredOn}
              maxDate={today}
              error={fieldError('occurredOn')}
            />
            <Select
              label="类别"
              withAsterisk
              data={DUTY_KINDS.map((k) => ({ value: k, label: DUTY_KIND_LABEL[k] }))}
              value={kind}
              onChange={(v) => v && setKind(v as DutyKind)}
              allowDeselect={false}
            />
          </SimpleGrid>
          <SimpleGrid cols={3} spacing="sm">
            <TextInput
              label="事由"
              withAsterisk
              placeholder={SUBJECT_HINT[kind]}
              value={subject}
              onChange={(e) => setSubject(e.currentTarget.value)}
              error={fieldError('subject')}
              style={{ gridColumn: 'span 2' }}
              data-autofocus
            />
            <TextInput label="地点" value={place} onChange={(e) => setPlace(e.currentTarget.value)} />
          </SimpleGrid>
          {talk ? (
            <SimpleGrid cols={2} spacing="sm">
              <MultiSelect
                label="谈话对象：班子成员"
                data={leaders.filter((l) => l.id !== leaderId).map((l) => ({ value: String(l.id), label: l.name }))}
                value={teamTalks}
                onChange={setTeamTalks}
                error={fieldError('counterparts')}
              />
              <TagsInput
                label="谈话对象：其他人员"
                placeholder="输入姓名后按回车"
                value={others}
                onChange={setOthers}
              />
            </SimpleGrid>
          ) : (
            <TextInput
              label="参加人员"
              placeholder="如：财务处全体党员；审计处党支部支委"
              value={participants}
              onChange={(e) => setParticipants(e.currentTarget.value)}
              error={fieldError('participants')}
            />
          )}
          <Textarea
            label={talk ? '谈话要点' : '内容摘要'}
            autosize
            minRows={2}
            maxRows={6}
            value={summary}
            onChange={(e) => setSummary(e.currentTarget.value)}
            error={fieldError('summary')}
          />
          <Stack gap={4}>
            <Text size="sm" fw={500}>
              对应的责任事项
            </Text>
            {choices.length === 0 ? (
              <Text size="xs" c="dimmed">
                {leaderId ? '这位班子成员还没有责任清单；记录仍会保存在履职纪实中。' : '请先选择班子成员。'}
              </Text>
            ) : (
              <Checkbox.Group
                value={itemIds}
                onChange={(v) => {
                  setTouched(true);
                  setItemIds(v);
                }}
                aria-label="对应的责任事项"
              >
                <Stack gap={4}>
                  {choices.map((i) => (
                    <Checkbox
                      key={i.id}
                      value={String(i.id)}
                      label={
                        <Text size="sm">
                          {i.leaderId === null ? '【领导班子】' : ''}
                          {i.content}
                          <Text span size="xs" c="dimmed" ml={6}>
                            {i.requirement}
                          </Text>
                        </Text>
                      }
                    />
                  ))}
                </Stack>
              </Checkbox.Group>
            )}
          </Stack>
          {record && record.evidence.length > 0 && (
            <Stack gap={2}>
              <Text size="sm" fw={500}>
                已上传的佐证材料
              </Text>
              <EvidenceLinks evidence={record.evidence} />
            </Stack>
          )}
          <EvidencePicker picker={picker} label={record ? '补充佐证材料' : '佐证材料'} />
          <FormError
            error={error}
            inlineFields={['occurredOn', 'subject', 'counterparts', 'participants', 'summary', 'leaderId']}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {savedId && !record ? '关闭' : '取消'}
            </Button>
            <Button type="submit" loading={busy}>
              保存
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
