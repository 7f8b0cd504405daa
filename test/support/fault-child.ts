/*
 * A child for the fault-injection suites (run and killed by test/support/faults.ts): opens an organ's data
 * the way the app does (Workspace → createHandlers → directInvoke), unlocks it when a password is
 * given, and makes one call of the contract, e.g. backup.import or custody.setPassword. It writes
 * one line to stdout at each step, synchronously, for the parent that kills it:
 *
 *   go                    the file is open (unlocked, leftovers of the last kill cleared)
 *   done <json>           the call returned this
 *   refused <json>        the call was refused with this AppError
 *
 * argv: dataDir, channel, input as JSON (or @file holding it: a workbook's base64 is too long for
 * an argument). Env: FAULT_PASSWORD (unlock first), FAULT_VIA (the door it stands for),
 * FAULT_LOCK_WAIT_MS (how long to wait for another holder of the writer lock), FAULT_HOLD_UNTIL (a
 * file: after "go", hold the open file, and with it the writer lock, until that file exists).
 */
import fs from 'node:fs';
import { directInvoke } from '../../src/core/dispatch';
import { createHandlers } from '../../src/core/handlers';
import { Workspace } from '../../src/core/workspace';
import type { Channel, Via } from '../../src/shared/contract';
import { AppError } from '../../src/shared/errors';

const [dataDir, channel, inputText] = process.argv.slice(2);
const say = (line: string) => fs.writeSync(1, `${line}\n`);

const ws = new Workspace({
  dataDir: dataDir!,
  via: (process.env.FAULT_VIA as Via | undefined) ?? 'test',
  actor: '断电测试',
  ...(process.env.FAULT_LOCK_WAIT_MS ? { lockWaitMs: Number(process.env.FAULT_LOCK_WAIT_MS) } : {}),
});
const api = directInvoke(createHandlers(ws));

try {
  const password = process.env.FAULT_PASSWORD;
  if (password) await api('custody.unlock', { password });
  else if (ws.isSetUp()) ws.database();
  say('go');
  const hold = process.env.FAULT_HOLD_UNTIL;
  while (hold && !fs.existsSync(hold)) await new Promise((resolve) => setTimeout(resolve, 20));
  const text = inputText!.startsWith('@') ? fs.readFileSync(inputText!.slice(1), 'utf8') : inputText!;
  const result = await api(channel as Channel, JSON.parse(text) as never);
  say(`done ${JSON.stringify(result ?? null)}`);
} catch (error) {
  say(
    `refused ${JSON.stringify(error instanceof AppError ? error.toData() : { code: 'INTERNAL', message: String(error) })}`,
  );
} finally {
  ws.close();
}
