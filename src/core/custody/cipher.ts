import type { Db } from '../db/db-type';

/** SQLCipher 4 format, so the files can also be opened by standard SQLCipher tools given the key. */
export function applyKey(db: Db, key: Buffer): void {
  db.pragma(`cipher = 'sqlcipher'`);
  db.pragma('legacy = 4');
  db.pragma(`key = "x'${key.toString('hex')}'"`);
}

/**
 * Encrypts, re-encrypts or (key null) decrypts a whole database in place. SQLite3MultipleCiphers
 * cannot rekey in WAL mode, so the journal is checkpointed and switched to DELETE for the
 * duration; rekey itself runs as one transaction, so a crash leaves either the old or the new.
 */
export function rekey(db: Db, key: Buffer | null): void {
  const wasWal = String(db.pragma('journal_mode', { simple: true })).toLowerCase() === 'wal';
  if (wasWal) {
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.pragma('journal_mode = DELETE');
  }
  db.pragma(`cipher = 'sqlcipher'`);
  db.pragma('legacy = 4');
  db.pragma(key ? `rekey = "x'${key.toString('hex')}'"` : `rekey = ''`);
  if (wasWal) db.pragma('journal_mode = WAL');
}
