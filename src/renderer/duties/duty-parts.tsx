import { Badge, Group, Select, Text, Tooltip } from '@mantine/core';
import type { ReactNode } from 'react';
import { formatChineseDate } from '../../shared/dates';
import {
  ITEM_STATE_LABEL,
  type ItemProgress,
  type ItemState,
  type PeriodProgress,
  type PeriodStatus,
} from '../../shared/duties/rules';
import { useQuery } from '../api/use-query';

/* The pieces every 一岗双责 screen draws: state badges and colours, period cells, the year picker, muted text, dates and file sizes. */

export const STATE_COLOR: Record<ItemState, string> = {
  overdue: 'red',
  dueSoon: 'orange',
  pending: 'blue',
  met: 'teal',
  ongoing: 'gray',
  notStarted: 'gray',
  notRequired: 'gray',
};

export function StateBadge({ state, size = 'sm' }: { state: ItemState; size?: 'xs' | 'sm' | 'md' }) {
  return (
    <Badge
      color={STATE_COLOR[state]}
      variant={state === 'overdue' ? 'filled' : 'light'}
      size={size}
      style={{ flex: 'none' }}
    >
      {ITEM_STATE_LABEL[state]}
    </Badge>
  );
}

const PERIOD_COLOR: Record<PeriodStatus, { bg: string; fg: string; word: string }> = {
  met: { bg: 'var(--mantine-color-teal-6)', fg: '#fff', word: '已完成' },
  missed: { bg: 'var(--mantine-color-red-7)', fg: '#fff', word: '未完成' },
  open: { bg: 'var(--mantine-color-orange-1)', fg: 'var(--mantine-color-orange-9)', word: '进行中' },
  future: { bg: 'var(--mantine-color-gray-1)', fg: 'var(--mantine-color-gray-6)', word: '未到' },
  notRequired: { bg: 'transparent', fg: 'var(--mantine-color-gray-5)', word: '不作要求' },
};

const SHORT: Record<string, string> = {
  第一季度: '一季',
  第二季度: '二季',
  第三季度: '三季',
  第四季度: '四季',
  上半年: '上半年',
  下半年: '下半年',
  全年: '全年',
};

/** The year's periods as small cells: done, missed, open, still to come. */
export function PeriodCells({ progress }: { progress: ItemProgress }) {
  if (progress.periods.length === 0) return null;
  return (
    <Group gap={3} wrap="nowrap" aria-label="各期完成情况">
      {progress.periods.map((p: PeriodProgress) => {
        const c = PERIOD_COLOR[p.status];
        const label = p.per === 'month' ? String(p.index) : (SHORT[p.label] ?? p.label);
        return (
          <Tooltip
            key={`${p.per}-${p.index}`}
            label={`${p.label}：${c.word}${p.required ? `（${p.done}/${p.required}次）` : ''}`}
            openDelay={200}
          >
            <Text
              span
              size="xs"
              className="tabular"
              data-status={p.status}
              style={{
                background: c.bg,
                color: c.fg,
                border: p.status === 'notRequired' ? '1px dashed var(--mantine-color-gray-4)' : '1px solid transparent',
                borderRadius: 3,
                padding: '0 5px',
                minWidth: p.per === 'month' ? 20 : undefined,
                textAlign: 'center',
                lineHeight: '18px',
              }}
            >
              {label}
            </Text>
          </Tooltip>
        );
      })}
    </Group>
  );
}

export function YearSelect({
  value,
  onChange,
  today,
}: {
  value: number;
  onChange: (year: number) => void;
  today: string;
}) {
  const years = useQuery('duties.years', {});
  const thisYear = Number(today.slice(0, 4));
  const known = years.status === 'ready' ? years.data.map((y) => y.year) : [];
  const data = [...new Set([thisYear + 1, thisYear, thisYear - 1, ...known, value])]
    .sort((a, b) => b - a)
    .map((y) => ({ value: String(y), label: `${y}年度` }));
  return (
    <Select
      aria-label="年度"
      w={130}
      data={data}
      value={String(value)}
      onChange={(v) => v && onChange(Number(v))}
      allowDeselect={false}
    />
  );
}

export function Muted({ children }: { children: ReactNode }) {
  return (
    <Text span c="dimmed" size="sm">
      {children}
    </Text>
  );
}

export function DateText({ date }: { date: string | null }) {
  return date ? <span className="tabular">{formatChineseDate(date)}</span> : <Muted>—</Muted>;
}

export function fileSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}
