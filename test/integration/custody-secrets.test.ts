/*
 * No secret in a message: a password, passphrase or recovery code that the contract refuses is
 * named by its field, never repeated, because the message is shown on screen, written to the
 * diagnostic log and read aloud over the phone to whoever helps.
 */
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { dispatch } from '../../src/core/dispatch';
import { CHANNELS, contract } from '../../src/shared/contract';
import { isSecretAt, schemaAt } from '../../src/shared/validation';
import { SAMPLE_SETUP, tempWorkspace } from '../support/temp-workspace';

/** The top-level fields of a channel's input, whatever wraps the object. */
function fieldsOf(schema: z.ZodType): string[] {
  const object = schemaAt(schema, []);
  const def = object?._zod.def as { type: string; shape?: Record<string, unknown> } | undefined;
  return def?.type === 'object' ? Object.keys(def.shape ?? {}) : [];
}

const SECRET_NAMES = /password|passphrase|recoveryCode|^current$|^next$/i;
const secretChannels = CHANNELS.flatMap((channel) =>
  fieldsOf(contract[channel].input)
    .filter((field) => isSecretAt(contract[channel].input, [field]))
    .map((field) => ({ channel, field })),
);

describe('secrets at the contract boundary', () => {
  it('marks every password, passphrase and recovery code field as secret', () => {
    const named = CHANNELS.flatMap((channel) =>
      fieldsOf(contract[channel].input)
        .filter((field) => SECRET_NAMES.test(field))
        .map((field) => `${channel}.${field}`),
    );
    expect(named.length).toBeGreaterThanOrEqual(10);
    expect(secretChannels.map((s) => `${s.channel}.${s.field}`).sort()).toEqual(named.sort());
  });

  it('refuses a secret over 128 characters naming the field, without a character of it', async () => {
    const { handlers } = tempWorkspace();
    // Long, and made of a repeated phrase, so that any echoed slice of it would be found.
    const long = '我的密码是红色的星星123'.repeat(12);
    expect(long.length).toBeGreaterThan(128);
    const others: Record<string, Record<string, unknown>> = {
      'organ.setup': { ...SAMPLE_SETUP },
      'custody.recover': { recoveryCode: 'AAAA-BBBB', newPassword: '新密码新密码123' },
      'custody.changePassword': { current: '原密码原密码1', next: '新密码新密码1' },
      'custody.setPassword': { password: '新密码新密码1', recoveryCode: 'AAAA-BBBB' },
      'backup.export': { target: '/tmp' },
      'backup.import': { source: '/tmp/x.pobk' },
      'backup.previewImport': { source: '/tmp/x.pobk' },
      'backup.verify': { source: '/tmp/x.pobk' },
    };
    for (const { channel, field } of secretChannels) {
      const base = others[channel] ?? {};
      for (const value of [long, 12345678]) {
        const result = await dispatch(handlers, channel, { ...base, [field]: value });
        expect(result.ok, `${channel}.${field}`).toBe(false);
        if (result.ok) continue;
        expect(result.error.field, `${channel}.${field}`).toBe(field);
        const said = `${result.error.message} ${result.error.detail ?? ''}`;
        expect(said).not.toContain('收到的值');
        expect(said).not.toContain('红色的星星');
        expect(said).not.toContain('12345678');
        if (value === long) expect(result.error.message).toMatch(/不能超过\d+位$/);
      }
    }
  });

  it('still repeats the value of an ordinary field, which helps the person find the mistake', async () => {
    const { handlers } = tempWorkspace();
    const result = await dispatch(handlers, 'organ.setup', { ...SAMPLE_SETUP, foundedOn: '2023-02-29' });
    expect(result).toMatchObject({ ok: false, error: { message: expect.stringContaining('收到的值：“2023-02-29”') } });
  });
});
