import { addDays, type IsoDate } from '../../src/shared/dates';
import { addMonthsTo, monthOf, monthRange } from '../../src/shared/dues/months';
import { citizenId } from './people';

/*
 * A year of one organ's party office, shaped as offices have it: three branches of uneven size,
 * members of every age band, 学历 and several 民族, two still probationary; the year's 党费
 * assessed with most months paid and a few members behind; a leadership team with the library's
 * lists and some work recorded; a 民主生活会 well under way and a branch 组织生活会 behind.
 * Seeded through the contract, as the screens would have written it, relative to `today`.
 */

type Api = (channel: string, input: unknown) => Promise<unknown>;

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁';
const GIVEN = [
  '伟',
  '芳',
  '娜',
  '秀英',
  '敏',
  '静',
  '丽',
  '强',
  '磊',
  '军',
  '洋',
  '勇',
  '艳',
  '杰',
  '娟',
  '涛',
  '明',
  '超',
  '霞',
  '平',
];
const EDUCATIONS = [
  'masters',
  'bachelor',
  'bachelor',
  'bachelor',
  'college',
  'doctorate',
  'bachelor',
  'secondaryVocational',
];
const ETHNICITIES = ['汉族', '汉族', '汉族', '汉族', '汉族', '汉族', '回族', '汉族', '满族', '汉族', '壮族', '汉族'];

export interface OfficeYear {
  memberIds: number[];
  democraticMeetingId: number;
  branchMeetingId: number;
}

export async function seedOfficeYear(api: Api, today: IsoDate): Promise<OfficeYear> {
  const year = Number(today.slice(0, 4));
  await api('organ.setup', {
    organName: '某某市财政局',
    committeeKind: 'committee',
    committeeName: '中共某某市财政局机关委员会',
    superiorName: '中共某某市直属机关工作委员会',
    branches: ['机关第一党支部', '机关第二党支部', '离退休干部党支部'],
  });
  const sizes: [number, number][] = [
    [2, 18],
    [3, 14],
    [4, 8],
  ];
  const memberIds: number[] = [];
  let serial = 0;
  for (const [branchId, size] of sizes)
    for (let i = 0; i < size; i++) {
      serial += 1;
      const retired = branchId === 4;
      const age = retired ? 63 + ((serial * 3) % 15) : 24 + ((serial * 7) % 36);
      const birth = `${year - age}-${String(1 + (serial % 12)).padStart(2, '0')}-${String(1 + (serial % 27)).padStart(2, '0')}`;
      const male = serial % 3 !== 0;
      const probationary = serial === 5 || serial === 23;
      const admitted = probationary
        ? addDays(today, -120 - serial)
        : `${Math.max(year - age + 23, 1975) + (serial % 5)}-07-01`;
      const added = (await api('roster.add', {
        fields: {
          name: `${SURNAMES[serial % SURNAMES.length]}${GIVEN[(serial * 7) % GIVEN.length]}`,
          gender: male ? 'male' : 'female',
          citizenId: citizenId(birth, male ? 'male' : 'female', serial),
          ethnicity: ETHNICITIES[serial % ETHNICITIES.length],
          education: EDUCATIONS[serial % EDUCATIONS.length],
          branchId,
          admittedOn: admitted,
          fullMembershipOn: probationary ? null : `${Number(admitted.slice(0, 4)) + 1}${admitted.slice(4)}`,
          employmentCategory: retired ? 'retired' : 'employed',
          jobTitle: retired ? null : '科员',
        },
      })) as { id: number };
      memberIds.push(added.id);
    }

  // 党费: the year assessed and locked, paid month by month, four members behind.
  await api('dues.assess', { year });
  for (const [i, memberId] of memberIds.entries()) {
    const retired = i >= 32;
    await api('dues.setTerms', {
      year,
      memberId,
      terms: {
        category: retired ? 'retired' : 'employed',
        baseFen: retired ? 420_000 + i * 1000 : 560_000 + i * 9_000,
      },
    });
  }
  await api('dues.lock', { year });
  const month = monthOf(today);
  const behind = new Map([
    [memberIds[3]!, 4],
    [memberIds[11]!, 2],
    [memberIds[20]!, 1],
    [memberIds[35]!, 1],
  ]);
  const assessment = (await api('dues.assessment', { year })) as {
    rows: { memberId: number; startMonth: string; current: { amountFen: number | null } }[];
  };
  const paying = assessment.rows.flatMap((row) =>
    monthRange(row.startMonth, month)
      .filter((m) => m <= addMonthsTo(month, -(behind.get(row.memberId) ?? 0)))
      .map((m) => ({ memberId: row.memberId, month: m, paidFen: row.current.amountFen ?? 0 })),
  );
  if (paying.length) await api('dues.recordPayments', { paidOn: today, acknowledge: true, entries: paying });

  // 一岗双责: a team of four, the library's lists, some work recorded.
  const team = [
    { name: '王建国', role: 'secretary' },
    { name: '李红梅', role: 'deputy' },
    { name: '赵志强', role: 'deputy' },
    { name: '钱卫东', role: 'discipline' },
  ];
  const leaderIds: number[] = [];
  for (const t of team) leaderIds.push(((await api('duties.addLeader', { year, ...t })) as { id: number }).id);
  const library = (await api('duties.library', {})) as { items: { key: string; owner: string }[] };
  await api('duties.addFromLibrary', {
    year,
    leaderId: null,
    keys: library.items.filter((i) => i.owner === 'team').map((i) => i.key),
  });
  for (const [i, leaderId] of leaderIds.entries())
    await api('duties.addFromLibrary', {
      year,
      leaderId,
      keys: library.items.filter((x) => x.owner === (i === 0 ? 'secretary' : 'member')).map((x) => x.key),
    });
  for (const [i, leaderId] of leaderIds.entries()) {
    const items = (await api('duties.items', { year, leaderId })) as { id: number; content: string }[];
    for (const [j, item] of items.slice(0, 3 + i).entries())
      await api('duties.addRecord', {
        leaderId,
        occurredOn: addDays(today, -20 - j * 40),
        kind: 'other',
        subject: item.content.slice(0, 20),
        itemIds: [item.id],
      });
  }

  // 民主生活会 in three weeks: plan reported, studies held; 组织生活会 of the first branch, behind.
  const people = team.map((t, i) => ({
    name: t.name,
    role: i === 0 ? 'principal' : 'member',
    title: i === 0 ? '党组书记、局长' : '党组成员、副局长',
    divisionHeads: [],
  }));
  const democratic = (await api('meetings.create', {
    kind: 'democratic',
    year,
    theme: '深入学习贯彻党的创新理论，凝心铸魂强根基',
    heldOn: addDays(today, 21),
    place: '机关三楼会议室',
    presider: '王建国',
    people,
  })) as { id: number; people: { id: number }[] };
  await api('meetings.update', { meetingId: democratic.id, planReportedOn: addDays(today, -2) });
  await api('meetings.addStudy', {
    meetingId: democratic.id,
    heldOn: addDays(today, -1),
    content: '集中学习党的创新理论',
    present: democratic.people.map((p) => p.id),
  });
  const branchMembers = (await api('roster.search', { branchIds: [2], limit: 100 })) as {
    rows: { name: string; category: string }[];
  };
  const branch = (await api('meetings.create', {
    kind: 'branch',
    year,
    unitId: 2,
    theme: '对照党章党规，查找差距不足',
    heldOn: addDays(today, 5),
    people: branchMembers.rows.map((m) => ({
      name: m.name,
      role: m.category === 'full' ? 'full' : 'probationary',
    })),
  })) as { id: number };
  return { memberIds, democraticMeetingId: democratic.id, branchMeetingId: branch.id };
}
