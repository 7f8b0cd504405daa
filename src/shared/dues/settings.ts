import { z } from 'zod';
import { normaliseHeader } from '../members/import-fields';
import { isIsoDate } from '../dates';
import { choice, wholeNumber } from '../validation';
import {
  DEFAULT_ROUNDING,
  ROUNDING_MODE_LABEL,
  ROUNDING_UNIT_LABEL,
  type CalcSettings,
  type Rounding,
} from './compute';

/**
 * What the reference leaves to the organ or marks UNCONFIRMED (reference §1.2, §1.4, §1.5,
 * §1.7, §1.8, §1.10), kept as the organ's dues settings.
 */
export interface PayrollItems {
  /** Pay items counted in the base (计入). */
  add: string[];
  /** Items taken off the base (扣除): tax, social insurance, housing fund, annuities. */
  subtract: string[];
}

export interface DuesSettings {
  rounding: Rounding;
  /** UNCONFIRMED (§1.4): whether the 1000-yuan guidance also caps a 年薪制 month. */
  capAppliesToAnnualSalary: boolean;
  /** 补交 generally ≤ 6 months (2008 art. 12): warn beyond. */
  backPaymentMonths: number;
  /** 预交: local rules say ≤3 or ≤6 months [P]. */
  prepaymentMonths: number;
  /** Share of the year's dues remitted to the superior, in basis points (set by each province, §1.8); null until set. */
  remittanceShareBp: number | null;
  /**
   * The day of the following year by which a year's share is remitted, 'MM-DD'. 中央和国家机关: in the
   * first quarter (reference §1.8 [C]), so 03-31; elsewhere set by the province.
   */
  remittanceDueDay: string;
  /** UNCONFIRMED (§1.7): whether exactly 1,000.00 元 counts as "1000元以上" 大额党费. */
  largeIncludesThreshold: boolean;
  /** Pay-item names differ between provinces (§1.2): which columns of a payroll count. */
  payrollItems: PayrollItems;
  /** Days the annual 公示 stays up (local rules: 5 working days or 7 days, §6 UNCONFIRMED); printed with its dates. */
  noticeDays: number;
}

export const DEFAULT_PAYROLL_ITEMS: PayrollItems = {
  add: [
    '职务工资',
    '级别工资',
    '津贴补贴',
    '规范津贴补贴',
    '工作性津贴',
    '生活性补贴',
    '岗位津贴',
    '岗位工资',
    '薪级工资',
    '基础性绩效',
    '基础性绩效工资',
    '技术等级工资',
    '技术职务工资',
    '职务职级工资',
    '基本工资',
    '基本离退休费',
    '基本退休费',
    '基本离休费',
    '基本养老金',
  ],
  subtract: [
    '个人所得税',
    '代扣个人所得税',
    '个税',
    '养老保险',
    '基本养老保险',
    '医疗保险',
    '基本医疗保险',
    '失业保险',
    '工伤保险',
    '生育保险',
    '住房公积金',
    '公积金',
    '职业年金',
    '企业年金',
  ],
};

export const DEFAULT_DUES_SETTINGS: DuesSettings = {
  rounding: DEFAULT_ROUNDING,
  capAppliesToAnnualSalary: true,
  backPaymentMonths: 6,
  prepaymentMonths: 6,
  remittanceShareBp: null,
  remittanceDueDay: '03-31',
  largeIncludesThreshold: true,
  payrollItems: DEFAULT_PAYROLL_ITEMS,
  noticeDays: 7,
};

export function calcSettings(s: DuesSettings): CalcSettings {
  return { rounding: s.rounding, capAppliesToAnnualSalary: s.capAppliesToAnnualSalary };
}

const itemName = z
  .string()
  .trim()
  .min(1, { error: '工资项目名称不能为空' })
  .max(30, { error: '工资项目名称不能超过30个字' });

export const duesSettingsInput = z.strictObject({
  rounding: z
    .strictObject({
      unit: choice('取整单位', ['fen', 'jiao', 'yuan'], ROUNDING_UNIT_LABEL),
      mode: choice('取整方式', ['halfUp', 'up'], ROUNDING_MODE_LABEL),
    })
    .optional(),
  capAppliesToAnnualSalary: z.boolean({ error: '“年薪制党员适用每月1000元上限”应为是或否' }).optional(),
  backPaymentMonths: wholeNumber('补交提示月数', 1, 24).optional(),
  prepaymentMonths: wholeNumber('预交提示月数', 1, 24).optional(),
  remittanceShareBp: wholeNumber('上缴比例', 0, 10_000).nullable().optional(),
  remittanceDueDay: z
    .string({ error: '上缴期限应为日期' })
    .refine((v) => /^\d{2}-\d{2}$/.test(v) && isIsoDate(`2001-${v}`), {
      error: '上缴期限应写作“03-31”的形式（次年的月-日，不含2月29日）',
    })
    .optional(),
  largeIncludesThreshold: z.boolean({ error: '“恰好1000元算大额党费”应为是或否' }).optional(),
  noticeDays: wholeNumber('公示天数', 1, 60).optional(),
  payrollItems: z
    .strictObject({
      add: z.array(itemName).max(200),
      subtract: z.array(itemName).max(200),
    })
    .refine((p) => !p.add.some((a) => p.subtract.map(normaliseHeader).includes(normaliseHeader(a))), {
      error: '同一工资项目不能既计入又扣除',
    })
    .optional(),
});
export type DuesSettingsInput = z.output<typeof duesSettingsInput>;

export type PayrollRole = 'add' | 'subtract' | 'ignore';
export const PAYROLL_ROLE_LABEL: Record<PayrollRole, string> = {
  add: '计入基数',
  subtract: '从基数中扣除',
  ignore: '不计',
};

/** The role a payroll column has under the settings, by its normalised header. */
export function payrollRoleOf(header: string, items: PayrollItems): PayrollRole {
  const h = normaliseHeader(header);
  if (items.add.some((a) => normaliseHeader(a) === h)) return 'add';
  if (items.subtract.some((s) => normaliseHeader(s) === h)) return 'subtract';
  return 'ignore';
}
