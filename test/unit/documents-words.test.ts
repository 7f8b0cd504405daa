import { describe, expect, it } from 'vitest';
import { textCells, titleLines, wordUnits, wrapWords } from '../../src/core/documents/words';

/* Line breaks that keep words whole (GB/T 9704 §7.3.1), from the words the issue found broken. */

describe('word units', () => {
  it('gives the text back whole, cut only between words', () => {
    for (const text of [
      '中共某某局机关委员会关于召开2026年度民主生活会情况的报告',
      '按2017年规范党费工作通知（2017年1月起），基数 6,300.00 元 × 1.5% = 94.50 元',
      '欠交2026年5月至11月；应交11个月',
    ])
      expect(wordUnits(text).join('')).toBe(text);
  });

  it('keeps the words the issue found split: 党支部, 年度, 离退休, 生活会, 委员会, names, numbers with their units', () => {
    const units = (text: string) => wordUnits(text);
    expect(units('机关第一党支部')).toContain('党支部');
    expect(units('委员会2026年度党费收缴情况公示')).toEqual(expect.arrayContaining(['委员会', '2026年度']));
    expect(units('离退休干部党支部')).toEqual(['离退休', '干部', '党支部']);
    expect(units('2026年度民主生活会个人对照检查材料')).toEqual(['2026年度', '民主生活会', '个人', '对照检查', '材料']);
    expect(units('赵磊')).toEqual(['赵磊']);
    expect(units('担当作为促发展').join('|')).not.toMatch(/担当作\||作\|为/);
    expect(units('DF2026-00012')).toEqual(['DF2026-00012']);
    expect(units('2026年12月22日').join('')).toBe('2026年12月22日');
    expect(units('2026年12月22日').every((u) => !/^[年月日]/.test(u))).toBe(true);
  });

  it('never starts a unit with closing punctuation nor ends one with an opening bracket', () => {
    for (const unit of wordUnits('通知（2017年1月起），基数“按月”交纳；上缴、下拨。')) {
      expect(unit).not.toMatch(/^[，。、；）”]/);
      expect(unit).not.toMatch(/[（“]$/);
    }
  });

  it('takes the office’s own names as words', () => {
    expect(
      wordUnits('中共某某市发展和改革委员会机关委员会2026年度党费收缴情况公示', ['某某市发展和改革委员会']),
    ).toEqual(expect.arrayContaining(['某某市发展和改革委员会']));
  });
});

describe('title lines (梯形 or 菱形, words whole)', () => {
  it('breaks the titles the issue found split between words, in balanced lines within the width', () => {
    const cases: [string, number][] = [
      ['某某市发展和改革委员会关于召开2026年度机关第一党支部组织生活会情况的报告', 20],
      ['中共某某市发展和改革委员会机关委员会2026年度党费收缴情况公示', 20],
      ['2026年度机关第一党支部组织生活会会议记录', 17],
      ['主题：深入学习贯彻党的创新理论，担当作为促发展', 17],
    ];
    for (const [title, width] of cases) {
      const lines = titleLines(title, width, ['中共某某市发展和改革委员会机关委员会', '机关第一党支部']);
      expect(lines.join(''), title).toBe(title);
      expect(lines.length, title).toBeGreaterThan(1);
      const units = wordUnits(title, ['中共某某市发展和改革委员会机关委员会', '机关第一党支部']);
      let at = 0;
      const cuts = new Set(units.map((u) => (at += u.length)));
      for (const line of lines.slice(0, -1)) {
        expect(textCells(line), line).toBeLessThanOrEqual(width);
      }
      // Every line ends where a word ends.
      let end = 0;
      for (const line of lines.slice(0, -1)) {
        end += line.length;
        expect(cuts.has(end), `${title}: break after “${line}”`).toBe(true);
      }
      // Balanced: no two lines differ by more than the longest word allows, and no hourglass.
      const widths = lines.map(textCells);
      for (let i = 1; i + 1 < widths.length; i++)
        expect(widths[i]! < widths[i - 1]! && widths[i]! < widths[i + 1]!, title).toBe(false);
    }
    expect(titleLines('某某市发展和改革委员会关于召开2026年度机关第一党支部组织生活会情况的报告', 20)).toEqual([
      '某某市发展和改革委员会关于召开2026年度',
      '机关第一党支部组织生活会情况的报告',
    ]);
  });

  it('leaves a title that fits on one line, and keeps a break the author typed', () => {
    expect(titleLines('2026年度一岗双责责任书', 20)).toEqual(['2026年度一岗双责责任书']);
    expect(titleLines('某某局领导班子2026年度\n民主生活会方案', 20)).toEqual([
      '某某局领导班子2026年度',
      '民主生活会方案',
    ]);
  });
});

describe('wrapped lines', () => {
  it('fills lines greedily between words, the first line narrower for an indent', () => {
    const text = '一、加强政治建设，把牢机关党建正确方向，推动党建工作与业务工作深度融合';
    const lines = wrapWords(text, 26, 28);
    expect(lines.join('')).toBe(text);
    expect(textCells(lines[0]!)).toBeLessThanOrEqual(26);
    for (const line of lines) expect(textCells(line)).toBeLessThanOrEqual(28);
    let at = 0;
    const cuts = new Set(wordUnits(text).map((u) => (at += u.length)));
    expect(cuts.has(lines[0]!.length)).toBe(true);
    expect(lines[0]).toBe('一、加强政治建设，把牢机关党建正确方向，推动党建工作');
  });
});
