import type { Block, HeadingLevel } from './model';

const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 99 → 九十九, 100 → 一百, 105 → 一百零五. */
export function chineseNumeral(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 999) throw new RangeError(`no Chinese numeral for ${n}`);
  const hundreds = Math.floor(n / 100);
  const tens = Math.floor((n % 100) / 10);
  const ones = n % 10;
  let out = '';
  if (hundreds) out += `${DIGITS[hundreds]}百`;
  if (tens) out += `${tens === 1 && !hundreds ? '' : DIGITS[tens]}十`;
  else if (hundreds && ones) out += '零';
  if (ones) out += DIGITS[ones];
  return out;
}

/** The label a heading of this level and number carries: "一、", "（一）", "1.", "（1）". */
export function headingLabel(level: HeadingLevel, n: number): string {
  switch (level) {
    case 1:
      return `${chineseNumeral(n)}、`;
    case 2:
      return `（${chineseNumeral(n)}）`;
    case 3:
      return `${n}.`;
    case 4:
      return `（${n}）`;
  }
}

/**
 * The label of every heading in a block list, in order (undefined for other blocks): each
 * level counts from one again under a new heading of a higher level.
 */
export function headingLabels(blocks: readonly Block[]): (string | undefined)[] {
  const counters = [0, 0, 0, 0, 0];
  return blocks.map((block) => {
    if (block.type !== 'heading') return undefined;
    const level = block.level;
    counters[level] = (counters[level] ?? 0) + 1;
    for (let deeper = level + 1; deeper <= 4; deeper++) counters[deeper] = 0;
    return headingLabel(level, counters[level]!);
  });
}
