import { z } from 'zod';
import { addYears, formatChineseDate, type IsoDate } from '../dates';
import { belongsOn, membershipIntervals, type DatedEvent } from '../dues/membership';
import { choice, isoDate, optionalText, recordId, requiredText } from '../validation';

/*
 * 奖惩 on the member (reference §5.1 sub-records; §5.4 and the 《中国共产党纪律处分条例》 categories):
 * 表彰, and the party disciplinary measures 警告, 严重警告, 撤销党内职务, 留党察看. The fifth,
 * 开除党籍, ends membership, so it stays the roster's 出党 event (kind 'expelled') with its decision
 * (决定机关 and 文号); the member's page lists it with these.
 */

export type DecisionKind = 'commendation' | 'warning' | 'seriousWarning' | 'postRemoved' | 'probation';

export const DECISION_LABEL: Record<DecisionKind, string> = {
  commendation: '表彰',
  warning: '警告',
  seriousWarning: '严重警告',
  postRemoved: '撤销党内职务',
  probation: '留党察看',
};

/** The disciplinary measures, lightest first (开除党籍 is the 出党 event). */
export const SANCTIONS: readonly DecisionKind[] = ['warning', 'seriousWarning', 'postRemoved', 'probation'];

/** 党章: 留党察看最长不超过两年 — so one year or two. */
export type ProbationYears = 1 | 2;

export const RIGHTS_RULES = {
  probationary: '预备党员没有表决权、选举权和被选举权（《中国共产党章程》第七条）',
  partyProbation: '党员在留党察看期间没有表决权、选举权和被选举权（《中国共产党章程》第八章“党的纪律”）',
  branchVote:
    '支部党员大会须有半数以上有表决权的党员到会方可进行；赞成人数超过应到会有表决权党员的半数才能通过（《中国共产党支部工作条例（试行）》第十一条，《中国共产党发展党员工作细则》第二十一条）',
} as const;

export interface MemberDecision {
  id: number;
  kind: DecisionKind;
  decidedOn: IsoDate;
  decidedBy: string;
  documentNo: string | null;
  /** 留党察看 only. */
  probationYears: ProbationYears | null;
  /** 留党察看 only: the day the period is over and the rights come back. */
  probationEndsOn: IsoDate | null;
  reason: string | null;
  voided: { on: IsoDate; reason: string } | null;
}

/** The day a 留党察看 of `years` decided on `decidedOn` is over (the anniversary; 29 Feb → 28 Feb). */
export function partyProbationEndsOn(decidedOn: IsoDate, years: ProbationYears): IsoDate {
  return addYears(decidedOn, years);
}

/** One line for rosters and exports: "2025年3月1日 留党察看一年（中共某局机关纪委，机纪〔2025〕3号）". */
export function describeDecision(
  d: Pick<MemberDecision, 'kind' | 'decidedOn' | 'decidedBy' | 'documentNo' | 'probationYears'>,
): string {
  const what = d.kind === 'probation' ? `留党察看${d.probationYears === 2 ? '二' : '一'}年` : DECISION_LABEL[d.kind];
  const by = [d.decidedBy, d.documentNo].filter(Boolean).join('，');
  return `${formatChineseDate(d.decidedOn)}${what}${by ? `（${by}）` : ''}`;
}

/* ---------- who may vote and be elected on a day ---------- */

export interface RightsFacts {
  admittedOn: IsoDate;
  fullMembershipOn: IsoDate | null;
  /** The member's dated roster events (transfers, suspension, exits). */
  events: readonly DatedEvent[];
  decisions: readonly Pick<MemberDecision, 'kind' | 'decidedOn' | 'probationYears' | 'voided'>[];
}

export type Rights =
  | { kind: 'notMember' }
  | { kind: 'full'; vote: true; elected: true }
  | {
      kind: 'without';
      vote: false;
      elected: false;
      /** Why, each with its rule; a 留党察看 names the day it ends. */
      reasons: string[];
      /** 留党察看 in force on the day: when it is over. */
      probationEndsOn: IsoDate | null;
    };

/**
 * 表决权、选举权和被选举权 on `date`: only a member of this organisation on that day has any; a
 * 预备党员 has none (党章 art. 7, reference §5.2), nor has a member during 留党察看 (党章 ch. 8). The
 * two rights go together in both rules, so they are one answer with two names.
 */
export function rightsOn(facts: RightsFacts, date: IsoDate): Rights {
  if (facts.admittedOn > date || !belongsOn(membershipIntervals(facts.admittedOn, facts.events), date)) {
    return { kind: 'notMember' };
  }
  const reasons: string[] = [];
  if (facts.fullMembershipOn === null || facts.fullMembershipOn > date) reasons.push(RIGHTS_RULES.probationary);
  let probationEndsOn: IsoDate | null = null;
  for (const d of facts.decisions) {
    if (d.voided || d.kind !== 'probation' || !d.probationYears) continue;
    const ends = partyProbationEndsOn(d.decidedOn, d.probationYears);
    if (d.decidedOn <= date && date < ends && (probationEndsOn === null || ends > probationEndsOn))
      probationEndsOn = ends;
  }
  if (probationEndsOn) reasons.push(`${RIGHTS_RULES.partyProbation}，至${formatChineseDate(probationEndsOn)}期满`);
  return reasons.length === 0
    ? { kind: 'full', vote: true, elected: true }
    : { kind: 'without', vote: false, elected: false, reasons, probationEndsOn };
}

/** More than half: the least number that is (votes to carry, or members present for a quorum). */
export function moreThanHalf(count: number): number {
  return Math.floor(count / 2) + 1;
}

/* ---------- the contract's inputs ---------- */

const keys = <T extends string>(labels: Record<T, string>) => Object.keys(labels) as [T, ...T[]];

export const addDecisionInput = z
  .strictObject({
    memberId: recordId('党员'),
    kind: choice('类别', keys<DecisionKind>(DECISION_LABEL), DECISION_LABEL),
    decidedOn: isoDate('决定日期'),
    decidedBy: requiredText('决定机关', 80),
    documentNo: optionalText('文号', 60),
    probationYears: z
      .union([z.literal(1), z.literal(2)], { error: '留党察看期限应为一年或二年（党章：留党察看最长不超过两年）' })
      .nullable()
      .optional()
      .transform((v) => v ?? null),
    reason: optionalText('事由', 300),
  })
  .superRefine((v, ctx) => {
    if (v.kind === 'probation' && v.probationYears === null) {
      ctx.addIssue({ code: 'custom', path: ['probationYears'], message: '请选择留党察看期限：一年或二年' });
    }
    if (v.kind !== 'probation' && v.probationYears !== null) {
      ctx.addIssue({ code: 'custom', path: ['probationYears'], message: '只有留党察看有期限' });
    }
  });
export type AddDecisionInput = z.output<typeof addDecisionInput>;

export const voidDecisionInput = z.strictObject({
  id: recordId('奖惩记录'),
  reason: requiredText('作废原因', 200),
});

export const rightsQueryInput = z.strictObject({
  date: isoDate('日期'),
  branchId: recordId('党支部')
    .nullable()
    .optional()
    .transform((v) => v ?? null),
});

export interface VoterRow {
  memberId: number;
  name: string;
  branchId: number;
  branchName: string;
  rights: Exclude<Rights, { kind: 'notMember' }>;
}

/** The members of a 党支部 (or the organ) on a day, with their rights, for any branch vote. */
export interface VotersOn {
  date: IsoDate;
  branchId: number | null;
  members: VoterRow[];
  /** 应到会有表决权的党员 */
  withVote: number;
  /** 到会人数须达到 (more than half of those with a vote) */
  quorum: number;
  rule: string;
}
