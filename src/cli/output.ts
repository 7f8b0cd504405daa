import { AppError } from '../shared/errors';

/** With --json, stdout carries exactly one JSON document and nothing else. */
export interface Output {
  json: boolean;
  result(human: string, data: unknown): void;
}

export function createOutput(json: boolean): Output {
  return {
    json,
    result(human, data) {
      process.stdout.write(json ? `${JSON.stringify(data, null, 2)}\n` : `${human}\n`);
    },
  };
}

/**
 * A reader that stops early (`roster list | head -1`) closes its end of the pipe, and the next
 * write fails with EPIPE. That is the reader saying it has enough, not a fault: the rest of the
 * output is dropped and the command ends as it would have (its work is done before it prints),
 * instead of crashing with a stack trace. Any other stream error is still thrown.
 */
export function endQuietlyWhenReaderStops(stream: NodeJS.WriteStream): void {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE' || error.code === 'ERR_STREAM_DESTROYED') return;
    throw error;
  });
}

/** Errors go to stderr in Chinese (and as JSON on stdout too with --json), exit code non-zero. */
export function reportError(error: unknown, json: boolean): number {
  const data =
    error instanceof AppError
      ? error.toData()
      : {
          code: 'INTERNAL',
          message: '命令未能完成，数据没有改动。',
          detail: error instanceof Error ? error.message : String(error),
        };
  process.stderr.write(`错误：${data.message}\n`);
  if (json) process.stdout.write(`${JSON.stringify({ ok: false, error: data }, null, 2)}\n`);
  return data.code === 'INVALID_INPUT' || data.code === 'UNKNOWN_CHANNEL' ? 2 : 1;
}

/** Pads by display width, counting a CJK character as two columns. */
export function table(headers: string[], rows: string[][]): string {
  const width = (s: string) => [...s].reduce((n, ch) => n + (/[\u1100-\uffff]/.test(ch) ? 2 : 1), 0);
  const widths = headers.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i] ?? ''))));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c + ' '.repeat((widths[i] ?? 0) - width(c)))
      .join('  ')
      .trimEnd();
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}
