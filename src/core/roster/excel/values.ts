import {
  formatChineseDate,
  isMonthOnly,
  readWrittenDate,
  type DateAccepts,
  type MonthOrDay,
} from '../../../shared/dates';
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

/**
 * Dates as offices write them, kept to the precision they were written in: text in any form the
 * shared parser reads (2001年7月1日, 2001-7-1, 20010701, and where the field takes a month 1997.06,
 * 1997年6月, 199706, full-width digits), an Excel date cell by what its number format shows
 * (2001年7月 is a month), and a number typed as 20010701, 199706 or 1997.06. A year alone is refused
 * asking for the month; a month where the field needs the day is refused asking for the day.
 */
export function readDate(cell: Cell, accepts: DateAccepts): Read<MonthOrDay | null> {
  switch (cell.kind) {
    case 'empty':
      return ok(null);
    case 'date':
      if (cell.precision === 'day') return ok(cell.iso);
      // What the format shows is what was meant: the day Excel stores under 2001年7月 is not.
      return readDate({ kind: 'text', text: shownValue(cell) }, accepts);
    case 'error':
      return no(`单元格内容是错误值“${cell.text}”`);
    case 'boolean':
      return no('不是日期');
    case 'number': {
      if (Number.isInteger(cell.value) && cell.value >= 1900_01_01 && cell.value <= 2999_12_31)
        return readDate({ kind: 'text', text: String(cell.value) }, accepts);
      if (Number.isInteger(cell.value) && cell.value >= 1900_01 && cell.value <= 2999_12)
        return readDate({ kind: 'text', text: String(cell.value) }, accepts);
      if (Number.isInteger(cell.value) && cell.value >= 1900 && cell.value <= 2999)
        return readDate({ kind: 'text', text: String(cell.value) }, accepts);
      if (cell.value > 1900 && cell.value < 3000 && !Number.isInteger(cell.value)) {
        // 1997.06 typed into a number cell; 1997.1 may have been 1997.10 before Excel dropped the 0.
        const shown = String(cell.value);
        if (/^\d{4}\.1$/.test(shown))
          return no(
            `数字“${shown}”分不清是${shown.slice(0, 4)}年1月还是10月（Excel 会去掉末尾的0），请把该列设为“文本”后写作 ${shown.slice(0, 4)}.01 或 ${shown.slice(0, 4)}.10`,
          );
        return readDate({ kind: 'text', text: cell.value.toFixed(2) }, accepts);
      }
      if (cell.value > 0 && cell.value < 110000) {
        const ms = Math.round((cell.value - 25569) * 86_400_000);
        return ok(new Date(ms).toISOString().slice(0, 10));
      }
      return no('不是可识别的日期');
    }
    case 'text': {
      const read = readWrittenDate(cell.text, accepts);
      return read.ok ? ok(read.date.iso) : no(read.message);
    }
  }
}

/** A date kept to the month is accepted with a remark: the member is listed as 日期待补全. */
export function monthNoted(read: Read<MonthOrDay | null>): Read<MonthOrDay | null> {
  if (!read.ok || !isMonthOnly(read.value)) return read;
  return ok(
    read.value,
    `只写到月份，按${formatChineseDate(read.value)}记录（列入“日期待补全”，可在党员信息中补全到日）`,
  );
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
