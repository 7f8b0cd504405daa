import { Group, Select, Stack, Tabs, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useQuery } from '../api/use-query';
import { ArrearsTab } from './ArrearsTab';
import { AssessmentTab } from './AssessmentTab';
import { CollectionTab } from './CollectionTab';
import { useToday } from '../common/use-today';
import { FundsTab, VoluntaryTab } from './FundsTab';
import { MemberDuesPage } from './MemberDuesPage';
import { ReportsTab, SettingsTab } from './ReportsTab';
import { storedDuesTab, storeDuesTab, type DuesTab } from './tab';

type Tab = DuesTab;

/** 党费: the year's assessment, monthly collection, arrears, voluntary and large dues, remittance and use, reports. */
export function DuesScreen({ memberId }: { memberId: number | null }) {
  const today = useToday();
  if (memberId) return <MemberDuesPage memberId={memberId} today={today} />;
  return <DuesHome today={today} />;
}

function DuesHome({ today }: { today: string }) {
  const [tab, setTab] = useState<Tab>(storedDuesTab);
  const thisYear = Number(today.slice(0, 4));
  const [year, setYear] = useState(thisYear);
  const years = useQuery('dues.years', {});
  const known = years.status === 'ready' ? years.data.map((y) => y.year) : [];
  const yearOptions = [...new Set([thisYear + 1, thisYear, ...known, thisYear - 1])]
    .sort((a, b) => b - a)
    .map((y) => ({ value: String(y), label: `${y}年度` }));
  const choose = (next: Tab) => {
    setTab(next);
    storeDuesTab(next);
  };
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={2}>党费</Title>
          <Text c="dimmed" size="sm">
            按《关于中国共产党党费收缴、使用和管理的规定》计算，每个金额都列出计算过程；年初核定、按月收缴，欠交到期前提醒。
          </Text>
        </div>
        {tab !== 'collection' && tab !== 'arrears' && tab !== 'settings' && (
          <Select
            aria-label="年度"
            w={130}
            data={yearOptions}
            value={String(year)}
            onChange={(v) => v && setYear(Number(v))}
            allowDeselect={false}
          />
        )}
      </Group>
      <Tabs value={tab} onChange={(v) => v && choose(v as Tab)} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="assessment">年度核定</Tabs.Tab>
          <Tabs.Tab value="collection">收缴登记</Tabs.Tab>
          <Tabs.Tab value="arrears">欠交</Tabs.Tab>
          <Tabs.Tab value="voluntary">自愿多交与大额党费</Tabs.Tab>
          <Tabs.Tab value="funds">上缴、使用与结存</Tabs.Tab>
          <Tabs.Tab value="reports">报表</Tabs.Tab>
          <Tabs.Tab value="settings">设置</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="assessment" pt="md">
          <AssessmentTab key={year} year={year} today={today} />
        </Tabs.Panel>
        <Tabs.Panel value="collection" pt="md">
          <CollectionTab today={today} />
        </Tabs.Panel>
        <Tabs.Panel value="arrears" pt="md">
          <ArrearsTab today={today} />
        </Tabs.Panel>
        <Tabs.Panel value="voluntary" pt="md">
          <VoluntaryTab year={year} today={today} />
        </Tabs.Panel>
        <Tabs.Panel value="funds" pt="md">
          <FundsTab year={year} today={today} />
        </Tabs.Panel>
        <Tabs.Panel value="reports" pt="md">
          <ReportsTab year={year} today={today} />
        </Tabs.Panel>
        <Tabs.Panel value="settings" pt="md">
          <SettingsTab today={today} />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
