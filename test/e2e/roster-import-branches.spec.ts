import ExcelJS from 'exceljs';
import { checkCharacter } from '../../src/shared/members/citizen-id';
import { expect, openRosterImport, setUpWithoutPassword, test } from './fixtures';

function citizenId(birth: string, serial: number, male: boolean): string {
  const first17 = `110101${birth}${String(serial * 2 + (male ? 1 : 0)).padStart(3, '0')}`;
  return first17 + checkCharacter(first17);
}

/** The roster an office has kept for years: a title row, its own branch names, a total row, one ID typed short. */
async function keptRoster(): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('花名册');
  sheet.addRow(['某某市统计局机关党员花名册']);
  sheet.mergeCells('A1:F1');
  sheet.addRow(['序号', '姓名', '身份证号', '所在党支部', '入党时间', '转正时间']);
  sheet.addRow([1, '赵立新', citizenId('19800101', 1, true), '机关第一党支部', '2005-07-01', '2006-07-01']);
  sheet.addRow([2, '钱秀英', citizenId('19850303', 2, false), '机关第一党支部', '2010-06-20', '2011-06-20']);
  sheet.addRow([3, '孙建国', citizenId('19750520', 3, true), '机关第一党支部', '1998-07-01', '1999-07-01']);
  sheet.addRow([4, '李海燕', citizenId('19900808', 4, false), '机关第二党支部', '2015-05-04', '2016-05-04']);
  sheet.addRow([5, '周明', '11010119900101001', '机关第二党支部', '2012-07-01', '2013-07-01']);
  sheet.addRow(['合计', '5人']);
  return Buffer.from(await book.xlsx.writeBuffer());
}

test('a fresh organ with no branches imports its roster: the branches are offered, confirmed and made; the refused row is named', async ({
  page,
  app,
}) => {
  await page.goto(app.url);
  await setUpWithoutPassword(page, '某某市统计局');
  const dialog = await openRosterImport(page, '花名册.xlsx', await keptRoster());

  // The branches the workbook names are offered with their rows, not refused row by row.
  const units = dialog.getByRole('table', { name: '将建立的党组织清单' });
  await expect(units).toContainText('机关第一党支部党支部3');
  await expect(units).toContainText('机关第二党支部党支部2');
  await expect(dialog.getByLabel('导入概况')).toContainText('新增4');
  const problems = dialog.getByRole('table', { name: '问题列表' });
  await expect(problems).toContainText('11010119900101001');
  await expect(problems).toContainText('公民身份号码应为18位，这里是17位');
  await app.shot(page, '12-import-new-branches');

  // Nothing goes in until the branches are confirmed and the refused row is left out explicitly.
  const importButton = dialog.getByRole('button', { name: '导入 4 人' });
  await dialog.getByLabel(/跳过有问题的 1 行/).check();
  await expect(importButton).toBeDisabled();
  await dialog.getByLabel(/导入时建立以上 2 个党组织/).check();
  await importButton.click();
  await expect(
    dialog.getByText('新增 4 人，更新 0 人，跳过 1 行；建立了 机关第一党支部、机关第二党支部。'),
  ).toBeVisible();
  await dialog.getByRole('button', { name: '完成' }).click();

  await expect(page.getByLabel('人数统计')).toContainText('4');
  await page.getByRole('link', { name: /组织/ }).first().click();
  await expect(page.getByText('机关第一党支部').first()).toBeVisible();
  await expect(page.getByText('机关第二党支部').first()).toBeVisible();
});
