import fs from 'node:fs';
import { openSqlite } from '../db/sqlite';
import { AppError } from '../../shared/errors';
import type { Workspace } from '../workspace';
import { faultPoint } from '../fault-point';
import { encryptPlainCopies, inspectCopy } from './backups';
import { rekey } from './cipher';
import { readJson, syncFile, writeFileAtomic, writeFileDurably } from './files';
import {
  abandonKeyChange,
  beginKeyChange,
  commitKeyChange,
  encryptingCopy,
  keyringCopy,
  writeKeyFiles,
  type KeyChangeKind,
} from './key-journal';
import {
  createKeyring,
  isKeyring,
  newRecoveryCode,
  normaliseRecoveryCode,
  openWithPassword,
  openWithRecoveryCode,
  withNewPassword,
  withNewRecoveryCode,
  type Keyring,
} from './keyring';

export const MIN_PASSWORD_LENGTH = 8;

/** The keys in force, and whether they came from the copy beside the backups because the keys file is missing. */
interface Keys {
  keyring: Keyring;
  fromCopy: boolean;
}

function readKeys(ws: Workspace): Keys {
  const keyring = readJson<unknown>(ws.keyringFile);
  if (isKeyring(keyring)) return { keyring, fromCopy: false };
  const copy = readJson<unknown>(keyringCopy(ws));
  if (isKeyring(copy)) return { keyring: copy, fromCopy: true };
  const missing = !fs.existsSync(ws.keyringFile);
  throw new AppError({
    code: 'DB_UNREADABLE',
    message: missing
      ? `密钥文件缺失：“${ws.keyringFile}”不见了，备份文件夹中也没有它的副本，无法解开加密的数据。数据文件本身没有改动。如果另有这个文件的副本（例如整个数据文件夹的拷贝），请把它放回原处后重试。`
      : `密钥文件“${ws.keyringFile}”已损坏，备份文件夹中也没有可用的副本，无法解开加密的数据。数据文件本身没有改动。`,
    detail: missing ? 'keys file missing, no copy' : 'keys file damaged, no copy',
  });
}

/** Whether the copy of the keys file beside the backups can stand in for a missing keys file. */
export function hasKeysCopy(ws: Workspace): boolean {
  return isKeyring(readJson<unknown>(keyringCopy(ws)));
}

export function readKeyring(ws: Workspace): Keyring {
  return readKeys(ws).keyring;
}

/**
 * The keys as one recoverable step (key-journal.ts): journal, keys files, commit. A failure puts the
 * keys back as they were.
 */
function changeKeys(ws: Workspace, kind: KeyChangeKind, before: Keyring | null, after: Keyring): void {
  ws.holdWriterLock();
  beginKeyChange(ws, kind, before, after);
  try {
    writeKeyFiles(ws, after);
  } catch (error) {
    abandonKeyChange(ws);
    throw error;
  }
  commitKeyChange(ws);
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

/* ---------- the recovery code, written down before it is needed ---------- */

/** The code last shown to the clerk and not yet put in force, per workspace (memory only). */
const shownCodes = new WeakMap<Workspace, string>();

/**
 * A new recovery code to show the clerk, BEFORE it is put in force: 设置密码 and a new code for an
 * encrypted organ both take it back typed (or confirmed) by the clerk, so that no data is ever
 * encrypted under a code nobody has written down.
 */
export function showNewRecoveryCode(ws: Workspace): { recoveryCode: string } {
  if (ws.isLocked())
    throw new AppError({ code: 'LOCKED', message: '数据已加锁，请输入密码后继续。', detail: 'locked' });
  const recoveryCode = newRecoveryCode();
  shownCodes.set(ws, recoveryCode);
  return { recoveryCode };
}

/** The code the clerk confirmed, checked against the one shown; refused (nothing changed) when it differs. */
function confirmedCode(ws: Workspace, typed: string): string {
  const shown = shownCodes.get(ws);
  if (!shown) {
    throw new AppError({
      code: 'RULE_VIOLATION',
      message: '请先生成恢复码，抄下或打印后再继续。数据没有改动。',
      detail: 'no recovery code shown',
      field: 'recoveryCode',
    });
  }
  if (normaliseRecoveryCode(typed) !== shown) {
    throw new AppError({
      code: 'INVALID_INPUT',
      message: '输入的恢复码与刚才显示的不一致，请对照抄下或打印的恢复码重新输入。数据没有改动。',
      detail: 'recovery code not confirmed',
      field: 'recoveryCode',
    });
  }
  return shown;
}

/* ---------- the operations ---------- */

/**
 * Opens the data with the data key. When the keys came from the copy beside the backups (the keys
 * file was missing) and the key opens the data, the copy is the keys file again.
 */
function openWithKey(ws: Workspace, key: Buffer, keys: Keys): void {
  try {
    ws.unlockWith(key);
  } catch (error) {
    // A damaged file keeps the key in hand, so that a backup can be restored without asking again.
    if (error instanceof AppError && error.code === 'DB_DAMAGED') ws.adoptKey(key);
    throw error;
  }
  if (keys.fromCopy) writeFileDurably(ws.keyringFile, JSON.stringify(keys.keyring, null, 2));
  encryptPlainCopies(ws);
}

/** Unlocks; says whether the keys file had to be restored from the copy beside the backups. */
export function unlock(ws: Workspace, password: string): { keysRestored: boolean } {
  refuseWhileWaiting(ws);
  const keys = readKeys(ws);
  const key = openWithPassword(keys.keyring, password);
  if (!key) throw recordFailure(ws, '密码');
  clearFailures(ws);
  openWithKey(ws, key, keys);
  return { keysRestored: keys.fromCopy };
}

/**
 * Opens with the recovery code and sets a new password; the used code is replaced by a new one.
 * The keys are only rewritten once the code's key has opened the data: a refusal (the file busy,
 * damaged) leaves the printed code working.
 */
export function recover(ws: Workspace, code: string, newPassword: string): { recoveryCode: string } {
  checkNewPassword(newPassword, 'newPassword');
  refuseWhileWaiting(ws);
  const keys = readKeys(ws);
  const key = openWithRecoveryCode(keys.keyring, code);
  if (!key) throw recordFailure(ws, '恢复码');
  clearFailures(ws);
  openWithKey(ws, key, keys);
  const renewed = withNewRecoveryCode(withNewPassword(keys.keyring, key, newPassword), key);
  changeKeys(ws, 'recover', keys.keyring, renewed.keyring);
  return { recoveryCode: renewed.recoveryCode };
}

export function changePassword(ws: Workspace, current: string, next: string): void {
  checkNewPassword(next, 'next');
  refuseWhileWaiting(ws);
  const keys = readKeys(ws);
  const key = openWithPassword(keys.keyring, current);
  if (!key) throw recordFailure(ws, '原密码');
  clearFailures(ws);
  changeKeys(ws, 'changePassword', keys.keyring, withNewPassword(keys.keyring, key, next));
}

/** A new recovery code for an unlocked, encrypted organ (the one shown and confirmed); the old one stops working. */
export function replaceRecoveryCode(ws: Workspace, typed: string): void {
  const key = ws.dataKey();
  if (!ws.isEncrypted() || !key) {
    throw new AppError({
      code: 'RULE_VIOLATION',
      message: ws.isEncrypted() ? '数据已加锁，请输入密码后继续。' : '还没有设置密码，恢复码在设置密码时给出。',
      detail: 'replaceRecoveryCode without an unlocked keyring',
    });
  }
  const code = confirmedCode(ws, typed);
  const { keyring } = readKeys(ws);
  changeKeys(ws, 'reissueRecoveryCode', keyring, withNewRecoveryCode(keyring, key, code).keyring);
  shownCodes.delete(ws);
}

/** Prepares encryption for a database about to be created: the keyring exists before the file. */
export function prepareEncryptedSetup(ws: Workspace, password: string): { recoveryCode: string; undo: () => void } {
  checkNewPassword(password);
  const { keyring, dataKey, recoveryCode } = createKeyring(password);
  writeKeyFiles(ws, keyring);
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

/** What 设置密码 refuses, checked before anything (the 加密前 backup included) is done. */
export function checkSetPassword(ws: Workspace, password: string, typedCode: string): void {
  if (ws.isEncrypted()) {
    throw new AppError({
      code: 'RULE_VIOLATION',
      message: '已经设置了密码；如需更换，请使用“修改密码”。',
      detail: 'already encrypted',
    });
  }
  checkNewPassword(password);
  confirmedCode(ws, typedCode);
}

/** Encrypts a copy of the data (closed afterwards, no journal or WAL beside it) and checks it opens with the key. */
function encryptCopy(copy: string, key: Buffer): void {
  const db = openSqlite(copy, { fileMustExist: true });
  try {
    db.pragma('journal_mode = DELETE');
    rekey(db, key);
  } finally {
    db.close();
  }
  faultPoint('set-password:copy-encrypted');
  syncFile(copy);
  inspectCopy(copy, key);
}

/**
 * Encrypts a plain database, as one recoverable step (key-journal.ts): journal; an encrypted copy
 * made beside the data file; the keys files; the copy renamed over the data file (the moment the
 * password takes effect); commit. The live file is never rewritten in place, so a crash leaves
 * either the plain file, which opens without a password, or the encrypted one with its keys.
 */
export function setPassword(ws: Workspace, password: string, typedCode: string): void {
  checkSetPassword(ws, password, typedCode);
  const db = ws.database();
  const code = confirmedCode(ws, typedCode);
  const { keyring, dataKey } = createKeyring(password, code);
  const copy = encryptingCopy(ws);
  beginKeyChange(ws, 'setPassword', null, keyring);
  try {
    for (const suffix of ['', '-journal', '-wal', '-shm']) fs.rmSync(copy + suffix, { force: true });
    db.exec(`VACUUM INTO '${copy.replaceAll("'", "''")}'`);
    faultPoint('set-password:copied');
    encryptCopy(copy, dataKey);
    writeKeyFiles(ws, keyring);
    ws.replaceDataFile(copy);
    faultPoint('set-password:replaced');
  } catch (error) {
    abandonKeyChange(ws);
    throw error;
  }
  ws.adoptKey(dataKey);
  commitKeyChange(ws);
  shownCodes.delete(ws);
  ws.database();
  // The backups taken so far, the 加密前 safety copy among them, are plain: encrypt them too.
  encryptPlainCopies(ws);
}
