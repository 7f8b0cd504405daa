import type { CommitteeKind, PostKind } from './org';

/*
 * Branch size and shape (reference §3.5 [C]; 《中国共产党支部工作条例（试行）》, and 《党和国家机关
 * 基层组织工作条例》第七条 for 机关): a 党支部 needs at least 3 正式党员 and generally has no more than 50
 * members; with 7 or more 正式党员 it elects a 支委会 of 3 to 5 (generally no more than 7); with
 * fewer it has a 书记, and a 副书记 if needed. An organ of 50–100 members suggests a 党总支, of 100
 * or more a 基层党委. These are warnings for the organisation to weigh, never refusals: the
 * organisation is set up by its superior's approval, not by this app.
 */

export const SHAPE_SOURCE = '《中国共产党支部工作条例（试行）》《党和国家机关基层组织工作条例》';

export const MIN_FULL_MEMBERS = 3;
export const MAX_BRANCH_MEMBERS = 50;
export const COMMITTEE_FROM_FULL_MEMBERS = 7;
export const COMMITTEE_MIN = 3;
export const COMMITTEE_USUAL_MAX = 5;
export const COMMITTEE_MAX = 7;
export const COMMITTEE_ORGAN_FROM = 100;

export type ShapeCode =
  | 'tooFewFull'
  | 'tooMany'
  | 'needsCommittee'
  | 'committeeTooLarge'
  | 'noCommitteeExpected'
  | 'organSuggestsGeneralBranch'
  | 'organSuggestsCommittee';

export interface ShapeWarning {
  code: ShapeCode;
  message: string;
}

/** Who sits on a 支委会 (a 党小组组长 does not). */
const COMMITTEE_POSTS: readonly PostKind[] = [
  'secretary',
  'deputySecretary',
  'organisation',
  'propaganda',
  'discipline',
  'committeeMember',
];

export interface BranchFacts {
  /** Current members on the roster (正式 and 预备, 党籍 正常). */
  members: number;
  full: number;
  /** The current posts (not ended): who holds what. */
  posts: readonly { post: PostKind; holderName: string }[];
}

/** The 支委会 as recorded: each person once, whatever posts they hold. */
export function committeeSize(posts: BranchFacts['posts']): number {
  return new Set(posts.filter((p) => COMMITTEE_POSTS.includes(p.post)).map((p) => p.holderName.trim())).size;
}

/**
 * What is out of shape in a 党支部, in the order a 组织员 would look. A branch with nobody on the
 * roster yet (a first day, before the import) is not judged.
 */
export function branchShape(facts: BranchFacts): ShapeWarning[] {
  if (facts.members === 0) return [];
  const warnings: ShapeWarning[] = [];
  const size = committeeSize(facts.posts);
  if (facts.full < MIN_FULL_MEMBERS)
    warnings.push({
      code: 'tooFewFull',
      message: `正式党员只有${facts.full}人，不足${MIN_FULL_MEMBERS}人。正式党员3人以上的才成立党支部；不足的，可与邻近单位或相近党支部联合成立，或报上级党组织研究调整。`,
    });
  if (facts.members > MAX_BRANCH_MEMBERS)
    warnings.push({
      code: 'tooMany',
      message: `党员${facts.members}人，超过${MAX_BRANCH_MEMBERS}人。党支部党员人数一般不超过50人，人数较多的可考虑分设党支部或成立党总支，报上级党组织批准。`,
    });
  if (facts.full >= COMMITTEE_FROM_FULL_MEMBERS) {
    if (size < COMMITTEE_MIN)
      warnings.push({
        code: 'needsCommittee',
        message: `正式党员${facts.full}人（7人以上），应设立支部委员会，由${COMMITTEE_MIN}至${COMMITTEE_USUAL_MAX}人组成；${size === 0 ? '目前没有登记支委' : `目前只登记了${size}名支委`}。`,
      });
    else if (size > COMMITTEE_MAX)
      warnings.push({
        code: 'committeeTooLarge',
        message: `支部委员会登记了${size}人。支委会一般由${COMMITTEE_MIN}至${COMMITTEE_USUAL_MAX}人组成，最多不超过${COMMITTEE_MAX}人。`,
      });
  } else {
    const others = facts.posts.filter(
      (p) => COMMITTEE_POSTS.includes(p.post) && p.post !== 'secretary' && p.post !== 'deputySecretary',
    );
    const secretaries = new Set(facts.posts.filter((p) => p.post === 'secretary').map((p) => p.holderName.trim())).size;
    const deputies = new Set(facts.posts.filter((p) => p.post === 'deputySecretary').map((p) => p.holderName.trim()))
      .size;
    if (others.length > 0 || secretaries > 1 || deputies > 1)
      warnings.push({
        code: 'noCommitteeExpected',
        message: `正式党员${facts.full}人（不足7人），不设支部委员会，只设书记1人，必要时设副书记1人；目前登记了${size}名支委。`,
      });
  }
  return warnings;
}

/** What the organ's total suggests for its top organisation, or null when it fits. */
export function organShape(kind: CommitteeKind, members: number): ShapeWarning | null {
  if (kind !== 'committee' && members >= COMMITTEE_ORGAN_FROM)
    return {
      code: 'organSuggestsCommittee',
      message: `全机关党员${members}人（100人以上），一般应成立基层党委（机关党委），报上级党组织批准。`,
    };
  if (kind === 'branch' && members > MAX_BRANCH_MEMBERS)
    return {
      code: 'organSuggestsGeneralBranch',
      message: `全机关党员${members}人（50至100人），一般可成立党总支，下设若干党支部，报上级党组织批准。`,
    };
  return null;
}
