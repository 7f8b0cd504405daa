import { Anchor, Group, List, Paper, Text, ThemeIcon, Title } from '@mantine/core';
import { IconCircleCheck, IconCircleDashed } from '@tabler/icons-react';
import { useQuery } from '../api/use-query';
import { go, type Route } from '../app/routes';
import { storeDuesTab } from '../dues/tab';

interface Step {
  label: string;
  why: string;
  done: boolean;
  route: Route;
  action: string;
}

/**
 * The first days after setup: what to do next, each ticked off as it is done, until all are
 * done (then it goes). Each step is judged from the data, not from a click: 名册 has members,
 * the data file is encrypted, 党费 knows from which month it keeps the accounts.
 */
export function FirstDay({ encrypted }: { encrypted: boolean }) {
  const roster = useQuery('roster.search', { limit: 1 });
  const opening = useQuery('dues.opening', {});
  if (roster.status !== 'ready' || opening.status !== 'ready') return null;
  const steps: Step[] = [
    {
      label: '导入党员名册',
      why: '从现有的Excel花名册导入，或逐个新增',
      done: roster.data.counts.total > 0,
      route: 'roster',
      action: '去党员名册',
    },
    {
      label: '设置密码',
      why: '加密本机数据文件，防止他人拷走后查看党员信息',
      done: encrypted,
      route: 'custody',
      action: '去数据安全',
    },
    {
      label: '确定党费启用月份',
      why: '程序从哪个月起记党费；此前各月按纸质台账，不算欠交',
      done: opening.data.from !== null,
      route: 'dues',
      action: '去党费设置',
    },
  ];
  if (steps.every((s) => s.done)) return null;
  return (
    <Paper withBorder p="md" radius="md" aria-label="开始使用" className="no-print">
      <Title order={4} mb="xs">
        开始使用：接下来要做的
      </Title>
      <List spacing="xs" center>
        {steps.map((s) => (
          <List.Item
            key={s.label}
            icon={
              <ThemeIcon color={s.done ? 'teal' : 'gray'} variant="light" size={22} radius="xl">
                {s.done ? <IconCircleCheck size={16} /> : <IconCircleDashed size={16} />}
              </ThemeIcon>
            }
          >
            <Group gap="sm">
              <Text size="sm" fw={600} td={s.done ? 'line-through' : undefined} c={s.done ? 'dimmed' : undefined}>
                {s.label}
              </Text>
              <Text size="sm" c="dimmed">
                {s.done ? '已完成' : s.why}
              </Text>
              {!s.done && (
                <Anchor
                  size="sm"
                  onClick={() => {
                    if (s.route === 'dues') storeDuesTab('settings');
                    go(s.route);
                  }}
                >
                  {s.action} →
                </Anchor>
              )}
            </Group>
          </List.Item>
        ))}
      </List>
    </Paper>
  );
}
