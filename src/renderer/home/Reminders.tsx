import { Badge, Button, Collapse, Group, Paper, Stack, Text, ThemeIcon, UnstyledButton } from '@mantine/core';
import { IconChevronDown, IconChevronRight, IconCircleCheck } from '@tabler/icons-react';
import { useState } from 'react';
import type { Reminder } from '../../shared/contract';
import { formatChineseDate, type IsoDate } from '../../shared/dates';
import {
  groupReminders,
  URGENCIES,
  URGENCY_LABEL,
  type ReminderGroup,
  type ReminderLine,
  type Urgency,
} from '../../shared/reminders';
import { go } from '../app/routes';

const COLOR: Record<Urgency, string> = { overdue: 'red', week: 'orange', month: 'yellow', later: 'gray' };
/** Lines shown before 显示其余: a long list of one kind should not push the rest off the screen. */
const FIRST_LINES = 6;
const COLLAPSED_KEY = 'party-office-reminders-collapsed';

/** The screen that deals with a reminder's subject. */
export function openSubject(subject: Reminder['subject']): void {
  switch (subject.kind) {
    case 'member':
      return go('roster', subject.id);
    case 'unit':
      return go('org');
    case 'duesMember':
      return go('dues', subject.id);
    case 'dues':
      return go('dues');
    case 'dutiesLeader':
      return go('duties', subject.id);
    case 'duties':
      return go('duties');
    case 'meeting':
      return go('meetings', subject.id);
  }
}

/** Which modules the clerk folded away, kept on this computer (a view preference, not data). */
function useCollapsed() {
  const [collapsed, setCollapsed] = useState<string[]>(() => {
    try {
      return JSON.parse(localStorage.getItem(COLLAPSED_KEY) ?? '[]') as string[];
    } catch {
      return [];
    }
  });
  const toggle = (module: string) =>
    setCollapsed((list) => {
      const next = list.includes(module) ? list.filter((m) => m !== module) : [...list, module];
      localStorage.setItem(COLLAPSED_KEY, JSON.stringify(next));
      return next;
    });
  return { collapsed, toggle };
}

function Line({ line }: { line: ReminderLine }) {
  return (
    <UnstyledButton
      onClick={() => openSubject(line.subject)}
      px="sm"
      py={6}
      style={{ borderRadius: 4, display: 'block', width: '100%' }}
      className="reminder-line"
      aria-label={`${line.title}：${line.message}`}
    >
      <Group gap="sm" wrap="nowrap" align="flex-start">
        <Badge color={COLOR[line.urgency]} variant="light" w={84} style={{ flexShrink: 0 }}>
          {line.urgency === 'overdue' ? '逾期' : formatChineseDate(line.dueOn).replace(/^\d+年/, '')}
        </Badge>
        <Text size="sm" fw={600} style={{ flexShrink: 0 }} w={250}>
          {line.title}
          {line.count > 1 && (
            <Text span size="xs" c="dimmed" fw={400} ml={4}>
              {`${line.count}项`}
            </Text>
          )}
        </Text>
        <Text size="sm" c="dimmed" lineClamp={2} style={{ flex: 1 }}>
          {line.message}
        </Text>
        <Text size="xs" c="partyRed.7" style={{ flexShrink: 0 }}>
          去处理 →
        </Text>
      </Group>
    </UnstyledButton>
  );
}

function ModuleReminders({ group, open, onToggle }: { group: ReminderGroup; open: boolean; onToggle: () => void }) {
  const [all, setAll] = useState(false);
  const shown = all ? group.lines : group.lines.slice(0, FIRST_LINES);
  return (
    <Paper withBorder radius="md" aria-label={`${group.label}提醒`}>
      <UnstyledButton onClick={onToggle} px="md" py="xs" w="100%" aria-expanded={open}>
        <Group gap="sm">
          {open ? <IconChevronDown size={16} /> : <IconChevronRight size={16} />}
          <Text fw={600}>{group.label}</Text>
          <Text size="sm" c="dimmed">{`${group.lines.length}项`}</Text>
          {URGENCIES.filter((u) => group.counts[u] > 0).map((u) => (
            <Badge key={u} color={COLOR[u]} variant={u === 'overdue' ? 'filled' : 'light'} size="sm">
              {`${URGENCY_LABEL[u]} ${group.counts[u]}`}
            </Badge>
          ))}
        </Group>
      </UnstyledButton>
      <Collapse expanded={open}>
        <Stack gap={0} px={4} pb="xs">
          {shown.map((line) => (
            <Line key={line.key} line={line} />
          ))}
          {group.lines.length > FIRST_LINES && (
            <Button variant="subtle" size="compact-sm" onClick={() => setAll(!all)} ml="sm" w="fit-content">
              {all ? '收起' : `显示其余${group.lines.length - FIRST_LINES}项`}
            </Button>
          )}
        </Stack>
      </Collapse>
    </Paper>
  );
}

/** 待办提醒: by module, the worst first, each with its counts, each line one click from where it is dealt with. */
export function Reminders({ reminders, today }: { reminders: Reminder[]; today: IsoDate }) {
  const { collapsed, toggle } = useCollapsed();
  if (reminders.length === 0) {
    return (
      <Group gap="xs" c="teal.8" aria-label="提醒列表">
        <ThemeIcon color="teal" variant="light" size="sm">
          <IconCircleCheck size={14} />
        </ThemeIcon>
        <Text size="sm">暂无需要办理的提醒。</Text>
      </Group>
    );
  }
  const groups = groupReminders(reminders, today);
  return (
    <Stack gap="xs" aria-label="提醒列表">
      {groups.map((g) => (
        <ModuleReminders
          key={g.module}
          group={g}
          open={!collapsed.includes(g.module)}
          onToggle={() => toggle(g.module)}
        />
      ))}
    </Stack>
  );
}
