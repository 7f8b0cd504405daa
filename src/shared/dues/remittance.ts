import { formatChineseDate, type IsoDate } from '../dates';
import type { Fen } from './money';
import { formatYuan } from './money';

/*
 * 上缴 deadlines (reference §1.8): a year's dues are remitted up the chain in the following year.
 * 中央和国家机关: each 部门机关党委 remits 20% of the previous year's total to the 工委 in the first
 * quarter [C]; elsewhere the share and the time are set by the province. So both are settings
 * (上缴比例, 上缴期限), with the reference's 第一季度 as the default time. The 上缴 record (a
 * remittance for that dues year) closes the reminder; the app never moves money by itself.
 */

export const REMITTANCE_RULE =
  '依据：中央和国家机关各部门机关党委每年第一季度将上年党费总额的20%上缴中央和国家机关工委；其他地方和单位的上缴比例、期限由省级党委组织部门规定（在“党费 → 设置”中按本地规定填写）';

export interface RemittanceFacts {
  year: number;
  /** 'MM-DD' of the following year. */
  dueDay: string;
  shareBp: number | null;
  /** What the share is taken of: the year's dues and ordinary voluntary payments collected. */
  baseFen: Fen;
  /** Share × base, rounded half-up; null while no share is set. */
  dueFen: Fen | null;
  /** Remittances recorded for that dues year. */
  remittedFen: Fen;
}

export type RemittanceState =
  { kind: 'notYet' } | { kind: 'done' } | { kind: 'due'; dueOn: IsoDate; overdue: boolean; message: string };

export function remittanceDueOn(year: number, dueDay: string): IsoDate {
  return `${year + 1}-${dueDay}`;
}

/**
 * Where a dues year's remittance stands on `today`: nothing before the year is over or when nothing
 * was collected; done once the remittances recorded reach the share (or, with no share set, once one
 * is recorded); otherwise due, overdue after the day.
 */
export function remittanceState(f: RemittanceFacts, today: IsoDate): RemittanceState {
  if (today <= `${f.year}-12-31` || f.baseFen <= 0) return { kind: 'notYet' };
  if (f.dueFen !== null ? f.remittedFen >= f.dueFen : f.remittedFen > 0) return { kind: 'done' };
  const dueOn = remittanceDueOn(f.year, f.dueDay);
  const base = `${f.year}年实收党费 ${formatYuan(f.baseFen)} 元`;
  const what =
    f.dueFen === null
      ? `${base}，上缴比例尚未设置，请按本地规定在“党费 → 设置”中填写`
      : `按${f.shareBp! / 100}%应上缴 ${formatYuan(f.dueFen)} 元（${base}）${f.remittedFen > 0 ? `，已登记上缴 ${formatYuan(f.remittedFen)} 元，尚差 ${formatYuan((f.dueFen - f.remittedFen) as Fen)} 元` : ''}`;
  return {
    kind: 'due',
    dueOn,
    overdue: today > dueOn,
    message: `${f.year}年度党费应于${formatChineseDate(dueOn)}前上缴上级党组织：${what}。上缴后在“党费 → 收支”中登记“上缴党费”（所属年度${f.year}年）。${REMITTANCE_RULE}。`,
  };
}
