import { checkCharacter } from '../../src/shared/members/citizen-id';
import path from 'node:path';
import { expect, SCREENSHOT_DIR, test } from './fixtures';

/*
 * Voiding a record asks for the reason, refuses without one, and the reason is what the member's
 * page and the audit log keep. Every void in the app (members, payments, fund entries, duty
 * records, evidence) goes through the same dialog.
 */

function citizenId(serial: number): string {
  const first17 = `11010119800101${String(serial * 2 + 1).padStart(3, '0')}`;
  return first17 + checkCharacter(first17);
}

test('作废此记录: no reason is refused in place, the reason typed is kept with the voided member', async ({
  page,
  app,
}) => {
  await app.api('organ.setup', {
    organName: '某某市财政局',
    committeeKind: 'committee',
    committeeName: '中共某某市财政局机关委员会',
    superiorName: '中共某某市直属机关工作委员会',
    branches: ['办公室党支部'],
  });
  const units = (await app.api('org.units', {})) as { id: number; kind: string }[];
  const m = (await app.api('roster.add', {
    fields: {
      name: '钱多余',
      citizenId: citizenId(7),
      branchId: units.find((u) => u.kind === 'branch')!.id,
      admittedOn: '2005-07-01',
      fullMembershipOn: '2006-07-01',
    },
  })) as { id: number };
  await page.goto(app.url);
  await page.evaluate((id) => {
    (globalThis as unknown as { location: { hash: string } }).location.hash = `#/roster/${id}`;
  }, m.id);
  await expect(page.getByRole('heading', { name: '钱多余' })).toBeVisible();
  await page.getByRole('button', { name: '更多' }).click();
  await page.getByRole('menuitem', { name: /作废此记录/ }).click();

  const dialog = page.getByRole('dialog', { name: '作废钱多余的记录' });
  await expect(dialog).toContainText('只用于录入错误');
  const reason = dialog.getByLabel('作废原因');
  await expect(reason).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(dialog.getByText('请填写作废原因')).toBeVisible();
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'void-member-no-reason.png') });
  await reason.fill('与第1号记录重复');
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(page.getByText('钱多余的记录已作废。')).toBeVisible();

  const detail = (await app.api('roster.get', { id: m.id })) as { voided: { reason: string } | null };
  expect(detail.voided?.reason).toBe('与第1号记录重复');
  const roster = (await app.api('roster.search', {})) as { rows: { id: number }[] };
  expect(roster.rows.map((r) => r.id)).not.toContain(m.id);
});
