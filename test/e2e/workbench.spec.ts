import fs from 'node:fs';
import { PDFDocument } from 'pdf-lib';
import { localToday } from '../../src/shared/dates';
import { seedOfficeYear } from '../support/office-year';
import { expect, SCREENSHOT_DIR, test } from './fixtures';

/*
 * 工作台 after a year's work (issue 16): reminders by module, the worst first, with counts and
 * collapsible; a meeting's late steps as one line; the statistics a 机关党委 reports upward, on
 * one printed page; the standing 未设置密码 notice.
 */

const today = localToday();

test('工作台 with a year’s data: grouped reminders, statistics and charts, one printed page', async ({ page, app }) => {
  test.setTimeout(240_000);
  await seedOfficeYear((channel, input) => app.api(channel, input), today);
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(app.url);

  const reminders = page.getByLabel('提醒列表');
  await expect(reminders.getByRole('button', { name: /^党费/ })).toBeVisible();
  // The groups come worst first: each begins with its overdue count when it has one.
  const headers = await reminders.locator('[aria-expanded]').allInnerTexts();
  expect(headers.length).toBeGreaterThan(1);
  // The 组织生活会's late steps are one line, not one per step.
  const branchMeeting = reminders.getByRole('button', { name: /组织生活会：.*共\d+个环节逾期未完成/ });
  await expect(branchMeeting).toHaveCount(1);
  // Collapsing a group hides its lines and keeps its counts.
  const dues = reminders.getByRole('button', { name: /^党费/ });
  await expect(reminders.getByRole('button', { name: /连续欠交党费3个月以上/ })).toBeVisible();
  await dues.click();
  await expect(reminders.getByRole('button', { name: /连续欠交党费3个月以上/ })).toBeHidden();
  await expect(dues).toContainText('1项');
  await dues.click();

  // The standing notice, and the statistics.
  await expect(page.getByRole('alert', { name: '未设置密码' })).toBeVisible();
  await expect(page.getByLabel('在册党员')).toContainText('40人');
  await expect(page.getByLabel('在册党员')).toContainText('正式38人　预备2人');
  await expect(page.getByLabel('各党支部党员人数')).toContainText('机关第一党支部');
  await expect(page.getByLabel('党费收缴')).toContainText('本月未交：');
  await expect(page.getByLabel('一岗双责完成情况')).toContainText('王建国');
  await expect(page.getByLabel('生活会进度')).toContainText('民主生活会');
  await expect(page.locator('.recharts-surface').first()).toBeVisible();
  await app.shot(page, 'workbench-1366');
  // What the clerk sees first, without scrolling.
  await page.evaluate('window.scrollTo(0, 0)');
  await page.screenshot({ path: `${SCREENSHOT_DIR}/workbench-1366-first-screen.png` });
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.evaluate('window.scrollTo(0, 0)');
  await page.screenshot({ path: `${SCREENSHOT_DIR}/workbench-1920-first-screen.png` });

  // 打印统计: the statistics alone, on one A4 page.
  await page.emulateMedia({ media: 'print' });
  const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true, printBackground: true });
  const pages = (await PDFDocument.load(pdf)).getPageCount();
  expect(pages).toBe(1);
  fs.writeFileSync(`${SCREENSHOT_DIR}/workbench-print.pdf`, pdf);
  await expect(page.getByText('党员队伍和党务工作统计')).toBeVisible();
  await expect(page.getByLabel('提醒列表')).toBeHidden();
});
