import { Alert, Button, Code, Group, Modal, Stack, Text } from '@mantine/core';

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
