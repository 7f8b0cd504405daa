import '@mantine/charts/styles.css';
import { BarChart, DonutChart } from '@mantine/charts';
import { Group, Paper, Progress, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { formatYuan } from '../../shared/dues/money';
import { formatMonth } from '../../shared/dues/months';
import { MEETING_KIND_LABEL } from '../../shared/meetings/rules';
import type { DuesRate, DuesStats, MembershipStats, Tally } from '../../shared/stats';
import { useQuery } from '../api/use-query';
import { go } from '../app/routes';
import { QueryView } from '../common/QueryView';

/*
 * 工作台's statistics: what a 机关党委 reports upward, drawn with Mantine's charts (recharts, in
 * the app's own bundle: nothing is fetched). Every figure comes from the records as the modules
 * judge them; the panels fit one printed A4 page (global.css, @media print).
 */

const percent = (part: number, whole: number) => (whole > 0 ? `${((part * 100) / whole).toFixed(1)}%` : '—');
const rateText = (r: DuesRate) => (r.rate === null ? '—' : `${(r.rate / 10).toFixed(1)}%`);
const PALETTE = ['partyRed.6', 'orange.5', 'yellow.5', 'teal.5', 'blue.5', 'grape.5', 'gray.5', 'cyan.5', 'lime.6'];

function Panel({ title, children, label }: { title: string; children: ReactNode; label?: string }) {
  return (
    <Paper withBorder p="sm" radius="md" aria-label={label ?? title} className="stats-panel">
      <Text fw={600} size="sm" mb={6}>
        {title}
      </Text>
      {children}
    </Paper>
  );
}

function Figure({ label, value, note }: { label: string; value: string; note?: string }) {
  return (
    <Paper withBorder p="sm" radius="md" aria-label={label}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fz={24} fw={600} className="tabular" lh={1.3}>
        {value}
      </Text>
      {note && (
        <Text size="xs" c="dimmed" className="tabular">
          {note}
        </Text>
      )}
    </Paper>
  );
}

function Bars({ data, unit = '人' }: { data: Tally[]; unit?: string }) {
  return (
    <BarChart
      h={170}
      data={data.map((t) => ({ label: t.label, 人数: t.count }))}
      dataKey="label"
      series={[{ name: '人数', color: 'partyRed.6' }]}
      withBarValueLabel
      withTooltip={false}
      gridAxis="none"
      tickLine="none"
      withYAxis={false}
      valueFormatter={(v) => `${v}${unit}`}
      xAxisProps={{ interval: 0, tick: { fontSize: 11 } }}
    />
  );
}

function Donut({ data, label }: { data: Tally[]; label: string }) {
  const shown = data.filter((t) => t.count > 0);
  return (
    <Group gap="sm" wrap="nowrap" align="center">
      <DonutChart
        size={96}
        thickness={18}
        withTooltip={false}
        chartLabel={label}
        data={shown.map((t, i) => ({ name: t.label, value: t.count, color: PALETTE[i % PALETTE.length]! }))}
      />
      <Stack gap={0}>
        {shown.map((t, i) => (
          <Group key={t.label} gap={4} wrap="nowrap">
            <Text size="xs" c={PALETTE[i % PALETTE.length]} fw={700}>
              ■
            </Text>
            <Text size="xs" className="tabular" style={{ whiteSpace: 'nowrap' }}>{`${t.label} ${t.count}人`}</Text>
          </Group>
        ))}
      </Stack>
    </Group>
  );
}

function Membership({ s }: { s: MembershipStats }) {
  const graduates = s.education.filter((t) => t.label === '研究生' || t.label === '大学本科');
  const degreeHolders = graduates.reduce((n, t) => n + t.count, 0);
  return (
    <>
      <SimpleGrid cols={6} spacing="xs">
        <Figure label="在册党员" value={`${s.total}人`} note={`正式${s.full}人　预备${s.probationary}人`} />
        <Figure label="35岁及以下" value={`${s.youth}人`} note={`占${percent(s.youth, s.total)}`} />
        <Figure label="女党员" value={`${s.female}人`} note={`占${percent(s.female, s.total)}`} />
        <Figure label="少数民族党员" value={`${s.minority}人`} note={`占${percent(s.minority, s.total)}`} />
        <Figure label="大学本科及以上" value={`${degreeHolders}人`} note={`占${percent(degreeHolders, s.total)}`} />
        <Figure label="党支部" value={`${s.branches.length}个`} note="有党员的党支部" />
      </SimpleGrid>
      <SimpleGrid cols={2} spacing="xs">
        <Panel title="年龄结构">
          <Bars data={s.ages} />
        </Panel>
        <Panel title="党龄结构（正式党员）">
          <Bars data={s.standing} />
        </Panel>
      </SimpleGrid>
      <SimpleGrid cols={3} spacing="xs">
        <Panel title="学历">
          <Donut data={s.education} label="学历" />
        </Panel>
        <Panel title="性别、民族">
          <Group gap="md" wrap="nowrap">
            <Donut
              data={[
                { label: '男', count: s.male },
                { label: '女', count: s.female },
              ]}
              label="性别"
            />
            <Donut data={s.ethnicity} label="民族" />
          </Group>
        </Panel>
        <Panel title="各党支部党员人数">
          <BarChart
            h={Math.max(96, 24 * s.branches.length + 36)}
            data={s.branches.map((b) => ({ name: b.name, 正式党员: b.full, 预备党员: b.probationary }))}
            dataKey="name"
            orientation="vertical"
            type="stacked"
            series={[
              { name: '正式党员', color: 'partyRed.6' },
              { name: '预备党员', color: 'orange.4' },
            ]}
            withLegend
            legendProps={{ verticalAlign: 'bottom', height: 20 }}
            withTooltip={false}
            gridAxis="none"
            tickLine="none"
            withXAxis={false}
            withBarValueLabel
            yAxisProps={{ width: 110, tick: { fontSize: 11 } }}
          />
        </Panel>
      </SimpleGrid>
    </>
  );
}

function RateLine({ label, r }: { label: string; r: DuesRate }) {
  return (
    <Stack gap={2}>
      <Group justify="space-between">
        <Text size="sm">{label}</Text>
        <Text size="sm" fw={600} className="tabular">
          {rateText(r)}
        </Text>
      </Group>
      <Progress
        value={r.rate === null ? 0 : r.rate / 10}
        color={r.rate !== null && r.rate >= 1000 ? 'teal' : 'orange'}
      />
      <Text size="xs" c="dimmed" className="tabular">
        {`应交${r.owed}人次 ${formatYuan(r.dueFen)}元，已交${r.paid}人次 ${formatYuan(r.collectedFen)}元`}
      </Text>
    </Stack>
  );
}

function Dues({ d }: { d: DuesStats }) {
  if (!d.assessed)
    return (
      <Text size="sm" c="dimmed">
        {`${d.year}年度尚未核定党费，核定后这里显示收缴率。`}
      </Text>
    );
  const names = d.unpaid.map((u) => u.name);
  return (
    <Stack gap="xs">
      <RateLine label={`本月（${formatMonth(d.month)}）收缴率`} r={d.thisMonth} />
      <RateLine label={`本年（${d.year}年1月至今）收缴率`} r={d.thisYear} />
      <Text size="xs">
        <Text span fw={600} size="xs">
          本月未交：
        </Text>
        {names.length === 0
          ? '无'
          : `${names.slice(0, 15).join('、')}${names.length > 15 ? `等${names.length}人` : ''}`}
      </Text>
    </Stack>
  );
}

function Duties({ year }: { year: number }) {
  const q = useQuery('duties.overview', { year });
  return (
    <QueryView query={q}>
      {(o) => {
        const people = [
          ...o.leaders.map((l) => ({ name: l.leader.name, counts: l.counts })),
          ...(o.team.items ? [{ name: '领导班子', counts: o.team.counts }] : []),
        ];
        if (people.length === 0)
          return (
            <Text size="sm" c="dimmed">
              {`${year}年度尚未录入领导班子。`}
            </Text>
          );
        return (
          <BarChart
            h={Math.max(110, 24 * people.length + 40)}
            data={people.map((p) => ({
              name: p.name,
              已完成: p.counts.met,
              进行中: p.counts.pending + p.counts.dueSoon,
              逾期: p.counts.overdue,
            }))}
            dataKey="name"
            orientation="vertical"
            type="stacked"
            series={[
              { name: '已完成', color: 'teal.6' },
              { name: '进行中', color: 'gray.4' },
              { name: '逾期', color: 'red.6' },
            ]}
            withLegend
            withTooltip={false}
            gridAxis="none"
            tickLine="none"
            withXAxis={false}
            withBarValueLabel
            yAxisProps={{ width: 80, tick: { fontSize: 11 } }}
          />
        );
      }}
    </QueryView>
  );
}

function Meetings({ year }: { year: number }) {
  const q = useQuery('meetings.list', {});
  return (
    <QueryView query={q}>
      {(list) => {
        const mine = list.filter((m) => m.year === year);
        if (mine.length === 0)
          return (
            <Text size="sm" c="dimmed">
              {`${year}年度尚未建立民主生活会或组织生活会。`}
            </Text>
          );
        return (
          <Stack gap={6}>
            {mine.slice(0, 6).map((m) => (
              <Stack key={m.id} gap={2} onClick={() => go('meetings', m.id)} style={{ cursor: 'pointer' }}>
                <Group justify="space-between" wrap="nowrap">
                  <Text size="xs" truncate>{`${m.unitName ?? ''}${MEETING_KIND_LABEL[m.kind]}`}</Text>
                  <Text size="xs" className="tabular" c={m.lateSteps ? 'red.8' : 'dimmed'}>
                    {`${m.stepsDone}/${m.stepsTotal}个环节${m.lateSteps ? `，${m.lateSteps}个逾期` : ''}`}
                  </Text>
                </Group>
                <Progress value={(m.stepsDone * 100) / m.stepsTotal} color={m.lateSteps ? 'red' : 'teal'} size="sm" />
              </Stack>
            ))}
            {mine.length > 6 && <Text size="xs" c="dimmed">{`另有${mine.length - 6}次会议`}</Text>}
          </Stack>
        );
      }}
    </QueryView>
  );
}

/** The statistics part of 工作台, as shown and as printed on one page. */
export function Statistics({ year, heading }: { year: number; heading: string }) {
  const membership = useQuery('stats.membership', {});
  const dues = useQuery('stats.dues', {});
  return (
    <Stack gap="xs" aria-label="统计" className="stats-print">
      <Title order={3} className="print-only">
        {heading}
      </Title>
      <QueryView query={membership}>{(s) => <Membership s={s} />}</QueryView>
      <SimpleGrid cols={3} spacing="xs">
        <Panel title="党费收缴">
          <QueryView query={dues}>{(d) => <Dues d={d} />}</QueryView>
        </Panel>
        <Panel title={`一岗双责完成情况（${year}年度，责任事项项数）`} label="一岗双责完成情况">
          <Duties year={year} />
        </Panel>
        <Panel title={`生活会进度（${year}年度）`} label="生活会进度">
          <Meetings year={year} />
        </Panel>
      </SimpleGrid>
    </Stack>
  );
}
