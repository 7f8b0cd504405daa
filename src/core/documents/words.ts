/*
 * Where a line of Chinese may break without splitting a word (GB/T 9704 §7.3.1: 回行时要做到
 * 词意完整). The platform's word segmentation (Intl.Segmenter 'zh', ICU's dictionary, the same in
 * Node and Chromium) finds the words; it cuts finer than a reader does ("委员|会", "民主|生活|会",
 * "离|退休", "2026|年度", "赵|磊"), so its boundaries are kept only where:
 *   - neither side is a single character (a lone character belongs to its neighbour: 的, 局, 会);
 *   - no term of the office's vocabulary (民主生活会, 党支部, 一岗双责 …) spans the boundary;
 *   - a number is not followed by its unit (2026年度, 12月, 8人) and numbers stay whole;
 *   - no closing punctuation would start a line, and no opening one end it.
 * Used for titles, cover lines, headings and table cells, in the HTML and in Word alike; body
 * paragraphs of a 公文 break anywhere on the grid, as the standard sets them.
 */

/** Compounds a reader takes as one word, though the dictionary splits them. Longest first is not needed. */
export const OFFICE_TERMS: readonly string[] = [
  '民主生活会',
  '组织生活会',
  '生活会',
  '委员会',
  '党委会',
  '党支部',
  '党总支',
  '党小组',
  '党组织',
  '机关党委',
  '机关委员会',
  '工作委员会',
  '直属机关',
  '一岗双责',
  '对照检查',
  '述责述廉',
  '三会一课',
  '主题党日',
  '离退休',
  '离休',
  '退休',
  '党费',
  '大额党费',
  '自愿多交',
  '谈心谈话',
  '全面从严治党',
  '党风廉政建设',
  '民主评议',
  '花名册',
  '征求意见',
  '整改清单',
  '纪实台账',
  '责任清单',
  '责任书',
  '预备党员',
  '正式党员',
  '发展党员',
  '入党积极分子',
  '上缴',
  '结存',
  '收支',
  '欠交',
  '补交',
  '预交',
  '代交',
  '核定表',
  '登记表',
  '情况表',
  '汇总表',
  '情况报告',
  '会议记录',
  '会议方案',
  '学习研讨',
  '研究生',
  '维吾尔族',
  '领导班子',
  '班子成员',
];

const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });

const HAN = /\p{Script=Han}/u;
const DIGITS = /^[0-9０-９.,，%‰]+$/;
/** What follows a number as its unit. */
const NUMBER_UNIT = /^[年月日号度个人次项元角分页岁名条份届期批周天时]/;
/** No line starts with these (closing brackets and quotes, pauses, stops). */
const NO_START = /^[，。、；：？！）》」』】〕〉”’％%,.;:?!)\]}·…—～]/;
/** No line ends with these (opening brackets and quotes). */
const NO_END = /[（《「『【〔〈“‘([{]$/;

const isSingleHan = (s: string) => [...s].length === 1 && HAN.test(s);

/** Start offsets (in UTF-16 units) of text covered by an office term, as [start, end) spans. */
function termSpans(text: string, terms: readonly string[]): [number, number][] {
  const spans: [number, number][] = [];
  for (const term of terms) {
    for (let at = text.indexOf(term); at >= 0; at = text.indexOf(term, at + 1)) spans.push([at, at + term.length]);
  }
  return spans;
}

/** Single characters that lead into the next word (的报告, 按规定, 第一); other lone characters close the word before them (某某局, 委员会). */
const LEADS = /^[的之对按在于从向把被将与和及或并各本该第每促抓推]$/;

/**
 * The text cut into units that may not be broken inside, in order: joined, they give the text
 * back. A line break is allowed only between units. `extraTerms` adds names the office uses
 * (its own organ, branches) to the vocabulary.
 */
export function wordUnits(text: string, extraTerms: readonly string[] = []): readonly string[] {
  if (!text) return [];
  // A ledger asks for the same few branch names, names and amounts thousands of times.
  const key = extraTerms.join('\u0001');
  let cache = unitCache.get(key);
  if (!cache) {
    if (unitCache.size > 8) unitCache.clear();
    cache = new Map();
    unitCache.set(key, cache);
  }
  const cached = cache.get(text);
  if (cached) return cached;
  const units = Object.freeze(segmentUnits(text, extraTerms));
  if (cache.size >= UNIT_CACHE_SIZE) cache.clear();
  cache.set(text, units);
  return units;
}

const UNIT_CACHE_SIZE = 50_000;
/** Units by text, per list of extra terms (a printing office has one list at a time). */
const unitCache = new Map<string, Map<string, readonly string[]>>();

function segmentUnits(text: string, extraTerms: readonly string[]): string[] {
  const spans = termSpans(text, [...OFFICE_TERMS, ...extraTerms]);
  const inTerm = (offset: number) => spans.some(([start, end]) => start < offset && offset < end);
  // Pass 1: the dictionary's words, joined where a term, a number or punctuation spans the cut.
  const units: string[] = [];
  for (const seg of segmenter.segment(text)) {
    const before = units.at(-1);
    if (before !== undefined && (inTerm(seg.index) || !breakable(before, seg.segment)))
      units[units.length - 1] += seg.segment;
    else units.push(seg.segment);
  }
  // Pass 2: lone characters side by side are one word (赵磊, 党的); a lone character left over
  // leads into the next word (的报告, 第一) or closes the one before (某某局), never across punctuation.
  const joined: string[] = [];
  let previousLone = false;
  for (const unit of units) {
    const lone = isSingleHan(unit);
    if (lone && previousLone) joined[joined.length - 1] += unit;
    else joined.push(unit);
    previousLone = lone;
  }
  const out: string[] = [];
  let lead = '';
  for (const unit of joined) {
    const before = out.at(-1);
    if (isSingleHan(unit) && (LEADS.test(unit) || before === undefined || !HAN.test(before.slice(-1)))) {
      lead += unit;
      continue;
    }
    if (isSingleHan(unit) && !lead && before !== undefined) {
      out[out.length - 1] += unit;
      continue;
    }
    out.push(lead + unit);
    lead = '';
  }
  if (lead) {
    if (out.length) out[out.length - 1] += lead;
    else out.push(lead);
  }
  return out;
}

/** May a line break between `before` (the unit so far) and the segment `after`? */
function breakable(before: string, after: string): boolean {
  if (/\s$/.test(before)) return true;
  if (/^\s/.test(after)) return false;
  if (NO_START.test(after) || NO_END.test(before)) return false;
  // Numbers stay whole and keep their unit (2026年度, 6,300.00, 1.5%); codes run on (DF2026-00012).
  if (/[0-9０-９]$/.test(before) && (DIGITS.test(after) || NUMBER_UNIT.test(after))) return false;
  if (/[A-Za-z0-9\-_/]$/.test(before) && /^[A-Za-z0-9\-_/]/.test(after)) return false;
  return true;
}

/** Width in grid cells: CJK and full-width forms one, ASCII about half (as the body faces set them). */
export function textCells(text: string): number {
  let cells = 0;
  for (const ch of text) cells += /[\u0000-\u00ff\uff61-\uff9f]/.test(ch) ? 0.5 : 1;
  return cells;
}

/**
 * Lines for a title of at most `maxCells` a line, broken only between words and balanced as
 * §7.3.1 asks (排列对称): the lines as even as the words allow, never an hourglass (a middle
 * line shorter than both its neighbours), and, with two lines, the upper one not the shorter
 * when a choice exists (a trapezoid, 梯形). A '\n' the author typed is kept as a forced break.
 */
export function titleLines(title: string, maxCells: number, extraTerms: readonly string[] = []): string[] {
  return title
    .split('\n')
    .map((part) => part.trim())
    .filter(Boolean)
    .flatMap((part) => balance(wordUnits(part, extraTerms), maxCells).map((line) => line.trim()));
}

function balance(units: readonly string[], maxCells: number): string[] {
  const widths = units.map(textCells);
  const total = widths.reduce((a, b) => a + b, 0);
  if (total <= maxCells) return [units.join('')];
  // Prefix sums for line widths.
  const prefix = [0];
  for (const w of widths) prefix.push(prefix.at(-1)! + w);
  const width = (from: number, to: number) => prefix[to]! - prefix[from]!;
  for (let lines = Math.ceil(total / maxCells); lines <= units.length; lines++) {
    let best: { cost: number; breaks: number[] } | null = null;
    const mean = total / lines;
    // Every way of cutting `units` into `lines` consecutive groups that fit (titles are short).
    const search = (from: number, left: number, breaks: number[]) => {
      if (left === 1) {
        if (width(from, units.length) > maxCells) return;
        const all = [...breaks, units.length];
        const cost = shapeCost(
          all.map((to, i) => width(i === 0 ? 0 : all[i - 1]!, to)),
          mean,
        );
        if (!best || cost < best.cost) best = { cost, breaks: all };
        return;
      }
      for (let to = from + 1; to <= units.length - left + 1; to++) {
        if (width(from, to) > maxCells) break;
        search(to, left - 1, [...breaks, to]);
      }
    };
    search(0, lines, []);
    if (best) {
      const { breaks } = best as { breaks: number[] };
      return breaks.map((to, i) => units.slice(i === 0 ? 0 : breaks[i - 1], to).join(''));
    }
  }
  // A single word longer than a line: nothing to balance, the renderer wraps it.
  return [units.join('')];
}

function shapeCost(lengths: number[], mean: number): number {
  let cost = lengths.reduce((sum, l) => sum + (l - mean) ** 2, 0);
  for (let i = 1; i + 1 < lengths.length; i++)
    if (lengths[i]! < lengths[i - 1]! && lengths[i]! < lengths[i + 1]!) cost += 100; // hourglass
  if (lengths.length === 2 && lengths[0]! < lengths[1]!) cost += 0.5; // prefer the longer line above
  return cost;
}

/**
 * Greedy lines broken between words: the first line at most `firstCells` wide (an indented
 * heading), the rest `restCells`. A '\n' in the text is a forced break. A word longer than a
 * line is cut where it must be. Used where the engine, not the renderer, chooses the breaks,
 * so that the PDF and the Word file break the same line at the same place.
 */
export function wrapWords(
  text: string,
  firstCells: number,
  restCells = firstCells,
  extraTerms: readonly string[] = [],
): string[] {
  const out: string[] = [];
  const limit = () => (out.length === 0 ? firstCells : restCells);
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const unit of wordUnits(paragraph, extraTerms)) {
      if (textCells((line + unit).trimEnd()) <= limit() || !line.trim()) {
        line += unit;
      } else {
        out.push(line.trimEnd());
        line = unit.trimStart();
      }
      while (textCells(line.trimEnd()) > limit() && limit() >= 1) {
        let cut = 0;
        let cells = 0;
        for (const ch of line) {
          if (cells + textCells(ch) > limit()) break;
          cells += textCells(ch);
          cut += ch.length;
        }
        out.push(line.slice(0, cut));
        line = line.slice(cut);
      }
    }
    out.push(line.trimEnd());
  }
  return out;
}

/** HTML for text whose lines may break only between words: the units with <wbr> between them. */
export function wordBreakHtml(text: string, escape: (s: string) => string, extraTerms: readonly string[] = []): string {
  return wordUnits(text, extraTerms).map(escape).join('<wbr>');
}
