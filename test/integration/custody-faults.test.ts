/*
 * Kill -9 in the middle of the operations that replace or copy the whole of the organ's data: USB
 * import, restore from a backup, taking a backup, USB export. Each trial copies a prepared office
 * (a plain one or one with a password), runs one operation in a child process (faults.ts) and kills
 * it: once at every named fault point the operation passes (src/core/fault-point.ts: staged, rekeyed,
 * backed up, recorded, sealed, side files removed, renamed; export written locally, copied to the
 * stick), and at seeded random moments within the time it takes; then opens the data as the app
 * does after a crash and checks what a clerk and an auditor would notice:
 *
 *   - it opens, with the office's password, and passes integrity_check;
 *   - the audit chain verifies;
 *   - the members and units are exactly those before the operation or exactly those after it;
 *   - every listed backup opens with the data key and passes its own integrity check;
 *   - nothing is left behind (staging copies, work folders, cut-off backups), and while the office
 *     has a password no plain copy of the data is anywhere in its folder;
 *   - a USB file under its final name is always whole (it verifies); a cut copy only ever has
 *     the .partial name.
 *
 * Then two processes on one file: a USB import and a roster import, started in random order and
 * moments. The writer lock lets one go first; the other waits and goes next, or is refused naming
 * the first by its process number. No write is lost: what the roster import reports written is in
 * the data, or (the USB import having replaced it afterwards) in the backup the import took first.
 *
 * Reproduce a run with FAULT_SEED=<seed printed below>; FAULT_TRIALS sets the number of random kills,
 * FAULT_ROUNDS the two-process rounds.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backupDir } from '../../src/core/custody/backups';
import { applyKey } from '../../src/core/custody/cipher';
import { verifyTransfer } from '../../src/core/custody/transfer';
import { directInvoke } from '../../src/core/dispatch';
import { createHandlers } from '../../src/core/handlers';
import { Workspace } from '../../src/core/workspace';
import { rosterMembers, rosterWorkbook } from '../support/big-roster';
import { removeBundles } from '../support/bundle';
import { runChild } from '../support/faults';
import { afterFault, type Content } from '../support/after-fault';
import { recordFigures } from '../support/figures';
import { citizenId, memberFields } from '../support/people';
import { seededRandom, seedFrom } from '../support/random';
import { SAMPLE_SETUP } from '../support/temp-workspace';
import { asFile } from '../support/workbooks';
import type { Input } from '../../src/shared/contract';
import type { AppErrorData } from '../../src/shared/errors';

const SEED = seedFrom('FAULT_SEED');
const TRIALS = Number(process.env.FAULT_TRIALS ?? 16);
const PASSWORD = '断电也不丢数据2026';
const PASSPHRASE = '带到别处的口令2026';

type Mode = 'plain' | 'encrypted';
type OpName = 'import' | 'restore' | 'backup' | 'export';

const roots: string[] = [];
afterAll(() => {
  for (const dir of roots) fs.rmSync(dir, { recursive: true, force: true });
  removeBundles();
});

function freshRoot(label: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `party-office-faults-${label}-`));
  roots.push(dir);
  return dir;
}

/**
 * An office as the trials find it: members S1, a backup of S1, an export of S1 on the "stick", then
 * more members and a unit (S2, the current data). Laid out as ROOT/data (the data folder),
 * ROOT/stick/s1.pobk and ROOT/out (the export target).
 */
interface Office {
  root: string;
  mode: Mode;
  backupId: string;
  s1: Content;
  s2: Content;
}

async function prepareOffice(mode: Mode): Promise<Office> {
  const root = freshRoot(`template-${mode}`);
  const dataDir = path.join(root, 'data');
  fs.mkdirSync(path.join(root, 'stick'));
  fs.mkdirSync(path.join(root, 'out'));
  const ws = new Workspace({ dataDir, via: 'test', actor: '测试员', today: () => '2026-11-22' });
  const api = directInvoke(createHandlers(ws));
  await api('organ.setup', { ...SAMPLE_SETUP, password: mode === 'encrypted' ? PASSWORD : null });
  const add = async (name: string, serial: number) =>
    api('roster.add', {
      fields: memberFields({ name, citizenId: citizenId('1980-05-06', 'male', serial), gender: 'male' }),
    });
  for (const [i, name] of ['王甲', '李乙', '张丙'].entries()) await add(name, i + 1);
  const backup = await api('backup.create', {});
  const exported = await api('backup.export', { passphrase: PASSPHRASE, target: path.join(root, 'stick') });
  fs.renameSync(exported.file, path.join(root, 'stick', 's1.pobk'));
  const content = (): Content => {
    const db = ws.database();
    return {
      members: db.prepare(`SELECT name FROM member ORDER BY name`).pluck().all() as string[],
      units: db.prepare(`SELECT name FROM org_unit ORDER BY name`).pluck().all() as string[],
    };
  };
  const s1 = content();
  for (const [i, name] of ['赵丁', '钱戊', '孙己'].entries()) await add(name, i + 11);
  await api('org.addUnit', {
    kind: 'branch',
    parentId: 1,
    name: '后来成立的党支部',
    foundedOn: null,
    termStartedOn: null,
    termYears: null,
    note: null,
  });
  const s2 = content();
  ws.database().pragma('wal_checkpoint(TRUNCATE)');
  ws.close();
  return { root, mode, backupId: backup.id, s1, s2 };
}

/** A copy of the prepared office for one trial. */
function copyOffice(office: Office, label: string): string {
  const root = freshRoot(label);
  fs.cpSync(office.root, root, { recursive: true });
  return root;
}

interface OpRun {
  outcome: 'killed' | 'done' | 'refused' | 'failed';
  error: AppErrorData | null;
  /** From "go" to the kill or the end, ms. */
  ms: number;
  /** The fault points passed (custody code's faultPoint), "name#n" in order. */
  points: string[];
  pid: number;
  stderr: string;
}

/**
 * Runs one call in a child (fault-child.ts) on `dataDir` through the shared harness (faults.ts):
 * killed at a named fault point, or `killAfterMs` after it says "go", or let finish.
 */
async function runOp(
  dataDir: string,
  channel: FaultChannel | 'roster.importCommit',
  input: Input<FaultChannel> | string,
  options: {
    password: string | null;
    killAfterMs?: number;
    killAt?: string;
    env?: Record<string, string>;
    onGo?: () => void;
  },
): Promise<OpRun> {
  const run = await runChild(
    'test/support/fault-child.ts',
    [dataDir, channel, typeof input === 'string' ? input : JSON.stringify(input)],
    {
      ...(options.killAfterMs !== undefined ? { killAfterMs: options.killAfterMs } : {}),
      ...(options.killAt ? { killAt: options.killAt } : {}),
      ...(options.onGo ? { onGo: options.onGo } : {}),
      env: { ...(options.password ? { FAULT_PASSWORD: options.password } : {}), ...options.env },
    },
  );
  const refused = /^refused (.*)$/m.exec(run.stdout);
  const outcome = /^done /m.test(run.stdout) ? 'done' : refused ? 'refused' : run.killed ? 'killed' : 'failed';
  return {
    outcome,
    error: refused ? (JSON.parse(refused[1]!) as AppErrorData) : null,
    ms: run.msAfterGo ?? 0,
    points: run.points,
    pid: run.pid,
    stderr: run.stderr,
  };
}

type FaultChannel = 'backup.import' | 'backup.restore' | 'backup.create' | 'backup.export';
const OPS: Record<
  OpName,
  { channel: FaultChannel; input: (root: string, office: Office) => Input<FaultChannel>; after: (o: Office) => Content }
> = {
  import: {
    channel: 'backup.import',
    input: (root) => ({
      source: path.join(root, 'stick', 's1.pobk'),
      passphrase: PASSPHRASE,
      acceptDifferentOrgan: false,
      acceptBrokenAuditLog: false,
    }),
    after: (o) => o.s1,
  },
  restore: { channel: 'backup.restore', input: (_root, o) => ({ id: o.backupId }), after: (o) => o.s1 },
  backup: { channel: 'backup.create', input: () => ({}), after: (o) => o.s2 },
  export: {
    channel: 'backup.export',
    input: (root) => ({ passphrase: PASSPHRASE, target: path.join(root, 'out') }),
    after: (o) => o.s2,
  },
};

interface Figures {
  seed: number;
  trials: number;
  killedMidway: number;
  /** Kills at each named fault point an operation passes (custody code's faultPoint). */
  pointKills: string[];
  finishedFirst: number;
  byOp: Record<string, { trials: number; killed: number; before: number; after: number; calibratedMs: number[] }>;
  partialExportsLeftOnStick: number;
  twoProcessRounds: number;
  twoProcessRefusals: number;
  twoProcessWaited: number;
  violations: string[];
  seconds: number;
}

const figures: Figures = {
  seed: SEED,
  trials: 0,
  killedMidway: 0,
  pointKills: [],
  finishedFirst: 0,
  byOp: {},
  partialExportsLeftOnStick: 0,
  twoProcessRounds: 0,
  twoProcessRefusals: 0,
  twoProcessWaited: 0,
  violations: [],
  seconds: 0,
};

afterAll(() => recordFigures('custody-faults', { ...figures }));

const offices = {} as Record<Mode, Office>;
beforeAll(async () => {
  console.log(`[custody-faults] seed ${SEED} (repeat with FAULT_SEED=${SEED})`);
  offices.plain = await prepareOffice('plain');
  offices.encrypted = await prepareOffice('encrypted');
}, 120_000);

/** Checks one trial's folder after the kill; returns the violations found (empty: all held). */
async function check(
  root: string,
  office: Office,
  op: OpName,
): Promise<{ violations: string[]; state: 'before' | 'after' | null }> {
  const violations: string[] = [];
  const password = office.mode === 'encrypted' ? PASSWORD : null;
  const report = await afterFault(path.join(root, 'data'), password);
  let state: 'before' | 'after' | null = null;
  try {
    if (report.state !== 'ready') violations.push(`does not open: ${report.state} ${report.message ?? ''}`);
    if (report.integrity !== null && report.integrity !== 'ok') violations.push(`integrity_check: ${report.integrity}`);
    if (report.audit && !report.audit.intact) violations.push(`audit chain broken at ${report.audit.brokenAt}`);
    const content = JSON.stringify(report.content);
    if (content === JSON.stringify(office.s2)) state = 'before';
    else if (content === JSON.stringify(OPS[op].after(office))) state = 'after';
    else if (report.content) violations.push(`data neither before nor after: ${content}`);
    if (report.backups.failing.length)
      violations.push(`backups that do not open: ${report.backups.failing.join(', ')}`);
    if (report.leftovers.length) violations.push(`left behind: ${report.leftovers.join(', ')}`);
    if (report.plainCopies.length) violations.push(`plain copies: ${report.plainCopies.join(', ')}`);
    if (op === 'export') {
      for (const name of fs.readdirSync(path.join(root, 'out'))) {
        if (name.endsWith('.partial')) {
          figures.partialExportsLeftOnStick += 1;
          continue;
        }
        try {
          const found = verifyTransfer(path.join(root, 'out', name), PASSPHRASE);
          if (found.members !== office.s2.members.length)
            violations.push(`export ${name} holds ${found.members} members`);
        } catch (error) {
          violations.push(`export ${name} under its final name does not verify: ${(error as Error).message}`);
        }
      }
    }
    // The backups the operation made are in the list only when whole (checked above); the data's own are all still there.
    if (report.state === 'ready' && !fs.existsSync(path.join(backupDir(report.ws), `${office.backupId}.db`))) {
      violations.push('the backup taken before the trial is gone');
    }
  } finally {
    report.close();
  }
  return { violations, state };
}

describe('kill -9 during import, restore, backup and USB export', () => {
  it(`a kill at every fault point and ${TRIALS} at random moments within the operation: the data opens, whole, exactly before or after, nothing left behind`, async () => {
    const started = performance.now();
    const random = seededRandom(SEED);
    const names = Object.keys(OPS) as OpName[];
    // How long each operation takes here and now, run to its end once per mode; the kills fall within it.
    const estimate = new Map<string, number>();
    const points = new Map<string, string[]>();
    for (const mode of ['plain', 'encrypted'] as const) {
      for (const op of names) {
        const office = offices[mode];
        const root = copyOffice(office, `calibrate-${op}-${mode}`);
        const run = await runOp(path.join(root, 'data'), OPS[op].channel, OPS[op].input(root, office), {
          password: mode === 'encrypted' ? PASSWORD : null,
        });
        expect(run.outcome, `${op} ${mode}: ${JSON.stringify(run.error)} ${run.stderr}`).toBe('done');
        const result = await check(root, office, op);
        expect(result.violations).toEqual([]);
        expect(result.state).toBe(op === 'import' || op === 'restore' ? 'after' : 'before');
        estimate.set(`${op} ${mode}`, run.ms);
        points.set(`${op} ${mode}`, run.points);
        figures.byOp[op] ??= { trials: 0, killed: 0, before: 0, after: 0, calibratedMs: [] };
        figures.byOp[op].calibratedMs.push(Math.round(run.ms));
        fs.rmSync(root, { recursive: true, force: true });
      }
    }
    // Every point the operation passes (between its steps: copied, rekeyed, backed up, recorded,
    // sealed, side files removed, renamed...), each in one of the two offices, chosen by the seed.
    for (const op of names) {
      const all = new Set([...points.get(`${op} plain`)!, ...points.get(`${op} encrypted`)!]);
      expect(all.size, `${op} passes no fault point`).toBeGreaterThan(0);
      for (const point of all) {
        const modes = (['plain', 'encrypted'] as const).filter((m) => points.get(`${op} ${m}`)!.includes(point));
        const mode = random.pick(modes);
        const office = offices[mode];
        const root = copyOffice(office, `point-${op}`);
        const run = await runOp(path.join(root, 'data'), OPS[op].channel, OPS[op].input(root, office), {
          password: mode === 'encrypted' ? PASSWORD : null,
          killAt: point,
        });
        const { violations, state } = await check(root, office, op);
        if (run.outcome !== 'killed') violations.push(`not killed at ${point}: ${run.outcome} ${run.stderr}`);
        for (const v of violations) figures.violations.push(`${op} (${mode}) killed at ${point}: ${v}`);
        figures.pointKills.push(`${op} ${point} ${mode}: ${state}`);
        fs.rmSync(root, { recursive: true, force: true });
      }
    }
    // Kills fall anywhere within the time the operation takes; a run that finishes first (the
    // machine was faster this time) still counts as a trial, and narrows the estimate.
    for (let trial = 0; figures.killedMidway < TRIALS && trial < TRIALS * 2; trial++) {
      const op = names[trial % names.length]!;
      const mode: Mode = random.chance(0.5) ? 'encrypted' : 'plain';
      const office = offices[mode];
      const key = `${op} ${mode}`;
      const killAfterMs = random.int(0, Math.ceil(estimate.get(key)!));
      const root = copyOffice(office, `trial-${trial}`);
      const run = await runOp(path.join(root, 'data'), OPS[op].channel, OPS[op].input(root, office), {
        password: mode === 'encrypted' ? PASSWORD : null,
        killAfterMs,
      });
      const { violations, state } = await check(root, office, op);
      const stats = figures.byOp[op]!;
      stats.trials += 1;
      if (run.outcome === 'killed') {
        stats.killed += 1;
        figures.killedMidway += 1;
      } else {
        figures.finishedFirst += 1;
        if (run.outcome === 'done') estimate.set(key, Math.min(estimate.get(key)!, run.ms));
        else violations.push(`${run.outcome}: ${JSON.stringify(run.error)} ${run.stderr}`);
      }
      if (state) stats[state] += 1;
      if (run.outcome === 'done' && (op === 'import' || op === 'restore') && state !== 'after') {
        violations.push('reported done, but the data is not what it brought in');
      }
      for (const v of violations) {
        figures.violations.push(`trial ${trial} (${op}, ${mode}, kill at ${killAfterMs} ms, ${run.outcome}): ${v}`);
      }
      figures.trials += 1;
      fs.rmSync(root, { recursive: true, force: true });
    }
    figures.seconds = Math.round((performance.now() - started) / 1000);
    console.log(`[custody-faults] ${JSON.stringify(figures)}`);
    expect(figures.violations).toEqual([]);
    expect(figures.killedMidway).toBe(TRIALS);
  }, 900_000);
});

/** Members and units of a database file, read-only (a backup, say). */
function contentOfFile(file: string, key: Buffer | null): Content {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    if (key) applyKey(db, key);
    return {
      members: db.prepare(`SELECT name FROM member ORDER BY name`).pluck().all() as string[],
      units: db.prepare(`SELECT name FROM org_unit ORDER BY name`).pluck().all() as string[],
    };
  } finally {
    db.close();
  }
}

describe('two processes on one file', () => {
  it('a USB import and a roster import at once: one goes first, the other waits or is refused naming it, and no write is lost', async () => {
    const random = seededRandom(SEED ^ 0x5a5a5a5a);
    const office = offices.plain;
    const work = freshRoot('workbook');
    const incoming = rosterMembers(1500, SAMPLE_SETUP.branches);
    const rosterInput = path.join(work, 'roster-input.json');
    fs.writeFileSync(
      rosterInput,
      JSON.stringify({ file: asFile('花名册.xlsx', await rosterWorkbook(incoming)), skipRows: [] }),
    );
    const ROUNDS = Number(process.env.FAULT_ROUNDS ?? 6);
    for (let round = 0; round < ROUNDS; round++) {
      const root = copyOffice(office, `two-${round}`);
      const dataDir = path.join(root, 'data');
      // The first two rounds are certain to have a loser: the first process holds the file open
      // (and the lock with it) until the second has been refused, then does its work.
      const held = round < 2;
      const rosterFirst = held ? round === 0 : random.chance(0.5);
      const gap = held ? 0 : random.int(0, 1200);
      // The CLI waits 2 s for a holder that is finishing; half the other rounds do not wait at all.
      const waitMs = held || random.chance(0.5) ? 0 : 2000;
      const release = path.join(root, 'release');
      const start = (which: 'roster' | 'usb', extra: { hold?: boolean; onGo?: () => void } = {}) => {
        const options = {
          password: null,
          env: {
            FAULT_VIA: 'cli',
            FAULT_LOCK_WAIT_MS: String(waitMs),
            ...(extra.hold ? { FAULT_HOLD_UNTIL: release } : {}),
          },
          ...(extra.onGo ? { onGo: extra.onGo } : {}),
        };
        return which === 'roster'
          ? runOp(dataDir, 'roster.importCommit', `@${rosterInput}`, options)
          : runOp(dataDir, 'backup.import', OPS.import.input(root, office), options);
      };
      const order = rosterFirst ? (['roster', 'usb'] as const) : (['usb', 'roster'] as const);
      let a: Awaited<ReturnType<typeof runOp>>;
      let b: Awaited<ReturnType<typeof runOp>>;
      if (held) {
        let go = () => {};
        const ready = new Promise<void>((resolve) => (go = resolve));
        const holder = start(order[0], { hold: true, onGo: () => go() });
        void holder.then(() => go()); // a holder that ends before "go" must not leave the test waiting
        await ready;
        b = await start(order[1]);
        fs.writeFileSync(release, '');
        a = await holder;
      } else {
        const first = start(order[0]);
        await new Promise((resolve) => setTimeout(resolve, gap));
        [a, b] = await Promise.all([first, start(order[1])]);
      }
      const runs = { roster: rosterFirst ? a : b, usb: rosterFirst ? b : a };
      if (held)
        expect(runs[order[1]].outcome, `round ${round}: the second while the first holds the file`).toBe('refused');
      const where = `round ${round} (${rosterFirst ? 'roster' : 'usb'} first, ${gap} ms apart, wait ${waitMs} ms)`;
      for (const [name, other] of [
        ['roster', 'usb'],
        ['usb', 'roster'],
      ] as const) {
        const run = runs[name];
        expect(['done', 'refused'], `${where}: ${name} ${run.stderr}`).toContain(run.outcome);
        if (run.outcome !== 'refused') continue;
        // The loser is told who has the file, by door and process number, and that nothing changed.
        expect(run.error?.message, `${where}: ${name}`).toMatch(
          new RegExp(`^数据文件正由命令行（进程 ${runs[other].pid}）使用.*数据没有改动。$`),
        );
        figures.twoProcessRefusals += 1;
      }
      expect(runs.roster.outcome === 'done' || runs.usb.outcome === 'done', `${where}: both refused`).toBe(true);
      if (runs.roster.outcome === 'done' && runs.usb.outcome === 'done') figures.twoProcessWaited += 1;

      const report = await afterFault(dataDir, null);
      try {
        expect(report.state).toBe('ready');
        expect(report.integrity).toBe('ok');
        expect(report.audit?.intact).toBe(true);
        expect(report.leftovers).toEqual([]);
        const members = new Set(report.content!.members);
        const added = incoming.filter((m) => members.has(m.name)).length;
        const safety = fs
          .readdirSync(path.join(dataDir, 'backups'))
          .find((f) => f.includes('beforeImport') && f.endsWith('.db'));
        const safetyMembers = new Set(safety ? contentOfFile(path.join(dataDir, 'backups', safety), null).members : []);
        const inSafety = incoming.filter((m) => safetyMembers.has(m.name)).length;
        // All of the workbook or none of it, in every file.
        expect([0, incoming.length], where).toContain(added);
        expect([0, incoming.length], where).toContain(inSafety);
        if (runs.roster.outcome === 'done') {
          // Written: in the data, or in the backup the USB import took before replacing it.
          expect(
            added === incoming.length || (runs.usb.outcome === 'done' && inSafety === incoming.length),
            where,
          ).toBe(true);
        } else {
          expect(added + inSafety, where).toBe(0);
        }
        const others = report.content!.members.filter((n) => !incoming.some((m) => m.name === n));
        // The USB import brought S1 (with the roster on top if that came after); refused, S2 stays.
        expect(others, where).toEqual(runs.usb.outcome === 'done' ? office.s1.members : office.s2.members);
      } finally {
        report.close();
      }
      figures.twoProcessRounds += 1;
    }
    expect(figures.twoProcessRefusals + figures.twoProcessWaited).toBe(figures.twoProcessRounds);
  }, 600_000);
});
