import type { z } from 'zod';
import type { DraftView, draftInput } from '../../shared/drafts';
import type { Db } from '../db/open';

/** Drafts of long texts (text_draft): one per text box, replaced as the clerk types, removed when saved or discarded. */

interface DraftRow {
  key: string;
  text: string;
  base: string | null;
  updated_at: string;
}

const view = (r: DraftRow): DraftView => ({ key: r.key, text: r.text, base: r.base, updatedAt: r.updated_at });

export function getDraft(db: Db, key: string): DraftView | null {
  const row = db.prepare(`SELECT * FROM text_draft WHERE key = ?`).get(key) as DraftRow | undefined;
  return row ? view(row) : null;
}

export function putDraft(db: Db, input: z.output<typeof draftInput>, at = new Date().toISOString()): DraftView {
  db.prepare(
    `INSERT INTO text_draft (key, text, base, updated_at) VALUES (@key, @text, @base, @at)
       ON CONFLICT (key) DO UPDATE SET text = excluded.text, base = excluded.base, updated_at = excluded.updated_at`,
  ).run({ ...input, at });
  return { key: input.key, text: input.text, base: input.base, updatedAt: at };
}

export function discardDraft(db: Db, key: string): void {
  db.prepare(`DELETE FROM text_draft WHERE key = ?`).run(key);
}
