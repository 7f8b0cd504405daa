/**
 * CPU time of this process and every process it started (Chromium's browser, GPU and renderers,
 * LibreOffice), from /proc: the bare cost of a step, which a loaded machine does not inflate the
 * way it inflates wall time. Children that have ended count through their parent's cutime/cstime.
 * Linux only; elsewhere null.
 */
import fs from 'node:fs';

function ticksOf(pid: number): { own: number; children: number[] } | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces) in parentheses.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const own = Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]);
    const children = fs
      .readdirSync(`/proc/${pid}/task`)
      .flatMap((task) => {
        try {
          return fs.readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').trim().split(/\s+/).filter(Boolean);
        } catch {
          return [];
        }
      })
      .map(Number);
    return { own, children };
  } catch {
    return null;
  }
}

/** Milliseconds of CPU used so far by this process tree (user + system, ended children included). */
export function treeCpuMs(root = process.pid): number | null {
  if (process.platform !== 'linux') return null;
  const tickMs = 10; // USER_HZ is 100 on every Linux this runs on
  let total = 0;
  const pending = [root];
  const seen = new Set<number>();
  while (pending.length) {
    const pid = pending.pop()!;
    if (seen.has(pid)) continue;
    seen.add(pid);
    const t = ticksOf(pid);
    if (!t) continue;
    total += t.own;
    pending.push(...t.children);
  }
  return total * tickMs;
}
