import type { DutyRule } from './rules';

/*
 * 一岗双责: who carries it, what kinds of work are recorded, and a library of typical items to
 * start a list from. The library follows common practice ([P] in reference §4: frequencies
 * like "每季度至少1次" are local rules, not central text), so every item is a starting point
 * the office edits, never a rule the app enforces.
 */

/** 岗位 in the leadership team. */
export type LeaderRole = 'secretary' | 'deputySecretary' | 'deputy' | 'discipline' | 'member';
export const LEADER_ROLES: readonly LeaderRole[] = ['secretary', 'deputySecretary', 'deputy', 'discipline', 'member'];
export const LEADER_ROLE_LABEL: Record<LeaderRole, string> = {
  secretary: '书记（第一责任人）',
  deputySecretary: '副书记',
  deputy: '班子副职',
  discipline: '纪检负责人',
  member: '其他班子成员',
};
/** Short forms for tables. */
export const LEADER_ROLE_SHORT: Record<LeaderRole, string> = {
  secretary: '书记',
  deputySecretary: '副书记',
  deputy: '副职',
  discipline: '纪检',
  member: '班子成员',
};

/** 履职纪实的类别. */
export type DutyKind =
  'briefing' | 'talk' | 'partyLecture' | 'dualLife' | 'inspection' | 'integrityTalk' | 'study' | 'other';
export const DUTY_KINDS: readonly DutyKind[] = [
  'briefing',
  'talk',
  'partyLecture',
  'dualLife',
  'inspection',
  'integrityTalk',
  'study',
  'other',
];
export const DUTY_KIND_LABEL: Record<DutyKind, string> = {
  briefing: '听取分管领域党建汇报',
  talk: '谈心谈话',
  partyLecture: '讲党课',
  dualLife: '参加双重组织生活',
  inspection: '调研督导',
  integrityTalk: '廉政约谈 / 提醒谈话',
  study: '专题研究',
  other: '其他',
};
/** Kinds that are talks: each names who was talked with, so 民主生活会 preparation can count the pairs. */
export const TALK_KINDS: readonly DutyKind[] = ['talk', 'integrityTalk'];
export function isTalk(kind: DutyKind): boolean {
  return TALK_KINDS.includes(kind);
}

/** The usual categories, in the order lists and letters print them; offices may add their own. */
export const DUTY_CATEGORIES = ['党的建设', '党风廉政建设', '意识形态', '业务工作'] as const;

export function categoryOrder(category: string): number {
  const i = (DUTY_CATEGORIES as readonly string[]).indexOf(category);
  return i < 0 ? DUTY_CATEGORIES.length : i;
}

/** Evidence an item usually leaves behind. */
export const EVIDENCE_SUGGESTIONS = [
  '会议记录',
  '会议纪要',
  '谈话记录',
  '讲稿',
  '课件',
  '照片',
  '签到表',
  '调研报告',
  '督导通知',
  '工作方案',
  '情况报告',
  '学习笔记',
];

export type LibraryOwner = 'secretary' | 'member' | 'team';
export const LIBRARY_OWNER_LABEL: Record<LibraryOwner, string> = {
  secretary: '书记（第一责任人）',
  member: '班子成员',
  team: '领导班子',
};

/** Which library a role starts from. */
export function libraryFor(role: LeaderRole | null): LibraryOwner {
  if (role === null) return 'team';
  return role === 'secretary' ? 'secretary' : 'member';
}

export interface LibraryItem {
  /** Stable key, kept on items made from it ("lib:member:3"). */
  key: string;
  owner: LibraryOwner;
  category: string;
  content: string;
  measures: string;
  /** Deadlines are month-day ("03-31"): the year comes from the list. */
  rule:
    | { kind: 'periodic'; per: 'month' | 'quarter' | 'halfYear' | 'year'; times: number }
    | { kind: 'deadline'; monthDay: string }
    | { kind: 'ongoing' };
  evidence: string[];
  recordKinds: DutyKind[];
}

type Entry = Omit<LibraryItem, 'key' | 'owner'>;

const SECRETARY: Entry[] = [
  {
    category: '党的建设',
    content: '主持召开党组（党委）会议，专题研究全面从严治党和党的建设工作',
    measures: '分析党建工作形势，部署重点任务，研究解决突出问题',
    rule: { kind: 'periodic', per: 'quarter', times: 1 },
    evidence: ['会议记录', '会议纪要'],
    recordKinds: ['study'],
  },
  {
    category: '党的建设',
    content: '带头讲党课',
    measures: '结合理论学习和本单位实际，为全体党员或所在党支部讲专题党课',
    rule: { kind: 'periodic', per: 'year', times: 1 },
    evidence: ['讲稿', '课件', '照片'],
    recordKinds: ['partyLecture'],
  },
  {
    category: '党的建设',
    content: '以普通党员身份参加所在党支部组织生活',
    measures: '参加所在党支部的党员大会、组织生活会、主题党日等活动',
    rule: { kind: 'periodic', per: 'quarter', times: 1 },
    evidence: ['签到表', '会议记录'],
    recordKinds: ['dualLife'],
  },
  {
    category: '党的建设',
    content: '听取班子成员和下级党组织书记履行全面从严治党责任情况汇报',
    measures: '逐一听取汇报，点评问题，提出要求',
    rule: { kind: 'periodic', per: 'halfYear', times: 1 },
    evidence: ['会议记录'],
    recordKinds: ['briefing'],
  },
  {
    category: '党风廉政建设',
    content: '与班子成员、分管处室主要负责人开展谈心谈话',
    measures: '了解思想和履职情况，指出问题，提出要求',
    rule: { kind: 'periodic', per: 'year', times: 1 },
    evidence: ['谈话记录'],
    recordKinds: ['talk'],
  },
  {
    category: '党风廉政建设',
    content: '对班子成员和下级党组织主要负责人开展廉政约谈、提醒谈话',
    measures: '发现苗头性、倾向性问题及时提醒，抓早抓小',
    rule: { kind: 'periodic', per: 'year', times: 1 },
    evidence: ['谈话记录'],
    recordKinds: ['integrityTalk'],
  },
  {
    category: '党风廉政建设',
    content: '督促检查班子成员和下级党组织落实主体责任情况',
    measures: '开展调研督导，检查廉政风险防控措施落实情况',
    rule: { kind: 'periodic', per: 'halfYear', times: 1 },
    evidence: ['督导通知', '调研报告'],
    recordKinds: ['inspection'],
  },
  {
    category: '意识形态',
    content: '专题研究意识形态工作，分析研判意识形态领域情况',
    measures: '审定意识形态工作要点，督促落实意识形态工作责任制',
    rule: { kind: 'periodic', per: 'halfYear', times: 1 },
    evidence: ['会议记录'],
    recordKinds: ['study'],
  },
  {
    category: '业务工作',
    content: '坚持党建工作与业务工作同部署、同落实、同检查、同考核',
    measures: '部署业务工作时同步提出党建和党风廉政建设要求',
    rule: { kind: 'ongoing' },
    evidence: ['会议记录'],
    recordKinds: [],
  },
];

const MEMBER: Entry[] = [
  {
    category: '党的建设',
    content: '听取分管处室（单位）党建和党风廉政建设工作汇报',
    measures: '了解分管领域党建工作情况，研究解决存在问题',
    rule: { kind: 'periodic', per: 'quarter', times: 1 },
    evidence: ['会议记录'],
    recordKinds: ['briefing'],
  },
  {
    category: '党的建设',
    content: '以普通党员身份参加所在党支部组织生活',
    measures: '参加所在党支部的党员大会、组织生活会、主题党日等活动',
    rule: { kind: 'periodic', per: 'quarter', times: 1 },
    evidence: ['签到表', '会议记录'],
    recordKinds: ['dualLife'],
  },
  {
    category: '党的建设',
    content: '到分管处室或联系党支部讲党课',
    measures: '围绕理论学习和分管工作讲专题党课',
    rule: { kind: 'periodic', per: 'year', times: 1 },
    evidence: ['讲稿', '课件', '照片'],
    recordKinds: ['partyLecture'],
  },
  {
    category: '党风廉政建设',
    content: '与分管处室负责人开展谈心谈话',
    measures: '了解思想状况和工作情况，帮助解决困难',
    rule: { kind: 'periodic', per: 'halfYear', times: 1 },
    evidence: ['谈话记录'],
    recordKinds: ['talk'],
  },
  {
    category: '党风廉政建设',
    content: '对分管领域干部开展廉政提醒谈话',
    measures: '在重要节点、岗位调整和发现苗头性问题时及时提醒',
    rule: { kind: 'periodic', per: 'year', times: 1 },
    evidence: ['谈话记录'],
    recordKinds: ['integrityTalk'],
  },
  {
    category: '党风廉政建设',
    content: '到分管领域调研督导党风廉政建设和廉政风险防控',
    measures: '检查制度执行和风险防控措施落实，督促整改问题',
    rule: { kind: 'periodic', per: 'halfYear', times: 1 },
    evidence: ['调研报告', '督导通知'],
    recordKinds: ['inspection'],
  },
  {
    category: '意识形态',
    content: '落实分管领域意识形态工作责任',
    measures: '对分管领域的宣传、信息发布和各类阵地审核把关',
    rule: { kind: 'ongoing' },
    evidence: ['审核记录'],
    recordKinds: [],
  },
  {
    category: '业务工作',
    content: '在分管业务工作中同步落实党建和党风廉政建设要求',
    measures: '部署、检查、考核业务工作时同步提出党建和廉政要求',
    rule: { kind: 'ongoing' },
    evidence: ['会议记录'],
    recordKinds: [],
  },
];

const TEAM: Entry[] = [
  {
    category: '党的建设',
    content: '制定年度全面从严治党工作要点和责任清单',
    measures: '明确领导班子、书记和班子成员的责任，签订责任书',
    rule: { kind: 'deadline', monthDay: '03-31' },
    evidence: ['工作方案', '会议记录'],
    recordKinds: ['study'],
  },
  {
    category: '党的建设',
    content: '专题研究党的建设工作',
    measures: '听取机关党委工作汇报，研究部署党建重点任务',
    rule: { kind: 'periodic', per: 'quarter', times: 1 },
    evidence: ['会议记录', '会议纪要'],
    recordKinds: ['study'],
  },
  {
    category: '党的建设',
    content: '召开领导班子民主生活会',
    measures: '会前学习研讨、征求意见、谈心谈话、撰写对照检查材料，会后制定整改措施',
    rule: { kind: 'periodic', per: 'year', times: 1 },
    evidence: ['会议方案', '会议记录', '情况报告'],
    recordKinds: ['study'],
  },
  {
    category: '党风廉政建设',
    content: '向上级党组织报告落实全面从严治党主体责任情况',
    measures: '总结全年责任落实情况，形成书面报告',
    rule: { kind: 'periodic', per: 'year', times: 1 },
    evidence: ['情况报告'],
    recordKinds: ['study', 'other'],
  },
  {
    category: '党风廉政建设',
    content: '开展党风廉政建设宣传教育和警示教育',
    measures: '组织学习党纪法规，通报典型案例',
    rule: { kind: 'periodic', per: 'halfYear', times: 1 },
    evidence: ['工作方案', '照片'],
    recordKinds: ['study', 'other'],
  },
  {
    category: '意识形态',
    content: '专题研究意识形态工作',
    measures: '分析研判意识形态领域情况，部署阵地管理',
    rule: { kind: 'periodic', per: 'halfYear', times: 1 },
    evidence: ['会议记录'],
    recordKinds: ['study'],
  },
];

function keyed(owner: LibraryOwner, entries: Entry[]): LibraryItem[] {
  return entries.map((e, i) => ({ key: `lib:${owner}:${i + 1}`, owner, ...e }));
}

export const DUTY_LIBRARY: readonly LibraryItem[] = [
  ...keyed('secretary', SECRETARY),
  ...keyed('member', MEMBER),
  ...keyed('team', TEAM),
];

/** A library item's rule in a given year. */
export function libraryRule(item: LibraryItem, year: number): DutyRule {
  if (item.rule.kind === 'deadline') return { kind: 'deadline', dueOn: `${year}-${item.rule.monthDay}` };
  return item.rule;
}

/**
 * The 民主生活会 an item is about, if any: "召开领导班子民主生活会" (or the office's own wording
 * with 民主生活会 in it) is completed by holding one, recorded in the 生活会 module; an item about a
 * 专题民主生活会 only by that kind. Items about 组织生活会 are not meant.
 */
export function leadershipMeetingOf(content: string): 'democratic' | 'special' | null {
  if (!content.includes('民主生活会')) return null;
  return content.includes('专题民主生活会') ? 'special' : 'democratic';
}
