/**
 * Money is an integer count of 分 (fen) from end to end. Decimals exist only at the edge: typed
 * or imported text is parsed into fen here, and fen is formatted into "6,300.00" here. Nothing
 * in between does floating-point arithmetic on money; rates are integer basis points and
 * rounding is done exactly on integers (BigInt where a product could grow).
 */

declare const FEN: unique symbol;
/** An integer number of 分. */
export type Fen = number & { readonly [FEN]: true };

/** The largest amount the app accepts anywhere: 99,999,999.99 元. */
export const MAX_FEN = 9_999_999_999;

export function fen(value: number): Fen {
  if (!Number.isSafeInteger(value)) throw new RangeError(`not a whole number of fen: ${value}`);
  return value as Fen;
}

export const ZERO_FEN = fen(0);

export function addFen(...values: number[]): Fen {
  let total = 0;
  for (const v of values) total += v;
  return fen(total);
}

export function sumFen(values: Iterable<number>): Fen {
  let total = 0;
  for (const v of values) total += v;
  return fen(total);
}

export function subFen(a: number, b: number): Fen {
  return fen(a - b);
}

export function timesFen(amount: number, count: number): Fen {
  if (!Number.isInteger(count)) throw new RangeError(`not a whole count: ${count}`);
  return fen(amount * count);
}

/* ---------- formatting (the edge) ---------- */

function group(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** 630000 → "6,300.00"; with `grouping: false` → "6300.00". */
export function formatYuan(amount: number, options: { grouping?: boolean } = {}): string {
  fen(amount);
  const negative = amount < 0;
  const abs = Math.abs(amount);
  const whole = String(Math.floor(abs / 100));
  const cents = String(abs % 100).padStart(2, '0');
  return `${negative ? '-' : ''}${options.grouping === false ? whole : group(whole)}.${cents}`;
}

/** "6,300.00 元". */
export function yuan(amount: number): string {
  return `${formatYuan(amount)} 元`;
}

/**
 * An exact value given as `numerator / denominator` fen (both whole, denominator a power of
 * ten), written in 元 with as many decimals as it has, and at least two: 9450/1 → "94.50",
 * 312345/10000 → "31.2345".
 */
export function formatExactYuan(numerator: bigint, denominator: bigint): string {
  // value in yuan = numerator / (denominator × 100)
  const scale = denominator * 100n;
  const places = String(scale).length - 1;
  if (10n ** BigInt(places) !== scale) throw new RangeError(`denominator must be a power of ten: ${denominator}`);
  const negative = numerator < 0n;
  const abs = negative ? -numerator : numerator;
  const whole = abs / scale;
  let fraction = String(abs % scale)
    .padStart(places, '0')
    .replace(/0+$/, '');
  if (fraction.length < 2) fraction = fraction.padEnd(2, '0');
  return `${negative ? '-' : ''}${group(String(whole))}.${fraction}`;
}

/* ---------- parsing (the edge) ---------- */

export type ParsedMoney = { ok: true; fen: Fen; notice?: string } | { ok: false; message: string };

const FULL_WIDTH = /[０-９．，]/g;

function halfWidth(text: string): string {
  return text.replace(FULL_WIDTH, (c) =>
    c === '．' ? '.' : c === '，' ? ',' : String.fromCharCode(c.charCodeAt(0) - 0xfee0),
  );
}

/**
 * Reads an amount of 元 as people type it: "6300", "6,300.00", "6300.5", "￥6,300.00元",
 * full-width digits. Refuses more than two decimals (there is nothing below 分), negative
 * amounts, thousands separators in the wrong places, and anything that is not a number.
 */
export function parseYuan(text: string): ParsedMoney {
  const raw = text.trim();
  if (!raw) return { ok: false, message: '金额为空' };
  const cleaned = halfWidth(raw)
    .replace(/^[¥￥]\s*/, '')
    .replace(/\s*(元|RMB|CNY)$/i, '')
    .replace(/\s+/g, '');
  if (/^-/.test(cleaned)) return { ok: false, message: `金额“${raw}”是负数` };
  const match = /^(\d{1,3}(?:,\d{3})+|\d+)?(?:\.(\d*))?$/.exec(cleaned);
  if (!match || (match[1] === undefined && !match[2]))
    return { ok: false, message: `“${raw}”不是金额，应写作“6300”或“6,300.00”` };
  const whole = (match[1] ?? '0').replaceAll(',', '');
  let decimals = match[2] ?? '';
  if (decimals.length > 2) {
    if (/[1-9]/.test(decimals.slice(2))) return { ok: false, message: `金额“${raw}”超过两位小数（最小单位是分）` };
    decimals = decimals.slice(0, 2);
  }
  const value = BigInt(whole) * 100n + BigInt(decimals.padEnd(2, '0') || '0');
  if (value > BigInt(MAX_FEN)) return { ok: false, message: `金额“${raw}”过大` };
  return { ok: true, fen: fen(Number(value)) };
}

/**
 * A number read from a spreadsheet cell is a binary double; it is taken by its shortest
 * decimal spelling (what Excel shows), never multiplied. A value such as 6300.0000000001 left
 * by a formula is accepted as the nearest 分 with a remark; a real third decimal is refused.
 */
export function yuanFromSpreadsheetNumber(value: number): ParsedMoney {
  if (!Number.isFinite(value)) return { ok: false, message: '不是有效数字' };
  if (value < 0) return { ok: false, message: `金额“${value}”是负数` };
  const spelled = value.toLocaleString('en-US', { useGrouping: false, maximumFractionDigits: 20 });
  const direct = parseYuan(spelled);
  if (direct.ok) return direct;
  const twoPlaces = value.toFixed(2);
  const rounded = parseYuan(twoPlaces);
  // A formula remainder is far below a thousandth of a fen; a typed third decimal is not.
  if (rounded.ok && Math.abs(Number(twoPlaces) - value) < 1e-7)
    return { ok: true, fen: rounded.fen, notice: `计算结果“${spelled}”按 ${twoPlaces} 元读取` };
  return direct;
}
