import { z } from 'zod';
import { isIsoDate, readMonthOrDay } from './dates';

/**
 * Field builders that carry their Chinese label, so that every rejection at the contract
 * boundary names the field in the office's words.
 */
/** Control characters and zero-width marks cannot be seen on screen or paper, so they cannot be checked by a person. */
const INVISIBLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u200b-\u200f\u2028\u2029\u2060\ufeff]/;

export function requiredText(label: string, max = 100) {
  return z
    .string({ error: `${label}应为文字` })
    .trim()
    .min(1, { error: `请填写${label}` })
    .max(max, { error: `${label}不能超过${max}个字` })
    .refine((v) => !INVISIBLE.test(v) && !/[\r\n\t]/.test(v), {
      error: `${label}含有换行或看不见的控制字符，请重新输入`,
    });
}

export function optionalText(label: string, max = 500) {
  return z
    .string({ error: `${label}应为文字` })
    .trim()
    .max(max, { error: `${label}不能超过${max}个字` })
    .refine((v) => !INVISIBLE.test(v), { error: `${label}含有看不见的控制字符，请重新输入` })
    .nullable()
    .optional()
    .transform((v) => (v ? v : null));
}

export function isoDate(label: string) {
  return z
    .string({ error: `${label}应为日期` })
    .refine(isIsoDate, { error: `${label}不是有效日期，应写作“2026-08-01”的形式` })
    .refine((v) => v >= '1800-01-01' && v <= '2999-12-31', { error: `${label}的年份超出范围` });
}

export function optionalIsoDate(label: string) {
  return isoDate(label)
    .nullable()
    .optional()
    .transform((v) => v ?? null);
}

/**
 * A date kept to the precision it was written in: '2001-07' (a month) or '2001-07-15' (a day).
 * A year alone is refused with a request for at least the month.
 */
export function monthOrDay(label: string) {
  return z
    .string({ error: `${label}应为日期` })
    .refine((v) => !/^\d{4}$/.test(v), {
      error: `${label}只写了年份，请至少写到月份，如“2001-07”`,
      abort: true,
    })
    .refine((v) => readMonthOrDay(v) !== null, {
      error: `${label}不是有效日期，应写作“2001-07-15”的形式，只知道月份的写作“2001-07”`,
      abort: true,
    })
    .refine((v) => v >= '1800-01' && v <= '2999-12-31', { error: `${label}的年份超出范围` });
}

export function optionalMonthOrDay(label: string) {
  return monthOrDay(label)
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

export function choice<const T extends readonly [string, ...string[]]>(
  label: string,
  values: T,
  labels?: Record<T[number], string>,
) {
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

export const noInput = z
  .strictObject({})
  .optional()
  .transform(() => ({}));

/**
 * Passwords, passphrases and recovery codes: a refusal names the field but never repeats what
 * was typed (describeInvalid looks the field up here), so no secret reaches a message, a screen
 * or a log. 128 characters is room for any passphrase a person types.
 */
export const secretFields = z.registry<{ secret: true }>();

export function secretText(label: string, { max = 128, required = false } = {}) {
  const text = z.string({ error: `${label}应为文字` }).max(max, { error: `${label}不能超过${max}位` });
  return (required ? text.min(1, { error: `请填写${label}` }) : text).register(secretFields, { secret: true });
}

/** The schema a payload path leads to inside `schema` (through objects, arrays, optional, nullable and pipes). */
export function schemaAt(schema: z.ZodType, path: readonly PropertyKey[]): z.ZodType | null {
  let current: z.core.$ZodType | undefined = schema;
  let index = 0;
  while (current) {
    if (index === path.length && secretFields.has(current as z.ZodType)) return current as z.ZodType;
    const def = current._zod.def as z.core.$ZodTypeDef & Record<string, unknown>;
    switch (def.type) {
      case 'object':
        if (index === path.length) return current as z.ZodType;
        current = (def.shape as Record<PropertyKey, z.core.$ZodType>)[path[index++]!];
        break;
      case 'array':
        if (index === path.length) return current as z.ZodType;
        index++;
        current = def.element as z.core.$ZodType;
        break;
      case 'optional':
      case 'nullable':
      case 'default':
      case 'readonly':
      case 'nonoptional':
      case 'catch':
        current = def.innerType as z.core.$ZodType;
        break;
      case 'pipe':
        current = def.in as z.core.$ZodType;
        break;
      default:
        return index === path.length ? (current as z.ZodType) : null;
    }
  }
  return null;
}

export function isSecretAt(schema: z.ZodType, path: readonly PropertyKey[]): boolean {
  const found = schemaAt(schema, path);
  return found !== null && secretFields.has(found);
}
