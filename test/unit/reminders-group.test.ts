import { describe, expect, it } from 'vitest';
import type { Reminder } from '../../src/shared/contract';
import { groupReminders, urgencyOf } from '../../src/shared/reminders';

const today = '2026-12-10';
const step = (label: string, dueOn: string): Reminder => ({
  kind: 'meetingStepLate',
  subject: { kind: 'meeting', id: 3 },
  severity: 'overdue',
  dueOn,
  message: `2026年度民主生活会的“${label}”应于${dueOn}前完成，尚未完成。`,
  merge: {
    key: 'meeting-3-steps',
    subject: '2026年度民主生活会',
    item: `“${label}”`,
    unit: '个环节',
    state: '逾期未完成',
  },
});

describe('工作台 reminders grouped', () => {
  it('sorts by how soon: overdue, within 7 days, within 30 days, later', () => {
    expect(urgencyOf({ severity: 'warning', dueOn: '2026-12-09' }, today)).toBe('overdue');
    expect(urgencyOf({ severity: 'overdue', dueOn: '2026-12-20' }, today)).toBe('overdue');
    expect(urgencyOf({ severity: 'warning', dueOn: '2026-12-17' }, today)).toBe('week');
    expect(urgencyOf({ severity: 'warning', dueOn: '2026-12-18' }, today)).toBe('month');
    expect(urgencyOf({ severity: 'warning', dueOn: '2027-01-09' }, today)).toBe('month');
    expect(urgencyOf({ severity: 'warning', dueOn: '2027-01-10' }, today)).toBe('later');
  });

  it('makes one line of a meeting’s late steps, and puts the module with most overdue first', () => {
    const reminders: Reminder[] = [
      {
        kind: 'termEndingSoon',
        subject: { kind: 'unit', id: 1 },
        severity: 'warning',
        dueOn: '2027-03-01',
        message: '本届任期将于2027年3月1日届满。',
      },
      step('方案报上级', '2026-12-05'),
      step('学习研讨', '2026-11-30'),
      step('征求意见', '2026-12-05'),
      {
        kind: 'dutiesDueSoon',
        subject: { kind: 'dutiesLeader', id: 2 },
        severity: 'warning',
        dueOn: '2026-12-15',
        message: '李副局长有1项责任事项临近期限。',
      },
      {
        kind: 'meetingItemOverdue',
        subject: { kind: 'meeting', id: 3 },
        severity: 'overdue',
        dueOn: '2026-06-30',
        message: '整改事项逾期。',
      },
    ];
    const groups = groupReminders(reminders, today);
    expect(groups.map((g) => g.label)).toEqual(['生活会', '一岗双责', '组织设置']);
    const meetings = groups[0]!;
    expect(meetings.counts).toEqual({ overdue: 2, week: 0, month: 0, later: 0 });
    expect(meetings.lines.map((l) => [l.title, l.count])).toEqual([
      ['整改事项逾期未销号', 1],
      ['民主生活会/组织生活会环节逾期', 3],
    ]);
    expect(meetings.lines[1]!.message).toBe(
      '2026年度民主生活会：“方案报上级”、“学习研讨”、“征求意见”共3个环节逾期未完成，最早应于2026年11月30日完成。',
    );
    expect(groups[1]!.counts).toEqual({ overdue: 0, week: 1, month: 0, later: 0 });
    expect(groups[2]!.counts.later).toBe(1);
  });
});
