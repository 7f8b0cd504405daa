import {
  ActionIcon,
  Alert,
  Box,
  Button,
  Center,
  Divider,
  Group,
  Paper,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useState, type KeyboardEvent, type ReactNode } from 'react';
import { localToday } from '../../shared/dates';
import { COMMITTEE_KIND_LABEL, suggestedCommitteeName, type CommitteeKind } from '../../shared/org';
import { invoke, refreshAll } from '../api/client';
import { PasswordField } from '../custody/PasswordField';
import { RecoveryCodeModal } from '../custody/RecoveryCode';
import { DateField } from '../common/DateField';
import { FormError } from '../common/FormError';
import { useSubmit } from '../common/use-submit';

const KINDS: CommitteeKind[] = ['committee', 'generalBranch', 'branch'];

/** First run: the organ, its top party organisation, and the first branches, in one step. */
export function FirstRun({ dataFile }: { dataFile: string }) {
  const [organName, setOrganName] = useState('');
  const [kind, setKind] = useState<CommitteeKind>('committee');
  const [committeeName, setCommitteeName] = useState('');
  const [nameEdited, setNameEdited] = useState(false);
  const [superiorName, setSuperiorName] = useState('');
  const [foundedOn, setFoundedOn] = useState<string | null>(null);
  const [termStartedOn, setTermStartedOn] = useState<string | null>(null);
  const [branches, setBranches] = useState<string[]>(['']);
  const [protect, setProtect] = useState(true);
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [recoveryCode, setRecoveryCode] = useState<string | null>(null);

  const shownCommitteeName = nameEdited ? committeeName : suggestedCommitteeName(organName, kind);
  const hasBranches = kind !== 'branch';
  // Blank rows are not sent, so the core numbers branches among the filled rows only.
  const filled = branches.map((b, i) => ({ name: b.trim(), row: i })).filter((b) => b.name);
  const branchField = (row: number) => `branches.${filled.findIndex((b) => b.row === row)}`;
  const { busy, error, submit, fieldError, edited } = useSubmit(async () => {
    // Encryption is on by default: empty password fields are sent as '' (not null), which the
    // core refuses on the field after checking the rest, never a quiet unencrypted file.
    if (protect && password !== repeat) throw new Error('两次输入的密码不一致');
    const result = await invoke('organ.setup', {
      password: protect ? password : null,
      organName,
      committeeKind: kind,
      committeeName: shownCommitteeName,
      superiorName,
      foundedOn,
      termStartedOn,
      branches: hasBranches ? filled.map((b) => b.name) : [],
    });
    if (result.recoveryCode) setRecoveryCode(result.recoveryCode);
    else refreshAll();
  });

  return (
    <Center mih="100%" py={40} px="md">
      <Paper
        component="form"
        onSubmit={submit}
        onChange={edited}
        onKeyDown={enterMovesOn}
        withBorder
        shadow="sm"
        p={32}
        w={680}
        radius="md"
        aria-label="首次设置"
      >
        <Stack gap="lg">
          <Box style={{ borderLeft: '4px solid var(--mantine-color-partyRed-7)', paddingLeft: 14 }}>
            <Title order={2}>欢迎使用机关党务工作台</Title>
            <Text c="dimmed" mt={4}>
              首次使用，请建立本机关的党务数据。以下信息以后都可以在“组织设置”中修改。
            </Text>
          </Box>

          <Section title="机关信息">
            <TextInput
              label="机关名称"
              placeholder="如：某某市财政局"
              withAsterisk
              value={organName}
              onChange={(e) => setOrganName(e.currentTarget.value)}
              error={fieldError('organName')}
              data-autofocus
              autoFocus
            />
          </Section>

          <Section title="机关党组织">
            <Stack gap={6}>
              <Text size="sm" fw={500}>
                党组织类型
              </Text>
              <SegmentedControl
                value={kind}
                onChange={(v) => setKind(v as CommitteeKind)}
                data={KINDS.map((k) => ({ value: k, label: COMMITTEE_KIND_LABEL[k] }))}
                aria-label="党组织类型"
              />
              <Text size="xs" c="dimmed">
                党员100人以上一般设机关党委，50至100人设机关党总支，不足50人设机关党支部。
              </Text>
            </Stack>
            <TextInput
              label="党组织名称"
              description="正式名称，用于文件和材料的落款"
              withAsterisk
              value={shownCommitteeName}
              onChange={(e) => {
                setNameEdited(true);
                setCommitteeName(e.currentTarget.value);
              }}
              error={fieldError('committeeName')}
            />
            <TextInput
              label="上级党组织"
              placeholder="如：中共某某市直属机关工作委员会"
              description="接收报告和党费上缴的上级党组织，可以后补填"
              value={superiorName}
              onChange={(e) => setSuperiorName(e.currentTarget.value)}
              error={fieldError('superiorName')}
            />
            <SimpleGrid cols={2}>
              <DateField
                label="成立日期"
                description="不清楚可暂不填写"
                value={foundedOn}
                onChange={setFoundedOn}
                maxDate={localToday()}
                error={fieldError('foundedOn')}
              />
              <DateField
                label="本届任期开始日期"
                description={`任期${kind === 'committee' ? '5' : '3'}年，届满前提醒换届`}
                value={termStartedOn}
                onChange={setTermStartedOn}
                maxDate={localToday()}
                error={fieldError('termStartedOn')}
              />
            </SimpleGrid>
          </Section>

          {hasBranches ? (
            <Section title="首批党支部" hint="可先填写已有的党支部，以后在“组织设置”中增删；留空的行不会保存。">
              {branches.map((name, i) => (
                <Group key={i} gap="xs" wrap="nowrap">
                  <TextInput
                    style={{ flex: 1 }}
                    aria-label={`党支部名称 ${i + 1}`}
                    placeholder={i === 0 ? '如：第一党支部' : '党支部名称'}
                    value={name}
                    onChange={(e) => {
                      const value = e.currentTarget.value;
                      setBranches((list) => list.map((b, j) => (j === i ? value : b)));
                    }}
                    error={fieldError(branchField(i))}
                  />
                  <ActionIcon
                    variant="subtle"
                    color="gray"
                    aria-label={`删除第 ${i + 1} 行`}
                    disabled={branches.length === 1}
                    onClick={() => setBranches((list) => list.filter((_, j) => j !== i))}
                  >
                    <IconTrash size={16} />
                  </ActionIcon>
                </Group>
              ))}
              <Group>
                <Button
                  variant="subtle"
                  leftSection={<IconPlus size={16} />}
                  onClick={() => setBranches((list) => [...list, ''])}
                >
                  再添加一个党支部
                </Button>
              </Group>
            </Section>
          ) : (
            <Alert color="gray" variant="light">
              机关党组织为党支部时，其下不再设党支部，党小组可在建立后到“组织设置”中添加。
            </Alert>
          )}

          <Section
            title="数据保护"
            hint="设置密码后，数据文件加密保存，打开程序时须输入密码，电脑或U盘丢失也不会泄露党员信息。"
          >
            <Switch
              label="设置密码，加密保存数据（推荐）"
              checked={protect}
              onChange={(e) => setProtect(e.currentTarget.checked)}
            />
            {protect && (
              <SimpleGrid cols={2}>
                <PasswordField
                  label="密码"
                  description="至少8位，请牢记"
                  value={password}
                  onChange={(e) => setPassword(e.currentTarget.value)}
                  error={fieldError('password')}
                />
                <PasswordField
                  label="再次输入密码"
                  value={repeat}
                  onChange={(e) => setRepeat(e.currentTarget.value)}
                  error={repeat && repeat !== password ? '两次输入的密码不一致' : undefined}
                />
              </SimpleGrid>
            )}
          </Section>

          <FormError
            error={error}
            inlineFields={[
              'organName',
              'committeeName',
              'superiorName',
              'foundedOn',
              'termStartedOn',
              'password',
              ...filled.map((_, k) => `branches.${k}`),
            ]}
          />

          <Divider />
          <Group justify="space-between" align="flex-end" wrap="nowrap">
            <Text size="xs" c="dimmed" style={{ wordBreak: 'break-all' }}>
              数据将保存在：{dataFile}
            </Text>
            <Button type="submit" size="md" loading={busy} style={{ flexShrink: 0 }}>
              建立数据
            </Button>
          </Group>
        </Stack>
      </Paper>
      {recoveryCode && <RecoveryCodeModal code={recoveryCode} organ={organName} onDone={() => refreshAll()} />}
    </Center>
  );
}

/**
 * This form is long and made once: Enter in a field moves to the next field instead of sending the
 * half-filled form (only the 建立数据 button sends it). Enter that ends an IME composition is left alone.
 */
function enterMovesOn(event: KeyboardEvent<HTMLFormElement>) {
  if (event.key !== 'Enter' || event.nativeEvent.isComposing || event.keyCode === 229) return;
  const target = event.target;
  if (!(target instanceof HTMLInputElement)) return;
  event.preventDefault();
  const fields = [...event.currentTarget.querySelectorAll<HTMLInputElement>('input')].filter(
    (input) =>
      !input.disabled &&
      input.type !== 'hidden' &&
      input.type !== 'checkbox' &&
      input.type !== 'radio' &&
      input.offsetParent !== null,
  );
  const next = fields[fields.indexOf(target) + 1];
  (next ?? event.currentTarget.querySelector<HTMLElement>('button[type="submit"]'))?.focus();
}

function Section({ title, hint, children }: { title: string; hint?: string; children: ReactNode }) {
  return (
    <Stack gap="sm">
      <Box>
        <Text fw={600}>{title}</Text>
        {hint && (
          <Text size="xs" c="dimmed">
            {hint}
          </Text>
        )}
      </Box>
      {children}
    </Stack>
  );
}
