import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { installedFontFamilies } from '../../src/core/documents/font-detect';
import { resolveFonts, substitutionNotes } from '../../src/core/documents/fonts';
import { pdfPageCount, readPdfLayout } from '../support/pdf-measure';
import { tempDir, tempWorkspace } from '../support/temp-workspace';

const root = path.resolve(import.meta.dirname, '../..');

/** The real entry point, as `npm run cli --` runs it. */
function cli(...args: string[]) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'src/cli/main.ts'), ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, PARTY_OFFICE_DATA_DIR: tempDir() },
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('party-office print', () => {
  it('lists the documents it can print', () => {
    const list = cli('print', 'list');
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/sample\s+公文版式样张\s+公文\s+\.pdf \.docx/);
    expect(list.stdout).toMatch(/binder-sample\s+材料汇编样张\s+汇编\s+\.pdf \.docx/);
    expect(list.stdout).toMatch(/org-units\s+党组织设置及委员名单/);
  });

  it('prints the sample 公文 to PDF and to Word, without a data file', () => {
    const dir = tempDir();
    const pdf = path.join(dir, '样张.pdf');
    const run = cli('--db', path.join(dir, 'none.db'), 'print', 'sample', '--out', pdf);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`已生成“关于做好`);
    expect(run.stdout).toContain(pdf);
    expect(pdfPageCount(pdf)).toBeGreaterThanOrEqual(4);
    // On a machine without the office fonts it says what stands in.
    for (const note of substitutionNotes(resolveFonts(installedFontFamilies())))
      expect(run.stdout).toContain(`字体：${note}`);

    const docx = path.join(dir, '样张.docx');
    expect(cli('--db', path.join(dir, 'none.db'), 'print', 'sample', '--out', docx).code).toBe(0);
    expect(fs.readFileSync(docx).subarray(0, 2).toString()).toBe('PK');
    // A binder too, as one Word file.
    const binder = path.join(dir, '汇编.docx');
    expect(cli('--db', path.join(dir, 'none.db'), 'print', 'binder-sample', '--out', binder).code).toBe(0);
    expect(fs.readFileSync(binder).subarray(0, 2).toString()).toBe('PK');
  }, 180_000);

  it('prints the sample binder, telling where each part starts, in JSON too', () => {
    const dir = tempDir();
    const pdf = path.join(dir, 'binder.pdf');
    const run = cli(
      '--db',
      path.join(dir, 'none.db'),
      '--json',
      'print',
      'binder-sample',
      '--single-sided',
      '--out',
      pdf,
    );
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout) as {
      ok: boolean;
      pageCount: number;
      parts: { title: string; page: number }[];
    };
    expect(result.ok).toBe(true);
    expect(result.parts.map((p) => p.title)).toEqual(['民主生活会方案', '领导班子对照检查材料', '征求意见情况汇总表']);
    expect(result.parts[0]!.page).toBe(1);
    expect(pdfPageCount(pdf)).toBe(result.pageCount);
  });

  it('prints the organisation table from the data file', async () => {
    const dir = tempDir();
    const { ws, api } = tempWorkspace({ dataDir: dir });
    await api('organ.setup', {
      organName: '某某局',
      committeeKind: 'committee',
      committeeName: '中共某某局机关委员会',
      superiorName: '',
      branches: ['第一党支部', '第二党支部'],
    });
    const db = ws.dataFile;
    ws.close();
    const pdf = path.join(dir, 'org.pdf');
    const run = cli('--db', db, 'print', 'org-units', '--out', pdf);
    expect(run.code).toBe(0);
    const [page] = readPdfLayout(pdf);
    expect(page!.width).toBeCloseTo(297, 0);
    const words = page!.words.map((w) => w.text);
    expect(words).toEqual(expect.arrayContaining(['党组织设置及委员名单', '第一党支部', '第二党支部', '合计']));
  });

  it('explains mistakes in Chinese on stderr with a non-zero exit code', () => {
    const dir = tempDir();
    const db = path.join(dir, 'none.db');
    const unknown = cli('--db', db, 'print', 'nosuch', '--out', path.join(dir, 'x.pdf'));
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('没有编号为“nosuch”的文档');
    const noOut = cli('--db', db, 'print', 'sample');
    expect(noOut.code).toBe(2);
    expect(noOut.stderr).toContain('--out');
    const badExt = cli('--db', db, 'print', 'sample', '--out', path.join(dir, 'x.txt'));
    expect(badExt.code).toBe(2);
    expect(badExt.stderr).toContain('.pdf 或 .docx');
    const needsData = cli('--db', db, 'print', 'org-units', '--out', path.join(dir, 'x.pdf'));
    expect(needsData.code).toBe(1);
    expect(needsData.stderr).toContain('尚未建立本机关的党务数据');
    expect(fs.readdirSync(dir)).toEqual([]);
  });
});
