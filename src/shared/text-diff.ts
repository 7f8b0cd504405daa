import { diffArrays, diffChars } from 'diff';

/*
 * What changed between two versions of a long text, paragraph by paragraph (a paragraph is a
 * line, as the app's texts are typed), and inside a changed paragraph character by character:
 * Chinese has no spaces to split words on. Shown before a draft replaces edited text, and in the
 * 操作记录 for a long text that was edited.
 */

export interface Piece {
  text: string;
  change: 'same' | 'removed' | 'added';
}

export type ParagraphChange =
  | { kind: 'same'; text: string }
  | { kind: 'removed'; text: string }
  | { kind: 'added'; text: string }
  | { kind: 'changed'; before: string; after: string; pieces: Piece[] };

/** Below this share of characters kept, a "changed" paragraph reads better as one removed and one added. */
const MIN_KEPT = 0.3;

function pieces(before: string, after: string): Piece[] | null {
  const parts = diffChars(before, after);
  const kept = parts.filter((p) => !p.added && !p.removed).reduce((n, p) => n + p.value.length, 0);
  if (kept < MIN_KEPT * Math.max(before.length, after.length)) return null;
  return parts.map((p) => ({ text: p.value, change: p.added ? 'added' : p.removed ? 'removed' : 'same' }));
}

export function paragraphDiff(before: string, after: string): ParagraphChange[] {
  const chunks = diffArrays(before.split('\n'), after.split('\n'));
  const out: ParagraphChange[] = [];
  for (let i = 0; i < chunks.length; i++) {
    const chunk = chunks[i]!;
    if (!chunk.added && !chunk.removed) {
      for (const text of chunk.value) out.push({ kind: 'same', text });
      continue;
    }
    const next = chunks[i + 1];
    if (chunk.removed && next?.added) {
      // Removed lines followed by added ones: pair them, the rest stand alone.
      const removed = chunk.value;
      const added = next.value;
      for (let j = 0; j < Math.max(removed.length, added.length); j++) {
        const b = removed[j];
        const a = added[j];
        const inside = b !== undefined && a !== undefined ? pieces(b, a) : null;
        if (inside) out.push({ kind: 'changed', before: b!, after: a!, pieces: inside });
        else {
          if (b !== undefined) out.push({ kind: 'removed', text: b });
          if (a !== undefined) out.push({ kind: 'added', text: a });
        }
      }
      i++;
      continue;
    }
    for (const text of chunk.value) out.push({ kind: chunk.added ? 'added' : 'removed', text });
  }
  return out;
}

/** "改动2段，新增1段，删去3段" (empty parts left out; "没有改动" when the texts are the same). */
export function diffSummary(changes: ParagraphChange[]): string {
  const count = (kind: ParagraphChange['kind']) => changes.filter((c) => c.kind === kind).length;
  const parts = [
    ['改动', count('changed')],
    ['新增', count('added')],
    ['删去', count('removed')],
  ] as const;
  const said = parts.filter(([, n]) => n > 0).map(([w, n]) => `${w}${n}段`);
  return said.length ? said.join('，') : '没有改动';
}
