import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../src/core/dispatch';
import { CHANNELS, contract } from '../../src/shared/contract';
import { SAMPLE_SETUP, tempWorkspace } from '../support/temp-workspace';

describe('the contract boundary', () => {
  it('has exactly one handler for every channel', () => {
    const { handlers } = tempWorkspace();
    expect(Object.keys(handlers).sort()).toEqual([...CHANNELS].sort());
    for (const channel of CHANNELS) expect(contract[channel].input).toBeDefined();
  });

  it('rejects an unknown channel', async () => {
    const { handlers } = tempWorkspace();
    const result = await dispatch(handlers, 'org.dropEverything', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
    expect(await dispatch(handlers, 42, {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
  });

  const malformed: [string, unknown, string, string][] = [
    ['organ.setup', { ...SAMPLE_SETUP, organName: '   ' }, 'organName', '请填写机关名称'],
    [
      'organ.setup',
      { ...SAMPLE_SETUP, committeeKind: 'party' },
      'committeeKind',
      '党组织类型只能是：机关党委、机关党总支、机关党支部',
    ],
    ['organ.setup', { ...SAMPLE_SETUP, foundedOn: '2023-02-29' }, 'foundedOn', '成立日期不是有效日期'],
    ['organ.setup', { ...SAMPLE_SETUP, branches: '第一党支部' }, 'branches', '首批党支部应为名称列表'],
    ['organ.setup', { ...SAMPLE_SETUP, organName: '局'.repeat(61) }, 'organName', '机关名称不能超过60个字'],
    ['organ.setup', null, '', ''],
    ['org.addUnit', { kind: 'branch', parentId: '1', name: '第三党支部' }, 'parentId', '上级组织应为编号'],
    ['org.addUnit', { kind: 'branch', parentId: 1.5, name: '第三党支部' }, 'parentId', '上级组织应为整数编号'],
    [
      'org.addUnit',
      { kind: 'branch', parentId: 1, name: '第三党支部', termYears: 99 },
      'termYears',
      '任期年限不能大于10',
    ],
    [
      'org.addUnit',
      { kind: 'branch', parentId: 1, name: '第三党支部', secret: true },
      'secret',
      '无法识别的项目：secret',
    ],
    ['org.addPost', { unitId: 1, post: 'king', holderName: '张三' }, 'post', '职务只能是：书记、副书记'],
    ['settings.update', { termWarningDays: 0 }, 'termWarningDays', '任期届满提前提醒天数不能小于1'],
  ];

  it.each(malformed)('%s rejects %j naming the field and value', async (channel, payload, field, message) => {
    const { handlers, api, ws } = tempWorkspace();
    if (channel !== 'organ.setup') await api('organ.setup', SAMPLE_SETUP);
    const auditBefore = ws.isSetUp() ? (await api('audit.list', { limit: 1000 })).length : 0;
    const result = await dispatch(handlers, channel, payload);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('INVALID_INPUT');
    expect(result.error.message).toMatch(/[\u4e00-\u9fff]/);
    if (field) expect(result.error.field).toBe(field);
    if (message) expect(result.error.message).toContain(message);
    // The value the user sent is shown back to them.
    if (
      payload &&
      typeof payload === 'object' &&
      field in payload &&
      typeof (payload as Record<string, unknown>)[field] === 'string'
    ) {
      expect(result.error.message).toContain(
        String((payload as Record<string, unknown>)[field])
          .trim()
          .slice(0, 10),
      );
    }
    // Nothing changed: no file for a refused setup, no audit rows otherwise.
    if (channel === 'organ.setup') expect(fs.existsSync(ws.dataFile)).toBe(false);
    else expect((await api('audit.list', { limit: 1000 })).length).toBe(auditBefore);
  });

  it('refuses queries before the organ is set up, with a message that says what to do', async () => {
    const { handlers } = tempWorkspace();
    expect(await dispatch(handlers, 'org.units', {})).toMatchObject({
      ok: false,
      error: { code: 'NOT_SET_UP', message: expect.stringContaining('首次设置') },
    });
  });
});
