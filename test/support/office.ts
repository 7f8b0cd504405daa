import type { IsoDate } from '../../src/shared/dates';
import { citizenId, memberFields } from './people';
import { tempWorkspace } from './temp-workspace';

/*
 * An office as it is by December: a 机关党委 with long branch names (离退休干部党支部 among them),
 * members with the names, 学历 and posts real rosters have, the year's dues assessed, collected and
 * partly in arrears, money remitted and spent, the 一岗双责 team with lists, records and a report,
 * and a 民主生活会 and a 组织生活会 with every step on record. Every registered document has
 * something true to print from it.
 */

export const OFFICE_TODAY: IsoDate = '2026-12-28';

export const OFFICE_SETUP = {
  organName: '某某市发展和改革委员会',
  committeeKind: 'committee' as const,
  committeeName: '中共某某市发展和改革委员会机关委员会',
  superiorName: '中共某某市直属机关工作委员会',
  branches: ['机关第一党支部', '机关第二党支部', '离退休干部党支部'],
};

const SURNAMES =
  '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文';
const GIVEN = [
  '磊',
  '伟',
  '芳',
  '娜',
  '敏',
  '静',
  '丽',
  '强',
  '军',
  '洋',
  '建国',
  '海燕',
  '志强',
  '秀英',
  '晓东',
  '文华',
  '明辉',
  '雅琴',
  '国庆',
  '红梅',
  '卫东',
  '玉兰',
  '振华',
  '春生',
];
const JOBS = [
  '办公室主任',
  '综合规划处副处长',
  '固定资产投资处四级调研员',
  '价格收费管理处科员',
  '机关党委专职副书记',
  '人事处一级主任科员',
  '财务审计处处长',
  '法规处科员',
  '信息中心工程师',
  '离休干部',
  '退休干部',
];
const EDUCATION = ['masters', 'bachelor', 'bachelor', 'college', 'doctorate', 'juniorOrBelow'] as const;

export interface Office {
  api: ReturnType<typeof tempWorkspace>['api'];
  ws: ReturnType<typeof tempWorkspace>['ws'];
  setToday(date: IsoDate): void;
  members: { id: number; name: string; branchId: number; retired: boolean }[];
  democraticId: number;
  branchMeetingId: number;
  leaders: { id: number; name: string }[];
}

/** Builds the office. `members` sets the size of the roster (the dues tables grow with it). */
export async function populatedOffice(options: { members?: number } = {}): Promise<Office> {
  const count = options.members ?? 36;
  const t = tempWorkspace({ today: '2026-01-05' });
  const { api } = t;
  await api('organ.setup', OFFICE_SETUP);
  const units = await api('org.units', {});
  const branchIds = OFFICE_SETUP.branches.map((name) => units.find((u) => u.name === name)!.id);

  const members: Office['members'] = [];
  for (let i = 0; i < count; i++) {
    const name = `${SURNAMES[i % SURNAMES.length]}${GIVEN[(i * 7) % GIVEN.length]}`;
    const retired = i % 6 === 5;
    const branchId = retired ? branchIds[2]! : branchIds[i % 2]!;
    const gender = i % 3 === 1 ? 'female' : 'male';
    const birth = `${retired ? 1948 + (i % 10) : 1968 + (i % 28)}-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 27) + 1).padStart(2, '0')}`;
    const added = await api('roster.add', {
      fields: memberFields({
        name: members.some((m) => m.name === name) ? `${name}${i}` : name,
        gender,
        citizenId: citizenId(birth, gender, i + 1),
        ethnicity: i % 9 === 4 ? '维吾尔族' : i % 11 === 3 ? '回族' : '汉族',
        education: EDUCATION[i % EDUCATION.length],
        branchId,
        admittedOn: `${Number(birth.slice(0, 4)) + 24}-07-01`,
        fullMembershipOn: `${Number(birth.slice(0, 4)) + 25}-07-01`,
        jobTitle: retired ? JOBS[9 + (i % 2)] : JOBS[i % 9],
        phone: `139${String(10_000_000 + i * 7919).slice(-8)}`,
        employmentCategory: retired ? 'retired' : 'employed',
      }),
    });
    members.push({ id: added.id, name: added.name, branchId, retired });
  }

  // 党费: the year assessed from real bases, locked, collected month by month with a few gaps.
  await api('dues.updateSettings', { remittanceShareBp: 5_000 });
  await api('dues.assess', { year: 2026 });
  for (const [i, m] of members.entries())
    await api('dues.setTerms', {
      year: 2026,
      memberId: m.id,
      terms: m.retired
        ? { category: 'retired', baseFen: 420_000 + i * 13_57 }
        : { category: 'employed', baseFen: 580_000 + i * 31_77 },
    });
  await api('dues.lock', { year: 2026 });
  const assessment = await api('dues.assessment', { year: 2026 });
  const due = new Map(assessment.rows.map((r) => [r.memberId, r.current.amountFen ?? 0]));
  let receipt = 1;
  for (let month = 1; month <= 11; month++) {
    const m = `2026-${String(month).padStart(2, '0')}`;
    t.setToday(`2026-${String(month).padStart(2, '0')}-15` as IsoDate);
    const entries = members
      .filter((x, i) => !(i % 13 === 7 && month >= 5) && !(i % 17 === 3 && month % 4 === 0))
      .map((x) => ({
        memberId: x.id,
        month: m,
        paidFen: due.get(x.id)!,
        receiptNo: `DF2026-${String(receipt++).padStart(5, '0')}`,
      }));
    await api('dues.recordPayments', { paidOn: `${m}-12` as IsoDate, entries });
  }
  t.setToday('2026-12-10');
  await api('dues.recordFund', { kind: 'opening', on: '2026-01-01', amountFen: 1_284_650 });
  await api('dues.recordFund', {
    kind: 'remittance',
    on: '2026-07-08',
    amountFen: 600_000,
    duesYear: 2026,
    counterpart: OFFICE_SETUP.superiorName,
    documentNo: 'SJ-2026-0031',
  });
  await api('dues.recordFund', {
    kind: 'expenditure',
    on: '2026-09-18',
    amountFen: 186_000,
    purpose: 'training',
    description: '购买党员教育学习资料和“学习强国”专题读本',
    documentNo: 'PZ-2026-0917',
    decisionBody: '机关党委会议',
    decisionOn: '2026-09-10',
    decisionRef: '机党会纪〔2026〕9号',
  });
  const behind = members[7]!;
  await api('dues.decideCase', {
    memberId: behind.id,
    streakFrom: '2026-05',
    decision: 'deadline',
    decidedOn: '2026-11-20',
    decidedBy: '机关第二党支部支委会',
    deadline: '2027-01-31',
  });

  // 一岗双责: the team, their lists from the library, a year of records and a report.
  t.setToday('2026-01-10');
  const secretary = await api('duties.addLeader', {
    year: 2026,
    memberId: members[0]!.id,
    role: 'secretary',
    title: '党组书记、主任',
    divisions: ['办公室', '人事处'],
    branchIds: [branchIds[0]!],
  });
  const deputy = await api('duties.addLeader', {
    year: 2026,
    memberId: members[1]!.id,
    role: 'deputy',
    title: '党组成员、副主任',
    divisions: ['综合规划处', '固定资产投资处', '价格收费管理处'],
    branchIds: [branchIds[1]!],
  });
  const library = await api('duties.library', {});
  for (const leader of [secretary, deputy]) {
    const owner = leader.role === 'secretary' ? 'secretary' : 'member';
    const keys = library.items.filter((it) => it.owner === owner).map((it) => it.key);
    await api('duties.addFromLibrary', { year: 2026, leaderId: leader.id, keys });
  }
  await api('duties.addFromLibrary', {
    year: 2026,
    leaderId: null,
    keys: library.items.filter((it) => it.owner === 'team').map((it) => it.key),
  });
  const items = await api('duties.items', { year: 2026, leaderId: deputy.id });
  for (const [q, month] of [3, 6, 9, 11].entries()) {
    t.setToday(`2026-${String(month).padStart(2, '0')}-28` as IsoDate);
    await api('duties.addRecord', {
      leaderId: deputy.id,
      occurredOn: `2026-${String(month).padStart(2, '0')}-2${q}` as IsoDate,
      kind: 'briefing',
      subject: '听取分管处室党建工作和党风廉政建设情况汇报',
      place: '第三会议室',
      participants: '综合规划处、固定资产投资处、价格收费管理处负责同志',
      itemIds: items.slice(0, 2).map((x) => x.id),
      summary: '逐一听取各处室落实“三会一课”和廉政风险防控情况，对发现的问题提出整改要求。',
    });
    await api('duties.addRecord', {
      leaderId: deputy.id,
      occurredOn: `2026-${String(month).padStart(2, '0')}-1${q}` as IsoDate,
      kind: 'talk',
      subject: '与分管处室负责人谈心谈话',
      counterparts: [{ name: members[3 + q]!.name, memberId: members[3 + q]!.id }],
      itemIds: items.slice(2, 3).map((x) => x.id),
    });
  }
  t.setToday('2026-12-10');
  await api('duties.signLetter', { leaderId: deputy.id, signedOn: '2026-01-08', issuerName: members[0]!.name });

  // 民主生活会: every step on record.
  const people = [
    { name: members[0]!.name, role: 'principal' as const, title: '党组书记、主任', memberId: members[0]!.id },
    {
      name: members[1]!.name,
      role: 'member' as const,
      title: '党组成员、副主任',
      memberId: members[1]!.id,
      divisionHeads: [members[3]!.name],
    },
    { name: members[2]!.name, role: 'member' as const, title: '党组成员、副主任', memberId: members[2]!.id },
  ];
  // Two days before the meeting: every step of the preparation is on record by then (none may be dated later).
  t.setToday('2026-12-16');
  let m = await api('meetings.create', {
    kind: 'democratic',
    year: 2026,
    theme: '深入学习贯彻党的创新理论，担当作为促发展',
    heldOn: '2026-12-18',
    place: '机关第一会议室',
    presider: members[0]!.name,
    recorder: members[4]!.name,
    superiorAttendees: '市直机关工委副书记',
    people,
  });
  const id = m.id;
  const pid = (name: string) => m.people.find((p) => p.name === name)!.id;
  await api('meetings.update', { meetingId: id, planReportedOn: '2026-12-02' });
  m = await api('meetings.addStudy', {
    meetingId: id,
    heldOn: '2026-12-03',
    content: '集中学习党的二十届四中全会精神和习近平总书记关于党的建设的重要思想',
    present: m.people.map((p) => p.id),
  });
  await api('meetings.addStudy', {
    meetingId: id,
    heldOn: '2026-12-08',
    content: '围绕“担当作为促发展”专题研讨交流',
    present: m.people.slice(0, 2).map((p) => p.id),
    absences: [{ personId: m.people[2]!.id, reason: '参加全市重点项目调度会' }],
  });
  const opinions = [
    ['党员', '班子深入基层调研还不够经常，对企业反映的审批难点回应不够及时', '工作作风', []],
    ['下级单位', `${members[1]!.name}同志对分管处室党建工作过问较少`, '一岗双责', [pid(members[1]!.name)]],
    ['服务对象', '项目审批事项办理流程仍需简化，网上办理的说明不够清楚', '为民服务', []],
    ['群众', '机关食堂和停车管理问题反映多次仍未解决', '其他', [pid(members[2]!.name)]],
  ] as const;
  for (const [source, text, category, concerns] of opinions)
    await api('meetings.addOpinion', { meetingId: id, source, text, category, concerns: [...concerns] });
  m = await api('meetings.update', { meetingId: id, opinionsFedBackOn: '2026-12-09' });
  for (const [i, p] of m.talkPairs.entries())
    await api('meetings.addTalk', {
      meetingId: id,
      a: p.a,
      b: p.b,
      heldOn: `2026-12-${String(10 + (i % 4)).padStart(2, '0')}` as IsoDate,
      record: `${p.a}与${p.b}谈心谈话，互相指出问题，交流整改思路。`,
    });
  const problems = [
    {
      theme: '理论学习方面',
      text: '班子集体学习的深度还不够，研讨交流有时流于形式，运用党的创新理论指导发展改革实践还有差距。',
    },
    { theme: '担当作为方面', text: '深入基层调研还不够经常，解决企业和群众急难愁盼问题的办法不多、力度不够。' },
    { theme: '作风建设方面', text: '文件会议仍然偏多，督查检查考核有时层层加码，基层负担减得还不够。' },
  ];
  await api('meetings.saveMaterial', {
    meetingId: id,
    personId: null,
    problems,
    causes:
      '一、理想信念方面\n对加强自身理论武装的紧迫性认识不足。\n二、宗旨意识方面\n以人民为中心的发展思想树得不够牢。',
    measures:
      '一、持续强化理论武装\n落实第一议题制度，每月至少开展一次集中学习。\n二、切实转变工作作风\n班子成员每季度至少到基层调研一次。',
  });
  for (const person of m.people)
    await api('meetings.saveMaterial', {
      meetingId: id,
      personId: person.id,
      problems: problems.slice(0, 2),
      causes: '放松了主观世界改造，学习的系统性不强。',
      measures: '制定个人学习计划，带头深入基层调研。',
    });
  for (const person of [null, ...m.people.map((p) => p.id)])
    await api('meetings.reviewMaterial', {
      meetingId: id,
      personId: person,
      status: 'final',
      reviewedBy: '市直机关工委',
    });
  t.setToday('2026-12-18');
  await api('meetings.setAttendance', { meetingId: id, present: m.people.map((p) => p.id) });
  for (const [order, person] of m.people.entries())
    await api('meetings.saveSpeech', {
      meetingId: id,
      personId: person.id,
      order: order + 1,
      selfCriticism: '对照会议主题，深入查摆了理论学习、担当作为、作风建设三个方面的问题，剖析了思想根源。',
      criticisms: m.people
        .filter((x) => x.id !== person.id)
        .map((x) => ({ fromPersonId: x.id, text: '希望更多深入分管领域一线，帮助基层解决实际困难。' })),
      response: '诚恳接受大家的批评意见，逐条制定整改措施。',
    });
  await api('meetings.update', {
    meetingId: id,
    heldDone: true,
    upperComments: '会议准备充分，查摆问题具体，批评和自我批评辣味足，达到了预期目的。',
  });
  for (const [i, p] of problems.entries())
    await api('meetings.addRectification', {
      meetingId: id,
      problem: p.text,
      measures: '制定专项整改方案，明确时间表、路线图，按月调度推进。',
      responsible: m.people[i % m.people.length]!.name,
      deadline: '2027-06-30',
    });
  t.setToday('2026-12-26');
  await api('meetings.update', { meetingId: id, reportSentOn: '2026-12-26' });

  // 组织生活会 of a branch, with 民主评议.
  const branchMembers = members.filter((x) => x.branchId === branchIds[0]).slice(0, 8);
  t.setToday('2026-12-01');
  let b = await api('meetings.create', {
    kind: 'branch',
    year: 2026,
    unitId: branchIds[0]!,
    theme: '对照党章党规找差距，担当作为促发展',
    heldOn: '2026-12-22',
    place: '机关第二会议室',
    presider: branchMembers[0]!.name,
    people: branchMembers.map((x, i) => ({
      name: x.name,
      role: i === branchMembers.length - 1 ? ('probationary' as const) : ('full' as const),
      memberId: x.id,
    })),
  });
  t.setToday('2026-12-22');
  b = await api('meetings.setAttendance', { meetingId: b.id, present: b.people.map((p) => p.id) });
  for (const [i, person] of b.people.entries())
    await api('meetings.saveAppraisal', {
      meetingId: b.id,
      personId: person.id,
      selfAppraisal: '能够认真学习党的理论，按时交纳党费，积极参加组织生活，立足岗位发挥先锋模范作用。',
      peerAppraisal: '政治立场坚定，工作认真负责，群众基础较好。',
      grade: person.role === 'probationary' ? null : i < 2 ? 'excellent' : 'qualified',
    });

  t.setToday(OFFICE_TODAY);
  const team = await api('duties.team', { year: 2026 });
  return {
    api,
    ws: t.ws,
    setToday: t.setToday,
    members,
    democraticId: id,
    branchMeetingId: b.id,
    leaders: team.map((l) => ({ id: l.id, name: l.name })),
  };
}
