import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { rebuildAuditTriggers } from '../../src/core/db/audit-triggers';
import { MIGRATIONS } from '../../src/core/db/migrations';
import { APPLICATION_ID } from '../../src/core/db/open';
import { citizenId, memberFields } from '../support/people';
import { readPdfLayout, screenshotPages } from '../support/pdf-measure';
import { SAMPLE_SETUP, tempDir, tempWorkspace } from '../support/temp-workspace';
import { asFile, readBack } from '../support/workbooks';
import { rejection } from '../support/rejection';

async function organ(today = '2026-11-22') {
  const t = tempWorkspace({ today });
  await t.api('organ.setup', SAMPLE_SETUP);
  return t;
}

const BODY = '中共某某局机关纪律检查委员会';

describe('奖惩 on the member, and who may vote', () => {
  it('records 表彰 and 留党察看, takes the vote and the right to be elected for the period, and gives them back on the day', async () => {
    const t = await organ('2025-03-01');
    const zhang = await t.api('roster.add', { fields: memberFields() });
    const li = await t.api('roster.add', {
      fields: memberFields({ name: '李四', citizenId: citizenId('1990-05-05', 'female'), gender: 'female' }),
    });
    // A 预备党员 of the same branch: in the branch, never with a vote.
    await t.api('roster.add', {
      fields: memberFields({
        name: '王五',
        citizenId: citizenId('1998-01-01', 'male', 3),
        admittedOn: '2024-12-01',
        fullMembershipOn: null,
      }),
    });
    await t.api('roster.addDecision', {
      memberId: li.id,
      kind: 'commendation',
      decidedOn: '2024-07-01',
      decidedBy: '中共某某局机关委员会',
      documentNo: '机党〔2024〕5号',
      reason: '优秀共产党员',
    });
    const punished = await t.api('roster.addDecision', {
      memberId: zhang.id,
      kind: 'probation',
      decidedOn: '2025-03-01',
      decidedBy: BODY,
      documentNo: '机纪〔2025〕3号',
      probationYears: 1,
      reason: '违反中央八项规定精神',
    });
    expect(punished.decisions).toMatchObject([
      { kind: 'probation', probationYears: 1, probationEndsOn: '2026-03-01', decidedBy: BODY, voided: null },
    ]);
    expect(punished.rights).toMatchObject({
      kind: 'without',
      vote: false,
      elected: false,
      probationEndsOn: '2026-03-01',
    });

    const branch = await t.api('roster.rights', { date: '2025-03-01', branchId: 2 });
    expect(branch.members.map((m) => [m.name, m.rights.kind])).toEqual(
      expect.arrayContaining([
        ['张三', 'without'],
        ['李四', 'full'],
        ['王五', 'without'],
      ]),
    );
    expect(branch).toMatchObject({ withVote: 1, quorum: 1 });
    expect(branch.rule).toContain('半数以上有表决权的党员到会');
    // The day before the decision, and the day the period is over: 张三 votes again.
    expect((await t.api('roster.rights', { date: '2025-02-28', branchId: 2 })).withVote).toBe(2);
    expect((await t.api('roster.rights', { date: '2026-02-28', branchId: 2 })).withVote).toBe(1);
    // 王五's 转正 is not recorded: still without, whatever the day.
    expect((await t.api('roster.rights', { date: '2026-03-01', branchId: 2 })).withVote).toBe(2);
    // Another branch has none of them.
    expect((await t.api('roster.rights', { date: '2025-03-01', branchId: 3 })).members).toEqual([]);
    t.setToday('2026-03-01');
    expect((await t.api('roster.get', { id: zhang.id })).rights).toEqual({ kind: 'full', vote: true, elected: true });
  });

  it('refuses what the rules do not allow, naming the field, and writes nothing', async () => {
    const t = await organ();
    const m = await t.api('roster.add', { fields: memberFields() });
    const base = { memberId: m.id, decidedBy: BODY, documentNo: null };
    const cases: [Record<string, unknown>, string, string][] = [
      [{ kind: 'warning', decidedOn: '2026-11-23' }, 'decidedOn', '晚于今天'],
      [{ kind: 'warning', decidedOn: '2010-06-30' }, 'decidedOn', '早于入党日期'],
      [{ kind: 'probation', decidedOn: '2026-01-01' }, 'probationYears', '请选择留党察看期限'],
      [{ kind: 'probation', decidedOn: '2026-01-01', probationYears: 3 }, 'probationYears', '最长不超过两年'],
      [{ kind: 'warning', decidedOn: '2026-01-01', probationYears: 1 }, 'probationYears', '只有留党察看有期限'],
      [{ kind: 'warning', decidedOn: '2026-01-01', decidedBy: ' ' }, 'decidedBy', '请填写决定机关'],
    ];
    for (const [input, field, message] of cases) {
      const error = await rejection(t.api('roster.addDecision', { ...base, ...input } as never));
      expect(error.field, JSON.stringify(input)).toBe(field);
      expect(error.message).toContain(message);
    }
    expect((await t.api('roster.get', { id: m.id })).decisions).toEqual([]);

    // A second 留党察看 inside the first is refused, with the way to record an extension.
    await t.api('roster.addDecision', { ...base, kind: 'probation', decidedOn: '2026-01-10', probationYears: 1 });
    const overlap = await rejection(
      t.api('roster.addDecision', { ...base, kind: 'probation', decidedOn: '2026-11-01', probationYears: 1 }),
    );
    expect(overlap.message).toContain('至2027年1月10日期满，与这次登记的期间重叠');
    expect(overlap.message).toContain('按“留党察看二年”重新登记');

    // A measure for someone who has left is refused; a 表彰 after leaving (追授) is not.
    await t.api('roster.recordEvent', {
      memberId: m.id,
      event: { kind: 'transferOut', on: '2026-11-20', counterpart: '某某市委组织部' },
    });
    expect(
      (await rejection(t.api('roster.addDecision', { ...base, kind: 'warning', decidedOn: '2026-11-21' }))).message,
    ).toContain('目前党籍状态为“已转出”');
    await t.api('roster.addDecision', { ...base, kind: 'commendation', decidedOn: '2026-11-21' });
  });

  it('voids a wrong entry with its reason in the 操作记录, and the rights come back', async () => {
    const t = await organ();
    const m = await t.api('roster.add', { fields: memberFields() });
    const after = await t.api('roster.addDecision', {
      memberId: m.id,
      kind: 'probation',
      decidedOn: '2026-06-01',
      decidedBy: BODY,
      probationYears: 2,
    });
    expect(after.rights.kind).toBe('without');
    const voided = await t.api('roster.voidDecision', { id: after.decisions[0]!.id, reason: '录错了党员' });
    expect(voided.decisions[0]!.voided).toEqual({ on: '2026-11-22', reason: '录错了党员' });
    expect(voided.rights.kind).toBe('full');
    expect(
      (await rejection(t.api('roster.voidDecision', { id: after.decisions[0]!.id, reason: '再来' }))).message,
    ).toContain('已于2026年11月22日作废');
    const log = await t.api('audit.list', {});
    const entry = log.find((e) => e.entity === 'member_decision' && e.action === 'update');
    expect(entry).toMatchObject({ reason: '录错了党员', memberName: '张三' });
  });

  it('开除党籍 is the 出党 event with its deciding body; the export and the 花名册 carry every decision', async () => {
    const t = await organ();
    const zhang = await t.api('roster.add', { fields: memberFields() });
    const li = await t.api('roster.add', {
      fields: memberFields({ name: '李四', citizenId: citizenId('1990-05-05', 'female'), gender: 'female' }),
    });
    const missing = await rejection(
      t.api('roster.recordEvent', {
        memberId: zhang.id,
        event: { kind: 'expelled', on: '2026-10-01', documentNo: '机纪〔2026〕9号' } as never,
      }),
    );
    expect(missing.message).toContain('决定机关');
    await t.api('roster.addDecision', {
      memberId: zhang.id,
      kind: 'seriousWarning',
      decidedOn: '2025-04-02',
      decidedBy: BODY,
      documentNo: '机纪〔2025〕4号',
    });
    const expelled = await t.api('roster.recordEvent', {
      memberId: zhang.id,
      event: { kind: 'expelled', on: '2026-10-01', counterpart: BODY, documentNo: '机纪〔2026〕9号' },
    });
    expect(expelled.events.at(-1)).toMatchObject({
      kind: 'expelled',
      counterpart: BODY,
      documentNo: '机纪〔2026〕9号',
    });
    await t.api('roster.addDecision', {
      memberId: li.id,
      kind: 'commendation',
      decidedOn: '2026-07-01',
      decidedBy: '中共某某局机关委员会',
    });

    const book = await readBack((await t.api('roster.export', { query: { statuses: ['normal', 'expelled'] } })).base64);
    const sheet = book.worksheets[0]!;
    const header = (sheet.getRow(3).values as unknown[]).map(String);
    const col = header.indexOf('奖惩情况');
    expect(col).toBeGreaterThan(0);
    const byName = new Map<string, string>();
    sheet.eachRow((row) => {
      const v = row.values as unknown[];
      if (typeof v[2] === 'string') byName.set(v[2], String(v[col] ?? ''));
    });
    expect(byName.get('张三')).toBe(
      `2025年4月2日严重警告（${BODY}，机纪〔2025〕4号）；2026年10月1日开除党籍（${BODY}，机纪〔2026〕9号）`,
    );
    expect(byName.get('李四')).toBe('2026年7月1日表彰（中共某某局机关委员会）');
    // The exported roster still imports back: the column is passed over.
    const preview = await t.api('roster.importPreview', {
      file: asFile('名册.xlsx', Buffer.from((await t.api('roster.export', { query: {} })).base64, 'base64')),
    });
    expect(preview.errors).toEqual([]);

    // The 花名册 has the column only when chosen.
    const plain = await t.api('documents.preview', { id: 'roster', params: {} });
    expect(plain.html).not.toContain('奖惩情况');
    const pdf = await t.api('documents.export', { id: 'roster', params: { decisions: true }, format: 'pdf' });
    const file = path.join(tempDir(), 'roster.pdf');
    fs.writeFileSync(file, Buffer.from(pdf.base64, 'base64'));
    const text = readPdfLayout(file)
      .map((p) => p.text)
      .join('\n')
      .replace(/\s+/g, '');
    expect(text).toContain('奖惩情况');
    expect(text).toContain('2026年7月1日表彰');
    screenshotPages(file, 'roster-print-decisions', 90);
  });
});

describe('migration 16 (member_decision)', () => {
  it('opens a version-15 file with its members and adds the table with its checks', async () => {
    const dir = tempDir();
    const first = tempWorkspace({ dataDir: dir });
    await first.api('organ.setup', SAMPLE_SETUP);
    const m = await first.api('roster.add', { fields: memberFields() });
    first.ws.close();
    // Turn the file back into version 15, stamped 15.
    const file = path.join(dir, 'party-office.db');
    const old = new Database(file);
    old.function('audit_actor', () => 'x');
    old.function('audit_via', () => 'test');
    old.function('audit_reason', () => null);
    old.pragma('foreign_keys = OFF');
    for (const { name } of old
      .prepare(`SELECT name FROM sqlite_schema WHERE type = 'trigger' AND tbl_name = 'member'`)
      .all() as { name: string }[])
      old.exec(`DROP TRIGGER "${name}"`);
    // Migration 17's 处室 first, then 16's table: the file as version 15 left it.
    old.exec(
      `DROP TABLE duty_leader_division; DROP INDEX member_division; ALTER TABLE member DROP COLUMN division_id; DROP TABLE division;`,
    );
    old.exec('DROP TABLE member_decision');
    rebuildAuditTriggers(old);
    old.pragma(`application_id = ${APPLICATION_ID}`);
    old.pragma('user_version = 15');
    old.close();

    const t = tempWorkspace({ dataDir: dir });
    expect(await t.api('app.status', {})).toMatchObject({ state: 'ready', schemaVersion: MIGRATIONS.length });
    const detail = await t.api('roster.get', { id: m.id });
    expect(detail).toMatchObject({ name: '张三', decisions: [], rights: { kind: 'full' } });
    const db = t.ws.database();
    const insert = (kind: string, years: number | null) => () =>
      db
        .prepare(
          `INSERT INTO member_decision (member_id, kind, decided_on, decided_by, probation_years, created_at) VALUES (?, ?, '2026-01-01', '机关纪委', ?, 'now')`,
        )
        .run(m.id, kind, years);
    expect(insert('probation', null)).toThrow(/CHECK/);
    expect(insert('warning', 1)).toThrow(/CHECK/);
    expect(insert('probation', 3)).toThrow(/CHECK/);
    expect(insert('expelled', null)).toThrow(/CHECK/);
    insert('probation', 2)();
    expect((await t.api('roster.get', { id: m.id })).rights.kind).toBe('without');
  });
});
