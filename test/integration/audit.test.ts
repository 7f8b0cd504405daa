import { describe, expect, it } from 'vitest';
import { memberFields } from '../support/people';
import { SAMPLE_SETUP, tempWorkspace } from '../support/temp-workspace';
import { readBack } from '../support/workbooks';

describe('the audit log viewer', () => {
  it('filters by kind of record, person and day, and exports what it shows', async () => {
    const t = tempWorkspace();
    await t.api('organ.setup', SAMPLE_SETUP);
    await t.api('roster.add', { fields: memberFields() });
    const all = await t.api('audit.list', { limit: 1000 });
    const members = await t.api('audit.list', { entity: 'member' });
    expect(members.length).toBe(1);
    expect(members.every((e) => e.entity === 'member')).toBe(true);
    expect(await t.api('audit.list', { actor: '测试' })).toHaveLength(all.length);
    expect(await t.api('audit.list', { actor: '别人' })).toHaveLength(0);
    const today = new Date();
    const local = `${today.getFullYear()}-${String(today.getMonth() + 1).padStart(2, '0')}-${String(today.getDate()).padStart(2, '0')}`;
    expect(await t.api('audit.list', { from: local, to: local, limit: 1000 })).toHaveLength(all.length);
    expect(await t.api('audit.list', { to: '2000-01-01' })).toHaveLength(0);

    const file = await t.api('audit.export', { entity: 'member' });
    const sheet = (await readBack(file.base64)).worksheets[0]!;
    expect(sheet.getCell('A1').value).toBe('操作记录');
    expect(sheet.rowCount).toBe(3 + 1);
    expect(String(sheet.getRow(4).getCell(8).value)).toContain('张三');
  });
});
