import type { AppEvent } from '../../shared/bridge';
import type { Channel } from '../../shared/contract';
import type { AppErrorData, Result } from '../../shared/errors';
import { EventHub, type CoreConnection } from '../connection';
import type { PdfPrinter } from '../documents/pdf';
import type { LogEntry } from '../log/diagnostic-log';
import type { CoreStart, FromCore, ToCore } from './protocol';

/** A running core process as the host holds it; made by the host's launcher (fork.ts, Electron's utilityProcess). */
export interface CoreLink {
  readonly pid: number | undefined;
  /** Messages posted before the core listens are kept and delivered in order. */
  post(message: ToCore): void;
  onMessage(handler: (message: FromCore) => void): void;
  onExit(handler: (code: number | null, reason: string) => void): void;
  kill(): void;
}

export interface CoreHostOptions {
  start: CoreStart;
  launch: () => CoreLink;
  log: (entry: LogEntry) => void;
  /** Prints for the core when it was started with printer: 'host'. */
  printer?: PdfPrinter;
  /** More unexpected exits than this within `restartWindowMs`, and the host stops restarting. */
  restartLimit?: number;
  restartWindowMs?: number;
}

/** What a call in flight when the core died had written: nothing, said in the call's own words. */
const LOST_WORDS: Partial<Record<Channel, string>> = {
  'roster.importCommit': '导入未写入任何内容',
  'dues.payrollCommit': '工资导入未写入任何内容',
  'backup.import': '导入未写入任何内容，数据仍是导入前的样子',
  'backup.restore': '恢复没有进行，数据仍是恢复前的样子',
  'dues.assess': '核定未写入任何内容',
};

export function restartedError(channel: unknown): AppErrorData {
  const words = LOST_WORDS[channel as Channel] ?? '这次操作没有写入任何内容';
  return {
    code: 'CORE_RESTARTED',
    message: `数据服务意外停止，已重新启动，${words}。请重新操作。`,
    detail: `core process exited during ${String(channel).slice(0, 80)}`,
  };
}

const BROKEN: AppErrorData = {
  code: 'INTERNAL',
  message:
    '数据服务多次意外停止，已不再重新启动。请关闭程序后重新打开；如仍出现，请在“数据安全”中导出诊断信息交给技术人员。',
  detail: 'core process exited repeatedly; not restarted',
};

const failure = (error: AppErrorData): string => JSON.stringify({ ok: false, error });

interface Pending {
  channel: unknown;
  /** The envelope as JSON text. */
  resolve: (json: string) => void;
  /** Posted to the core that is running now (not waiting in the queue for a core to be ready). */
  delivered: boolean;
  message: Extract<ToCore, { type: 'invoke' }>;
}

/**
 * The host's side of the core in its own process: a CoreConnection like the in-process one, so
 * the transports (loopback HTTP, Electron's IPC) cannot tell. Calls go out by request id and
 * their answers come back by it. When the core exits unexpectedly, the calls it was serving are
 * answered with CORE_RESTARTED (whatever they were writing was one SQLite transaction, rolled
 * back with the process), a new core is started on the same folder, calls not yet delivered go to
 * it, and the page is told (`coreRestarted`) so that it reloads what it shows.
 */
export class CoreHost implements CoreConnection {
  private link: CoreLink;
  private ready = false;
  private wasReady = false;
  private readonly pending = new Map<number, Pending>();
  private readonly hub = new EventHub();
  private nextId = 0;
  private stopping: Promise<void> | null = null;
  private broken = false;
  private exits: number[] = [];

  constructor(private readonly options: CoreHostOptions) {
    this.link = this.launch();
  }

  /** The core's process id (tests kill it; the log names it). */
  get pid(): number | undefined {
    return this.link.pid;
  }

  async invoke(channel: unknown, input: unknown, task?: string): Promise<Result<unknown>> {
    return JSON.parse(await this.invokeJson(channel, input, task)) as Result<unknown>;
  }

  invokeJson(channel: unknown, input: unknown, task?: string): Promise<string> {
    if (this.broken || this.stopping) return Promise.resolve(failure(BROKEN));
    const id = ++this.nextId;
    const message: Pending['message'] = { type: 'invoke', id, channel, input, ...(task ? { task } : {}) };
    return new Promise((resolve) => {
      const pending: Pending = { channel, resolve, delivered: false, message };
      this.pending.set(id, pending);
      if (this.ready) this.deliver(pending);
    });
  }

  onEvent(listener: (event: AppEvent) => void): () => void {
    return this.hub.on(listener);
  }

  /** Asks the core to close the file and end; kills it if it has not within `graceMs`. */
  stop(graceMs = 5000): Promise<void> {
    this.stopping ??= new Promise<void>((resolve) => {
      const link = this.link;
      const timer = setTimeout(() => link.kill(), graceMs);
      link.onExit(() => {
        clearTimeout(timer);
        resolve();
      });
      link.post({ type: 'stop' });
    });
    return this.stopping;
  }

  private deliver(pending: Pending): void {
    pending.delivered = true;
    this.link.post(pending.message);
  }

  private launch(): CoreLink {
    const link = this.options.launch();
    this.ready = false;
    link.onMessage((message) => this.receive(link, message));
    link.onExit((code, reason) => this.exited(link, code, reason));
    link.post({ type: 'start', start: this.options.start });
    return link;
  }

  private receive(link: CoreLink, message: FromCore): void {
    if (link !== this.link) return;
    switch (message.type) {
      case 'ready':
        this.ready = true;
        this.wasReady = true;
        for (const pending of this.pending.values()) if (!pending.delivered) this.deliver(pending);
        return;
      case 'result': {
        const pending = this.pending.get(message.id);
        this.pending.delete(message.id);
        pending?.resolve(message.json);
        return;
      }
      case 'event':
        this.hub.emit(message.event);
        return;
      case 'print':
        void this.print(link, message);
        return;
      case 'log':
        this.options.log(message.entry);
        return;
      case 'stopped':
        return;
    }
  }

  private async print(link: CoreLink, message: Extract<FromCore, { type: 'print' }>): Promise<void> {
    try {
      if (!this.options.printer) throw new Error('this host does not print');
      const pdf = await this.options.printer.print(message.html, message.options);
      link.post({ type: 'printed', id: message.id, pdf });
    } catch (error) {
      link.post({ type: 'printFailed', id: message.id, error: String(error) });
    }
  }

  private exited(link: CoreLink, code: number | null, reason: string): void {
    if (link !== this.link || this.stopping) return;
    const lost = [...this.pending.entries()].filter(([, p]) => p.delivered);
    this.options.log({
      level: 'error',
      event: 'core.exited',
      fields: {
        code,
        reason,
        pid: link.pid ?? null,
        inFlight: lost.map(([, p]) => String(p.channel).slice(0, 80)).join(',') || null,
      },
    });
    for (const [id, pending] of lost) {
      this.pending.delete(id);
      pending.resolve(failure(restartedError(pending.channel)));
    }
    const now = Date.now();
    this.exits = [...this.exits.filter((t) => now - t < (this.options.restartWindowMs ?? 60_000)), now];
    if (this.exits.length > (this.options.restartLimit ?? 3)) {
      this.broken = true;
      this.options.log({ level: 'error', event: 'core.gaveUp', fields: { exits: this.exits.length } });
      for (const pending of this.pending.values()) pending.resolve(failure(BROKEN));
      this.pending.clear();
      return;
    }
    const announce = this.wasReady;
    this.link = this.launch();
    this.options.log({ level: 'info', event: 'core.restarted', fields: { pid: this.link.pid ?? null } });
    if (announce) this.hub.emit({ kind: 'coreRestarted' });
  }
}
