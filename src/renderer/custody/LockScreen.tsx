import { Alert, Anchor, Box, Button, Center, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import { useState } from 'react';
import { invoke, refreshAll } from '../api/client';
import { FormError } from '../common/FormError';
import { useSubmit } from '../common/use-submit';
import { PasswordField } from './PasswordField';
import { RecoveryCodeModal } from './RecoveryCode';

/** The workbench is locked: the password opens it; the recovery code opens it and sets a new one. */
export function LockScreen({
  dataFile,
  retryAfterSeconds,
  keys,
}: {
  dataFile: string;
  retryAfterSeconds: number;
  keys: 'present' | 'restorable' | 'missing';
}) {
  const [mode, setMode] = useState<'password' | 'recovery'>('password');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [newCode, setNewCode] = useState<string | null>(null);
  const unlock = useSubmit(async () => {
    await invoke('custody.unlock', { password });
    refreshAll();
  });
  const recover = useSubmit(async () => {
    if (next !== repeat) throw new Error('两次输入的新密码不一致');
    const result = await invoke('custody.recover', { recoveryCode: code, newPassword: next });
    setNewCode(result.recoveryCode);
  });
  return (
    <Center mih="100%" p="xl">
      <Paper withBorder shadow="sm" p={32} w={460} radius="md">
        {mode === 'password' ? (
          <Stack component="form" onSubmit={unlock.submit} aria-label="解锁">
            <Center>
              <IconLock size={36} color="var(--mantine-color-partyRed-7)" />
            </Center>
            <Title order={3} ta="center">
              机关党务工作台已加锁
            </Title>
            <Text size="sm" c="dimmed" ta="center">
              数据已加密保存，请输入密码。
            </Text>
            {keys !== 'present' && (
              <Alert color="orange" title="密钥文件缺失" aria-label="密钥文件缺失">
                {keys === 'restorable'
                  ? '数据文件旁的密钥文件不见了（数据文件本身没有改动）。备份文件夹中有它的副本：输入密码即用副本打开，并把密钥文件放回原处。'
                  : '数据文件旁的密钥文件不见了，备份文件夹中也没有副本，无法解开加密的数据（数据文件本身没有改动）。如果另有整个数据文件夹的拷贝，请把其中的密钥文件放回原处。'}
              </Alert>
            )}
            <PasswordField
              label="密码"
              value={password}
              onChange={(e) => setPassword(e.currentTarget.value)}
              autoFocus
              data-autofocus
            />
            {retryAfterSeconds > 0 && !unlock.error && <Alert color="orange">请 {retryAfterSeconds} 秒后再试。</Alert>}
            <FormError error={unlock.error} />
            <Button type="submit" loading={unlock.busy} fullWidth>
              解锁
            </Button>
            <Anchor component="button" type="button" size="sm" ta="center" onClick={() => setMode('recovery')}>
              忘记密码？用恢复码打开
            </Anchor>
          </Stack>
        ) : (
          <Stack component="form" onSubmit={recover.submit} aria-label="用恢复码打开">
            <Title order={3}>用恢复码打开</Title>
            <Text size="sm" c="dimmed">
              输入设置密码时打印的恢复码，并设置新密码。使用后会生成新的恢复码，旧的作废。
            </Text>
            <TextInput
              label="恢复码"
              placeholder="XXXX-XXXX-XXXX-XXXX-XXXX-XXXX"
              value={code}
              onChange={(e) => setCode(e.currentTarget.value)}
              autoFocus
            />
            <PasswordField
              label="新密码"
              description="至少8位"
              value={next}
              onChange={(e) => setNext(e.currentTarget.value)}
            />
            <PasswordField
              label="再次输入新密码"
              value={repeat}
              onChange={(e) => setRepeat(e.currentTarget.value)}
              error={repeat && next !== repeat ? '两次输入的新密码不一致' : undefined}
            />
            <FormError error={recover.error} />
            <Button type="submit" loading={recover.busy} disabled={!code || !next || next !== repeat}>
              打开并设置新密码
            </Button>
            <Anchor component="button" type="button" size="sm" onClick={() => setMode('password')}>
              返回输入密码
            </Anchor>
          </Stack>
        )}
        <Box mt="md">
          <Text size="xs" c="dimmed" ta="center" style={{ wordBreak: 'break-all' }}>
            {dataFile}
          </Text>
        </Box>
      </Paper>
      {newCode && <RecoveryCodeModal code={newCode} organ="" onDone={() => refreshAll()} />}
    </Center>
  );
}
