import { Button, Group, NumberInput, Paper, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { Organ, Settings } from '../../shared/contract';
import { change } from '../api/client';
import { useQuery } from '../api/use-query';
import { FormError } from '../common/FormError';
import { notifySaved } from '../common/notify';
import { QueryView } from '../common/QueryView';
import { useSubmit } from '../common/use-submit';

/** The organ's own particulars and the reminder setting, below the tree. */
export function OrganCard() {
  const status = useQuery('app.status', {});
  const settings = useQuery('settings.get', {});
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
      <QueryView query={status}>{(s) => (s.state === 'ready' ? <OrganForm organ={s.organ} /> : null)}</QueryView>
      <QueryView query={settings}>{(value) => <SettingsForm settings={value} />}</QueryView>
    </SimpleGrid>
  );
}

function OrganForm({ organ }: { organ: Organ }) {
  const [organName, setOrganName] = useState(organ.name);
  const [committeeName, setCommitteeName] = useState(organ.committeeName);
  const [superiorName, setSuperiorName] = useState(organ.superiorName);
  const dirty =
    organName !== organ.name || committeeName !== organ.committeeName || superiorName !== organ.superiorName;
  const { busy, error, submit, fieldError } = useSubmit(async () => {
    await change('organ.update', { organName, committeeName, superiorName });
    notifySaved('机关信息已保存。');
  });
  return (
    <Paper withBorder p="md" radius="md" component="form" onSubmit={submit} aria-label="机关信息">
      <Stack gap="sm">
        <Text fw={600}>机关信息</Text>
        <TextInput
          label="机关名称"
          value={organName}
          onChange={(e) => setOrganName(e.currentTarget.value)}
          error={fieldError('organName')}
        />
        <TextInput
          label="机关党组织名称"
          value={committeeName}
          onChange={(e) => setCommitteeName(e.currentTarget.value)}
          error={fieldError('committeeName')}
        />
        <TextInput
          label="上级党组织"
          value={superiorName}
          onChange={(e) => setSuperiorName(e.currentTarget.value)}
          error={fieldError('superiorName')}
        />
        <FormError error={error} inlineFields={['organName', 'committeeName', 'superiorName']} />
        <Group justify="flex-end">
          <Button type="submit" variant="light" disabled={!dirty} loading={busy}>
            保存机关信息
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

function SettingsForm({ settings }: { settings: Settings }) {
  const [days, setDays] = useState<number | string>(settings.termWarningDays);
  const { busy, error, submit, fieldError } = useSubmit(async () => {
    await change('settings.update', { termWarningDays: Number(days) });
    notifySaved('提醒设置已保存。');
  });
  return (
    <Paper withBorder p="md" radius="md" component="form" onSubmit={submit} aria-label="提醒设置">
      <Stack gap="sm">
        <Text fw={600}>提醒设置</Text>
        <NumberInput
          label="任期届满提前提醒天数"
          description="在届满日期前多少天开始在工作台提醒换届"
          min={1}
          max={365}
          suffix=" 天"
          value={days}
          onChange={setDays}
          error={fieldError('termWarningDays')}
          w={260}
        />
        <FormError error={error} inlineFields={['termWarningDays']} />
        <Group justify="flex-end">
          <Button type="submit" variant="light" disabled={Number(days) === settings.termWarningDays} loading={busy}>
            保存设置
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
