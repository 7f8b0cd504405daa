import { performance } from 'node:perf_hooks';
import type { AppEvent } from '../shared/bridge';
import { AppError } from '../shared/errors';

/*
 * Long work (imports, backups, printing) runs as a task: it says how far it has got, lets
 * other messages in while it runs, and stops when the person cancels. The core is one thread,
 * so a cancel can only be read between two steps: a task yields to the event loop every
 * YIELD_MS of work, which is also when it reports its progress.
 */

const YIELD_MS = 40;

export function cancelledError(): AppError {
  return new AppError({ code: 'CANCELLED', message: '已取消，没有写入任何内容。', detail: 'cancelled by the user' });
}

/** Thousands separated as the office writes them: 3,200. */
export function count(n: number): string {
  return n.toLocaleString('en-US');
}

/** What a handler sees of the call it serves. */
export interface Task {
  readonly signal: AbortSignal;
  /** A step without a count (reading a file, checking a copy): the bar runs without a figure. */
  stage(text: string): void;
  /**
   * One step of a counted loop. Every YIELD_MS it reports `text()` with done / total and lets
   * other messages in; it throws CANCELLED once the task has been cancelled.
   */
  tick(done: number, total: number, text: () => string): Promise<void>;
  /** Throws CANCELLED if the task has been cancelled (before a step that cannot be undone). */
  checkCancelled(): void;
  /**
   * Runs `work` with no other call in flight and none starting until it ends: work that keeps a
   * transaction open across yields, where another call's reads or writes would land inside it.
   */
  exclusive<T>(work: () => Promise<T>): Promise<T>;
}

/** The task of a call nobody watches (the CLI's and the tests' direct calls). */
export const QUIET_TASK: Task = {
  signal: new AbortController().signal,
  stage: () => undefined,
  tick: () => Promise.resolve(),
  checkCancelled: () => undefined,
  exclusive: (work) => work(),
};

const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

class RunningTask implements Task {
  private readonly controller = new AbortController();
  private lastYield = performance.now();

  constructor(
    private readonly board: TaskBoard,
    readonly id: string | null,
  ) {}

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  cancel(): void {
    this.controller.abort();
  }

  stage(text: string): void {
    this.report(text, 0, null);
  }

  async tick(done: number, total: number, text: () => string): Promise<void> {
    this.checkCancelled();
    const now = performance.now();
    if (now - this.lastYield < YIELD_MS) return;
    this.report(text(), done, total);
    await yieldToLoop();
    this.lastYield = performance.now();
    this.checkCancelled();
  }

  checkCancelled(): void {
    if (this.controller.signal.aborted) throw cancelledError();
  }

  exclusive<T>(work: () => Promise<T>): Promise<T> {
    return this.board.exclusive(this, work);
  }

  private report(text: string, done: number, total: number | null): void {
    if (this.id !== null) this.board.emit({ kind: 'progress', task: this.id, text, done, total });
  }
}

export type Invocation = (task: Task) => Promise<unknown>;

/**
 * The calls in flight in one core, by the task id the screen gave them. Calls run side by side
 * as before, except around exclusive work: while a task asks for or holds exclusivity, new calls
 * wait, and the task waits for the calls already running to end.
 */
export class TaskBoard {
  private readonly byId = new Map<string, RunningTask>();
  private readonly running = new Set<RunningTask>();
  private wanting = 0;
  private holder: RunningTask | null = null;
  private waiters: (() => void)[] = [];

  constructor(readonly emit: (event: AppEvent) => void = () => undefined) {}

  /** Runs one call as a task; `id` (from the screen) lets progress reach it and a cancel find it. */
  async run<T>(id: string | undefined, call: (task: Task) => Promise<T>): Promise<T> {
    const task = new RunningTask(this, id ?? null);
    if (id !== undefined) this.byId.set(id, task);
    await this.until(
      () => this.holder === null && this.wanting === 0,
      () => this.running.add(task),
    );
    try {
      return await call(task);
    } finally {
      this.running.delete(task);
      if (id !== undefined && this.byId.get(id) === task) this.byId.delete(id);
      this.changed();
    }
  }

  /** Asks the task to stop at its next step; false when no such task is running. */
  cancel(id: string): boolean {
    const task = this.byId.get(id);
    task?.cancel();
    return task !== undefined;
  }

  /** How many calls are in flight (for the diagnostic log at a crash). */
  get busy(): number {
    return this.running.size;
  }

  async exclusive<T>(task: RunningTask, work: () => Promise<T>): Promise<T> {
    this.wanting += 1;
    this.running.delete(task);
    this.changed();
    try {
      await this.until(
        () => this.holder === null && this.running.size === 0,
        () => (this.holder = task),
      );
    } finally {
      this.wanting -= 1;
      this.running.add(task);
    }
    try {
      task.checkCancelled();
      return await work();
    } finally {
      this.holder = null;
      this.changed();
    }
  }

  private changed(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }

  /** Waits for `ready`, then `claim`s in the same turn, before anyone else woken with it can look. */
  private async until(ready: () => boolean, claim: () => void): Promise<void> {
    while (!ready()) await new Promise<void>((resolve) => this.waiters.push(resolve));
    claim();
  }
}
