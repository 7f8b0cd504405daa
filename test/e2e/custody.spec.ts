import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from './fixtures';

test('set a password, back up, export to a "stick", and import it back after a change', async ({ page, app }) => {
  await page.goto(app.url);
  const setup = page.getByRole('form', { name: '首次设置' });
  await setup.getByLabel('机关名称').fill('某某市财政局');
  await setup.getByLabel('党支部名称 1').fill('办公室党支部');
  await setup.getByLabel('设置密码，加密保存数据（推荐）').uncheck();
  await setup.getByRole('button', { name: '建立数据' }).click();

  await page.getByRole('link', { name: /数据安全/ }).click();
  const passwordCard = page.getByRole('form', { name: '密码' });
  await expect(passwordCard).toContainText('未加密');
  await passwordCard.getByLabel('密码', { exact: true }).fill('财政局党务2026');
  await passwordCard.getByLabel('再次输入').fill('财政局党务2026');
  // The eye buttons speak Chinese and say what they will do.
  await expect(passwordCard.getByRole('button', { name: '显示密码' })).toHaveCount(2);
  await passwordCard.getByRole('button', { name: '显示密码' }).first().click();
  await expect(passwordCard.getByLabel('密码', { exact: true })).toHaveAttribute('type', 'text');
  await passwordCard.getByRole('button', { name: '隐藏密码' }).click();
  await expect(passwordCard.getByLabel('密码', { exact: true })).toHaveAttribute('type', 'password');
  await passwordCard.getByRole('button', { name: '设置密码并加密' }).click();
  // The recovery code comes first, and nothing is encrypted until the clerk has typed its last groups back.
  const codeDialog = page.getByRole('dialog', { name: '请打印或抄下恢复码' });
  await expect(codeDialog.getByLabel('恢复码', { exact: true })).toHaveText(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){5}$/);
  const code = (await codeDialog.getByLabel('恢复码', { exact: true }).textContent())!;
  await expect(passwordCard).toContainText('未加密');
  const start = codeDialog.getByRole('button', { name: '开始加密' });
  await expect(start).toBeDisabled();
  const check = codeDialog.getByLabel('核对：输入恢复码的后4组');
  await check.fill('0000 0000 0000 0000');
  await expect(codeDialog).toContainText('与上面的恢复码不一致');
  await expect(start).toBeDisabled();
  await check.fill(code.split('-').slice(2).join(' ').toLowerCase());
  await app.shot(page, '19-recovery-code-before-encryption');
  await start.click();
  await expect(codeDialog).toBeHidden();
  await expect(passwordCard).toContainText('已加密');
  // No plain copy is left in the data folder: the earlier backups and the 加密前 copy are encrypted too.
  for (const entry of fs.readdirSync(app.dataDir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const bytes = fs.readFileSync(path.join(entry.parentPath, entry.name));
    for (const secret of ['某某市财政局', '办公室党支部'])
      expect(bytes.includes(Buffer.from(secret)), `${entry.name}: ${secret}`).toBe(false);
  }

  // A backup by hand, verified, beside the one taken before encrypting.
  await page.getByRole('button', { name: '立即备份' }).click();
  const list = page.getByRole('table', { name: '备份列表' });
  await expect(list).toContainText('手动备份');
  await expect(list).toContainText('加密前自动备份');
  // Times as elsewhere in the app: 2026年11月22日 21:19:05.
  await expect(list).toContainText(/\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}:\d{2}/);
  await app.shot(page, '20-data-safety');

  // Export to a folder standing in for the USB stick.
  const stick = path.join(app.dataDir, '..', `stick-${Date.now()}`);
  fs.mkdirSync(stick);
  const exportCard = page.getByRole('form', { name: '导出到U盘' });
  await expect(exportCard).toContainText('如 E:\\ ；');
  await expect(exportCard.getByLabel('保存位置')).toHaveAttribute('placeholder', 'E:\\');
  await expect(exportCard.getByRole('button', { name: '显示口令' })).toHaveCount(2);
  await exportCard.getByLabel('保存位置').fill(stick);
  await exportCard.getByLabel('导出口令').fill('带走的口令1234');
  await exportCard.getByLabel('再次输入口令').fill('带走的口令1234');
  await exportCard.getByRole('button', { name: '导出' }).click();
  await expect(exportCard).toContainText('并已读回核对无误');
  const [file] = fs.readdirSync(stick);
  expect(file).toMatch(/^党务数据-\d{4}-\d{2}-\d{2}\.pobk$/);

  // Change something, then bring the exported state back.
  await page.getByRole('link', { name: /组织设置/ }).click();
  await page.getByRole('treeitem', { name: /中共某某市财政局机关委员会/ }).click();
  await page.getByRole('button', { name: '新增党支部' }).click();
  await page.getByRole('dialog').getByLabel('名称').fill('临时党支部');
  await page.getByRole('dialog').getByRole('button', { name: '保存' }).click();
  await expect(page.getByRole('treeitem', { name: /临时党支部/ })).toBeVisible();

  await page.getByRole('link', { name: /数据安全/ }).click();
  const importCard = page.getByRole('form', { name: '从U盘导入' });
  await expect(importCard.getByLabel('文件')).toHaveAttribute('placeholder', /^E:\\党务数据-\d{4}-\d{2}-\d{2}\.pobk$/);
  await importCard.getByLabel('文件').fill(path.join(stick, file!));
  await importCard.getByLabel('导出口令').fill('错误的口令0000');
  await importCard.getByRole('button', { name: '检查文件' }).click();
  await expect(importCard).toContainText('导出口令不正确');
  await importCard.getByLabel('导出口令').fill('带走的口令1234');
  await importCard.getByRole('button', { name: '检查文件' }).click();
  const preview = importCard.getByLabel('导入预览');
  await expect(preview).toContainText('党组织');
  await app.shot(page, '21-import-preview');
  await importCard.getByRole('button', { name: '备份本机数据并导入' }).click();
  await expect(page.getByText('导入完成，导入前的数据已自动备份。')).toBeVisible();
  await expect(page.getByRole('table', { name: '备份列表' })).toContainText('导入前自动备份');

  await page.getByRole('link', { name: /组织设置/ }).click();
  await expect(page.getByRole('treeitem', { name: /办公室党支部/ })).toBeVisible();
  await expect(page.getByRole('treeitem', { name: /临时党支部/ })).toHaveCount(0);
});

test('a lost keys file is named 密钥文件缺失 on the lock screen, and the password puts the copy from backups/ back', async ({
  page,
  app,
}) => {
  await page.goto(app.url);
  const setup = page.getByRole('form', { name: '首次设置' });
  await setup.getByLabel('机关名称').fill('某某市财政局');
  await setup.getByLabel('党支部名称 1').fill('办公室党支部');
  await setup.getByLabel('密码', { exact: true }).fill('党务工作2026');
  await setup.getByLabel('再次输入密码').fill('党务工作2026');
  await setup.getByRole('button', { name: '建立数据' }).click();
  await page.getByRole('button', { name: '我已妥善保存，继续' }).click();
  await expect(page.getByText('某某市财政局 · 中共某某市财政局机关委员会')).toBeVisible();
  await page.getByRole('button', { name: '加锁' }).click();
  const keys = path.join(app.dataDir, 'party-office.keys.json');
  fs.rmSync(keys);
  await page.reload();
  const missing = page.getByRole('alert', { name: '密钥文件缺失' });
  await expect(missing).toContainText('备份文件夹中有它的副本');
  await expect(page.getByText('已损坏')).toHaveCount(0);
  await app.shot(page, '21-keys-missing');
  await page.getByLabel('密码', { exact: true }).fill('党务工作2026');
  await page.getByRole('button', { name: '解锁' }).click();
  await expect(page.getByText('某某市财政局 · 中共某某市财政局机关委员会')).toBeVisible();
  expect(fs.readFileSync(keys, 'utf8')).toBe(
    fs.readFileSync(path.join(app.dataDir, 'backups', 'party-office.keys.json'), 'utf8'),
  );
});
