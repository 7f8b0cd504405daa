import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../shared/errors';
import type { Workspace } from '../workspace';
import { encryptPlainCopies } from './backups';
import { rekey } from './cipher';
import { readJson, writeFileAtomic } from './files';
import {
  createKeyring,
  isKeyring,
  openWithPassword,
  openWithRecoveryCode,
  withNewPassword,
  withNewRecoveryCode,
  type Keyring,
} from './keyring';

export const MIN_PASSWORD_LENGTH = 8;

function keyringCopy(ws: Workspace): string {
  return path.join(ws.dataDir, 'backups', path.basename(ws.keyringFile));
}

export function readKeyring(ws: Workspace): Keyring {
  const keyring = readJson<unknown>(ws.keyringFile);
  if (!isKeyring(keyring)) {
    throw new AppError({
      code: 'DB_UNREADABLE',
      message: `密钥文件“${ws.keyringFile}”缺失或已损坏，无法解开加密的数据。请从备份文件夹中的同名文件恢复它。`,
      detail: 'bad keyring',
    });
  }
  return keyring;
}

/** The keyring is written atomically, with a copy beside the backups (they need it to be opened). */
function writeKeyring(ws: Workspace, keyring: Keyring): void {
  const text = JSON.stringify(keyring, null, 2);
  writeFileAtomic(ws.keyringFile, text);
  writeFileAtomic(keyringCopy(ws), text);
}

export function checkNewPassword(password: string, field = 'password', label = '密码'): void {
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw new AppError({
      code: 'INVALID_INPUT',
      message: `${label}至少要${MIN_PASSWORD_LENGTH}位。`,
      detail: 'password too short',
      field,
    });
  }
}

/* ---------- wrong passwords: a calm message and a growing delay ---------- */

interface Attempts {
  failures: number;
  lastFailureAt: number;
}

function attemptsFile(ws: Workspace): string {
  return `${ws.dataFile.replace(/\.db$/, '')}.attempts.json`;
}

/** 0 s for the first two tries, then 2, 4, 8 … seconds, at most a minute. */
export function delayAfter(failures: number): number {
  return failures < 2 ? 0 : Math.min(2 ** (failures - 1), 60);
}

export function secondsToWait(ws: Workspace, now = Date.now()): number {
  const attempts = readJson<Attempts>(attemptsFile(ws));
  if (!attempts) return 0;
  const until = attempts.lastFailureAt + delayAfter(attempts.failures) * 1000;
  return Math.max(0, Math.ceil((until - now) / 1000));
}

function refuseWhileWaiting(ws: Workspace): void {
  const wait = secondsToWait(ws);
  if (wait > 0) {
    throw new AppError({ code: 'WRONG_PASSWORD', message: `请 ${wait} 秒后再试。`, detail: `retry in ${wait}s` });
  }
}

function recordFailure(ws: Workspace, what: string): AppError {
  const attempts = readJson<Attempts>(attemptsFile(ws)) ?? { failures: 0, lastFailureAt: 0 };
  const next = { failures: attempts.failures + 1, lastFailureAt: Date.now() };
  writeFileAtomic(attemptsFile(ws), JSON.stringify(next));
  const wait = delayAfter(next.failures);
  return new AppError({
    code: 'WRONG_PASSWORD',
    message: `${what}不正确。${wait ? `请 ${wait} 秒后再试。` : '请再试一次。'}数据没有任何改动。`,
    detail: `failure ${next.failures}`,
    field: what === '恢复码' ? 'recoveryCode' : 'password',
  });
}

function clearFailures(ws: Workspace): void {
  fs.rmSync(attemptsFile(ws), { force: true });
}

/* ---------- the operations ---------- */

/**
 * Opens the data with the data key. A file that is still plain although a keyring exists is
 * one whose encryption was interrupted (the keyring is written first): it is finished now.
 */
function openWithKey(ws: Workspace, key: Buffer): void {
  try {
    ws.unlockWith(key);
  } catch (error) {
    // A damaged file keeps the key in hand, so that a backup can be restored without asking again.
    if (error instanceof AppError && error.code === 'DB_DAMAGED') ws.adoptKey(key);
    if (!(error instanceof AppError) || error.code !== 'DB_UNREADABLE') throw error;
    ws.adoptKey(null);
    const db = ws.database();
    rekey(db, key);
    ws.adoptKey(key);
  }
  encryptPlainCopies(ws);
}

export function unlock(ws: Workspace, password: string): void {
  refuseWhileWaiting(ws);
  const key = openWithPassword(readKeyring(ws), password);
  if (!key) throw recordFailure(ws, '密码');
  clearFailures(ws);
  openWithKey(ws, key);
}

/** Opens with the recovery code and sets a new password; the used code is replaced by a new one. */
export function recover(ws: Workspace, code: string, newPassword: string): { recoveryCode: string } {
  checkNewPassword(newPassword, 'newPassword');
  refuseWhileWaiting(ws);
  const keyring = readKeyring(ws);
  const key = openWithRecoveryCode(keyring, code);
  if (!key) throw recordFailure(ws, '恢复码');
  clearFailures(ws);
  const renewed = withNewRecoveryCode(withNewPassword(keyring, key, newPassword), key);
  writeKeyring(ws, renewed.keyring);
  openWithKey(ws, key);
  return { recoveryCode: renewed.recoveryCode };
}

export function changePassword(ws: Workspace, current: string, next: string): void {
  checkNewPassword(next, 'next');
  refuseWhileWaiting(ws);
  const keyring = readKeyring(ws);
  const key = openWithPassword(keyring, current);
  if (!key) throw recordFailure(ws, '原密码');
  clearFailures(ws);
  writeKeyring(ws, withNewPassword(keyring, key, next));
}

/** Prepares encryption for a database about to be created: the keyring exists before the file. */
export function prepareEncryptedSetup(ws: Workspace, password: string): { recoveryCode: string; undo: () => void } {
  checkNewPassword(password);
  const { keyring, dataKey, recoveryCode } = createKeyring(password);
  writeKeyring(ws, keyring);
  ws.adoptKey(dataKey);
  return {
    recoveryCode,
    undo: () => {
      ws.adoptKey(null);
      fs.rmSync(ws.keyringFile, { force: true });
      fs.rmSync(keyringCopy(ws), { force: true });
    },
  };
}

/** Encrypts a plain database in place: keyring first, then the file (see openWithKey). */
export function setPassword(ws: Workspace, password: string): { recoveryCode: string } {
  if (ws.isEncrypted()) {
    throw new AppError({
      code: 'RULE_VIOLATION',
      message: '已经设置了密码；如需更换，请使用“修改密码”。',
      detail: 'already encrypted',
    });
  }
  checkNewPassword(password);
  const db = ws.database();
  const { keyring, dataKey, recoveryCode } = createKeyring(password);
  writeKeyring(ws, keyring);
  rekey(db, dataKey);
  ws.adoptKey(dataKey);
  // The backups taken so far, the 加密前 safety copy among them, are plain: encrypt them too.
  encryptPlainCopies(ws);
  return { recoveryCode };
}
