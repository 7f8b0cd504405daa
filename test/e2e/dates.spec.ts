import type { Locator, Page } from '@playwright/test';
import { checkCharacter } from '../../src/shared/members/citizen-id';
import { expect, test, type WebApp } from './fixtures';

/*
 * Issue 16 wrong result 1 and issue 12, as a clerk meets them: a pre-filled date is clicked and a
 * new one typed by keyboard; a date that is not one blocks the save; a member whose 入党日期 is
 * known only to the month is listed as 日期待补全 and completed by an ordinary edit.
 */

function citizenId(birth: string, serial: number, male: boolean): string {
  const first17 = `110101${birth}${String(serial * 2 + (male ? 1 : 0)).padStart(3, '0')}`;
  return first17 + checkCharacter(first17);
}

interface Member {
  id: number;
  name: string;
  admittedOn: string;
  status: string;
  monthOnlyDates: string[];
  lostContactSince: string | null;
  events: { kind: string; occurredOn: string }[];
}

async function firstRun(page: Page, app: WebApp): Promise<void> {
  await page.goto(app.url);
  const setup = page.getByRole('form', { name: '首次设置' });
  await setup.getByLabel('机关名称').fill('某某市财政局');
  await setup.getByLabel('党支部名称 1').fill('办公室党支部');
  await setup.getByLabel('设置密码，加密保存数据（推荐）').uncheck();
  await setup.getByRole('button', { name: '建立数据' }).click();
  await expect(page.getByRole('link', { name: /党员名册/ })).toBeVisible();
}

async function addMember(
  app: WebApp,
  name: string,
  serial: number,
  admittedOn: string,
  fullMembershipOn: string | null,
) {
  const branches = (await app.api('org.units', {})) as { id: number; kind: string }[];
  const branchId = branches.find((u) => u.kind === 'branch')!.id;
  return (await app.api('roster.add', {
    fields: { name, citizenId: citizenId('19850303', serial, true), branchId, admittedOn, fullMembershipOn },
  })) as Member;
}

/** The member page, as a reminder's link opens it (#/roster/ID). */
async function openMember(page: Page, id: number): Promise<void> {
  await page.evaluate((member) => {
    (globalThis as unknown as { location: { hash: string } }).location.hash = `#/roster/${member}`;
  }, id);
  await expect(page.getByRole('button', { name: '登记状态变动' })).toBeVisible();
}

/** Clicks into the field as a person does and types by keyboard, without clearing it first. */
async function clickAndType(field: Locator, text: string): Promise<void> {
  await field.click();
  await field.page().keyboard.type(text);
}

const today = new Date();
const todayShown = `${today.getFullYear()}年${today.getMonth() + 1}月${today.getDate()}日`;

test('typing into a pre-filled date replaces it, and a date in error blocks saving (转出, 回执, 自愿多交)', async ({
  page,
  app,
}) => {
  await firstRun(page, app);
  const zhang = await addMember(app, '张三', 1, '2010-07-01', '2011-07-01');
  const li = await addMember(app, '李四', 2, '2012-07-01', '2013-07-01');

  // 转出: 转出日期 is pre-filled with today; clicking and typing 2026-10-15 saves 2026-10-15.
  await openMember(page, zhang.id);
  await page.getByRole('button', { name: '登记状态变动' }).click();
  await page.getByRole('menuitem', { name: /组织关系转出/ }).click();
  const transfer = page.getByRole('dialog', { name: /组织关系转出/ });
  const transferDate = transfer.getByLabel('转出日期');
  await expect(transferDate).toHaveValue(todayShown);
  await clickAndType(transferDate, '2025-10-15');
  await expect(transferDate).toHaveValue('2025-10-15');
  await transfer.getByLabel('转往单位').fill('某某区税务局机关党委');
  await expect(transferDate).toHaveValue('2025年10月15日');
  await transfer.getByRole('button', { name: '登记', exact: true }).click();
  await expect(transfer).toBeHidden();
  const moved = (await app.api('roster.get', { id: zhang.id })) as Member;
  expect(moved.status).toBe('transferredOut');
  expect(moved.events.find((e) => e.kind === 'transferOut')?.occurredOn).toBe('2025-10-15');

  // 回执: typed after the pre-filled text (the caret put at its end) is still what was typed.
  await page.getByRole('button', { name: '登记回执收到' }).click();
  const receipt = page.getByRole('dialog', { name: '登记回执收到' });
  const receiptDate = receipt.getByLabel('回执收到日期');
  await receiptDate.click();
  await page.keyboard.press('End');
  await page.keyboard.type('2025-11-03');
  await receipt.getByRole('button', { name: '登记', exact: true }).click();
  await expect(receipt).toBeHidden();
  await expect(page.getByText('回执已于2025年11月3日收到')).toBeVisible();

  // A date that is not one: said on the field, and 登记 saves nothing.
  await openMember(page, li.id);
  await page.getByRole('button', { name: '登记状态变动' }).click();
  await page.getByRole('menuitem', { name: /组织关系转出/ }).click();
  const wrong = page.getByRole('dialog', { name: /组织关系转出/ });
  await clickAndType(wrong.getByLabel('转出日期'), '2025-13-45');
  await wrong.getByLabel('转往单位').fill('某某区税务局机关党委');
  await wrong.getByRole('button', { name: '登记', exact: true }).click();
  await expect(wrong).toBeVisible();
  await expect(wrong.getByText(/转出日期：“2025-13-45”中的月份“13”不对/).first()).toBeVisible();
  await expect(wrong.getByLabel('转出日期')).toHaveValue('2025-13-45');
  await app.shot(page, 'dates-transfer-date-in-error');
  // Enter in the field does not save it either.
  await wrong.getByLabel('转出日期').press('Enter');
  await expect(wrong).toBeVisible();
  expect(((await app.api('roster.get', { id: li.id })) as Member).status).toBe('normal');
  // Corrected by typing over it, it saves.
  await clickAndType(wrong.getByLabel('转出日期'), '2025年9月30日');
  await wrong.getByRole('button', { name: '登记', exact: true }).click();
  await expect(wrong).toBeHidden();
  const liMoved = (await app.api('roster.get', { id: li.id })) as Member;
  expect(liMoved.events.find((e) => e.kind === 'transferOut')?.occurredOn).toBe('2025-09-30');

  // 自愿多交: 交纳日期 pre-filled with today, typed over.
  await addMember(app, '王芳', 3, '2014-07-01', '2015-07-01');
  await page.getByRole('link', { name: /党费/ }).click();
  await page.getByRole('tab', { name: '自愿多交与大额党费' }).click();
  await page.getByRole('button', { name: '登记自愿多交' }).click();
  const voluntary = page.getByRole('dialog', { name: '登记自愿多交党费' });
  await voluntary.getByLabel('党员').fill('王');
  await page.getByRole('option', { name: /王芳/ }).click();
  const paidOn = voluntary.getByLabel('交纳日期');
  await expect(paidOn).toHaveValue(todayShown);
  await clickAndType(paidOn, `${today.getFullYear()}-01-15`);
  await voluntary.getByLabel('金额').fill('200');
  await voluntary.getByRole('button', { name: '登记', exact: true }).click();
  await expect(voluntary).toBeHidden();
  await expect(page.getByRole('table', { name: '自愿多交党费' })).toContainText(`${today.getFullYear()}年1月15日`);
});

test('新增党员 with a month-only 入党日期: listed as 日期待补全, then completed by an ordinary, audited edit', async ({
  page,
  app,
}) => {
  await firstRun(page, app);
  await addMember(app, '张三', 1, '2010-07-01', '2011-07-01');
  await page.getByRole('link', { name: /党员名册/ }).click();
  await page.getByRole('button', { name: '新增党员' }).click();
  const dialog = page.getByRole('dialog', { name: '新增党员' });
  await dialog.getByLabel('姓名').fill('王五');
  await dialog.getByLabel('公民身份号码').fill(citizenId('19900808', 5, true));
  await dialog.getByLabel('所在党支部').click();
  await page.getByRole('option', { name: '办公室党支部' }).click();
  // Known only to the month, as the old roster has it; a probationary member.
  await clickAndType(dialog.getByLabel('入党日期'), '2026.07');
  await dialog.getByLabel('已转为正式党员').uncheck();
  await expect(dialog.getByLabel('入党日期')).toHaveValue('2026年7月');
  // 失联党员 pre-fills 失去联系日期 with today: typed over, the typed day is kept.
  await dialog.getByLabel('失联党员').check();
  const lost = dialog.getByLabel('失去联系日期');
  await expect(lost).toHaveValue(todayShown);
  await clickAndType(lost, '2026.9.1');
  await dialog.getByRole('button', { name: '保存', exact: true }).click();
  await expect(dialog).toBeHidden();

  // Saved, the member's page says what is missing and what depends on it.
  await expect(page.getByText('日期待补全').first()).toBeVisible();
  const notice = page.getByRole('alert').filter({ hasText: '入党日期（2026年7月）只记到月份' });
  await expect(notice).toContainText('预备期满、转正的日期要按入党的具体日期算');
  await expect(page.getByLabel('党员信息')).toContainText('2027年7月');
  await app.shot(page, 'dates-member-month-only');

  // The roster's filter finds the member, and only that member.
  await page.getByText('返回党员名册').click();
  await page.getByRole('button', { name: /筛选/ }).click();
  await page.getByText('日期待补全', { exact: true }).click();
  const table = page.getByRole('table');
  await expect(table).toContainText('王五');
  await expect(table).not.toContainText('张三');
  await expect(table).toContainText('2026年7月');
  await app.shot(page, 'dates-roster-filter-month-only');
  await table.getByText('王五').click();

  // 补全日期 opens the ordinary edit: the field shows the month, typing the day replaces it.
  await notice.getByRole('button', { name: '补全日期' }).click();
  const edit = page.getByRole('dialog', { name: /修改/ });
  const admitted = edit.getByLabel('入党日期');
  await expect(admitted).toHaveValue('2026年7月');
  await clickAndType(admitted, '2026-07-18');
  await edit.getByRole('button', { name: '保存', exact: true }).click();
  await expect(edit).toBeHidden();
  await expect(page.getByRole('alert').filter({ hasText: '只记到月份' })).toHaveCount(0);
  await expect(page.getByText('2026年7月18日').first()).toBeVisible();

  const members = (await app.api('roster.search', { text: '王五' })) as { rows: Member[] };
  const wang = members.rows[0]!;
  expect([wang.admittedOn, wang.monthOnlyDates, wang.lostContactSince]).toEqual(['2026-07-18', [], '2026-09-01']);
  const audit = (await app.api('audit.list', { entity: 'member' })) as {
    action: string;
    entityId: number;
    before: Record<string, unknown> | null;
    after: Record<string, unknown> | null;
  }[];
  expect(audit.find((e) => e.action === 'update' && e.entityId === wang.id)).toMatchObject({
    before: expect.objectContaining({ admitted_on: '2026-07' }),
    after: expect.objectContaining({ admitted_on: '2026-07-18' }),
  });
});
