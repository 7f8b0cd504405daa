/*
 * Proof of issue 12 on the workbooks offices keep (test/support/office-corpus.ts): every file is
 * imported into a fresh organ through the contract (preview, then commit) and through the CLI's
 * `roster import` command in this process, and each must give the outcome written beside it —
 * the rows accepted, every row refused with its column and reason, the branches offered, the
 * sheets read. One real CLI process checks the command line itself on a .xls kept as one sheet
 * per branch.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/cli/commands';
import type { Output } from '../../src/cli/output';
import type { ImportPreview, ImportProblem } from '../../src/shared/members/import-fields';
import { libreOffice } from '../support/libreoffice';
import { CORPUS, writeCorpus, type CorpusCase, type Expectation } from '../support/office-corpus';
import { runCli } from '../support/processes';
import { SAMPLE_SETUP, tempWorkspace } from '../support/temp-workspace';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'office-corpus-'));
const hasLibreOffice = libreOffice() !== null;

beforeAll(async () => {
  if (hasLibreOffice) await writeCorpus(dir);
}, 600_000); // one LibreOffice process converting a dozen files on a loaded machine
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function organ(c: CorpusCase) {
  const t = tempWorkspace({ today: '2026-11-22' });
  await t.api('organ.setup', { ...SAMPLE_SETUP, branches: c.branches });
  return t;
}

function fileOf(c: CorpusCase) {
  return { fileName: c.file, base64: fs.readFileSync(path.join(dir, c.file)).toString('base64') };
}

/** What a refused row shows, in the shape the expectations are written in. */
function refusals(errors: ImportProblem[]) {
  return errors.map((e) => ({
    ...(e.sheet ? { sheet: e.sheet } : {}),
    row: e.row,
    column: e.column,
    reason: e.message,
  }));
}

/** Every problem is an expected one (its column and words), and every expected one is there. */
function expectRefusals(errors: ImportProblem[], expected: Expectation['refused']) {
  const shown = refusals(errors);
  expect(shown.length, JSON.stringify(shown, null, 1)).toBe(expected.length);
  for (const want of expected) {
    const found = shown.find(
      (e) =>
        e.sheet === want.sheet &&
        e.row === want.row &&
        e.column.includes(want.column) &&
        e.reason.includes(want.reason),
    );
    expect(found, `${JSON.stringify(want)} among ${JSON.stringify(shown, null, 1)}`).toBeDefined();
  }
}

function expectPreview(preview: ImportPreview, c: CorpusCase) {
  const x = c.expect;
  expect(preview.sheets.filter((s) => s.chosen).map((s) => s.name)).toEqual(x.read);
  expectRefusals(preview.errors, x.refused);
  expect(preview.valid).toBe(x.accepted);
  expect(preview.newBranches.map((u) => u.name)).toEqual(x.newBranches);
  if (x.similar)
    expect(preview.newBranches.flatMap((u) => u.similar.map((s) => `${u.name} → ${s.name}`))).toEqual(x.similar);
  expect(preview.skippedRows.map((s) => s.reason)).toEqual(x.skipped ?? []);
  for (const words of x.notices ?? [])
    expect(
      preview.notices.some((n) => n.message.includes(words)),
      JSON.stringify(preview.notices),
    ).toBe(true);
}

describe.skipIf(!hasLibreOffice)('the workbooks offices keep (issue 12 corpus)', () => {
  it('holds at least 25 workbooks, written as Excel, streaming writers, LibreOffice (.xlsx and .xls) and WPS (.et) write them', () => {
    expect(CORPUS.length).toBeGreaterThanOrEqual(25);
    const made = new Set(CORPUS.map((c) => c.made));
    expect([...made].sort()).toEqual(['excel', 'inline', 'libreoffice-xls', 'libreoffice-xlsx', 'wps-et']);
    for (const c of CORPUS) {
      const bytes = fs.readFileSync(path.join(dir, c.file));
      // .xls and .et are OLE compound files (BIFF8), the rest zip packages.
      const ole = bytes.subarray(0, 4).toString('hex') === 'd0cf11e0';
      expect(ole, c.file).toBe(c.made === 'libreoffice-xls' || c.made === 'wps-et');
    }
  });

  for (const c of CORPUS) {
    it(`${c.file}: ${c.what}`, async () => {
      // Through the contract, as the import dialog does it.
      const t = await organ(c);
      const file = fileOf(c);
      const sheets = c.sheets ? { sheets: c.sheets } : {};
      const preview = await t.api('roster.importPreview', { file, ...sheets });
      expectPreview(preview, c);
      const result = await t.api('roster.importCommit', {
        file,
        ...sheets,
        skipRows: preview.problemRows,
        createBranches: true,
      });
      expect(result).toMatchObject({ imported: c.expect.accepted, added: c.expect.accepted });
      expect(result.createdBranches).toEqual(c.expect.newBranches);
      const roster = await t.api('roster.search', {});
      expect(roster.counts.total).toBe(c.expect.accepted);
      // Dates kept to the precision the workbook wrote them in; 出生日期 always the day (from the ID where the file gave a month).
      const kept = c.expect.kept ?? 'day';
      for (const m of roster.rows) {
        expect(m.birthDate, m.name).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        for (const date of [m.admittedOn, m.fullMembershipOn])
          expect(date, m.name).toMatch(kept === 'month' ? /^\d{4}-\d{2}$/ : /^\d{4}-\d{2}-01$/);
      }
      // A sheet per branch puts its people in the branch it is named after.
      const branchSheets = preview.sheets.filter((x) => x.chosen && x.branch);
      if (branchSheets.length)
        expect(new Set(roster.rows.map((r) => r.branchName))).toEqual(new Set(branchSheets.map((x) => x.branch)));

      // Through the CLI's command, in this process: the same reading and the same answer.
      const u = await organ(c);
      let answer: Record<string, unknown> = {};
      const out: Output = { json: true, result: (_human, data) => (answer = data as Record<string, unknown>) };
      const code = await COMMANDS['roster import']!.run({
        call: u.api,
        out,
        positionals: [path.join(dir, c.file)],
        options: { 'create-branches': true, 'skip-invalid': true, ...(c.sheets ? { sheet: c.sheets } : {}) },
      });
      expect(code ?? 0).toBe(0);
      expect(answer).toMatchObject({ ok: true, valid: c.expect.accepted, imported: c.expect.accepted });
      expectRefusals(answer.errors as ImportProblem[], c.expect.refused);
      expect((answer.newBranches as { name: string }[]).map((b) => b.name)).toEqual(c.expect.newBranches);
    }, 60_000);
  }

  it('the command line reads a .xls kept as one sheet per branch, lists its sheets and takes --sheet', async () => {
    const t = tempWorkspace({ today: '2026-11-22' });
    await t.api('organ.setup', { ...SAMPLE_SETUP, branches: [] });
    t.ws.close();
    const db = t.ws.dataFile;
    const file = path.join(dir, '24-一支部一表.xls');

    const dry = await runCli(['--db', db, 'roster', 'import', file, '--dry-run']);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toContain(
      '工作表：汇总（汇总或说明，未读取）、第一党支部（党支部名册，3 行，读取）、第二党支部（党支部名册，3 行，读取）、离退休党支部（党支部名册，3 行，读取）、填表说明（汇总或说明，未读取）。',
    );
    expect(dry.stdout).toContain('共读取 9 行，可导入 9 行');

    const unknown = await runCli(['--db', db, 'roster', 'import', file, '--sheet', '第三党支部']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain(
      '中没有名为“第三党支部”的工作表。它的工作表是：“汇总”、“第一党支部”、“第二党支部”、“离退休党支部”、“填表说明”。',
    );

    const two = await runCli([
      '--db',
      db,
      '--json',
      'roster',
      'import',
      file,
      '--sheet',
      '第二党支部',
      '--sheet',
      '离退休党支部',
      '--create-branches',
    ]);
    expect(two.code, two.stderr).toBe(0);
    expect(JSON.parse(two.stdout)).toMatchObject({
      ok: true,
      imported: 6,
      createdBranches: ['第二党支部', '离退休党支部'],
    });
  }, 120_000);
});
