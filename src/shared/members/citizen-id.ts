import { isIsoDate, type IsoDate } from '../dates';

/** GB 11643-1999: weights for positions 1–17 (2^(17−i) mod 11) and the MOD 11-2 check characters. */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'];

export type Gender = 'male' | 'female';

export type CitizenIdCheck =
  { ok: true; id: string; birthDate: IsoDate; gender: Gender } | { ok: false; message: string };

export function checkCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK[sum % 11]!;
}

/**
 * Validates a 公民身份号码 and reads the birth date and sex from it. Lower-case x is accepted
 * and normalised; spaces typed by people are removed, and full-width digits and Ｘ (typed with
 * a Chinese input method) read as their ordinary forms. Messages say what is wrong in Chinese.
 */
export function checkCitizenId(raw: string, today?: IsoDate): CitizenIdCheck {
  const id = raw.normalize('NFKC').replace(/\s+/g, '').toUpperCase();
  if (id.length === 15 && /^\d{15}$/.test(id)) {
    return { ok: false, message: '这是15位旧身份证号码，请填写现行的18位公民身份号码' };
  }
  if (id.length !== 18) return { ok: false, message: `公民身份号码应为18位，这里是${id.length}位` };
  if (!/^\d{17}[\dX]$/.test(id)) return { ok: false, message: '公民身份号码前17位应为数字，最后一位为数字或X' };
  const birthDate = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  if (!isIsoDate(birthDate) || birthDate < '1800-01-01') {
    return { ok: false, message: `公民身份号码中的出生日期“${id.slice(6, 14)}”不是有效日期` };
  }
  if (today && birthDate > today) return { ok: false, message: `公民身份号码中的出生日期“${id.slice(6, 14)}”晚于今天` };
  const expected = checkCharacter(id.slice(0, 17));
  if (id[17] !== expected) {
    return {
      ok: false,
      message: `公民身份号码校验码不对：最后一位应为“${expected}”，这里是“${id[17]}”，请核对号码是否抄错`,
    };
  }
  const gender: Gender = Number(id[16]) % 2 === 1 ? 'male' : 'female';
  return { ok: true, id, birthDate, gender };
}

/** 110***********1234: enough to tell people apart on screen, not enough to copy. */
export function maskCitizenId(id: string): string {
  if (id.length < 8) return '*'.repeat(id.length);
  return `${id.slice(0, 3)}${'*'.repeat(id.length - 7)}${id.slice(-4)}`;
}
