import ExcelJS from 'exceljs';
import { checkCharacter } from '../../src/shared/members/citizen-id';
import { expect, openRosterImport, setUpWithoutPassword, test } from './fixtures';

function citizenId(birth: string, serial: number, male: boolean): string {
  const first17 = `110101${birth}${String(serial * 2 + (male ? 1 : 0)).padStart(3, '0')}`;
  return first17 + checkCharacter(first17);
}

/** A roster kept as one sheet per branch, named after it, with a 汇总 of counts in front; one ID in 第二党支部 typed short. */
async function sheetPerBranch(): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const summary = book.addWorksheet('汇总');
  summary.addRow(['党支部', '党员人数']);
  summary.addRow(['第一党支部', 2]);
  summary.addRow(['第二党支部', 2]);
  summary.addRow(['离退休党支部', 1]);
  const people: Record<string, [string, string, string][]> = {
    第一党支部: [
      ['赵立新', citizenId('19800101', 1, true), '2005-07-01'],
      ['钱秀英', citizenId('19850303', 2, false), '2010-06-20'],
    ],
    第二党支部: [
      ['孙建国', citizenId('19750520', 3, true), '1998-07-01'],
      ['周明', '11010119900101001', '2012-07-01'],
    ],
    离退休党支部: [['李海燕', citizenId('19500808', 4, false), '1975-05-04']],
  };
  for (const [branch, rows] of Object.entries(people)) {
    const sheet = book.addWorksheet(branch);
    sheet.addRow([`${branch}党员名册`]);
    sheet.mergeCells('A1:D1');
    sheet.addRow(['姓名', '身份证号', '入党时间', '转正时间']);
    for (const [name, id, admitted] of rows)
      sheet.addRow([name, id, admitted, `${Number(admitted.slice(0, 4)) + 1}${admitted.slice(4)}`]);
    sheet.addRow(['填表人：王芳', '', '制表日期：2026年11月']);
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}

test('a roster kept as one sheet per branch: the sheets are listed, the clerk leaves one out, the rest go in under their branches', async ({
  page,
  app,
}) => {
  await page.goto(app.url);
  await setUpWithoutPassword(page, '某某市统计局');
  const dialog = await openRosterImport(page, '各支部党员名册.xlsx', await sheetPerBranch());

  // Every sheet is listed with what it is; the three branch sheets are read, the 汇总 is not.
  const sheets = dialog.getByRole('group', { name: '工作表' });
  await expect(sheets).toContainText('工作簿中有 4 个工作表，读取勾选的 3 个');
  await expect(sheets.getByLabel('汇总（汇总或说明，不是名册）')).toBeDisabled();
  await expect(sheets.getByLabel('汇总（汇总或说明，不是名册）')).not.toBeChecked();
  const retired = sheets.getByLabel('离退休党支部（以党支部命名，无党支部列，1 行）');
  await expect(retired).toBeChecked();
  await expect(dialog.getByLabel('导入概况')).toContainText('新增4');
  const units = dialog.getByRole('table', { name: '将建立的党组织清单' });
  await expect(units).toContainText('离退休党支部党支部1');
  // The short ID is named with its sheet and row; the 填表人 lines are not members.
  const problems = dialog.getByRole('table', { name: '问题列表' });
  await expect(problems).toContainText('第二党支部4');
  await expect(problems).toContainText('公民身份号码应为18位，这里是17位');
  await expect(problems).not.toContainText('填表人');
  await app.shot(page, '12-import-sheet-per-branch');

  // The clerk leaves 离退休党支部 out: read again, its branch and member are no longer offered.
  await retired.click();
  await expect(retired).not.toBeChecked();
  await expect(sheets).toContainText('读取勾选的 2 个');
  await expect(dialog.getByLabel('导入概况')).toContainText('新增3');
  await expect(units).not.toContainText('离退休党支部');

  await dialog.getByLabel(/跳过有问题的 1 行/).check();
  await dialog.getByLabel(/导入时建立以上 2 个党组织/).check();
  await dialog.getByRole('button', { name: '导入 3 人' }).click();
  await expect(dialog.getByText('新增 3 人，更新 0 人，跳过 1 行；建立了 第一党支部、第二党支部。')).toBeVisible();
  await dialog.getByRole('button', { name: '完成' }).click();

  await expect(page.getByLabel('人数统计')).toContainText('3');
  await expect(page.getByRole('row').filter({ hasText: '孙建国' })).toContainText('第二党支部');
  await expect(page.getByRole('row').filter({ hasText: '赵立新' })).toContainText('第一党支部');
});
