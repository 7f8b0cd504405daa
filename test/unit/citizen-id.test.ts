import { describe, expect, it } from 'vitest';
import { checkCharacter, checkCitizenId, maskCitizenId } from '../../src/shared/members/citizen-id';

describe('公民身份号码 (GB 11643-1999)', () => {
  it('accepts the reference vectors and reads birth date and sex', () => {
    expect(checkCitizenId('11010519491231002X')).toEqual({
      ok: true,
      id: '11010519491231002X',
      birthDate: '1949-12-31',
      gender: 'female',
    });
    expect(checkCitizenId('440524188001010014')).toMatchObject({ ok: true, birthDate: '1880-01-01', gender: 'male' });
    expect(checkCitizenId('110101199003074477')).toMatchObject({ ok: true, birthDate: '1990-03-07', gender: 'male' });
  });

  it('accepts a lower-case x and spaces, and normalises them', () => {
    expect(checkCitizenId(' 110105 19491231 002x ')).toMatchObject({ ok: true, id: '11010519491231002X' });
  });

  it('refuses a wrong check digit and says which digit is right', () => {
    const result = checkCitizenId('110101199003074478');
    expect(result).toEqual({ ok: false, message: expect.stringContaining('最后一位应为“7”') });
  });

  it('refuses an impossible birth date even with a matching check digit', () => {
    const first17 = '11010119900230447';
    const result = checkCitizenId(first17 + checkCharacter(first17));
    expect(result).toEqual({ ok: false, message: expect.stringContaining('“19900230”不是有效日期') });
  });

  it('refuses a birth date in the future', () => {
    const first17 = '11010120300101447';
    expect(checkCitizenId(first17 + checkCharacter(first17), '2026-11-22')).toMatchObject({
      ok: false,
      message: expect.stringContaining('晚于今天'),
    });
  });

  it('refuses wrong lengths, letters and 15-digit legacy numbers with their own messages', () => {
    expect(checkCitizenId('11010519491231002')).toMatchObject({
      ok: false,
      message: expect.stringContaining('这里是17位'),
    });
    expect(checkCitizenId('1101051949123100AX')).toMatchObject({
      ok: false,
      message: expect.stringContaining('前17位应为数字'),
    });
    expect(checkCitizenId('110105491231002')).toMatchObject({
      ok: false,
      message: expect.stringContaining('15位旧身份证号码'),
    });
  });

  it('masks all but the first three and last four characters', () => {
    expect(maskCitizenId('110101199003074477')).toBe('110***********4477');
  });
});
