import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from './fixtures';

const root = path.resolve(import.meta.dirname, '../..');

test('another program has the data file: the page says which and offers to try again', async ({ page, app }) => {
  // A command-line run set the organ up and is still working on the file when the page opens.
  const cli = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'test/support/hold-file.ts'), app.dataDir], {
    cwd: root,
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const pid = await new Promise<string>((resolve, reject) => {
    let out = '';
    cli.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const held = /held (\d+)/.exec(out);
      if (held) resolve(held[1]!);
    });
    cli.once('exit', (code) => reject(new Error(`holder exited (${code})`)));
  });
  try {
    await page.goto(app.url);
    await expect(page.getByRole('heading', { name: '数据文件正被另一个程序使用' })).toBeVisible();
    const alert = page.getByRole('alert');
    await expect(alert).toContainText(`数据文件正由命令行（进程 ${pid}）使用`);
    await expect(alert).toContainText('请等该命令执行完毕，再重试');
    await app.shot(page, '22-file-in-use');
  } finally {
    cli.stdin.end();
    await new Promise((resolve) => cli.once('exit', resolve));
  }
  // The command has finished: trying again opens the office's data.
  await page.getByRole('button', { name: '重试' }).click();
  await expect(page.getByText('某某市财政局').first()).toBeVisible();
});

test('a USB file whose 操作记录 was edited: the preview names the entry, the import waits for a tick, and the log then says what happened', async ({
  page,
  app,
}) => {
  const file = path.join(app.dataDir, '..', `改过记录-${Date.now()}.pobk`);
  execFileSync(
    process.execPath,
    ['--import', 'tsx', path.join(root, 'test/support/tampered-export.ts'), file, '带走的口令1234'],
    {
      cwd: root,
    },
  );
  await app.api('organ.setup', {
    organName: '某某市财政局',
    committeeKind: 'committee',
    committeeName: '中共某某市财政局机关委员会',
    superiorName: '市直机关工委',
    branches: ['办公室党支部'],
    password: null,
  });
  await page.goto(app.url);
  await page.getByRole('link', { name: /数据安全/ }).click();
  const importCard = page.getByRole('form', { name: '从U盘导入' });
  await importCard.getByLabel('文件').fill(file);
  await importCard.getByLabel('导出口令').fill('带走的口令1234');
  await importCard.getByRole('button', { name: '检查文件' }).click();
  const preview = importCard.getByLabel('导入预览');
  await expect(preview).toContainText('文件中的操作记录被改动过');
  await expect(preview).toContainText('从第 4 条起');
  const go = importCard.getByRole('button', { name: '备份本机数据并导入' });
  await expect(go).toBeDisabled();
  await app.shot(page, '23-import-edited-log');
  await importCard.getByLabel('我已知晓操作记录从第 4 条起无法核验，仍要导入').check();
  await go.click();
  await expect(page.getByText('导入完成，导入前的数据已自动备份。')).toBeVisible();
  fs.rmSync(file, { force: true });

  await page.getByRole('link', { name: /操作记录/ }).click();
  await expect(page.getByRole('alert', { name: '操作记录被改动过' })).toContainText('从第 4 条记录起');
  const replaced = page.getByRole('alert', { name: '数据曾被整体替换' });
  await expect(replaced).toContainText(/从U盘导入（改过记录-\d+\.pobk）/);
  await expect(replaced).toContainText('换入的操作记录从第 4 条起无法核验');
  await expect(page.getByRole('table', { name: '操作记录' })).toContainText('数据安全：替换数据');
  await app.shot(page, '24-audit-log-replaced');
});
