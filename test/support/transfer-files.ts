/*
 * USB files (.pobk) built by hand, the way transfer.ts lays them out, so that tests can make files
 * the app never would (a forged header, a payload that is not ours) with the right passphrase; and
 * the fingerprint of an organ's data that says "exactly as before".
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { listBackups } from '../../src/core/custody/backups';
import { rekey } from '../../src/core/custody/cipher';
import { deriveKey, KEY_BYTES, newKdf, seal, type KdfParams, type Sealed } from '../../src/core/custody/keyring';
import type { Workspace } from '../../src/core/workspace';

export const sha256 = (data: Buffer) => crypto.createHash('sha256').update(data).digest('hex');

export const MAGIC = Buffer.from('POBK0001', 'ascii');

/** The parts of a .pobk file: magic, u32 length, header JSON, payload, SHA-256. */
export function parse(file: Buffer) {
  const headerLength = file.readUInt32BE(8);
  const headerEnd = 12 + headerLength;
  const header = JSON.parse(file.subarray(12, headerEnd).toString('utf8')) as {
    format: 1;
    kdf: KdfParams;
    manifest: Sealed;
  };
  return { header, headerEnd, payload: file.subarray(headerEnd, file.length - 32) };
}

export function assemble(header: object, payload: Buffer): Buffer {
  const headerBytes = Buffer.from(JSON.stringify(header));
  const length = Buffer.alloc(4);
  length.writeUInt32BE(headerBytes.length);
  const body = Buffer.concat([MAGIC, length, headerBytes, payload]);
  return Buffer.concat([body, crypto.createHash('sha256').update(body).digest()]);
}

/** Recomputes the trailing SHA-256, as a careless tool (or a forger) would after changing bytes. */
export function withChecksum(file: Buffer): Buffer {
  const body = file.subarray(0, file.length - 32);
  return Buffer.concat([body, crypto.createHash('sha256').update(body).digest()]);
}

/**
 * A transfer file the way exportData writes one, from any database file and a manifest of our
 * choosing, sealed with `passphrase`: everything the transfer layer checks is right, so whatever is
 * wrong is in the data itself. `payloadOf` may change the encrypted payload's bytes (a cut, say)
 * before its hash goes into the manifest.
 */
export function buildTransfer(
  dbFile: string,
  manifest: Record<string, unknown>,
  passphrase: string,
  payloadOf: (payload: Buffer) => Buffer = (p) => p,
): Buffer {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'party-office-build-'));
  const copy = path.join(work, 'payload.db');
  const transportKey = crypto.randomBytes(KEY_BYTES);
  let payload: Buffer;
  try {
    fs.copyFileSync(dbFile, copy);
    const db = new Database(copy);
    rekey(db, transportKey);
    db.close();
    payload = payloadOf(fs.readFileSync(copy));
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
  const full = {
    ...manifest,
    payload: { bytes: payload.length, sha256: sha256(payload), key: transportKey.toString('base64') },
  };
  const kdf = newKdf();
  const sealed = seal(deriveKey(passphrase, kdf), Buffer.from(JSON.stringify(full)), 'party-office transfer');
  return assemble({ format: 1, kdf, manifest: sealed }, payload);
}

/** What the user's data is: the file after a checkpoint, every table's rows, the last audit entry, the backups. */
export function fingerprint(ws: Workspace) {
  const db = ws.database();
  db.pragma('wal_checkpoint(TRUNCATE)');
  const tables = (
    db
      .prepare(`SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`)
      .all() as { name: string }[]
  ).map((t) => t.name);
  const counts = Object.fromEntries(
    tables.map((t) => [t, (db.prepare(`SELECT count(*) AS n FROM "${t}"`).get() as { n: number }).n]),
  );
  const lastAudit = (db.prepare(`SELECT max(id) AS id FROM audit_log`).get() as { id: number }).id;
  return { sha256: sha256(fs.readFileSync(ws.dataFile)), counts, lastAudit, backups: listBackups(ws).map((b) => b.id) };
}
