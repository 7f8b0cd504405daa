import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { addMonthsTo, monthRange } from '../../src/shared/dues/months';
import { localToday } from '../../src/shared/dates';
import { checkCharacter } from '../../src/shared/members/citizen-id';
import { expect, SCREENSHOT_DIR, test, type WebApp } from './fixtures';

function citizenId(birth: string, serial: number, male: boolean): string {
  const first17 = `110101${birth}${String(serial * 2 + (male ? 1 : 0)).padStart(3, '0')}`;
  return first17 + checkCharacter(first17);
}

/** Seeds data through the same contract the screens use (the browser-mode transport). */
async function api(app: WebApp, channel: string, input: unknown): Promise<unknown> {
  const token = /token=([\w-]+)/.exec(app.url)![1];
  const response = await fetch(`${app.origin}/api/invoke`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    body: JSON.stringify({ channel, input }),
  });
  const result = (await response.json()) as { ok: boolean; value?: unknown; error?: { message: string } };
  if (!result.ok) throw new Error(`${channel}: ${result.error?.message}`);
  return result.value;
}

const MEMBERS = [
  { name: '张三', birth: '19850312', male: true, category: 'employed' },
  { name: '李四', birth: '19500101', male: false, category: 'retired' },
  { name: '王五', birth: '19960505', male: true, category: 'student' },
  { name: '赵六', birth: '19900202', male: false, category: 'employed' },
  { name: '钱七', birth: '19870707', male: true, category: 'employed' },
  { name: '孙八', birth: '19880808', male: true, category: 'employed' },
] as const;

// Everything is relative to the real today: the browser-mode server keeps the machine's clock.
const today = localToday();
const thisMonth = today.slice(0, 7);
const thisYear = Number(today.slice(0, 4));
const collected = [addMonthsTo(thisMonth, -3), addMonthsTo(thisMonth, -2), addMonthsTo(thisMonth, -1)];
const firstYear = Number(addMonthsTo(thisMonth, -9).slice(0, 4));
const monthLabel = (m: string) => `${Number(m.slice(0, 4))}年${Number(m.slice(5))}月`;

test('assess a year, collect three months with exceptions, see arrears warnings, print the register', async ({ page, app }) => {
  test.setTimeout(180_000);
  await api(app, 'organ.setup', { organName: '某某市财政局', committeeKind: 'committee', committeeName: '中共某某市财政局机关委员会', superiorName: '中共某某市直属机关工作委员会', branches: ['办公室党支部'] });
  const ids: Record<string, number> = {};
  for (const [i, m] of MEMBERS.entries()) {
    const added = (await api(app, 'roster.add', {
      fields: { name: m.name, citizenId: citizenId(m.birth, i + 1, m.male), branchId: 2, admittedOn: '2015-07-01', fullMembershipOn: '2016-07-01', employmentCategory: m.category },
    })) as { id: number };
    ids[m.name] = added.id;
  }
  const bases: Record<string, number> = { 张三: 630_000, 李四: 500_001, 赵六: 480_000, 钱七: 1_150_000, 孙八: 300_000 };
  // Earlier years (when the nine months before today reach back into one) were assessed before.
  for (let year = firstYear; year < thisYear; year++) {
    await api(app, 'dues.assess', { year });
    for (const [name, baseFen] of Object.entries(bases)) await api(app, 'dues.setTerms', { year, memberId: ids[name], terms: { category: name === '李四' ? 'retired' : 'employed', baseFen } });
    await api(app, 'dues.lock', { year });
  }

  await page.goto(app.url);
  await page.getByRole('link', { name: /党费/ }).click();
  await expect(page.getByText(`${thisYear}年度党费尚未核定`)).toBeVisible();
  await app.shot(page, '20-dues-empty');

  // 年度核定: generate, type the bases, see the working, lock.
  await page.getByRole('button', { name: `生成${thisYear}年度党费核定表` }).click();
  const table = page.getByRole('table', { name: '党费核定表' });
  await expect(table.getByRole('row', { name: '张三' })).toBeVisible();
  await table.getByRole('row', { name: '张三' }).getByRole('button', { name: '核定' }).click();
  const form = page.getByRole('dialog');
  await form.getByLabel(/月基数/).fill('6,300.00');
  await expect(form.getByLabel('计算过程')).toContainText('基数 6,300.00 元 × 1.5% = 94.50 元');
  await app.shot(page, '21-dues-terms');
  await form.getByRole('button', { name: '保存核定' }).click();
  await expect(table.getByRole('row', { name: '张三' })).toContainText('94.50');
  await table.getByRole('row', { name: '李四' }).getByRole('button', { name: '核定' }).click();
  await page.getByRole('dialog').getByLabel(/月基数/).fill('5000.01');
  await expect(page.getByRole('dialog').getByLabel('计算过程')).toContainText('基数 5,000.01 元 × 1% = 50.0001 元，四舍五入到分为 50.00 元');
  await page.getByRole('dialog').getByRole('button', { name: '保存核定' }).click();
  await expect(table.getByRole('row', { name: '李四' })).toContainText('50.00');
  for (const name of ['赵六', '钱七', '孙八']) await api(app, 'dues.setTerms', { year: thisYear, memberId: ids[name], terms: { category: 'employed', baseFen: bases[name] } });
  await page.reload();
  await expect(page.getByText('待补全').locator('..')).toContainText('0 人');
  await app.shot(page, '22-dues-assessment');
  await page.getByRole('button', { name: `锁定${thisYear}年度核定` }).click();
  await page.getByRole('dialog').getByRole('button', { name: '锁定' }).click();
  await expect(page.getByText('已锁定', { exact: true })).toBeVisible();
  await expect(table.getByRole('row', { name: '张三' }).getByRole('button', { name: '调整' })).toBeVisible();

  // What was paid before the three months collected here: everyone but 孙八, 赵六 only up to six months ago.
  const history = monthRange(`${firstYear}-01`, addMonthsTo(thisMonth, -4));
  const entries = history.flatMap((month) =>
    ['张三', '李四', '王五', '钱七', '赵六']
      .filter((name) => name !== '赵六' || month <= addMonthsTo(thisMonth, -6))
      .map((name) => ({ memberId: ids[name], month, paidFen: name === '王五' ? 20 : name === '李四' ? 5_000 : name === '张三' ? 9_450 : name === '赵六' ? 4_800 : 23_000 })),
  );
  if (entries.length) await api(app, 'dues.recordPayments', { paidOn: today, acknowledge: true, entries });

  // 收缴登记: three months, the whole branch at once, then the exceptions.
  await page.getByRole('tab', { name: '收缴登记' }).click();
  const register = page.getByRole('table', { name: '收缴登记' });
  const unpaid: Record<string, string[]> = {
    [collected[0]!]: ['钱七', '赵六', '孙八'],
    [collected[1]!]: ['钱七', '赵六', '孙八'],
    [collected[2]!]: ['钱七', '赵六', '孙八', '李四'],
  };
  for (const [i, month] of collected.entries()) {
    await page.getByRole('combobox', { name: '月份' }).click();
    await page.getByRole('option', { name: monthLabel(month), exact: true }).click();
    await expect(register.getByRole('row', { name: '张三' })).toBeVisible();
    for (const name of unpaid[month]!) await register.getByLabel(`${name}已交`).uncheck();
    if (i === 0) await register.getByLabel('李四代交人').fill('李小四（女儿）');
    if (i === 1) {
      await register.getByLabel('王五实交').fill('1.00');
      await register.getByLabel('王五原因').fill('本人自愿按每月1元交纳');
      await page.getByLabel('起始收据号').fill(`${month.replace('-', '')}01`);
      await page.getByRole('button', { name: '依次编号' }).click();
      // In roster order (by pinyin): 李四, 王五, 张三.
      await expect(register.getByLabel('张三收据号')).toHaveValue(`${month.replace('-', '')}03`);
      await app.shot(page, '23-dues-collection-exceptions');
    }
    const save = page.getByRole('button', { name: new RegExp(`^登记 \\d+ 人已交纳${monthLabel(month)}党费$`) });
    await save.click();
    await expect(page.getByLabel('本月收缴情况')).toContainText(`未交${unpaid[month]!.length} 人`);
  }
  await expect(register.getByRole('row', { name: '张三' }).getByLabel('已交')).toBeVisible();
  await app.shot(page, '24-dues-collection-saved');

  // 工作台: warnings at 3 and 5 months, and a case for the branch at 6.
  await page.getByRole('link', { name: /工作台/ }).click();
  const reminders = page.getByLabel('提醒列表');
  await expect(reminders.getByText('连续欠交党费3个月以上')).toBeVisible();
  await expect(reminders.getByText('连续欠交党费5个月')).toBeVisible();
  await expect(reminders.getByText('连续欠交党费6个月，待支部研究')).toBeVisible();
  await expect(reminders).toContainText('钱七已连续 3 个月未交纳党费');
  await expect(reminders).toContainText('赵六已连续 5 个月未交纳党费');
  await expect(reminders).toContainText('孙八已连续');
  await expect(reminders).toContainText('程序不会自动处理');
  await app.shot(page, '25-dues-reminders');

  // The case opens the member's dues; the arrears list shows every run.
  await reminders.getByText('连续欠交党费6个月，待支部研究').click();
  await expect(page.getByRole('heading', { name: '孙八' })).toBeVisible();
  await expect(page.getByLabel(`${thisYear}年各月交纳情况`)).toBeVisible();
  await app.shot(page, '26-dues-member');
  await page.getByRole('button', { name: '返回党费' }).click();
  await page.getByRole('tab', { name: '欠交' }).click();
  const arrears = page.getByRole('table', { name: '欠交党费' });
  await expect(arrears.getByRole('row', { name: '钱七' })).toContainText('3 个月');
  await expect(arrears.getByRole('row', { name: '赵六' })).toContainText('5 个月');
  await expect(arrears.getByRole('row', { name: '孙八' })).toContainText('满6个月');
  await expect(arrears.getByRole('row', { name: '李四' })).toContainText('1 个月');
  await app.shot(page, '27-dues-arrears');

  // Print the register of the last month collected, as PDF and as Excel.
  await page.getByRole('tab', { name: '收缴登记' }).click();
  await page.getByRole('button', { name: '打印收缴登记表' }).click();
  const pdfDownload = page.waitForEvent('download');
  await page.getByRole('menuitem', { name: '保存为 PDF（打印用）' }).click();
  const pdf = await pdfDownload;
  expect(pdf.suggestedFilename()).toBe(`办公室党支部${monthLabel(collected[2]!)}党费收缴登记表.pdf`);
  const pdfFile = path.join(SCREENSHOT_DIR, '28-dues-register.pdf');
  await pdf.saveAs(pdfFile);
  const text = execFileSync('pdftotext', ['-layout', pdfFile, '-'], { encoding: 'utf8' });
  expect(text).toContain('办公室党支部党费收缴登记表');
  expect(text).toContain(`所属月份：${monthLabel(collected[2]!)}`);
  expect(text).toContain('本人签字');
  expect(text).toContain('张三');
  expect(text).toContain('94.50');
  execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', pdfFile, path.join(SCREENSHOT_DIR, '28-dues-register')]);
  expect(fs.readdirSync(SCREENSHOT_DIR).some((f) => f.startsWith('28-dues-register') && f.endsWith('.png'))).toBe(true);

  await page.getByRole('button', { name: '打印收缴登记表' }).click();
  const xlsxDownload = page.waitForEvent('download');
  await page.getByRole('menuitem', { name: '导出 Excel' }).click();
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile((await (await xlsxDownload).path())!);
  const sheet = book.worksheets[0]!;
  const zhang = [4, 5, 6, 7, 8, 9].map((r) => sheet.getRow(r)).find((r) => r.getCell(2).value === '张三')!;
  expect(zhang.getCell(3).value).toBe(94.5);
});
