import { addDays, addYears, formatChineseDate, localToday } from '../../src/shared/dates';
import { checkCharacter } from '../../src/shared/members/citizen-id';
import { expect, test, type WebApp } from './fixtures';

/*
 * The rules of issue 15 as a clerk meets them: what 工作台 raises, what the member's page says,
 * and where each rule comes from. Dates are relative to the real today (the browser-mode server
 * keeps the machine's clock).
 */

const today = localToday();

function citizenId(birth: string, serial: number, male: boolean): string {
  const first17 = `110101${birth}${String(serial * 2 + (male ? 1 : 0)).padStart(3, '0')}`;
  return first17 + checkCharacter(first17);
}

async function office(app: WebApp, branches = ['办公室党支部']): Promise<void> {
  await app.api('organ.setup', {
    organName: '某某市财政局',
    committeeKind: 'committee',
    committeeName: '中共某某市财政局机关委员会',
    superiorName: '中共某某市直属机关工作委员会',
    branches,
  });
}

async function member(app: WebApp, name: string, serial: number, fields: Record<string, unknown> = {}) {
  return (await app.api('roster.add', {
    fields: {
      name,
      citizenId: citizenId('19800101', serial, serial % 2 === 1),
      branchId: 2,
      admittedOn: '2005-07-01',
      fullMembershipOn: '2006-07-01',
      ...fields,
    },
  })) as { id: number };
}

test('停止党籍 two years ago with no contact: 工作台 raises it with the rule, the member’s page says so, nothing changes', async ({
  page,
  app,
}) => {
  await office(app);
  const suspendedOn = addDays(addYears(today, -2), -3);
  const m = await member(app, '周九', 1, { lostContactSince: addYears(suspendedOn, -1) });
  await app.api('roster.recordEvent', {
    memberId: m.id,
    event: { kind: 'suspended', on: suspendedOn, note: '失去联系6个月以上，经多方查找仍无音讯' },
  });
  await page.goto(app.url);
  const reminders = page.getByLabel('提醒列表');
  await expect(reminders.getByText('停止党籍满2年')).toBeVisible();
  await expect(reminders).toContainText('《中国共产党党员教育管理工作条例》第二十四条');
  await reminders.getByText('停止党籍满2年').click();
  await expect(page.getByRole('heading', { name: '周九' })).toBeVisible();
  const notice = page.getByRole('alert').filter({ hasText: '停止党籍已满2年' });
  await expect(notice).toContainText('按照自行脱党予以除名');
  await expect(notice).toContainText('程序不会自动处理');
  // Still 停止党籍: the app changed nothing.
  await expect(page.locator('.mantine-Badge-label').getByText('停止党籍', { exact: true })).toBeVisible();
  await app.shot(page, '60-rules-suspended-two-years');
});

test('branch size and shape: 工作台 warns, 组织设置 shows the counts and the rule, and nothing is refused', async ({
  page,
  app,
}) => {
  await office(app, ['办公室党支部', '业务一处党支部']);
  // 办公室党支部: two 正式党员 and a 预备党员. 业务一处党支部: seven 正式党员, a 书记 only.
  await member(app, '张三', 1);
  await member(app, '李四', 2);
  await member(app, '王五', 3, { admittedOn: addDays(today, -60), fullMembershipOn: null });
  for (let i = 0; i < 7; i++) await member(app, `业务${'一二三四五六七'[i]}`, 10 + i, { branchId: 3 });
  await app.api('org.addPost', { unitId: 3, post: 'secretary', holderName: '业务一' });
  await page.goto(app.url);
  const reminders = page.getByLabel('提醒列表');
  await expect(reminders.getByText('党支部设置提示')).toHaveCount(2);
  await expect(reminders).toContainText('办公室党支部：正式党员只有2人，不足3人');
  await expect(reminders).toContainText('业务一处党支部：正式党员7人（7人以上），应设立支部委员会');

  await page.getByRole('link', { name: /组织设置/ }).click();
  const tree = page.getByRole('tree', { name: '组织架构' });
  await tree.getByRole('treeitem', { name: /业务一处党支部/ }).click();
  await expect(page.getByText('7人（正式党员7人）')).toBeVisible();
  const hint = page.getByLabel('设置提示');
  await expect(hint).toContainText('目前只登记了1名支委');
  await expect(hint).toContainText('《党和国家机关基层组织工作条例》');
  await app.shot(page, '61-rules-branch-shape');
});

test('奖惩: a 留党察看 registered on the member’s page takes away the vote for its period, with the rule on the page', async ({
  page,
  app,
}) => {
  await office(app);
  await member(app, '张三', 1);
  await page.goto(app.url);
  await page.getByRole('link', { name: /党员名册/ }).click();
  await page.getByRole('table', { name: '党员名册' }).getByRole('row', { name: '张三', exact: true }).click();
  const panel = page.getByLabel('奖惩情况');
  await expect(panel.getByLabel('党员权利')).toHaveText('有表决权、选举权和被选举权。');
  await panel.getByRole('button', { name: '登记奖惩…' }).click();
  const dialog = page.getByRole('dialog', { name: '张三：登记奖惩' });
  await dialog.getByRole('combobox', { name: '类别', exact: true }).click();
  await page.getByRole('option', { name: '留党察看' }).click();
  await dialog.getByText('二年', { exact: true }).click();
  await dialog.getByLabel('决定机关').fill('中共某某市财政局机关纪律检查委员会');
  await dialog.getByLabel('文号').fill('财机纪〔2026〕2号');
  await dialog.getByRole('button', { name: '登记', exact: true }).click();
  await expect(dialog).toBeHidden();
  const records = panel.getByRole('table', { name: '奖惩记录' });
  await expect(records).toContainText('留党察看二年');
  await expect(records).toContainText(`至${formatChineseDate(addYears(today, 2))}期满`);
  await expect(records).toContainText('财机纪〔2026〕2号');
  await expect(panel.getByLabel('党员权利')).toContainText('目前没有表决权、选举权和被选举权');
  await expect(panel.getByLabel('党员权利')).toContainText('党员在留党察看期间没有表决权、选举权和被选举权');
  await app.shot(page, '62-rules-decisions');
});

test('处室: kept in 组织设置, chosen on the member form, filtered in the roster beside the 党支部', async ({
  page,
  app,
}) => {
  await office(app);
  await member(app, '张三', 1);
  await member(app, '李四', 2);
  await page.goto(app.url);
  await page.getByRole('link', { name: /组织设置/ }).click();
  const card = page.getByLabel('处室', { exact: true });
  for (const name of ['办公室', '预算处']) {
    await card.getByLabel('处室名称').fill(name);
    await card.getByRole('button', { name: '新增处室' }).click();
    await expect(card.getByRole('table', { name: '处室名单' })).toContainText(name);
  }
  await page.getByRole('link', { name: /党员名册/ }).click();
  await page.getByRole('table', { name: '党员名册' }).getByRole('row', { name: '李四', exact: true }).click();
  await page.getByRole('button', { name: '修改信息' }).click();
  const form = page.getByRole('dialog');
  await form.getByRole('combobox', { name: '所在处室' }).click();
  await page.getByRole('option', { name: '预算处', exact: true }).click();
  await form.getByRole('button', { name: '保存', exact: true }).click();
  await expect(form).toBeHidden();
  await expect(page.getByLabel('党员信息')).toContainText('预算处');
  await page.getByRole('button', { name: '返回党员名册' }).click();
  await page.getByRole('button', { name: /筛选/ }).click();
  await page.getByLabel('筛选条件').getByLabel('所在处室').click();
  await page.getByRole('option', { name: '预算处', exact: true }).click();
  const table = page.getByRole('table', { name: '党员名册' });
  await expect(table.getByRole('row', { name: '李四', exact: true })).toBeVisible();
  await expect(table.getByRole('row', { name: '张三', exact: true })).toHaveCount(0);
  await app.shot(page, '63-rules-divisions');
});
