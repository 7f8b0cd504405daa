import fs from 'node:fs';
import { expect, test } from './fixtures';

test('文档打印: preview the sample 公文, zoom, print, save PDF and Word; the binder with its contents', async ({ page, app }) => {
  await page.goto(app.url);
  const setup = page.getByRole('form', { name: '首次设置' });
  await setup.getByLabel('机关名称').fill('某某市财政局');
  await setup.getByLabel('党支部名称 1').fill('办公室党支部');
  await setup.getByRole('button', { name: '建立数据' }).click();

  await page.getByRole('link', { name: /文档打印/ }).click();
  await expect(page.getByRole('heading', { name: '文档打印' })).toBeVisible();
  const list = page.getByRole('listbox', { name: '文档' });
  await expect(list.getByRole('option', { name: /公文版式样张/ })).toHaveAttribute('aria-selected', 'true');

  // The pages as they will print: drawn from the PDF itself.
  await expect(page.getByTestId('document-title')).toHaveText(/^关于做好\d{4}年度机关党建工作的通知$/, { timeout: 30_000 });
  await expect(page.getByTestId('page-count')).toHaveText(/共 [4-9] 页/);
  const pages = page.getByTestId('document-page');
  await expect(pages.first()).toHaveAttribute('data-drawn', 'true');
  const count = Number((await page.getByTestId('page-count').textContent())!.replace(/\D/g, ''));
  await expect(pages).toHaveCount(count);
  // The page is A4: 210 × 297 at the chosen zoom.
  const box = (await pages.first().boundingBox())!;
  expect(box.height / box.width).toBeCloseTo(297 / 210, 2);

  // Which fonts stand in for which.
  await page.getByRole('button', { name: '字体详情' }).click();
  await expect(page.getByTestId('font-substitutions')).toContainText('正文（3号仿宋体）：本机没有“仿宋_GB2312”');
  await expect(page.getByText('页码（4号宋体）：本机没有“宋体”')).toBeInViewport();
  await page.waitForTimeout(400); // the list's opening transition, for the screenshot
  await app.shot(page, '20-documents-sample');

  // Zoom in and out.
  await expect(page.getByTestId('zoom')).toHaveText('75%');
  await page.getByRole('button', { name: '放大' }).click();
  await expect(page.getByTestId('zoom')).toHaveText('90%');
  const wider = (await pages.first().boundingBox())!;
  expect(wider.width).toBeGreaterThan(box.width);
  await page.getByRole('button', { name: '缩小' }).click();
  await page.getByRole('button', { name: '缩小' }).click();
  await expect(page.getByTestId('zoom')).toHaveText('67%');

  // 打印 opens the system dialog on the document's own HTML in a sandboxed frame.
  await page.getByRole('button', { name: '打印' }).click();
  const frame = page.locator('iframe[data-print-frame]');
  await expect(frame).toHaveAttribute('sandbox', 'allow-same-origin allow-modals');
  await expect(page.frameLocator('iframe[data-print-frame]').locator('h1')).toContainText(/关于做好\d{4}年度机关党建工作的通知/);

  // 保存为PDF and 保存为Word download the files.
  const [pdf] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '保存为PDF' }).click()]);
  expect(pdf.suggestedFilename()).toBe('公文版式样张.pdf');
  expect(fs.readFileSync((await pdf.path())!).subarray(0, 5).toString()).toBe('%PDF-');
  const [docx] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '保存为Word' }).click()]);
  expect(docx.suggestedFilename()).toBe('公文版式样张.docx');
  expect(fs.readFileSync((await docx.path())!).subarray(0, 2).toString()).toBe('PK');

  // The binder: contents with real page numbers; as Word too, one section a part.
  await list.getByRole('option', { name: /材料汇编样张/ }).click();
  await expect(page.getByTestId('binder-parts')).toContainText('民主生活会方案（第1页）', { timeout: 30_000 });
  const [binderDocx] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '保存为Word' }).click()]);
  expect(binderDocx.suggestedFilename()).toMatch(/\.docx$/);
  expect(fs.readFileSync((await binderDocx.path())!).subarray(0, 2).toString()).toBe('PK');
  await expect(pages.first()).toHaveAttribute('data-drawn', 'true');
  const doubleSided = Number((await page.getByTestId('page-count').textContent())!.replace(/\D/g, ''));
  await app.shot(page, '21-documents-binder');
  await page.getByLabel(/双面打印/).uncheck();
  await expect(page.getByTestId('page-count')).not.toHaveText(`共 ${doubleSided} 页`, { timeout: 30_000 });

  // The organisation table comes from the data.
  await list.getByRole('option', { name: /党组织设置及委员名单/ }).click();
  await expect(page.getByTestId('document-title')).toHaveText('党组织设置及委员名单', { timeout: 30_000 });
  await expect(pages.first()).toHaveAttribute('data-drawn', 'true');
  const landscape = (await pages.first().boundingBox())!;
  expect(landscape.width / landscape.height).toBeCloseTo(297 / 210, 2);
  await app.shot(page, '22-documents-table');
});
