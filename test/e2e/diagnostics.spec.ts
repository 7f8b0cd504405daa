import fs from 'node:fs';
import JSZip from 'jszip';
import { citizenId, memberFields } from '../support/people';
import { expect, personalDataInLog, test } from './fixtures';

/*
 * 数据安全 → 导出诊断信息: a zip of the diagnostic log and the program's versions, for whoever
 * supports the office. After a member has been added and a mistyped ID refused (the refusal's
 * detail is logged), neither the zip nor the log holds the member's name, ID number or phone.
 */

test('导出诊断信息 gives the log and versions, without the data', async ({ page, app }) => {
  const id = citizenId('1976-03-08', 'female', 7);
  const mistyped = `${id.slice(0, 17)}${id.endsWith('1') ? '2' : '1'}`;
  await app.api('organ.setup', {
    organName: '某某市审计局',
    committeeKind: 'committee',
    committeeName: '中共某某市审计局机关委员会',
    superiorName: '中共某某市直属机关工作委员会',
    branches: ['审计一处党支部'],
  });
  await app.api('roster.add', {
    fields: memberFields({ name: '欧阳晓梅', citizenId: id, gender: 'female', phone: '13912345678' }),
  });
  await expect(
    app.api('roster.add', { fields: memberFields({ name: '司马振华', citizenId: mistyped }) }),
  ).rejects.toThrow();

  await page.goto(app.url);
  await page.getByRole('link', { name: /数据安全/ }).click();
  const card = page.getByRole('form', { name: '诊断信息' });
  await expect(card).toContainText('不含党员、党费等任何数据');
  await card.scrollIntoViewIfNeeded();
  await app.shot(page, 'diagnostics-card');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    card.getByRole('button', { name: '导出诊断信息' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^诊断信息-\d{4}-\d{2}-\d{2}\.zip$/);
  const zip = await JSZip.loadAsync(fs.readFileSync(await download.path()));
  expect(Object.keys(zip.files).sort()).toEqual(['about.json', 'logs/', 'logs/party-office.log']);
  const about = JSON.parse(await zip.file('about.json')!.async('string')) as Record<string, unknown>;
  expect(about).toMatchObject({ app: expect.any(String), node: process.versions.node, via: 'web', setUp: true });
  const log = await zip.file('logs/party-office.log')!.async('string');
  const events = log
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
  expect(events.map((e) => e.event)).toEqual(expect.arrayContaining(['host.started', 'core.started', 'call.refused']));
  expect(events.find((e) => e.event === 'call.refused')).toMatchObject({
    channel: 'roster.add',
    code: 'INVALID_INPUT',
  });
  const everything = `${log}\n${JSON.stringify(about)}`;
  for (const secret of ['欧阳晓梅', '司马振华', id, mistyped, '13912345678', '审计'])
    expect(everything, secret).not.toContain(secret);
  expect(personalDataInLog(app.dataDir)).toEqual([]);
});
