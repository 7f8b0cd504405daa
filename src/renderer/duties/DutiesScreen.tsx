import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  NumberInput,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Tabs,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { formatChineseDate } from '../../shared/dates';
import { LEADER_ROLE_SHORT } from '../../shared/duties/library';
import type { DutySettings } from '../../shared/duties/settings';
import type { DutiesOverview } from '../../shared/duties/views';
import { change } from '../api/client';
import { useQuery } from '../api/use-query';
import { go } from '../app/routes';
import { FormError } from '../common/FormError';
import { notifySaved } from '../common/notify';
import { QueryView } from '../common/QueryView';
import { useSubmit } from '../common/use-submit';
import { Muted, StateBadge, YearSelect } from './duty-parts';
import { useToday } from '../common/use-today';
import { DocPreview } from './DocPreview';
import { ItemsPanel } from './ItemsPanel';
import { PersonPage } from './PersonPage';
import { RecordsPanel } from './RecordsPanel';
import { TeamTab } from './TeamTab';

type Tab = 'overview' | 'team' | 'teamList' | 'records' | 'print' | 'settings';
const TABS: readonly Tab[] = ['overview', 'team', 'teamList', 'records', 'print', 'settings'];
const TAB_KEY = 'party-office-duties-tab';
const YEAR_KEY = 'party-office-duties-year';

/** 一岗双责: the team's lists, letters, dated duty records and the year-end report. */
export function DutiesScreen({ leaderId }: { leaderId: number | null }) {
  const today = useToday();
  if (leaderId) return <PersonPage key={leaderId} leaderId={leaderId} today={today} />;
  return <DutiesHome today={today} />;
}

function DutiesHome({ today }: { today: string }) {
  const [tab, setTab] = useState<Tab>(() => TABS.find((t) => t === sessionStorage.getItem(TAB_KEY)) ?? 'overview');
  const [year, setYear] = useState(() => Number(sessionStorage.getItem(YEAR_KEY)) || Number(today.slice(0, 4)));
  const choose = (next: Tab) => {
    setTab(next);
    sessionStorage.setItem(TAB_KEY, next);
  };
  const chooseYear = (next: number) => {
    setYear(next);
    sessionStorage.setItem(YEAR_KEY, String(next));
  };
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={2}>一岗双责</Title>
          <Text c="dimmed" size="sm">
            领导班子成员的责任清单、责任书和履职纪实：做过的工作随手记、带佐证，完成情况自动算，年底的述责述廉报告从记录中生成。
          </Text>
        </div>
        {tab !== 'settings' && <YearSelect value={year} onChange={chooseYear} today={today} />}
      </Group>
      <Tabs value={tab} onChange={(v) => v && choose(v as Tab)} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="overview">完成情况</Tabs.Tab>
          <Tabs.Tab value="team">班子成员与分工</Tabs.Tab>
          <Tabs.Tab value="teamList">领导班子责任清单</Tabs.Tab>
          <Tabs.Tab value="records">履职纪实</Tabs.Tab>
          <Tabs.Tab value="print">清单与台账</Tabs.Tab>
          <Tabs.Tab value="settings">设置</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="overview" pt="md">
          <OverviewTab key={year} year={year} onTeam={() => choose('team')} />
        </Tabs.Panel>
        <Tabs.Panel value="team" pt="md">
          <TeamTab key={year} year={year} />
        </Tabs.Panel>
        <Tabs.Panel value="teamList" pt="md">
          <TeamListTab key={year} year={year} />
        </Tabs.Panel>
        <Tabs.Panel value="records" pt="md">
          <YearRecordsTab key={year} year={year} today={today} />
        </Tabs.Panel>
        <Tabs.Panel value="print" pt="md">
          <Stack gap="lg">
            <DocPreview
              key={`list-${year}`}
              id="duties-list"
              params={{ year }}
              label="责任清单（领导班子和班子成员）"
              height={520}
            />
            <DocPreview
              key={`ledger-${year}`}
              id="duties-ledger"
              params={{ year }}
              label="履职纪实台账（全体班子成员）"
              height={520}
            />
          </Stack>
        </Tabs.Panel>
        <Tabs.Panel value="settings" pt="md">
          <SettingsTab />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

function OverviewTab({ year, onTeam }: { year: number; onTeam: () => void }) {
  const view = useQuery('duties.overview', { year });
  return <QueryView query={view}>{(v) => <Overview view={v} onTeam={onTeam} />}</QueryView>;
}

function Count({ n, color }: { n: number; color: string }) {
  return n ? (
    <Text span fw={600} c={color} className="tabular">
      {n}
    </Text>
  ) : (
    <Muted>0</Muted>
  );
}

function Overview({ view, onTeam }: { view: DutiesOverview; onTeam: () => void }) {
  if (view.leaders.length === 0 && view.team.items === 0) {
    return (
      <Alert color="blue" title={`${view.year}年度还没有登记领导班子`}>
        <Stack gap="xs">
          <Text size="sm">
            先在“班子成员与分工”中登记书记和班子成员
            {view.previousYear ? `（或从${view.previousYear.year}年度复制）` : ''}，再为每人从事项库建立责任清单。
          </Text>
          <Group>
            <Button size="xs" onClick={onTeam}>
              登记班子成员
            </Button>
          </Group>
        </Stack>
      </Alert>
    );
  }
  const overdue = view.behind.filter((b) => b.state === 'overdue').length;
  return (
    <Stack gap="md">
      <SimpleGrid cols={{ base: 2, md: 4 }} spacing="md">
        <Paper withBorder p="md" radius="md">
          <Text size="xs" c="dimmed">
            {view.quarter ? '本季度' : '年度'}
          </Text>
          <Text fw={600} mt={4}>
            {view.quarter
              ? `${view.quarter.label}还有 ${view.quarter.daysLeft} 天`
              : view.asOf > `${view.year}-12-31`
                ? `${view.year}年度已结束`
                : `${view.year}年度尚未开始`}
          </Text>
          {view.quarter && (
            <Text size="xs" c="dimmed">
              {formatChineseDate(view.quarter.end)}结束
            </Text>
          )}
        </Paper>
        <Paper withBorder p="md" radius="md" aria-label="逾期事项">
          <Text size="xs" c="dimmed">
            逾期未完成的事项
          </Text>
          <Text fz={26} fw={600} c={overdue ? 'red.8' : undefined} className="tabular">
            {overdue}
          </Text>
        </Paper>
        <Paper withBorder p="md" radius="md">
          <Text size="xs" c="dimmed">
            即将到期 / 进行中
          </Text>
          <Text fz={26} fw={600} className="tabular">
            {view.behind.filter((b) => b.state === 'dueSoon').length} /{' '}
            {view.behind.filter((b) => b.state === 'pending').length}
          </Text>
        </Paper>
        <Paper withBorder p="md" radius="md">
          <Text size="xs" c="dimmed">
            本年履职纪实
          </Text>
          <Text fz={26} fw={600} className="tabular">
            {view.leaders.reduce((n, l) => n + l.records, 0)}
            <Text span size="sm" c="dimmed" fw={400} ml={4}>
              次
            </Text>
          </Text>
        </Paper>
      </SimpleGrid>

      <Paper withBorder radius="md">
        <Table verticalSpacing="sm" horizontalSpacing="md" highlightOnHover aria-label="班子成员完成情况">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>班子成员</Table.Th>
              <Table.Th ta="right">清单事项</Table.Th>
              <Table.Th ta="right">逾期</Table.Th>
              <Table.Th ta="right">即将到期</Table.Th>
              <Table.Th ta="right">进行中</Table.Th>
              <Table.Th ta="right">已完成</Table.Th>
              <Table.Th ta="right" title="各事项当前周期（本月、本季度、本半年或本年）已完成次数 / 应完成次数">
                当期完成
              </Table.Th>
              <Table.Th ta="right">纪实</Table.Th>
              <Table.Th>责任书</Table.Th>
              <Table.Th>述责述廉</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {view.leaders.map((s) => (
              <Table.Tr key={s.leader.id} onClick={() => go('duties', s.leader.id)} style={{ cursor: 'pointer' }}>
                <Table.Td>
                  <Text fw={600} size="sm">
                    {s.leader.name}
                    <Text span size="xs" c="dimmed" ml={6}>
                      {LEADER_ROLE_SHORT[s.leader.role]}
                    </Text>
                  </Text>
                  {s.leader.leftOn && (
                    <Text size="xs" c="orange.8">
                      {formatChineseDate(s.leader.leftOn)}离任
                    </Text>
                  )}
                </Table.Td>
                <Table.Td ta="right" className="tabular">
                  {s.items || (
                    <Text span size="sm" c="orange.8">
                      未建立
                    </Text>
                  )}
                </Table.Td>
                <Table.Td ta="right">
                  <Count n={s.counts.overdue} color="red.8" />
                </Table.Td>
                <Table.Td ta="right">
                  <Count n={s.counts.dueSoon} color="orange.8" />
                </Table.Td>
                <Table.Td ta="right">
                  <Count n={s.counts.pending} color="blue.8" />
                </Table.Td>
                <Table.Td ta="right">
                  <Count n={s.counts.met} color="teal.8" />
                </Table.Td>
                <Table.Td ta="right" className="tabular">
                  {s.thisPeriod.required ? `${s.thisPeriod.done}/${s.thisPeriod.required}` : <Muted>—</Muted>}
                </Table.Td>
                <Table.Td ta="right" className="tabular">
                  {s.records}
                </Table.Td>
                <Table.Td>
                  {s.letterSignedOn ? (
                    <Text size="sm">{formatChineseDate(s.letterSignedOn)}签订</Text>
                  ) : (
                    <Muted>未签订</Muted>
                  )}
                </Table.Td>
                <Table.Td>
                  {s.reportSaved ? (
                    <Badge color="teal" variant="light">
                      已写
                    </Badge>
                  ) : (
                    <Muted>未写</Muted>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
            {view.team.items > 0 && (
              <Table.Tr>
                <Table.Td>
                  <Text fw={600} size="sm">
                    领导班子
                  </Text>
                </Table.Td>
                <Table.Td ta="right" className="tabular">
                  {view.team.items}
                </Table.Td>
                <Table.Td ta="right">
                  <Count n={view.team.counts.overdue} color="red.8" />
                </Table.Td>
                <Table.Td ta="right">
                  <Count n={view.team.counts.dueSoon} color="orange.8" />
                </Table.Td>
                <Table.Td ta="right">
                  <Count n={view.team.counts.pending} color="blue.8" />
                </Table.Td>
                <Table.Td ta="right">
                  <Count n={view.team.counts.met} color="teal.8" />
                </Table.Td>
                <Table.Td colSpan={4} />
              </Table.Tr>
            )}
          </Table.Tbody>
        </Table>
      </Paper>

      <Stack gap={6}>
        <Text fw={600}>尚未完成的事项（逾期的在前）</Text>
        {view.behind.length === 0 ? (
          <Text size="sm" c="teal.8">
            各项责任事项都已按要求完成。
          </Text>
        ) : (
          <Paper withBorder radius="md">
            <Table verticalSpacing="xs" horizontalSpacing="md" aria-label="尚未完成的事项">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={110}>状态</Table.Th>
                  <Table.Th w={110}>责任人</Table.Th>
                  <Table.Th>责任事项</Table.Th>
                  <Table.Th w={140}>要求</Table.Th>
                  <Table.Th>情况</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {view.behind.map((b) => (
                  <Table.Tr key={b.itemId} data-testid="behind-row" data-state={b.state}>
                    <Table.Td>
                      <StateBadge state={b.state} />
                    </Table.Td>
                    <Table.Td>
                      {b.leaderId ? (
                        <Anchor component="button" size="sm" onClick={() => go('duties', b.leaderId)}>
                          {b.owner}
                        </Anchor>
                      ) : (
                        <Text size="sm">{b.owner}</Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{b.content}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{b.requirement}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" c={b.state === 'overdue' ? 'red.8' : undefined}>
                        {b.summary}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Paper>
        )}
      </Stack>
    </Stack>
  );
}

function TeamListTab({ year }: { year: number }) {
  const items = useQuery('duties.items', { year, leaderId: null });
  const years = useQuery('duties.years', {});
  const previous = years.status === 'ready' ? years.data.find((y) => y.year === year - 1) : undefined;
  return (
    <QueryView query={items}>
      {(list) => (
        <ItemsPanel
          owner={{ year, leaderId: null, name: '领导班子', library: 'team' }}
          items={list}
          canCopy={(previous?.items ?? 0) > 0}
        />
      )}
    </QueryView>
  );
}

function YearRecordsTab({ year, today }: { year: number; today: string }) {
  const records = useQuery('duties.records', { year, includeVoided: true });
  const teamItems = useQuery('duties.items', { year, leaderId: null });
  return (
    <QueryView query={records}>
      {(list) => (
        <RecordsPanel
          year={year}
          records={list}
          leader={null}
          items={[]}
          teamItems={teamItems.status === 'ready' ? teamItems.data : []}
          today={today}
        />
      )}
    </QueryView>
  );
}

function SettingsTab() {
  const settings = useQuery('duties.settings', {});
  return <QueryView query={settings}>{(s) => <SettingsForm settings={s} />}</QueryView>;
}

function SettingsForm({ settings }: { settings: DutySettings }) {
  const [warningDays, setWarningDays] = useState<number | string>(settings.warningDays);
  const [yearWarningDays, setYearWarningDays] = useState<number | string>(settings.yearWarningDays);
  const [evidenceMaxMb, setEvidenceMaxMb] = useState<number | string>(settings.evidenceMaxMb);
  const [teamName, setTeamName] = useState(settings.teamName ?? '');
  const [letterTitle, setLetterTitle] = useState(settings.letterTitle);
  const [issuerTitle, setIssuerTitle] = useState(settings.issuerTitle);
  const [superiorIssuerTitle, setSuperiorIssuerTitle] = useState(settings.superiorIssuerTitle);
  const { busy, error, submit, edited } = useSubmit(async () => {
    await change('duties.updateSettings', {
      warningDays: Number(warningDays),
      yearWarningDays: Number(yearWarningDays),
      evidenceMaxMb: Number(evidenceMaxMb),
      teamName,
      letterTitle,
      issuerTitle,
      superiorIssuerTitle,
    });
    notifySaved('一岗双责设置已保存。');
  });
  return (
    <form onSubmit={submit} onChange={edited} aria-label="一岗双责设置">
      <Stack gap="md" maw={900}>
        <Paper withBorder p="md" radius="md">
          <Stack gap="sm">
            <Text fw={600}>提醒</Text>
            <Text size="sm" c="dimmed">
              季度、半年和有时限的事项，在到期前若干天尚未完成时，在“工作台”提醒（按月的事项最多提前7天）；逾期未完成的一直提醒到本年结束。
            </Text>
            <Group grow>
              <NumberInput
                label="季度、半年和时限事项提前提醒天数"
                min={1}
                max={60}
                value={warningDays}
                onChange={setWarningDays}
                suffix=" 天"
              />
              <NumberInput
                label="“每年至少N次”的事项提前提醒天数"
                min={1}
                max={120}
                value={yearWarningDays}
                onChange={setYearWarningDays}
                suffix=" 天"
              />
            </Group>
          </Stack>
        </Paper>
        <Paper withBorder p="md" radius="md">
          <Stack gap="sm">
            <Text fw={600}>佐证材料</Text>
            <Text size="sm" c="dimmed">
              佐证材料保存在数据文件内，随备份和U盘导出一起带走。只接受PDF、JPG/PNG图片、Word和Excel文件，按文件内容识别，拒绝程序、脚本和含宏的文件。
            </Text>
            <NumberInput
              label="单个文件大小上限"
              min={1}
              max={20}
              value={evidenceMaxMb}
              onChange={setEvidenceMaxMb}
              suffix=" MB"
              w={260}
            />
          </Stack>
        </Paper>
        <Paper withBorder p="md" radius="md">
          <Stack gap="sm">
            <Text fw={600}>责任书用语</Text>
            <Text size="sm" c="dimmed">
              各地责任书的名称和签字人称谓不一，可按本单位习惯修改。
            </Text>
            <Group grow>
              <TextInput
                label="领导班子名称"
                placeholder="空着时为“中共（机关名称）党组”"
                value={teamName}
                onChange={(e) => setTeamName(e.currentTarget.value)}
              />
              <TextInput
                label="责任书标题（年度之后）"
                value={letterTitle}
                onChange={(e) => setLetterTitle(e.currentTarget.value)}
              />
            </Group>
            <Group grow>
              <TextInput
                label="班子成员责任书的责任领导"
                value={issuerTitle}
                onChange={(e) => setIssuerTitle(e.currentTarget.value)}
              />
              <TextInput
                label="书记责任书的责任领导"
                value={superiorIssuerTitle}
                onChange={(e) => setSuperiorIssuerTitle(e.currentTarget.value)}
              />
            </Group>
          </Stack>
        </Paper>
        <FormError error={error} />
        <Group>
          <Button type="submit" loading={busy}>
            保存设置
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
