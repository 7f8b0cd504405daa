/**
 * Documents figures, each beside what it is held to in the same run: the 100-page binder to PDF
 * beside LibreOffice turning the binder's own .docx into a PDF (the binder should be faster), and
 * the 500-page 党费台账 of 10,000 members (target under 10 s).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { ChromiumPrinter } from '../../src/core/documents/chromium-printer';
import { binderDocx, docxBuffer } from '../../src/core/documents/docx';
import { installedFontFamilies } from '../../src/core/documents/font-detect';
import { resolveFonts } from '../../src/core/documents/fonts';
import type { BinderDocument, Block, NarrativeDocument, TableDocument } from '../../src/core/documents/model';
import { renderPdf } from '../../src/core/documents/render';
import { sampleGongwen } from '../../src/core/documents/samples';
import { treeCpuMs } from './cpu';

const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

/** Wall time and, where /proc tells it, CPU time of this process and its Chromium or LibreOffice. */
async function timed<T>(work: () => Promise<T> | T): Promise<{ value: T; wall: number; cpu: number | null }> {
  const cpu0 = treeCpuMs();
  const t = performance.now();
  const value = await work();
  const wall = performance.now() - t;
  const cpu1 = treeCpuMs();
  return { value, wall, cpu: cpu0 === null || cpu1 === null ? null : cpu1 - cpu0 };
}
const cost = (m: { wall: number; cpu: number | null }) => `${s(m.wall)}${m.cpu === null ? '' : ` (CPU ${s(m.cpu)})`}`;

/** A binder of `parts` materials, each the sample's body several times over (about 12 pages). */
function bigBinder(parts: number): BinderDocument {
  const sample = sampleGongwen({ organ: '某某局', committee: '中共某某局机关委员会', today: '2026-08-01' });
  const body: Block[] = sample.blocks.filter((b) => b.type === 'heading' || b.type === 'paragraph');
  return {
    kind: 'binder',
    cover: {
      title: '某某局2026年度\n党建工作材料汇编',
      organ: '中共某某局机关委员会',
      date: '2026-08-01',
      secrecy: '内部资料',
    },
    oddPageStarts: true,
    parts: Array.from({ length: parts }, (_, i) => ({
      title: `第${i + 1}篇　党建工作材料`,
      document: {
        kind: 'narrative',
        title: `第${i + 1}篇　党建工作材料`,
        blocks: [...body, ...body, ...body],
      } satisfies NarrativeDocument,
    })),
  };
}

/** A year's 党费收缴台账 of the whole organ as the dues module builds it: 10,000 members, about 500 pages. */
function bigLedger(members: number): TableDocument {
  const branches = ['机关第一党支部', '机关第二党支部', '离退休干部党支部', '综合规划处党支部'];
  const names = ['赵磊', '欧阳娜娜', '王建国', '李秀英', '张伟'];
  return {
    kind: 'table',
    title: '中共某某市发展和改革委员会机关委员会2026年度党费收缴台账',
    orientation: 'landscape',
    captionLeft: '党组织：中共某某市发展和改革委员会机关委员会',
    captionRight: '截至2026年11月',
    columns: [
      { header: '序号', width: 4, align: 'center' },
      { header: '党支部', width: 10 },
      { header: '姓名', width: 6, align: 'center' },
      { header: '月工资收入（元）', width: 9, align: 'right' },
      { header: '执行标准', width: 7, align: 'center' },
      { header: '月应缴（元）', width: 7, align: 'right' },
      { header: '全年应缴（元）', width: 8, align: 'right' },
      { header: '全年实缴（元）', width: 8, align: 'right' },
      { header: '备注', width: 22 },
    ],
    rows: Array.from({ length: members }, (_, i) => [
      String(i + 1),
      branches[i % branches.length]!,
      names[i % names.length]!,
      '6,300.00',
      '1.5%',
      '94.50',
      '1,134.00',
      i % 7 === 0 ? '945.00' : '1,134.00',
      i % 7 === 0 ? '欠交2026年10月至11月' : i % 11 === 0 ? '另自愿多交200.00元' : '',
    ]),
    totals: ['合计', '', `${members}人`, '', '', '945,000.00', '11,340,000.00', '11,070,000.00', ''],
    notes: ['“月工资收入”为核定党费的月基数；按定额交纳的不填。全年实缴按所属月份统计，含补交和预交。'],
    signatures: ['经办人', '负责人', '日期'],
    fontSize: 'small',
  };
}

function findLibreOffice(): string | null {
  for (const name of ['libreoffice', 'soffice']) {
    const found = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
    if (found.status === 0 && found.stdout.trim()) return found.stdout.trim();
  }
  return null;
}

export async function documentsBench(): Promise<void> {
  console.log('\n— documents —');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'party-office-bench-docs-'));
  const printer = new ChromiumPrinter();
  try {
    const fonts = resolveFonts(installedFontFamilies());
    let t = performance.now();
    await printer.print('<!doctype html><p>warm-up</p>');
    console.log(`Chromium start (once per process):              ${s(performance.now() - t)}`);

    // Enough parts for at least 100 pages.
    let parts = 8;
    let binder = bigBinder(parts);
    let result = await renderPdf(binder, { fonts }, printer);
    while (result.pageCount < 100) {
      parts++;
      binder = bigBinder(parts);
      result = await renderPdf(binder, { fonts }, printer);
    }
    const runs: { wall: number; cpu: number | null }[] = [];
    for (let i = 0; i < 3; i++) {
      const run = await timed(() => renderPdf(binder, { fonts }, printer));
      result = run.value;
      runs.push(run);
    }
    runs.sort((a, b) => a.wall - b.wall);
    console.log(
      `${result.pageCount}-page binder (${parts} parts, contents, odd-page starts) → PDF: ${cost(runs[1]!)} median of 3 ` +
        `(target: faster than LibreOffice below)`,
    );
    fs.writeFileSync(path.join(dir, 'binder-chromium.pdf'), result.pdf);

    // The binder's own Word twin, for LibreOffice below.
    t = performance.now();
    const docx = await docxBuffer(binderDocx(binder, fonts));
    console.log(`the same binder → .docx:                        ${s(performance.now() - t)}`);
    const docxFile = path.join(dir, 'binder.docx');
    fs.writeFileSync(docxFile, docx);

    // Big tables must not cost more per page than small ones.
    for (const members of [1_000, 10_000]) {
      const ledger = await timed(() => renderPdf(bigLedger(members), { fonts }, printer));
      const pages = ledger.value.pageCount;
      const perPage = { wall: ledger.wall / pages, cpu: ledger.cpu === null ? null : ledger.cpu / pages };
      console.log(
        `${pages}-page 党费台账 (${members.toLocaleString('en')} members) → PDF: ${cost(ledger)}, ` +
          `${perPage.wall.toFixed(0)} ms a page${perPage.cpu === null ? '' : ` (CPU ${perPage.cpu.toFixed(0)} ms)`}` +
          (members === 10_000 ? '  (target < 10 s)' : ''),
      );
    }

    const libreoffice = findLibreOffice();
    if (!libreoffice) {
      console.log('LibreOffice not installed: no comparison (apt-get install libreoffice-writer-nogui to add it)');
      return;
    }
    const profile = path.join(dir, 'lo-profile');
    for (const run of ['first run', 'second run']) {
      const lo = await timed(() =>
        spawnSync(
          libreoffice,
          [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, docxFile],
          { encoding: 'utf8', timeout: 300_000 },
        ),
      );
      const converted = lo.value;
      const out = path.join(dir, 'binder.pdf');
      if (converted.status !== 0 || !fs.existsSync(out)) {
        console.log(`LibreOffice failed (${converted.status}): ${converted.stderr.trim().slice(0, 200)}`);
        return;
      }
      const info = spawnSync('pdfinfo', [out], { encoding: 'utf8' });
      const pages = /Pages:\s+(\d+)/.exec(info.stdout ?? '')?.[1] ?? '?';
      console.log(
        `LibreOffice ${run}: the binder's own .docx → PDF (${pages} pages): ${cost(lo)}  (the binder's PDF should be faster)`,
      );
      fs.rmSync(out);
    }
  } finally {
    await printer.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
