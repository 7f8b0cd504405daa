import { addDays, localToday } from '../../src/shared/dates';
import { dismissToasts, expect, test, type WebApp } from './fixtures';

const api = <T = unknown>(app: WebApp, channel: string, input: unknown) => app.api(channel, input) as Promise<T>;

/*
 * Issue 16: a clerk's year without traps, as the clerk meets each trap — text left in a box when
 * switching tab or page, a draft made over edited text, a 情况报告 that says what did not happen,
 * a step dated tomorrow, a held 民主生活会 that 一岗双责 did not see.
 */

const SETUP = {
  organName: '某某市财政局',
  committeeKind: 'committee',
  committeeName: '中共某某市财政局机关委员会',
  superiorName: '中共某某市直属机关工作委员会',
  branches: ['办公室党支部'],
};
// The browser-mode server keeps the machine's clock.
const today = localToday();
const year = Number(today.slice(0, 4));
const typed = (iso: string) => `${Number(iso.slice(0, 4))}年${Number(iso.slice(5, 7))}月${Number(iso.slice(8, 10))}日`;
const TEAM = [
  { name: '王局长', role: 'principal', title: '党组书记、局长', divisionHeads: [] },
  { name: '李副局长', role: 'member', title: '党组成员、副局长', divisionHeads: [] },
  { name: '赵副局长', role: 'member', title: '党组成员、副局长', divisionHeads: [] },
];

async function meeting(app: WebApp, heldOn = today): Promise<{ id: number; people: { id: number; name: string }[] }> {
  await api(app, 'organ.setup', SETUP);
  return api(app, 'meetings.create', {
    kind: 'democratic',
    year,
    theme: '深入学习贯彻党的创新理论',
    heldOn,
    place: '三楼会议室',
    presider: '王局长',
    people: TEAM,
  });
}

test('情况报告: text typed is kept across tabs, pages and a reload; 起草 over it shows the difference and asks', async ({
  page,
  app,
}) => {
  test.setTimeout(120_000);
  const m = await meeting(app);
  await api(app, 'meetings.addOpinion', { meetingId: m.id, source: '党员', text: '调研不够深入', category: '作风' });
  await page.goto(app.url);
  await page.getByRole('link', { name: /生活会/ }).click();
  await page.getByText('深入学习贯彻党的创新理论').first().click();
  await page.getByRole('tab', { name: '情况报告' }).click();
  const box = page.getByRole('textbox', { name: '报告正文' });
  const mine = '本次会议由王局长主持，班子成员逐一发言。\n会前，班子成员逐一谈心谈话，坦诚交流。';
  await box.fill(mine);
  await expect(page.getByRole('status', { name: '草稿状态' })).toContainText('草稿已自动保存');

  // Another tab, another page, a reload: the text is there each time, said to be a draft.
  await page.getByRole('tab', { name: '方案' }).click();
  await page.getByRole('tab', { name: '情况报告' }).click();
  await expect(box).toHaveValue(mine);
  await expect(page.getByRole('status', { name: '草稿状态' })).toContainText('已恢复上次未保存的草稿');
  await page.getByRole('link', { name: /工作台/ }).click();
  await page.goBack();
  await page.getByRole('tab', { name: '情况报告' }).click();
  await expect(box).toHaveValue(mine);
  await page.reload();
  await page.getByRole('tab', { name: '情况报告' }).click();
  await expect(box).toHaveValue(mine);
  await app.shot(page, 'clerk-report-draft-restored');

  // 根据会议情况起草 over the edited text: the difference first, and the choice.
  await page.getByRole('button', { name: '根据会议情况起草' }).click();
  const ask = page.getByRole('dialog', { name: /根据会议情况起草：替换现在的报告正文/ });
  await expect(ask.getByRole('group', { name: '报告正文替换对照' })).toContainText('本次会议由王局长主持');
  await expect(ask.getByRole('group', { name: '报告正文替换对照' })).toContainText('征求意见1条');
  await expect(ask).toHaveCSS('opacity', '1'); // the dialog has finished fading in
  await app.shot(page, 'clerk-report-redraft-asks');
  await ask.getByRole('button', { name: '保留现在的内容' }).click();
  await expect(ask).toBeHidden();
  await expect(box).toHaveValue(mine);
  await page.getByRole('button', { name: '根据会议情况起草' }).click();
  await page
    .getByRole('dialog', { name: /替换现在的报告正文/ })
    .getByRole('button', { name: '替换' })
    .click();
  await expect(box).toHaveValue(/征求意见1条。/);
  // The draft states only what the records show: no feedback recorded, none claimed.
  await expect(box).not.toHaveValue(/反馈/);
  await expect(box).not.toHaveValue(/学习研讨/);

  // Saved, the draft is done: a reload shows the saved text with no draft notice.
  await page.getByRole('button', { name: '保存报告' }).click();
  await dismissToasts(page);
  await page.reload();
  await page.getByRole('tab', { name: '情况报告' }).click();
  await expect(box).toHaveValue(/征求意见1条。/);
  await expect(page.getByRole('status', { name: '草稿状态' })).toHaveCount(0);
});

test('方案报上级 dated tomorrow is refused, and the meeting cannot move before a talk held for it', async ({
  page,
  app,
}) => {
  test.setTimeout(120_000);
  const m = await meeting(app, addDays(today, 10));
  await page.goto(app.url);
  await page.goto(`${app.origin}/#/meetings/${m.id}`);
  const reported = page.getByLabel('报上级日期');
  await reported.fill(typed(addDays(today, 1)));
  await reported.press('Tab');
  await page.getByRole('button', { name: '保存方案' }).click();
  await expect(page.getByRole('alert')).toContainText(`在今天（${typed(today)}）之后：还没有做的事不能记为已完成`);
  const steps = page.getByRole('table', { name: '工作环节' });
  await expect(steps.getByRole('cell').first()).not.toContainText('已完成');
  await app.shot(page, 'clerk-plan-reported-tomorrow');

  // A talk held today prepares the meeting; moving the meeting before it is refused, naming it.
  await api(app, 'meetings.addTalk', { meetingId: m.id, a: '王局长', b: '李副局长', heldOn: today });
  await page.getByRole('button', { name: '修改会议信息' }).click();
  const basics = page.getByRole('dialog', { name: /修改会议信息/ });
  await basics.getByLabel('会议日期').fill(typed(addDays(today, -1)));
  await basics.getByLabel('会议日期').press('Tab');
  await basics.getByRole('button', { name: '保存' }).click();
  await expect(basics.getByText(`谈心谈话（王局长与李副局长，${typed(today)}）`, { exact: false })).toBeVisible();
  await app.shot(page, 'clerk-meeting-moved-before-talk');
});

test('a held 民主生活会 completes 一岗双责 “召开领导班子民主生活会” and leaves 工作台', async ({ page, app }) => {
  test.setTimeout(120_000);
  const m = await meeting(app);
  await api(app, 'duties.addLeader', { year, name: '王局长', role: 'secretary' });
  await api(app, 'duties.addFromLibrary', { year, leaderId: null, keys: ['lib:team:3'] });
  await page.goto(app.url);
  await page.getByRole('link', { name: /一岗双责/ }).click();
  await page.getByRole('tab', { name: /领导班子责任清单/ }).click();
  const item = page
    .getByText('召开领导班子民主生活会')
    .locator('xpath=ancestor::div[contains(@class,"mantine-Paper-root")][1]');
  await expect(item).toContainText('0/1');

  // The meeting held, on the meeting's own page.
  await page.goto(`${app.origin}/#/meetings/${m.id}`);
  await page.getByRole('tab', { name: '召开会议' }).click();
  await page.getByRole('button', { name: '记录到会，会议已召开' }).click();
  await expect(page.getByText('会议已召开').first()).toBeVisible();

  await page.getByRole('link', { name: /一岗双责/ }).click();
  await page.getByRole('tab', { name: /领导班子责任清单/ }).click();
  await expect(item).toContainText(`${typed(today)}召开${year}年度民主生活会（生活会记录）`);
  await expect(item).not.toContainText('0/1');
  await dismissToasts(page);
  await app.shot(page, 'clerk-duties-meeting-held');
  // Nothing about the team's list is left to remind of.
  const reminders = await api<{ subject: { kind: string } }[]>(app, 'reminders.list', {});
  expect(reminders.filter((r) => r.subject.kind === 'duties')).toEqual([]);
});
