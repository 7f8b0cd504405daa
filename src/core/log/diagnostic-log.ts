import fs from 'node:fs';
import path from 'node:path';
import { redact } from './redact';

/*
 * The diagnostic log: one JSON object a line in the data folder's logs/, English, redacted as
 * written (redact.ts). One process writes it (the desktop app's main process, browser mode's
 * server); the core process sends its lines over the message port. Rotation is by size: when the
 * file would pass `maxBytes` it becomes party-office.1.log, the older ones move up one, and the
 * oldest beyond `keep` is removed, so the folder never holds more than (keep + 1) × maxBytes.
 * Written synchronously: a line must be on disk before a crash that follows it.
 */

export type LogLevel = 'info' | 'warn' | 'error';

/** One line: what happened (`event`, a dotted English name) and plain facts about it. */
export interface LogEntry {
  level: LogLevel;
  event: string;
  /** English detail, e.g. an AppError's detail. */
  detail?: string;
  stack?: string;
  fields?: Record<string, string | number | boolean | null>;
  /**
   * What the program read about itself and the system (versions, the data file's header, font
   * names): written as they are, so that "glibc 2.36" is not taken for an amount. Never data.
   */
  facts?: Record<string, string | number | boolean | null>;
}

export const LOG_FOLDER = 'logs';
export const LOG_NAME = 'party-office';

export interface DiagnosticLogOptions {
  maxBytes?: number;
  keep?: number;
  /** Injected in tests. */
  now?: () => Date;
}

export class DiagnosticLog {
  readonly folder: string;
  readonly file: string;
  private readonly maxBytes: number;
  private readonly keep: number;
  private readonly now: () => Date;
  private size: number | null = null;
  private broken = false;

  constructor(dataDir: string, options: DiagnosticLogOptions = {}) {
    this.folder = path.join(dataDir, LOG_FOLDER);
    this.file = path.join(this.folder, `${LOG_NAME}.log`);
    this.maxBytes = options.maxBytes ?? 1024 * 1024;
    this.keep = options.keep ?? 4;
    this.now = options.now ?? (() => new Date());
  }

  /** Writes one entry; a log that cannot be written never stops the app (it says so once, on stderr). */
  write(entry: LogEntry): void {
    const line = `${JSON.stringify(lineOf(this.now(), entry))}\n`;
    const bytes = Buffer.byteLength(line);
    try {
      if (this.size === null) {
        fs.mkdirSync(this.folder, { recursive: true });
        this.size = sizeOf(this.file);
      }
      if (this.size > 0 && this.size + bytes > this.maxBytes) this.rotate();
      fs.appendFileSync(this.file, line);
      this.size += bytes;
    } catch (error) {
      if (!this.broken) console.error(`diagnostic log not written: ${String(error)}`);
      this.broken = true;
      this.size = null;
    }
  }

  info(event: string, facts?: LogEntry['facts']): void {
    this.write(facts ? { level: 'info', event, facts } : { level: 'info', event });
  }

  /** An error with its detail and stack. */
  error(event: string, error: unknown, fields?: LogEntry['fields']): void {
    this.write({ level: 'error', event, ...describeError(error), ...(fields ? { fields } : {}) });
  }

  /** The files, newest first (for 导出诊断信息). */
  files(): string[] {
    return [this.file, ...Array.from({ length: this.keep }, (_, i) => this.rotated(i + 1))].filter((f) =>
      fs.existsSync(f),
    );
  }

  private rotated(n: number): string {
    return path.join(this.folder, `${LOG_NAME}.${n}.log`);
  }

  private rotate(): void {
    fs.rmSync(this.rotated(this.keep), { force: true });
    for (let n = this.keep - 1; n >= 1; n--) {
      if (fs.existsSync(this.rotated(n))) fs.renameSync(this.rotated(n), this.rotated(n + 1));
    }
    fs.renameSync(this.file, this.rotated(1));
    this.size = 0;
  }
}

function sizeOf(file: string): number {
  try {
    return fs.statSync(file).size;
  } catch {
    return 0;
  }
}

/** The detail and stack of anything thrown, as log fields. */
export function describeError(error: unknown): Pick<LogEntry, 'detail' | 'stack'> {
  if (error instanceof Error) {
    const detail = (error as { detail?: unknown }).detail;
    return {
      detail: `${error.name}: ${error.message}${typeof detail === 'string' ? ` (${detail})` : ''}`,
      ...(error.stack ? { stack: error.stack } : {}),
    };
  }
  return { detail: String(error) };
}

/** The line as written: every text redacted, whatever field it came in. */
function lineOf(time: Date, entry: LogEntry): Record<string, unknown> {
  const line: Record<string, unknown> = { time: time.toISOString(), level: entry.level, event: redact(entry.event) };
  if (entry.detail !== undefined) line.detail = redact(entry.detail);
  if (entry.stack !== undefined) line.stack = redact(entry.stack);
  for (const [key, value] of Object.entries(entry.fields ?? {})) {
    if (key in line) continue;
    line[key] = typeof value === 'string' ? redact(value) : value;
  }
  for (const [key, value] of Object.entries(entry.facts ?? {})) if (!(key in line)) line[key] = value;
  return line;
}
