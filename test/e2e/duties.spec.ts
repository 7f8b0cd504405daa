import fs from 'node:fs';
import { checkCharacter } from '../../src/shared/members/citizen-id';
import { dismissToasts, expect, test } from './fixtures';

/** A date n days before the real today (the web app runs on the machine's clock), as the office types it. */
function daysAgo(n: number): { iso: string; typed: string; year: number } {
  const d = new Date();
  d.setDate(d.getDate() - n);
  const iso = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  return { iso, typed: `${d.getFullYear()}年${d.getMonth() + 1}月${d.getDate()}日`, year: d.getFullYear() };
}

const PDF = Buffer.from('%PDF-1.7\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n');

test('一岗双责: a list from the library, four duties with an attachment, one item overdue, the letter and the year-end draft', async ({
  page,
  app,
}) => {
  // Everything happens "yesterday" so that the list's year is the year of the records and the deadline.
  const day = daysAgo(1);
  await page.goto(app.url);
  const setup = page.getByRole('form', { name: '首次设置' });
  await setup.getByLabel('机关名称').fill('某某市财政局');
  await setup.getByLabel('党支部名称 1').fill('办公室党支部');
  await setup.getByRole('button', { name: '再添加一个党支部' }).click();
  await setup.getByLabel('党支部名称 2').fill('财务处党支部');
  await setup.getByLabel('设置密码，加密保存数据（推荐）').uncheck();
  await setup.getByRole('button', { name: '建立数据' }).click();

  await page.getByRole('link', { name: /一岗双责/ }).click();
  await expect(page.getByRole('heading', { name: '一岗双责' })).toBeVisible();
  await page.getByRole('combobox', { name: '年度' }).click();
  await page.getByRole('option', { name: `${day.year}年度`, exact: true }).click();
  await page.getByRole('button', { name: '登记班子成员' }).click();

  // The team: the secretary, and a deputy with her divisions and branch.
  const addLeader = async (name: string, role: string, title: string, divisions: string[], branch: string | null) => {
    await page.getByRole('button', { name: '新增班子成员' }).click();
    const form = page.getByRole('form', { name: '班子成员' });
    await form.getByLabel('姓名').fill(name);
    await form.getByRole('combobox', { name: '岗位' }).click();
    await page.getByRole('option', { name: role, exact: true }).click();
    await form.getByLabel('职务').fill(title);
    for (const d of divisions) {
      await form.getByLabel('分管处室（单位）').fill(d);
      await form.getByLabel('分管处室（单位）').press('Enter');
    }
    await form.getByLabel('分管处室（单位）').press('Tab');
    if (branch) {
      await form.getByLabel('分管（联系）党支部').click({ force: true });
      await page.getByRole('option', { name: branch, exact: true }).click();
    }
    await form.getByRole('button', { name: '保存' }).click();
    await expect(form).toBeHidden();
  };
  await addLeader('王书记', '书记（第一责任人）', '党组书记、局长', ['办公室'], null);
  await addLeader('李副局长', '班子副职', '党组成员、副局长', ['财务处', '审计处'], '财务处党支部');
  const team = page.getByRole('table', { name: '领导班子成员' });
  await expect(team).toContainText('财务处、审计处');
  await dismissToasts(page);
  await app.shot(page, '60-duties-team');

  // 李副局长's list: two yearly items from the library, and one with a deadline that passed yesterday.
  await team.getByRole('button', { name: '李副局长', exact: true }).click();
  await expect(page.getByRole('heading', { name: '李副局长' })).toBeVisible();
  await page.getByRole('button', { name: '从事项库添加' }).click();
  const library = page.getByRole('form', { name: '事项库' });
  await expect(library.getByRole('radio', { name: '班子成员' })).toBeChecked();
  await library.getByText('到分管处室或联系党支部讲党课').click();
  await library.getByText('对分管领域干部开展廉政提醒谈话').click();
  await library.getByRole('button', { name: '添加所选 2 项' }).click();
  await expect(library).toBeHidden();

  await page.getByRole('button', { name: '新增事项' }).click();
  const itemForm = page.getByRole('form', { name: '责任事项' });
  await itemForm.getByLabel('责任内容').fill('报送分管领域廉政风险排查情况');
  await itemForm.getByText('按时限', { exact: true }).click();
  await itemForm.getByLabel('完成时限').fill(day.typed);
  await itemForm.getByLabel('完成时限').press('Tab');
  await itemForm.getByLabel('佐证材料').fill('情况报告');
  await itemForm.getByLabel('佐证材料').press('Enter');
  await itemForm.getByLabel('佐证材料').press('Tab');
  await itemForm.getByRole('button', { name: '保存' }).click();
  await expect(itemForm).toBeHidden();
  await expect(page.getByTestId('duty-item')).toHaveCount(3);

  // Four duties, the lecture with its manuscript attached.
  await page.getByRole('tab', { name: /履职纪实/ }).click();
  const record = async (
    kind: string,
    subject: string,
    extra?: (form: ReturnType<typeof page.getByRole>) => Promise<void>,
  ) => {
    await page.getByRole('button', { name: '记录履职' }).click();
    const form = page.getByRole('form', { name: '履职纪实' });
    await form.getByLabel('日期').fill(day.typed);
    await form.getByLabel('日期').press('Tab');
    await form.getByRole('combobox', { name: '类别' }).click();
    await page.getByRole('option', { name: kind, exact: true }).click();
    await form.getByLabel('事由').fill(subject);
    await extra?.(form);
    await form.getByRole('button', { name: '保存' }).click();
    await expect(form).toBeHidden();
  };
  await record('讲党课', '为财务处党支部讲专题党课', async (form) => {
    await expect(form.getByRole('checkbox', { name: /到分管处室或联系党支部讲党课/ })).toBeChecked();
    await form.getByLabel('参加人员').fill('财务处全体党员');
    const chooser = page.waitForEvent('filechooser');
    await form.getByRole('button', { name: '选择文件' }).click();
    await (await chooser).setFiles({ name: '党课讲稿.pdf', mimeType: 'application/pdf', buffer: PDF });
    await expect(form.getByRole('list', { name: '待上传的文件' })).toContainText('党课讲稿.pdf');
    // A program is refused on the spot, by content, with the file named.
    const again = page.waitForEvent('filechooser');
    await form.getByRole('button', { name: '选择文件' }).click();
    await (
      await again
    ).setFiles({ name: '会议记录.pdf', mimeType: 'application/pdf', buffer: Buffer.from('MZ\x90\x00 program') });
    await expect(form.getByRole('list', { name: '待上传的文件' })).toContainText(
      '文件“会议记录.pdf”是Windows程序，出于安全考虑不能作为佐证材料上传。',
    );
    await app.shot(page, '61-duties-record-form');
  });
  await record('廉政约谈 / 提醒谈话', '节前廉政提醒谈话', async (form) => {
    await form.getByLabel('谈话对象：其他人员').fill('赵处长');
    await form.getByLabel('谈话对象：其他人员').press('Enter');
    await form.getByLabel('谈话对象：其他人员').press('Tab');
    await form.getByLabel('谈话要点').fill('提醒严守中央八项规定精神。');
  });
  await record('听取分管领域党建汇报', '听取财务处党支部党建工作汇报', async (form) => {
    await form.getByLabel('参加人员').fill('财务处党支部支委');
  });
  await record('参加双重组织生活', '参加财务处党支部主题党日');

  const records = page.getByRole('table', { name: '履职纪实' });
  await expect(records.getByTestId('duty-record')).toHaveCount(4);
  await expect(records).toContainText('党课讲稿.pdf');
  await expect(records).toContainText('赵处长');
  await expect(records).not.toContainText('会议记录.pdf');
  await dismissToasts(page);
  await app.shot(page, '62-duties-records');

  // The list: the two yearly items met, the deadline item overdue.
  await page.getByRole('tab', { name: '责任清单与完成情况' }).click();
  const items = page.getByTestId('duty-item');
  await expect(items.filter({ hasText: '讲党课' })).toContainText('已完成');
  await expect(items.filter({ hasText: '廉政提醒谈话' })).toContainText('已完成');
  await expect(items.filter({ hasText: '廉政风险排查' })).toContainText('逾期未完成');
  await expect(items.filter({ hasText: '廉政风险排查' })).toContainText('已逾期1天');
  await dismissToasts(page);
  await app.shot(page, '63-duties-list');

  // The team view: one item overdue, first.
  await page.getByRole('link', { name: /一岗双责/ }).click();
  await page.getByRole('tab', { name: '完成情况' }).click();
  const behind = page.getByRole('table', { name: '尚未完成的事项' });
  await expect(behind.getByTestId('behind-row')).toHaveCount(1);
  await expect(behind.getByTestId('behind-row').first()).toHaveAttribute('data-state', 'overdue');
  await expect(behind).toContainText('报送分管领域廉政风险排查情况');
  await expect(page.getByLabel('逾期事项')).toContainText('1');
  await dismissToasts(page);
  await app.shot(page, '64-duties-overview');

  // 工作台 carries the reminder.
  await page.getByRole('link', { name: /工作台/ }).click();
  await expect(page.getByLabel('提醒列表')).toContainText('李副局长有1项责任事项逾期未完成');

  // The letter, printed from the list, then registered as signed.
  await page.getByRole('link', { name: /一岗双责/ }).click();
  await page.getByRole('table', { name: '班子成员完成情况' }).getByText('李副局长').click();
  await page.getByRole('tab', { name: '责任书' }).click();
  const letter = page.getByLabel('责任书', { exact: true });
  await expect(letter.getByTestId('preview-pages')).toContainText(`${day.year}年度全面从严治党“一岗双责”责任书，共`, {
    timeout: 30_000,
  });
  await expect(letter.getByTestId('document-page').first()).toHaveAttribute('data-drawn', 'true');
  await app.shot(page, '65-duties-letter');
  const sign = page.getByRole('form', { name: '登记签订' });
  await sign.getByLabel('签订日期').fill(day.typed);
  await sign.getByLabel('签订日期').press('Tab');
  await sign.getByLabel('责任领导（签字人）').fill('王书记');
  await sign.getByRole('button', { name: '登记已签订' }).click();
  await expect(page.getByTestId('letter-signed')).toContainText(`已于${day.typed}签订（责任领导：王书记）`);

  // The year-end draft, from the records; edited, saved, printed and saved as Word.
  await page.getByRole('tab', { name: '述责述廉' }).click();
  const editor = page.getByLabel('报告正文');
  await expect(editor).toHaveValue(
    /到分管处室或联系党支部讲党课。每年至少1次，全年完成1次：\d+月\d+日为财务处党支部讲专题党课。/,
  );
  await expect(editor).toHaveValue(/全年共记录履职4次/);
  await expect(editor).toHaveValue(/1\.报送分管领域廉政风险排查情况。应于.*前完成，已逾期1天。/);
  const text = await editor.inputValue();
  await editor.fill(
    text.replace('（请结合本人分管工作填写。）', '按时报送廉政风险排查情况，坚持每季度听取分管处室党建工作汇报。'),
  );
  await page.getByRole('form', { name: '述责述廉报告' }).getByRole('button', { name: '保存' }).click();
  const preview = page.getByLabel('述责述廉报告预览');
  await expect(preview.getByTestId('preview-pages')).toContainText(`${day.year}年度述责述廉报告，共`, {
    timeout: 30_000,
  });
  await expect(preview.getByTestId('document-page').first()).toHaveAttribute('data-drawn', 'true');
  await page.waitForTimeout(300);
  await dismissToasts(page);
  await app.shot(page, '66-duties-report');
  const [docx] = await Promise.all([
    page.waitForEvent('download'),
    preview.getByRole('button', { name: '保存为Word' }).click(),
  ]);
  expect(docx.suggestedFilename()).toBe(`${day.year}年度述责述廉报告-李副局长.docx`);
  expect(
    fs
      .readFileSync((await docx.path())!)
      .subarray(0, 2)
      .toString(),
  ).toBe('PK');

  // The attachment comes back as it went in.
  await page.getByRole('tab', { name: /履职纪实/ }).click();
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: '党课讲稿.pdf', exact: true }).click(),
  ]);
  expect(fs.readFileSync((await file.path())!).equals(PDF)).toBe(true);

  // The year's list and ledger for the whole team, as tables.
  await page.getByRole('link', { name: /一岗双责/ }).click();
  await page.getByRole('tab', { name: '清单与台账' }).click();
  const ledger = page.getByLabel('履职纪实台账（全体班子成员）');
  await expect(ledger.getByTestId('preview-pages')).toContainText(`${day.year}年度履行“一岗双责”纪实台账，共 1 页`, {
    timeout: 30_000,
  });
  await expect(ledger.getByTestId('document-page').first()).toHaveAttribute('data-drawn', 'true');
  await expect(page.getByLabel('责任清单（领导班子和班子成员）').getByTestId('document-page').first()).toHaveAttribute(
    'data-drawn',
    'true',
  );
  await app.shot(page, '67-duties-print');
});

test('一岗双责: the 班子成员 picker finds roster members by pinyin initials', async ({ page, app }) => {
  const token = /token=([\w-]+)/.exec(app.url)![1];
  const api = async <T>(channel: string, input: unknown): Promise<T> => {
    const response = await fetch(`${app.origin}/api/invoke`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      body: JSON.stringify({ channel, input }),
    });
    const result = (await response.json()) as { ok: boolean; value?: T; error?: { message: string } };
    if (!result.ok) throw new Error(`${channel}: ${result.error?.message}`);
    return result.value as T;
  };
  await api('organ.setup', {
    organName: '某某市财政局',
    committeeKind: 'committee',
    committeeName: '中共某某市财政局机关委员会',
    superiorName: '中共某某市直属机关工作委员会',
    branches: ['办公室党支部'],
  });
  const units = await api<{ id: number; kind: string }[]>('org.units', {});
  const branchId = units.find((u) => u.kind === 'branch')!.id;
  const id = (first17: string) => first17 + checkCharacter(first17);
  await api('roster.add', {
    fields: {
      name: '刘强',
      citizenId: id('11010119800101001'),
      branchId,
      admittedOn: '2005-07-01',
      fullMembershipOn: '2006-07-01',
    },
    arrival: null,
  });
  await api('roster.add', {
    fields: {
      name: '李明',
      citizenId: id('11010119820202002'),
      branchId,
      admittedOn: '2008-07-01',
      fullMembershipOn: '2009-07-01',
    },
    arrival: null,
  });

  await page.goto(app.url);
  await page.getByRole('link', { name: /一岗双责/ }).click();
  await page.getByRole('button', { name: '登记班子成员' }).click();
  await page.getByRole('button', { name: '新增班子成员' }).click();
  const form = page.getByRole('form', { name: '班子成员' });
  const picker = form.getByRole('combobox', { name: '从党员名册选择（是党员的）' });
  await picker.fill('lq');
  await expect(page.getByRole('option', { name: '刘强（办公室党支部）' })).toBeVisible();
  await expect(page.getByRole('option', { name: /李明/ })).toHaveCount(0);
  await app.shot(page, '66-duties-picker-initials');
  await page.getByRole('option', { name: '刘强（办公室党支部）' }).click();
  await expect(picker).toHaveValue('刘强（办公室党支部）');
});
