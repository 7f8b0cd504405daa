import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { auditedTables } from '../../src/core/db/audit-triggers';
import { ENTITY_LABEL } from '../../src/shared/audit/labels';
import { memberFields } from '../support/people';
import { SAMPLE_SETUP, tempDir, tempWorkspace } from '../support/temp-workspace';
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
    expect(sheet.getRow(4).getCell(5).value).toBe('党员');
    expect(String(sheet.getRow(4).getCell(7).value)).toBe('张三');
    expect(String(sheet.getRow(4).getCell(9).value)).toContain('姓名：张三；性别：男');
  });

  it('exports dues work in the office’s words: whose payment, which month, 元, no codes or JSON', async () => {
    const t = tempWorkspace();
    await t.api('organ.setup', SAMPLE_SETUP);
    const zhang = await t.api('roster.add', { fields: memberFields() });
    await t.api('dues.assess', { year: 2026 });
    await t.api('dues.setTerms', { year: 2026, memberId: zhang.id, terms: { category: 'employed', baseFen: 630_000 } });
    await t.api('dues.recordPayments', {
      paidOn: '2026-03-25',
      entries: [{ memberId: zhang.id, month: '2026-03', paidFen: 9_450, receiptNo: 'S-0325' }],
    });

    const on = await t.api('audit.list', { entity: 'dues_payment' });
    expect(on[0]!.memberName).toBe('张三');
    const sheet = (await readBack((await t.api('audit.export', {})).base64)).worksheets[0]!;
    const header = (sheet.getRow(3).values as unknown[]).filter(Boolean);
    expect(header).toEqual(['编号', '时间', '操作人', '动作', '对象', '记录编号', '内容', '改动前', '改动后', '原因']);
    const rows: string[][] = [];
    sheet.eachRow((row, n) => {
      if (n > 3) rows.push(header.map((_, i) => String(row.getCell(i + 1).value ?? '')));
    });
    // Newest first: the payment, then the terms set on the year's draft.
    const payment = rows.find((r) => r[4] === '党费：收缴登记')!;
    expect(payment[3]).toBe('新增');
    // The time as the office's clock read it, not UTC.
    const at = new Date(on[0]!.at);
    expect(payment[1]).toBe(
      `${at.getFullYear()}年${at.getMonth() + 1}月${at.getDate()}日 ${String(at.getHours()).padStart(2, '0')}:${String(at.getMinutes()).padStart(2, '0')}:${String(at.getSeconds()).padStart(2, '0')}`,
    );
    expect(payment[6]).toBe('张三 2026年3月党费 实交 94.50 元');
    expect(payment[8]).toBe('月份：2026年3月；应交：94.50 元；实交：94.50 元；交纳日期：2026年3月25日；收据号：S-0325');
    const terms = rows.find((r) => r[4] === '党费：党员核定' && r[3] === '修改')!;
    expect(terms[6]).toContain('张三 2026年度核定（在职，每月 94.50 元）');
    expect(terms[6]).toContain('基数：空 → 6,300.00 元');
    expect(terms[8]).toContain('党费类别：在职；基数：6,300.00 元；基数来源：录入');
    expect(rows.some((r) => r[4] === '党费：年度核定' && r[6] === '2026年度党费核定')).toBe(true);
    // Nothing in the log reads as a stored code, a table name or JSON.
    for (const r of rows) {
      expect(r[4], r.join(' | ')).not.toMatch(/^[a-z_]+$/);
      expect(r.slice(6, 9).join(' '), r.join(' | ')).not.toMatch(/[{}[\]"]|_fen|employed|typed\b|halfUp/);
    }
  });

  it('has a name in the office’s words for every table it records', async () => {
    const t = tempWorkspace();
    await t.api('organ.setup', SAMPLE_SETUP);
    const unnamed = auditedTables(t.ws.database()).filter((table) => !ENTITY_LABEL[table]);
    expect(unnamed).toEqual([]);
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

describe('a data file from before entries were sealed as written (version 6)', () => {
  it('opens, keeps its log as it was, and goes on with the same chain', async () => {
    const Database = (await import('better-sqlite3-multiple-ciphers')).default;
    const { MIGRATIONS } = await import('../../src/core/db/migrations');
    const { APPLICATION_ID } = await import('../../src/core/db/open');
    const { registerAuditHash } = await import('../../src/core/services/audit-chain');
    const dir = tempDir();
    const old = new Database(path.join(dir, 'party-office.db'));
    old.function('audit_actor', () => '旧版用户');
    old.function('audit_via', () => 'desktop');
    old.function('audit_reason', () => null);
    registerAuditHash(old);
    for (const step of MIGRATIONS.slice(0, 6)) old.exec(step.sql);
    // Version 6's trigger shape: the entry written unsealed, then sealed by the chain trigger's update.
    old.exec(`CREATE TRIGGER audit_org_unit_insert AFTER INSERT ON org_unit BEGIN
      INSERT INTO audit_log (at, actor, via, action, entity, entity_id, before, after, reason)
      VALUES ('2026-01-01T00:00:00.000Z', audit_actor(), audit_via(), 'insert', 'org_unit', NEW.rowid, NULL, json_object('name', NEW.name), audit_reason());
    END`);
    old.exec(`INSERT INTO organ VALUES (1, '旧版机关', 'committee', '中共旧版机关委员会', '', '2020-01-01')`);
    old.exec(
      `INSERT INTO org_unit (id, kind, parent_id, name) VALUES (1, 'committee', NULL, '中共旧版机关委员会'), (2, 'branch', 1, '第一党支部')`,
    );
    old.pragma(`application_id = ${APPLICATION_ID}`);
    old.pragma('user_version = 6');
    const before = old.prepare('SELECT * FROM audit_log ORDER BY id').all();
    old.close();
    expect(before).toHaveLength(2);

    const t = tempWorkspace({ dataDir: dir });
    await t.api('org.addUnit', { kind: 'branch', parentId: 1, name: '第二党支部' });
    const entries = await t.api('audit.list', { limit: 100 });
    expect(entries.map((e) => [e.actor, e.action])).toEqual([
      ['测试员（测试）', 'insert'],
      ['旧版用户（桌面程序）', 'insert'],
      ['旧版用户（桌面程序）', 'insert'],
    ]);
    expect(await t.api('audit.verify', {})).toEqual({ entries: 3, intact: true, brokenAt: null, rewinds: [] });
    t.ws.close();
    const after = new Database(path.join(dir, 'party-office.db'), { readonly: true });
    expect(after.prepare('SELECT * FROM audit_log WHERE id <= 2 ORDER BY id').all()).toEqual(before);
    // An entry written past the app, unsealed, is refused; so is any change to one.
    after.close();
    const stray = new Database(path.join(dir, 'party-office.db'));
    expect(() =>
      stray
        .prepare(
          `INSERT INTO audit_log (at, actor, via, action, entity) VALUES ('x', 'x', 'desktop', 'insert', 'member')`,
        )
        .run(),
    ).toThrow('必须签封');
    expect(() => stray.prepare(`UPDATE audit_log SET reason = '补记' WHERE id = 3`).run()).toThrow('不能修改');
    stray.close();
  });
});
