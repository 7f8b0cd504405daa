import { Alert, Button, Checkbox, Code, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { normaliseRecoveryCode, RECOVERY_CODE_CHECKED_GROUPS } from '../../shared/custody';
import { FormError } from '../common/FormError';
import { useSubmit } from '../common/use-submit';

/** Prints just the code, on its own page, for the office's safe. */
function printCode(code: string, organ: string) {
  const frame = document.createElement('iframe');
  frame.style.position = 'fixed';
  frame.style.width = '0';
  frame.style.height = '0';
  frame.style.border = '0';
  document.body.append(frame);
  const doc = frame.contentDocument!;
  doc.title = '机关党务工作台恢复码';
  const style = doc.createElement('style');
  style.textContent =
    'body{font-family:"SimSun","Noto Serif CJK SC",serif;padding:40mm 25mm} h1{font-size:22pt} .code{font:bold 20pt monospace;letter-spacing:2px;border:1px solid #000;padding:6mm;margin:10mm 0}';
  doc.head.append(style);
  const heading = doc.createElement('h1');
  heading.textContent = '机关党务工作台 数据恢复码';
  const organLine = doc.createElement('p');
  organLine.textContent = `单位：${organ}　　打印日期：${new Date().toLocaleDateString('zh-CN')}`;
  const codeLine = doc.createElement('div');
  codeLine.className = 'code';
  codeLine.textContent = code;
  const note = doc.createElement('p');
  note.textContent = '忘记密码时，用此恢复码打开数据并设置新密码。请与U盘分开、妥善保管，不要拍照或存入电脑。';
  doc.body.append(heading, organLine, codeLine, note);
  frame.contentWindow!.print();
  setTimeout(() => frame.remove(), 60_000);
}

/** The recovery code is shown once: the office prints it or writes it down before going on. */
export function RecoveryCodeModal({ code, organ, onDone }: { code: string; organ: string; onDone: () => void }) {
  return (
    <Modal
      opened
      onClose={() => undefined}
      withCloseButton={false}
      closeOnEscape={false}
      closeOnClickOutside={false}
      title="请打印或抄下恢复码"
      size="lg"
    >
      <Stack>
        <Text size="sm">忘记密码时，只有这个恢复码能打开数据。它只显示这一次，程序不会保存它的明文。</Text>
        <Code block fz={26} ta="center" fw={700} style={{ letterSpacing: 2 }} aria-label="恢复码">
          {code}
        </Code>
        <Alert color="orange" variant="light">
          请把打印件与U盘分开、锁进文件柜保管；不要拍照，也不要保存在这台电脑里。
        </Alert>
        <Group justify="space-between">
          <Button variant="default" onClick={() => printCode(code, organ)}>
            打印恢复码
          </Button>
          <Button onClick={onDone}>我已妥善保存，继续</Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/**
 * A new recovery code, shown BEFORE it is put in force (设置密码 encrypts under it; 更换恢复码 retires
 * the old one): the clerk types its last groups back, or ticks that it has been copied or printed,
 * and only then may go on. 取消 changes nothing.
 */
export function ConfirmRecoveryCodeModal({
  code,
  organ,
  action,
  onConfirm,
  onCancel,
}: {
  code: string;
  organ: string;
  /** The button that puts the code in force: 开始加密, 启用新恢复码. */
  action: string;
  onConfirm: (confirmed: string) => Promise<void>;
  onCancel: () => void;
}) {
  const groups = code.split('-');
  const checked = groups.slice(-RECOVERY_CODE_CHECKED_GROUPS).join('-');
  const [typed, setTyped] = useState('');
  const [ticked, setTicked] = useState(false);
  const typedRight = normaliseRecoveryCode(typed) === checked;
  const mistyped = !typedRight && normaliseRecoveryCode(typed).length >= checked.length;
  const confirmed = typedRight
    ? [...groups.slice(0, -RECOVERY_CODE_CHECKED_GROUPS), normaliseRecoveryCode(typed)].join('-')
    : code;
  const { busy, error, submit } = useSubmit(() => onConfirm(confirmed));
  return (
    <Modal
      opened
      onClose={() => undefined}
      withCloseButton={false}
      closeOnEscape={false}
      closeOnClickOutside={false}
      title="请打印或抄下恢复码"
      size="lg"
    >
      <Stack component="form" onSubmit={submit} aria-label="核对恢复码">
        <Text size="sm">
          忘记密码时，只有这个恢复码能打开数据。它只显示这一次，程序不会保存它的明文。请先打印或抄下，核对后才会
          {action === '开始加密' ? '开始加密' : '启用'}。
        </Text>
        <Code block fz={26} ta="center" fw={700} style={{ letterSpacing: 2 }} aria-label="恢复码">
          {code}
        </Code>
        <Alert color="orange" variant="light">
          请把打印件与U盘分开、锁进文件柜保管；不要拍照，也不要保存在这台电脑里。
        </Alert>
        <TextInput
          label={`核对：输入恢复码的后${RECOVERY_CODE_CHECKED_GROUPS}组`}
          description="照着抄下或打印的恢复码输入，大小写和短横线不要紧"
          placeholder={Array(RECOVERY_CODE_CHECKED_GROUPS).fill('XXXX').join('-')}
          value={typed}
          onChange={(e) => setTyped(e.currentTarget.value)}
          error={mistyped ? '与上面的恢复码不一致' : undefined}
          autoComplete="off"
          spellCheck={false}
        />
        <Checkbox
          label="或者：我已打印或抄下这个恢复码，并核对无误"
          checked={ticked}
          onChange={(e) => setTicked(e.currentTarget.checked)}
        />
        <FormError error={error} />
        <Group justify="space-between">
          <Button variant="default" onClick={() => printCode(code, organ)}>
            打印恢复码
          </Button>
          <Group>
            <Button variant="default" onClick={onCancel} disabled={busy}>
              取消
            </Button>
            <Button type="submit" loading={busy} disabled={!typedRight && !ticked}>
              {action}
            </Button>
          </Group>
        </Group>
      </Stack>
    </Modal>
  );
}
