import { createHash } from 'node:crypto';
import { formatChineseDate } from '../../shared/dates';
import { checkEvidence, EVIDENCE_MIME, type EvidenceType } from '../../shared/duties/evidence';
import type { EvidenceView } from '../../shared/duties/views';
import type { FileInput, FileOutput } from '../../shared/files';
import type { Db } from '../db/open';
import { decodeFile } from '../files';
import { conflict, invalid, notFound, now } from './common';
import { getDutySettings } from './settings';

/*
 * 佐证材料 kept inside the database: one file carries everything, backups and USB copies
 * included. The content is checked by its bytes (shared/duties/evidence.ts), limited in size
 * by the organ's setting, and hashed; the audit log records the hash, not the bytes.
 */

const META = `id, record_id, letter_id, file_name, file_type, size, sha256, note, created_at`;

interface EvidenceRow {
  id: number;
  record_id: number | null;
  letter_id: number | null;
  file_name: string;
  file_type: EvidenceType;
  size: number;
  sha256: string;
  note: string | null;
  created_at: string;
}

function view(r: EvidenceRow): EvidenceView {
  return {
    id: r.id,
    fileName: r.file_name,
    fileType: r.file_type,
    size: r.size,
    sha256: r.sha256,
    note: r.note,
    createdAt: r.created_at,
  };
}

/** Metadata of the files attached to records or letters, never their content. */
export function evidenceOf(db: Db, column: 'record_id' | 'letter_id', ids: number[]): Map<number, EvidenceView[]> {
  const out = new Map<number, EvidenceView[]>();
  if (ids.length === 0) return out;
  const rows = db
    .prepare(`SELECT ${META} FROM duty_evidence WHERE ${column} IN (SELECT value FROM json_each(?)) ORDER BY id`)
    .all(JSON.stringify(ids)) as EvidenceRow[];
  for (const r of rows) {
    const key = r[column]!;
    out.set(key, [...(out.get(key) ?? []), view(r)]);
  }
  return out;
}

export type EvidenceTarget = { recordId: number } | { letterId: number };

export function addEvidence(db: Db, target: EvidenceTarget, file: FileInput, note: string | null): EvidenceView {
  if ('recordId' in target) {
    const record = db.prepare(`SELECT voided_on FROM duty_record WHERE id = ?`).get(target.recordId) as
      { voided_on: string | null } | undefined;
    if (!record)
      throw notFound(`找不到编号为 ${target.recordId} 的履职记录。`, `duty_record ${target.recordId}`, 'recordId');
    if (record.voided_on)
      throw invalid(`这条履职记录已于${formatChineseDate(record.voided_on)}作废，不能再上传佐证材料。`, 'recordId');
  }
  const bytes = decodeFile(file);
  const maxBytes = getDutySettings(db).evidenceMaxMb * 1024 * 1024;
  const checked = checkEvidence(file.fileName, bytes, maxBytes);
  if (!checked.ok) throw invalid(checked.message, 'file', `evidence refused: ${file.fileName}`);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const [column, id] =
    'recordId' in target ? (['record_id', target.recordId] as const) : (['letter_id', target.letterId] as const);
  const twin = db.prepare(`SELECT file_name FROM duty_evidence WHERE ${column} = ? AND sha256 = ?`).get(id, sha256) as
    { file_name: string } | undefined;
  if (twin)
    throw conflict(
      `文件“${file.fileName}”已经上传过（与“${twin.file_name}”内容相同）。`,
      `duplicate evidence ${sha256}`,
      'file',
    );
  const evidenceId = Number(
    db
      .prepare(
        `INSERT INTO duty_evidence (${column}, file_name, file_type, size, sha256, note, created_at, content) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        id,
        file.fileName,
        checked.type,
        bytes.length,
        sha256,
        note,
        now(),
        Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
      ).lastInsertRowid,
  );
  return view(db.prepare(`SELECT ${META} FROM duty_evidence WHERE id = ?`).get(evidenceId) as EvidenceRow);
}

function evidenceRow(db: Db, id: number): EvidenceRow {
  const row = db.prepare(`SELECT ${META} FROM duty_evidence WHERE id = ?`).get(id) as EvidenceRow | undefined;
  if (!row) throw notFound(`找不到编号为 ${id} 的佐证材料。`, `duty_evidence ${id}`, 'id');
  return row;
}

/** A file uploaded by mistake; the log keeps its name, size and hash (and the reason). */
export function removeEvidence(db: Db, id: number): void {
  evidenceRow(db, id);
  db.prepare(`DELETE FROM duty_evidence WHERE id = ?`).run(id);
}

/** The file itself, to open or save; its hash is checked on the way out. */
export function evidenceFile(db: Db, id: number): FileOutput & { sha256: string } {
  const row = evidenceRow(db, id);
  const { content } = db.prepare(`SELECT content FROM duty_evidence WHERE id = ?`).get(id) as { content: Buffer };
  const sha256 = createHash('sha256').update(content).digest('hex');
  if (sha256 !== row.sha256) {
    throw new Error(`evidence ${id} content does not match its hash`);
  }
  return {
    fileName: row.file_name,
    mimeType: EVIDENCE_MIME[row.file_type],
    base64: content.toString('base64'),
    sha256,
  };
}
