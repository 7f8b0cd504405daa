import type { AuditChainCheck } from './audit/chain';

/** Why a backup was taken: on schedule, by hand, or before a step that could lose data. */
export type BackupReason =
  'manual' | 'scheduled' | 'beforeRestore' | 'beforeImport' | 'beforeMigration' | 'beforeEncryption' | 'beforeRecovery';

export const BACKUP_REASON_LABEL: Record<BackupReason, string> = {
  manual: '手动备份',
  scheduled: '每日自动备份',
  beforeRestore: '恢复前自动备份',
  beforeImport: '导入前自动备份',
  beforeMigration: '升级前自动备份',
  beforeEncryption: '加密前自动备份',
  beforeRecovery: '修复前自动备份',
};

export interface BackupInfo {
  /** The file name without extension, e.g. "party-office-20261122-174500-manual". */
  id: string;
  createdAt: string;
  reason: BackupReason;
  size: number;
  counts: { members: number; units: number; auditEntries: number };
  schemaVersion: number;
  encrypted: boolean;
}

/** How the data file came to be replaced, as the 操作记录 says it (data_replacement.kind). */
export const REPLACEMENT_KIND_LABEL: Record<'import' | 'restore' | 'recovery', string> = {
  import: '从U盘导入',
  restore: '从备份恢复',
  recovery: '数据文件损坏后从备份修复',
};

/** What a USB import would change, shown before anything is replaced. */
/**
 * The name an export gets on the stick: the day only. A lost stick shows a file name to whoever
 * finds it, so the organ's name is inside the file (sealed with the passphrase), never on it.
 * Import takes any name, files from older versions named after the organ included.
 */
export function exportFileName(day: string): string {
  return `党务数据-${day}.pobk`;
}

export interface TransferPreview {
  fileName: string;
  exportedAt: string;
  appVersion: string;
  schemaVersion: number;
  organ: { name: string; committeeName: string } | null;
  /** The file is another organ's data: warned about, the user decides. */
  differentOrgan: boolean;
  /** From an older version: it will be brought up to date after import. */
  olderSchema: boolean;
  /** Rows per kind now and in the file. */
  changes: { table: string; current: number; incoming: number }[];
  /** The file's own audit log, walked: a log that does not verify is imported only after a warning naming the entry. */
  auditLog: AuditChainCheck;
}

/** What a valid transfer file says about itself (without its key). */
export interface TransferManifest {
  appVersion: string;
  schemaVersion: number;
  organ: { name: string; committeeName: string } | null;
  exportedAt: string;
  counts: Record<string, number>;
}

/** `backup verify`: the manifest, and what the checks found in the data itself (the same checks as an import's). */
export interface TransferCheck extends TransferManifest {
  organ: { name: string; committeeName: string };
  /** Members on the roll in the file. */
  members: number;
  auditLog: AuditChainCheck;
}

/** Typed recovery codes are forgiving: case, spaces and dashes do not matter; O reads as 0, I and L as 1. */
export function normaliseRecoveryCode(code: string): string {
  const clean = code.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  return clean.match(/.{1,4}/g)?.join('-') ?? '';
}

/** How many of a recovery code's six groups the clerk types back to show it was written down. */
export const RECOVERY_CODE_CHECKED_GROUPS = 4;
