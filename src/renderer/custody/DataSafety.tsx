import {
  Alert,
  Badge,
  Button,
  Checkbox,
  Group,
  NumberInput,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { modals } from '@mantine/modals';
import { useState } from 'react';
import { BACKUP_REASON_LABEL, exportFileName, type TransferPreview } from '../../shared/custody';
import { formatLocalDateTime, localToday } from '../../shared/dates';
import { change, invoke, refreshAll } from '../api/client';
import { useQuery } from '../api/use-query';
import { saveFile } from '../common/files';
import { FormError } from '../common/FormError';
import { notifyFailed, notifySaved } from '../common/notify';
import { QueryView } from '../common/QueryView';
import { useSubmit } from '../common/use-submit';
import { PasswordField } from './PasswordField';
import { ConfirmRecoveryCodeModal } from './RecoveryCode';

const TABLE_LABEL: Record<string, string> = {
  organ: '机关信息',
  org_unit: '党组织',
  committee_post: '委员职务',
  member: '党员',
  member_event: '党员状态变动',
};

const size = (bytes: number) =>
  bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(0)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const when = formatLocalDateTime;

/** 数据安全: the password, the idle lock, backups, the USB file, and the diagnostic log for support. */
export function DataSafety({ encrypted, organ }: { encrypted: boolean; organ: string }) {
  return (
    <Stack gap="lg">
      <div>
        <Title order={2}>数据安全</Title>
        <Text c="dimmed" size="sm">
          数据只保存在本机；每天自动备份，恢复、导入、升级等操作前也会先备份。用U盘带走的数据文件都用口令加密。
        </Text>
      </div>
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
        <PasswordCard encrypted={encrypted} organ={organ} />
        <IdleLockCard encrypted={encrypted} />
      </SimpleGrid>
      <BackupsCard />
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
        <ExportCard />
        <ImportCard />
      </SimpleGrid>
      <DiagnosticsCard />
    </Stack>
  );
}

/** 导出诊断信息: the program's own log and versions, for whoever supports the office; no data. */
function DiagnosticsCard() {
  const { busy, error, submit } = useSubmit(async () => {
    saveFile(await invoke('diagnostics.export', {}));
  });
  return (
    <Paper withBorder p="md" radius="md" component="form" onSubmit={submit} aria-label="诊断信息">
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <div>
          <Text fw={600}>诊断信息</Text>
          <Text size="sm" c="dimmed">
            程序出现问题时，可导出程序运行记录和版本信息，交给技术支持人员。其中不含党员、党费等任何数据。
          </Text>
        </div>
        <Button type="submit" variant="default" loading={busy}>
          导出诊断信息
        </Button>
      </Group>
      <FormError error={error} />
    </Paper>
  );
}

function PasswordCard({ encrypted, organ }: { encrypted: boolean; organ: string }) {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  /** A recovery code shown and not yet in force: for 设置密码 (the password waits with it) or 更换恢复码. */
  const [pending, setPending] = useState<{ code: string; purpose: 'setPassword' | 'replace' } | null>(null);
  const clear = () => {
    setCurrent('');
    setNext('');
    setRepeat('');
  };
  const { busy, error, submit, fieldError } = useSubmit(async () => {
    if (next !== repeat) throw new Error('两次输入的新密码不一致');
    if (encrypted) {
      await change('custody.changePassword', { current, next });
      notifySaved('密码已修改。数据文件本身没有改动。');
      clear();
    } else {
      // The code is shown and confirmed before anything is encrypted (ConfirmRecoveryCodeModal).
      const { recoveryCode } = await invoke('custody.newRecoveryCode', {});
      setPending({ code: recoveryCode, purpose: 'setPassword' });
    }
  });
  const newCode = async () => {
    try {
      const { recoveryCode } = await invoke('custody.newRecoveryCode', {});
      setPending({ code: recoveryCode, purpose: 'replace' });
    } catch (caught) {
      notifyFailed(caught);
    }
  };
  const confirmCode = async (recoveryCode: string) => {
    if (pending?.purpose === 'setPassword') {
      await change('custody.setPassword', { password: next, recoveryCode });
      notifySaved('密码已设置，数据已加密。');
      clear();
    } else {
      await change('custody.replaceRecoveryCode', { recoveryCode });
      notifySaved('新恢复码已启用，旧恢复码作废。');
    }
    setPending(null);
    refreshAll();
  };
  return (
    <>
      <Paper withBorder p="md" radius="md" component="form" onSubmit={submit} aria-label="密码">
        <Stack gap="sm">
          <Group justify="space-between">
            <Text fw={600}>密码</Text>
            {encrypted ? <Badge color="teal">已加密</Badge> : <Badge color="orange">未加密</Badge>}
          </Group>
          <Text size="sm" c="dimmed">
            {encrypted
              ? '修改密码只更换开启数据的钥匙，不会改写数据文件。'
              : '设置密码后数据文件即加密保存：先给出恢复码请您抄下或打印，核对后自动备份，再加密。'}
          </Text>
          {encrypted && (
            <PasswordField
              label="原密码"
              value={current}
              onChange={(e) => setCurrent(e.currentTarget.value)}
              error={fieldError('current')}
            />
          )}
          <PasswordField
            label={encrypted ? '新密码' : '密码'}
            description="至少8位"
            value={next}
            onChange={(e) => setNext(e.currentTarget.value)}
            error={fieldError('next') ?? fieldError('password')}
          />
          <PasswordField
            label="再次输入"
            value={repeat}
            onChange={(e) => setRepeat(e.currentTarget.value)}
            error={repeat && repeat !== next ? '两次输入不一致' : undefined}
          />
          <FormError error={error} inlineFields={['current', 'next', 'password']} />
          <Group justify={encrypted ? 'space-between' : 'flex-end'}>
            {encrypted && (
              <Button variant="default" onClick={newCode}>
                更换恢复码
              </Button>
            )}
            <Button type="submit" loading={busy} disabled={!next || next !== repeat}>
              {encrypted ? '修改密码' : '设置密码并加密'}
            </Button>
          </Group>
        </Stack>
      </Paper>
      {/* Outside the form: a portal's submit still bubbles to the form it sits in, in React's tree. */}
      {pending && (
        <ConfirmRecoveryCodeModal
          code={pending.code}
          organ={organ}
          action={pending.purpose === 'setPassword' ? '开始加密' : '启用新恢复码'}
          onConfirm={confirmCode}
          onCancel={() => setPending(null)}
        />
      )}
    </>
  );
}

function IdleLockCard({ encrypted }: { encrypted: boolean }) {
  const settings = useQuery('settings.get', {});
  return (
    <Paper withBorder p="md" radius="md" aria-label="自动加锁">
      <QueryView query={settings}>
        {(s) => <IdleLockForm minutes={s.idleLockMinutes} encrypted={encrypted} />}
      </QueryView>
    </Paper>
  );
}

function IdleLockForm({ minutes, encrypted }: { minutes: number; encrypted: boolean }) {
  const [value, setValue] = useState<number | string>(minutes);
  const { busy, error, submit, fieldError } = useSubmit(async () => {
    await change('settings.update', { idleLockMinutes: Number(value) });
    notifySaved('自动加锁时间已保存。');
  });
  return (
    <Stack gap="sm" component="form" onSubmit={submit}>
      <Text fw={600}>自动加锁</Text>
      <Text size="sm" c="dimmed">
        {encrypted ? '一段时间不操作，程序自动加锁，须重新输入密码。' : '设置密码后生效。'}
      </Text>
      <NumberInput
        label="无操作多少分钟后加锁"
        description="填 0 表示不自动加锁"
        min={0}
        max={240}
        suffix=" 分钟"
        value={value}
        onChange={setValue}
        error={fieldError('idleLockMinutes')}
        w={240}
      />
      <FormError error={error} inlineFields={['idleLockMinutes']} />
      <Group justify="flex-end">
        <Button type="submit" variant="light" loading={busy} disabled={Number(value) === minutes}>
          保存
        </Button>
      </Group>
    </Stack>
  );
}

function BackupsCard() {
  const backups = useQuery('backup.list', {});
  const [busy, setBusy] = useState(false);
  const backupNow = async () => {
    setBusy(true);
    try {
      await change('backup.create', {});
      notifySaved('已备份并通过完整性检查。');
    } catch (error) {
      notifyFailed(error);
    } finally {
      setBusy(false);
    }
  };
  const restore = (id: string, label: string) =>
    modals.openConfirmModal({
      title: '从备份恢复',
      children: (
        <Text size="sm">用 {label} 的备份替换现在的数据？恢复前会先把现在的数据备份一份，需要时可以再恢复回来。</Text>
      ),
      labels: { confirm: '恢复', cancel: '取消' },
      confirmProps: { color: 'red' },
      onConfirm: () => {
        change('backup.restore', { id }).then(() => {
          notifySaved(`已恢复到 ${label} 的备份。`);
          refreshAll();
        }, notifyFailed);
      },
    });
  return (
    <Paper withBorder p="md" radius="md" aria-label="备份">
      <Stack gap="sm">
        <Group justify="space-between">
          <div>
            <Text fw={600}>备份</Text>
            <Text size="sm" c="dimmed">
              自动保留最近7天每天、最近4周每周、最近12个月每月各一份。每份备份都经完整性检查。
            </Text>
          </div>
          <Button variant="light" loading={busy} onClick={backupNow}>
            立即备份
          </Button>
        </Group>
        <QueryView query={backups}>
          {(list) =>
            list.length === 0 ? (
              <Text size="sm" c="dimmed">
                还没有备份。
              </Text>
            ) : (
              <Table verticalSpacing={6} highlightOnHover aria-label="备份列表">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>时间</Table.Th>
                    <Table.Th>类型</Table.Th>
                    <Table.Th>党员</Table.Th>
                    <Table.Th>党组织</Table.Th>
                    <Table.Th>操作记录</Table.Th>
                    <Table.Th>大小</Table.Th>
                    <Table.Th>加密</Table.Th>
                    <Table.Th w={80} />
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {list.map((b) => (
                    <Table.Tr key={b.id}>
                      <Table.Td className="tabular">{when(b.createdAt)}</Table.Td>
                      <Table.Td>{BACKUP_REASON_LABEL[b.reason]}</Table.Td>
                      <Table.Td className="tabular">{b.counts.members} 人</Table.Td>
                      <Table.Td className="tabular">{b.counts.units} 个</Table.Td>
                      <Table.Td className="tabular">{b.counts.auditEntries} 条</Table.Td>
                      <Table.Td className="tabular">{size(b.size)}</Table.Td>
                      <Table.Td>{b.encrypted ? '是' : '否'}</Table.Td>
                      <Table.Td>
                        <Button size="xs" variant="subtle" onClick={() => restore(b.id, when(b.createdAt))}>
                          恢复
                        </Button>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )
          }
        </QueryView>
      </Stack>
    </Paper>
  );
}

function ExportCard() {
  const [target, setTarget] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [repeat, setRepeat] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const { busy, error, submit, fieldError } = useSubmit(async () => {
    if (passphrase !== repeat) throw new Error('两次输入的导出口令不一致');
    const result = await invoke('backup.export', { passphrase, target });
    setDone(`已写入 ${result.file}（${size(result.bytes)}），并已读回核对无误。`);
  });
  return (
    <Paper withBorder p="md" radius="md" component="form" onSubmit={submit} aria-label="导出到U盘">
      <Stack gap="sm">
        <Text fw={600}>导出到U盘</Text>
        <Text size="sm" c="dimmed">
          生成一个用口令加密的数据文件（.pobk），可带到另一台电脑导入。口令与本机密码无关；U盘丢失也不会泄露内容。先写入本机临时文件，再复制到U盘并读回核对。
        </Text>
        <TextInput
          label="保存位置"
          description={'U盘的盘符或文件夹，如 E:\\ ；也可写完整文件名'}
          placeholder={'E:\\'}
          value={target}
          onChange={(e) => setTarget(e.currentTarget.value)}
          error={fieldError('target')}
        />
        <SimpleGrid cols={2}>
          <PasswordField
            noun="口令"
            label="导出口令"
            description="至少8位，导入时要用"
            value={passphrase}
            onChange={(e) => setPassphrase(e.currentTarget.value)}
            error={fieldError('passphrase')}
          />
          <PasswordField
            noun="口令"
            label="再次输入口令"
            value={repeat}
            onChange={(e) => setRepeat(e.currentTarget.value)}
            error={repeat && repeat !== passphrase ? '两次输入不一致' : undefined}
          />
        </SimpleGrid>
        <FormError error={error} inlineFields={['passphrase']} />
        {done && <Alert color="teal">{done}</Alert>}
        <Group justify="flex-end">
          <Button type="submit" loading={busy} disabled={!target || !passphrase || passphrase !== repeat}>
            导出
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

function ImportCard() {
  const [source, setSource] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [preview, setPreview] = useState<TransferPreview | null>(null);
  const [accept, setAccept] = useState(false);
  const [acceptLog, setAcceptLog] = useState(false);
  const check = useSubmit(async () => {
    setPreview(await invoke('backup.previewImport', { source, passphrase }));
    setAccept(false);
    setAcceptLog(false);
  });
  const commit = useSubmit(async () => {
    await change('backup.import', {
      source,
      passphrase,
      acceptDifferentOrgan: accept,
      acceptBrokenAuditLog: acceptLog,
    });
    notifySaved('导入完成，导入前的数据已自动备份。');
    setPreview(null);
    refreshAll();
  });
  return (
    <Paper withBorder p="md" radius="md" component="form" onSubmit={check.submit} aria-label="从U盘导入">
      <Stack gap="sm">
        <Text fw={600}>从U盘导入</Text>
        <Text size="sm" c="dimmed">
          用U盘上的 .pobk
          文件替换本机数据。先检查口令、校验值和版本，列出将发生的变化；确认后先备份本机数据，再一次性替换。
        </Text>
        <TextInput
          label="文件"
          placeholder={`E:\\${exportFileName(localToday())}`}
          value={source}
          onChange={(e) => {
            setSource(e.currentTarget.value);
            setPreview(null);
          }}
        />
        <PasswordField
          noun="口令"
          label="导出口令"
          value={passphrase}
          onChange={(e) => {
            setPassphrase(e.currentTarget.value);
            setPreview(null);
          }}
          error={check.fieldError('passphrase')}
        />
        <FormError error={check.error} inlineFields={['passphrase']} />
        {!preview && (
          <Group justify="flex-end">
            <Button type="submit" variant="light" loading={check.busy} disabled={!source || !passphrase}>
              检查文件
            </Button>
          </Group>
        )}
        {preview && (
          <Stack gap="xs" aria-label="导入预览">
            <Text size="sm">
              {preview.organ?.name ?? '（未建立机关）'} · 导出于 {when(preview.exportedAt)} · 程序版本{' '}
              {preview.appVersion}
              {preview.olderSchema ? '（较旧版本，导入后自动升级）' : ''}
            </Text>
            {preview.differentOrgan && (
              <Alert color="orange">这是另一个机关（{preview.organ?.name}）的数据，与本机不同。</Alert>
            )}
            <Table verticalSpacing={4}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>内容</Table.Th>
                  <Table.Th>本机现有</Table.Th>
                  <Table.Th>文件中</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {preview.changes
                  .filter((c) => TABLE_LABEL[c.table])
                  .map((c) => (
                    <Table.Tr key={c.table}>
                      <Table.Td>{TABLE_LABEL[c.table]}</Table.Td>
                      <Table.Td className="tabular">{c.current}</Table.Td>
                      <Table.Td className="tabular" fw={c.current !== c.incoming ? 600 : undefined}>
                        {c.incoming}
                      </Table.Td>
                    </Table.Tr>
                  ))}
              </Table.Tbody>
            </Table>
            {preview.auditLog.intact ? (
              <Text size="sm" c="dimmed">
                文件中的操作记录共 {preview.auditLog.entries} 条，逐条核验一致。
              </Text>
            ) : (
              <Alert color="red" title="文件中的操作记录被改动过">
                从第 {preview.auditLog.brokenAt}{' '}
                条起，操作记录与内容对不上（被改动、删除或在程序之外插入过）。导入后，本机的操作记录将从这一条起无法核验。
              </Alert>
            )}
            {preview.differentOrgan && (
              <Checkbox
                label="我确认用另一个机关的数据替换本机数据"
                checked={accept}
                onChange={(e) => setAccept(e.currentTarget.checked)}
              />
            )}
            {!preview.auditLog.intact && (
              <Checkbox
                label={`我已知晓操作记录从第 ${preview.auditLog.brokenAt} 条起无法核验，仍要导入`}
                checked={acceptLog}
                onChange={(e) => setAcceptLog(e.currentTarget.checked)}
              />
            )}
            <FormError error={commit.error} />
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setPreview(null)}>
                取消
              </Button>
              <Button
                color="red"
                loading={commit.busy}
                disabled={(preview.differentOrgan && !accept) || (!preview.auditLog.intact && !acceptLog)}
                onClick={() => void commit.submit()}
              >
                备份本机数据并导入
              </Button>
            </Group>
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}
