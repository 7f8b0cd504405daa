import { describe, expect, it } from 'vitest';
import type { PostKind } from '../../src/shared/org';
import { branchShape, committeeSize, organShape, type BranchFacts } from '../../src/shared/org-shape';

/* Branch size and shape (reference §3.5): each threshold at its boundary. */

const post = (kind: PostKind, name: string) => ({ post: kind, holderName: name });
const committee = (n: number) =>
  Array.from({ length: n }, (_, i) =>
    post(i === 0 ? 'secretary' : i === 1 ? 'deputySecretary' : 'committeeMember', `委员${i}`),
  );
const codes = (facts: Partial<BranchFacts>) =>
  branchShape({ members: 10, full: 10, posts: committee(3), ...facts }).map((w) => w.code);

describe('a 党支部’s size and shape', () => {
  it('needs three 正式党员: two is too few, three is enough', () => {
    expect(codes({ members: 4, full: 2, posts: [post('secretary', '张三')] })).toEqual(['tooFewFull']);
    expect(codes({ members: 3, full: 3, posts: [post('secretary', '张三')] })).toEqual([]);
    // Probationary members do not count towards the three.
    expect(codes({ members: 6, full: 2, posts: [post('secretary', '张三')] })).toEqual(['tooFewFull']);
  });

  it('generally has no more than 50 members: 50 fits, 51 does not', () => {
    expect(codes({ members: 50, full: 48 })).toEqual([]);
    expect(codes({ members: 51, full: 48 })).toEqual(['tooMany']);
  });

  it('from 7 正式党员 elects a 支委会 of 3 to 5, at most 7', () => {
    expect(codes({ members: 8, full: 7, posts: committee(2) })).toEqual(['needsCommittee']);
    expect(codes({ members: 8, full: 7, posts: [] })).toEqual(['needsCommittee']);
    expect(codes({ members: 8, full: 7, posts: committee(3) })).toEqual([]);
    expect(codes({ members: 30, full: 30, posts: committee(5) })).toEqual([]);
    expect(codes({ members: 30, full: 30, posts: committee(7) })).toEqual([]);
    expect(codes({ members: 30, full: 30, posts: committee(8) })).toEqual(['committeeTooLarge']);
  });

  it('below 7 正式党员 has a 书记 and, if needed, a 副书记, and no more', () => {
    const both = [post('secretary', '张三'), post('deputySecretary', '李四')];
    expect(codes({ members: 7, full: 6, posts: both })).toEqual([]);
    expect(codes({ members: 7, full: 6, posts: [...both, post('organisation', '王五')] })).toEqual([
      'noCommitteeExpected',
    ]);
    expect(codes({ members: 7, full: 6, posts: [post('secretary', '张三'), post('secretary', '赵六')] })).toEqual([
      'noCommitteeExpected',
    ]);
    // A 党小组组长 is no 支委.
    expect(codes({ members: 7, full: 6, posts: [...both, post('groupLeader', '王五')] })).toEqual([]);
  });

  it('counts each person of the 支委会 once, whatever posts they hold', () => {
    expect(committeeSize([post('secretary', '张三'), post('organisation', '张三 '), post('propaganda', '李四')])).toBe(
      2,
    );
  });

  it('says nothing of a branch with nobody on the roster yet', () => {
    expect(branchShape({ members: 0, full: 0, posts: [] })).toEqual([]);
  });

  it('names the counts in its messages', () => {
    const [w] = branchShape({ members: 9, full: 8, posts: committee(1) });
    expect(w!.message).toContain('正式党员8人（7人以上），应设立支部委员会，由3至5人组成；目前只登记了1名支委');
  });
});

describe('the organ’s totals', () => {
  it('suggest a 党总支 above 50 members and a 基层党委 from 100', () => {
    expect(organShape('branch', 50)).toBeNull();
    expect(organShape('branch', 51)?.code).toBe('organSuggestsGeneralBranch');
    expect(organShape('branch', 99)?.code).toBe('organSuggestsGeneralBranch');
    expect(organShape('branch', 100)?.code).toBe('organSuggestsCommittee');
    expect(organShape('generalBranch', 99)).toBeNull();
    expect(organShape('generalBranch', 100)?.code).toBe('organSuggestsCommittee');
    expect(organShape('committee', 30)).toBeNull();
  });
});
