/*
 * The child process of test/integration/key-change-faults.test.ts: one key change on an organ's
 * data folder, made the way the app makes it (Workspace → createHandlers → directInvoke), to be
 * killed at a fault point or after a delay. It prints to stdout, synchronously:
 *
 *   go                 the workspace is open; the key change starts now
 *   code <code>        a recovery code the clerk was shown (and confirmed) before it took effect
 *   done               the change returned
 *
 * argv: dataDir, operation (setPassword | changePassword | recover | replaceRecoveryCode).
 * Env: KEYS_OLD (the password or recovery code in force), KEYS_NEW (the password being set).
 */
import fs from 'node:fs';
import { directInvoke } from '../../src/core/dispatch';
import { createHandlers } from '../../src/core/handlers';
import { Workspace } from '../../src/core/workspace';

const [dataDir, operation] = process.argv.slice(2);
const oldSecret = process.env.KEYS_OLD ?? '';
const newPassword = process.env.KEYS_NEW ?? '';
const say = (line: string) => fs.writeSync(1, `${line}\n`);

const ws = new Workspace({ dataDir: dataDir!, via: 'test', actor: '断电测试', today: () => '2026-11-22' });
const api = directInvoke(createHandlers(ws));

try {
  await api('app.status', {});
  if (operation === 'replaceRecoveryCode') await api('custody.unlock', { password: oldSecret });
  say('go');
  switch (operation) {
    case 'setPassword': {
      const { recoveryCode } = await api('custody.newRecoveryCode', {});
      say(`code ${recoveryCode}`);
      await api('custody.setPassword', { password: newPassword, recoveryCode });
      break;
    }
    case 'changePassword':
      await api('custody.changePassword', { current: oldSecret, next: newPassword });
      break;
    case 'recover': {
      const { recoveryCode } = await api('custody.recover', { recoveryCode: oldSecret, newPassword });
      say(`code ${recoveryCode}`);
      break;
    }
    case 'replaceRecoveryCode': {
      const { recoveryCode } = await api('custody.newRecoveryCode', {});
      say(`code ${recoveryCode}`);
      await api('custody.replaceRecoveryCode', { recoveryCode });
      break;
    }
    default:
      throw new Error(`unknown operation ${operation}`);
  }
  say('done');
  ws.close();
} catch (error) {
  say(`E ${JSON.stringify(error instanceof Error ? { message: error.message } : String(error))}`);
  process.exit(1);
}
