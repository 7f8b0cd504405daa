/*
 * Power cut / killed process: a child process (test/support/crash-writer.ts) writes members,
 * imports, edits, transfers and party groups into a real data file through the app's own
 * handlers, and is killed with SIGKILL at random moments — during start-up and the recovery of
 * the previous crash, between changes and in the middle of them. After every kill the file is
 * opened read-only and checked: every change the child reported as committed is there, nothing
 * is there in part (a member without its opening events or its audit rows, an import batch with
 * some of its rows), and SQLite's integrity check passes. The next child then opens the file
 * the way the app does after a crash. Once for a plain file, once for an encrypted one.
 *
 * Reproduce a run with CRASH_SEED=<seed printed below>; CRASH_KILLS sets the kills per file.
 *
 * The child is started as `node crash-writer.mjs`: the writer compiled once, in beforeAll, by
 * esbuild (the compiler tsx runs on) into one module, the packages in node_modules loaded as
 * they are. It is the same code, but starts in about 0.4 s where `node --import tsx` takes
 * about 1 s (tsx's loader hooks see every module), and a hundred starts must fit in a minute.
 * CRASH_TSX=1 starts it with `--import tsx` on the .ts file instead.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { buildSync } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyKey } from '../../src/core/custody/cipher';
import { openWithPassword } from '../../src/core/custody/keyring';
import { readKeyring } from '../../src/core/custody/password';
import { directInvoke } from '../../src/core/dispatch';
import { createHandlers } from '../../src/core/handlers';
import { Workspace } from '../../src/core/workspace';
import { recordFigures } from '../support/figures';
import { citizenId, memberFields } from '../support/people';
import { seededRandom, seedFrom } from '../support/random';
import { SAMPLE_SETUP } from '../support/temp-workspace';

const SEED = seedFrom('CRASH_SEED');
const KILLS = Number(process.env.CRASH_KILLS ?? 50);
const PASSWORD = '断电也不丢数据2026';
const WRITER = path.resolve('test/support/crash-writer.ts');
const USE_TSX = process.env.CRASH_TSX === '1';
const BUNDLE = path.resolve('node_modules/.cache/party-office-tests', `crash-writer-${process.pid}.mjs`);
/** Compiled code is cached between the children, so that each starts in well under a second. */
const COMPILE_CACHE = path.join(os.tmpdir(), 'party-office-crash-compile-cache');

type Mode = 'plain' | 'encrypted';

interface Op {
  id: string;
  kind: 'add' | 'import' | 'update' | 'transferOut' | 'unit';
  data: { cid?: string; memberId?: number; tag?: string; size?: number; seq?: number; name?: string };
}

type Moment = 'start' | 'opening' | 'working';

interface Campaign {
  mode: Mode;
  kills: number;
  /** Killed while loading the code, while opening the file (unlock, WAL recovery, checks), or while changing data. */
  killsWhileStarting: number;
  killsWhileOpening: number;
  killsWhileWorking: number;
  killsBeforeReady: number;
  killsWithChangeInFlight: number;
  inFlightApplied: number;
  inFlightNotApplied: number;
  inFlightByKind: Record<string, number>;
  /** Kills that left frames of an unfinished commit in the WAL: the cut came while SQLite was writing. */
  killsWithUncommittedWalFrames: number;
  walBytesAtKillMax: number;
  reportedChanges: number;
  reportedByKind: Record<string, number>;
  checks: number;
  membersAtEnd: number;
  auditRowsAtEnd: number;
  violations: string[];
  childErrors: string[];
  seconds: number;
}

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
  fs.rmSync(BUNDLE, { force: true });
});

/** Sets up an organ (with a password in the encrypted run) and returns its folder and data key. */
async function prepare(mode: Mode): Promise<{ dataDir: string; dataFile: string; key: Buffer | null }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `party-office-crash-${mode}-`));
  dirs.push(dataDir);
  const ws = new Workspace({ dataDir, via: 'test', actor: '测试员', today: () => '2026-11-22' });
  const api = directInvoke(createHandlers(ws));
  await api('organ.setup', { ...SAMPLE_SETUP, password: mode === 'encrypted' ? PASSWORD : null });
  ws.close();
  const key = mode === 'encrypted' ? openWithPassword(readKeyring(ws), PASSWORD) : null;
  if (mode === 'encrypted' && !key) throw new Error('keyring does not open with the password');
  return { dataDir, dataFile: ws.dataFile, key };
}

/**
 * When to kill: a delay after the child starts, after it has opened the file, or (working) after
 * it has reported `afterChanges` committed changes. Counting changes rather than milliseconds
 * keeps a loaded machine, where a change takes ten times as long, from killing before any is made.
 */
interface Plan {
  moment: Moment;
  delayMs: number;
  afterChanges?: number;
}

/** Runs one child and kills it; returns its complete stdout lines and how far it got. */
function runAndKill(dataDir: string, cycle: number, plan: Plan, password: string | null) {
  return new Promise<{ lines: string[]; loadedMs: number; readyMs: number; killedAt: Moment | 'none'; stderr: string }>(
    (resolve) => {
      const args = USE_TSX ? ['--import', 'tsx', WRITER] : [BUNDLE];
      const child = spawn(process.execPath, [...args, dataDir, String(cycle), String(SEED)], {
        env: { ...process.env, NODE_COMPILE_CACHE: COMPILE_CACHE, ...(password ? { CRASH_PASSWORD: password } : {}) },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const spawnedAt = performance.now();
      let out = '';
      let stderr = '';
      let loadedMs = -1;
      let readyMs = -1;
      let killedAt: Moment | 'none' = 'none';
      let killScheduled = false;
      const kill = () => {
        if (killedAt !== 'none') return;
        killedAt = readyMs >= 0 ? 'working' : loadedMs >= 0 ? 'opening' : 'start';
        child.kill('SIGKILL');
      };
      child.stdout.setEncoding('utf8');
      child.stdout.on('data', (chunk: string) => {
        out += chunk;
        if (loadedMs < 0 && out.includes('loaded\n')) {
          loadedMs = performance.now() - spawnedAt;
          if (plan.moment === 'opening') setTimeout(kill, plan.delayMs);
        }
        if (readyMs < 0 && out.includes('ready ')) readyMs = performance.now() - spawnedAt;
        if (readyMs >= 0 && plan.moment === 'working' && !killScheduled) {
          const changes = out.split('\n').filter((line, i, all) => i < all.length - 1 && line.startsWith('C ')).length;
          if (changes >= (plan.afterChanges ?? 0)) {
            killScheduled = true;
            setTimeout(kill, plan.delayMs);
          }
        }
      });
      child.stderr.setEncoding('utf8');
      child.stderr.on('data', (chunk: string) => (stderr += chunk));
      if (plan.moment === 'start') setTimeout(kill, plan.delayMs);
      // A child that never gets going (it failed to start) is stopped after 20 s.
      const stuck = setTimeout(kill, 20_000);
      child.on('close', () => {
        clearTimeout(stuck);
        const lines = out.split('\n');
        lines.pop(); // an unfinished last line was cut by the kill
        resolve({ lines, loadedMs, readyMs, killedAt, stderr });
      });
    },
  );
}

/** Frames of the current WAL generation after its last commit frame: a transaction cut mid-write. */
function uncommittedWalFrames(walFile: string): number | null {
  let wal: Buffer;
  try {
    wal = fs.readFileSync(walFile);
  } catch {
    return 0;
  }
  if (wal.length < 32) return 0;
  const magic = wal.readUInt32BE(0);
  if (magic !== 0x377f0682 && magic !== 0x377f0683) return null; // not readable (encrypted header)
  const pageSize = wal.readUInt32BE(8);
  const salt1 = wal.readUInt32BE(16);
  const salt2 = wal.readUInt32BE(20);
  let frames = 0;
  let lastCommit = 0;
  for (let at = 32; at + 24 + pageSize <= wal.length; at += 24 + pageSize) {
    if (wal.readUInt32BE(at + 8) !== salt1 || wal.readUInt32BE(at + 12) !== salt2) break;
    frames += 1;
    if (wal.readUInt32BE(at + 4) !== 0) lastCommit = frames;
  }
  return frames - lastCommit;
}

interface FileState {
  integrity: string;
  foreignKeyProblems: number;
  members: Map<string, { id: number; note: string | null; status: string; full: string | null }>;
  membersById: Map<number, { cid: string; note: string | null; status: string; full: string | null }>;
  events: Map<number, Record<string, number>>;
  joined: number;
  units: Set<string>;
  tableCounts: Record<string, number>;
  audit: Record<string, { insert: number; update: number; delete: number }>;
  auditedMemberIds: Set<number>;
  auditedEventIds: Set<number>;
  eventIds: number[];
  auditRows: number;
  /** Members per import batch (the batch tag is in the note). */
  batches: Map<string, number>;
}

/** Reads the file read-only, as it is on disk after the kill (the WAL included). */
function readState(dataFile: string, key: Buffer | null): FileState {
  const db = new Database(dataFile, { readonly: true, fileMustExist: true });
  try {
    if (key) applyKey(db, key);
    db.function('audit_actor', () => 'check');
    db.function('audit_via', () => 'test');
    db.function('audit_reason', () => null);
    const integrity = String(db.pragma('integrity_check', { simple: true }));
    const foreignKeyProblems = (db.pragma('foreign_key_check') as unknown[]).length;
    const members = new Map<string, { id: number; note: string | null; status: string; full: string | null }>();
    const membersById = new Map<number, { cid: string; note: string | null; status: string; full: string | null }>();
    for (const m of db.prepare(`SELECT id, citizen_id, note, status, full_membership_on FROM member`).all() as {
      id: number;
      citizen_id: string;
      note: string | null;
      status: string;
      full_membership_on: string | null;
    }[]) {
      members.set(m.citizen_id, { id: m.id, note: m.note, status: m.status, full: m.full_membership_on });
      membersById.set(m.id, { cid: m.citizen_id, note: m.note, status: m.status, full: m.full_membership_on });
    }
    const events = new Map<number, Record<string, number>>();
    let joined = 0;
    for (const e of db
      .prepare(`SELECT member_id, kind, count(*) AS n FROM member_event GROUP BY member_id, kind`)
      .all() as { member_id: number; kind: string; n: number }[]) {
      const byKind = events.get(e.member_id) ?? {};
      byKind[e.kind] = e.n;
      events.set(e.member_id, byKind);
      if (e.kind === 'joined') joined += e.n;
    }
    const units = new Set((db.prepare(`SELECT name FROM org_unit`).all() as { name: string }[]).map((u) => u.name));
    const tables = (
      db
        .prepare(
          `SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'audit_log'`,
        )
        .all() as { name: string }[]
    ).map((t) => t.name);
    const tableCounts = Object.fromEntries(
      tables.map((t) => [t, (db.prepare(`SELECT count(*) AS n FROM "${t}"`).get() as { n: number }).n]),
    );
    const audit: FileState['audit'] = {};
    for (const a of db.prepare(`SELECT entity, action, count(*) AS n FROM audit_log GROUP BY entity, action`).all() as {
      entity: string;
      action: 'insert' | 'update' | 'delete';
      n: number;
    }[]) {
      audit[a.entity] ??= { insert: 0, update: 0, delete: 0 };
      audit[a.entity]![a.action] = a.n;
    }
    const auditedMemberIds = new Set(
      (
        db.prepare(`SELECT entity_id FROM audit_log WHERE entity = 'member' AND action = 'insert'`).all() as {
          entity_id: number;
        }[]
      ).map((r) => r.entity_id),
    );
    const auditedEventIds = new Set(
      (
        db.prepare(`SELECT entity_id FROM audit_log WHERE entity = 'member_event' AND action = 'insert'`).all() as {
          entity_id: number;
        }[]
      ).map((r) => r.entity_id),
    );
    const eventIds = (db.prepare(`SELECT id FROM member_event`).all() as { id: number }[]).map((r) => r.id);
    const auditRows = (db.prepare(`SELECT count(*) AS n FROM audit_log`).get() as { n: number }).n;
    const batches = new Map<string, number>();
    for (const m of members.values())
      if (m.note?.startsWith('批次')) batches.set(m.note, (batches.get(m.note) ?? 0) + 1);
    return {
      integrity,
      foreignKeyProblems,
      members,
      membersById,
      events,
      joined,
      units,
      tableCounts,
      audit,
      auditedMemberIds,
      auditedEventIds,
      eventIds,
      auditRows,
      batches,
    };
  } finally {
    db.close();
  }
}

const noteSeq = (note: string | null) => Number(/^更新#(\d+)$/.exec(note ?? '')?.[1] ?? -1);

/** Was this change made (wholly)? */
function applied(op: Op, s: FileState): boolean {
  switch (op.kind) {
    case 'add':
      return s.members.has(op.data.cid!);
    case 'import':
      return s.batches.has(op.data.tag!);
    case 'update':
      return noteSeq(s.membersById.get(op.data.memberId!)?.note ?? null) >= op.data.seq!;
    case 'transferOut':
      return s.membersById.get(op.data.memberId!)?.status === 'transferredOut';
    case 'unit':
      return s.units.has(op.data.name!);
  }
}

/** Every check after a kill; returns the problems found and how many checks were made. */
function verify(s: FileState, committed: Op[]): { problems: string[]; checks: number } {
  const problems: string[] = [];
  let checks = 0;
  const check = (ok: boolean, problem: () => string) => {
    checks += 1;
    if (!ok) problems.push(problem());
  };
  check(s.integrity === 'ok', () => `integrity_check: ${s.integrity}`);
  check(s.foreignKeyProblems === 0, () => `${s.foreignKeyProblems} foreign key problems`);

  // Everything reported as committed is there.
  for (const op of committed) {
    if (op.kind === 'add')
      check(
        s.members.get(op.data.cid!)?.id === op.data.memberId,
        () => `committed member ${op.data.cid} (#${op.data.memberId}) missing`,
      );
    else if (op.kind === 'import') {
      const n = s.batches.get(op.data.tag!) ?? 0;
      check(n === op.data.size, () => `committed import ${op.data.tag}: ${n} of ${op.data.size} rows present`);
    } else check(applied(op, s), () => `committed ${op.kind} ${JSON.stringify(op.data)} missing`);
  }

  // Nothing is there in part: an import batch is all its rows or none.
  for (const [tag, n] of s.batches) {
    const size = Number(/共(\d+)人$/.exec(tag)?.[1]);
    check(n === size, () => `import ${tag} partly written: ${n} of ${size} rows`);
  }
  // Every member has its opening events, once, and its transfer mirrored by an event.
  check(s.joined === s.members.size, () => `${s.members.size} members but ${s.joined} 'joined' events`);
  for (const [id, m] of s.membersById) {
    const ev = s.events.get(id) ?? {};
    check(ev.joined === 1, () => `member #${id} has ${ev.joined ?? 0} 'joined' events`);
    check(
      (ev.fullMembership ?? 0) === (m.full ? 1 : 0),
      () => `member #${id}: full membership ${m.full} but ${ev.fullMembership ?? 0} events`,
    );
    check(
      (ev.transferOut ?? 0) === (m.status === 'transferredOut' ? 1 : 0),
      () => `member #${id}: status ${m.status} but ${ev.transferOut ?? 0} transferOut events`,
    );
    check(s.auditedMemberIds.has(id), () => `member #${id} has no audit row`);
  }
  for (const id of s.eventIds) check(s.auditedEventIds.has(id), () => `member_event #${id} has no audit row`);
  // The audit log agrees with every table: rows = inserts − deletes.
  for (const [table, rows] of Object.entries(s.tableCounts)) {
    const a = s.audit[table] ?? { insert: 0, update: 0, delete: 0 };
    check(rows === a.insert - a.delete, () => `${table}: ${rows} rows, audit says ${a.insert} − ${a.delete}`);
  }
  return { problems, checks };
}

async function campaign(mode: Mode): Promise<Campaign> {
  const started = performance.now();
  const { dataDir, dataFile, key } = await prepare(mode);
  const random = seededRandom((SEED ^ (mode === 'plain' ? 0x1111 : 0x2222)) >>> 0);
  const result: Campaign = {
    mode,
    kills: 0,
    killsWhileStarting: 0,
    killsWhileOpening: 0,
    killsWhileWorking: 0,
    killsBeforeReady: 0,
    killsWithChangeInFlight: 0,
    inFlightApplied: 0,
    inFlightNotApplied: 0,
    inFlightByKind: {},
    killsWithUncommittedWalFrames: 0,
    walBytesAtKillMax: 0,
    reportedChanges: 0,
    reportedByKind: {},
    checks: 0,
    membersAtEnd: 0,
    auditRowsAtEnd: 0,
    violations: [],
    childErrors: [],
    seconds: 0,
  };
  const committed: Op[] = [];
  // How long the last child took to load and to open: the early kills aim inside those spans.
  let loadMs = 400;
  let openMs = 100;
  for (let cycle = 1; cycle <= KILLS; cycle++) {
    // One kill in six lands while the code loads or the file opens (unlock, recovery of the last
    // crash, checks); the others while data is being changed.
    const plan: Plan =
      cycle % 12 === 3
        ? { moment: 'start', delayMs: random.int(0, Math.round(loadMs + openMs)) }
        : cycle % 12 === 9
          ? { moment: 'opening', delayMs: random.int(0, Math.round(openMs)) }
          : { moment: 'working', afterChanges: random.int(0, 3), delayMs: random.int(0, 300) };
    const t0 = performance.now();
    const run = await runAndKill(dataDir, cycle, plan, mode === 'encrypted' ? PASSWORD : null);
    const t1 = performance.now();
    if (run.killedAt === 'none') {
      result.childErrors.push(
        `cycle ${cycle}: child ended by itself: ${run.lines.filter((l) => l.startsWith('E ')).join(' ')} ${run.stderr.slice(0, 500)}`,
      );
      break;
    }
    if (run.loadedMs >= 0) loadMs = run.loadedMs;
    if (run.readyMs >= 0) openMs = run.readyMs - run.loadedMs;
    result.kills += 1;
    if (run.killedAt === 'start') result.killsWhileStarting += 1;
    if (run.killedAt === 'opening') result.killsWhileOpening += 1;
    if (run.killedAt === 'working') result.killsWhileWorking += 1;
    if (run.killedAt !== 'working') result.killsBeforeReady += 1;
    const walFile = `${dataFile}-wal`;
    result.walBytesAtKillMax = Math.max(
      result.walBytesAtKillMax,
      fs.existsSync(walFile) ? fs.statSync(walFile).size : 0,
    );
    const torn = uncommittedWalFrames(walFile);
    if (torn) result.killsWithUncommittedWalFrames += 1;

    const begun = new Map<string, Op>();
    for (const line of run.lines) {
      const match = /^([BC]) (\S+) (\S+) (.*)$/.exec(line);
      if (!match) continue;
      const op: Op = { id: match[2]!, kind: match[3] as Op['kind'], data: JSON.parse(match[4]!) as Op['data'] };
      if (match[1] === 'B') begun.set(op.id, op);
      else {
        begun.delete(op.id);
        committed.push(op);
        result.reportedChanges += 1;
        result.reportedByKind[op.kind] = (result.reportedByKind[op.kind] ?? 0) + 1;
      }
    }
    const state = readState(dataFile, key);
    const { problems, checks } = verify(state, committed);
    result.checks += checks;
    for (const op of begun.values()) {
      result.killsWithChangeInFlight += 1;
      result.inFlightByKind[op.kind] = (result.inFlightByKind[op.kind] ?? 0) + 1;
      if (applied(op, state)) result.inFlightApplied += 1;
      else result.inFlightNotApplied += 1;
    }
    if (process.env.CRASH_DEBUG)
      console.log(
        mode,
        cycle,
        plan,
        run.killedAt,
        Math.round(run.loadedMs),
        Math.round(run.readyMs),
        Math.round(t1 - t0),
        Math.round(performance.now() - t1),
      );
    if (problems.length) {
      result.violations.push(
        `cycle ${cycle} (killed while ${run.killedAt}, ${plan.delayMs} ms into it): ${problems.slice(0, 5).join('; ')}`,
      );
      break;
    }
  }

  // Finally the app opens the file as after any crash and goes on working.
  const ws = new Workspace({ dataDir, via: 'test', actor: '测试员', today: () => '2026-11-22' });
  try {
    const api = directInvoke(createHandlers(ws));
    if (key) await api('custody.unlock', { password: PASSWORD });
    const status = await api('app.status', {});
    if (status.state !== 'ready') result.violations.push(`app state after the last crash: ${status.state}`);
    const added = await api('roster.add', {
      fields: memberFields({ name: '最后一人', citizenId: citizenId('1970-01-01', 'male', 499, '110102') }),
    });
    if (!added.id) result.violations.push('could not add a member after the last crash');
    ws.close();
    const end = readState(dataFile, key);
    const { problems } = verify(end, committed);
    result.violations.push(...problems.map((p) => `after reopening: ${p}`));
    result.membersAtEnd = end.members.size;
    result.auditRowsAtEnd = end.auditRows;
  } finally {
    ws.close();
  }
  result.seconds = Math.round((performance.now() - started) / 100) / 10;
  return result;
}

describe('a killed process never loses or half-writes a committed change', () => {
  const runs: Partial<Record<Mode, Promise<Campaign>>> = {};
  beforeAll(() => {
    console.log(`[crash-safety] seed ${SEED} (repeat with CRASH_SEED=${SEED}), ${KILLS} kills per file`);
    fs.mkdirSync(COMPILE_CACHE, { recursive: true });
    if (!USE_TSX) {
      buildSync({
        entryPoints: [WRITER],
        bundle: true,
        platform: 'node',
        format: 'esm',
        target: 'node22',
        packages: 'external',
        outfile: BUNDLE,
        logLevel: 'error',
      });
    }
    // Both files are worked on at once: the children mostly wait on the disk and the kill timer.
    runs.plain = campaign('plain');
    runs.encrypted = campaign('encrypted');
    // Failures are reported by the tests below; keep an early one from being unhandled.
    runs.plain.catch(() => undefined);
    runs.encrypted.catch(() => undefined);
  });

  for (const mode of ['plain', 'encrypted'] as const) {
    it(`${mode} file: ${KILLS} SIGKILLs at random moments, every reported change present and whole, integrity ok`, async () => {
      const result = await runs[mode]!;
      recordFigures(`crashSafety.${mode}`, {
        seed: SEED,
        ...result,
        violations: result.violations.length,
        childErrors: result.childErrors.length,
      });
      expect(result.childErrors).toEqual([]);
      expect(result.violations).toEqual([]);
      expect(result.kills).toBe(KILLS);
      // The kills really came in the middle of things: before the app was ready, and while a change was under way.
      expect(result.killsBeforeReady).toBeGreaterThan(0);
      expect(result.killsWithChangeInFlight).toBeGreaterThan(KILLS / 2);
      expect(result.reportedChanges).toBeGreaterThan(KILLS);
    }, 180_000);
  }
});
