import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { rosterTable } from '../../src/core/roster/documents';
import { citizenId, memberFields } from '../support/people';
import { readPdfLayout, screenshotPages } from '../support/pdf-measure';
import { SAMPLE_SETUP, tempDir, tempWorkspace } from '../support/temp-workspace';
import { addRows, asFile, workbook } from '../support/workbooks';

/** 70 members over two branches: enough for the printed roster to run over several pages. */
async function organWithMembers() {
  const t = tempWorkspace({ today: '2026-11-22' });
  await t.api('organ.setup', SAMPLE_SETUP);
  const rows: (string | null)[][] = [['姓名', '性别', '身份证号', '党支部', '入党日期', '转正日期', '工作岗位']];
  for (let i = 0; i < 70; i++) {
    const male = i % 3 !== 0;
    rows.push([
      `党员${String(i + 1).padStart(2, '0')}`,
      male ? '男' : '女',
      citizenId(`19${70 + (i % 25)}-0${1 + (i % 9)}-1${i % 10}`, male ? 'male' : 'female', i + 1),
      i < 45 ? '第一党支部' : '第二党支部',
      `20${10 + (i % 10)}-07-01`,
      i === 5 ? null : `20${11 + (i % 10)}-07-01`,
      '科员',
    ]);
  }
  const result = await t.api('roster.importCommit', {
    file: asFile('名册.xlsx', await workbook((s) => addRows(s, rows))),
    skipRows: [],
  });
  expect(result.imported).toBe(70);
  return t;
}

function save(base64: string): string {
  const file = path.join(tempDir(), 'roster.pdf');
  fs.writeFileSync(file, Buffer.from(base64, 'base64'));
  return file;
}

describe('the printed 党员花名册', () => {
  it('prints the whole organ on A4 landscape with the header on every page and the totals at the end', async () => {
    const { api } = await organWithMembers();
    const pdf = await api('documents.export', { id: 'roster', params: {}, format: 'pdf' });
    expect(pdf.fileName).toBe('中共某某局机关委员会党员花名册.pdf');
    const file = save(pdf.base64);
    const pages = readPdfLayout(file);
    expect(pages.length).toBeGreaterThan(1);
    for (const page of pages) {
      expect(page.width).toBeGreaterThan(page.height); // landscape
      expect(page.width).toBeCloseTo(297, 0);
      expect(page.text).toContain('所在党支部');
      expect(page.text).toContain('入党时间');
    }
    expect(pages[0]!.text).toContain('中共某某局机关委员会党员花名册');
    expect(pages[0]!.text).toContain('截至2026年11月22日');
    const all = pages.map((p) => p.text).join('\n');
    for (const n of ['党员01', '党员45', '党员70']) expect(all).toContain(n);
    expect(pages.at(-1)!.text).toContain('共70人，其中正式党员69人、预备党员1人');
    screenshotPages(file, 'roster-print-all');
  });

  it('prints one branch with the branch in the title and no branch column', async () => {
    const { api } = await organWithMembers();
    const branch = (await api('org.units', {})).find((u) => u.name === '第二党支部')!;
    const pdf = await api('documents.export', { id: 'roster', params: { branchId: branch.id }, format: 'pdf' });
    const pages = readPdfLayout(save(pdf.base64));
    const all = pages.map((p) => p.text).join('\n');
    expect(pages[0]!.text).toContain('第二党支部党员花名册');
    expect(all).not.toContain('所在党支部');
    expect(all).toContain('共25人');
    expect(all).not.toContain('党员01');
  });
});

describe('the 花名册 columns', () => {
  it('keeps an 11-digit phone number, 硕士研究生 and 维吾尔族 on one line; 工作岗位 as wide as the longest, the rest to 备注', async () => {
    const t = tempWorkspace({ today: '2026-11-22' });
    await t.api('organ.setup', SAMPLE_SETUP);
    const people: [string, 'masters' | 'doctorate' | 'juniorOrBelow', string | null][] = [
      ['欧阳晓明', 'masters', null],
      ['张三', 'doctorate', '办公室副主任（主持工作）'],
      ['李四', 'juniorOrBelow', null],
    ];
    for (const [i, [name, education, jobTitle]] of people.entries()) {
      await t.api('roster.add', {
        fields: memberFields({
          name,
          education,
          jobTitle,
          phone: `1391234567${i}`,
          citizenId: citizenId('1985-03-12', 'male', i + 1),
          ethnicity: '维吾尔族',
        }),
      });
    }
    // Known only to the month: printed to the month, never as the 1st.
    await t.api('roster.add', {
      fields: memberFields({
        name: '王五',
        admittedOn: '2012-07',
        fullMembershipOn: '2013-07',
        citizenId: citizenId('1985-03-12', 'male', 9),
      }),
    });
    const pdf = await t.api('documents.export', { id: 'roster', params: {}, format: 'pdf' });
    const file = save(pdf.base64);
    screenshotPages(file, 'roster-print-columns', 70);
    const words = readPdfLayout(file).flatMap((p) => p.words.map((w) => w.text));
    // No one's 工作岗位 filled in: the column is as wide as its header, 备注 takes the rest.
    const empty = rosterTable(
      { members: [], branchName: null, decisions: null },
      {
        db: () => {
          throw new Error('unused');
        },
        organ: null,
        today: '2026-11-22',
      },
    );
    const width = (header: string) => empty.columns.find((c) => c.header === header)!.width!;
    expect(width('工作岗位')).toBeCloseTo(width('入党时间'), 5);
    expect(width('备注')).toBeGreaterThan(width('工作岗位') * 1.5);
    expect(empty.columns.reduce((sum, c) => sum + c.width!, 0)).toBeCloseTo(257, 5);
    for (const whole of [
      '13912345670',
      '13912345671',
      '13912345672',
      '硕士研究生',
      '博士研究生',
      '初中及以下',
      '维吾尔族',
      '1985.03',
      // 入党、转正 to the day they are kept to, on one line
      '2010.07.01',
      '2011.07.01',
      '2012.07',
      '2013.07',
    ])
      expect(words, whole).toContain(whole);
    expect(words).not.toContain('2012.07.01');
  });
});
