import { z } from 'zod';
import { isIsoDate } from './dates';

/**
 * Field builders that carry their Chinese label, so that every rejection at the contract
 * boundary names the field in the office's words.
 */
export function requiredText(label: string, max = 100) {
  return z
    .string({ error: `${label}应为文字` })
    .trim()
    .min(1, { error: `请填写${label}` })
    .max(max, { error: `${label}不能超过${max}个字` });
}

export function optionalText(label: string, max = 500) {
  return z
    .string({ error: `${label}应为文字` })
    .trim()
    .max(max, { error: `${label}不能超过${max}个字` })
    .nullable()
    .optional()
    .transform((v) => (v ? v : null));
}

export function isoDate(label: string) {
  return z
    .string({ error: `${label}应为日期` })
    .refine(isIsoDate, { error: `${label}不是有效日期，应写作“2026-08-01”的形式` });
}

export function optionalIsoDate(label: string) {
  return isoDate(label)
    .nullable()
    .optional()
    .transform((v) => v ?? null);
}

export function recordId(label: string) {
  return z
    .number({ error: `${label}应为编号` })
    .int({ error: `${label}应为整数编号` })
    .positive({ error: `${label}应为正整数编号` });
}

export function choice<const T extends readonly [string, ...string[]]>(label: string, values: T, labels?: Record<T[number], string>) {
  const shown = values.map((v) => labels?.[v as T[number]] ?? v).join('、');
  return z.enum(values, { error: `${label}只能是：${shown}` });
}

export function wholeNumber(label: string, min: number, max: number) {
  return z
    .number({ error: `${label}应为数字` })
    .int({ error: `${label}应为整数` })
    .min(min, { error: `${label}不能小于${min}` })
    .max(max, { error: `${label}不能大于${max}` });
}

export const noInput = z.strictObject({}).optional().transform(() => ({}));
