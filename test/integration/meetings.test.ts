import fs from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { meetingView } from '../../src/core/meetings/meeting-view';
import type { DutiesLookup } from '../../src/core/meetings/duties-lookup';
import { pdfPageCount, readPdfLayout, readPdfText, screenshotPages } from '../support/pdf-measure';
import { SAMPLE_SETUP, tempDir, tempWorkspace } from '../support/temp-workspace';
import { rejection } from '../support/rejection';

const TEAM = [
  { name: '王局长', role: 'principal' as const, title: '党组书记、局长', divisionHeads: [] },
  { name: '李副局长', role: 'member' as const, title: '党组成员、副局长', divisionHeads: ['财务处长', '审计处长'] },
  { name: '赵副局长', role: 'member' as const, title: '党组成员、副局长', divisionHeads: ['办公室主任'] },
  { name: '钱组长', role: 'member' as const, title: '党组成员、纪检组长', divisionHeads: [] },
  { name: '孙副局长', role: 'member' as const, title: '党组成员、副局长', divisionHeads: [] },
];

async function organ(today = '2026-11-22') {
  const t = tempWorkspace({ today });
  await t.api('organ.setup', SAMPLE_SETUP);
  return t;
}

type Api = Awaited<ReturnType<typeof organ>>['api'];

async function democratic(api: Api, year: number, heldOn: string) {
  return api('meetings.create', {
    kind: 'democratic',
    year,
    theme: '深入学习贯彻党的创新理论，凝心铸魂强根基',
    heldOn,
    place: '机关三楼会议室',
    presider: '王局长',
    recorder: '办公室周秘书',
    superiorAttendees: '市直机关工委督导组张组长',
    people: TEAM,
  });
}

describe('民主生活会 from plan to binder', () => {
  it('creates a meeting with the principal first, step due dates and late steps', async () => {
    const { api } = await organ('2026-12-10');
    const m = await democratic(api, 2026, '2026-12-20');
    expect(m.people.map((p) => p.name)[0]).toBe('王局长');
    expect(m.steps.map((s) => [s.key, s.dueOn, s.state])).toEqual([
      ['plan', '2026-12-05', 'late'],
      ['study', '2026-11-30', 'late'],
      ['opinions', '2026-12-05', 'late'],
      ['talks', '2026-12-13', 'open'],
      ['materials', '2026-12-17', 'open'],
      ['meeting', '2026-12-20', 'open'],
      ['report', '2027-01-04', 'open'],
      ['rectification', '2027-01-19', 'open'],
    ]);
    // 14 pairs: principal with 4, 6 among members, 3 division heads
    expect(m.talkPairs).toHaveLength(4 + 6 + 3);
    const reminders = await api('reminders.list', {});
    expect(reminders.filter((r) => r.kind === 'meetingStepLate').map((r) => r.message)).toContain(
      '2026年度民主生活会的“方案报上级”应于2026-12-05前完成，尚未完成。',
    );
    // settings move the due dates
    const s = await api('meetings.settings', {});
    await api('meetings.updateSettings', {
      ...s,
      planDaysBefore: 5,
      pairings: { ...s.pairings, memberWithDivisionHeads: false },
    });
    const again = await api('meetings.get', { meetingId: m.id });
    expect(again.steps[0]).toMatchObject({ dueOn: '2026-12-15', state: 'open' });
    expect(again.talkPairs).toHaveLength(10);
  });

  it('refuses bad input with the field and value named, and changes nothing', async () => {
    const { api } = await organ();
    const m = await democratic(api, 2026, '2026-12-20');
    const before = await api('meetings.get', { meetingId: m.id });
    expect(
      (await rejection(api('meetings.addTalk', { meetingId: m.id, a: '王局长', b: '王局长', heldOn: '2026-12-01' })))
        .message,
    ).toBe('谈话人和谈话对象都是“王局长”');
    expect(
      (await rejection(api('meetings.addTalk', { meetingId: m.id, a: '王局长', b: '李副局长', heldOn: '2026-02-30' })))
        .message,
    ).toContain('谈话日期不是有效日期');
    expect(
      (
        await rejection(
          api('meetings.addOpinion', {
            meetingId: m.id,
            source: '党员',
            text: '意见',
            category: '作风',
            concerns: [999],
          }),
        )
      ).message,
    ).toBe('参会人员编号 999 不在这次会议的名单中');
    expect(
      (
        await rejection(
          api('meetings.addOpinion', { meetingId: m.id, source: '网友' as '党员', text: '意见', category: '作风' }),
        )
      ).message,
    ).toContain('意见来源只能是');
    expect(
      (
        await rejection(
          api('meetings.addRectification', {
            meetingId: m.id,
            problem: '问题',
            measures: '措施',
            responsible: '李副局长',
            deadline: '2026-01-01',
          }),
        )
      ).message,
    ).toBe('整改时限“2026-01-01”早于会议日期');
    expect(
      (
        await rejection(
          api('meetings.create', {
            kind: 'democratic',
            year: 2026,
            theme: '主题',
            heldOn: '2026-12-01',
            people: [TEAM[1]!],
          }),
        )
      ).message,
    ).toBe('民主生活会须有且只有一名主要负责人');
    expect(
      (
        await rejection(
          api('meetings.create', {
            kind: 'branch',
            year: 2026,
            theme: '主题',
            heldOn: '2026-12-01',
            people: [{ name: '甲', role: 'full' }],
          }),
        )
      ).message,
    ).toBe('组织生活会须选择召开会议的党支部');
    expect((await rejection(api('meetings.update', { meetingId: m.id, reportSentOn: '2026-12-01' }))).message).toBe(
      '情况报告报送日期“2026-12-01”早于会议日期',
    );
    expect((await rejection(api('meetings.update', { meetingId: m.id, heldDone: true }))).message).toBe(
      '会议日期2026-12-20还没到，不能记为已召开',
    );
    expect((await rejection(api('meetings.update', { meetingId: m.id, heldOn: '2026-13-01' }))).message).toContain(
      '会议日期不是有效日期',
    );
    expect(
      (
        await rejection(
          api('meetings.saveSpeech', {
            meetingId: m.id,
            personId: m.people[0]!.id,
            order: 1,
            criticisms: [{ fromPersonId: m.people[0]!.id, text: '自己批评自己' }],
          }),
        )
      ).message,
    ).toBe('批评意见应由他人提出，不能是发言人自己');
    expect((await rejection(api('meetings.removeEntry', { meetingId: m.id, entry: 'talk', id: 999 }))).message).toBe(
      '找不到编号为 999 的记录',
    );
    expect(await api('meetings.get', { meetingId: m.id })).toEqual(before);
    expect(await api('meetings.list', {})).toHaveLength(1);
    // A wrong entry can be removed.
    const added = await api('meetings.addStudy', {
      meetingId: m.id,
      heldOn: '2026-11-20',
      content: '录错的学习',
      present: [m.people[0]!.id],
    });
    const after = await api('meetings.removeEntry', { meetingId: m.id, entry: 'study', id: added.studies[0]!.id });
    expect(after.studies).toEqual([]);
  });

  it('runs the whole preparation, the meeting and the rectification, and prints the binder', async () => {
    const { api, setToday } = await organ('2025-12-01');
    // Last year's meeting: a problem and an open rectification item.
    const last = await democratic(api, 2025, '2025-12-18');
    const lastLi = last.people.find((p) => p.name === '李副局长')!.id;
    await api('meetings.saveMaterial', {
      meetingId: last.id,
      personId: lastLi,
      problems: [
        { theme: '理论学习', text: '理论学习不够深入，学用结合不够紧密，运用党的创新理论指导实践的能力还有差距。' },
      ],
      causes: '放松了主观世界改造。',
      measures: '制定个人学习计划。',
    });
    await api('meetings.addRectification', {
      meetingId: last.id,
      problem: '调查研究不够经常',
      measures: '每季度到基层调研一次',
      responsible: '李副局长',
      deadline: '2026-06-30',
    });
    await api('meetings.addRectification', {
      meetingId: last.id,
      problem: '会议文件偏多',
      measures: '精简会议',
      responsible: '赵副局长',
      deadline: '2026-03-31',
    });
    const lastView = await api('meetings.get', { meetingId: last.id });
    setToday('2026-04-01');
    expect(
      (
        await rejection(
          api('meetings.updateRectification', { itemId: lastView.rectification[1]!.id, closedOn: '2026-04-02' }),
        )
      ).message,
    ).toBe('销号日期“2026-04-02”在今天之后');
    await api('meetings.updateRectification', {
      itemId: lastView.rectification[1]!.id,
      progressNote: '全年会议减少三成',
      progressOn: '2026-03-01',
      closedOn: '2026-03-20',
      evidence: '会议计划表',
    });

    setToday('2026-11-20');
    const overdue = (await api('reminders.list', {})).filter((r) => r.kind === 'meetingItemOverdue');
    expect(overdue.map((r) => r.message)).toEqual([
      '2025年度民主生活会整改事项“调查研究不够经常”（责任人李副局长）已过整改时限2026-06-30，尚未销号。',
    ]);

    // This year: the open item is carried over automatically, once.
    let m = await democratic(api, 2026, '2026-12-20');
    expect(m.rectification).toHaveLength(1);
    expect(m.rectification[0]).toMatchObject({
      problem: '调查研究不够经常',
      responsible: '李副局长',
      deadline: '2027-01-19',
      carriedFrom: { meetingId: last.id, year: 2025 },
    });
    const id = m.id;
    const person = (name: string) => m.people.find((p) => p.name === name)!.id;

    // The preparation is recorded as it happens: nothing is recorded before its day.
    setToday('2026-12-10');
    // 方案
    m = await api('meetings.update', {
      meetingId: id,
      planReportedOn: '2026-12-01',
      planText:
        '为开好本次民主生活会，制定本方案。\n一、会议主题\n深入学习贯彻党的创新理论。\n二、会前准备\n开展学习研讨、征求意见、谈心谈话。',
    });
    expect(m.steps[0]).toMatchObject({ key: 'plan', state: 'done', doneOn: '2026-12-01' });
    // 学习研讨
    const everyone = m.people.map((p) => p.id);
    m = await api('meetings.addStudy', {
      meetingId: id,
      heldOn: '2026-11-25',
      content: '集中学习党的二十届四中全会精神',
      present: everyone,
    });
    m = await api('meetings.addStudy', {
      meetingId: id,
      heldOn: '2026-11-28',
      content: '专题研讨：以学铸魂',
      present: everyone.filter((p) => p !== person('钱组长')),
      absences: [{ personId: person('钱组长'), reason: '参加省纪委培训' }],
    });
    expect(m.studies[1]!.attendees.filter((a) => !a.present)).toEqual([
      { personId: person('钱组长'), name: '钱组长', present: false, absenceReason: '参加省纪委培训' },
    ]);
    expect(m.steps[1]!.state).toBe('done');
    // 征求意见
    await api('meetings.addOpinion', {
      meetingId: id,
      source: '党员',
      text: '班子深入基层调研还不够',
      category: '工作作风',
    });
    await api('meetings.addOpinion', {
      meetingId: id,
      source: '下级单位',
      text: '李副局长对分管处室的党建工作过问较少',
      category: '一岗双责',
      concerns: [person('李副局长')],
    });
    await api('meetings.addOpinion', {
      meetingId: id,
      source: '服务对象',
      text: '窗口办事流程仍需简化',
      category: '为民服务',
      concerns: [person('赵副局长'), person('李副局长')],
    });
    m = await api('meetings.update', { meetingId: id, opinionsFedBackOn: '2026-12-03' });
    expect(m.steps[2]).toMatchObject({ key: 'opinions', state: 'done' });
    // 谈心谈话: all pairs but one
    const pairs = m.talkPairs;
    expect(pairs).toHaveLength(13);
    for (const [i, p] of pairs.slice(0, -1).entries())
      await api('meetings.addTalk', {
        meetingId: id,
        a: p.a,
        b: p.b,
        heldOn: `2026-12-${String(4 + (i % 6)).padStart(2, '0')}`,
        record: `${p.a}与${p.b}交流思想，互相提醒。`,
      });
    m = await api('meetings.get', { meetingId: id });
    expect(m.talksMissing).toBe(1);
    expect(m.talkPairs.at(-1)).toMatchObject({ a: '赵副局长', b: '办公室主任', heldOn: null });
    m = await api('meetings.addTalk', { meetingId: id, a: '办公室主任', b: '赵副局长', heldOn: '2026-12-10' });
    expect(m.talksMissing).toBe(0);
    expect(m.steps[3]).toMatchObject({ key: 'talks', state: 'done', doneOn: '2026-12-10' });

    // 对照检查材料: the team's and each person's, with opinions and last year's items alongside.
    await api('meetings.saveMaterial', {
      meetingId: id,
      personId: null,
      problems: [
        { theme: '理论学习方面', text: '班子集体学习的深度还不够，研讨交流有时流于形式。' },
        { theme: '担当作为方面', text: '深入基层调研还不够经常，解决群众急难愁盼问题的办法不多。' },
      ],
      causes: '理想信念的坚定性有所放松。\n宗旨意识有所淡化。',
      measures: '一、强化理论武装\n坚持第一议题制度。\n二、改进工作作风\n班子成员每季度至少到基层调研一次。',
    });
    m = await api('meetings.saveMaterial', {
      meetingId: id,
      personId: person('李副局长'),
      problems: [
        { theme: '理论学习方面', text: '理论学习还不够深入，学用结合不紧密，运用党的创新理论指导实践能力有差距。' },
      ],
      causes: '对学习的重要性认识不足。',
      measures: '每月精读一本理论著作。',
    });
    const li = m.materials.find((x) => x.owner === '李副局长')!;
    expect(li.problems[0]!.repeats).toEqual([
      expect.objectContaining({ year: 2025, earlier: expect.stringContaining('理论学习不够深入') }),
    ]);
    expect(li.opinions.map((o) => o.text)).toEqual(['李副局长对分管处室的党建工作过问较少', '窗口办事流程仍需简化']);
    expect(li.lastYearItems).toEqual([{ problem: '调查研究不够经常', closedOn: null }]);
    expect(m.materials.find((x) => x.personId === null)!.opinions.map((o) => o.text)).toEqual([
      '班子深入基层调研还不够',
    ]);
    for (const p of m.people.filter((x) => x.name !== '李副局长'))
      await api('meetings.saveMaterial', {
        meetingId: id,
        personId: p.id,
        problems: [{ theme: '担当作为方面', text: `${p.name}在推动分管工作中创新办法不多。` }],
        causes: '开拓进取精神不足。',
        measures: '对标先进，改进方法。',
      });
    expect(
      (await rejection(api('meetings.reviewMaterial', { meetingId: id, personId: null, status: 'reviewed' }))).message,
    ).toBe('请填写审阅人');
    for (const owner of [null, ...m.people.map((p) => p.id)]) {
      await api('meetings.reviewMaterial', {
        meetingId: id,
        personId: owner,
        status: 'reviewed',
        reviewedBy: '王局长',
      });
      m = await api('meetings.reviewMaterial', {
        meetingId: id,
        personId: owner,
        status: 'final',
        reviewedBy: '上级督导组',
      });
    }
    expect(m.materials.every((x) => x.status === 'final')).toBe(true);
    expect(
      (
        await rejection(
          api('meetings.saveMaterial', { meetingId: id, personId: null, problems: [], causes: null, measures: null }),
        )
      ).message,
    ).toContain('已定稿');

    // 会议: attendance (4 of 5 is enough), minutes with the principal first
    setToday('2026-12-20');
    const absent = person('孙副局长');
    await api('meetings.setAttendance', {
      meetingId: id,
      present: m.people.filter((p) => p.id !== absent).map((p) => p.id),
      absences: [{ personId: absent, reason: '因公出差' }],
    });
    m = await api('meetings.update', {
      meetingId: id,
      heldDone: true,
      upperComments: '会议准备充分，批评和自我批评辣味足。',
    });
    expect(m.attendance).toMatchObject({ due: 5, present: 4, ok: true });
    expect(m.steps.find((s) => s.key === 'meeting')!.state).toBe('done');
    for (const [order, p] of m.people.filter((x) => x.present).entries())
      await api('meetings.saveSpeech', {
        meetingId: id,
        personId: p.id,
        order: order + 1,
        selfCriticism: `${p.name}：本人在理论学习上还有差距。`,
        criticisms: m.people
          .filter((x) => x.present && x.id !== p.id)
          .map((x) => ({ fromPersonId: x.id, text: `建议${p.name}同志多到基层走走。` })),
        response: '诚恳接受，认真整改。',
      });
    m = await api('meetings.get', { meetingId: id });
    expect(m.speeches.map((s) => s.name)).toEqual(['王局长', '李副局长', '赵副局长', '钱组长']);
    expect(m.speeches[0]!.criticisms).toHaveLength(3);

    // 情况报告 drafted from the above, sent within 15 days
    const draft = (await api('meetings.drafts', { meetingId: id })).report;
    expect(draft).toContain('应到5人，实到4人，达到应到人数的三分之二');
    expect(draft).toContain('征求意见3条，于2026年12月3日汇总反馈本人');
    expect(draft).toContain('开展集中学习研讨2次，参加9人次');
    expect(draft).toContain('应谈13对，均已谈');
    setToday('2027-01-02');
    m = await api('meetings.update', { meetingId: id, reportText: draft, reportSentOn: '2027-01-02' });
    expect(m.steps.find((s) => s.key === 'report')!.state).toBe('done');

    // 整改清单
    m = await api('meetings.addRectification', {
      meetingId: id,
      problem: '班子集体学习的深度还不够',
      measures: '坚持第一议题制度，每月专题研讨',
      responsible: '王局长',
      deadline: '2027-06-30',
    });
    m = await api('meetings.addRectification', {
      meetingId: id,
      problem: '创新办法不多',
      measures: '每季度开展一次对标学习',
      responsible: '赵副局长',
      deadline: '2027-03-31',
    });
    m = await api('meetings.updateRectification', {
      itemId: m.rectification[2]!.id,
      progressNote: '已开展第一次对标学习',
      progressOn: '2027-01-02',
    });
    expect(m.steps.find((s) => s.key === 'rectification')!.state).toBe('done');
    expect(m.steps.filter((s) => s.state === 'late')).toEqual([]);

    // The binder: every part, numbered continuously.
    const binder = await api('documents.preview', { id: 'meeting-binder', params: { meetingId: id } });
    const parts = binder.meta.parts!.map((p) => p.title);
    expect(parts).toEqual([
      '会议方案',
      '学习研讨记录',
      '征求意见汇总表',
      '谈心谈话情况表',
      '领导班子对照检查材料',
      '王局长对照检查材料',
      '李副局长对照检查材料',
      '赵副局长对照检查材料',
      '钱组长对照检查材料',
      '孙副局长对照检查材料',
      '会议记录',
      '情况报告',
      '整改清单',
    ]);
    const pages = binder.meta.parts!.map((p) => p.page);
    expect(pages[0]).toBe(1);
    for (let i = 1; i < pages.length; i++) expect(pages[i]!).toBeGreaterThan(pages[i - 1]!);
    const dir = tempDir();
    const file = path.join(dir, 'binder.pdf');
    fs.writeFileSync(file, Buffer.from(binder.pdf, 'base64'));
    expect(pdfPageCount(file)).toBe(binder.meta.pageCount);
    const text = readPdfText(file).replace(/\s+/g, '');
    for (const expected of [
      '2026年度民主生活会',
      '材料汇编',
      '目录',
      '学习研讨记录',
      '应到5人，实到4人：',
      // The absentee's reason (参加省纪委培训), set on lines between words in its narrow column.
      '省纪委',
      '征求意见汇总表',
      '李副局长对分管处室的党建工作过问较少',
      '谈心谈话情况表',
      '一、存在的问题',
      '（一）理论学习方面',
      '王局长发言',
      '建议李副局长同志多到基层走走。',
      '关于召开2026年度民主生活会情况的报告',
      '调查研究不够经常（2025',
      // Progress dated as every printed date is, never 2027-01-02.
      '2027年1月2日已开展第一次对标学习',
      '（一）强化理论武装',
    ])
      expect(text).toContain(expected);
    screenshotPages(file, 'meetings-binder');

    // Narrative parts also as Word.
    const word = await api('documents.export', {
      id: 'meeting-material',
      params: { meetingId: id, personId: person('李副局长') },
      format: 'docx',
    });
    expect(word.fileName).toBe('2026年度民主生活会对照检查材料.docx');
    const xml = await (
      await JSZip.loadAsync(Buffer.from(word.base64, 'base64'))
    )
      .file('word/document.xml')!
      .async('string');
    expect(xml).toContain('运用党的创新理论指导实践能力有差距');
    for (const doc of ['meeting-plan', 'meeting-minutes', 'meeting-report'])
      expect(
        (await api('documents.export', { id: doc, params: { meetingId: id }, format: 'docx' })).base64.length,
      ).toBeGreaterThan(1000);
    // The whole binder as one Word file: each part in its own section, the contents as page references.
    const binderWord = await api('documents.export', {
      id: 'meeting-binder',
      params: { meetingId: id },
      format: 'docx',
    });
    expect(binderWord.fileName).toBe('2026年度民主生活会材料汇编.docx');
    const binderXml = await (
      await JSZip.loadAsync(Buffer.from(binderWord.base64, 'base64'))
    )
      .file('word/document.xml')!
      .async('string');
    expect([...binderXml.matchAll(/<w:sectPr\b/g)]).toHaveLength(2 + parts.length);
    for (const [i, title] of parts.entries()) {
      expect(binderXml).toContain(`PAGEREF part_${i + 1}`);
      expect(binderXml).toContain(title);
    }
    // Cells may be set on several lines (between words): the text, runs joined.
    expect(binderXml.replace(/<[^>]+>/g, '')).toContain('钱组长（参加省纪委培训）');

    // The next year's meeting carries this year's open items, not the closed ones.
    const next = await democratic(api, 2027, '2027-12-20');
    expect(next.rectification.map((r) => r.problem)).toEqual([
      '调查研究不够经常',
      '班子集体学习的深度还不够',
      '创新办法不多',
    ]);
  }, 120_000);

  it('counts talks recorded under 一岗双责 and offers a person’s unmet duty items', async () => {
    const { api, ws } = await organ();
    const m = await democratic(api, 2026, '2026-12-20');
    const lookup: DutiesLookup = {
      talks: (_db, from, to) => {
        expect([from, to]).toEqual(['2026-01-01', '2026-12-20']);
        return [{ a: '李副局长', others: ['王局长', '财务处长'], heldOn: '2026-05-06', summary: '廉政提醒谈话' }];
      },
      unmetItems: (_db, year, name) => (name === '李副局长' && year === 2026 ? ['每年为分管处室讲一次党课'] : []),
    };
    const view = meetingView(ws.database(), m.id, '2026-11-22', lookup);
    expect(view.talkPairs.filter((p) => p.heldOn).map((p) => [p.a, p.b, p.source])).toEqual([
      ['王局长', '李副局长', 'duties'],
      ['李副局长', '财务处长', 'duties'],
    ]);
    expect(view.materials.find((x) => x.owner === '李副局长')!.unmetDuties).toEqual(['每年为分管处室讲一次党课']);
  });
});

describe('a meeting corrected after creation', () => {
  it('edits the basics, checks them on the meeting as it would become, and logs each change', async () => {
    const { api, setToday } = await organ('2026-11-22');
    const m = await democratic(api, 2026, '2026-12-20');
    await api('meetings.update', { meetingId: m.id, planReportedOn: '2026-11-20' });
    let v = await api('meetings.update', {
      meetingId: m.id,
      theme: '以学铸魂、以学增智',
      heldOn: '2026-12-28',
      place: '五楼会议室',
      presider: '王局长',
      recorder: '办公室刘秘书',
      superiorAttendees: '市纪委监委驻局纪检组',
    });
    expect(v).toMatchObject({
      theme: '以学铸魂、以学增智',
      heldOn: '2026-12-28',
      place: '五楼会议室',
      recorder: '办公室刘秘书',
      superiorAttendees: '市纪委监委驻局纪检组',
    });
    // The step dates follow the meeting day.
    expect(v.steps.find((s) => s.key === 'report')!.dueOn).toBe('2027-01-12');
    v = await api('meetings.update', { meetingId: m.id, place: '', superiorAttendees: null });
    expect([v.place, v.superiorAttendees]).toEqual([null, null]);

    const before = await api('meetings.get', { meetingId: m.id });
    expect((await rejection(api('meetings.update', { meetingId: m.id, heldOn: '2028-01-05' }))).message).toBe(
      '会议日期“2028-01-05”不在2026年度（可推迟到次年初）',
    );
    expect((await rejection(api('meetings.update', { meetingId: m.id, heldOn: '2026-11-19' }))).message).toBe(
      '方案报上级日期“2026-11-20”晚于会议日期“2026-11-19”',
    );
    expect((await rejection(api('meetings.update', { meetingId: m.id, theme: '  ' }))).message).toContain('会议主题');
    expect((await rejection(api('meetings.update', { meetingId: m.id, specialTrigger: 'cases' }))).message).toBe(
      '民主生活会不填召开原因，只有专题民主生活会填写',
    );
    expect(await api('meetings.get', { meetingId: m.id })).toEqual(before);

    // Once held, the day cannot move past today.
    setToday('2026-12-28');
    await api('meetings.setAttendance', { meetingId: m.id, present: m.people.map((p) => p.id) });
    await api('meetings.update', { meetingId: m.id, heldDone: true });
    expect((await rejection(api('meetings.update', { meetingId: m.id, heldOn: '2026-12-30' }))).message).toBe(
      '会议日期2026-12-30还没到，不能记为已召开',
    );
    await api('meetings.update', { meetingId: m.id, heldOn: '2026-12-27' });

    const log = (await api('audit.list', { entity: 'meeting' })).filter((e) => e.action === 'update');
    expect(log.map((e) => [e.before!.held_on, e.after!.held_on])).toContainEqual(['2026-12-20', '2026-12-28']);
    expect(log.some((e) => e.before!.theme !== e.after!.theme && e.after!.theme === '以学铸魂、以学增智')).toBe(true);
  });

  it('corrects attendance with the two-thirds rule, and refuses absences that do not fit', async () => {
    const { api, setToday } = await organ('2026-12-20');
    const m = await democratic(api, 2026, '2026-12-20');
    const [wang, li, zhao, qian, sun] = m.people.map((p) => p.id) as [number, number, number, number, number];
    let v = await api('meetings.setAttendance', {
      meetingId: m.id,
      present: [wang, li, zhao],
      absences: [
        { personId: qian, reason: '因病请假' },
        { personId: sun, reason: '因公出差' },
      ],
    });
    expect(v.attendance).toMatchObject({
      due: 5,
      present: 3,
      ok: false,
      message: '应到5人，实到3人，不足应到人数的三分之二（至少4人），会议不能召开',
    });
    expect(v.people.filter((p) => !p.present).map((p) => [p.name, p.absenceReason])).toEqual([
      ['钱组长', '因病请假'],
      ['孙副局长', '因公出差'],
    ]);

    const before = await api('meetings.get', { meetingId: m.id });
    expect(
      (
        await rejection(
          api('meetings.setAttendance', {
            meetingId: m.id,
            present: [wang, li],
            absences: [{ personId: li, reason: '请假' }],
          }),
        )
      ).message,
    ).toBe('“李副局长”已记为到会，不能同时填写缺席原因“请假”');
    expect((await rejection(api('meetings.setAttendance', { meetingId: m.id, present: [wang, 999] }))).message).toBe(
      '参会人员编号 999 不在这次会议的名单中',
    );
    expect(
      (
        await rejection(
          api('meetings.setAttendance', {
            meetingId: m.id,
            present: [wang],
            absences: [{ personId: 998, reason: '请假' }],
          }),
        )
      ).message,
    ).toBe('缺席人员编号 998 不在这次会议的名单中');
    expect(
      (await rejection(api('meetings.setAttendance', { meetingId: m.id, present: [wang, wang, li, zhao] }))).message,
    ).toBe('到会人员“王局长”重复');
    expect((await rejection(api('meetings.update', { meetingId: m.id, heldDone: true }))).message).toBe(
      '应到5人，实到3人，不足应到人数的三分之二（至少4人），会议不能召开',
    );
    expect(await api('meetings.get', { meetingId: m.id })).toEqual(before);

    v = await api('meetings.setAttendance', {
      meetingId: m.id,
      present: [wang, li, zhao, qian],
      absences: [{ personId: sun, reason: '因公出差' }],
    });
    expect(v.people.find((p) => p.id === sun)).toMatchObject({ present: false, absenceReason: '因公出差' });
    v = await api('meetings.update', { meetingId: m.id, heldDone: true });
    expect(v.heldDone).toBe(true);
    // A meeting on record as held keeps its two thirds.
    expect(
      (await rejection(api('meetings.setAttendance', { meetingId: m.id, present: [wang, li, zhao] }))).message,
    ).toBe('会议已记为召开，到会人数不能改为：应到5人，实到3人，不足应到人数的三分之二（至少4人），会议不能召开');
    setToday('2026-12-21');
    v = await api('meetings.setAttendance', {
      meetingId: m.id,
      present: [wang, li, zhao, sun],
      absences: [{ personId: qian, reason: '因病请假' }],
    });
    expect(v.people.find((p) => p.id === sun)).toMatchObject({ present: true, absenceReason: null });
    const minutes = await api('documents.preview', { id: 'meeting-minutes', params: { meetingId: m.id } });
    expect(minutes.html).toContain('缺席：钱组长（因病请假）');
  });

  it('keeps why a 专题民主生活会 was called and says it in the plan, minutes and report', async () => {
    const { api } = await organ('2026-08-20');
    const base = {
      kind: 'special' as const,
      year: 2026,
      theme: '巡察整改专题民主生活会',
      heldOn: '2026-08-28',
      people: TEAM,
    };
    expect((await rejection(api('meetings.create', base))).message).toBe(
      '专题民主生活会须选择召开原因（遇到重要或者普遍性问题、出现重大决策失误或者应对突发事件不力、纪律检查、巡视巡察、审计发现严重问题、发生违纪违法案件、其他情形）',
    );
    expect((await rejection(api('meetings.create', { ...base, specialTrigger: 'other' }))).message).toBe(
      '召开原因为“其他情形”时，请写明具体原因',
    );
    expect(
      (await rejection(api('meetings.create', { ...base, specialTrigger: 'audit' as 'cases' }))).message,
    ).toContain('召开原因只能是');
    expect(await api('meetings.list', {})).toEqual([]);

    let m = await api('meetings.create', {
      ...base,
      specialTrigger: 'inspectionFindings',
      specialReason: '市委第三巡察组反馈指出选人用人方面存在问题',
    });
    expect(m).toMatchObject({
      specialTrigger: 'inspectionFindings',
      specialReason: '市委第三巡察组反馈指出选人用人方面存在问题',
    });
    expect((await rejection(api('meetings.update', { meetingId: m.id, specialTrigger: null }))).message).toContain(
      '专题民主生活会须选择召开原因',
    );
    m = await api('meetings.update', {
      meetingId: m.id,
      specialTrigger: 'cases',
      specialReason: '原财务处长严重违纪违法被立案审查',
    });
    const reason = '因发生违纪违法案件（原财务处长严重违纪违法被立案审查），经上级党组织同意，';
    const drafts = await api('meetings.drafts', { meetingId: m.id });
    expect(drafts.plan.split('\n')[0]).toBe(
      `${reason}为认真开好2026年度专题民主生活会，根据上级有关要求，结合实际，制定本方案。`,
    );
    // Not yet held: the report's draft says when it is to be held, not that it was.
    expect(drafts.report.split('\n')[0]).toMatch(
      new RegExp(`^${reason.replace(/[()（）]/g, '.')}某某局2026年度专题民主生活会拟于2026年8月28日召开`),
    );
    const plan = await api('documents.preview', { id: 'meeting-plan', params: { meetingId: m.id } });
    const file = path.join(tempDir(), 'plan.pdf');
    fs.writeFileSync(file, Buffer.from(plan.pdf, 'base64'));
    expect(
      readPdfLayout(file)
        .map((p) => p.text)
        .join('')
        .replace(/\s+/g, ''),
    ).toContain('因发生违纪违法案件（原财务处长严重违纪违法被立案审查）');
    screenshotPages(file, 'meetings-special-plan');
    expect((await api('documents.preview', { id: 'meeting-minutes', params: { meetingId: m.id } })).html).toContain(
      '召开原因：发生违纪违法案件（原财务处长严重违纪违法被立案审查）',
    );
    // The log names the change.
    const log = (await api('audit.list', { entity: 'meeting' })).find((e) => e.action === 'update')!;
    expect([log.before!.special_trigger, log.after!.special_trigger]).toEqual(['inspectionFindings', 'cases']);
  }, 60_000);

  it('records each study session’s attendance from the meeting’s people and prints absentees with reasons', async () => {
    const { api } = await organ('2026-11-22');
    const m = await democratic(api, 2026, '2026-12-20');
    const pid = (name: string) => m.people.find((p) => p.name === name)!.id;
    const all = m.people.map((p) => p.id);
    let v = await api('meetings.addStudy', {
      meetingId: m.id,
      heldOn: '2026-11-10',
      content: '集中学习党章',
      present: all.filter((id) => id !== pid('孙副局长')),
      absences: [{ personId: pid('孙副局长'), reason: '因公出差' }],
    });
    const study = v.studies[0]!;
    expect(study.attendees.map((a) => [a.name, a.present, a.absenceReason])).toEqual([
      ['王局长', true, null],
      ['李副局长', true, null],
      ['赵副局长', true, null],
      ['钱组长', true, null],
      ['孙副局长', false, '因公出差'],
    ]);

    const before = await api('meetings.get', { meetingId: m.id });
    expect(
      (
        await rejection(
          api('meetings.addStudy', { meetingId: m.id, heldOn: '2026-11-11', content: '学习', present: [] }),
        )
      ).message,
    ).toBe('请勾选参加这次学习研讨的人员');
    expect(
      (
        await rejection(
          api('meetings.addStudy', { meetingId: m.id, heldOn: '2026-11-11', content: '学习', present: [777] }),
        )
      ).message,
    ).toBe('参会人员编号 777 不在这次会议的名单中');
    expect(
      (
        await rejection(
          api('meetings.updateStudy', {
            meetingId: m.id,
            studyId: study.id,
            heldOn: '2026-11-10',
            content: '集中学习党章',
            present: all,
            absences: [{ personId: pid('王局长'), reason: '开会' }],
          }),
        )
      ).message,
    ).toBe('“王局长”已记为到会，不能同时填写缺席原因“开会”');
    expect(
      (
        await rejection(
          api('meetings.updateStudy', {
            meetingId: m.id,
            studyId: 555,
            heldOn: '2026-11-10',
            content: '集中学习党章',
            present: all,
          }),
        )
      ).message,
    ).toBe('找不到编号为 555 的学习研讨');
    expect(await api('meetings.get', { meetingId: m.id })).toEqual(before);

    // Corrected: 孙副局长 was there after all, 钱组长 was not.
    v = await api('meetings.updateStudy', {
      meetingId: m.id,
      studyId: study.id,
      heldOn: '2026-11-10',
      content: '集中学习党章党规',
      present: all.filter((id) => id !== pid('钱组长')),
      absences: [{ personId: pid('钱组长'), reason: '因病请假' }],
    });
    expect(v.studies[0]!.attendees.filter((a) => !a.present).map((a) => [a.name, a.absenceReason])).toEqual([
      ['钱组长', '因病请假'],
    ]);
    const changed = (await api('audit.list', { entity: 'meeting_study_person' })).filter((e) => e.action === 'update');
    expect(changed.map((e) => [e.before!.present, e.after!.present, e.after!.absence_reason]).sort()).toEqual([
      [0, 1, null],
      [1, 0, '因病请假'],
    ]);

    const record = await api('documents.preview', { id: 'meeting-study', params: { meetingId: m.id } });
    const file = path.join(tempDir(), 'study.pdf');
    fs.writeFileSync(file, Buffer.from(record.pdf, 'base64'));
    const text = readPdfLayout(file)
      .map((p) => p.text)
      .join('')
      .replace(/\s+/g, '');
    for (const expected of [
      '2026年度民主生活会学习研讨记录',
      '集中学习党章党规',
      '缺席及原因',
      '应到5人，实到4人：',
      '钱组长',
      '（因病请假）',
    ])
      expect(text).toContain(expected);
    // Whole cells, as printed (the PDF's text interleaves the columns of a row).
    for (const cell of ['应到5人，实到4人：王局长、李副局长、赵副局长、孙副局长', '钱组长（因病请假）'])
      expect(record.html.replace(/<wbr>|<br>/g, '')).toContain(cell);
    screenshotPages(file, 'meetings-study-record');

    // Removing the session removes its attendance too.
    v = await api('meetings.removeEntry', { meetingId: m.id, entry: 'study', id: study.id });
    expect(v.studies).toEqual([]);
  }, 60_000);
});

describe('民主生活会 and 一岗双责 agree', () => {
  it('counts talks recorded under 一岗双责 (not voided) and shows the unmet items the 一岗双责 screens show', async () => {
    const { api, setToday } = await organ('2026-11-22');
    const wang = await api('duties.addLeader', { year: 2026, name: '王局长', role: 'secretary' });
    const li = await api('duties.addLeader', { year: 2026, name: '李副局长', role: 'deputy', divisions: ['财务处'] });
    const quarterly = await api('duties.addItem', {
      year: 2026,
      leaderId: li.id,
      category: '党的建设',
      content: '参加双重组织生活',
      rule: { kind: 'periodic', per: 'quarter', times: 1 },
    });
    const yearly = await api('duties.addItem', {
      year: 2026,
      leaderId: li.id,
      category: '党的建设',
      content: '为分管处室讲党课',
      rule: { kind: 'periodic', per: 'year', times: 1 },
    });
    await api('duties.addItem', {
      year: 2026,
      leaderId: li.id,
      category: '党风廉政',
      content: '听取分管处室党风廉政汇报',
      rule: { kind: 'periodic', per: 'halfYear', times: 1 },
    });
    // Done in the first and third quarters only: the second stays missed, though records exist.
    for (const on of ['2026-02-10', '2026-08-10'])
      await api('duties.addRecord', {
        leaderId: li.id,
        occurredOn: on,
        kind: 'dualLife',
        subject: '参加所在党支部组织生活',
        itemIds: [quarterly.id],
      });
    await api('duties.addRecord', {
      leaderId: li.id,
      occurredOn: '2026-04-01',
      kind: 'partyLecture',
      subject: '为财务处讲党课',
      itemIds: [yearly.id],
    });
    await api('duties.addRecord', {
      leaderId: wang.id,
      occurredOn: '2026-05-06',
      kind: 'talk',
      subject: '谈心谈话',
      counterparts: [{ name: '李副局长', leaderId: li.id }],
      summary: '互相提醒',
    });
    await api('duties.addRecord', {
      leaderId: li.id,
      occurredOn: '2026-06-08',
      kind: 'integrityTalk',
      subject: '提醒谈话',
      counterparts: [{ name: '财务处长' }],
    });
    const wrong = await api('duties.addRecord', {
      leaderId: wang.id,
      occurredOn: '2026-05-07',
      kind: 'talk',
      subject: '谈心谈话',
      counterparts: [{ name: '赵副局长' }],
    });
    await api('duties.voidRecord', { id: wrong.id, reason: '录错了人' });

    const m = await democratic(api, 2026, '2026-12-20');
    expect(m.talkPairs.filter((p) => p.heldOn).map((p) => [p.a, p.b, p.heldOn, p.source])).toEqual([
      ['王局长', '李副局长', '2026-05-06', 'duties'],
      ['李副局长', '财务处长', '2026-06-08', 'duties'],
    ]);
    expect(m.talkPairs.find((p) => p.a === '王局长' && p.b === '赵副局长')!.heldOn).toBeNull();

    // The same items, in the same order, with the same judgement as the 一岗双责 module gives.
    const unmet = await api('duties.unmetItems', { year: 2026, name: '李副局长' });
    expect(unmet.map((u) => u.content)).toEqual(['参加双重组织生活', '听取分管处室党风廉政汇报']);
    const li26 = m.materials.find((x) => x.owner === '李副局长')!;
    expect(li26.unmetDuties).toEqual(unmet.map((u) => `${u.content}：${u.summary}`));
    expect(li26.unmetDuties[0]).toContain('第二季度');
    expect(m.materials.find((x) => x.owner === '赵副局长')!.unmetDuties).toEqual([]);

    // Recorded later under 一岗双责, the fourth quarter's work shows at once on the meeting page.
    await api('duties.addRecord', {
      leaderId: li.id,
      occurredOn: '2026-11-20',
      kind: 'dualLife',
      subject: '参加所在党支部组织生活',
      itemIds: [quarterly.id],
    });
    const again = await api('meetings.get', { meetingId: m.id });
    expect(again.materials.find((x) => x.owner === '李副局长')!.unmetDuties).toEqual(
      (await api('duties.unmetItems', { year: 2026, name: '李副局长' })).map((u) => `${u.content}：${u.summary}`),
    );

    // After the meeting, the items stay as they stood on the meeting day.
    setToday('2026-12-20');
    const onTheDay = (await api('duties.unmetItems', { year: 2026, name: '李副局长' })).map(
      (u) => `${u.content}：${u.summary}`,
    );
    setToday('2027-02-01');
    const later = await api('meetings.get', { meetingId: m.id });
    expect(later.materials.find((x) => x.owner === '李副局长')!.unmetDuties).toEqual(onTheDay);
  });
});

describe('a held 民主生活会 completes the 一岗双责 item about it', () => {
  it('counts the meeting as the 生活会 module records it: held, for the team and for those present', async () => {
    const { api, setToday } = await organ('2026-11-22');
    const wang = await api('duties.addLeader', { year: 2026, name: '王局长', role: 'secretary' });
    const sun = await api('duties.addLeader', { year: 2026, name: '孙副局长', role: 'deputy' });
    await api('duties.addFromLibrary', { year: 2026, leaderId: null, keys: ['lib:team:3'] });
    const teamItem = () =>
      api('duties.items', { year: 2026, leaderId: null }).then((items) =>
        items.find((i) => i.content === '召开领导班子民主生活会')!,
      );
    const attend = (leaderId: number) =>
      api('duties.addItem', {
        year: 2026,
        leaderId,
        category: '党的建设',
        content: '参加领导班子民主生活会，开展批评和自我批评',
        rule: { kind: 'periodic', per: 'year', times: 1 },
      });
    await attend(wang.id);
    await attend(sun.id);
    expect((await teamItem()).progress.yearDone).toBe(0);

    const m = await democratic(api, 2026, '2026-12-20');
    setToday('2026-12-20');
    // Recorded, but not yet held: not done.
    expect((await teamItem()).progress.yearDone).toBe(0);
    await api('meetings.setAttendance', {
      meetingId: m.id,
      present: m.people.filter((p) => p.name !== '孙副局长').map((p) => p.id),
      absences: [{ personId: m.people.find((p) => p.name === '孙副局长')!.id, reason: '因公出差' }],
    });
    await api('meetings.update', { meetingId: m.id, heldDone: true });

    const item = await teamItem();
    expect(item.progress).toMatchObject({ state: 'met', yearDone: 1 });
    expect(item.meetings).toEqual([{ id: m.id, heldOn: '2026-12-20', name: '2026年度民主生活会' }]);
    expect(item.progress.summary).not.toContain('0/1');
    // The person present has it; the one away has not.
    const personal = async (leaderId: number) =>
      (await api('duties.items', { year: 2026, leaderId })).find((i) =>
        i.content.startsWith('参加领导班子民主生活会'),
      )!;
    expect((await personal(wang.id)).progress.state).toBe('met');
    expect((await personal(sun.id)).meetings).toEqual([]);
    // No reminder about it any more; the 述责述廉 draft says when it was held.
    const reminders = await api('reminders.list', {});
    expect(reminders.filter((r) => r.kind.startsWith('duties') && r.subject.kind === 'duties')).toEqual([]);
    const report = await api('duties.report', { leaderId: wang.id });
    expect(report.draft).toContain('12月20日召开2026年度民主生活会');
  });
});

describe('组织生活会 with 民主评议党员', () => {
  it('grades full members with 优秀 at most a third, probationary members ungraded, and prints the tally', async () => {
    const { api } = await organ('2026-12-15');
    const people = [
      { name: '甲', role: 'full' as const },
      { name: '乙', role: 'full' as const },
      { name: '丙', role: 'full' as const },
      { name: '丁', role: 'full' as const },
      { name: '戊', role: 'full' as const },
      { name: '己', role: 'full' as const },
      { name: '庚', role: 'probationary' as const },
    ];
    let m = await api('meetings.create', {
      kind: 'branch',
      year: 2026,
      unitId: 2,
      theme: '对照党章党规找差距',
      heldOn: '2026-12-12',
      presider: '甲',
      recorder: '乙',
      people,
    });
    expect(m.unitName).toBe('第一党支部');
    expect(m.talkPairs).toHaveLength(21);
    // Only 4 of 7 present: below two thirds, the meeting cannot be marked held.
    const id = m.id;
    await api('meetings.setAttendance', { meetingId: id, present: m.people.slice(0, 4).map((p) => p.id) });
    expect((await rejection(api('meetings.update', { meetingId: id, heldDone: true }))).message).toBe(
      '应到7人，实到4人，不足应到人数的三分之二（至少5人），会议不能召开',
    );
    await api('meetings.setAttendance', { meetingId: id, present: m.people.map((p) => p.id) });
    m = await api('meetings.update', { meetingId: id, heldDone: true });
    const pid = (name: string) => m.people.find((p) => p.name === name)!.id;
    await api('meetings.saveAppraisal', {
      meetingId: id,
      personId: pid('甲'),
      selfAppraisal: '认真履行支部书记职责',
      peerAppraisal: '带头作用明显',
      grade: 'excellent',
    });
    await api('meetings.saveAppraisal', {
      meetingId: id,
      personId: pid('乙'),
      selfAppraisal: '完成本职工作',
      peerAppraisal: '工作踏实',
      grade: 'excellent',
    });
    const over = await rejection(
      api('meetings.saveAppraisal', { meetingId: id, personId: pid('丙'), grade: 'excellent' }),
    );
    expect(over.message).toBe('评为优秀的有3人，超过正式党员6人的三分之一（至多2人）');
    expect(
      (await rejection(api('meetings.saveAppraisal', { meetingId: id, personId: pid('庚'), grade: 'qualified' })))
        .message,
    ).toBe('庚是预备党员，参加评议但不评定等次');
    for (const n of ['丙', '丁', '戊'])
      await api('meetings.saveAppraisal', { meetingId: id, personId: pid(n), grade: 'qualified' });
    await api('meetings.saveAppraisal', { meetingId: id, personId: pid('己'), grade: 'basic' });
    m = await api('meetings.saveAppraisal', {
      meetingId: id,
      personId: pid('庚'),
      selfAppraisal: '努力向正式党员标准看齐',
    });
    expect(m.appraisal).toMatchObject({
      excellentLimit: 2,
      problems: [],
      tally: { excellent: 2, qualified: 3, basic: 1, unqualified: 0, ungraded: 0 },
    });

    const tally = await api('documents.preview', { id: 'meeting-appraisal', params: { meetingId: id } });
    const file = path.join(tempDir(), 'appraisal.pdf');
    fs.writeFileSync(file, Buffer.from(tally.pdf, 'base64'));
    const text = readPdfText(file).replace(/\s+/g, '');
    for (const expected of [
      '2026年度第一党支部民主评议党员结果',
      '正式党员6人，优秀2人，合格3人，基本合格1人，不合格0人；预备党员1人。',
      '不评定等次',
      '至多2人',
    ])
      expect(text).toContain(expected);
    screenshotPages(file, 'meetings-appraisal');
    const binder = await api('documents.preview', {
      id: 'meeting-binder',
      params: { meetingId: id, oddPageStarts: false },
    });
    expect(binder.meta.parts!.at(-1)!.title).toBe('民主评议党员结果');
    // 民主评议 belongs to 组织生活会 only
    const team = await democratic(api, 2026, '2026-12-20');
    expect(
      (
        await rejection(
          api('meetings.saveAppraisal', { meetingId: team.id, personId: team.people[0]!.id, grade: 'qualified' }),
        )
      ).message,
    ).toBe('民主评议党员只在组织生活会中进行');
  }, 60_000);
});
