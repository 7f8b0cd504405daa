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

describe('the audit log’s hash chain', () => {
  it('is intact after normal work, and shows where someone edited or removed entries with an SQL tool', async () => {
    const Database = (await import('better-sqlite3-multiple-ciphers')).default;
    const t = tempWorkspace();
    await t.api('organ.setup', SAMPLE_SETUP);
    await t.api('roster.add', { fields: memberFields() });
    await t.api('org.addUnit', { kind: 'branch', parentId: 1, name: '第三党支部' });
    const verified = await t.api('audit.verify', {});
    expect(verified).toMatchObject({ intact: true, brokenAt: null });
    expect(verified.entries).toBeGreaterThan(5);
    const file = t.ws.dataFile;
    t.ws.close();

    // Someone removes the guard and quietly changes who did something.
    const stray = new Database(file);
    stray.exec('DROP TRIGGER audit_log_no_update');
    stray.prepare(`UPDATE audit_log SET actor = '别人' WHERE id = 3`).run();
    stray.close();
    const edited = tempWorkspace({ dataDir: t.dataDir });
    expect(await edited.api('audit.verify', {})).toMatchObject({ intact: false, brokenAt: 3 });
    edited.ws.close();

    const again = new Database(file);
    again.exec('DROP TRIGGER audit_log_no_delete');
    again.prepare(`UPDATE audit_log SET actor = '测试员' WHERE id = 3`).run();
    again.prepare(`DELETE FROM audit_log WHERE id = 5`).run();
    again.close();
    const removed = tempWorkspace({ dataDir: t.dataDir });
    expect(await removed.api('audit.verify', {})).toMatchObject({ intact: false, brokenAt: 6 });
  });
});
