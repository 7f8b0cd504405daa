import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { citizenId, memberFields } from '../support/people';
import { SAMPLE_SETUP, tempDir, tempWorkspace } from '../support/temp-workspace';
import { readBack } from '../support/workbooks';

const root = path.resolve(import.meta.dirname, '../..');

function cli(...args: string[]) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'src/cli/main.ts'), ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, PARTY_OFFICE_DATA_DIR: tempDir() },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** An organ file with two members, closed so that the CLI can open it. */
async function organFile() {
  const t = tempWorkspace();
  await t.api('organ.setup', SAMPLE_SETUP);
  const zhang = await t.api('roster.add', {
    fields: memberFields({ name: '张三', citizenId: citizenId('1985-03-12', 'male', 1) }),
  });
  const wang = await t.api('roster.add', {
    fields: memberFields({
      name: '王五',
      citizenId: citizenId('1986-05-05', 'male', 3),
      employmentCategory: 'student',
    }),
  });
  t.ws.close();
  return { file: t.ws.dataFile, t, ids: { zhang: zhang.id, wang: wang.id } };
}

describe('dues on the command line', () => {
  it('answers the rate with its working, in the issue’s JSON shape', () => {
    const json = cli('--json', 'dues', 'rate', '--category', '在职', '--base', '6,300.00');
    expect(json.code).toBe(0);
    expect(json.stderr).toBe('');
    expect(JSON.parse(json.stdout)).toMatchObject({
      category: 'employed',
      baseFen: 630_000,
      rate: '1.5%',
      amountFen: 9_450,
      explanation: '按2017年规范党费工作通知（2017年1月起），基数 6,300.00 元 × 1.5% = 94.50 元',
    });

    const human = cli('dues', 'rate', '--category', '离退休', '--base', '5000.01');
    expect(human.stdout).toContain(
      '离退休：按2017年规范党费工作通知（2017年1月起），基数 5,000.01 元 × 1% = 50.0001 元，四舍五入到分为 50.00 元',
    );
    expect(human.stdout).toContain('每月应交 50.00 元');
    expect(JSON.parse(cli('--json', 'dues', 'rate', '--category', '学生').stdout)).toMatchObject({
      category: 'student',
      baseFen: null,
      rate: null,
      amountFen: 20,
    });
  });

  it('refuses bad input in Chinese with a non-zero exit code', () => {
    const base = cli('dues', 'rate', '--category', '在职', '--base', '六千');
    expect(base.code).toBe(2);
    expect(base.stderr).toContain('--base 的值有误：“六千”不是金额');
    const category = cli('dues', 'rate', '--category', '公务员', '--base', '6000');
    expect(category.code).toBe(2);
    expect(category.stderr).toContain('--category 的值“公务员”无法识别');
    const missing = cli('dues', 'rate', '--category', '在职');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('须填写每月税后工资收入');
  });

  it('assesses a year, refuses to lock it incomplete, then locks and exports the ledger as Excel and PDF', async () => {
    const { file, t, ids } = await organFile();
    const first = cli('--db', file, 'dues', 'assess', '--year', '2026', '--lock');
    expect(first.code).toBe(1);
    expect(first.stdout).toContain('2026年度党费核定：2 人（本次新增 2 人）');
    expect(first.stdout).toMatch(/张三\s+在职\s+在职党员须填写每月税后工资收入/);
    expect(first.stdout).toContain('核定不完整，没有锁定。');

    await t.api('dues.setTerms', {
      year: 2026,
      memberId: ids.zhang,
      terms: { category: 'employed', baseFen: 630_000 },
    });
    t.ws.close();
    const locked = JSON.parse(cli('--db', file, '--json', 'dues', 'assess', '--year', '2026', '--lock').stdout);
    expect(locked).toMatchObject({ ok: true, year: 2026, members: 2, incomplete: [], monthlyFen: 9_470, locked: true });
    void ids.wang;

    const dir = tempDir();
    const xlsx = path.join(dir, '台账.xlsx');
    const excel = cli('--db', file, 'dues', 'ledger', '--year', '2026', '--out', xlsx);
    expect(excel.code).toBe(0);
    const sheet = (await readBack(fs.readFileSync(xlsx).toString('base64'))).worksheets[0]!;
    expect(sheet.getRow(1).getCell(1).value).toBe('中共某某局机关委员会2026年度党费收缴台账');
    expect((sheet.getRow(3).values as unknown[]).filter(Boolean)).toEqual([
      '序号',
      '党支部',
      '姓名',
      '月工资收入（元）',
      '执行标准',
      '月应缴（元）',
      '全年应缴（元）',
      '全年实缴（元）',
      '备注',
    ]);

    const pdf = path.join(dir, '台账.pdf');
    const printed = cli(
      '--db',
      file,
      '--json',
      'dues',
      'ledger',
      '--year',
      '2026',
      '--branch',
      '第一党支部',
      '--out',
      pdf,
    );
    expect(printed.code).toBe(0);
    expect(JSON.parse(printed.stdout)).toMatchObject({ ok: true, report: 'ledger', format: 'pdf', pageCount: 1 });
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    expect(text).toContain('第一党支部2026年度党费收缴台账');
    expect(text).toContain('94.50');

    const register = path.join(dir, '登记表.xlsx');
    expect(
      cli('--db', file, 'dues', 'report', '登记表', '--month', '2026年3月', '--branch', '第一党支部', '--out', register)
        .code,
    ).toBe(0);
    expect(
      (await readBack(fs.readFileSync(register).toString('base64'))).worksheets[0]!.getRow(1).getCell(1).value,
    ).toBe('第一党支部党费收缴登记表');

    const arrears = JSON.parse(cli('--db', file, '--json', 'dues', 'arrears').stdout);
    expect(arrears.rows.map((r: { name: string }) => r.name).sort()).toEqual(['张三', '王五'].sort());
    expect(cli('--db', file, 'dues', 'ledger', '--year', '26', '--out', xlsx).stderr).toContain(
      '--year 的值“26”不是有效年度',
    );
  }, 120_000);
});
