import type { z } from 'zod';
import { contract, isChannel, type Channel, type Input, type Output } from '../shared/contract';
import { AppError, type AppErrorData, type Result } from '../shared/errors';
import { isSecretAt } from '../shared/validation';
import type { Handlers } from './handlers';
import { QUIET_TASK, type Task, type TaskBoard } from './tasks';
import { fileInUseError } from './services/sqlite-errors';

/**
 * The boundary every transport goes through: the channel must exist, the payload must match
 * the channel's schema, and whatever goes wrong comes back as data with a Chinese message.
 */
export async function dispatch(
  handlers: Handlers,
  channel: unknown,
  payload: unknown,
  task: Task = QUIET_TASK,
  onUnexpected?: (channel: Channel, error: unknown) => void,
): Promise<Result<unknown>> {
  if (!isChannel(channel)) {
    return fail({
      code: 'UNKNOWN_CHANNEL',
      message: '程序内部请求了不存在的功能。',
      detail: `unknown channel ${String(channel).slice(0, 80)}`,
    });
  }
  const parsed = contract[channel].input.safeParse(payload);
  if (!parsed.success) return fail(describeInvalid(channel, parsed.error, payload));
  try {
    const handler = handlers[channel] as (input: unknown, task: Task) => unknown;
    task.checkCancelled(); // cancelled while it waited for exclusive work to end
    return { ok: true, value: await handler(parsed.data, task) };
  } catch (error) {
    if (error instanceof AppError) return fail(error.toData());
    const inUse = fileInUseError(error);
    if (inUse) return fail(inUse.toData());
    onUnexpected?.(channel, error); // the diagnostic log keeps its stack
    return fail({
      code: 'INTERNAL',
      message: '操作未能完成，数据没有改动。请重试；如仍出现，请把“操作记录”和此提示一并告知技术人员。',
      detail: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
    });
  }
}

/**
 * A transport's call: as a task on the board, so that its progress reaches the screen and a
 * cancel finds it. A cancel itself never queues behind the work it is meant to stop.
 */
export function dispatchTask(
  board: TaskBoard,
  handlers: Handlers,
  channel: unknown,
  payload: unknown,
  taskId?: string,
  onUnexpected?: (channel: Channel, error: unknown) => void,
): Promise<Result<unknown>> {
  if (channel === 'task.cancel') return dispatch(handlers, channel, payload);
  return board.run(taskId, (task) => dispatch(handlers, channel, payload, task, onUnexpected));
}

function fail(error: AppErrorData): Result<never> {
  return { ok: false, error };
}

function valueAt(payload: unknown, path: readonly PropertyKey[]): unknown {
  let current: unknown = payload;
  for (const key of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

function shown(value: unknown): string {
  if (value === undefined) return '（未填写）';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return `“${text.length > 40 ? `${text.slice(0, 40)}…` : text}”`;
}

export function describeInvalid(channel: Channel, error: z.ZodError, payload: unknown): AppErrorData {
  const issue = error.issues[0];
  if (!issue) return { code: 'INVALID_INPUT', message: '提交的内容不完整。', detail: channel };
  const field = issue.path.map(String).join('.');
  if (issue.code === 'unrecognized_keys') {
    return {
      code: 'INVALID_INPUT',
      message: `提交的内容含有无法识别的项目：${issue.keys.join('、')}。`,
      detail: `${channel}: unrecognized keys ${issue.keys.join(',')}`,
      field: issue.keys[0] ?? '',
    };
  }
  const value = valueAt(payload, issue.path);
  const message = issue.message && /[\u4e00-\u9fff]/.test(issue.message) ? issue.message : '内容不符合要求';
  // A password or passphrase is named, never repeated: the message may be shown, logged or reported.
  const echo =
    value !== undefined && value !== '' && value !== null && !isSecretAt(contract[channel].input, issue.path);
  return {
    code: 'INVALID_INPUT',
    message: echo ? `${message}（收到的值：${shown(value)}）` : message,
    detail: `${channel}: ${field || '(root)'}: ${issue.code}: ${issue.message}`,
    field,
  };
}

/** A typed, promise-returning client over dispatch: what the CLI and the tests call. */
export function directInvoke(handlers: Handlers) {
  return async <C extends Channel>(channel: C, input: Input<C>): Promise<Output<C>> => {
    const result = await dispatch(handlers, channel, input);
    if (!result.ok) throw AppError.from(result.error);
    return result.value as Output<C>;
  };
}
