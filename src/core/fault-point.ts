import fs from 'node:fs';

/*
 * Named points inside the custody operations that change several files (a password set, changed or
 * reset; an import, a restore, a backup, a USB export), where the fault-injection suites (test/support/faults.ts) have the
 * process killed with SIGKILL — as a power cut or the task manager would — to prove that whatever a
 * crash leaves at that point is finished or rolled back at the next open.
 *
 * Inert unless the environment asks: PARTY_OFFICE_FAULT_AT=<point> (or <point>#<n>, the n-th time
 * the point is passed) kills the process there; PARTY_OFFICE_FAULT_TRACE=1 writes each point passed
 * to stderr, so a test can list a run's points before choosing where to kill. Nothing else reads
 * these variables and the app never sets them. PARTY_OFFICE_FAULT_ONCE (below) makes the kill happen once.
 */

const passed = new Map<string, number>();
// Read once: the tests set them when they start the process, and a roster import passes a point
// per row, where a lookup of the environment each time would be work for nothing.
const target = process.env.PARTY_OFFICE_FAULT_AT;
const trace = process.env.PARTY_OFFICE_FAULT_TRACE === '1';
const once = process.env.PARTY_OFFICE_FAULT_ONCE;

export function faultPoint(name: string): void {
  if (!target && !trace) return;
  const n = (passed.get(name) ?? 0) + 1;
  passed.set(name, n);
  if (trace) fs.writeSync(2, `fault-point ${name}#${n}\n`);
  if (target !== name && target !== `${name}#${n}`) return;
  // PARTY_OFFICE_FAULT_ONCE=<file>: kill only the first process to get here (the file marks it),
  // so a core restarted with the same environment goes on past the point.
  if (once) {
    try {
      fs.writeFileSync(once, String(process.pid), { flag: 'wx' });
    } catch {
      return;
    }
  }
  process.kill(process.pid, 'SIGKILL');
}
