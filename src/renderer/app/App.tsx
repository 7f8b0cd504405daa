import { Alert, Button, Center, Group, Loader, MantineProvider, Paper, Stack, Text, Title } from '@mantine/core';
import { DatesProvider } from '@mantine/dates';
import { ModalsProvider } from '@mantine/modals';
import { Notifications } from '@mantine/notifications';
import { notifications } from '@mantine/notifications';
import { useEffect } from 'react';
import { onAppEvent, refreshAll } from '../api/client';
import { useQuery } from '../api/use-query';
import { DamagedScreen } from '../custody/DamagedScreen';
import { LockScreen } from '../custody/LockScreen';
import { FirstRun } from '../setup/FirstRun';
import { Shell } from './Shell';
import { theme } from './theme';

export function App() {
  return (
    <MantineProvider theme={theme}>
      <DatesProvider settings={{ locale: 'zh-cn', firstDayOfWeek: 1 }}>
        <ModalsProvider labels={{ confirm: '确定', cancel: '取消' }}>
          <Notifications position="top-right" />
          <CoreWatch />
          <Root />
        </ModalsProvider>
      </DatesProvider>
    </MantineProvider>
  );
}

/**
 * Listens to the core from the start (so that no progress event is missed) and, when the data
 * service had to be started again, says so and loads every view afresh: a file that was unlocked
 * is locked again, and what was on screen may be older than the file.
 */
function CoreWatch() {
  useEffect(
    () =>
      onAppEvent((event) => {
        if (event.kind !== 'coreRestarted') return;
        notifications.show({
          color: 'orange',
          title: '数据服务已重新启动',
          message: '数据服务意外停止，已重新启动。正在进行的操作没有写入任何内容，请重新操作。',
          autoClose: false,
        });
        refreshAll();
      }),
    [],
  );
  return null;
}

function Root() {
  const status = useQuery('app.status', {});
  if (status.status === 'loading') {
    return (
      <Center h="100%">
        <Loader />
      </Center>
    );
  }
  if (status.status === 'error' && status.error.code === 'UNAUTHORISED') {
    return (
      <Center h="100%" p="xl">
        <Paper withBorder p="xl" maw={640} shadow="sm">
          <Stack>
            <Title order={3}>请用启动时显示的完整地址打开</Title>
            <Alert color="orange">{status.error.message}</Alert>
            <Text size="sm" c="dimmed">
              浏览器模式每次启动都会生成新的访问凭据。请回到运行“npm run web”的窗口，复制其中以 http://127.0.0.1
              开头的完整地址（含 #token= 部分），粘贴到浏览器地址栏打开。
            </Text>
          </Stack>
        </Paper>
      </Center>
    );
  }
  if (status.status === 'error' && status.error.code === 'DB_DAMAGED')
    return <DamagedScreen message={status.error.message} />;
  // Another program (browser mode, the desktop app, a command) has the file: say who, and offer to try again.
  if (status.status === 'error' && status.error.code === 'CONFLICT') {
    return (
      <Center h="100%" p="xl">
        <Paper withBorder p="xl" maw={640} shadow="sm">
          <Stack>
            <Title order={3}>数据文件正被另一个程序使用</Title>
            <Alert color="orange">{status.error.message}</Alert>
            <Group justify="flex-end">
              <Button onClick={() => refreshAll()}>重试</Button>
            </Group>
          </Stack>
        </Paper>
      </Center>
    );
  }
  if (status.status === 'error') {
    return (
      <Center h="100%" p="xl">
        <Paper withBorder p="xl" maw={640} shadow="sm">
          <Stack>
            <Title order={3}>数据文件无法打开</Title>
            <Alert color="red">{status.error.message}</Alert>
            <Text size="sm" c="dimmed">
              程序没有改动这个文件。请确认打开的是本机关的数据文件，或联系技术人员。
            </Text>
          </Stack>
        </Paper>
      </Center>
    );
  }
  const value = status.data;
  if (value.state === 'needsSetup') return <FirstRun dataFile={value.dataFile} />;
  if (value.state === 'locked')
    return <LockScreen dataFile={value.dataFile} retryAfterSeconds={value.retryAfterSeconds} keys={value.keys} />;
  return <Shell status={value} />;
}
