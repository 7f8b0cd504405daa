import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from './fixtures';

test('first run → create organ → add branches and a party group → reload → all still there', async ({ page, app }) => {
  await page.goto(app.url);
  const setup = page.getByRole('form', { name: '首次设置' });
  await expect(setup.getByText('欢迎使用机关党务工作台')).toBeVisible();
  // The token has left the address bar.
  expect(page.url()).not.toContain('token=');

  // An empty organ name is refused with a message, and nothing is created.
  await setup.getByRole('button', { name: '建立数据' }).click();
  await expect(setup.getByText('请填写机关名称')).toBeVisible();

  await setup.getByLabel('机关名称').fill('某某市财政局');
  await expect(setup.getByLabel('党组织名称')).toHaveValue('中共某某市财政局机关委员会');
  await setup.getByLabel('上级党组织').fill('中共某某市直属机关工作委员会');
  await setup.getByLabel('本届任期开始日期').fill('2021年12月28日');
  // Enter in a field moves to the next one; it does not send the half-filled form.
  await setup.getByLabel('成立日期').fill('2001年7月1日');
  await setup.getByLabel('成立日期').press('Enter');
  await expect(setup.getByLabel('本届任期开始日期')).toBeFocused();
  await expect(setup.getByLabel('成立日期')).toHaveValue('2001年7月1日');
  await setup.getByLabel('党支部名称 1').fill('办公室党支部');
  await setup.getByLabel('党支部名称 1').press('Enter');
  await expect(setup).toBeVisible();
  // Encryption is on by default: with the password fields empty, nothing is created.
  await setup.getByRole('button', { name: '建立数据' }).click();
  await expect(setup.getByText('请填写密码，或关闭加密')).toBeVisible();
  await expect(setup.getByLabel('密码', { exact: true })).toHaveAttribute('aria-invalid', 'true');
  expect(fs.existsSync(path.join(app.dataDir, 'party-office.db'))).toBe(false);
  // Protect the data with a password: the recovery code is shown once, to print.
  await setup.getByLabel('密码', { exact: true }).fill('党务工作2026');
  await expect(setup.getByText('请填写密码，或关闭加密')).toBeHidden();
  await setup.getByLabel('再次输入密码').fill('党务工作2026');
  await app.shot(page, '01-first-run');
  await setup.getByRole('button', { name: '建立数据' }).click();
  const code = page.getByRole('dialog', { name: '请打印或抄下恢复码' }).getByLabel('恢复码');
  await expect(code).toHaveText(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){5}$/);
  await app.shot(page, '01b-recovery-code');
  await page.getByRole('button', { name: '我已妥善保存，继续' }).click();

  // The shell: organ in the header, data file in the status line.
  await expect(page.getByText('某某市财政局 · 中共某某市财政局机关委员会')).toBeVisible();
  const status = page.getByTestId('status-line');
  await expect(status).toContainText(`${app.dataDir}/party-office.db`);
  await expect(status).toContainText('浏览器模式');
  // The committee's 5-year term from 2021-12-28 ends 2026-12-27: within 60 days of the test date, or past it.
  await expect(page.getByLabel('提醒列表')).toContainText('中共某某市财政局机关委员会本届任期');
  await app.shot(page, '02-home');

  // 组织设置: two more branches and a party group.
  await page.getByRole('link', { name: /组织设置/ }).click();
  await expect(page.getByRole('heading', { name: '组织设置' })).toBeVisible();
  const tree = page.getByRole('tree', { name: '组织架构' });
  for (const name of ['业务一处党支部', '业务二处党支部']) {
    await tree.getByRole('treeitem', { name: /中共某某市财政局机关委员会/ }).click();
    await page.getByRole('button', { name: '新增党支部' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('名称').fill(name);
    await dialog.getByRole('button', { name: '保存' }).click();
    await expect(dialog).toBeHidden();
    await expect(tree.getByRole('treeitem', { name: new RegExp(name) })).toBeVisible();
  }

  // A duplicate name is refused inside the dialog.
  await tree.getByRole('treeitem', { name: /中共某某市财政局机关委员会/ }).click();
  await page.getByRole('button', { name: '新增党支部' }).click();
  await page.getByRole('dialog').getByLabel('名称').fill('办公室党支部');
  await page.getByRole('dialog').getByRole('button', { name: '保存' }).click();
  await expect(page.getByRole('dialog')).toContainText('已有名为“办公室党支部”的组织');
  await page.getByRole('dialog').getByRole('button', { name: '取消' }).click();

  await tree.getByRole('treeitem', { name: /业务一处党支部/ }).click();
  await page.getByRole('button', { name: '新增党小组' }).click();
  const groupDialog = page.getByRole('dialog');
  await expect(groupDialog.getByLabel('上级组织')).toHaveValue('业务一处党支部（党支部）');
  await groupDialog.getByLabel('名称').fill('第一党小组');
  await groupDialog.getByRole('button', { name: '保存' }).click();
  await expect(groupDialog).toBeHidden();

  // A secretary for the branch.
  await tree.getByRole('treeitem', { name: /业务一处党支部/ }).click();
  const posts = page.getByRole('form', { name: '登记职务' });
  await posts.getByLabel('任职人姓名').fill('张建国');
  await posts.getByRole('button', { name: '登记' }).click();
  await expect(page.getByRole('table', { name: '委员与职务' })).toContainText('张建国');
  await app.shot(page, '03-org-settings');

  // Lock, then reload: the data is in the encrypted file, behind the password.
  await page.getByRole('button', { name: '加锁' }).click();
  await expect(page.getByText('机关党务工作台已加锁')).toBeVisible();
  await page.reload();
  await page.getByLabel('密码', { exact: true }).fill('不对的密码123');
  await page.getByRole('button', { name: '解锁' }).click();
  await expect(page.getByText('密码不正确')).toBeVisible();
  await app.shot(page, '03b-locked');
  await page.getByLabel('密码', { exact: true }).fill('党务工作2026');
  await page.getByRole('button', { name: '解锁' }).click();
  await expect(page.getByRole('heading', { name: '组织设置' })).toBeVisible();
  for (const name of ['办公室党支部', '业务一处党支部', '业务二处党支部', '第一党小组']) {
    await expect(tree.getByRole('treeitem', { name: new RegExp(name) })).toBeVisible();
  }
  await tree.getByRole('treeitem', { name: /业务一处党支部/ }).click();
  await expect(page.getByRole('table', { name: '委员与职务' })).toContainText('张建国');

  // Every change is in the audit log.
  await page.getByRole('link', { name: /操作记录/ }).click();
  const log = page.getByRole('table', { name: '操作记录' });
  await expect(log).toContainText('第一党小组');
  await expect(log).toContainText('张建国');
  await app.shot(page, '04-audit-log');
});

test('the page cannot reach the data without the launch token', async ({ page, app }) => {
  await page.goto(app.origin + '/');
  // No token: the app says how to open it properly instead of showing data.
  await expect(page.getByText('访问凭据无效')).toBeVisible();
});
