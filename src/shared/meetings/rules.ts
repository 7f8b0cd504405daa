import { addDays, type IsoDate } from '../dates';

/*
 * 民主生活会 and 组织生活会: the pure rules (reference §2, §3). What the reference marks
 * UNCONFIRMED (days before the meeting, which talk pairings are required, who reviews) is a
 * setting in MeetingSettings, never a constant here.
 */

export const MEETING_KINDS = ['democratic', 'special', 'branch'] as const;
export type MeetingKind = (typeof MEETING_KINDS)[number];
export const MEETING_KIND_LABEL: Record<MeetingKind, string> = {
  democratic: '民主生活会',
  special: '专题民主生活会',
  branch: '组织生活会',
};

/**
 * Why a 专题民主生活会 is called: the occasions reference §2 says oblige one, and the rest
 * (an order from above, say) as 其他. The details (which inspection, which case) are free text.
 */
export const SPECIAL_TRIGGERS = ['majorProblem', 'decisionError', 'inspectionFindings', 'cases', 'other'] as const;
export type SpecialTrigger = (typeof SPECIAL_TRIGGERS)[number];
export const SPECIAL_TRIGGER_LABEL: Record<SpecialTrigger, string> = {
  majorProblem: '遇到重要或者普遍性问题',
  decisionError: '出现重大决策失误或者应对突发事件不力',
  inspectionFindings: '纪律检查、巡视巡察、审计发现严重问题',
  cases: '发生违纪违法案件',
  other: '其他情形',
};

/** The reason as a clause for the plan, report and minutes: "因巡视巡察…（市委第三巡察组反馈…）". */
export function specialReasonText(trigger: SpecialTrigger, details: string | null): string {
  if (trigger === 'other') return details ?? '上级要求';
  return details ? `${SPECIAL_TRIGGER_LABEL[trigger]}（${details}）` : SPECIAL_TRIGGER_LABEL[trigger];
}

export const STEP_KEYS = [
  'plan',
  'study',
  'opinions',
  'talks',
  'materials',
  'meeting',
  'report',
  'rectification',
] as const;
export type StepKey = (typeof STEP_KEYS)[number];
export const STEP_LABEL: Record<StepKey, string> = {
  plan: '方案报上级',
  study: '学习研讨',
  opinions: '征求意见',
  talks: '谈心谈话',
  materials: '对照检查材料',
  meeting: '召开会议',
  report: '情况报告',
  rectification: '整改清单',
};

export interface TalkPairings {
  /** 主要负责人 ↔ each member. */
  principalWithEach: boolean;
  /** Members with each other (besides the principal). */
  membersWithEach: boolean;
  /** Each member ↔ the heads of the divisions they oversee. */
  memberWithDivisionHeads: boolean;
}

export interface MeetingSettings {
  /** Days before the meeting each step should be done by (UNCONFIRMED, reference §2). */
  planDaysBefore: number;
  studyDaysBefore: number;
  opinionsDaysBefore: number;
  talksDaysBefore: number;
  materialsDaysBefore: number;
  /** Days after the meeting the 情况报告 is due (default 15). */
  reportDaysAfter: number;
  /** Days after the meeting the 整改清单 is due. */
  rectificationDaysAfter: number;
  pairings: TalkPairings;
  /** Near-repeat threshold for problem statements, 0–100 (percent of shared character pairs). */
  repeatThreshold: number;
}

export const DEFAULT_MEETING_SETTINGS: MeetingSettings = {
  planDaysBefore: 15,
  studyDaysBefore: 20,
  opinionsDaysBefore: 15,
  talksDaysBefore: 7,
  materialsDaysBefore: 3,
  reportDaysAfter: 15,
  rectificationDaysAfter: 30,
  pairings: { principalWithEach: true, membersWithEach: true, memberWithDivisionHeads: true },
  repeatThreshold: 60,
};

export interface StepDue {
  key: StepKey;
  label: string;
  dueOn: IsoDate;
}

/** Each step's due date from the meeting date, in the order the steps are done. */
export function stepDueDates(heldOn: IsoDate, s: MeetingSettings): StepDue[] {
  const due: Record<StepKey, IsoDate> = {
    plan: addDays(heldOn, -s.planDaysBefore),
    study: addDays(heldOn, -s.studyDaysBefore),
    opinions: addDays(heldOn, -s.opinionsDaysBefore),
    talks: addDays(heldOn, -s.talksDaysBefore),
    materials: addDays(heldOn, -s.materialsDaysBefore),
    meeting: heldOn,
    report: addDays(heldOn, s.reportDaysAfter),
    rectification: addDays(heldOn, s.rectificationDaysAfter),
  };
  return STEP_KEYS.map((key) => ({ key, label: STEP_LABEL[key], dueOn: due[key] }));
}

export type StepState = 'done' | 'late' | 'doneLate' | 'open';
export interface StepStatus extends StepDue {
  doneOn: IsoDate | null;
  state: StepState;
}

/**
 * Done, done late, late (past due and not done) or still open. A step dated after today has not
 * happened yet, whatever was typed: it is not shown as done (the core refuses such dates, but a
 * file from before that rule may hold one).
 */
export function stepStatuses(
  steps: StepDue[],
  doneOn: Partial<Record<StepKey, IsoDate | null>>,
  today: IsoDate,
): StepStatus[] {
  return steps.map((step) => {
    const recorded = doneOn[step.key] ?? null;
    const done = recorded && recorded <= today ? recorded : null;
    const state: StepState = done ? (done > step.dueOn ? 'doneLate' : 'done') : today > step.dueOn ? 'late' : 'open';
    return { ...step, doneOn: done, state };
  });
}

/* ---------- 谈心谈话 pairs ---------- */

export interface TeamPerson {
  name: string;
  principal: boolean;
  /** Heads of the divisions this member oversees. */
  divisionHeads: string[];
}

export interface TalkPair {
  a: string;
  b: string;
  reason: 'principal' | 'members' | 'division';
}

export function pairKey(a: string, b: string): string {
  return a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`;
}

/** The required talks: each unordered pair once, the principal leader's first. */
export function requiredTalkPairs(team: TeamPerson[], p: TalkPairings): TalkPair[] {
  const seen = new Set<string>();
  const pairs: TalkPair[] = [];
  const add = (a: string, b: string, reason: TalkPair['reason']) => {
    if (a === b) return;
    const key = pairKey(a, b);
    if (seen.has(key)) return;
    seen.add(key);
    pairs.push({ a, b, reason });
  };
  const principal = team.find((t) => t.principal);
  const members = team.filter((t) => !t.principal);
  if (principal && p.principalWithEach) for (const m of members) add(principal.name, m.name, 'principal');
  if (p.membersWithEach)
    for (let i = 0; i < members.length; i++)
      for (let j = i + 1; j < members.length; j++) add(members[i]!.name, members[j]!.name, 'members');
  if (p.memberWithDivisionHeads)
    for (const m of team) for (const head of m.divisionHeads) add(m.name, head, 'division');
  return pairs;
}

export interface TalkHeld {
  a: string;
  /** Everyone on the other side (a talk may have several). */
  others: string[];
  heldOn: IsoDate;
  source: 'meeting' | 'duties';
}

export interface PairCoverage extends TalkPair {
  heldOn: IsoDate | null;
  source: TalkHeld['source'] | null;
}

/**
 * Which required pairs have a talk, by name on either side; the earliest talk counts. Talks are
 * preparation: one dated after the meeting (`by`) does not count towards it.
 */
export function talkCoverage(
  pairs: TalkPair[],
  talks: TalkHeld[],
  by: IsoDate,
): { pairs: PairCoverage[]; missing: number } {
  const held = new Map<string, TalkHeld>();
  for (const t of [...talks].filter((x) => x.heldOn <= by).sort((x, y) => x.heldOn.localeCompare(y.heldOn)))
    for (const o of t.others) {
      const key = pairKey(t.a, o);
      if (!held.has(key)) held.set(key, t);
    }
  const covered = pairs.map((p) => {
    const t = held.get(pairKey(p.a, p.b));
    return { ...p, heldOn: t?.heldOn ?? null, source: t?.source ?? null };
  });
  return { pairs: covered, missing: covered.filter((c) => !c.heldOn).length };
}

/* ---------- attendance and appraisal ---------- */

export interface AttendanceCheck {
  due: number;
  present: number;
  /** The fewest who must attend: ⌈2/3 of those due⌉. */
  required: number;
  ok: boolean;
  message: string;
}

export function attendanceCheck(due: number, present: number): AttendanceCheck {
  const required = Math.ceil((due * 2) / 3);
  const ok = due > 0 && present >= required;
  return {
    due,
    present,
    required,
    ok,
    message: ok
      ? `应到${due}人，实到${present}人，达到应到人数的三分之二`
      : `应到${due}人，实到${present}人，不足应到人数的三分之二（至少${required}人），会议不能召开`,
  };
}

/** "应到5人，实到4人；缺席：孙副局长（因公出差）", for records of study sessions and the like. */
export function attendanceText(people: { name: string; present: boolean; absenceReason: string | null }[]): string {
  const absent = people.filter((p) => !p.present);
  const head = `应到${people.length}人，实到${people.length - absent.length}人`;
  return absent.length
    ? `${head}；缺席：${absent.map((p) => (p.absenceReason ? `${p.name}（${p.absenceReason}）` : p.name)).join('、')}`
    : head;
}

export const GRADES = ['excellent', 'qualified', 'basic', 'unqualified'] as const;
export type Grade = (typeof GRADES)[number];
export const GRADE_LABEL: Record<Grade, string> = {
  excellent: '优秀',
  qualified: '合格',
  basic: '基本合格',
  unqualified: '不合格',
};

/** 优秀 at most a third of the full members graded (reference §3.3). */
export function excellentLimit(fullMembers: number): number {
  return Math.floor(fullMembers / 3);
}

export interface AppraisalEntry {
  name: string;
  probationary: boolean;
  grade: Grade | null;
}

/** Problems with the grades as a whole: 优秀 over a third, probationary members graded, full members ungraded. */
export function gradeProblems(entries: AppraisalEntry[]): string[] {
  const problems: string[] = [];
  for (const e of entries) if (e.probationary && e.grade) problems.push(`${e.name}是预备党员，参加评议但不评定等次`);
  const full = entries.filter((e) => !e.probationary);
  const excellent = full.filter((e) => e.grade === 'excellent').length;
  const limit = excellentLimit(full.length);
  if (excellent > limit)
    problems.push(`评为优秀的有${excellent}人，超过正式党员${full.length}人的三分之一（至多${limit}人）`);
  return problems;
}

export function gradeTally(entries: AppraisalEntry[]): Record<Grade | 'ungraded', number> {
  const tally = { excellent: 0, qualified: 0, basic: 0, unqualified: 0, ungraded: 0 };
  for (const e of entries) if (!e.probationary) tally[e.grade ?? 'ungraded'] += 1;
  return tally;
}

/* ---------- repeated problem statements ---------- */

function normalise(text: string): string {
  return text.replace(/[\s\p{P}\p{S}]/gu, '');
}

function bigrams(text: string): Map<string, number> {
  const t = normalise(text);
  const grams = new Map<string, number>();
  if (t.length === 1) grams.set(t, 1);
  for (let i = 0; i + 1 < t.length; i++) {
    const g = t.slice(i, i + 2);
    grams.set(g, (grams.get(g) ?? 0) + 1);
  }
  return grams;
}

/** Dice coefficient on character pairs, 0–100: punctuation and spaces ignored. */
export function similarity(a: string, b: string): number {
  const x = bigrams(a);
  const y = bigrams(b);
  let nx = 0;
  let ny = 0;
  let both = 0;
  for (const n of x.values()) nx += n;
  for (const n of y.values()) ny += n;
  for (const [g, n] of x) both += Math.min(n, y.get(g) ?? 0);
  if (nx + ny === 0) return 0;
  return Math.round((200 * both) / (nx + ny));
}

export interface EarlierProblem {
  year: number;
  text: string;
}
export interface RepeatWarning {
  year: number;
  earlier: string;
  similarity: number;
}

/** Earlier years' problems this statement nearly repeats, the closest first. */
export function repeatWarnings(text: string, earlier: EarlierProblem[], threshold: number): RepeatWarning[] {
  return earlier
    .map((e) => ({ year: e.year, earlier: e.text, similarity: similarity(text, e.text) }))
    .filter((w) => w.similarity >= threshold)
    .sort((a, b) => b.similarity - a.similarity);
}

/* ---------- rectification carry-over ---------- */

export interface RectificationLike {
  id: number;
  problem: string;
  measures: string;
  responsible: string;
  deadline: IsoDate;
  closedOn: IsoDate | null;
}

export interface CarriedItem {
  carriedFromId: number;
  problem: string;
  measures: string;
  responsible: string;
  deadline: IsoDate;
}

/**
 * Open items of the last meeting carried to the next: each once (items already carried are
 * skipped); the deadline kept, or moved to the new meeting's rectification due date when it
 * has passed.
 */
export function carryOver(
  previous: RectificationLike[],
  alreadyCarried: Set<number>,
  newDeadline: IsoDate,
): CarriedItem[] {
  return previous
    .filter((r) => !r.closedOn && !alreadyCarried.has(r.id))
    .map((r) => ({
      carriedFromId: r.id,
      problem: r.problem,
      measures: r.measures,
      responsible: r.responsible,
      deadline: r.deadline < newDeadline ? newDeadline : r.deadline,
    }));
}

export function isOverdue(item: { deadline: IsoDate; closedOn: IsoDate | null }, today: IsoDate): boolean {
  return !item.closedOn && today > item.deadline;
}
