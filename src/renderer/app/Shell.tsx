import {
  AppShell,
  Badge,
  Box,
  Button,
  Center,
  Group,
  Loader,
  NavLink,
  Stack,
  Text,
  ThemeIcon,
  Tooltip,
} from '@mantine/core';
import { useIdle } from '@mantine/hooks';
import { useEffect } from 'react';
import {
  IconChecklist,
  IconCoinYuan,
  IconHistory,
  IconLayoutDashboard,
  IconLock,
  IconMessages,
  IconPrinter,
  IconShieldLock,
  IconSitemap,
  IconUsers,
} from '@tabler/icons-react';
import { lazy, Suspense, type ComponentType } from 'react';
import type { AppStatus } from '../../shared/contract';
import { VIA_LABEL } from '../../shared/via';
import { formatChineseDate } from '../../shared/dates';
import { COMMITTEE_KIND_LABEL } from '../../shared/org';
import { invoke, refreshAll } from '../api/client';
import { Overview } from '../home/Overview';
import { go, ROUTES, useLocation, type Route } from './routes';

type Ready = Extract<AppStatus, { state: 'ready' }>;

/*
 * The first screen (工作台) is in the main bundle; every other screen loads when first opened,
 * so start-up parses only what the first screen draws (issue 16: first screen under 1.5 s).
 */
const AuditLog = lazy(() => import('../audit/AuditLog').then((m) => ({ default: m.AuditLog })));
const DuesScreen = lazy(() => import('../dues/DuesScreen').then((m) => ({ default: m.DuesScreen })));
const MeetingsScreen = lazy(() => import('../meetings/MeetingsScreen').then((m) => ({ default: m.MeetingsScreen })));
const DutiesScreen = lazy(() => import('../duties/DutiesScreen').then((m) => ({ default: m.DutiesScreen })));
const DataSafety = lazy(() => import('../custody/DataSafety').then((m) => ({ default: m.DataSafety })));
const DocumentsScreen = lazy(() =>
  import('../documents/DocumentsScreen').then((m) => ({ default: m.DocumentsScreen })),
);
const OrgSettings = lazy(() => import('../org/OrgSettings').then((m) => ({ default: m.OrgSettings })));
const RosterScreen = lazy(() => import('../roster/RosterScreen').then((m) => ({ default: m.RosterScreen })));

function lockNow() {
  invoke('custody.lock', {}).then(refreshAll, refreshAll);
}

/** Locks an encrypted workbench after the set minutes without keyboard or mouse (0: never). */
function useIdleLock(minutes: number) {
  const idle = useIdle(Math.max(minutes, 1) * 60_000, { initialState: false });
  useEffect(() => {
    if (minutes > 0 && idle) lockNow();
  }, [idle, minutes]);
}

const ICONS: Record<Route, ComponentType<{ size?: number; stroke?: number }>> = {
  home: IconLayoutDashboard,
  roster: IconUsers,
  dues: IconCoinYuan,
  meetings: IconMessages,
  duties: IconChecklist,
  org: IconSitemap,
  documents: IconPrinter,
  custody: IconShieldLock,
  audit: IconHistory,
};

export function Shell({ status }: { status: Ready }) {
  const { route, id } = useLocation();
  useIdleLock(status.encrypted ? status.idleLockMinutes : 0);
  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 208, breakpoint: 0 }} footer={{ height: 30 }} padding="lg">
      <AppShell.Header style={{ borderBottom: '3px solid var(--mantine-color-partyRed-7)' }}>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <ThemeIcon size={34} radius="sm" color="partyRed.7" aria-hidden>
              <Text fw={700} size="sm" c="white">
                党务
              </Text>
            </ThemeIcon>
            <Box>
              <Text fw={700} size="md" lh={1.2}>
                机关党务工作台
              </Text>
              <Text size="xs" c="dimmed" lh={1.2}>
                {status.organ.name} · {status.organ.committeeName}
              </Text>
            </Box>
          </Group>
          <Group gap="md" wrap="nowrap">
            <Text size="sm" c="dimmed" className="tabular">
              今天是{formatChineseDate(status.today)}
            </Text>
            {status.encrypted && (
              <Button size="xs" variant="default" leftSection={<IconLock size={14} />} onClick={lockNow}>
                加锁
              </Button>
            )}
          </Group>
        </Group>
      </AppShell.Header>

      <AppShell.Navbar p="xs" aria-label="主导航">
        <Stack gap={2}>
          {ROUTES.map(({ route: r, label, description }) => {
            const Icon = ICONS[r];
            return (
              <NavLink
                key={r}
                href={`#/${r}`}
                active={route === r}
                label={label}
                description={description}
                leftSection={<Icon size={20} stroke={1.6} />}
                onClick={(event) => {
                  event.preventDefault();
                  go(r);
                }}
                variant="light"
              />
            );
          })}
        </Stack>
      </AppShell.Navbar>

      <AppShell.Main>
        <Box maw={route === 'roster' || route === 'documents' ? undefined : 1280}>
          <Suspense
            fallback={
              <Center h={200}>
                <Loader />
              </Center>
            }
          >
            {route === 'home' && (
              <Overview encrypted={status.encrypted} organ={status.organ.name} today={status.today} />
            )}
            {route === 'roster' && <RosterScreen memberId={id} />}
            {route === 'dues' && <DuesScreen memberId={id} />}
            {route === 'meetings' && <MeetingsScreen meetingId={id} />}
            {route === 'duties' && <DutiesScreen leaderId={id} />}
            {route === 'org' && <OrgSettings />}
            {route === 'documents' && <DocumentsScreen />}
            {route === 'custody' && <DataSafety encrypted={status.encrypted} organ={status.organ.name} />}
            {route === 'audit' && <AuditLog />}
          </Suspense>
        </Box>
      </AppShell.Main>

      <AppShell.Footer px="md" data-testid="status-line">
        <Group h="100%" gap="lg" wrap="nowrap">
          <Tooltip label="当前打开的数据文件；备份时复制此文件（请先关闭程序）" openDelay={400}>
            <Text size="xs" c="dimmed" truncate="start" style={{ flex: 1, minWidth: 0 }}>
              数据文件：{status.dataFile}
            </Text>
          </Tooltip>
          <Text size="xs" c="dimmed">
            {COMMITTEE_KIND_LABEL[status.organ.committeeKind]}
          </Text>
          <Text size="xs" c="dimmed">
            数据版本 {status.schemaVersion}
          </Text>
          <Badge size="xs" variant="light" color="gray">
            {VIA_LABEL[status.via]}
          </Badge>
          <Text size="xs" c="dimmed">
            v{status.appVersion}
          </Text>
        </Group>
      </AppShell.Footer>
    </AppShell>
  );
}
