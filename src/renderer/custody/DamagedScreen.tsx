import { Alert, Button, Center, Paper, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { invoke, refreshAll } from '../api/client';
import { FormError } from '../common/FormError';
import { useSubmit } from '../common/use-submit';
import { formatLocalDateTime } from '../../shared/dates';

/** A damaged data file: nothing is written to it; the newest good backup can take its place. */
export function DamagedScreen({ message }: { message: string }) {
  const [done, setDone] = useState<{ backup: string; damagedFile: string } | null>(null);
  const { busy, error, submit } = useSubmit(async () => {
    const result = await invoke('backup.recoverDamaged', {});
    setDone({ backup: formatLocalDateTime(result.restored.createdAt), damagedFile: result.damagedFile });
  });
  return (
    <Center h="100%" p="xl">
      <Paper withBorder p="xl" maw={660} shadow="sm">
        <Stack>
          <Title order={3}>数据文件已损坏</Title>
          <Alert color="red">{message}</Alert>
          {done ? (
            <>
              <Alert color="teal" title="已从备份恢复">
                已恢复到 {done.backup} 的备份。损坏的文件保留在“{done.damagedFile}
                ”，以备查验。备份之后录入的内容需要重新录入。
              </Alert>
              <Button onClick={() => refreshAll()}>进入工作台</Button>
            </>
          ) : (
            <>
              <Text size="sm">可以用最近一次通过完整性检查的自动备份替换它。损坏的文件会改名保留，不会删除。</Text>
              <FormError error={error} />
              <Button onClick={() => void submit()} loading={busy}>
                从最近的完好备份恢复
              </Button>
            </>
          )}
        </Stack>
      </Paper>
    </Center>
  );
}
