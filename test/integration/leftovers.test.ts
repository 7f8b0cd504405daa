/*
 * What killed operations leave behind is cleared at the next start (custody/leftovers.ts): staging
 * copies, export and import folders, half-created data files, the *.prepare-PID copies of older
 * versions, atomic-write temporaries, backups cut off before their JSON, `backup verify` folders.
 * Only those whose process is gone, only by the process that holds the writer lock, and plain
 * copies overwritten before they are unlinked. Everything else, and the data, exactly as before.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { backupDir } from '../../src/core/custody/backups';
import { Workspace } from '../../src/core/workspace';
import { memberFields } from '../support/people';
import { SAMPLE_SETUP, tempWorkspace } from '../support/temp-workspace';
import { fingerprint } from '../support/transfer-files';

const ID = '110101198001011232';

/** A PID that was running a moment ago and is not now. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', '']);
  return child.pid!;
}

const outside: string[] = [];
afterEach(() => {
  for (const dir of outside.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** Every file under `dir`, relative, sorted. */
function tree(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
    .sort();
}

describe('leftovers of killed operations', () => {
  it('are cleared at the next start when their process is gone, plain copies overwritten first; the rest and the data stay', async () => {
    const t = tempWorkspace();
    await t.api('organ.setup', SAMPLE_SETUP);
    await t.api('roster.add', { fields: memberFields({ name: '王留底', citizenId: ID }) });
    const backup = await t.api('backup.create', {});
    t.ws.database().pragma('wal_checkpoint(TRUNCATE)');
    const data = t.ws.dataFile;
    const backups = backupDir(t.ws);
    const before = fingerprint(t.ws);
    t.ws.close();

    const dead = deadPid();
    const alive = process.ppid; // a process that runs, and is not this one
    const copy = (to: string) => fs.copyFileSync(data, to);
    const work = (pid: number) => {
      const dir = `${data}.work-${pid}-AbC123`;
      fs.mkdirSync(dir);
      copy(path.join(dir, 'data.db'));
      fs.writeFileSync(path.join(dir, 'export.pobk'), 'POBK0001 half written');
      return dir;
    };
    const verify = (pid: number) => {
      const dir = path.join(os.tmpdir(), `party-office-verify-${pid}-XyZ789`);
      fs.mkdirSync(dir);
      copy(path.join(dir, 'incoming.db'));
      outside.push(dir);
      return dir;
    };
    const gone = [
      `${data}.incoming-${dead}`,
      `${data}.incoming-${dead}-wal`,
      `${data}.prepare-${dead}`,
      `${data}.new-${dead}-1764640000000`,
      `${data}.new-${dead}-1764640000000-journal`,
      `${data.replace(/\.db$/, '')}.attempts.json.tmp-${dead}`,
      path.join(backups, 'party-office-20261122-101010-scheduled.db'), // no JSON: cut off
      path.join(backups, `${backup.id}.json.tmp-${dead}`),
    ];
    for (const file of gone) {
      if (file.endsWith('-wal') || file.endsWith('-journal')) fs.writeFileSync(file, `王留底 ${ID} in a journal`);
      else if (file.includes('.tmp-')) fs.writeFileSync(file, '{}');
      else copy(file);
    }
    const goneDirs = [work(dead), verify(dead)];
    // A second name for the old version's plain copy: what it shows after the sweep is what the disk holds.
    const witness = path.join(path.dirname(data), 'witness');
    fs.linkSync(`${data}.prepare-${dead}`, witness);
    const size = fs.statSync(witness).size;

    const kept = [`${data}.incoming-${alive}`, `${data}.damaged-2026-11-01T10-10-10-000Z`];
    for (const file of kept) copy(file);
    const keptDirs = [work(alive), verify(alive)];
    const keptFiles = tree(path.dirname(data)).filter(
      (f) => !gone.some((g) => path.relative(path.dirname(data), g) === f) && !f.includes(`.work-${dead}-`),
    );

    // A reader beside the office sweeps nothing: it does not hold the writer lock.
    const reader = new Workspace({ dataDir: t.dataDir, via: 'cli', access: 'read' });
    reader.database();
    reader.close();
    for (const file of gone) expect(fs.existsSync(file)).toBe(true);

    const app = tempWorkspace({ dataDir: t.dataDir });
    expect((await app.api('app.status', {})).state).toBe('ready');
    for (const file of [...gone, ...goneDirs]) expect(fs.existsSync(file), file).toBe(false);
    for (const file of [...kept, ...keptDirs]) expect(fs.existsSync(file), file).toBe(true);
    const witnessBytes = fs.readFileSync(witness);
    expect(witnessBytes.length).toBe(size);
    expect(witnessBytes.every((b) => b === 0)).toBe(true);
    const open = ['party-office.db-wal', 'party-office.db-shm']; // the app's own, while it has the file open
    expect(tree(path.dirname(data)).filter((f) => !open.includes(f))).toEqual(keptFiles);
    expect(fingerprint(app.ws)).toEqual(before);
    app.ws.close();
    const again = tempWorkspace({ dataDir: t.dataDir });
    expect((await again.api('roster.search', {})).rows.map((r) => r.name)).toEqual(['王留底']);
    expect((await again.api('audit.verify', {})).intact).toBe(true);
    expect((await again.api('backup.list', {})).map((b) => b.id)).toEqual([backup.id]);
  });
});
