import { describe, expect, it } from 'vitest';
import { Workspace } from '../../src/core/workspace';
import { createHandlers } from '../../src/core/handlers';
import { directInvoke } from '../../src/core/dispatch';
import { draftKey } from '../../src/shared/drafts';
import { SAMPLE_SETUP, tempWorkspace } from '../support/temp-workspace';

describe('drafts of long texts', () => {
  it('keeps what was typed in the data file until saved or discarded, without filling the 操作记录', async () => {
    const t = tempWorkspace({ today: '2026-12-22' });
    await t.api('organ.setup', SAMPLE_SETUP);
    const key = draftKey.meetingReport(7);
    expect(await t.api('drafts.get', { key })).toEqual({ draft: null });
    const logBefore = (await t.api('audit.list', {})).length;

    const typed = '按照上级部署，某某局于2026年12月20日召开2026年度民主生活会。\n一、会前准备情况';
    await t.api('drafts.put', { key, text: typed.slice(0, 10), base: null });
    await t.api('drafts.put', { key, text: typed, base: null });
    expect((await t.api('audit.list', {})).length).toBe(logBefore);

    // Another process (the app restarted, the window closed) finds it in the file.
    t.ws.close();
    const again = new Workspace({ dataDir: t.dataDir, via: 'test', actor: '测试员', today: () => '2026-12-23' });
    try {
      const api = directInvoke(createHandlers(again));
      expect((await api('drafts.get', { key })).draft).toMatchObject({ key, text: typed, base: null });
      expect((await api('drafts.get', { key: draftKey.meetingPlan(7) })).draft).toBeNull();
      await api('drafts.discard', { key });
      expect((await api('drafts.get', { key })).draft).toBeNull();
    } finally {
      again.close();
    }
  });

  it('refuses a key that is not a text box’s, naming the field', async () => {
    const t = tempWorkspace();
    await t.api('organ.setup', SAMPLE_SETUP);
    await expect(t.api('drafts.put', { key: "x'; DROP TABLE meeting; --", text: 'a', base: null })).rejects.toThrow(
      '草稿位置不正确',
    );
  });
});
