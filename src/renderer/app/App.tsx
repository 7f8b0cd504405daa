import { Alert, Center, Loader, MantineProvider, Paper, Stack, Text, Title } from '@mantine/core';
import { DatesProvider } from '@mantine/dates';
import { ModalsProvider } from '@mantine/modals';
import { Notifications } from '@mantine/notifications';
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
          <Root />
        </ModalsProvider>
      </DatesProvider>
    </MantineProvider>
  );
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
    return <LockScreen dataFile={value.dataFile} retryAfterSeconds={value.retryAfterSeconds} />;
  return <Shell status={value} />;
}
