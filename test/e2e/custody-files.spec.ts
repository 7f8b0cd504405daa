import { spawn } from 'node:child_process';
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
