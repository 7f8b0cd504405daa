import fs from 'node:fs';
import { localToday } from '../../src/shared/dates';
import { citizenId, memberFields } from '../support/people';
import { expect, test, type WebApp } from './fixtures';

async function api<T = unknown>(app: WebApp, channel: string, input: unknown): Promise<T> {
  const token = /token=([\w-]+)/.exec(app.url)![1];
  const response = await fetch(`${app.origin}/api/invoke`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    body: JSON.stringify({ channel, input }),
  });
  const result = (await response.json()) as { ok: boolean; value?: unknown; error?: { message: string } };
  if (!result.ok) throw new Error(`${channel}: ${result.error?.message}`);
  return result.value as T;
}

const SETUP = {
  organName: '某某市财政局',
  committeeKind: 'committee',
  committeeName: '中共某某市财政局机关委员会',
  superiorName: '中共某某市直属机关工作委员会',
  branches: ['办公室党支部'],
};

test('文档打印: preview the sample 公文, zoom, print, save PDF and Word; the binder with its contents', async ({
  page,
  app,
}) => {
  // The first-run form is another spec's subject: set up through the API.
  await api(app, 'organ.setup', SETUP);
  await page.goto(app.url);

  await page.getByRole('link', { name: /文档打印/ }).click();
  await expect(page.getByRole('heading', { name: '文档打印' })).toBeVisible();
  const list = page.getByRole('listbox', { name: '文档' });
  await expect(list.getByRole('option', { name: /公文版式样张/ })).toHaveAttribute('aria-selected', 'true');

  // The pages as they will print: drawn from the PDF itself.
  await expect(page.getByTestId('document-title')).toHaveText(/^关于做好\d{4}年度机关党建工作的通知$/, {
    timeout: 30_000,
  });
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
  await expect(page.frameLocator('iframe[data-print-frame]').locator('h1')).toContainText(
    /关于做好\d{4}年度机关党建工作的通知/,
  );

  // 保存为PDF and 保存为Word download the files.
  const [pdf] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: '保存为PDF' }).click(),
  ]);
  expect(pdf.suggestedFilename()).toBe('公文版式样张.pdf');
  expect(
    fs
      .readFileSync((await pdf.path())!)
      .subarray(0, 5)
      .toString(),
  ).toBe('%PDF-');
  const [docx] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: '保存为Word' }).click(),
  ]);
  expect(docx.suggestedFilename()).toBe('公文版式样张.docx');
  expect(
    fs
      .readFileSync((await docx.path())!)
      .subarray(0, 2)
      .toString(),
  ).toBe('PK');

  // The binder: contents with real page numbers; as Word too, one section a part.
  await list.getByRole('option', { name: /材料汇编样张/ }).click();
  await expect(page.getByTestId('binder-parts')).toContainText('民主生活会方案（第1页）', { timeout: 30_000 });
  const [binderDocx] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: '保存为Word' }).click(),
  ]);
  expect(binderDocx.suggestedFilename()).toMatch(/\.docx$/);
  expect(
    fs
      .readFileSync((await binderDocx.path())!)
      .subarray(0, 2)
      .toString(),
  ).toBe('PK');
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

test('文档打印: each document asks for what it takes — a meeting for 会议方案, a branch for 花名册', async ({
  page,
  app,
}) => {
  const year = Number(localToday().slice(0, 4));
  // The first-run form is another spec's subject: set up through the API.
  await api(app, 'organ.setup', SETUP);
  await page.goto(app.url);

  // No meeting yet: the screen says so, and where to make one, instead of an error.
  await page.getByRole('link', { name: /文档打印/ }).click();
  const list = page.getByRole('listbox', { name: '文档' });
  await list.getByRole('option', { name: /会议方案/ }).click();
  const missing = page.getByTestId('document-missing');
  await expect(missing).toContainText('还没有会议。请先在“生活会”中新建会议');
  for (const name of ['打印', '保存为PDF', '保存为Word'])
    await expect(page.getByRole('button', { name })).toBeDisabled();
  await expect(page.getByText('无法生成文档')).toHaveCount(0);
  await app.shot(page, '23-documents-no-meeting');
  await missing.getByRole('button', { name: /生活会/ }).click();
  await expect(page).toHaveURL(/#\/meetings/);
  await page.getByRole('link', { name: /文档打印/ }).click();
  await list.getByRole('option', { name: /^一岗双责责任书/ }).click();
  await expect(missing).toContainText(`${year}年度还没有登记领导班子成员`);
  await expect(missing.getByRole('button', { name: /一岗双责/ })).toBeVisible();

  // Two meetings, a second branch and members in both.
  const people = [
    { name: '王局长', role: 'principal', title: '党组书记、局长', divisionHeads: [] },
    { name: '李副局长', role: 'member', title: '党组成员、副局长', divisionHeads: [] },
  ];
  await api(app, 'meetings.create', {
    kind: 'democratic',
    year: year - 1,
    theme: '上年度的主题',
    heldOn: `${year - 1}-12-10`,
    people,
  });
  await api(app, 'meetings.create', {
    kind: 'democratic',
    year,
    theme: '深入学习贯彻党的创新理论',
    heldOn: `${year}-12-20`,
    people,
  });
  const second = await api<{ id: number }>(app, 'org.addUnit', { kind: 'branch', parentId: 1, name: '业务处党支部' });
  await api(app, 'roster.add', {
    fields: memberFields({ name: '张三', citizenId: citizenId('1985-03-12', 'male', 1), education: 'masters' }),
  });
  await api(app, 'roster.add', {
    fields: memberFields({
      name: '赵六',
      gender: 'female',
      citizenId: citizenId('1990-02-02', 'female', 2),
      branchId: second.id,
      jobTitle: null,
    }),
  });
  await api(app, 'duties.addLeader', { year, name: '王局长', role: 'secretary', title: '党组书记、局长' });
  await api(app, 'duties.addLeader', { year, name: '李副局长', role: 'deputy', title: '党组成员、副局长' });
  await page.getByRole('link', { name: /工作台/ }).click();

  // 会议方案: the most recent meeting first; the earlier one on choosing it.
  await page.getByRole('link', { name: /文档打印/ }).click();
  await list.getByRole('option', { name: /会议方案/ }).click();
  const meeting = page.getByRole('combobox', { name: '会议', exact: true });
  await expect(meeting).toHaveValue(`${year}年度民主生活会（${year}-12-20）`);
  await expect(page.getByTestId('document-title')).toContainText(`${year}年度`, { timeout: 30_000 });
  await meeting.click();
  await page.getByRole('option', { name: `${year - 1}年度民主生活会（${year - 1}-12-10）` }).click();
  await expect(page.getByTestId('document-title')).toContainText(`${year - 1}年度`, { timeout: 30_000 });
  const pages = page.getByTestId('document-page');
  await expect(pages.first()).toHaveAttribute('data-drawn', 'true');
  await app.shot(page, '24-documents-meeting-plan');
  const [plan] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: '保存为Word' }).click(),
  ]);
  expect(plan.suggestedFilename()).toContain(`${year - 1}年度`);
  expect(plan.suggestedFilename()).toMatch(/会议方案\.docx$/);

  // 对照检查材料: the team's, or a person's; no developer words in the list.
  await expect(list).not.toContainText('personId');
  await list.getByRole('option', { name: /^对照检查材料/ }).click();
  await expect(page.getByRole('combobox', { name: '对照检查材料', exact: true })).toBeVisible({ timeout: 30_000 });

  // 一岗双责责任书: the secretary's unless another 班子成员 is chosen.
  await list.getByRole('option', { name: /^一岗双责责任书/ }).click();
  const leader = page.getByRole('combobox', { name: '班子成员', exact: true });
  await expect(leader).toHaveValue('王局长（党组书记、局长）');
  await expect(page.getByRole('combobox', { name: '年度', exact: true })).toHaveValue(`${year}年`);
  await leader.click();
  await page.getByRole('option', { name: '李副局长（党组成员、副局长）' }).click();
  await expect(page.getByRole('button', { name: '保存为PDF' })).toBeEnabled({ timeout: 30_000 });
  const [letter] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: '保存为PDF' }).click(),
  ]);
  expect(letter.suggestedFilename()).toBe(`${year}年度责任书-李副局长.pdf`);
  await app.shot(page, '26-documents-duties-letter');

  // 花名册: the whole organ, or one branch.
  await list.getByRole('option', { name: /^党员花名册/ }).click();
  const branch = page.getByRole('combobox', { name: '党支部', exact: true });
  await expect(branch).toHaveValue('全机关（按党支部排列）');
  await expect(page.getByTestId('document-title')).toHaveText('中共某某市财政局机关委员会党员花名册', {
    timeout: 30_000,
  });
  await branch.click();
  await page.getByRole('option', { name: '业务处党支部' }).click();
  await expect(page.getByTestId('document-title')).toHaveText('业务处党支部党员花名册', { timeout: 30_000 });
  await expect(pages.first()).toHaveAttribute('data-drawn', 'true');
  await app.shot(page, '25-documents-roster-branch');

  // 收缴登记表: this month unless another is chosen.
  await list.getByRole('option', { name: /^党费收缴登记表|^收缴登记表/ }).click();
  await expect(page.getByRole('combobox', { name: '月份', exact: true })).toHaveValue(
    `${year}年${Number(localToday().slice(5, 7))}月`,
  );
});

test('文档打印: a binder with unfinished parts asks before printing or saving, and names them', async ({
  page,
  app,
}) => {
  const year = Number(localToday().slice(0, 4));
  await api(app, 'organ.setup', SETUP);
  await api(app, 'meetings.create', {
    kind: 'democratic',
    year,
    theme: '深入学习贯彻党的创新理论',
    heldOn: `${year}-12-20`,
    people: [
      { name: '王局长', role: 'principal', title: '党组书记、局长', divisionHeads: [] },
      { name: '李副局长', role: 'member', title: '党组成员、副局长', divisionHeads: [] },
    ],
  });
  await page.goto(app.url);
  await page.getByRole('link', { name: /文档打印/ }).click();
  await page
    .getByRole('listbox', { name: '文档' })
    .getByRole('option', { name: /^材料汇编\s*民主生活会/ })
    .click();
  const save = page.getByRole('button', { name: '保存为PDF' });
  await expect(save).toBeEnabled({ timeout: 60_000 });

  // Nothing is written yet: the screen asks first and names what is missing; 取消 saves nothing.
  let downloads = 0;
  page.on('download', () => downloads++);
  await save.click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('尚未完成');
  const parts = dialog.getByTestId('unfinished-parts');
  await expect(parts).toContainText('王局长对照检查材料（尚未写完）');
  await expect(parts).toContainText('会议记录（尚未记录发言）');
  await expect(parts).toContainText('整改清单（尚无整改事项）');
  await app.shot(page, '27-documents-binder-unfinished');
  await dialog.getByRole('button', { name: '取消' }).click();
  await expect(dialog).toHaveCount(0);
  expect(downloads).toBe(0);

  // Confirmed: saved as it stands.
  await save.click();
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('dialog').getByRole('button', { name: '仍然保存' }).click(),
  ]);
  expect(file.suggestedFilename()).toMatch(/材料汇编\.pdf$/);
});
