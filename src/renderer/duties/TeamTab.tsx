import {
  ActionIcon,
  Alert,
  Anchor,
  Button,
  Group,
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
import { IconDots, IconPlus } from '@tabler/icons-react';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { LEADER_ROLE_LABEL, LEADER_ROLES, type LeaderRole } from '../../shared/duties/library';
import type { LeaderView } from '../../shared/duties/views';
import { change } from '../api/client';
import { useQuery } from '../api/use-query';
import { go } from '../app/routes';
import { DateField } from '../common/DateField';
import { FormError } from '../common/FormError';
import { notifySaved } from '../common/notify';
import { QueryView } from '../common/QueryView';
import { useSubmit } from '../common/use-submit';
import { DateText, Muted } from './duty-parts';
import { FormActions } from '../common/FormActions';

/** 班子成员与分工: the year's leadership team, each linked to the roster where they are members. */
export function TeamTab({ year }: { year: number }) {
  const team = useQuery('duties.team', { year });
  const overview = useQuery('duties.overview', { year });
  const [editing, setEditing] = useState<LeaderView | 'new' | null>(null);
  const [removing, setRemoving] = useState<LeaderView | null>(null);
  const previous = overview.status === 'ready' ? overview.data.previousYear : null;
  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          每年登记一次领导班子成员：岗位、职务、分管处室和分管（联系）党支部。是党员的从党员名册中选择，双重组织生活所在支部随之显示。
        </Text>
        <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')}>
          新增班子成员
        </Button>
      </Group>
      <QueryView query={team}>
        {(leaders) => (
          <>
            {leaders.length === 0 && previous && (
              <CopyYear from={previous.year} to={year} leaders={previous.leaders} items={previous.items} />
            )}
            {leaders.length === 0 && !previous && (
              <Paper withBorder p="lg" radius="md">
                <Text c="dimmed">
                  {year}年度还没有登记领导班子成员。先新增书记（第一责任人）和其他班子成员，再为每人建立责任清单。
                </Text>
              </Paper>
            )}
            {leaders.length > 0 && (
              <Paper withBorder radius="md">
                <Table verticalSpacing="sm" horizontalSpacing="md" aria-label="领导班子成员">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>姓名</Table.Th>
                      <Table.Th>岗位</Table.Th>
                      <Table.Th>职务</Table.Th>
                      <Table.Th>分管处室</Table.Th>
                      <Table.Th>分管（联系）党支部</Table.Th>
                      <Table.Th>所在党支部</Table.Th>
                      <Table.Th>年内变动</Table.Th>
                      <Table.Th w={48} />
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {leaders.map((l) => (
                      <Table.Tr key={l.id}>
                        <Table.Td>
                          <Anchor component="button" onClick={() => go('duties', l.id)} fw={600}>
                            {l.name}
                          </Anchor>
                          {l.memberId === null && (
                            <Text size="xs" c="dimmed">
                              未关联党员名册
                            </Text>
                          )}
                        </Table.Td>
                        <Table.Td>{LEADER_ROLE_LABEL[l.role]}</Table.Td>
                        <Table.Td>{l.title ?? <Muted>—</Muted>}</Table.Td>
                        <Table.Td>{l.divisions.join('、') || <Muted>—</Muted>}</Table.Td>
                        <Table.Td>{l.branches.map((b) => b.name).join('、') || <Muted>—</Muted>}</Table.Td>
                        <Table.Td>{l.ownBranch?.name ?? <Muted>—</Muted>}</Table.Td>
                        <Table.Td>
                          {l.startedOn && (
                            <Text size="sm">
                              <DateText date={l.startedOn} />
                              任职
                            </Text>
                          )}
                          {l.leftOn && (
                            <Text size="sm" c="orange.8">
                              <DateText date={l.leftOn} />
                              离任
                            </Text>
                          )}
                          {!l.startedOn && !l.leftOn && <Muted>—</Muted>}
                        </Table.Td>
                        <Table.Td>
                          <Menu position="bottom-end" withinPortal>
                            <Menu.Target>
                              <ActionIcon variant="subtle" color="gray" aria-label={`${l.name}的操作`}>
                                <IconDots size={16} />
                              </ActionIcon>
                            </Menu.Target>
                            <Menu.Dropdown>
                              <Menu.Item onClick={() => setEditing(l)}>修改…</Menu.Item>
                              <Menu.Item onClick={() => go('duties', l.id)}>责任清单与履职纪实</Menu.Item>
                              <Menu.Item color="red" onClick={() => setRemoving(l)}>
                                删除（录入错误）…
                              </Menu.Item>
                            </Menu.Dropdown>
                          </Menu>
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Paper>
            )}
          </>
        )}
      </QueryView>
      {editing && (
        <LeaderForm year={year} leader={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />
      )}
      {removing && <RemoveLeader leader={removing} onClose={() => setRemoving(null)} />}
    </Stack>
  );
}

function CopyYear({ from, to, leaders, items }: { from: number; to: number; leaders: number; items: number }) {
  const { busy, error, submit } = useSubmit(async () => {
    const result = await change('duties.copyYear', { from, to, lists: true });
    notifySaved(`已复制班子成员 ${result.leaders} 人、责任事项 ${result.items} 项。请核对分工变化后再签订责任书。`);
  });
  return (
    <Alert color="blue" title={`${to}年度还没有登记领导班子`}>
      <Stack gap="xs">
        <Text size="sm">
          {from}年度有班子成员 {leaders} 人、责任事项 {items}{' '}
          项。可以把仍在任的成员连同各自的责任清单和领导班子清单复制过来，再按新一年的分工修改；完成时限顺延一年。
        </Text>
        <FormError error={error} />
        <Group>
          <Button onClick={() => void submit()} loading={busy}>
            从{from}年度复制班子和责任清单
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}

/**
 * Pick a roster member by name or pinyin initials: the roster's own search (`roster.search`, which
 * knows initials and full pinyin) finds the people, so the list is shown as it comes back, not
 * filtered again by the typed text ("lq" is in no label, yet finds 刘强).
 */
export function MemberPicker({
  value,
  onChange,
  initial,
  label,
  error,
}: {
  value: number | null;
  onChange: (id: number | null, name: string | null) => void;
  initial?: { id: number; name: string } | null;
  label: string;
  error?: string | undefined;
}) {
  const [search, setSearch] = useState('');
  const [picked, setPicked] = useState<{ value: string; label: string } | null>(
    initial ? { value: String(initial.id), label: initial.name } : null,
  );
  // Once a person is picked the box shows their label; that is not something to search for.
  const typed = picked && search === picked.label ? '' : search.trim();
  const [debounced] = useDebouncedValue(typed, 150);
  const found = useQuery('roster.search', { text: debounced || undefined, limit: 30 });
  const rows = found.status === 'ready' ? found.data.rows.filter((m) => m.status === 'normal') : [];
  const data = rows.map((m) => ({ value: String(m.id), label: `${m.name}（${m.branchName}）` }));
  if (picked && value !== null && String(value) === picked.value && !data.some((d) => d.value === picked.value))
    data.unshift(picked);
  return (
    <Select
      label={label}
      placeholder="输入姓名或拼音首字母"
      searchable
      clearable
      data={data}
      filter={({ options }) => options}
      value={value === null ? null : String(value)}
      searchValue={search}
      onSearchChange={setSearch}
      onChange={(v, option) => {
        setPicked(option ? { value: option.value, label: option.label } : null);
        onChange(v ? Number(v) : null, option ? option.label.replace(/（.*）$/, '') : null);
      }}
      nothingFoundMessage={found.status === 'ready' ? '名册中没有找到' : '正在查找…'}
      error={error}
    />
  );
}

function LeaderForm({ year, leader, onClose }: { year: number; leader: LeaderView | null; onClose: () => void }) {
  const units = useQuery('org.units', {});
  const branches =
    units.status === 'ready'
      ? units.data.filter((u) => (u.kind === 'branch' || u.kind === 'generalBranch') && !u.dissolvedOn)
      : [];
  const [memberId, setMemberId] = useState<number | null>(leader?.memberId ?? null);
  const [name, setName] = useState(leader?.name ?? '');
  const [role, setRole] = useState<LeaderRole>(leader?.role ?? 'deputy');
  const [title, setTitle] = useState(leader?.title ?? '');
  const divisionList = useQuery('org.divisions', {});
  // The list's live 处室, and those already linked even when dissolved since.
  const divisionChoices = (divisionList.status === 'ready' ? divisionList.data : []).filter(
    (d) => !d.dissolvedOn || leader?.divisionIds.includes(d.id),
  );
  const [divisionIds, setDivisionIds] = useState<string[]>(leader?.divisionIds.map(String) ?? []);
  const [divisions, setDivisions] = useState<string[]>(leader?.otherDivisions ?? []);
  const [branchIds, setBranchIds] = useState<string[]>(leader?.branches.map((b) => String(b.id)) ?? []);
  const [startedOn, setStartedOn] = useState<string | null>(leader?.startedOn ?? null);
  const [leftOn, setLeftOn] = useState<string | null>(leader?.leftOn ?? null);
  const [note, setNote] = useState(leader?.note ?? '');
  const { busy, error, submit, fieldError, edited } = useSubmit(async () => {
    const fields = {
      ...(memberId === null ? { name } : {}),
      memberId,
      role,
      title,
      divisionIds: divisionIds.map(Number),
      divisions,
      branchIds: branchIds.map(Number),
      startedOn,
      leftOn,
      note,
    };
    const saved = leader
      ? await change('duties.updateLeader', { id: leader.id, ...fields })
      : await change('duties.addLeader', { year, ...fields });
    notifySaved(`${saved.name}的信息已保存。`);
    onClose();
  });
  return (
    <Modal
      opened
      onClose={onClose}
      title={leader ? `修改：${leader.name}（${year}年度）` : `新增${year}年度班子成员`}
      size="lg"
    >
      <form onSubmit={submit} onChange={edited} aria-label="班子成员">
        <Stack gap="sm">
          <SimpleGrid cols={2} spacing="sm">
            <MemberPicker
              label="从党员名册选择（是党员的）"
              value={memberId}
              initial={leader?.memberId ? { id: leader.memberId, name: leader.name } : null}
              onChange={(id, picked) => {
                setMemberId(id);
                if (picked) setName(picked);
              }}
              error={fieldError('memberId')}
            />
            <TextInput
              label="姓名"
              withAsterisk
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              disabled={memberId !== null}
              error={fieldError('name')}
              description={memberId !== null ? '取自党员名册' : '不是党员的，直接填写姓名'}
            />
            <Select
              label="岗位"
              withAsterisk
              data={LEADER_ROLES.map((r) => ({ value: r, label: LEADER_ROLE_LABEL[r] }))}
              value={role}
              onChange={(v) => v && setRole(v as LeaderRole)}
              allowDeselect={false}
            />
            <TextInput
              label="职务"
              placeholder="如：党组成员、副局长"
              value={title}
              onChange={(e) => setTitle(e.currentTarget.value)}
            />
          </SimpleGrid>
          {divisionChoices.length > 0 ? (
            <>
              <MultiSelect
                label="分管处室（单位）"
                data={divisionChoices.map((d) => ({
                  value: String(d.id),
                  label: d.dissolvedOn ? `${d.name}（已撤销）` : d.name,
                }))}
                value={divisionIds}
                onChange={setDivisionIds}
                error={fieldError('divisionIds')}
                searchable
              />
              {divisions.length > 0 && (
                <TagsInput
                  label="其他分管处室（不在处室名单中）"
                  description="以前按文字填写的分管处室保留在这里；与名单中处室同名的，保存时自动对应到该处室"
                  placeholder="输入后按回车"
                  value={divisions}
                  onChange={setDivisions}
                  error={fieldError('divisions')}
                />
              )}
            </>
          ) : (
            // No 处室 list yet: typed as text, as before; linked once the list has the same names.
            <TagsInput
              label="分管处室（单位）"
              description="可在“组织设置 → 处室”建立处室名单，之后从名单中选择"
              placeholder="输入后按回车"
              value={divisions}
              onChange={setDivisions}
              error={fieldError('divisions')}
            />
          )}
          <MultiSelect
            label="分管（联系）党支部"
            data={branches.map((b) => ({ value: String(b.id), label: b.name }))}
            value={branchIds}
            onChange={setBranchIds}
            error={fieldError('branchIds')}
            clearable
          />
          <SimpleGrid cols={2} spacing="sm">
            <DateField
              label="年内任职日期（年中到任时填写）"
              value={startedOn}
              onChange={setStartedOn}
              error={fieldError('startedOn')}
            />
            <DateField
              label="离任日期（年中调离时填写）"
              value={leftOn}
              onChange={setLeftOn}
              error={fieldError('leftOn')}
            />
          </SimpleGrid>
          <Text size="xs" c="dimmed">
            年中到任或调离的，在岗不足半个周期（季度、半年等）的不作要求。
          </Text>
          <Textarea label="备注" autosize minRows={1} value={note} onChange={(e) => setNote(e.currentTarget.value)} />
          <FormError
            error={error}
            inlineFields={['memberId', 'name', 'divisions', 'branchIds', 'startedOn', 'leftOn']}
          />
          <FormActions onCancel={onClose} busy={busy} label="保存" />
        </Stack>
      </form>
    </Modal>
  );
}

function RemoveLeader({ leader, onClose }: { leader: LeaderView; onClose: () => void }) {
  const [reason, setReason] = useState('');
  const { busy, error, submit, edited } = useSubmit(async () => {
    await change('duties.removeLeader', { id: leader.id, reason });
    notifySaved(`已删除${leader.name}。`);
    onClose();
  });
  return (
    <Modal opened onClose={onClose} title={`删除：${leader.name}`}>
      <form onSubmit={submit} onChange={edited} aria-label="删除班子成员">
        <Stack gap="sm">
          <Text size="sm">
            只用于录入错误。已有履职纪实的不能删除；调离的请在“修改”中填写离任日期。责任清单、责任书登记和述责述廉稿一并删除，操作记录中保留全部内容。
          </Text>
          <TextInput
            label="删除原因"
            withAsterisk
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            data-autofocus
          />
          <FormError error={error} />
          <FormActions onCancel={onClose} busy={busy} label="删除" danger />
        </Stack>
      </form>
    </Modal>
  );
}
