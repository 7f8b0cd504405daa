import {
  ActionIcon,
  Anchor,
  Autocomplete,
  Badge,
  Button,
  Checkbox,
  Group,
  Menu,
  Modal,
  MultiSelect,
  NumberInput,
  Paper,
  ScrollArea,
  SegmentedControl,
  Select,
  Stack,
  TagsInput,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { modals } from '@mantine/modals';
import { IconBooks, IconCopy, IconDots, IconPlus } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { formatChineseDate } from '../../shared/dates';
import {
  DUTY_CATEGORIES,
  DUTY_KIND_LABEL,
  DUTY_KINDS,
  EVIDENCE_SUGGESTIONS,
  LIBRARY_OWNER_LABEL,
  type DutyKind,
  type LibraryItem,
  type LibraryOwner,
} from '../../shared/duties/library';
import {
  describeRule,
  PERIOD_LABEL,
  PERIODS,
  type DutyRule,
  type Period,
  type RuleKind,
} from '../../shared/duties/rules';
import type { ItemView } from '../../shared/duties/views';
import { change } from '../api/client';
import { useQuery } from '../api/use-query';
import { go } from '../app/routes';
import { DateField } from '../common/DateField';
import { FormError } from '../common/FormError';
import { notifyFailed, notifySaved } from '../common/notify';
import { useSubmit } from '../common/use-submit';
import { PeriodCells, StateBadge } from './duty-parts';
import { FormActions } from '../common/FormActions';

interface Owner {
  year: number;
  /** Null: the team's list. */
  leaderId: number | null;
  /** "李副局长" or "领导班子". */
  name: string;
  library: LibraryOwner;
}

function groups(items: ItemView[]): [string, ItemView[]][] {
  const out = new Map<string, ItemView[]>();
  for (const item of items) out.set(item.category, [...(out.get(item.category) ?? []), item]);
  return [...out.entries()];
}

/** A responsibility list with where each item stands; add from the library, copy last year, edit. */
export function ItemsPanel({ owner, items, canCopy }: { owner: Owner; items: ItemView[]; canCopy: boolean }) {
  const [editing, setEditing] = useState<ItemView | 'new' | null>(null);
  const [library, setLibrary] = useState(false);
  const copy = useSubmit(async () => {
    const result = await change('duties.copyList', { year: owner.year, leaderId: owner.leaderId });
    notifySaved(
      `已从${owner.year - 1}年度复制 ${result.added} 项${result.skipped ? `，${result.skipped} 项已在清单中` : ''}。`,
    );
  });
  const remove = (item: ItemView) =>
    modals.openConfirmModal({
      title: '删除责任事项',
      children: <Text size="sm">删除“{item.content}”？已有履职纪实对应的事项不能删除，可以修改它的内容或要求。</Text>,
      labels: { confirm: '删除', cancel: '取消' },
      confirmProps: { color: 'red' },
      onConfirm: () =>
        void change('duties.removeItem', { id: item.id }).then(
          () => notifySaved(`已删除“${item.content}”。`),
          (error: unknown) => notifyFailed(error),
        ),
    });
  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          {items.length
            ? `共 ${items.length} 项。完成情况按履职纪实自动计算，截至今天。`
            : `${owner.name}的${owner.year}年度责任清单还是空的。可以从事项库中挑选典型事项，或复制上年清单，再按实际修改。`}
        </Text>
        <Group gap="xs">
          <Button variant="light" leftSection={<IconBooks size={16} />} onClick={() => setLibrary(true)}>
            从事项库添加
          </Button>
          {canCopy && (
            <Button
              variant="light"
              leftSection={<IconCopy size={16} />}
              onClick={() => void copy.submit()}
              loading={copy.busy}
            >
              复制上年清单
            </Button>
          )}
          <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')}>
            新增事项
          </Button>
        </Group>
      </Group>
      <FormError error={copy.error} />
      {groups(items).map(([category, list]) => (
        <Stack key={category} gap={6}>
          <Title order={5} c="partyRed.8" mt={4}>
            {category}
          </Title>
          {list.map((item) => (
            <Paper key={item.id} withBorder p="sm" radius="md" data-testid="duty-item" aria-label={item.content}>
              <Group justify="space-between" align="flex-start" wrap="nowrap" gap="sm">
                <Stack gap={4} style={{ flex: 1, minWidth: 0 }}>
                  <Group gap="xs" wrap="nowrap">
                    <StateBadge state={item.progress.state} />
                    <Text fw={600} size="sm">
                      {item.content}
                    </Text>
                  </Group>
                  {item.measures && (
                    <Text size="sm" c="dimmed">
                      {item.measures}
                    </Text>
                  )}
                  <Group gap="md" wrap="wrap">
                    <Badge variant="outline" color="gray" radius="sm">
                      {item.requirement}
                    </Badge>
                    {item.evidence.length > 0 && (
                      <Text size="xs" c="dimmed">
                        佐证：{item.evidence.join('、')}
                      </Text>
                    )}
                  </Group>
                  <Group gap="sm" wrap="wrap">
                    <PeriodCells progress={item.progress} />
                    <Text
                      size="xs"
                      c={item.progress.state === 'overdue' ? 'red.8' : 'dimmed'}
                      data-testid="item-summary"
                    >
                      {item.progress.summary}
                    </Text>
                  </Group>
                  {item.records.length > 0 && (
                    <Text size="xs" c="dimmed">
                      履职：
                      {item.records
                        .slice(0, 6)
                        .map(
                          (r) =>
                            `${formatChineseDate(r.occurredOn)}${item.leaderId === null ? `（${r.leaderName}）` : ''}`,
                        )
                        .join('、')}
                      {item.records.length > 6 ? ` 等${item.records.length}次` : ''}
                    </Text>
                  )}
                  {item.meetings.map((m) => (
                    <Text key={m.id} size="xs" c="dimmed">
                      {`${formatChineseDate(m.heldOn)}召开${m.name}（生活会记录）`}
                      <Anchor size="xs" ml={6} onClick={() => go('meetings', m.id)}>
                        查看会议
                      </Anchor>
                    </Text>
                  ))}
                </Stack>
                <Menu position="bottom-end" withinPortal>
                  <Menu.Target>
                    <ActionIcon variant="subtle" color="gray" aria-label={`“${item.content}”的操作`}>
                      <IconDots size={16} />
                    </ActionIcon>
                  </Menu.Target>
                  <Menu.Dropdown>
                    <Menu.Item onClick={() => setEditing(item)}>修改…</Menu.Item>
                    <Menu.Item color="red" onClick={() => remove(item)}>
                      删除
                    </Menu.Item>
                  </Menu.Dropdown>
                </Menu>
              </Group>
            </Paper>
          ))}
        </Stack>
      ))}
      {editing && <ItemForm owner={owner} item={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
      {library && (
        <LibraryModal
          owner={owner}
          present={new Set(items.map((i) => i.origin ?? ''))}
          onClose={() => setLibrary(false)}
        />
      )}
    </Stack>
  );
}

function ItemForm({ owner, item, onClose }: { owner: Owner; item: ItemView | null; onClose: () => void }) {
  const [category, setCategory] = useState(item?.category ?? '党的建设');
  const [content, setContent] = useState(item?.content ?? '');
  const [measures, setMeasures] = useState(item?.measures ?? '');
  const [kind, setKind] = useState<RuleKind>(item?.rule.kind ?? 'periodic');
  const [per, setPer] = useState<Period>(item?.rule.kind === 'periodic' ? item.rule.per : 'quarter');
  const [times, setTimes] = useState<number | string>(item?.rule.kind === 'periodic' ? item.rule.times : 1);
  const [dueOn, setDueOn] = useState<string | null>(item?.rule.kind === 'deadline' ? item.rule.dueOn : null);
  const [evidence, setEvidence] = useState<string[]>(item?.evidence ?? []);
  const [recordKinds, setRecordKinds] = useState<string[]>(item?.recordKinds ?? []);
  const rule: DutyRule | null =
    kind === 'periodic'
      ? { kind, per, times: Number(times) }
      : kind === 'deadline'
        ? dueOn
          ? { kind, dueOn }
          : null
        : { kind: 'ongoing' };
  const { busy, error, submit, fieldError, edited } = useSubmit(async () => {
    if (!rule) throw new Error('请填写完成时限');
    const fields = { category, content, measures, rule, evidence, recordKinds: recordKinds as DutyKind[] };
    if (item) await change('duties.updateItem', { id: item.id, ...fields });
    else await change('duties.addItem', { year: owner.year, leaderId: owner.leaderId, ...fields });
    notifySaved('责任事项已保存。');
    onClose();
  });
  return (
    <Modal
      opened
      onClose={onClose}
      title={`${item ? '修改' : '新增'}责任事项：${owner.name}（${owner.year}年度）`}
      size="lg"
    >
      <form onSubmit={submit} onChange={edited} aria-label="责任事项">
        <Stack gap="sm">
          <Autocomplete
            label="类别"
            withAsterisk
            data={[...DUTY_CATEGORIES]}
            value={category}
            onChange={setCategory}
            error={fieldError('category')}
          />
          <Textarea
            label="责任内容"
            withAsterisk
            autosize
            minRows={2}
            value={content}
            onChange={(e) => setContent(e.currentTarget.value)}
            error={fieldError('content')}
            data-autofocus
          />
          <Textarea
            label="工作措施"
            autosize
            minRows={1}
            value={measures}
            onChange={(e) => setMeasures(e.currentTarget.value)}
            error={fieldError('measures')}
          />
          <Stack gap={4}>
            <Text size="sm" fw={500}>
              完成要求
            </Text>
            <SegmentedControl
              aria-label="完成要求"
              value={kind}
              onChange={(v) => setKind(v as RuleKind)}
              data={[
                { value: 'periodic', label: '按频次' },
                { value: 'deadline', label: '按时限' },
                { value: 'ongoing', label: '经常性工作' },
              ]}
            />
            {kind === 'periodic' && (
              <Group gap="xs" align="flex-end">
                <Select
                  aria-label="频次周期"
                  w={120}
                  data={PERIODS.map((p) => ({ value: p, label: PERIOD_LABEL[p] }))}
                  value={per}
                  onChange={(v) => v && setPer(v as Period)}
                  allowDeselect={false}
                />
                <Text size="sm" pb={8}>
                  至少
                </Text>
                <NumberInput aria-label="次数" w={90} min={1} max={99} value={times} onChange={setTimes} />
                <Text size="sm" pb={8}>
                  次
                </Text>
              </Group>
            )}
            {kind === 'deadline' && (
              <DateField
                label="完成时限"
                withAsterisk
                value={dueOn}
                onChange={setDueOn}
                minDate={`${owner.year}-01-01`}
                error={fieldError('rule')}
              />
            )}
            {rule && (
              <Text size="xs" c="dimmed">
                {describeRule(rule)}
                {kind === 'periodic'
                  ? '：每个周期分别计算，上一周期未完成的不能用下一周期补足。'
                  : kind === 'ongoing'
                    ? '：不计次数，履职纪实照常记录。'
                    : ''}
              </Text>
            )}
          </Stack>
          <TagsInput
            label="佐证材料"
            placeholder="如：会议记录、谈话记录、讲稿"
            data={EVIDENCE_SUGGESTIONS}
            value={evidence}
            onChange={setEvidence}
            error={fieldError('evidence')}
          />
          <MultiSelect
            label="对应的履职类别"
            description="记录这些类别的履职时，会提示勾选此事项"
            data={DUTY_KINDS.map((k) => ({ value: k, label: DUTY_KIND_LABEL[k] }))}
            value={recordKinds}
            onChange={setRecordKinds}
            clearable
          />
          <FormError error={error} inlineFields={['category', 'content', 'measures', 'evidence']} />
          <FormActions onCancel={onClose} busy={busy} label="保存" />
        </Stack>
      </form>
    </Modal>
  );
}

function LibraryModal({ owner, present, onClose }: { owner: Owner; present: Set<string>; onClose: () => void }) {
  const library = useQuery('duties.library', {});
  const [which, setWhich] = useState<LibraryOwner>(owner.library);
  const [picked, setPicked] = useState<Set<string>>(new Set());
  const shown = useMemo<LibraryItem[]>(
    () => (library.status === 'ready' ? library.data.items.filter((i) => i.owner === which) : []),
    [library, which],
  );
  const available = shown.filter((i) => !present.has(i.key));
  const toggle = (key: string) =>
    setPicked((prev) => {
      const next = new Set(prev);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      return next;
    });
  const { busy, error, submit, edited } = useSubmit(async () => {
    const result = await change('duties.addFromLibrary', {
      year: owner.year,
      leaderId: owner.leaderId,
      keys: [...picked],
    });
    notifySaved(`已添加 ${result.added} 项${result.skipped ? `，${result.skipped} 项已在清单中` : ''}。`);
    onClose();
  });
  const rule = (item: LibraryItem) =>
    item.rule.kind === 'deadline'
      ? `${owner.year}年${Number(item.rule.monthDay.slice(0, 2))}月${Number(item.rule.monthDay.slice(3))}日前完成`
      : describeRule(item.rule);
  return (
    <Modal opened onClose={onClose} title={`从事项库添加：${owner.name}（${owner.year}年度）`} size={760}>
      <form onSubmit={submit} onChange={edited} aria-label="事项库">
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            事项库收录常见做法（频次等为各地通行要求，不是统一规定），添加后可逐项修改。
          </Text>
          <Group justify="space-between">
            <SegmentedControl
              aria-label="事项库"
              value={which}
              onChange={(v) => setWhich(v as LibraryOwner)}
              data={(['secretary', 'member', 'team'] as const).map((o) => ({
                value: o,
                label: LIBRARY_OWNER_LABEL[o],
              }))}
            />
            <Group gap="xs">
              <Button
                size="xs"
                variant="subtle"
                onClick={() => setPicked(new Set([...picked, ...available.map((i) => i.key)]))}
              >
                全选
              </Button>
              <Button size="xs" variant="subtle" color="gray" onClick={() => setPicked(new Set())}>
                清除
              </Button>
            </Group>
          </Group>
          <ScrollArea.Autosize mah={440} type="auto">
            <Stack gap={6}>
              {shown.map((item) => {
                const already = present.has(item.key);
                return (
                  <Paper
                    key={item.key}
                    withBorder
                    p="xs"
                    radius="sm"
                    bg={picked.has(item.key) ? 'partyRed.0' : undefined}
                  >
                    <Checkbox
                      checked={already || picked.has(item.key)}
                      disabled={already}
                      onChange={() => toggle(item.key)}
                      label={
                        <Stack gap={2}>
                          <Text size="sm" fw={500}>
                            {item.content}
                            {already && (
                              <Text span size="xs" c="dimmed" ml={6}>
                                （已在清单中）
                              </Text>
                            )}
                          </Text>
                          <Text size="xs" c="dimmed">
                            {item.category} · {rule(item)} · 佐证：{item.evidence.join('、')}
                          </Text>
                        </Stack>
                      }
                    />
                  </Paper>
                );
              })}
            </Stack>
          </ScrollArea.Autosize>
          <FormError error={error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              取消
            </Button>
            <Button type="submit" loading={busy} disabled={picked.size === 0}>
              添加所选 {picked.size} 项
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
