import { parseLooseDate, type IsoDate } from '../../../shared/dates';
import {
  EDUCATION_ALIASES,
  type Degree,
  type Education,
  type EmploymentCategory,
  type MemberCategory,
} from '../../../shared/members/fields';
import { shownValue, type Cell } from './cells';

/** A converted value, a refusal with its reason, or a value accepted with a remark. */
export type Read<T> = { ok: true; value: T; notice?: string } | { ok: false; message: string };

const ok = <T>(value: T, notice?: string): Read<T> => (notice ? { ok: true, value, notice } : { ok: true, value });
const no = (message: string): Read<never> => ({ ok: false, message });

export function readText(cell: Cell): Read<string | null> {
  if (cell.kind === 'empty') return ok(null);
  if (cell.kind === 'error') return no(`单元格内容是错误值“${cell.text}”`);
  return ok(shownValue(cell).trim() || null);
}

/** Names are often padded to line up ("张  三"); spaces inside a Chinese name are not part of it. */
export function readName(cell: Cell): Read<string | null> {
  const t = readText(cell);
  if (!t.ok || !t.value) return t;
  return ok(/[\u4e00-\u9fff]/.test(t.value) ? t.value.replace(/\s+/g, '') : t.value.replace(/\s+/g, ' '));
}

/**
 * An ID typed into a number cell has already lost its last digits (Excel keeps 15 significant
 * digits) and any X: the row is refused rather than guessed at.
 */
export function readCitizenId(cell: Cell): Read<string | null> {
  if (cell.kind === 'number') {
    return no(
      '身份证号被存成了数字，Excel 只保留15位有效数字，末尾几位已经丢失。请把该列设为“文本”格式后重新填写完整号码',
    );
  }
  return readText(cell);
}

const MONTH_ONLY = /^(\d{4})\s*[年.\-/]\s*(\d{1,2})\s*月?$/;
const COMPACT_MONTH = /^(\d{4})(\d{2})$/;

/**
 * Dates as offices write them: Excel dates, "2001年7月1日", "2001-7-1", "2001.07.01",
 * "20010701", and, for dates kept to the month, "2001.07" or "2001年7月" (recorded as the first
 * of that month, with a remark). An unformatted Excel serial number is read as a date too.
 */
export function readDate(cell: Cell): Read<IsoDate | null> {
  switch (cell.kind) {
    case 'empty':
      return ok(null);
    case 'date':
      return ok(cell.iso);
    case 'error':
      return no(`单元格内容是错误值“${cell.text}”`);
    case 'boolean':
      return no('不是日期');
    case 'number': {
      if (Number.isInteger(cell.value) && cell.value >= 19000101 && cell.value <= 29991231)
        return readDate({ kind: 'text', text: String(cell.value) });
      if (Number.isInteger(cell.value) && cell.value >= 190001 && cell.value <= 299912)
        return readDate({ kind: 'text', text: String(cell.value) });
      if (cell.value > 0 && cell.value < 110000) {
        const ms = Math.round((cell.value - 25569) * 86_400_000);
        return ok(new Date(ms).toISOString().slice(0, 10));
      }
      if (cell.value > 1900 && cell.value < 2100 && !Number.isInteger(cell.value)) {
        return readDate({ kind: 'text', text: cell.value.toFixed(2) });
      }
      return no('不是可识别的日期');
    }
    case 'text': {
      const full = parseLooseDate(cell.text);
      if (full) return ok(full);
      const month = MONTH_ONLY.exec(cell.text.trim()) ?? COMPACT_MONTH.exec(cell.text.trim());
      if (month) {
        const m = Number(month[2]);
        if (m >= 1 && m <= 12) return ok(`${month[1]}-${String(m).padStart(2, '0')}-01`, '只写到月份，按该月1日记录');
      }
      return no('不是可识别的日期，请写作“2001-07-01”“2001年7月1日”或“2001.07”');
    }
  }
}

export function readChoice<T>(cell: Cell, table: Record<string, T>, expected: string): Read<T | null> {
  const t = readText(cell);
  if (!t.ok || t.value === null) return t as Read<null>;
  const key = t.value.replace(/\s+/g, '');
  const found = table[key];
  return found !== undefined ? ok(found) : no(`无法识别，应为：${expected}`);
}

export const GENDER_WORDS: Record<string, 'male' | 'female'> = {
  男: 'male',
  男性: 'male',
  女: 'female',
  女性: 'female',
};
export const CATEGORY_WORDS: Record<string, MemberCategory> = {
  正式党员: 'full',
  正式: 'full',
  预备党员: 'probationary',
  预备: 'probationary',
};
export const EDUCATION_WORDS: Record<string, Education> = EDUCATION_ALIASES;
export const DEGREE_WORDS: Record<string, Degree> = {
  博士: 'doctor',
  博士学位: 'doctor',
  硕士: 'master',
  硕士学位: 'master',
  学士: 'bachelor',
  学士学位: 'bachelor',
  无: 'none',
  无学位: 'none',
};
export const EMPLOYMENT_WORDS: Record<string, EmploymentCategory> = {
  在职: 'employed',
  在岗: 'employed',
  离退休: 'retired',
  退休: 'retired',
  离休: 'retired',
  学生: 'student',
  在校学生: 'student',
  下岗失业: 'unemployed',
  下岗: 'unemployed',
  失业: 'unemployed',
  农民: 'farmer',
  其他: 'other',
};
export const YES_NO: Record<string, boolean> = {
  是: true,
  否: false,
  有: true,
  无: false,
  Y: true,
  N: false,
  '√': true,
  '': false,
};
export const STATUS_WORDS: Record<string, 'normal' | 'suspended'> = { 正常: 'normal', 停止党籍: 'suspended' };

export function readYesNo(cell: Cell): Read<boolean | null> {
  if (cell.kind === 'boolean') return ok(cell.value);
  return readChoice(cell, YES_NO, '是 或 否');
}
