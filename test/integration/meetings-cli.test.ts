import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { pdfPageCount } from '../support/pdf-measure';
import { SAMPLE_SETUP, tempDir, tempWorkspace } from '../support/temp-workspace';

const root = path.resolve(import.meta.dirname, '../..');

function cli(...args: string[]) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'src/cli/main.ts'), ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, PARTY_OFFICE_DATA_DIR: tempDir() },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('meetings on the command line', () => {
  it('lists meetings and writes the binder PDF; bad arguments are named', async () => {
    const t = tempWorkspace({ today: '2026-12-10' });
    await t.api('organ.setup', SAMPLE_SETUP);
    const m = await t.api('meetings.create', {
      kind: 'democratic',
      year: 2026,
      theme: '凝心铸魂强根基',
      heldOn: '2026-12-20',
      people: [
        { name: '王局长', role: 'principal' },
        { name: '李副局长', role: 'member' },
      ],
    });
    t.ws.close();
    const file = t.ws.dataFile;

    const list = cli('--db', file, 'meetings', 'list');
    expect(list.code).toBe(0);
    expect(list.stdout).toContain('2026-12-20');
    expect(list.stdout).toContain('民主生活会');
    expect(list.stdout).toContain('凝心铸魂强根基');
    const json = JSON.parse(cli('--db', file, '--json', 'meetings', 'list').stdout);
    expect(json.meetings[0]).toMatchObject({ id: m.id, kind: 'democratic', year: 2026 });

    const out = path.join(tempDir(), '汇编.pdf');
    const binder = cli('--db', file, 'meetings', 'binder', '--meeting', String(m.id), '--out', out);
    expect(binder.stderr).toBe('');
    expect(binder.code).toBe(0);
    expect(binder.stdout).toContain('第1页起  会议方案');
    expect(binder.stdout).toContain('整改清单');
    expect(pdfPageCount(out)).toBeGreaterThan(8);
    // The same binder as Word, one section a part.
    const word = path.join(tempDir(), '汇编.docx');
    const docx = cli('--db', file, 'meetings', 'binder', '--meeting', String(m.id), '--out', word);
    expect(docx.stderr).toBe('');
    expect(docx.stdout).toContain('已生成Word文件');
    const xml = await (await JSZip.loadAsync(fs.readFileSync(word))).file('word/document.xml')!.async('string');
    expect(xml).toContain('PAGEREF part_1');
    expect(xml).toContain('会议记录');
    expect(cli('--db', file, 'meetings', 'binder', '--meeting', String(m.id), '--out', 'x.txt').stderr).toContain(
      '--out 应为以 .pdf 或 .docx 结尾的文件名（收到“x.txt”）',
    );

    const bad = cli('--db', file, 'meetings', 'binder', '--meeting', 'x', '--out', out);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--meeting 应为会议编号（收到“x”）');
    const missing = cli('--db', file, 'meetings', 'binder', '--meeting', '99', '--out', out);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('找不到编号为 99 的会议');
  }, 60_000);
});

describe('print with the parameters a document declares', () => {
  it('makes every meeting document from the command line, with the screen’s defaults, and names bad choices', async () => {
    const t = tempWorkspace({ today: '2026-12-10' });
    await t.api('organ.setup', SAMPLE_SETUP);
    const people = [
      { name: '王局长', role: 'principal' as const },
      { name: '李副局长', role: 'member' as const },
    ];
    const older = await t.api('meetings.create', {
      kind: 'democratic',
      year: 2025,
      theme: '去年的主题',
      heldOn: '2025-12-20',
      people,
    });
    await t.api('meetings.create', {
      kind: 'democratic',
      year: 2026,
      theme: '今年的主题',
      heldOn: '2026-12-20',
      people,
    });
    t.ws.close();
    const file = t.ws.dataFile;

    const list = cli('--db', file, 'print', 'list');
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/meeting-plan\s+会议方案.*--meeting 会议编号（默认最近一次）/);
    expect(list.stdout).toMatch(/meeting-material\s+对照检查材料.*\[--person 姓名（默认第一份）\]/);
    expect(list.stdout).toMatch(/dues-register\s+.*\[--month 2026-03（默认本月）\] \[--branch 党支部（默认全机关）\]/);

    const dir = tempDir();
    // No --meeting: the latest, as the screen starts.
    const latest = cli('--db', file, 'print', 'meeting-plan', '--out', path.join(dir, 'plan.pdf'));
    expect(latest.stderr).toBe('');
    expect(latest.stdout).toContain('2026年度民主生活会');
    const earlier = cli(
      '--db',
      file,
      'print',
      'meeting-plan',
      '--meeting',
      String(older.id),
      '--out',
      path.join(dir, 'old.docx'),
    );
    expect(earlier.code).toBe(0);
    const xml = await (
      await JSZip.loadAsync(fs.readFileSync(path.join(dir, 'old.docx')))
    )
      .file('word/document.xml')!
      .async('string');
    expect(xml.replace(/<[^>]+>/g, '')).toContain('2025年度民主生活会');
    const material = cli(
      '--db',
      file,
      'print',
      'meeting-material',
      '--person',
      '李副局长',
      '--out',
      path.join(dir, 'li.pdf'),
    );
    expect(material.stderr).toBe('');
    expect(material.code).toBe(0);

    const wrongPerson = cli(
      '--db',
      file,
      'print',
      'meeting-material',
      '--person',
      '张三',
      '--out',
      path.join(dir, 'x.pdf'),
    );
    expect(wrongPerson.code).not.toBe(0);
    expect(wrongPerson.stderr).toContain('这次会议的名单中没有“张三”。可选：领导班子、王局长、李副局长');
    const wrongMeeting = cli(
      '--db',
      file,
      'print',
      'meeting-plan',
      '--meeting',
      '999',
      '--out',
      path.join(dir, 'x.pdf'),
    );
    expect(wrongMeeting.stderr).toContain('没有编号为“999”的会议');
    const notTaken = cli('--db', file, 'print', 'org-units', '--month', '2026-03', '--out', path.join(dir, 'x.pdf'));
    expect(notTaken.stderr).toContain('“党组织设置及委员名单”不需要 --month');
  }, 300_000);
});
