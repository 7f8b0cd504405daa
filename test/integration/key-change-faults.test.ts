/*
 * Key changes under kill -9. Each trial copies a ready organ's data folder, runs one key change
 * (设置密码, 修改密码, a reset by recovery code, 更换恢复码) in a child process and kills it with
 * SIGKILL — at every fault point the change passes (src/core/fault-point.ts), and after seeded
 * random delays between — then opens the folder as the app would and checks: the password being
 * set, or the old one, or (for 设置密码) no password opens the data, exactly as the point predicts;
 * integrity_check ok; the audit chain intact; the members exactly as before; nothing left over
 * (no key journal, no half-made encrypted copy, no temporary keys file, no keys beside a plain file).
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readKeyring } from '../../src/core/custody/password';
import { openWithRecoveryCode } from '../../src/core/custody/keyring';
import { AppError } from '../../src/shared/errors';
import { removeBundles } from '../support/bundle';
import { runChild, said, type ChildRun } from '../support/faults';
import { setPasswordAsClerk } from '../support/passwords';
import { citizenId, memberFields } from '../support/people';
import { seededRandom } from '../support/random';
import { SAMPLE_SETUP, tempWorkspace } from '../support/temp-workspace';

const OLD = '原来的密码2026';
const NEW = '新设的密码2027';
const SEED = Number(process.env.FAULT_SEED ?? 20261202);
const CHILD = 'test/support/key-change-child.ts';
const NAMES = ['王建国', '李秀英', '张卫东', '刘海燕'];

type Operation = 'setPassword' | 'changePassword' | 'recover' | 'replaceRecoveryCode';
/** What opens the data after the trial. */
type Outcome = 'plain' | 'old' | 'new';

let plainTemplate = '';
let encryptedTemplate = '';
let templateCode = '';

beforeAll(async () => {
  const plain = tempWorkspace({ dataDir: fs.mkdtempSync(path.join(tempRoot(), 'plain-')) });
  await plain.api('organ.setup', SAMPLE_SETUP);
  const branch = (await plain.api('org.units', {})).find((u) => u.kind === 'branch')!;
  for (const [i, name] of NAMES.entries()) {
    await plain.api('roster.add', {
      fields: memberFields({ name, branchId: branch.id, citizenId: citizenId(`1980-05-0${i + 1}`, 'male', i + 1) }),
    });
  }
  await plain.api('backup.create', {});
  plain.ws.close();
  plainTemplate = plain.dataDir;
  encryptedTemplate = fs.mkdtempSync(path.join(tempRoot(), 'encrypted-'));
  fs.cpSync(plainTemplate, encryptedTemplate, { recursive: true });
  const encrypted = tempWorkspace({ dataDir: encryptedTemplate });
  templateCode = (await setPasswordAsClerk(encrypted.api, OLD)).recoveryCode;
  encrypted.ws.close();
}, 120_000);

let root: string | null = null;
function tempRoot(): string {
  root ??= fs.mkdtempSync(path.join(process.env.TMPDIR ?? '/tmp', 'party-office-key-faults-'));
  return root;
}
afterAll(() => {
  removeBundles();
  if (root) fs.rmSync(root, { recursive: true, force: true });
});

function freshCopy(operation: Operation): string {
  const dir = fs.mkdtempSync(path.join(tempRoot(), `${operation}-`));
  fs.cpSync(operation === 'setPassword' ? plainTemplate : encryptedTemplate, dir, { recursive: true });
  return dir;
}

const SECRETS: Record<Operation, { KEYS_OLD: string; KEYS_NEW: string }> = {
  setPassword: { KEYS_OLD: '', KEYS_NEW: NEW },
  changePassword: { KEYS_OLD: OLD, KEYS_NEW: NEW },
  recover: { KEYS_OLD: '', KEYS_NEW: NEW }, // the code is filled in at run time
  replaceRecoveryCode: { KEYS_OLD: OLD, KEYS_NEW: '' },
};

function run(
  operation: Operation,
  dataDir: string,
  kill: { killAt?: string; killAfterMs?: number },
): Promise<ChildRun> {
  const env = { ...SECRETS[operation] };
  if (operation === 'recover') env.KEYS_OLD = templateCode;
  return runChild(CHILD, [dataDir, operation], { ...kill, env });
}

async function refusal(promise: Promise<unknown>): Promise<AppError | null> {
  try {
    await promise;
    return null;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
}

/**
 * Opens the folder as the app would after the crash and checks everything; returns what opened it.
 * For 更换恢复码 the passwords stay; what changes is which recovery code opens the keys.
 */
async function openAfter(operation: Operation, dataDir: string, child: ChildRun): Promise<Outcome> {
  const app = tempWorkspace({ dataDir });
  const status = await app.api('app.status', {});
  let outcome: Outcome;
  if (status.state === 'ready') {
    expect(status.encrypted, 'a ready organ that did not ask for a password is plain').toBe(false);
    expect(fs.existsSync(app.ws.keyringFile), 'no keys file beside a plain file').toBe(false);
    outcome = 'plain';
  } else {
    expect(status).toMatchObject({ state: 'locked', keys: 'present' });
    const first = operation === 'replaceRecoveryCode' ? OLD : NEW;
    const refused = await refusal(app.api('custody.unlock', { password: first }));
    if (refused) {
      expect(refused.code, refused.message).toBe('WRONG_PASSWORD');
      await app.api('custody.unlock', { password: OLD });
      outcome = 'old';
    } else outcome = first === NEW ? 'new' : 'old';
    if (operation === 'replaceRecoveryCode') {
      const shown = said(child, 'code');
      const keyring = readKeyring(app.ws);
      const oldWorks = openWithRecoveryCode(keyring, templateCode) !== null;
      const newWorks = shown !== null && openWithRecoveryCode(keyring, shown) !== null;
      expect(oldWorks !== newWorks, 'exactly one recovery code works').toBe(true);
      outcome = newWorks ? 'new' : 'old';
    }
    if (operation === 'recover' && outcome === 'new') {
      // The used code is retired with the reset, in the same step.
      expect(openWithRecoveryCode(readKeyring(app.ws), templateCode)).toBeNull();
    }
  }
  const db = app.ws.database();
  expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  expect(await app.api('audit.verify', {})).toMatchObject({ intact: true });
  const names = (await app.api('roster.search', {})).rows.map((r) => r.name).sort();
  expect(names).toEqual([...NAMES].sort());
  const leftovers = [
    ...fs.readdirSync(dataDir),
    ...fs.readdirSync(path.join(dataDir, 'backups')).map((n) => `backups/${n}`),
  ].filter((n) => /keys-journal|\.encrypting|\.tmp-|\.unused-/.test(n));
  expect(leftovers).toEqual([]);
  if (outcome !== 'plain') {
    expect(fs.readFileSync(path.join(dataDir, 'backups', path.basename(app.ws.keyringFile)), 'utf8')).toBe(
      fs.readFileSync(app.ws.keyringFile, 'utf8'),
    );
  }
  app.ws.close();
  return outcome;
}

/** The outcome each point must give: 设置密码 takes effect when the encrypted copy is in place; the others once their journal is written. */
function expected(operation: Operation, point: string): Outcome {
  const name = point.replace(/#\d+$/, '');
  if (operation === 'setPassword') return ['set-password:replaced', 'keys:committed'].includes(name) ? 'new' : 'plain';
  return 'new';
}

const OPERATIONS: Operation[] = ['setPassword', 'changePassword', 'recover', 'replaceRecoveryCode'];
const RANDOM_KILLS: Record<Operation, number> = {
  setPassword: 4,
  changePassword: 2,
  recover: 2,
  replaceRecoveryCode: 1,
};
const tally: string[] = [];

describe('a key change killed at any moment leaves a password (or none) that opens the data', () => {
  for (const operation of OPERATIONS) {
    it(`${operation}: killed at each of its fault points and at seeded random moments`, async () => {
      const random = seededRandom((SEED ^ OPERATIONS.indexOf(operation)) >>> 0);
      const cleanDir = freshCopy(operation);
      const clean = await run(operation, cleanDir, {});
      const cleanMs = clean.msAfterGo ?? 0;
      expect(clean.stdout, clean.stderr).toContain('done');
      expect(await openAfter(operation, cleanDir, clean)).toBe('new');
      const names = clean.points.map((p) => p.replace(/#\d+$/, ''));
      expect(names).toContain('keys:journal-written');
      expect(names).toContain('keys:committed');
      for (const point of clean.points) {
        const dir = freshCopy(operation);
        const child = await run(operation, dir, { killAt: point });
        expect(child.killed, `${operation} killed at ${point}`).toBe(true);
        expect(child.points.at(-1)).toBe(point);
        const outcome = await openAfter(operation, dir, child);
        expect(outcome, `${operation} killed at ${point}`).toBe(expected(operation, point));
        tally.push(`${operation} @${point} → ${outcome}`);
      }
      for (let i = 0; i < RANDOM_KILLS[operation]; i++) {
        const dir = freshCopy(operation);
        const delay = Math.round(random.next() * cleanMs);
        const child = await run(operation, dir, { killAfterMs: delay });
        const outcome = await openAfter(operation, dir, child);
        // Killed between two points: what the last point passed predicts, or the next one (the step
        // between them may have finished); never anything else.
        const last = child.points.at(-1);
        const next = clean.points[last ? clean.points.indexOf(last) + 1 : 0];
        const before: Outcome = operation === 'setPassword' ? 'plain' : 'old';
        const allowed = !child.killed
          ? ['new']
          : [last ? expected(operation, last) : before, next ? expected(operation, next) : 'new'];
        expect(allowed, `${operation} killed ${delay} ms in, after ${last ?? 'no point'}`).toContain(outcome);
        tally.push(
          `${operation} +${delay}ms (${child.killed ? `after ${last ?? 'no point'}` : 'finished'}) → ${outcome}`,
        );
      }
    }, 240_000);
  }

  it('ran at least 25 kills across the key changes', () => {
    console.log(`key-change fault trials (seed ${SEED}):\n${tally.join('\n')}`);
    expect(tally.length).toBeGreaterThanOrEqual(25);
  });
});
