import crypto from 'node:crypto';
import { normaliseRecoveryCode } from '../../shared/custody';

export { normaliseRecoveryCode };

/*
 * The database is encrypted with a random 256-bit data key. That key is stored only wrapped:
 * once under a key derived from the office's password, once under a key derived from the
 * recovery code. Changing the password rewraps the key and never touches the database, so it
 * cannot damage the data; the recovery code opens the data if the password is lost.
 */

export const KEY_BYTES = 32;

export interface KdfParams {
  name: 'scrypt';
  N: number;
  r: number;
  p: number;
  salt: string;
}

export interface Sealed {
  iv: string;
  tag: string;
  data: string;
}

export interface Keyring {
  format: 1;
  cipher: 'sqlcipher';
  password: { kdf: KdfParams; sealed: Sealed };
  recovery: { kdf: KdfParams; sealed: Sealed };
  createdAt: string;
  passwordChangedAt: string;
}

/** scrypt with N = 2^15: about 0.1 s and 32 MB here, slow enough to make guessing costly. */
export function newKdf(): KdfParams {
  return { name: 'scrypt', N: 1 << 15, r: 8, p: 1, salt: crypto.randomBytes(16).toString('base64') };
}

export function deriveKey(secret: string, kdf: KdfParams): Buffer {
  return crypto.scryptSync(secret.normalize('NFC'), Buffer.from(kdf.salt, 'base64'), KEY_BYTES, {
    N: kdf.N,
    r: kdf.r,
    p: kdf.p,
    maxmem: 256 * 1024 * 1024,
  });
}

export function seal(key: Buffer, plain: Buffer, associated = ''): Sealed {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(associated));
  const data = Buffer.concat([cipher.update(plain), cipher.final()]);
  return { iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), data: data.toString('base64') };
}

/** The plaintext, or null when the key is wrong or the sealed data was altered. */
export function unseal(key: Buffer, sealed: Sealed, associated = ''): Buffer | null {
  try {
    const decipher = crypto.createDecipheriv('aes-256-gcm', key, Buffer.from(sealed.iv, 'base64'));
    decipher.setAAD(Buffer.from(associated));
    decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(sealed.data, 'base64')), decipher.final()]);
  } catch {
    return null;
  }
}

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** 24 characters in six groups of four, from an alphabet without I, L, O and U, to read aloud and type. */
export function newRecoveryCode(): string {
  const bytes = crypto.randomBytes(15);
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += CROCKFORD[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return out.match(/.{4}/g)!.join('-');
}

function wrap(secret: string, dataKey: Buffer): { kdf: KdfParams; sealed: Sealed } {
  const kdf = newKdf();
  return { kdf, sealed: seal(deriveKey(secret, kdf), dataKey, 'party-office data key') };
}

function unwrap(secret: string, entry: { kdf: KdfParams; sealed: Sealed }): Buffer | null {
  return unseal(deriveKey(secret, entry.kdf), entry.sealed, 'party-office data key');
}

/** A new data key wrapped under the password and the recovery code (one the clerk has already written down, or a new one). */
export function createKeyring(
  password: string,
  recoveryCode = newRecoveryCode(),
): { keyring: Keyring; dataKey: Buffer; recoveryCode: string } {
  const dataKey = crypto.randomBytes(KEY_BYTES);
  const now = new Date().toISOString();
  return {
    keyring: {
      format: 1,
      cipher: 'sqlcipher',
      password: wrap(password, dataKey),
      recovery: wrap(normaliseRecoveryCode(recoveryCode), dataKey),
      createdAt: now,
      passwordChangedAt: now,
    },
    dataKey,
    recoveryCode,
  };
}

export function openWithPassword(keyring: Keyring, password: string): Buffer | null {
  return unwrap(password, keyring.password);
}

export function openWithRecoveryCode(keyring: Keyring, code: string): Buffer | null {
  return unwrap(normaliseRecoveryCode(code), keyring.recovery);
}

export function withNewPassword(keyring: Keyring, dataKey: Buffer, password: string): Keyring {
  return { ...keyring, password: wrap(password, dataKey), passwordChangedAt: new Date().toISOString() };
}

/** After the recovery code has been used it is no longer secret: a fresh one replaces it (and the old stops working). */
export function withNewRecoveryCode(
  keyring: Keyring,
  dataKey: Buffer,
  recoveryCode = newRecoveryCode(),
): { keyring: Keyring; recoveryCode: string } {
  return { keyring: { ...keyring, recovery: wrap(normaliseRecoveryCode(recoveryCode), dataKey) }, recoveryCode };
}

export function isKeyring(value: unknown): value is Keyring {
  const k = value as Keyring;
  return (
    typeof k === 'object' &&
    k !== null &&
    k.format === 1 &&
    k.cipher === 'sqlcipher' &&
    typeof k.password?.sealed?.data === 'string' &&
    typeof k.recovery?.sealed?.data === 'string'
  );
}
