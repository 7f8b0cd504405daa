/*
 * The child process of test/integration/sqlite-addons.test.ts: does an office's first hour the
 * way the app does (Workspace → createHandlers → directInvoke) with whatever SQLite addon
 * PARTY_OFFICE_SQLITE_ADDON names — sets up the organ, adds a member, encrypts the file with a
 * password (SQLite3 Multiple Ciphers), locks and unlocks it, makes and checks a backup, verifies
 * the audit chain — then prints one JSON line: what it read back and which .node files the
 * process loaded (from Node's own diagnostic report).
 *
 * argv: dataDir.
 */
import { directInvoke } from '../../src/core/dispatch';
import { createHandlers } from '../../src/core/handlers';
import { Workspace } from '../../src/core/workspace';

const dataDir = process.argv[2]!;
const ws = new Workspace({ dataDir, via: 'test', actor: '测试员', today: () => '2026-11-22' });
const api = directInvoke(createHandlers(ws));

await api('organ.setup', {
  organName: '某某局',
  committeeKind: 'committee',
  committeeName: '中共某某局机关委员会',
  superiorName: '中共某某市直属机关工作委员会',
  branches: ['第一党支部'],
});
const branch = (await api('org.units', {})).find((u) => u.name === '第一党支部')!;
await api('roster.add', {
  fields: {
    name: '张三',
    gender: 'female',
    citizenId: '11010519491231002X',
    ethnicity: '汉族',
    education: 'bachelor',
    branchId: branch.id,
    admittedOn: '1975-01-01',
    fullMembershipOn: '1976-01-01',
    jobTitle: '科员',
    phone: '13800000000',
    employmentCategory: 'employed',
  },
});
const { recoveryCode } = await api('custody.newRecoveryCode', {});
await api('custody.setPassword', { password: '机关党委2026', recoveryCode });
await api('custody.lock', {});
await api('custody.unlock', { password: '机关党委2026' });
const backup = await api('backup.create', {});
const audit = await api('audit.verify', {});
const page = await api('roster.search', {});
ws.close();

const report = process.report.getReport() as unknown as { sharedObjects: string[] };
process.stdout.write(
  `${JSON.stringify({
    members: page.rows.map((r) => r.name),
    backupId: backup.id,
    auditIntact: audit.intact,
    addons: report.sharedObjects.filter((f) => f.endsWith('.node')),
  })}\n`,
);
