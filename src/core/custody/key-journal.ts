import fs from 'node:fs';
import path from 'node:path';
import { openSqlite, type Sqlite } from '../db/sqlite';
import { faultPoint } from '../fault-point';
import { isPlainDatabase, readJson, removeDurably, writeFileDurably } from './files';
import { isKeyring, type Keyring } from './keyring';

/*
 * A key change (设置密码, 修改密码, a reset by recovery code, a new recovery code) touches more than
 * one file: the keys file, its copy beside the backups, and for 设置密码 the data file itself. It is
 * made one recoverable step the way SQLite makes a commit one:
 *
 *   1. the journal — the keys as they were, the keys as they will be — is written whole under a
 *      temporary name, synced, renamed into place and the folder synced, before anything changes;
 *   2. the changes are made, each file written new, synced and renamed (files.ts);
 *   3. the journal is removed (and the folder synced): that removal is the commit.
 *
 * A journal found at open (by the process holding the writer lock, so never another's change in
 * progress) is a change a crash interrupted. Which way it goes is read from the files, not from a
 * phase written in the journal (one more sync for nothing): a change that leaves the data file alone
 * is always finished — the new keys wrap the same data key, so they open the data, and the clerk
 * knows the password they typed; 设置密码 is finished when the encrypted copy already stands at the
 * data file's path (its header is not plain) and undone otherwise (its keys removed, the half-made
 * copy deleted), leaving the plain file that no password is needed for. Either way some password,
 * or none, opens the data; never none of them.
 */

/** What the key journal needs of the workspace (the Workspace itself; named here so this module does not import it). */
export interface KeyFiles {
  readonly dataDir: string;
  readonly dataFile: string;
  readonly keyringFile: string;
  isSetUp(): boolean;
}
type Workspace = KeyFiles;

export type KeyChangeKind = 'setPassword' | 'changePassword' | 'recover' | 'reissueRecoveryCode';

interface KeyJournal {
  format: 1;
  kind: KeyChangeKind;
  startedAt: string;
  /** The keys file before the change; null when the data was plain. */
  before: Keyring | null;
  /** The keys file the change writes. */
  after: Keyring;
}

function isJournal(value: unknown): value is KeyJournal {
  const j = value as KeyJournal;
  return typeof j === 'object' && j !== null && j.format === 1 && typeof j.kind === 'string' && isKeyring(j.after);
}

export function journalFile(ws: Workspace): string {
  return `${ws.dataFile.replace(/\.db$/, '')}.keys-journal.json`;
}

/** The copy of the keys file kept beside the backups (they need it to be opened; a lost keys file is restored from it). */
export function keyringCopy(ws: Workspace): string {
  return path.join(ws.dataDir, 'backups', path.basename(ws.keyringFile));
}

/** Where 设置密码 builds the encrypted copy of the data before it takes the data file's place. */
export function encryptingCopy(ws: Workspace): string {
  return `${ws.dataFile}.encrypting`;
}

/** Both keys files, each written atomically: the keys file first, the copy second. */
export function writeKeyFiles(ws: Workspace, keyring: Keyring): void {
  const text = JSON.stringify(keyring, null, 2);
  writeFileDurably(ws.keyringFile, text);
  faultPoint('keys:file-written');
  writeFileDurably(keyringCopy(ws), text);
  faultPoint('keys:copy-written');
}

const sameKeys = (a: unknown, b: Keyring) => isKeyring(a) && a.password.sealed.data === b.password.sealed.data;

/** Removes the keys 设置密码 wrote (only those: a keys file with other content is left alone). */
function removeKeyFiles(ws: Workspace, keyring: Keyring): void {
  for (const file of [ws.keyringFile, keyringCopy(ws)]) {
    if (sameKeys(readJson(file), keyring)) removeDurably(file);
  }
}

function removeEncryptingCopy(ws: Workspace): void {
  const copy = encryptingCopy(ws);
  for (const suffix of ['', '-journal', '-wal', '-shm']) fs.rmSync(copy + suffix, { force: true });
}

/** Step 1: the intended change is on the disk before anything else is touched. */
export function beginKeyChange(ws: Workspace, kind: KeyChangeKind, before: Keyring | null, after: Keyring): void {
  const journal: KeyJournal = { format: 1, kind, startedAt: new Date().toISOString(), before, after };
  writeFileDurably(journalFile(ws), JSON.stringify(journal));
  faultPoint('keys:journal-written');
}

/** Step 3: the change is complete; removing the journal commits it. */
export function commitKeyChange(ws: Workspace): void {
  removeDurably(journalFile(ws));
  faultPoint('keys:committed');
}

/**
 * A change that failed in this process before it was committed (a disk that refused a write, a
 * reader in the way of the rename): the keys as they were are put back, and 设置密码 is undone or
 * finished as after a crash. If even that fails the journal stays, and the next open settles it.
 */
export function abandonKeyChange(ws: Workspace): void {
  const journal = readJson<unknown>(journalFile(ws));
  if (isJournal(journal) && journal.kind !== 'setPassword' && journal.before) {
    writeKeyFiles(ws, journal.before);
    removeDurably(journalFile(ws));
    return;
  }
  settleKeyChange(ws);
}

export type Settled = 'nothing' | 'finished' | 'undone' | 'staleKeysRemoved';

/**
 * Finishes or undoes a key change a crash interrupted. The caller holds the writer lock, so a
 * journal here is never another process's change in progress.
 */
export function settleKeyChange(ws: Workspace): Settled {
  const file = journalFile(ws);
  removeTemporaries(ws);
  if (!fs.existsSync(file)) return removeStaleKeys(ws);
  const journal = readJson<unknown>(file);
  if (!isJournal(journal)) {
    // Written whole or not at all (files.ts): an unreadable one was damaged on the disk afterwards.
    // Kept aside for the record; the keys files themselves were each written whole.
    fs.renameSync(file, `${file}.unreadable-${Date.now()}`);
    return removeStaleKeys(ws);
  }
  const dataChanged = journal.kind !== 'setPassword' || (ws.isSetUp() && !isPlainDatabase(ws.dataFile));
  if (journal.kind === 'setPassword' && !fs.existsSync(ws.dataFile)) return 'nothing'; // nothing to decide on
  if (dataChanged) {
    writeKeyFiles(ws, journal.after);
    removeEncryptingCopy(ws);
    removeDurably(file);
    return 'finished';
  }
  removeKeyFiles(ws, journal.after);
  removeEncryptingCopy(ws);
  removeDurably(file);
  return 'undone';
}

/**
 * A keys file beside a plain data file and no journal: left by an older version's interrupted
 * 设置密码, which wrote the keys first and then encrypted the live file in place. The file is plain
 * and opens without a password; keys that open nothing would only make the app ask for one, so
 * the keys file is set aside under another name (the copy beside the backups stays, in case a
 * backup was encrypted with it).
 *
 * That older version could also leave SQLite's own rollback journal beside a file whose first
 * pages were already encrypted. The journal holds the pages as they were, plain, and SQLite rolls
 * it back on the first read — which must be made without a key: read through a key, the plain
 * pages would be "decrypted" into garbage. (Measured with SQLite3MultipleCiphers: every kill during
 * an in-place encryption rolled back to the whole plain file when opened without a key.)
 */
function removeStaleKeys(ws: Workspace): Settled {
  if (!fs.existsSync(ws.keyringFile) || !ws.isSetUp()) return 'nothing';
  if (fs.existsSync(`${ws.dataFile}-journal`)) rollBackWithoutKey(ws.dataFile);
  if (!isPlainDatabase(ws.dataFile)) return 'nothing';
  fs.renameSync(ws.keyringFile, `${ws.keyringFile}.unused-${Date.now()}`);
  return 'staleKeysRemoved';
}

/** Lets SQLite roll its hot journal back, reading nothing through a key (see above). */
function rollBackWithoutKey(file: string): void {
  let db: Sqlite | null = null;
  try {
    db = openSqlite(file, { fileMustExist: true });
    db.prepare('SELECT count(*) FROM sqlite_schema').get();
  } catch {
    // An encrypted file fails the read after the rollback: that is expected.
  } finally {
    db?.close();
  }
}

/** Half-written temporaries of the keys files and the journal (files.ts names them .tmp-<pid>). */
function removeTemporaries(ws: Workspace): void {
  for (const target of [ws.keyringFile, journalFile(ws), keyringCopy(ws)]) {
    const dir = path.dirname(target);
    const prefix = `${path.basename(target)}.tmp-`;
    if (!fs.existsSync(dir)) continue;
    for (const name of fs.readdirSync(dir))
      if (name.startsWith(prefix)) fs.rmSync(path.join(dir, name), { force: true });
  }
}

/** Whether a crash left a key change to settle (cheap: checked before every first open). */
export function keyChangePending(ws: Workspace): boolean {
  return (
    fs.existsSync(journalFile(ws)) ||
    (fs.existsSync(ws.keyringFile) &&
      ws.isSetUp() &&
      (isPlainDatabase(ws.dataFile) || fs.existsSync(`${ws.dataFile}-journal`)))
  );
}
