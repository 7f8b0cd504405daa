import { useCallback, useEffect, useRef, useState } from 'react';
import type { DraftView } from '../../shared/drafts';
import { invoke } from '../api/client';

/** How long typing may pause before what was typed is written to the data file. */
const PAUSE_MS = 600;

/**
 * Boxes whose latest typing is not yet in the data file (the pause not over, or the write under
 * way): closing or reloading the page then asks first, as the browser does for any page.
 */
const unwritten = new Set<string>();
window.addEventListener('beforeunload', (event) => {
  if (unwritten.size > 0) event.preventDefault();
});

export type DraftState =
  /** What is shown is the saved text. */
  | { kind: 'clean' }
  /** Edited; being written as a draft. */
  | { kind: 'writing' }
  /** Edited; the draft is in the data file. */
  | { kind: 'kept'; at: string }
  /** A draft from an earlier visit was put back; `baseChanged`: the saved text changed since it was begun. */
  | { kind: 'restored'; at: string; baseChanged: boolean }
  /** The draft could not be written (the file locked, the server gone): the text is still on screen. */
  | { kind: 'failed' };

/**
 * A long text box whose edits are kept in the data file as they are typed (drafts.put, a moment
 * after typing pauses, and at once when the box loses focus or the screen goes away), put back
 * when the screen is opened again, and removed once saved (`committed`) or thrown away
 * (`discard`). Until it is edited, the box follows the saved text as it changes.
 */
export function useDraft(key: string, saved: string) {
  const [text, setShown] = useState(saved);
  const [state, setState] = useState<DraftState>({ kind: 'clean' });
  const edited = useRef(false);
  const savedRef = useRef(saved);
  const pending = useRef<{ text: string; base: string } | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const write = useCallback(async () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    const next = pending.current;
    if (!next) return;
    pending.current = null;
    try {
      const kept: DraftView = await invoke('drafts.put', { key, text: next.text, base: next.base });
      if (edited.current) setState({ kind: 'kept', at: kept.updatedAt });
    } catch {
      setState({ kind: 'failed' });
    } finally {
      if (!pending.current) unwritten.delete(key);
    }
  }, [key]);

  // An earlier visit's draft comes back.
  useEffect(() => {
    let live = true;
    edited.current = false;
    setShown(savedRef.current);
    setState({ kind: 'clean' });
    invoke('drafts.get', { key }).then(
      ({ draft }) => {
        if (!live || !draft || edited.current) return;
        if (draft.text === savedRef.current) {
          void invoke('drafts.discard', { key }).catch(() => undefined);
          return;
        }
        edited.current = true;
        setShown(draft.text);
        setState({ kind: 'restored', at: draft.updatedAt, baseChanged: draft.base !== savedRef.current });
      },
      () => undefined,
    );
    return () => {
      live = false;
      void write();
    };
  }, [key, write]);

  // Unedited, the box follows the saved text (a correction elsewhere, a fresh template); edited
  // text that has become the saved text (saved elsewhere, the template caught up) is no draft.
  const shown = useRef(text);
  shown.current = text;
  useEffect(() => {
    savedRef.current = saved;
    if (!edited.current) setShown(saved);
    else if (shown.current === saved) {
      edited.current = false;
      pending.current = null;
      setState({ kind: 'clean' });
      void invoke('drafts.discard', { key }).catch(() => undefined);
    }
  }, [saved, key]);

  const setText = useCallback(
    (next: string) => {
      setShown(next);
      if (next === savedRef.current) {
        edited.current = false;
        pending.current = null;
        unwritten.delete(key);
        if (timer.current) clearTimeout(timer.current);
        setState({ kind: 'clean' });
        void invoke('drafts.discard', { key }).catch(() => undefined);
        return;
      }
      edited.current = true;
      pending.current = { text: next, base: savedRef.current };
      unwritten.add(key);
      setState((s) => (s.kind === 'restored' ? s : { kind: 'writing' }));
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(() => void write(), PAUSE_MS);
    },
    [key, write],
  );

  /** After the text was saved: the draft has done its work. */
  const committed = useCallback(async () => {
    edited.current = false;
    pending.current = null;
    unwritten.delete(key);
    if (timer.current) clearTimeout(timer.current);
    setState({ kind: 'clean' });
    await invoke('drafts.discard', { key }).catch(() => undefined);
  }, [key]);

  /** Throws the draft away and shows the saved text again. */
  const discard = useCallback(async () => {
    await committed();
    setShown(savedRef.current);
  }, [committed]);

  return {
    text,
    setText,
    /** Edited and not yet saved. */
    dirty: text !== saved,
    state,
    /** For the box's onBlur: write at once rather than after the pause. */
    flush: () => void write(),
    committed,
    discard,
  };
}

export type Draft = ReturnType<typeof useDraft>;
