import { describe, expect, it } from 'vitest';
import { SAMPLE_SETUP, tempWorkspace } from '../support/temp-workspace';
import { rejection } from '../support/rejection';

/*
 * Issue 16, wrong results 4 and 6: the 情况报告 states only what the records show, and the
 * meeting's dates do not contradict each other (a step dated tomorrow is not done, a talk after
 * the meeting is not preparation, the meeting cannot move before what prepared it, and the saved
 * 方案 follows the meeting's day).
 */

const TEAM = [
  { name: '王局长', role: 'principal' as const, title: '党组书记、局长', divisionHeads: [] },
  { name: '李副局长', role: 'member' as const, title: '党组成员、副局长', divisionHeads: [] },
  { name: '赵副局长', role: 'member' as const, title: '党组成员、副局长', divisionHeads: [] },
];

async function meeting(today: string) {
  const t = tempWorkspace({ today });
  await t.api('organ.setup', SAMPLE_SETUP);
  const m = await t.api('meetings.create', {
    kind: 'democratic',
    year: 2026,
    theme: '深入学习贯彻党的创新理论',
    heldOn: '2026-12-20',
    place: '机关三楼会议室',
    presider: '王局长',
    people: TEAM,
  });
  return { ...t, m };
}

describe('情况报告 drafted from the records', () => {
  it('states only what was recorded: no feedback claimed, no steps that did not happen, "拟于" before the meeting', async () => {
    const { api, m, setToday } = await meeting('2026-12-10');
    for (const text of ['调研不够深入', '文山会海仍然存在', '服务群众意识不强', '分管处室党建过问少'])
      await api('meetings.addOpinion', { meetingId: m.id, source: '党员', text, category: '作风' });

    let draft = (await api('meetings.drafts', { meetingId: m.id })).report;
    expect(draft).toContain('征求意见4条。');
    expect(draft).not.toContain('反馈');
    expect(draft).not.toContain('学习研讨');
    expect(draft).not.toContain('谈心谈话');
    expect(draft).not.toContain('对照检查材料');
    expect(draft).not.toContain('整改');
    expect(draft).not.toContain('批评');
    expect(draft.split('\n')[0]).toBe(
      '按照上级部署，某某局2026年度民主生活会拟于2026年12月20日召开，主题为“深入学习贯彻党的创新理论”。现将准备情况报告如下。',
    );
    // The sections are numbered as they are present.
    expect(draft.split('\n')[1]).toBe('一、会前准备情况');

    await api('meetings.update', { meetingId: m.id, opinionsFedBackOn: '2026-12-08' });
    await api('meetings.addTalk', { meetingId: m.id, a: '王局长', b: '李副局长', heldOn: '2026-12-09' });
    setToday('2026-12-20');
    await api('meetings.setAttendance', { meetingId: m.id, present: TEAM.map((_, i) => m.people[i]!.id) });
    await api('meetings.update', { meetingId: m.id, heldDone: true });
    draft = (await api('meetings.drafts', { meetingId: m.id })).report;
    expect(draft).toContain('征求意见4条，于2026年12月8日汇总反馈本人。');
    expect(draft).toContain('开展谈心谈话，应谈3对，已谈1对。');
    expect(draft).toContain('于2026年12月20日召开2026年度民主生活会');
    expect(draft).toContain('应到3人，实到3人');
    // No speech recorded: the draft does not say who spoke or what criticism was made.
    expect(draft).not.toContain('会议召开情况');
  });
});

describe('dates that agree with each other', () => {
  it('refuses a step dated after today, and never shows one as done', async () => {
    const { api, m } = await meeting('2026-12-02');
    const before = await api('meetings.get', { meetingId: m.id });
    const refused = await rejection(api('meetings.update', { meetingId: m.id, planReportedOn: '2026-12-03' }));
    expect(refused.message).toBe('方案报上级日期2026年12月3日在今天（2026年12月2日）之后：还没有做的事不能记为已完成');
    expect(refused.field).toBe('planReportedOn');
    expect((await rejection(api('meetings.update', { meetingId: m.id, opinionsFedBackOn: '2026-12-05' }))).field).toBe(
      'opinionsFedBackOn',
    );
    expect(await api('meetings.get', { meetingId: m.id })).toEqual(before);
    const done = await api('meetings.update', { meetingId: m.id, planReportedOn: '2026-12-02' });
    expect(done.steps.find((s) => s.key === 'plan')).toMatchObject({ state: 'done', doneOn: '2026-12-02' });
  });

  it('counts talks and study only before the meeting, and will not move the meeting before them', async () => {
    const { api, m, setToday } = await meeting('2026-12-12');
    await api('meetings.addStudy', {
      meetingId: m.id,
      heldOn: '2026-12-05',
      content: '集中学习',
      present: m.people.map((p) => p.id),
    });
    await api('meetings.addTalk', { meetingId: m.id, a: '王局长', b: '李副局长', heldOn: '2026-12-11' });
    expect(
      (await rejection(api('meetings.addTalk', { meetingId: m.id, a: '王局长', b: '赵副局长', heldOn: '2026-12-13' })))
        .message,
    ).toBe('谈话日期2026年12月13日在今天（2026年12月12日）之后：还没有发生的事不能记录');

    const before = await api('meetings.get', { meetingId: m.id });
    const moved = await rejection(api('meetings.update', { meetingId: m.id, heldOn: '2026-12-04' }));
    expect(moved.message).toBe(
      '会议日期不能改为2026年12月4日：谈心谈话（王局长与李副局长，2026年12月11日）、学习研讨（2026年12月5日）记在这一天之后，而会前准备应在会议之前。请先更正这些记录的日期，或选择较晚的会议日期',
    );
    expect(moved.field).toBe('heldOn');
    expect(await api('meetings.get', { meetingId: m.id })).toEqual(before);

    // Moved to the day after the talk: allowed, and the talk still counts.
    let v = await api('meetings.update', { meetingId: m.id, heldOn: '2026-12-11' });
    expect(v.talkPairs.find((p) => p.b === '李副局长' || p.a === '李副局长')!.heldOn).toBe('2026-12-11');
    // After the meeting, a talk is no preparation for it.
    setToday('2026-12-15');
    expect(
      (await rejection(api('meetings.addTalk', { meetingId: m.id, a: '王局长', b: '赵副局长', heldOn: '2026-12-14' })))
        .message,
    ).toBe('谈话日期2026年12月14日晚于会议日期2026年12月11日：这是会前准备，应在会议之前');
    v = await api('meetings.get', { meetingId: m.id });
    expect(v.talksMissing).toBe(2);
  });

  it('keeps the saved 方案 and 情况报告 on the meeting’s day when it changes, and logs it', async () => {
    const { api, m } = await meeting('2026-11-20');
    const plan = (await api('meetings.drafts', { meetingId: m.id })).plan;
    expect(plan).toContain('会议拟于2026年12月20日在机关三楼会议室召开');
    await api('meetings.update', { meetingId: m.id, planText: plan });
    const v = await api('meetings.update', { meetingId: m.id, heldOn: '2026-12-26' });
    expect(v.planText).toContain('会议拟于2026年12月26日在机关三楼会议室召开');
    expect(v.planText).not.toContain('2026年12月20日');
    const printed = await api('documents.preview', { id: 'meeting-plan', params: { meetingId: m.id } });
    expect(printed.html).toContain('2026年12月26日');
    expect(printed.html).not.toContain('2026年12月20日');
    const log = (await api('audit.list', { entity: 'meeting' })).find((e) => e.after?.held_on === '2026-12-26')!;
    expect(String(log.before!.plan_text)).toContain('2026年12月20日');
    expect(String(log.after!.plan_text)).toContain('2026年12月26日');

    // Text sent with the change is the office's own and is kept as sent.
    const own = await api('meetings.update', {
      meetingId: m.id,
      heldOn: '2026-12-27',
      planText: '会议定于2026年12月26日召开（待上级批复后调整）。',
    });
    expect(own.planText).toBe('会议定于2026年12月26日召开（待上级批复后调整）。');
  });
});
