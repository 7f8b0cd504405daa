import { describe, expect, it } from 'vitest';
import { defaultParam, type DocumentParamData, type DocumentParamValue } from '../../src/shared/documents';
import { AppError } from '../../src/shared/errors';
import { memberFields, citizenId } from '../support/people';
import { SAMPLE_SETUP, tempWorkspace } from '../support/temp-workspace';

/*
 * Every registered document, with the parameters the 文档打印 screen's pickers start at, on a
 * workspace with members, a 班子 and meetings: none may fail. And the declarations themselves
 * speak the office's language.
 */

async function workspace() {
  const t = tempWorkspace({ today: '2026-11-22' });
  await t.api('organ.setup', SAMPLE_SETUP);
  const wang = await t.api('roster.add', {
    fields: memberFields({ name: '王局长', citizenId: citizenId('1970-05-01', 'male', 1) }),
  });
  await t.api('roster.add', {
    fields: memberFields({ name: '李副局长', citizenId: citizenId('1975-06-02', 'male', 2) }),
  });
  await t.api('roster.add', {
    fields: memberFields({ name: '张科员', gender: 'female', citizenId: citizenId('1990-07-03', 'female', 3) }),
  });
  await t.api('dues.assess', { year: 2026 });
  await t.api('duties.addLeader', {
    year: 2026,
    memberId: wang.id,
    role: 'secretary',
    title: '党组书记、局长',
    divisions: ['办公室'],
    branchIds: [2],
  });
  await t.api('duties.addLeader', { year: 2026, name: '李副局长', role: 'deputy', divisions: ['财务处'] });
  const people = [
    { name: '王局长', role: 'principal' as const, title: '党组书记、局长', divisionHeads: [] },
    { name: '李副局长', role: 'member' as const, title: '党组成员、副局长', divisionHeads: ['财务处长'] },
  ];
  await t.api('meetings.create', { kind: 'democratic', year: 2025, theme: '去年的主题', heldOn: '2025-12-20', people });
  const latest = await t.api('meetings.create', {
    kind: 'democratic',
    year: 2026,
    theme: '深入学习贯彻党的创新理论',
    heldOn: '2026-12-20',
    people,
  });
  const branch = await t.api('meetings.create', {
    kind: 'branch',
    year: 2026,
    unitId: 2,
    theme: '对照党章党规找差距',
    heldOn: '2026-12-12',
    people: [
      { name: '甲', role: 'full' },
      { name: '乙', role: 'full' },
    ],
  });
  return { ...t, latest, branch };
}

type Api = Awaited<ReturnType<typeof workspace>>['api'];

/** What the screen does: each picker in order, its default from the data the screen loads. */
async function defaults(api: Api, params: Parameters<typeof defaultParam>[0][]) {
  const data: DocumentParamData = { today: '2026-11-22', meetings: await api('meetings.list', {}) };
  const chosen: Record<string, DocumentParamValue> = {};
  for (const param of params) {
    if (param.kind === 'meetingPerson')
      data.materials = (await api('meetings.get', { meetingId: Number(chosen.meetingId) })).materials;
    if (param.kind === 'leader') data.leaders = await api('duties.team', { year: Number(chosen.year ?? 2026) });
    const value = defaultParam(param, data);
    expect(value, `${param.name} has a value to choose`).not.toBeNull();
    if (value !== undefined && value !== null) chosen[param.name] = value;
  }
  return chosen;
}

describe('documents with their pickers’ defaults', () => {
  it('renders every registered document with the parameters the screen starts at', { timeout: 180_000 }, async () => {
    const { api, latest, branch } = await workspace();
    const docs = await api('documents.list', {});
    expect(docs.length).toBeGreaterThanOrEqual(20);
    const seen: Record<string, Record<string, DocumentParamValue>> = {};
    for (const doc of docs) {
      const params = await defaults(api, [...doc.params]);
      seen[doc.id] = params;
      const preview = await api('documents.preview', { id: doc.id, params }).catch((error: unknown) => {
        throw new Error(
          `${doc.id} ${JSON.stringify(params)}: ${error instanceof AppError ? error.message : String(error)}`,
        );
      });
      expect(preview.meta.pageCount, doc.id).toBeGreaterThanOrEqual(1);
    }
    // The most recent meeting, the whole organ, this month, this year, the secretary.
    expect(seen['meeting-plan']).toEqual({ meetingId: latest.id });
    expect(seen['meeting-appraisal']).toEqual({ meetingId: branch.id });
    expect(seen['meeting-binder']).toEqual({ meetingId: latest.id, oddPageStarts: true });
    expect(seen.roster).toEqual({ decisions: false });
    expect(seen['dues-register']).toEqual({ month: '2026-11' });
    const team = await api('duties.team', { year: 2026 });
    expect(seen['duties-letter']).toEqual({ year: 2026, leaderId: team[0]!.id });
    expect(seen['duties-ledger']).toEqual({ year: 2026 });
  });

  it('declares what each document takes in the office’s words', async () => {
    const { api } = tempWorkspace({ today: '2026-11-22' });
    for (const doc of await api('documents.list', {})) {
      // No field names, ids or other developer words in what the list shows.
      expect(doc.description, doc.id).not.toMatch(/[a-z]+[A-Z]\w*|\bid\b|params?\b|null|undefined/);
      for (const param of doc.params) {
        expect(param.label, `${doc.id}.${param.name}`).toMatch(/^[\u4e00-\u9fff]/);
        if ('allLabel' in param && param.allLabel) expect(param.allLabel).toMatch(/^[\u4e00-\u9fff]/);
      }
    }
    const meetingDocs = (await api('documents.list', {})).filter((d) => d.id.startsWith('meeting-'));
    expect(meetingDocs).toHaveLength(10);
    for (const doc of meetingDocs)
      expect(doc.params[0]).toMatchObject({ name: 'meetingId', kind: 'meeting', required: true });
  });

  it('asks for a meeting in Chinese when none is given, and refuses what a document does not take', async () => {
    const { api } = await workspace();
    await expect(api('documents.preview', { id: 'meeting-plan', params: {} })).rejects.toThrow('请选择会议');
    await expect(api('documents.preview', { id: 'dues-funds', params: { branchId: 2 } })).rejects.toThrow('参数不正确');
  });
});
