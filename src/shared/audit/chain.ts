/* The audit log's hash chain as `audit.verify` and an incoming file's check report it. */

/** The audit log's hash chain checked end to end: intact, or the first entry where it breaks. */
export interface AuditChainCheck {
  entries: number;
  intact: boolean;
  /** The first entry whose stored hash does not match: edited, or something before it removed. */
  brokenAt: number | null;
}

/**
 * A replacement of the data (import, restore, recovery) that the log itself recorded, because it
 * cost entries the log had or brought in a log that did not verify (custody/replacement.ts).
 */
export interface AuditRewind {
  at: string;
  kind: 'import' | 'restore' | 'recovery';
  /** The file or backup the data came from. */
  source: string;
  /** Entries the replaced log had; null when the replaced (damaged) file could not be read. */
  replacedEntries: number | null;
  /** Of those, the entries this log does not have; null when unknown. */
  droppedEntries: number | null;
  /** The backup, or the damaged file kept aside, that still holds them. */
  safetyBackup: string | null;
  /** The incoming log did not verify from this entry on; imported after an explicit warning. */
  incomingBrokenAt: number | null;
}

/** `audit.verify`: the chain, and the rewinds the log has recorded. */
export interface AuditVerification extends AuditChainCheck {
  rewinds: AuditRewind[];
}
