import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PayrollPreview } from '../../src/shared/dues/views';
import type { MemberFieldsInput } from '../../src/shared/members/input';
import { convertFiles, libreOffice } from '../support/libreoffice';
import { citizenId, memberFields } from '../support/people';
import { SAMPLE_SETUP, tempDir, tempWorkspace } from '../support/temp-workspace';
import { addRows, asFile, damagedXlsFile, workbook } from '../support/workbooks';
import { rejection } from '../support/rejection';

const ZHANG = citizenId('1985-03-12', 'male', 1);
const WANG = citizenId('2001-05-05', 'male', 3);
const OUTSIDER = citizenId('1990-10-10', 'female', 9);

async function organ() {
  const t = tempWorkspace({ today: '2026-01-15' });
  await t.api('organ.setup', SAMPLE_SETUP);
  const add = async (overrides: Partial<MemberFieldsInput>) =>
    (await t.api('roster.add', { fields: memberFields({ gender: null, ...overrides }) })).id;
  const ids = {
    zhang: await add({ name: '张三', citizenId: ZHANG }),
    wang: await add({
      name: '王五',
      citizenId: WANG,
      employmentCategory: 'student',
      admittedOn: '2020-06-01',
      fullMembershipOn: '2021-06-01',
    }),
    sun: await add({ name: '孙八', citizenId: citizenId('1988-08-08', 'male', 8) }),
    zhou: await add({ name: '周九', citizenId: citizenId('1979-09-09', 'female', 10) }),
  };
  await t.api('dues.assess', { year: 2026 });
  return { ...t, ids };
}

/**
 * A payroll as a finance office exports it: a title, a two-row header with 应发项目 and 扣款项目
 * over the items, members and non-members mixed, a total row; amounts as numbers, one as text.
 */
async function payroll(rows: (string | number | null)[][] = defaultRows()) {
  return workbook((sheet) => {
    sheet.getCell('A1').value = '某某局2026年1月工资发放表';
    sheet.mergeCells('A1:K1');
    const top = ['序号', '姓名', '身份证号', '应发项目', null, null, null, '扣款项目', null, null, '实发工资'];
    top.forEach((v, i) => (sheet.getCell(2, i + 1).value = v));
    const sub = [
      null,
      null,
      null,
      '职务工资',
      '级别工资',
      '津贴补贴',
      '住房补贴',
      '个人所得税',
      '养老保险',
      '住房公积金',
      null,
    ];
    sub.forEach((v, i) => (sheet.getCell(3, i + 1).value = v));
    for (const col of ['A', 'B', 'C', 'K']) sheet.mergeCells(`${col}2:${col}3`);
    sheet.mergeCells('D2:G2');
    sheet.mergeCells('H2:J2');
    addRows(sheet, rows);
  });
}

function defaultRows(): (string | number | null)[][] {
  return [
    [1, '张三', ZHANG, 2100, 1800, 3000, 500, 100, 300, 200, 6800],
    [2, '吴非党员', OUTSIDER, 2000, 1500, 2500, 500, 50, 250, 150, 6050],
    [3, '孙 八', null, '2,500.00', 2000, 3500, 500, 150, 350, 250, 7750],
    [4, '王五', WANG, 1000, 0, 0, 0, 0, 0, 0, 1000],
    ['合计', null, null, 7600, 5300, 9000, 1500, 300, 900, 600, 21600],
  ];
}

describe('bases from a payroll workbook', () => {
  it('reads the two-row header, counts the configured items, matches by ID then by name, and passes over non-members', async () => {
    const { api } = await organ();
    const preview = await api('dues.payrollPreview', { year: 2026, file: asFile('1月工资.xlsx', await payroll()) });
    expect(preview.headerRow).toBe(2);
    expect(Object.fromEntries(preview.columns.map((c) => [c.header, c.use]))).toEqual({
      序号: 'ignore',
      姓名: 'name',
      身份证号: 'citizenId',
      职务工资: 'add',
      级别工资: 'add',
      津贴补贴: 'add',
      住房补贴: 'ignore',
      个人所得税: 'subtract',
      养老保险: 'subtract',
      住房公积金: 'subtract',
      实发工资: 'ignore',
    });
    const byName = Object.fromEntries(preview.rows.map((r) => [r.name, r]));
    expect(Object.keys(byName).sort()).toEqual(['孙八', '张三', '王五'].sort());
    expect(byName['张三']).toMatchObject({
      matchedBy: 'citizenId',
      baseFen: 630_000,
      amountFen: 9_450,
      working:
        '职务工资 2,100.00 + 级别工资 1,800.00 + 津贴补贴 3,000.00 − 个人所得税 100.00 − 养老保险 300.00 − 住房公积金 200.00 = 6,300.00',
    });
    expect(byName['孙八']).toMatchObject({ matchedBy: 'name', baseFen: 725_000, amountFen: 10_875 });
    expect(preview.notices.map((n) => n.message)).toContain('王五按“学生”交纳，不按工资基数计算，未更新');
    expect(preview.errors).toEqual([]);
    expect(preview.notInFile.map((m) => m.name)).toEqual(['周九']);
    expect(preview.changed).toBe(2);
  });

  it('passes over the 制表人、审核人 and 说明 lines under the table, even with 审核人 in the 身份证号 column', async () => {
    const { api } = await organ();
    const rows = [
      ...defaultRows(),
      [],
      ['制表人：李会计', null, '审核人：王处长', null, null, null, null, '制表日期：2026年1月25日'],
      ['说明：1. 津贴补贴含岗位津贴；'],
      ['2. 扣款项目按当月实扣。'],
    ];
    const preview = await api('dues.payrollPreview', { year: 2026, file: asFile('1月工资.xlsx', await payroll(rows)) });
    expect(preview.errors).toEqual([]);
    expect(preview.problemRows).toEqual([]);
    expect(preview.rows.map((r) => r.name).sort()).toEqual(['孙八', '张三', '王五'].sort());
  });

  it.skipIf(libreOffice() === null)(
    'reads the payroll saved as Excel 97-2003 (.xls) and as WPS .et the same as the .xlsx: the same rows, bases and working',
    async () => {
      const { api } = await organ();
      const dir = tempDir();
      const source = path.join(dir, '1月工资.xlsx');
      fs.writeFileSync(source, await payroll());
      const [xls] = convertFiles([source], 'xls', dir);
      const bytes = fs.readFileSync(xls!);
      const seen = (p: PayrollPreview) => p.rows.map((r) => [r.name, r.baseFen, r.amountFen, r.working]);
      const fromXlsx = await api('dues.payrollPreview', {
        year: 2026,
        file: asFile('1月工资.xlsx', fs.readFileSync(source)),
      });
      expect(fromXlsx.rows.length).toBe(3);
      for (const name of ['1月工资.xls', '1月工资.et']) {
        const preview = await api('dues.payrollPreview', { year: 2026, file: asFile(name, bytes) });
        expect(preview.errors, name).toEqual([]);
        expect(seen(preview), name).toEqual(seen(fromXlsx));
      }
    },
    120_000,
  );

  it('writes every accepted base with its working, or nothing', async () => {
    const { api, ids } = await organ();
    const file = asFile('1月工资.xlsx', await payroll());
    const result = await api('dues.payrollCommit', { year: 2026, file, skipRows: [] });
    expect(result).toMatchObject({ updated: 2, unchanged: 0 });
    const zhang = (await api('dues.assessment', { year: 2026 })).rows.find((r) => r.memberId === ids.zhang)!.current;
    expect(zhang).toMatchObject({
      amountFen: 9_450,
      baseSource: 'payroll',
      baseWorking: expect.stringContaining('= 6,300.00'),
    });
    expect((await api('dues.payrollCommit', { year: 2026, file, skipRows: [] })).unchanged).toBe(2);
  });

  it('names the file row, column and value of every problem, and refuses to commit until each is fixed or skipped', async () => {
    const { api, ids } = await organ();
    const rows = defaultRows();
    rows[0]![5] = '三千';
    rows[2]![2] = Number(citizenId('1988-08-08', 'male', 8).slice(0, 15));
    const file = asFile('有错的工资表.xlsx', await payroll(rows));
    const preview = await api('dues.payrollPreview', { year: 2026, file });
    expect(preview.problemRows).toEqual([4, 6]);
    expect(preview.errors).toEqual(
      expect.arrayContaining([
        { row: 4, column: '津贴补贴（F列）', value: '三千', message: '“三千”不是金额，应写作“6300”或“6,300.00”' },
        expect.objectContaining({
          row: 6,
          column: '身份证号（C列）',
          message: expect.stringContaining('身份证号被存成了数字'),
        }),
      ]),
    );
    const refused = await rejection(api('dues.payrollCommit', { year: 2026, file, skipRows: [] }));
    expect(refused.message).toContain('第 4、6 行有问题');
    expect(
      (await api('dues.assessment', { year: 2026 })).rows.find((r) => r.memberId === ids.zhang)!.current.terms.baseFen,
    ).toBeNull();
    const skipped = await api('dues.payrollCommit', { year: 2026, file, skipRows: [4, 6] });
    expect(skipped).toMatchObject({ updated: 0, skipped: [4, 6] });
  });

  it('lets a person change what a column counts as, and remembers it when asked', async () => {
    const { api } = await organ();
    const file = asFile('1月工资.xlsx', await payroll());
    const roles = [{ index: 7, use: 'add' as const }];
    const preview = await api('dues.payrollPreview', { year: 2026, file, roles });
    expect(preview.rows.find((r) => r.name === '张三')!.baseFen).toBe(680_000);
    await api('dues.payrollCommit', { year: 2026, file, roles, skipRows: [], rememberRoles: true });
    expect((await api('dues.settings', {})).payrollItems.add).toContain('住房补贴');
    const twice = await rejection(api('dues.payrollPreview', { year: 2026, file, roles: [{ index: 3, use: 'name' }] }));
    expect(twice.message).toContain('“姓名”被指定给了两列');
  });

  it('refuses ambiguous names, locked years and files that are not workbooks', async () => {
    const { api, ids } = await organ();
    await api('roster.add', {
      fields: memberFields({ name: '孙八', gender: null, citizenId: citizenId('1970-01-01', 'male', 11), branchId: 3 }),
    });
    await api('dues.assess', { year: 2026 });
    const preview = await api('dues.payrollPreview', { year: 2026, file: asFile('1月工资.xlsx', await payroll()) });
    expect(preview.errors.find((e) => e.row === 6)?.message).toBe(
      '名册中有 2 名“孙八”，无法仅凭姓名区分，请在工资表中填写身份证号',
    );

    for (const id of [ids.zhang, ids.sun, ids.zhou])
      await api('dues.setTerms', { year: 2026, memberId: id, terms: { category: 'employed', baseFen: 500_000 } });
    const other = (await api('dues.assessment', { year: 2026 })).rows.find((r) => r.current.problem)!;
    await api('dues.setTerms', {
      year: 2026,
      memberId: other.memberId,
      terms: { category: 'employed', baseFen: 500_000 },
    });
    await api('dues.lock', { year: 2026 });
    const locked = await api('dues.payrollPreview', { year: 2026, file: asFile('1月工资.xlsx', await payroll()) });
    expect(locked.errors.find((e) => e.row === 4)?.message).toContain('已核定锁定');

    const xls = await rejection(api('dues.payrollPreview', { year: 2026, file: asFile('工资.xls', damagedXlsFile()) }));
    expect(xls.message).toContain('文件“工资.xls”已损坏或不是 Excel 工作簿');
    const noYear = await rejection(
      api('dues.payrollPreview', { year: 2027, file: asFile('1月工资.xlsx', await payroll()) }),
    );
    expect(noYear.message).toContain('2027年度尚未生成党费核定表');
  });
});

describe('the base by the member’s category', () => {
  it('counts only 基本离退休费 / 基本养老金 for a retired member, 津补贴 excluded, even where the organ counts 津贴补贴 for working staff', async () => {
    const t = tempWorkspace({ today: '2026-01-15' });
    await t.api('organ.setup', SAMPLE_SETUP);
    const RETIRED = citizenId('1955-04-04', 'male', 21);
    const RETIRED2 = citizenId('1956-06-06', 'female', 22);
    await t.api('roster.add', { fields: memberFields({ gender: null, name: '张三', citizenId: ZHANG }) });
    for (const [name, id] of [
      ['老李', RETIRED],
      ['老赵', RETIRED2],
    ] as const)
      await t.api('roster.add', {
        fields: memberFields({
          gender: null,
          name,
          citizenId: id,
          employmentCategory: 'retired',
          admittedOn: '1980-07-01',
          fullMembershipOn: '1981-07-01',
        }),
      });
    await t.api('dues.assess', { year: 2026 });
    const bytes = await workbook((sheet) =>
      addRows(sheet, [
        ['姓名', '身份证号', '职务工资', '级别工资', '津贴补贴', '基本离退休费', '基本养老金', '个人所得税'],
        ['张三', ZHANG, 2100, 1800, 3000, null, null, 100],
        ['老李', RETIRED, null, null, 1200, 5200, null, 30],
        ['老赵', RETIRED2, null, null, 900, null, null, null],
      ]),
    );
    const preview = await t.api('dues.payrollPreview', { year: 2026, file: asFile('工资.xlsx', bytes) });
    const row = (name: string) => preview.rows.find((r) => r.name === name)!;
    // Working staff: every item the organ counts, less tax.
    expect([row('张三').baseFen, row('张三').working]).toEqual([
      680000,
      '职务工资 2,100.00 + 级别工资 1,800.00 + 津贴补贴 3,000.00 − 个人所得税 100.00 = 6,800.00',
    ]);
    // Retired: the pension only; the row says which columns made the base and which did not count.
    expect([row('老李').baseFen, row('老李').working, row('老李').amountFen]).toEqual([
      520000,
      '基本离退休费 5,200.00 = 5,200.00（离退休党员只计基本离退休费或基本养老金，津贴补贴 1,200.00、个人所得税 30.00不计入）',
      5200, // above 5,000 元: 1 %
    ]);
    // A retired member whose row has no pension amount is not given a base of 津贴补贴.
    expect(row('老赵').ok).toBe(false);
    expect(preview.errors.map((e) => [e.row, e.message])).toEqual([
      [4, '老赵按离退休党员交纳，基数为基本离退休费或基本养老金，但这一行没有这样的列或金额为空'],
    ]);
  });
});
