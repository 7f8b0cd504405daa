import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { invoke, onAppEvent } from '../api/client';

/** What the core last said about a long call: "正在校验第 3,200 / 10,000 行", 3200 of 10000. */
export interface TaskProgressState {
  text: string;
  done: number;
  /** null while the step has no count (reading a file): the bar runs without a figure. */
  total: number | null;
  cancelling: boolean;
}

export interface LongTask {
  /**
   * Runs one long call under a fresh task id (pass it as `{ task }` to invoke or change);
   * progress shows until it settles. `firstText` is shown until the core's first report.
   */
  run<T>(call: (task: string) => Promise<T>, firstText?: string): Promise<T>;
  /** Asks the core to stop the running call; it then fails with CANCELLED and has written nothing. */
  cancel(): void;
  running: boolean;
  /** For <TaskProgress>: the latest progress, read without re-rendering the screen that runs the task. */
  subscribe(listener: () => void): () => void;
  snapshot(): TaskProgressState | null;
}

/**
 * One long call at a time per screen, with its progress and a cancel: show it with <TaskProgress>.
 * Progress arrives many times a second; only the bar re-renders for it, never the screen around
 * it (a screen with a 10,000-row preview would otherwise redraw at every step).
 */
export function useTask(): LongTask {
  const [running, setRunning] = useState(false);
  const current = useRef<string | null>(null);
  const store = useMemo(() => progressStore(), []);
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  const run = useCallback(
    async <T>(call: (task: string) => Promise<T>, firstText = '正在处理'): Promise<T> => {
      const id = crypto.randomUUID();
      current.current = id;
      store.set({ text: firstText, done: 0, total: null, cancelling: false });
      setRunning(true);
      const off = onAppEvent((event) => {
        if (event.kind === 'progress' && event.task === id) {
          const cancelling = store.get()?.cancelling ?? false;
          store.set({ text: event.text, done: event.done, total: event.total, cancelling });
        }
      });
      try {
        return await call(id);
      } finally {
        off();
        if (current.current === id) {
          current.current = null;
          store.set(null);
          if (mounted.current) setRunning(false);
        }
      }
    },
    [store],
  );

  const cancel = useCallback(() => {
    const id = current.current;
    const now = store.get();
    if (!id || !now) return;
    store.set({ ...now, cancelling: true });
    invoke('task.cancel', { task: id }).catch(() => undefined);
  }, [store]);

  return useMemo(
    () => ({ run, cancel, running, subscribe: store.subscribe, snapshot: store.get }),
    [run, cancel, running, store],
  );
}

function progressStore() {
  let state: TaskProgressState | null = null;
  const listeners = new Set<() => void>();
  return {
    get: () => state,
    set(next: TaskProgressState | null) {
      state = next;
      for (const listener of listeners) listener();
    },
    subscribe(listener: () => void) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
}

/** The task's progress, for the component that draws it. */
export function useTaskProgress(task: LongTask): TaskProgressState | null {
  return useSyncExternalStore(task.subscribe, task.snapshot);
}
