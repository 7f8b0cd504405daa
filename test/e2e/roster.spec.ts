import ExcelJS from 'exceljs';
import { checkCharacter } from '../../src/shared/members/citizen-id';
import { expect, test } from './fixtures';

function citizenId(birth: string, serial: number, male: boolean): string {
  const first17 = `110101${birth}${String(serial * 2 + (male ? 1 : 0)).padStart(3, '0')}`;
  return first17 + checkCharacter(first17);
}

/** A roster as an office keeps it, with a header the app will not recognise and one broken ID. */
async function officeWorkbook(): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('花名册');
  sheet.addRow(['机关党员花名册']);
  sheet.mergeCells('A1:G1');
  sheet.addRow(['序号', '姓名', '性别', '身份号', '党支部', '入党时间', '转正时间']);
  sheet.addRow([1, '张三', '男', citizenId('19800101', 1, true), '办公室党支部', '2005.07.01', '2006.07.01']);
  sheet.addRow([2, '张珊珊', '女', citizenId('19920505', 2, false), '办公室党支部', '2015-6-1', '2016-6-1']);
  sheet.addRow([3, '李四', '男', citizenId('19750520', 3, true), '业务处党支部', '1998年7月1日', '1999年7月1日']);
  sheet.addRow([4, '王五', '男', '11010119900101001', '业务处党支部', '2012.07', '2013.07']);
  sheet.addRow(['合计', '4人']);
  return Buffer.from(await book.xlsx.writeBuffer());
}

test('import with errors → fix the mapping → commit → search by pinyin → transfer out → export', async ({
  page,
  app,
}) => {
  await page.goto(app.url);
  const setup = page.getByRole('form', { name: '首次设置' });
  await setup.getByLabel('机关名称').fill('某某市财政局');
  await setup.getByLabel('党支部名称 1').fill('办公室党支部');
  await setup.getByRole('button', { name: '再添加一个党支部' }).click();
  await setup.getByLabel('党支部名称 2').fill('业务处党支部');
  await setup.getByLabel('设置密码，加密保存数据（推荐）').uncheck();
  await setup.getByRole('button', { name: '建立数据' }).click();

  await page.getByRole('link', { name: /党员名册/ }).click();
  await expect(page.getByText('名册中还没有党员')).toBeVisible();
  await page.getByRole('button', { name: '导入' }).click();
  const dialog = page.getByRole('dialog', { name: '导入党员名册' });
  await dialog.locator('input[type=file]').setInputFiles({
    name: '花名册.xlsx',
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer: await officeWorkbook(),
  });

  // The ID column was not recognised: the problem says so, and nothing can be imported yet.
  await expect(dialog.getByRole('table', { name: '问题列表' })).toContainText('没有找到“公民身份号码”列');
  await expect(dialog.getByRole('button', { name: /^导入/ })).toBeDisabled();
  await app.shot(page, '10-import-unmapped');

  // Fix the mapping: column D holds the ID numbers.
  await dialog.getByRole('tab', { name: '列对应' }).click();
  await dialog.getByLabel('D列导入为').click();
  await page.getByRole('option', { name: '公民身份号码', exact: true }).click();
  await dialog.getByRole('tab', { name: /问题/ }).click();
  const problems = dialog.getByRole('table', { name: '问题列表' });
  await expect(problems).toContainText('公民身份号码应为18位，这里是17位');
  await expect(problems).toContainText('11010119900101001');
  await expect(dialog.getByLabel('导入概况')).toContainText('新增3');
  await app.shot(page, '11-import-problems');

  // The broken row is left out explicitly, then the rest goes in at once.
  await dialog.getByLabel(/跳过有问题的 1 行/).check();
  await dialog.getByRole('button', { name: '导入 3 人' }).click();
  await expect(dialog.getByText('新增 3 人，更新 0 人，跳过 1 行')).toBeVisible();
  await dialog.getByRole('button', { name: '完成' }).click();

  const counts = page.getByLabel('人数统计');
  await expect(counts).toContainText('3 人');
  await expect(counts).toContainText('正式党员 3');
  const table = page.getByRole('table', { name: '党员名册' });
  await expect(table).toContainText('110***********');
  await app.shot(page, '12-roster');

  // Pinyin initials find both 张.
  await page.getByLabel('搜索党员').fill('zs');
  await expect(table.getByRole('row')).toHaveCount(3);
  await expect(table).toContainText('张三');
  await expect(table).toContainText('张珊珊');
  await expect(table).not.toContainText('李四');

  // Open 张三 and transfer the membership out.
  await table.getByRole('row', { name: '张三', exact: true }).click();
  await expect(page.getByRole('heading', { name: '张三' })).toBeVisible();
  await expect(page.getByLabel('党员信息')).toContainText(citizenId('19800101', 1, true));
  await page.getByRole('button', { name: '登记状态变动' }).click();
  await page.getByRole('menuitem', { name: '组织关系转出…' }).click();
  const transfer = page.getByRole('dialog');
  await transfer.getByLabel('转往单位').fill('中共某某区委组织部');
  await transfer.getByLabel('介绍信编号').fill('0012345');
  await transfer.getByRole('button', { name: '登记' }).click();
  await expect(page.getByLabel('党籍变动记录')).toContainText('组织关系转出');
  await expect(page.getByLabel('党籍变动记录')).toContainText('待收回执');
  await expect(page.getByText('已转出', { exact: true })).toBeVisible();
  await app.shot(page, '13-member-transferred');

  await page.getByRole('button', { name: '返回党员名册' }).click();
  await page.getByLabel('搜索党员').fill('');
  await expect(counts).toContainText('2 人');

  // Export what is on the roster now.
  await page.getByRole('button', { name: '导出' }).click();
  const downloading = page.waitForEvent('download');
  await page.getByRole('menuitem', { name: '导出全部在册党员（Excel）' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^党员名册-\d{4}-\d{2}-\d{2}\.xlsx$/);
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile((await download.path())!);
  const sheet = book.worksheets[0]!;
  const names = [4, 5].map((r) => String(sheet.getRow(r).getCell(2).value));
  expect(names.sort()).toEqual(['张珊珊', '李四'].sort());
  expect(typeof sheet.getRow(4).getCell(4).value).toBe('string');
});

test('新增党员: a wrong check digit is shown on the field, in view; 保存并继续新增 keeps the dialog for the next person', async ({
  page,
  app,
}) => {
  await page.goto(app.url);
  const setup = page.getByRole('form', { name: '首次设置' });
  await setup.getByLabel('机关名称').fill('某某市财政局');
  await setup.getByLabel('党支部名称 1').fill('办公室党支部');
  await setup.getByLabel('设置密码，加密保存数据（推荐）').uncheck();
  await setup.getByRole('button', { name: '建立数据' }).click();
  await page.getByRole('link', { name: /党员名册/ }).click();
  await page.getByRole('button', { name: '新增党员' }).click();

  const dialog = page.getByRole('dialog', { name: '新增党员' });
  const good = citizenId('19850303', 4, true);
  const wrongDigit = good.slice(0, 17) + (good[17] === '1' ? '2' : '1');
  await dialog.getByLabel('姓名').fill('刘强');
  await dialog.getByLabel('公民身份号码').fill(wrongDigit);
  await dialog.getByLabel('所在党支部').click();
  await page.getByRole('option', { name: '办公室党支部' }).click();
  await dialog.getByLabel('入党日期').fill('2010年7月1日');
  await dialog.getByLabel('入党日期').blur();
  await dialog.getByRole('button', { name: '保存', exact: true }).click();

  // The refusal sits under the field, once, and the field is brought into view and focused.
  const idField = dialog.getByLabel('公民身份号码');
  await expect(idField).toBeFocused();
  await expect(idField).toBeInViewport();
  const idError = dialog.locator('.mantine-TextInput-error').filter({ hasText: '校验码不对' });
  await expect(idError).toBeVisible();
  await expect(idError).not.toContainText('公民身份号码');
  await app.shot(page, '14-member-form-id-error');

  // Corrected, then saved with 保存并继续新增: the dialog stays, cleared, the cursor in 姓名.
  await idField.fill(good);
  await dialog.getByRole('button', { name: '保存并继续新增' }).click();
  await expect(dialog.getByLabel('本次已新增')).toContainText('刘强');
  await expect(dialog.getByLabel('姓名')).toHaveValue('');
  await expect(dialog.getByLabel('公民身份号码')).toHaveValue('');
  await expect(dialog.getByLabel('姓名')).toBeFocused();

  await dialog.getByLabel('姓名').fill('王芳');
  await dialog.getByLabel('公民身份号码').fill(citizenId('19900808', 5, false));
  await dialog.getByLabel('入党日期').fill('2015年6月1日');
  await dialog.getByLabel('入党日期').blur();
  await dialog.getByRole('button', { name: '保存并继续新增' }).click();
  await expect(dialog.getByLabel('本次已新增')).toContainText('刘强、王芳');
  await app.shot(page, '15-member-form-continue');
  await dialog.getByRole('button', { name: '关闭' }).click();
  await expect(page.getByLabel('人数统计')).toContainText('2 人');
});
