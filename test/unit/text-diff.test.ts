import { describe, expect, it } from 'vitest';
import { diffSummary, paragraphDiff } from '../../src/shared/text-diff';

const REPORT = [
  '按照上级部署，某某局于2026年12月20日召开2026年度民主生活会。',
  '一、会前准备情况',
  '开展集中学习研讨2次。征求意见4条。',
  '二、会议召开情况',
  '会上，王局长、李副局长依次作对照检查。',
].join('\n');

describe('paragraphDiff', () => {
  it('shows a paragraph edited in place by its characters, and leaves the rest as it was', () => {
    const edited = REPORT.replace('征求意见4条。', '征求意见4条，已逐一反馈本人。');
    const changes = paragraphDiff(REPORT, edited);
    expect(changes.map((c) => c.kind)).toEqual(['same', 'same', 'changed', 'same', 'same']);
    const changed = changes[2]!;
    if (changed.kind !== 'changed') throw new Error('not changed');
    expect(
      changed.pieces
        .filter((p) => p.change === 'added')
        .map((p) => p.text)
        .join(''),
    ).toBe('，已逐一反馈本人');
    expect(
      changed.pieces
        .filter((p) => p.change === 'removed')
        .map((p) => p.text)
        .join(''),
    ).toBe('');
    expect(diffSummary(changes)).toBe('改动1段');
  });

  it('tells paragraphs added and removed apart from a rewritten one', () => {
    const next = [
      '一、会前准备情况',
      '开展集中学习研讨2次。征求意见4条。',
      '三、查摆的主要问题',
      '1.调研不够深入',
    ].join('\n');
    const changes = paragraphDiff(REPORT, next);
    expect(changes.filter((c) => c.kind === 'removed').map((c) => (c.kind === 'removed' ? c.text : ''))).toContain(
      '按照上级部署，某某局于2026年12月20日召开2026年度民主生活会。',
    );
    expect(changes.filter((c) => c.kind === 'added').map((c) => (c.kind === 'added' ? c.text : ''))).toContain(
      '1.调研不够深入',
    );
    // A paragraph replaced by an unrelated one is not shown as a character soup.
    expect(paragraphDiff('会上依次作对照检查。', '整改清单共5项，逐项销号。').map((c) => c.kind)).toEqual([
      'removed',
      'added',
    ]);
    expect(diffSummary(paragraphDiff(REPORT, REPORT))).toBe('没有改动');
  });
});
