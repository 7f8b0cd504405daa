import { describe, expect, it } from 'vitest';
import type { MemberDetail } from '../../src/shared/members/views';
import { citizenId } from '../support/people';
import { SAMPLE_SETUP, tempWorkspace } from '../support/temp-workspace';
import { addRows, asFile, encryptedOfficeFile, damagedXlsFile, readBack, workbook } from '../support/workbooks';
import { rejection } from '../support/rejection';

async function organ() {
  const t = tempWorkspace({ today: '2026-11-22' });
  await t.api('organ.setup', SAMPLE_SETUP);
  return t;
}

const ZS = citizenId('1980-01-01', 'male', 1);
const LS = citizenId('1975-05-20', 'female', 2);
const WW = citizenId('1999-09-09', 'male', 3);

/** The shape offices really have: a title, a subtitle, a two-row header with merged cells, variants and totals. */
async function officeRoster() {
  return workbook((sheet) => {
    sheet.getCell('A1').value = '某某局机关党员花名册';
    sheet.mergeCells('A1:J1');
    sheet.getCell('A2').value = '填报单位：机关党委　　2026年10月';
    sheet.mergeCells('A2:J2');
    const top = ['序号', '姓 名', '性别', '身份证号码', '所在支部', '入党时间', '转正时间', '联系方式', null, '学历'];
    top.forEach((v, i) => (sheet.getCell(3, i + 1).value = v));
    sheet.getCell(4, 8).value = '手机';
    sheet.getCell(4, 9).value = '固话';
    for (const col of ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'J']) sheet.mergeCells(`${col}3:${col}4`);
    sheet.mergeCells('H3:I3');
    addRows(sheet, [
      [
        1,
        '张  三',
        '男',
        ZS,
        '第一党支部',
        new Date(Date.UTC(2005, 6, 1)),
        '2006.07.01',
        '13800000001',
        '010-1234567',
        '本科',
      ],
      [2, '李四', '女', LS.toLowerCase(), '第二党支部', '1998年7月1日', '19990701', '13800000002', null, '研究生'],
      [],
      [3, '王五', '男', WW, '第一党支部', '2026.01', null, null, null, '大专'],
      ['合计', '3人', null, null, null, null, null, null, null, null],
    ]);
  });
}

describe('importing the roster', () => {
  it('reads a real-world sheet: title rows, merged two-row header, variant names, mixed dates, blank and total rows', async () => {
    const { api } = await organ();
    const preview = await api('roster.importPreview', { file: asFile('花名册.xlsx', await officeRoster()) });
    expect(preview.headerRow).toBe(3);
    const mapped = Object.fromEntries(preview.columns.filter((c) => c.field).map((c) => [c.letter, c.field]));
    expect(mapped).toMatchObject({
      B: 'name',
      C: 'gender',
      D: 'citizenId',
      E: 'branch',
      F: 'admittedOn',
      G: 'fullMembershipOn',
      H: 'phone',
      J: 'education',
    });
    expect(preview.columns.find((c) => c.letter === 'I')?.field).toBeNull();
    expect(preview.rows).toBe(3);
    expect(preview.skippedRows).toEqual([{ row: 9, reason: '合计行' }]);
    expect(preview.errors).toEqual([]);
    expect(preview.valid).toBe(3);
    expect(preview.notices).toEqual([
      expect.objectContaining({
        row: 8,
        column: '入党时间（F列）',
        value: '2026.01',
        message: '只写到月份，按2026年1月记录（列入“日期待补全”，可在党员信息中补全到日）',
      }),
    ]);

    const result = await api('roster.importCommit', {
      file: asFile('花名册.xlsx', await officeRoster()),
      skipRows: [],
    });
    expect(result).toMatchObject({ ok: true, rows: 3, valid: 3, imported: 3, added: 3 });
    const page = await api('roster.search', { sort: { field: 'name', direction: 'asc' } });
    expect(page.rows.map((r) => [r.name, r.admittedOn, r.fullMembershipOn, r.category, r.education])).toEqual([
      ['李四', '1998-07-01', '1999-07-01', 'full', 'masters'],
      ['王五', '2026-01', null, 'probationary', 'college'],
      ['张三', '2005-07-01', '2006-07-01', 'full', 'bachelor'],
    ]);
  });

  it('refuses an ID number stored as a number, saying digits were lost, and never guesses', async () => {
    const { api } = await organ();
    const bytes = await workbook((sheet) =>
      addRows(sheet, [
        ['姓名', '身份证号', '党支部', '入党日期', '转正日期'],
        ['张三', 110101198001010030, '第一党支部', '2005-07-01', '2006-07-01'],
        ['李四', LS, '第一党支部', '1998-07-01', '1999-07-01'],
      ]),
    );
    const preview = await api('roster.importPreview', { file: asFile('数字身份证.xlsx', bytes) });
    expect(preview.valid).toBe(1);
    expect(preview.problemRows).toEqual([2]);
    expect(preview.errors).toEqual([
      {
        row: 2,
        column: '身份证号（B列）',
        value: expect.stringMatching(/e\+17$/),
        message: expect.stringContaining('存成了数字'),
      },
    ]);
  });

  it('lists every problem by row, column, value and reason', async () => {
    const { api } = await organ();
    const bytes = await workbook((sheet) =>
      addRows(sheet, [
        ['姓名', '性别', '公民身份号码', '所在党支部', '入党日期', '转正日期', '人员类别'],
        ['张三', '女', ZS, '第一党支部', '2005-07-01', '2006-07-01', '正式党员'],
        [
          '李四',
          '女',
          LS.slice(0, 17) + (LS.endsWith('0') ? '1' : '0'),
          '第一党支部',
          '1998-07-01',
          '1999-07-01',
          '正式党员',
        ],
        ['王五', '男', WW, '第九党支部', '2026-01-10', null, '预备党员'],
        ['赵六', '男', citizenId('1990-01-01', 'male', 4), '第一党支部', '2007-07-01', null, '正式党员'],
        ['钱七', '男', citizenId('1990-01-01', 'male', 5), '第一党支部', '二〇一〇年', null, null],
      ]),
    );
    const preview = await api('roster.importPreview', { file: asFile('有错.xlsx', bytes) });
    const byRow = (row: number) =>
      preview.errors.filter((e) => e.row === row).map((e) => `${e.column}|${e.value}|${e.message}`);
    expect(byRow(2)).toEqual([expect.stringMatching(/^性别（B列）\|女\|性别填的是“女”/)]);
    expect(byRow(3)).toEqual([expect.stringContaining('校验码不对')]);
    // A branch the organ lacks is not a row problem: it is offered to be made (roster-import-branches.test.ts).
    expect(byRow(4)).toEqual([]);
    expect(preview.newBranches).toEqual([{ name: '第九党支部', kind: 'branch', rows: 1, similar: [] }]);
    expect(byRow(5)).toContainEqual(expect.stringContaining('未满18周岁'));
    expect(byRow(5)).toContainEqual(expect.stringContaining('正式党员须填写转正日期'));
    expect(byRow(6)).toEqual([expect.stringMatching(/^入党日期（E列）\|二〇一〇年\|“二〇一〇年”不是可识别的日期/)]);
    expect(preview.valid).toBe(1);

    const problems = await api('roster.importProblems', { file: asFile('有错.xlsx', bytes) });
    expect(problems.fileName).toBe('有错-导入问题.xlsx');
    const sheet = (await readBack(problems.base64)).worksheets[0]!;
    expect(sheet.getCell('A1').value).toBe('“有错.xlsx”导入问题清单');
    expect(sheet.getRow(3).values).toEqual([undefined, '行号', '列', '单元格内容', '问题']);
    expect(sheet.rowCount).toBe(3 + preview.errors.length);
  });

  it('commits all or nothing: undecided problem rows stop it, explicitly skipped ones do not', async () => {
    const { api } = await organ();
    const bytes = await workbook((sheet) =>
      addRows(sheet, [
        ['姓名', '身份证号', '党支部', '入党日期', '转正日期'],
        ['张三', ZS, '第一党支部', '2005-07-01', '2006-07-01'],
        ['李四', '123', '第一党支部', '1998-07-01', '1999-07-01'],
      ]),
    );
    const refused = await rejection(api('roster.importCommit', { file: asFile('a.xlsx', bytes), skipRows: [] }));
    expect(refused.message).toContain('第 3 行有问题，既没有改正也没有选择跳过');
    expect((await api('roster.search', {})).counts.total).toBe(0);
    const result = await api('roster.importCommit', { file: asFile('a.xlsx', bytes), skipRows: [3] });
    expect(result).toMatchObject({ imported: 1, skipped: [3] });
  });

  it('lets the user fix the column mapping', async () => {
    const { api } = await organ();
    const bytes = await workbook((sheet) =>
      addRows(sheet, [
        ['姓名', '证件号', '党支部', '入党日期', '转正日期', '身份证号备注'],
        ['张三', ZS, '第一党支部', '2005-07-01', '2006-07-01', '核对过'],
      ]),
    );
    const guessed = await api('roster.importPreview', { file: asFile('b.xlsx', bytes) });
    expect(guessed.errors[0]?.message).toContain('没有找到“公民身份号码”列');
    const fixed = await api('roster.importPreview', {
      file: asFile('b.xlsx', bytes),
      mapping: [{ index: 2, field: 'citizenId' }],
    });
    expect(fixed.errors).toEqual([]);
    expect(fixed.valid).toBe(1);
    const twice = await rejection(
      api('roster.importPreview', {
        file: asFile('b.xlsx', bytes),
        mapping: [
          { index: 2, field: 'citizenId' },
          { index: 6, field: 'citizenId' },
        ],
      }),
    );
    expect(twice.message).toContain('被指定给了两列');
  });

  it('maps a column by its words when the header misleads: 人员类别 holding 在职/退休 is 人员身份', async () => {
    const { api } = await organ();
    const bytes = await workbook((sheet) =>
      addRows(sheet, [
        ['姓名', '公民身份号码', '所在党支部', '入党日期', '转正日期', '人员类别'],
        ['张三', ZS, '第一党支部', '2005-07-01', '2006-07-01', '在职'],
        ['李四', LS, '第二党支部', '1998-07-01', '1999-07-01', '退休'],
        ['王五', WW, '第一党支部', '2020-07-01', '2021-07-01', '离休'],
      ]),
    );
    const preview = await api('roster.importPreview', { file: asFile('类别.xlsx', bytes) });
    expect(preview.columns.find((c) => c.letter === 'F')).toMatchObject({
      header: '人员类别',
      field: 'employmentCategory',
    });
    expect(preview.errors).toEqual([]);
    expect(preview.valid).toBe(3);
    expect(preview.notices).toContainEqual(
      expect.objectContaining({
        row: 1,
        column: '人员类别（F列）',
        message: expect.stringContaining('这一列的内容是“人员身份”（在职/退休/离休），不是“人员类别”'),
      }),
    );
    const result = await api('roster.importCommit', { file: asFile('类别.xlsx', bytes), skipRows: [] });
    expect(result.added).toBe(3);
    const page = await api('roster.search', { sort: { field: 'name', direction: 'asc' } });
    expect(page.rows.map((r) => [r.name, r.employmentCategory])).toEqual([
      ['李四', 'retired'],
      ['王五', 'retired'],
      ['张三', 'employed'],
    ]);

    // Mapped back to 人员类别 by hand, each refused value says what the column looks like.
    const forced = await api('roster.importPreview', {
      file: asFile('类别.xlsx', bytes),
      mapping: [{ index: 6, field: 'category' }],
    });
    expect(forced.notices.filter((n) => n.row === 1)).toEqual([]);
    expect(forced.errors).toHaveLength(3);
    expect(forced.errors[0]?.message).toBe(
      '无法识别，应为：正式党员 或 预备党员。这一列看起来是“人员身份”（在职/退休/离休），可在“列对应”中改为人员身份',
    );
  });

  it('keeps a choice column as its header says when its words fit, and leaves a 正式/预备 column alone', async () => {
    const { api } = await organ();
    const bytes = await workbook((sheet) =>
      addRows(sheet, [
        ['姓名', '公民身份号码', '所在党支部', '入党日期', '转正日期', '人员类别', '身份'],
        ['张三', ZS, '第一党支部', '2005-07-01', '2006-07-01', '正式党员', '在职'],
        ['李四', LS, '第二党支部', '1998-07-01', '1999-07-01', '正式党员', '退休'],
      ]),
    );
    const preview = await api('roster.importPreview', { file: asFile('类别.xlsx', bytes) });
    expect(preview.columns.find((c) => c.letter === 'F')?.field).toBe('category');
    expect(preview.columns.find((c) => c.letter === 'G')?.field).toBe('employmentCategory');
    expect(preview.notices).toEqual([]);
    expect(preview.valid).toBe(2);
  });

  it('updates the same people by ID number on re-import, showing the differences first', async () => {
    const { api } = await organ();
    const first = await workbook((sheet) =>
      addRows(sheet, [
        ['姓名', '身份证号', '党支部', '入党日期', '转正日期', '联系电话'],
        ['张三', ZS, '第一党支部', '2005-07-01', '2006-07-01', '13800000001'],
      ]),
    );
    await api('roster.importCommit', { file: asFile('1.xlsx', first), skipRows: [] });
    const again = await workbook((sheet) =>
      addRows(sheet, [
        ['姓名', '身份证号', '党支部', '入党日期', '转正日期', '联系电话'],
        ['张三', ZS, '第二党支部', '2005-07-01', '2006-07-01', '13900000009'],
        ['李四', LS, '第二党支部', '1998-07-01', '1999-07-01', null],
      ]),
    );
    const preview = await api('roster.importPreview', { file: asFile('2.xlsx', again) });
    expect(preview).toMatchObject({ newMembers: 1, updatedMembers: 1, unchangedMembers: 0 });
    expect(preview.changes).toEqual([
      {
        row: 2,
        name: '张三',
        maskedCitizenId: expect.stringMatching(/^110\*+/),
        diffs: [
          { label: '所在党支部', before: '第一党支部', after: '第二党支部' },
          { label: '联系电话', before: '13800000001', after: '13900000009' },
        ],
      },
    ]);
    await api('roster.importCommit', { file: asFile('2.xlsx', again), skipRows: [] });
    const page = await api('roster.search', { text: '张三' });
    expect(page.rows[0]).toMatchObject({ branchName: '第二党支部', phone: '13900000009' });
    expect(page.counts.total).toBe(1);
  });

  it('commits what the data holds at commit time, even when a member was added by hand after the preview', async () => {
    const { api } = await organ();
    const bytes = await workbook((sheet) =>
      addRows(sheet, [
        ['姓名', '身份证号', '党支部', '入党日期', '转正日期', '联系电话'],
        ['张三', ZS, '第一党支部', '2005-07-01', '2006-07-01', '13900000009'],
        ['李四', LS, '第二党支部', '1998-07-01', '1999-07-01', null],
      ]),
    );
    const file = asFile('名册.xlsx', bytes);
    expect(await api('roster.importPreview', { file })).toMatchObject({ newMembers: 2, updatedMembers: 0 });
    // Meanwhile someone enters 张三 by hand: the commit must update him, not add him twice or fail.
    await api('roster.add', {
      fields: {
        name: '张三',
        gender: 'male',
        citizenId: ZS,
        branchId: 2,
        admittedOn: '2005-07-01',
        fullMembershipOn: '2006-07-01',
        phone: '13800000001',
      },
    });
    expect(await api('roster.importCommit', { file, skipRows: [] })).toMatchObject({ added: 1, updated: 1 });
    const page = await api('roster.search', { text: '张三' });
    expect(page.counts.total).toBe(1);
    expect(page.rows[0]).toMatchObject({ phone: '13900000009' });
  });

  it('reads formulas by their saved results', async () => {
    const { api } = await organ();
    const bytes = await workbook((sheet) => {
      addRows(sheet, [['姓名', '身份证号', '党支部', '入党日期', '转正日期']]);
      sheet.addRow([
        { formula: 'CONCATENATE("张","三")', result: '张三' },
        { formula: 'TEXT(A1,"@")', result: ZS },
        '第一党支部',
        '2005-07-01',
        '2006-07-01',
      ]);
      sheet.addRow([
        '李四',
        // The ID as Excel keeps it in a number cell: 18 digits do not fit a double, so the last is lost.
        // eslint-disable-next-line no-loss-of-precision
        { formula: '110101197505200041+0', result: 110101197505200040 },
        '第一党支部',
        '1998-07-01',
        '1999-07-01',
      ]);
    });
    const preview = await api('roster.importPreview', { file: asFile('公式.xlsx', bytes) });
    expect(preview.valid).toBe(1);
    expect(preview.errors.map((e) => [e.row, e.message.slice(0, 11)])).toEqual([[3, '身份证号被存成了数字，']]);
  });

  it('refuses files that are not a readable roster workbook, each with its own message', async () => {
    const { api } = await organ();
    const cases: [string, Uint8Array, string][] = [
      ['名单.xlsx', encryptedOfficeFile(), '设置了打开密码'],
      ['名单.xls', damagedXlsFile(), '已损坏或不是 Excel 工作簿'],
      ['名单.csv', new TextEncoder().encode('姓名,身份证号\n张三,110101198001010030\n'), '不是 Excel 工作簿'],
      ['空.xlsx', new Uint8Array(), '是空文件'],
      ['坏.xlsx', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5]), '已损坏'],
      ['空表.xlsx', await workbook(() => undefined), '工作表是空的'],
      [
        '无表头.xlsx',
        await workbook((s) =>
          addRows(s, [
            ['a', 'b'],
            [1, 2],
          ]),
        ),
        '找不到党员名册的表头',
      ],
    ];
    for (const [name, bytes, message] of cases) {
      const error = await rejection(api('roster.importPreview', { file: asFile(name, bytes) }));
      expect(error.message, name).toContain(`文件“${name}”`);
      expect(error.message, name).toContain(message);
    }
    expect((await api('roster.search', {})).counts.total).toBe(0);
  });

  it('copes with 5,000 bad rows: a message for each, nothing written', async () => {
    const { api } = await organ();
    const bytes = await workbook((sheet) => {
      sheet.addRow(['姓名', '身份证号', '党支部', '入党日期']);
      // 17 characters: every one of them wrong
      for (let i = 0; i < 5000; i++)
        sheet.addRow([`党员${i}`, `1101011980010${String(i).padStart(4, '0')}`, '第一党支部', '2005-07-01']);
    });
    const preview = await api('roster.importPreview', { file: asFile('大量错误.xlsx', bytes) });
    expect(preview.rows).toBe(5000);
    expect(preview.problemRows).toHaveLength(5000);
    // The reply carries the first 1,000 problems and the count; the download has every one (issue 11 item 6).
    expect(preview.errors).toHaveLength(1000);
    expect(preview.errorCount).toBeGreaterThanOrEqual(5000);
    const list = await api('roster.importProblems', { file: asFile('大量错误.xlsx', bytes) });
    expect((await readBack(list.base64)).worksheets[0]!.rowCount).toBe(3 + preview.errorCount);
    await rejection(api('roster.importCommit', { file: asFile('大量错误.xlsx', bytes), skipRows: [] }));
    expect((await api('roster.search', {})).counts.total).toBe(0);
  });
});

describe('exporting the roster', () => {
  it('writes a formatted workbook that imports back unchanged, with IDs as text and formulas neutralised', async () => {
    const { api } = await organ();
    await api('roster.importCommit', { file: asFile('花名册.xlsx', await officeRoster()), skipRows: [] });
    const member = (await api('roster.search', { text: '张三' })).rows[0]!;
    const detail = await api('roster.get', { id: member.id });
    await api('roster.update', {
      id: member.id,
      fields: { ...fieldsOf(detail), note: '=HYPERLINK("http://x","点我")' },
    });

    const file = await api('roster.export', { query: {} });
    expect(file.fileName).toBe('党员名册-2026-11-22.xlsx');
    const book = await readBack(file.base64);
    const sheet = book.worksheets[0]!;
    expect(sheet.getCell('A1').value).toBe('中共某某局机关委员会党员花名册');
    expect(sheet.getCell('A2').value).toBe('截至2026年11月22日　共 3 人');
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 });
    expect(sheet.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', printTitlesRow: '3:3' });
    const header = sheet.getRow(3).values as string[];
    const idColumn = header.indexOf('公民身份号码');
    const noteColumn = header.indexOf('备注');
    const idCells = [4, 5, 6].map((r) => sheet.getRow(r).getCell(idColumn).value);
    expect(idCells.every((v) => typeof v === 'string' && v.length === 18)).toBe(true);
    const notes = [4, 5, 6].map((r) => sheet.getRow(r).getCell(noteColumn).value).filter(Boolean);
    expect(notes).toEqual(['\'=HYPERLINK("http://x","点我")']);

    const again = await api('roster.importPreview', { file: { fileName: file.fileName, base64: file.base64 } });
    expect(again.errors).toEqual([]);
    expect(again.newMembers).toBe(0);
    // The note comes back with its guard apostrophe, which is the only difference.
    expect(again.unchangedMembers).toBe(2);
  });

  it('offers the import template, which itself imports cleanly apart from its sample branch', async () => {
    const { api } = await organ();
    const template = await api('roster.template', {});
    const book = await readBack(template.base64);
    expect(book.worksheets.map((s) => s.name)).toEqual(['党员名册', '填写说明']);
    const preview = await api('roster.importPreview', {
      file: { fileName: template.fileName, base64: template.base64 },
    });
    expect(preview.columns.filter((c) => c.field).length).toBeGreaterThanOrEqual(20);
    expect(preview.errors).toEqual([]);
  });
});

function fieldsOf(m: MemberDetail) {
  return {
    name: m.name,
    gender: m.gender,
    citizenId: m.citizenId,
    ethnicity: m.ethnicity,
    education: m.education,
    branchId: m.branchId,
    admittedOn: m.admittedOn,
    fullMembershipOn: m.fullMembershipOn,
    phone: m.phone,
  };
}
