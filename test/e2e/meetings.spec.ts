import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { addDays, localToday } from '../../src/shared/dates';
import { readPdfText } from '../support/pdf-measure';
import { dismissToasts, expect, SCREENSHOT_DIR, test, type WebApp } from './fixtures';

/** Seeds data through the same contract the screens use (the browser-mode transport). */
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
// The browser-mode server keeps the machine's clock: everything is relative to today.
const today = localToday();
// The meeting is held today, so the preparation steps were due days ago and show as done late.
const heldOn = today;
const year = Number(heldOn.slice(0, 4));
/** A date as people type it into a date field. */
const typed = (iso: string) => `${Number(iso.slice(0, 4))}年${Number(iso.slice(5, 7))}月${Number(iso.slice(8, 10))}日`;

interface Meeting {
  id: number;
  people: { id: number; name: string }[];
  talkPairs: { a: string; b: string; heldOn: string | null }[];
}

test('a whole 民主生活会 with a team of five, from plan to binder', async ({ page, app }) => {
  test.setTimeout(240_000);
  await api(app, 'organ.setup', SETUP);
  await page.goto(app.url);
  await page.getByRole('link', { name: /生活会/ }).click();
  await expect(page.getByText('还没有会议')).toBeVisible();
  await page.getByRole('button', { name: '设置', exact: true }).click();
  await expect(page.getByLabel('情况报告：会后天数')).toHaveValue('15');
  await app.shot(page, 'meetings-settings');
  await page.getByRole('button', { name: '设置', exact: true }).click();
  await page.getByRole('button', { name: '新建会议' }).click();
  await page.getByLabel('年度').fill(String(year));
  // Dates are typed as people write them, and shown so.
  await page.getByLabel('会议日期').fill(typed(heldOn));
  await page.getByLabel('会议日期').press('Tab');
  await expect(page.getByLabel('会议日期')).toHaveValue(typed(heldOn));
  await page.getByLabel('会议主题').fill('深入学习贯彻党的创新理论，凝心铸魂强根基');
  await page.getByLabel('会议地点').fill('三楼会议室');
  await page.getByLabel('主持人').fill('王局长');
  await page.getByLabel('记录人').fill('周秘书');
  await page.getByLabel('上级到会人员').fill('市直机关工委督导组');
  await page
    .getByLabel('应参会人员')
    .fill(
      [
        '王局长 党组书记、局长',
        '李副局长 党组成员、副局长 | 财务处长',
        '赵副局长 党组成员、副局长',
        '钱组长 纪检组长',
        '孙副局长 党组成员、副局长',
      ].join('\n'),
    );
  await app.shot(page, 'meetings-create');
  await page.getByRole('button', { name: '建立会议' }).click();
  await expect(page.getByRole('heading', { name: `${year}年度民主生活会` })).toBeVisible();
  const meetingId = Number(/#\/meetings\/(\d+)/.exec(page.url())![1]);
  const m = await api<Meeting>(app, 'meetings.get', { meetingId });
  const pid = (name: string) => m.people.find((p) => p.name === name)!.id;

  // 修改会议信息: the basics corrected after creation; a blank theme is refused on the field.
  await page.getByRole('button', { name: '修改会议信息' }).click();
  const basics = page.getByRole('dialog', { name: /修改会议信息/ });
  await expect(basics.getByLabel('会议日期')).toHaveValue(typed(heldOn));
  await basics.getByLabel('会议主题').fill(' ');
  await basics.getByLabel('会议地点').fill('五楼第二会议室');
  await basics.getByLabel('记录人').fill('办公室刘秘书');
  await basics.getByLabel('上级到会人员').fill('市纪委监委驻局纪检组');
  await basics.getByRole('button', { name: '保存' }).click();
  await expect(basics.getByText(/请填写会议主题/)).toBeVisible();
  await basics.getByLabel('会议主题').fill('深入学习贯彻党的创新理论，以学铸魂强根基');
  await app.shot(page, 'meetings-basics');
  await basics.getByRole('button', { name: '保存' }).click();
  await expect(basics).toBeHidden();
  await expect(
    page.getByText('主题：深入学习贯彻党的创新理论，以学铸魂强根基　日期：', { exact: false }),
  ).toBeVisible();
  await expect(
    page.getByText(/地点：五楼第二会议室　主持：王局长　记录：办公室刘秘书　上级到会：市纪委监委驻局纪检组/),
  ).toBeVisible();

  // 方案: the template is offered, with the corrected basics; reported today.
  await expect(page.getByLabel('方案正文')).toHaveValue(/在五楼第二会议室召开/);
  await page.getByLabel('报上级日期').fill(typed(today));
  await page.getByLabel('报上级日期').press('Tab');
  await page.getByRole('button', { name: '保存方案' }).click();
  await expect(
    page
      .getByRole('table', { name: '工作环节' })
      .getByText(`${typed(today)}完成`)
      .first(),
  ).toBeVisible();

  // 学习研讨
  await page.getByRole('tab', { name: '学习研讨' }).click();
  const study = page.getByRole('form', { name: '添加学习研讨' });
  await study.getByLabel('学习日期').fill(typed(today));
  await study.getByLabel('学习日期').press('Tab');
  await study.getByLabel('学习内容').fill('集中学习党的创新理论');
  await study.getByRole('checkbox', { name: '钱组长' }).uncheck();
  await study.getByLabel('钱组长缺席原因').fill('参加省纪委培训');
  await expect(study.getByText('应到5人，实到4人；缺席：钱组长（参加省纪委培训）')).toBeVisible();
  await study.getByRole('button', { name: '添加学习' }).click();
  const studies = page.getByRole('table', { name: '学习研讨' });
  await expect(
    studies
      .getByRole('row', { name: /集中学习党的创新理论/ })
      .getByText('应到5人，实到4人；缺席：钱组长（参加省纪委培训）'),
  ).toBeVisible();
  // The form starts again with everyone ticked.
  await expect(study.getByRole('checkbox', { name: '钱组长' })).toBeChecked();
  await dismissToasts(page);
  await app.shot(page, 'meetings-study');
  // Corrected: 钱组长 was there after all, 孙副局长 was away instead.
  await studies.getByRole('button', { name: '修改集中学习党的创新理论' }).click();
  const fix = page.getByRole('dialog', { name: /修改学习研讨/ });
  await fix.getByRole('checkbox', { name: '钱组长' }).check();
  await fix.getByRole('checkbox', { name: '孙副局长' }).uncheck();
  await fix.getByLabel('孙副局长缺席原因').fill('因公出差');
  await dismissToasts(page);
  await app.shot(page, 'meetings-study-edit');
  await fix.getByRole('button', { name: '保存修改' }).click();
  await expect(fix).toBeHidden();
  await expect(studies.getByText('应到5人，实到4人；缺席：孙副局长（因公出差）')).toBeVisible();

  // 征求意见
  await page.getByRole('tab', { name: '征求意见' }).click();
  await page.getByLabel('意见类别').fill('工作作风');
  await page.getByLabel('意见内容').fill('班子深入基层调研还不够');
  await page.getByRole('button', { name: '添加意见' }).click();
  await expect(page.getByRole('table', { name: '征求意见' }).getByText('班子深入基层调研还不够')).toBeVisible();
  await page.getByLabel('意见类别').fill('一岗双责');
  await page.getByLabel('意见内容').fill('对分管处室党建工作过问较少');
  await page.getByRole('combobox', { name: '涉及人员' }).click();
  await page.getByRole('option', { name: '李副局长' }).click();
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: '添加意见' }).click();
  await expect(page.getByRole('table', { name: '征求意见' }).getByText('对分管处室党建工作过问较少')).toBeVisible();
  await page.getByLabel('汇总反馈日期').fill(typed(today));
  await page.getByLabel('汇总反馈日期').press('Tab');
  await page.getByRole('button', { name: '记录反馈' }).click();
  await app.shot(page, 'meetings-opinions');

  // 谈心谈话: 4 + 6 + 1 pairs; record them one after another from "the next missing pair".
  await page.getByRole('tab', { name: '谈心谈话' }).click();
  await expect(page.getByText('应谈11对，已谈0对')).toBeVisible();
  for (let i = 0; i < 10; i++) {
    await page.getByRole('button', { name: '选下一对未谈' }).click();
    await page.getByLabel('谈话日期').fill(typed(today));
    await page.getByLabel('谈话日期').press('Tab');
    await page.getByLabel('谈话记录').fill('交流思想，互相提醒');
    await page.getByRole('button', { name: '记录谈话' }).click();
    await expect(page.getByText(`应谈11对，已谈${i + 1}对`)).toBeVisible();
  }
  await expect(page.getByText('还有1对未谈：李副局长—财务处长')).toBeVisible();
  await app.shot(page, 'meetings-talks');
  await page.getByRole('button', { name: '选下一对未谈' }).click();
  await page.getByLabel('谈话日期').fill(typed(today));
  await page.getByLabel('谈话日期').press('Tab');
  await page.getByRole('button', { name: '记录谈话' }).click();
  await expect(page.getByText('应谈11对，已谈11对')).toBeVisible();

  // 对照检查材料: the team's in the app; a near repeat of last year's wording is flagged for 李副局长.
  const last = await api<Meeting>(app, 'meetings.create', {
    kind: 'democratic',
    year: year - 1,
    theme: '上年度',
    heldOn: `${year - 1}-12-10`,
    people: [
      { name: '王局长', role: 'principal' },
      { name: '李副局长', role: 'member' },
    ],
  });
  await api(app, 'meetings.saveMaterial', {
    meetingId: last.id,
    personId: last.people[1]!.id,
    problems: [
      { theme: '理论学习', text: '理论学习不够深入，学用结合不够紧密，运用党的创新理论指导实践的能力还有差距。' },
    ],
  });
  await page.getByRole('tab', { name: '对照检查材料' }).click();
  await page
    .getByLabel('存在的问题')
    .fill('理论学习方面：班子集体学习的深度还不够，研讨交流有时流于形式。\n担当作为方面：深入基层调研还不够经常。');
  await page.getByLabel('原因剖析').fill('理想信念的坚定性有所放松。');
  await page.getByLabel('整改措施').fill('一、强化理论武装\n坚持第一议题制度。');
  await page.getByRole('button', { name: '保存材料' }).click();
  await expect(page.getByText('班子深入基层调研还不够', { exact: false }).first()).toBeVisible();
  await page.getByLabel('审阅人').fill('王局长');
  await page.getByRole('button', { name: '定稿' }).click();
  await expect(page.getByText('状态：定稿（王局长')).toBeVisible();
  await page.getByRole('combobox', { name: '材料' }).click();
  await page.getByRole('option', { name: /李副局长/ }).click();
  await page
    .getByLabel('存在的问题')
    .fill('理论学习方面：理论学习还不够深入，学用结合不紧密，运用党的创新理论指导实践能力有差距。');
  await page.getByRole('button', { name: '保存材料' }).click();
  await expect(page.getByText('与往年问题表述相近')).toBeVisible();
  await expect(
    page
      .getByText('【下级单位·一岗双责】对分管处室党建工作过问较少')
      .or(page.getByText('【党员·一岗双责】对分管处室党建工作过问较少')),
  ).toBeVisible();
  await app.shot(page, 'meetings-material-repeat');
  for (const p of m.people) {
    if (p.name !== '李副局长' && p.name !== '王局长')
      await api(app, 'meetings.saveMaterial', {
        meetingId,
        personId: p.id,
        problems: [{ theme: '担当作为方面', text: `${p.name}推动分管工作创新办法不多。` }],
        causes: '开拓进取精神不足。',
        measures: '对标先进。',
      });
  }
  await api(app, 'meetings.saveMaterial', {
    meetingId,
    personId: pid('王局长'),
    problems: [{ theme: '理论学习方面', text: '带头学习还不够。' }],
  });
  for (const owner of [pid('王局长'), pid('李副局长'), pid('赵副局长'), pid('钱组长'), pid('孙副局长')])
    await api(app, 'meetings.reviewMaterial', { meetingId, personId: owner, status: 'final', reviewedBy: '王局长' });

  // 召开会议: the two-thirds rule as the boxes are ticked; 4 of 5 present, minutes with the principal first.
  await page.getByRole('tab', { name: '召开会议' }).click();
  await page.getByRole('checkbox', { name: '孙副局长' }).uncheck();
  await page.getByLabel('孙副局长缺席原因').fill('因公出差');
  await page.getByRole('checkbox', { name: '钱组长' }).uncheck();
  await expect(page.getByText('应到5人，实到3人，不足应到人数的三分之二（至少4人），会议不能召开')).toBeVisible();
  await expect(page.getByRole('button', { name: '记录到会，会议已召开' })).toBeDisabled();
  await dismissToasts(page);
  await app.shot(page, 'meetings-attendance-short');
  await page.getByRole('checkbox', { name: '钱组长' }).check();
  await page.getByRole('button', { name: '保存到会情况' }).click();
  await expect(page.getByText('应到5人，实到4人，达到应到人数的三分之二')).toBeVisible();
  await page.getByLabel('上级点评').fill('会议准备充分。');
  await page.getByRole('button', { name: '记录到会，会议已召开' }).click();
  await expect(page.getByRole('tabpanel', { name: '召开会议' }).getByText('会议已召开', { exact: true })).toBeVisible();
  // Once held, attendance below two thirds is refused and nothing changes.
  await page.getByRole('checkbox', { name: '赵副局长' }).uncheck();
  await page.getByRole('button', { name: '更新到会情况' }).click();
  await expect(
    page.getByRole('alert').filter({ hasText: '会议已记为召开，到会人数不能改为：应到5人，实到3人' }),
  ).toBeVisible();
  await dismissToasts(page);
  await app.shot(page, 'meetings-attendance-refused');
  await page.getByRole('checkbox', { name: '赵副局长' }).check();
  await expect(page.getByText('应到5人，实到4人，达到应到人数的三分之二')).toBeVisible();
  const first = page.getByRole('form', { name: '王局长发言' });
  await first.getByLabel('王局长自我批评').fill('本人带头学习还不够。');
  await first.getByLabel('李副局长对王局长的批评意见').fill('希望王局长多听取基层意见。');
  await first.getByLabel('王局长表态回应').fill('诚恳接受。');
  await first.getByRole('button', { name: '保存发言' }).click();
  await expect(first.getByText('1. 王局长（已记录）')).toBeVisible();
  for (const [i, name] of ['李副局长', '赵副局长', '钱组长'].entries())
    await api(app, 'meetings.saveSpeech', {
      meetingId,
      personId: pid(name),
      order: i + 2,
      selfCriticism: `${name}自我批评。`,
      criticisms: [{ fromPersonId: pid('王局长'), text: `希望${name}多下基层。` }],
      response: '接受。',
    });
  await app.shot(page, 'meetings-held');

  // 情况报告
  await page.getByRole('tab', { name: '情况报告' }).click();
  await page.getByRole('button', { name: '根据会议情况起草' }).click();
  await expect(page.getByLabel('报告正文')).toHaveValue(/应到5人，实到4人/);
  await page.getByLabel('报送日期').fill(typed(heldOn));
  await page.getByLabel('报送日期').press('Tab');
  await page.getByRole('button', { name: '保存报告' }).click();

  // 整改清单
  await page.getByRole('tab', { name: '整改清单' }).click();
  await page.getByLabel('问题', { exact: true }).fill('班子集体学习的深度还不够');
  await page.getByLabel('整改措施').fill('坚持第一议题制度');
  await page.getByRole('combobox', { name: '责任人' }).click();
  await page.getByRole('option', { name: '王局长' }).click();
  await page.getByLabel('整改时限').fill(typed(addDays(heldOn, 120)));
  await page.getByLabel('整改时限').press('Tab');
  await page.getByRole('button', { name: '添加整改事项' }).click();
  await expect(page.getByRole('table', { name: '整改清单' }).getByText('班子集体学习的深度还不够')).toBeVisible();
  await expect(page.getByRole('table', { name: '整改清单' }).getByText(typed(addDays(heldOn, 120)))).toBeVisible();
  await page.getByLabel('班子集体学习的深度还不够进展').fill('已制定学习计划');
  await page.getByLabel('班子集体学习的深度还不够佐证材料').fill('学习计划文件');
  await page.getByRole('table', { name: '整改清单' }).getByRole('button', { name: '保存' }).click();
  await expect(page.getByRole('table', { name: '整改清单' }).getByText(/已制定学习计划/)).toBeVisible();
  await app.shot(page, 'meetings-rectification');

  // The binder, downloaded from the page, its pages turned into images.
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: '材料汇编PDF' }).click();
  const file = path.join(SCREENSHOT_DIR, 'meetings-e2e-binder.pdf');
  await (await download).saveAs(file);
  const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))![1]);
  expect(pages).toBeGreaterThan(12);
  const text = readPdfText(file).replace(/\s+/g, '');
  for (const expected of [
    '材料汇编',
    '目录',
    '会议方案',
    '学习研讨记录',
    '孙副局长（因公出差）',
    '五楼第二会议室',
    '征求意见汇总表',
    '谈心谈话情况表',
    '领导班子对照检查材料',
    '李副局长对照检查材料',
    '会议记录',
    '情况报告',
    '整改清单',
    '希望王局长多听取基层意见。',
    '佐证：学习计划文件',
  ])
    expect(text).toContain(expected);
  execFileSync('pdftoppm', ['-png', '-r', '50', '-l', '4', file, path.join(SCREENSHOT_DIR, 'meetings-e2e-binder')]);
  expect(fs.existsSync(path.join(SCREENSHOT_DIR, 'meetings-e2e-binder-01.png'))).toBe(true);
  await page.getByRole('tab', { name: '方案' }).click();
  await app.shot(page, 'meetings-steps-done');
});

test('a branch 组织生活会 with 民主评议党员: 优秀 at most a third, probationary members ungraded', async ({
  page,
  app,
}) => {
  test.setTimeout(120_000);
  await api(app, 'organ.setup', SETUP);
  const people = ['甲', '乙', '丙', '丁', '戊', '己']
    .map((name) => ({ name, role: 'full' }))
    .concat([{ name: '庚', role: 'probationary' }]);
  await api<Meeting>(app, 'meetings.create', {
    kind: 'branch',
    year,
    unitId: 2,
    theme: '对照党章党规找差距',
    heldOn,
    people,
  });
  await page.goto(app.url);
  await page.getByRole('link', { name: /生活会/ }).click();
  await page.getByRole('table', { name: '会议列表' }).getByText('办公室党支部组织生活会').click();
  await page.getByRole('tab', { name: '民主评议' }).click();
  await expect(page.getByText('优秀至多2人（三分之一）')).toBeVisible();
  const grade = async (name: string, label: string) => {
    await page.getByRole('combobox', { name: `${name}等次` }).click();
    await page.getByRole('option', { name: label, exact: true }).click();
    await page
      .getByRole('row', { name: new RegExp(name) })
      .getByRole('button', { name: '保存' })
      .click();
  };
  await page.getByLabel('甲个人自评').fill('认真履行支部书记职责');
  await grade('甲', '优秀');
  await grade('乙', '优秀');
  await expect(page.getByText('统计：优秀2人')).toBeVisible();
  await grade('丙', '优秀');
  await expect(
    page.getByRole('alert').filter({ hasText: '评为优秀的有3人，超过正式党员6人的三分之一（至多2人）' }),
  ).toBeVisible();
  await grade('丙', '合格');
  await grade('丁', '合格');
  await grade('戊', '基本合格');
  await grade('己', '合格');
  await expect(page.getByText('统计：优秀2人，合格3人，基本合格1人，不合格0人，未评定0人')).toBeVisible();
  await expect(page.getByRole('row', { name: /庚/ }).getByText('不评定等次')).toBeVisible();
  await app.shot(page, 'meetings-appraisal');
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: '评议结果PDF' }).click();
  const file = path.join(SCREENSHOT_DIR, 'meetings-e2e-appraisal.pdf');
  await (await download).saveAs(file);
  expect(execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '')).toContain(
    '优秀2人，合格3人，基本合格1人，不合格0人',
  );
});

test('a 专题民主生活会 says why it was called; the log shows meeting values in Chinese', async ({ page, app }) => {
  test.setTimeout(120_000);
  await api(app, 'organ.setup', SETUP);
  for (const [name, role, title, leftOn] of [
    ['李副局长', 'deputy', '党组成员、副局长', null],
    ['王局长', 'secretary', '党组书记、局长', null],
    ['周副局长', 'deputy', '党组成员、副局长', `${year}-01-15`],
    ['赵副局长', 'deputy', '党组成员、副局长', null],
  ] as const)
    await api(app, 'duties.addLeader', { year, name, role, title, divisions: [], branchIds: [], leftOn });
  await page.goto(app.url);
  await page.getByRole('link', { name: /生活会/ }).click();
  await page.getByRole('button', { name: '新建会议' }).click();
  await page.getByRole('combobox', { name: '会议类型' }).click();
  await page.getByRole('option', { name: '专题民主生活会' }).click();
  await page.getByLabel('年度').fill(String(year));
  await page.getByLabel('会议日期').fill(heldOn);
  await page.getByLabel('会议日期').press('Tab');
  await page.getByLabel('会议主题').fill('巡察整改专题民主生活会');
  // The year's 一岗双责 team is offered as the list: the secretary first, who left during the year not at all.
  await expect(page.getByLabel('应参会人员')).toHaveValue(
    ['王局长 党组书记、局长', '李副局长 党组成员、副局长', '赵副局长 党组成员、副局长'].join('\n'),
  );
  await expect(page.getByText(`已按${year}年度一岗双责领导班子填入`)).toBeVisible();
  await app.shot(page, 'meetings-people-from-duties');
  await page
    .getByLabel('应参会人员')
    .fill(['王局长 党组书记、局长', '李副局长 党组成员、副局长', '赵副局长 党组成员、副局长'].join('\n'));
  await page.getByRole('button', { name: '建立会议' }).click();
  await expect(page.getByText(/专题民主生活会须选择召开原因/)).toBeVisible();
  await page.getByRole('combobox', { name: '召开原因', exact: true }).click();
  await page.getByRole('option', { name: '纪律检查、巡视巡察、审计发现严重问题' }).click();
  await page.getByLabel('召开原因说明').fill('市委第三巡察组反馈指出选人用人方面存在问题');
  await app.shot(page, 'meetings-special-create');
  await page.getByRole('button', { name: '建立会议' }).click();
  await expect(
    page.getByText('召开原因：纪律检查、巡视巡察、审计发现严重问题（市委第三巡察组反馈指出选人用人方面存在问题）'),
  ).toBeVisible();
  await expect(page.getByLabel('方案正文')).toHaveValue(
    /^因纪律检查、巡视巡察、审计发现严重问题（市委第三巡察组反馈指出选人用人方面存在问题），经上级党组织同意，/,
  );

  await page.getByRole('button', { name: '修改会议信息' }).click();
  const basics = page.getByRole('dialog', { name: /修改会议信息/ });
  await basics.getByRole('combobox', { name: '召开原因', exact: true }).click();
  await page.getByRole('option', { name: '其他情形' }).click();
  await basics.getByLabel('召开原因说明').fill('');
  await basics.getByRole('button', { name: '保存' }).click();
  await expect(basics.getByText('召开原因为“其他情形”时，请写明具体原因')).toBeVisible();
  await basics.getByRole('combobox', { name: '召开原因', exact: true }).click();
  await page.getByRole('option', { name: '发生违纪违法案件' }).click();
  await basics.getByLabel('召开原因说明').fill('原财务处长严重违纪违法被立案审查');
  // Once the form is edited, the last refusal no longer stands against it.
  await expect(basics.getByText('召开原因为“其他情形”时，请写明具体原因')).toBeHidden();
  await dismissToasts(page);
  await app.shot(page, 'meetings-special-basics');
  await basics.getByRole('button', { name: '保存' }).click();
  await expect(page.getByText('召开原因：发生违纪违法案件（原财务处长严重违纪违法被立案审查）')).toBeVisible();
  // The unsaved plan draft follows the corrected reason.
  await expect(page.getByLabel('方案正文')).toHaveValue(/^因发生违纪违法案件（原财务处长严重违纪违法被立案审查）/);

  // A material finalised, then the log in the office's words.
  const meetingId = Number(/#\/meetings\/(\d+)/.exec(page.url())![1]);
  await api(app, 'meetings.saveMaterial', {
    meetingId,
    personId: null,
    problems: [{ theme: '选人用人方面', text: '执行干部选拔任用程序不够严格。' }],
  });
  await api(app, 'meetings.reviewMaterial', { meetingId, personId: null, status: 'final', reviewedBy: '王局长' });
  await page.getByRole('link', { name: /操作记录/ }).click();
  const log = page.getByRole('table', { name: '操作记录' });
  await expect(
    log.getByText(
      `${year}年度专题民主生活会　召开原因：纪律检查、巡视巡察、审计发现严重问题 → 发生违纪违法案件；召开原因说明：市委第三巡察组反馈指出选人用人方面存在问题 → 原财务处长严重违纪违法被立案审查`,
    ),
  ).toBeVisible();
  await expect(log.getByText('领导班子对照检查材料　审阅状态：草稿 → 定稿；审阅人：空 → 王局长')).toBeVisible();
  await expect(log.getByText(/inspectionFindings|final/)).toHaveCount(0);
  await dismissToasts(page);
  await app.shot(page, 'meetings-audit');
});
