import { describe, expect, it } from 'vitest';
import type { AppEvent, ProgressEvent } from '../../src/shared/bridge';
import type { Result } from '../../src/shared/errors';
import { rosterMembers, rosterWorkbook } from '../support/big-roster';
import { memberFields } from '../support/people';
import { SAMPLE_SETUP, tempWorkspace } from '../support/temp-workspace';
import { asFile } from '../support/workbooks';

/*
 * Long work as the screen drives it: an import named by a task id reports how far it has got,
 * can be cancelled in the middle of its writing with nothing written, and a call made meanwhile
 * neither reads half of it nor is undone with it.
 */

const COUNT = 3000;

async function setUp() {
  const t = tempWorkspace();
  await t.api('organ.setup', SAMPLE_SETUP);
  const members = rosterMembers(COUNT, SAMPLE_SETUP.branches);
  const file = asFile('花名册.xlsx', await rosterWorkbook(members));
  const events: AppEvent[] = [];
  t.core.onEvent((event) => events.push(event));
  const progress = (task: string) =>
    events.filter((e): e is ProgressEvent => e.kind === 'progress' && e.task === task).map((e) => e);
  const memberCount = async () => (await t.api('roster.search', {})).counts.total;
  const auditCount = async () => (await t.api('audit.list', { limit: 5000 })).length;
  return { ...t, members, file, events, progress, memberCount, auditCount };
}

/** Resolves when an event matching `test` arrives. */
function when(t: { core: { onEvent(l: (e: AppEvent) => void): () => void } }, test: (e: AppEvent) => boolean) {
  return new Promise<AppEvent>((resolve) => {
    const off = t.core.onEvent((event) => {
      if (test(event)) {
        off();
        resolve(event);
      }
    });
  });
}

describe('progress and cancel of long work', () => {
  it('reports reading, checking row by row, and writing person by person, in order', async () => {
    const t = await setUp();
    const preview = (await t.core.invoke('roster.importPreview', { file: t.file }, 'read-1')) as Result<{
      newMembers: number;
    }>;
    expect(preview.ok && preview.value.newMembers).toBe(COUNT);
    const reading = t.progress('read-1');
    expect(reading[0]).toMatchObject({ text: '正在读取工作簿', total: null });
    const checking = reading.filter((e) => e.text.startsWith('正在校验'));
    expect(checking.length).toBeGreaterThan(0);
    for (const e of checking) {
      expect(e.total).toBe(COUNT);
      expect(e.text).toBe(`正在校验第 ${e.done.toLocaleString('en-US')} / 3,000 行`);
    }
    expect(checking.map((e) => e.done)).toEqual([...checking.map((e) => e.done)].sort((a, b) => a - b));

    const committed = (await t.core.invoke(
      'roster.importCommit',
      { file: t.file, skipRows: [] },
      'write-1',
    )) as Result<{
      added: number;
    }>;
    expect(committed.ok && committed.value.added).toBe(COUNT);
    const writing = t.progress('write-1').filter((e) => e.text.startsWith('正在写入'));
    expect(writing.length).toBeGreaterThan(0);
    expect(writing.at(-1)!.text).toMatch(/^正在写入第 [\d,]+ \/ 3,000 人$/);
    // Another task's events never carry this one's id.
    expect(t.progress('nobody')).toEqual([]);
  });

  it('cancelled while writing, leaves the roster and the log as they were; a call made meanwhile waits and stands', async () => {
    const t = await setUp();
    await t.api('roster.add', { fields: memberFields({ name: '原有党员' }) });
    const before = { members: await t.memberCount(), audit: await t.auditCount() };

    const writing = when(t, (e) => e.kind === 'progress' && e.task === 'imp' && e.text.startsWith('正在写入'));
    const importing = t.core.invoke('roster.importCommit', { file: t.file, skipRows: [] }, 'imp');
    await writing;
    // Made while the import holds its transaction open: it must neither land inside it nor see it.
    const adding = t.core.invoke('roster.add', {
      fields: memberFields({ name: '导入时新增', citizenId: '110101199001011237' }),
    });
    const searching = t.core.invoke('roster.search', {});
    expect(await t.core.invoke('task.cancel', { task: 'imp' })).toEqual({ ok: true, value: { cancelled: true } });

    const result = await importing;
    expect(result).toMatchObject({ ok: false, error: { code: 'CANCELLED', message: '已取消，没有写入任何内容。' } });
    // The search, made after the addition, sees it and nothing of the import.
    const seen = (await searching) as Result<{ counts: { total: number } }>;
    expect(seen.ok && seen.value.counts.total).toBe(before.members + 1);
    expect((await adding).ok).toBe(true);
    expect(await t.memberCount()).toBe(before.members + 1);
    // Only the member added meanwhile was logged: the import's entries went with its transaction.
    const log = await t.api('audit.list', { limit: 5000 });
    expect(log.length).toBeGreaterThan(before.audit);
    const logged = JSON.stringify(log);
    expect(t.members.filter((m) => logged.includes(m.id))).toEqual([]);
    expect((await t.api('audit.verify', {})).intact).toBe(true);

    // The same file imports whole afterwards: nothing of the cancelled run is in the way.
    const again = (await t.core.invoke('roster.importCommit', { file: t.file, skipRows: [] }, 'imp-2')) as Result<{
      added: number;
    }>;
    expect(again.ok && again.value.added).toBe(COUNT);
  });

  it('a cancel for a task that is not running says so', async () => {
    const t = await setUp();
    expect(await t.core.invoke('task.cancel', { task: 'gone' })).toEqual({ ok: true, value: { cancelled: false } });
  });
});
