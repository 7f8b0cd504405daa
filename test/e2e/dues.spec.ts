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

test('assess a year, collect three months with exceptions, see arrears warnings, print the register', async ({
  page,
  app,
}) => {
  test.setTimeout(180_000);
  await api(app, 'organ.setup', {
    organName: '某某市财政局',
    committeeKind: 'committee',
    committeeName: '中共某某市财政局机关委员会',
    superiorName: '中共某某市直属机关工作委员会',
    branches: ['办公室党支部'],
  });
  const ids: Record<string, number> = {};
  for (const [i, m] of MEMBERS.entries()) {
    const added = (await api(app, 'roster.add', {
      fields: {
        name: m.name,
        citizenId: citizenId(m.birth, i + 1, m.male),
        branchId: 2,
        admittedOn: '2015-07-01',
        fullMembershipOn: '2016-07-01',
        employmentCategory: m.category,
      },
    })) as { id: number };
    ids[m.name] = added.id;
  }
  const bases: Record<string, number> = { 张三: 630_000, 李四: 500_001, 赵六: 480_000, 钱七: 1_150_000, 孙八: 300_000 };
  // Earlier years (when the nine months before today reach back into one) were assessed before.
  for (let year = firstYear; year < thisYear; year++) {
    await api(app, 'dues.assess', { year });
    for (const [name, baseFen] of Object.entries(bases))
      await api(app, 'dues.setTerms', {
        year,
        memberId: ids[name],
        terms: { category: name === '李四' ? 'retired' : 'employed', baseFen },
      });
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
  await page
    .getByRole('dialog')
    .getByLabel(/月基数/)
    .fill('5000.01');
  await expect(page.getByRole('dialog').getByLabel('计算过程')).toContainText(
    '基数 5,000.01 元 × 1% = 50.0001 元，四舍五入到分为 50.00 元',
  );
  await page.getByRole('dialog').getByRole('button', { name: '保存核定' }).click();
  await expect(table.getByRole('row', { name: '李四' })).toContainText('50.00');
  for (const name of ['赵六', '钱七', '孙八'])
    await api(app, 'dues.setTerms', {
      year: thisYear,
      memberId: ids[name],
      terms: { category: 'employed', baseFen: bases[name] },
    });
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
      .map((name) => ({
        memberId: ids[name],
        month,
        paidFen:
          name === '王五' ? 20 : name === '李四' ? 5_000 : name === '张三' ? 9_450 : name === '赵六' ? 4_800 : 23_000,
      })),
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
    await expect(page.getByRole('button', { name: new RegExp(`已交纳${monthLabel(month)}党费$`) })).toBeVisible();
    await expect(register.getByRole('row', { name: '张三' })).toBeVisible();
    for (const name of unpaid[month]!) await register.getByLabel(`${name}已交`).uncheck();
    if (i === 0) await register.getByLabel('李四代交人').fill('李小四（女儿）');
    if (i === 1) {
      await register.getByLabel('王五实交').fill('1.00');
      await register.getByLabel('王五原因').fill('本人自愿按每月1元交纳');
      // A typed starting number numbers the ticked rows at once, in the order shown (by pinyin): 李四, 王五, 张三.
      const start = `${month.replace('-', '')}01`;
      await page.getByLabel('起始收据号').fill(start);
      await expect(register.getByLabel('李四收据号')).toHaveValue(start);
      await expect(register.getByLabel('张三收据号')).toHaveValue(`${month.replace('-', '')}03`);
      await expect(page.getByText(`收据号按表中顺序依次编为 ${start}—${month.replace('-', '')}03`)).toBeVisible();
      await expect(register.getByRole('row', { name: '孙八' })).toContainText(/欠\d+个月/);
      await app.shot(page, '23-dues-collection-exceptions');
    }
    const save = page.getByRole('button', { name: new RegExp(`^登记 \\d+ 人已交纳${monthLabel(month)}党费$`) });
    await save.click();
    await expect(page.getByLabel('本月收缴情况')).toContainText(`未交${unpaid[month]!.length} 人`);
    // The numbers shown are the numbers saved.
    if (i === 1) await expect(register.getByRole('row', { name: '张三' })).toContainText(`${month.replace('-', '')}03`);
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

  // 孙八 pays last month after all: the month is paid, but the months before it are not, so the tag
  // now reads 另欠 (a later payment does not pay the earlier run).
  await page.getByRole('tab', { name: '收缴登记' }).click();
  await expect(register.getByRole('row', { name: '孙八' })).toContainText(/欠\d+个月/);
  await register.getByLabel('孙八已交').check();
  await page.getByRole('button', { name: `登记 1 人已交纳${monthLabel(collected[2]!)}党费` }).click();
  await expect(register.getByRole('row', { name: '孙八' }).getByLabel('已交')).toBeVisible();
  await expect(register.getByRole('row', { name: '孙八' })).toContainText(/另欠\d+个月/);

  // Print the register of the last month collected, as PDF and as Excel.
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
  execFileSync('pdftoppm', [
    '-png',
    '-r',
    '60',
    '-f',
    '1',
    '-l',
    '1',
    pdfFile,
    path.join(SCREENSHOT_DIR, '28-dues-register'),
  ]);
  expect(fs.readdirSync(SCREENSHOT_DIR).some((f) => f.startsWith('28-dues-register') && f.endsWith('.png'))).toBe(true);

  await page.getByRole('button', { name: '打印收缴登记表' }).click();
  const xlsxDownload = page.waitForEvent('download');
  await page.getByRole('menuitem', { name: '导出 Excel' }).click();
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile((await (await xlsxDownload).path())!);
  const sheet = book.worksheets[0]!;
  const zhang = [4, 5, 6, 7, 8, 9].map((r) => sheet.getRow(r)).find((r) => r.getCell(2).value === '张三')!;
  expect(zhang.getCell(3).value).toBe(94.5);

  // The 操作记录 words the dues work as the office does: whose payment, which month, 元.
  await page.getByRole('link', { name: /操作记录/ }).click();
  const log = page.getByRole('table', { name: '操作记录' });
  await expect(log.getByText(`张三 ${monthLabel(collected[2]!)}党费 实交 94.50 元`)).toBeVisible();
  await expect(log.getByRole('cell', { name: '党费：收缴登记' }).first()).toBeVisible();
  await expect(log.getByText(/dues_|_fen|employed/)).toHaveCount(0);
  await app.shot(page, '29-dues-audit');
});

/** A payroll as finance exports it: a title, 应发/扣款 groups over the items, a non-member, a total row. */
async function payrollWorkbook(ids: string[]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('工资表');
  sheet.addRow(['某某市财政局工资发放表']);
  sheet.mergeCells('A1:I1');
  sheet.addRow(['序号', '姓名', '身份证号', '应发项目', null, null, '扣款项目', null, '实发']);
  sheet.addRow([null, null, null, '职务工资', '级别工资', '津贴补贴', '个人所得税', '住房公积金', null]);
  for (const col of ['A', 'B', 'C', 'I']) sheet.mergeCells(`${col}2:${col}3`);
  sheet.mergeCells('D2:F2');
  sheet.mergeCells('G2:H2');
  sheet.addRow([1, '张三', ids[0], 2100, 1800, 3000, 100, 500, 6300]);
  sheet.addRow([2, '非党员', citizenId('19900909', 9, true), 2000, 1500, 2500, 50, 400, 5550]);
  sheet.addRow([3, '赵六', ids[1], 2500, 2000, 3500, 150, 350, 7500]);
  sheet.addRow(['合计', null, null, 6600, 5300, 9000, 300, 1250, 19350]);
  return Buffer.from(await book.xlsx.writeBuffer());
}

test('payroll bases, large voluntary dues remitted whole, spending by collective decision, settings', async ({
  page,
  app,
}) => {
  test.setTimeout(180_000);
  await api(app, 'organ.setup', {
    organName: '某某市财政局',
    committeeKind: 'committee',
    committeeName: '中共某某市财政局机关委员会',
    superiorName: '中共某某市直属机关工作委员会',
    branches: ['办公室党支部'],
  });
  const zhang = (await api(app, 'roster.add', {
    fields: {
      name: '张三',
      citizenId: citizenId('19850312', 1, true),
      branchId: 2,
      admittedOn: '2015-07-01',
      fullMembershipOn: '2016-07-01',
    },
  })) as { id: number; citizenId: string };
  const zhao = (await api(app, 'roster.add', {
    fields: {
      name: '赵六',
      citizenId: citizenId('19900202', 4, false),
      branchId: 2,
      admittedOn: '2015-07-01',
      fullMembershipOn: '2016-07-01',
    },
  })) as { id: number; citizenId: string };
  await api(app, 'dues.assess', { year: thisYear });
  for (const m of [zhang, zhao])
    await api(app, 'dues.setTerms', {
      year: thisYear,
      memberId: m.id,
      terms: { category: 'employed', baseFen: 630_000 },
    });
  await api(app, 'dues.lock', { year: thisYear });
  await api(app, 'dues.recordPayments', {
    paidOn: today,
    acknowledge: true,
    entries: monthRange(`${thisYear}-01`, thisMonth).map((month) => ({ memberId: zhang.id, month, paidFen: 9_450 })),
  });

  await page.goto(app.url);
  await page.getByRole('link', { name: /党费/ }).click();

  // Next year's bases from the payroll.
  await page.getByRole('combobox', { name: '年度' }).click();
  await page.getByRole('option', { name: `${thisYear + 1}年度` }).click();
  await page.getByRole('button', { name: `生成${thisYear + 1}年度党费核定表` }).click();
  await expect(page.getByRole('table', { name: '党费核定表' }).getByRole('row', { name: '张三' })).toContainText(
    '沿用上年',
  );
  await page.getByRole('button', { name: '从工资表导入基数' }).click();
  const wizard = page.getByRole('dialog');
  await wizard.locator('input[type=file]').setInputFiles({
    name: '工资表.xlsx',
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer: await payrollWorkbook([zhang.citizenId, zhao.citizenId]),
  });
  const rows = wizard.getByRole('table', { name: '导入的基数' });
  await expect(rows).toContainText(
    '职务工资 2,100.00 + 级别工资 1,800.00 + 津贴补贴 3,000.00 − 个人所得税 100.00 − 住房公积金 500.00 = 6,300.00',
  );
  await expect(rows).toContainText('7,500.00');
  await expect(rows).not.toContainText('非党员');
  await app.shot(page, '30-dues-payroll-preview');
  await wizard.getByRole('button', { name: '导入 2 人的基数' }).click();
  await expect(wizard.getByText('更新了 2 名党员的基数')).toBeVisible();
  await wizard.getByRole('button', { name: '完成' }).click();
  await expect(page.getByRole('table', { name: '党费核定表' }).getByRole('row', { name: '赵六' })).toContainText(
    '112.50',
  );

  // A one-off 1,000 元: 大额党费, remitted whole.
  await page.getByRole('combobox', { name: '年度' }).click();
  await page.getByRole('option', { name: `${thisYear}年度` }).click();
  await page.getByRole('tab', { name: '自愿多交与大额党费' }).click();
  await page.getByRole('button', { name: '登记自愿多交' }).click();
  const voluntary = page.getByRole('dialog');
  await voluntary.getByLabel('党员').fill('张');
  await page.getByRole('option', { name: /张三/ }).click();
  await voluntary.getByLabel('金额').fill('1000');
  await expect(voluntary.getByText('属于大额党费，应全额上缴中央')).toBeVisible();
  await expect(voluntary.getByText(/恰为1000元/)).toBeVisible();
  await voluntary
    .getByLabel('党员简要情况')
    .fill('张三，男，1985年3月生，2015年7月入党，办公室科员。自愿交纳大额党费。');
  await voluntary.getByRole('button', { name: '登记' }).click();
  const list = page.getByRole('table', { name: '自愿多交党费' });
  await expect(list).toContainText('待上缴中央');
  await list.getByLabel('选择张三的大额党费').check();
  await page.getByRole('button', { name: '上缴所选大额党费（1）' }).click();
  const remit = page.getByRole('dialog');
  await expect(remit.getByLabel('接收单位')).toHaveValue('中共某某市直属机关工作委员会');
  await remit.getByLabel('收据或文号').fill('大额-001');
  await remit.getByRole('button', { name: '登记' }).click();
  await expect(list).toContainText('上缴（大额-001）');
  await app.shot(page, '31-dues-voluntary');

  // Spending needs the collective decision, and stays within the balance.
  await page.getByRole('tab', { name: '上缴、使用与结存' }).click();
  await page.getByRole('button', { name: '登记支出' }).click();
  const spend = page.getByRole('dialog');
  await spend.getByLabel('用途').click();
  await page.getByRole('option', { name: /订阅或购买/ }).click();
  await spend.getByLabel('金额').fill('50');
  await spend.getByLabel('摘要').fill('订阅《共产党员》杂志');
  await spend.getByRole('button', { name: '登记' }).click();
  await expect(spend.getByText(/须经集体研究决定|请填写研究的会议/)).toBeVisible();
  await spend.getByLabel('集体研究的会议').fill('机关党委会议');
  await spend.getByLabel('研究日期').fill(today);
  await spend.getByLabel('研究日期').blur();
  await spend.getByRole('button', { name: '登记' }).click();
  const movements = page.getByRole('table', { name: '党费收支明细' });
  await expect(movements).toContainText('支出：党员教育资料设备——订阅《共产党员》杂志');
  await expect(movements).toContainText('上缴大额党费至中共某某市直属机关工作委员会');
  await app.shot(page, '32-dues-funds');

  await page.getByRole('tab', { name: '报表' }).click();
  await expect(page.getByText('党费收缴台账')).toBeVisible();
  await app.shot(page, '33-dues-reports');

  await page.getByRole('tab', { name: '设置' }).click();
  await page.getByText('到角', { exact: true }).click();
  await page.getByRole('button', { name: '保存设置' }).click();
  await expect(page.getByText('党费设置已保存')).toBeVisible();
  await app.shot(page, '34-dues-settings');
});

test('a new rule set from next January: preview at the boundaries, refused out of order, saved, followed by next year’s draft, removed', async ({
  page,
  app,
}) => {
  test.setTimeout(180_000);
  await api(app, 'organ.setup', {
    organName: '某某市财政局',
    committeeKind: 'committee',
    committeeName: '中共某某市财政局机关委员会',
    superiorName: '中共某某市直属机关工作委员会',
    branches: ['办公室党支部'],
  });
  const zhang = (await api(app, 'roster.add', {
    fields: {
      name: '张三',
      citizenId: citizenId('19850312', 1, true),
      branchId: 2,
      admittedOn: '2015-07-01',
      fullMembershipOn: '2016-07-01',
    },
  })) as { id: number };
  // This year is locked under the shipped rules; next year is a draft.
  for (const year of [thisYear, thisYear + 1]) {
    await api(app, 'dues.assess', { year });
    await api(app, 'dues.setTerms', { year, memberId: zhang.id, terms: { category: 'employed', baseFen: 400_000 } });
  }
  await api(app, 'dues.lock', { year: thisYear });

  await page.goto(app.url);
  await page.getByRole('link', { name: /党费/ }).click();
  await page.getByRole('tab', { name: '设置' }).click();
  const sets = page.getByRole('table', { name: '党费标准' });
  await expect(sets).toContainText('2017年规范党费工作通知');
  await expect(sets).toContainText('内置');

  await page.getByRole('button', { name: '新增党费标准' }).click();
  const form = page.getByRole('dialog');
  await expect(form.getByLabel('起始月份')).toHaveValue(`${thisYear + 1}年1月`);
  await form.getByLabel('标准名称').fill('新调整的党费标准');
  await form.getByLabel('依据文件').fill('中组部关于调整党费交纳标准的通知（测试用）');
  await form.getByLabel('在职党员（含年薪制、个体）第1档上限').fill('4000');
  const comparison = form.getByRole('table', { name: '新旧标准对比' });
  // 4,000.00 is the new boundary: it stays in the lower bracket (0.5 %), the 分 above it goes up to 1 %.
  await expect(comparison.getByRole('row', { name: /在职\s+4,000\.00\s+1%\s+40\.00\s+0\.5%\s+20\.00/ })).toBeVisible();
  await expect(comparison.getByRole('row', { name: /在职\s+4,000\.01\s+1%\s+40\.00\s+1%\s+40\.00/ })).toBeVisible();
  await expect(
    form.getByText(`未锁定的核定中有 1 条在${thisYear + 1}年1月以后，保存后按新标准重新计算，其中 1 条金额改变。`),
  ).toBeVisible();

  // Out of order: said in Chinese, and nothing can be saved.
  await form.getByLabel('在职党员（含年薪制、个体）第2档上限').fill('3500');
  await expect(form.getByRole('alert')).toContainText(
    '在职党员各档上限应从低到高排列：第2档上限 3,500.00 元不高于第1档上限 4,000.00 元',
  );
  await expect(form.getByRole('button', { name: '保存新标准' })).toBeDisabled();
  await form.getByLabel('在职党员（含年薪制、个体）第2档上限').fill('5000');
  await expect(form.getByRole('alert')).toHaveCount(0);
  await page.mouse.move(0, 0);
  await app.shot(page, '35-dues-rule-set-form');
  await comparison.getByRole('row', { name: /在职\s+4,000\.01/ }).scrollIntoViewIfNeeded();
  await app.shot(page, '36-dues-rule-set-preview');
  await form.getByRole('button', { name: '保存新标准' }).click();
  await expect(page.getByText('已新增“新调整的党费标准”')).toBeVisible();
  await expect(sets.getByRole('row', { name: /新调整的党费标准/ })).toContainText('本机关新增');
  await expect(sets.getByRole('row', { name: /新调整的党费标准/ })).toContainText(
    '4000元及以下0.5%、4000元以上至5000元1%',
  );
  await app.shot(page, '37-dues-rule-sets');

  // Next year's draft follows it, and its working names it; this year's locked row keeps the shipped rule.
  await page.getByRole('tab', { name: '年度核定' }).click();
  await page.getByRole('combobox', { name: '年度' }).click();
  await page.getByRole('option', { name: `${thisYear + 1}年度` }).click();
  const nextYear = page.getByRole('table', { name: '党费核定表' }).getByRole('row', { name: '张三' });
  await expect(nextYear).toContainText('20.00');
  await expect(nextYear).toContainText(
    `按新调整的党费标准（${thisYear + 1}年1月起），基数 4,000.00 元 × 0.5% = 20.00 元`,
  );
  await page.getByRole('combobox', { name: '年度' }).click();
  await page.getByRole('option', { name: `${thisYear}年度` }).click();
  await expect(page.getByRole('table', { name: '党费核定表' }).getByRole('row', { name: '张三' })).toContainText(
    '40.00',
  );

  // Only a draft uses it: it can be removed, with a reason, and the draft goes back.
  await page.getByRole('tab', { name: '设置' }).click();
  await page.getByRole('button', { name: '删除新调整的党费标准' }).click();
  const remove = page.getByRole('dialog');
  await expect(remove).toContainText('目前有 1 条未锁定的核定按它计算，删除后重新计算。');
  await remove.getByLabel('删除原因').fill('起始月份定错了');
  await remove.getByRole('button', { name: '删除' }).click();
  await expect(sets).not.toContainText('新调整的党费标准');
  await app.shot(page, '38-dues-rule-set-removed');
  const after = (await api(app, 'dues.assessment', { year: thisYear + 1 })) as {
    rows: { current: { amountFen: number; ruleSetId: string } }[];
  };
  expect(after.rows[0]!.current).toMatchObject({ amountFen: 4_000, ruleSetId: '2017' });
});

test('an office starting mid-year sets 启用月份 and one member behind at takeover: only that member is in arrears', async ({
  page,
  app,
}) => {
  test.skip(thisMonth.endsWith('-01'), 'a year assessed in January starts with the app');
  test.setTimeout(120_000);
  await api(app, 'organ.setup', {
    organName: '某某市财政局',
    committeeKind: 'committee',
    committeeName: '中共某某市财政局机关委员会',
    superiorName: '中共某某市直属机关工作委员会',
    branches: ['办公室党支部'],
  });
  const ids: Record<string, number> = {};
  for (const [i, m] of MEMBERS.slice(0, 3).entries()) {
    const added = (await api(app, 'roster.add', {
      fields: {
        name: m.name,
        citizenId: citizenId(m.birth, i + 1, m.male),
        branchId: 2,
        admittedOn: '2015-07-01',
        fullMembershipOn: '2016-07-01',
        employmentCategory: m.category,
      },
    })) as { id: number };
    ids[m.name] = added.id;
  }
  await page.goto(app.url);
  await page.getByRole('link', { name: /党费/ }).click();
  await page.getByRole('button', { name: `生成${thisYear}年度党费核定表` }).click();
  // The click's request must have made the year before the API sets terms in it.
  await expect(page.getByRole('table', { name: '党费核定表' }).getByRole('row', { name: '张三' })).toBeVisible();
  await api(app, 'dues.setTerms', {
    year: thisYear,
    memberId: ids['张三'],
    terms: { category: 'employed', baseFen: 630_000 },
  });
  await api(app, 'dues.setTerms', {
    year: thisYear,
    memberId: ids['李四'],
    terms: { category: 'retired', baseFen: 500_001 },
  });
  await api(app, 'dues.lock', { year: thisYear });

  // The first year assessed from January, in a later month: the screen offers 启用月份, this month by default.
  await page.reload();
  const offer = page.getByRole('alert').filter({ hasText: '年中开始使用本程序' });
  await expect(offer).toContainText('年中开始使用本程序');
  await expect(offer.getByRole('combobox', { name: '启用月份' })).toHaveValue(monthLabel(thisMonth));
  await expect(offer).toContainText(`即本机关党费已交至${monthLabel(addMonthsTo(thisMonth, -1))}`);
  await app.shot(page, '39-dues-opening-offer');
  await offer.getByRole('button', { name: '设置启用月份' }).click();
  await expect(offer).toBeHidden();

  // 张三 really was behind at takeover: paid only up to four months ago.
  await page.getByRole('tab', { name: '设置' }).click();
  await expect(
    page.getByText(`没有例外：全体党员按党费已交至${monthLabel(addMonthsTo(thisMonth, -1))}对待`),
  ).toBeVisible();
  const form = page.getByRole('form', { name: '登记启用时欠交的党员' });
  await form.getByRole('combobox', { name: '党员' }).fill('张三');
  await page.getByRole('option', { name: /张三/ }).click();
  await form.getByRole('combobox', { name: '党费已交至' }).click();
  await page.getByRole('option', { name: monthLabel(addMonthsTo(thisMonth, -4)), exact: true }).click();
  await form.getByRole('textbox', { name: '说明' }).fill('据纸质台账');
  await form.getByRole('button', { name: '登记例外' }).click();
  const exceptions = page.getByRole('table', { name: '启用时欠交的党员' });
  await expect(exceptions.getByRole('row', { name: '张三' })).toContainText(monthLabel(addMonthsTo(thisMonth, -4)));
  await app.shot(page, '40-dues-opening-settings');

  // 工作台: only 张三, three months from the month after his own; nobody else.
  await page.getByRole('link', { name: /工作台/ }).click();
  const reminders = page.getByLabel('提醒列表');
  await expect(reminders).toContainText('张三已连续 3 个月未交纳党费');
  await expect(reminders).not.toContainText('李四已连续');
  await expect(reminders.getByText('连续欠交党费6个月，待支部研究')).toHaveCount(0);

  // The 欠交 list names 张三 alone; 李四's months before 启用月份 read 启用前.
  await page.getByRole('link', { name: /党费/ }).click();
  await page.getByRole('tab', { name: '欠交' }).click();
  const arrears = page.getByRole('table', { name: '欠交党费' });
  await expect(arrears.getByRole('row', { name: '张三' })).toContainText('3 个月');
  await expect(arrears.getByRole('row', { name: '李四' })).toHaveCount(0);
  await page.getByRole('tab', { name: '收缴登记' }).click();
  await expect(page.getByRole('table', { name: '收缴登记' }).getByRole('row', { name: '张三' })).toContainText(
    '欠3个月',
  );
  await page.getByRole('table', { name: '收缴登记' }).getByRole('button', { name: '李四' }).click();
  const months = page.getByLabel(`${thisYear}年各月交纳情况`);
  await expect(months.getByText('启用前')).toHaveCount(Number(thisMonth.slice(5)) - 1);
  await expect(months.getByText('欠交')).toHaveCount(0);
  await app.shot(page, '41-dues-opening-member');
});
