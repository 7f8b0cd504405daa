import { describe, expect, it } from 'vitest';
import { describeEntry } from '../../src/renderer/audit/describe';
import type { AuditEntry } from '../../src/shared/contract';

function update(entity: string, before: Record<string, unknown>, after: Record<string, unknown>): AuditEntry {
  return { id: 1, at: '2026-12-20T08:00:00Z', actor: '办公室', action: 'update', entity, entityId: 1, before, after, reason: null };
}

describe('操作记录 in the office’s words', () => {
  it('shows meeting codes as the screens name them, not as stored', () => {
    const meeting = { year: 2026, kind: 'special', held_done: 0, special_trigger: 'inspectionFindings', theme: '巡察整改' };
    expect(describeEntry(update('meeting', meeting, { ...meeting, held_done: 1, special_trigger: 'cases' }))).toBe(
      '2026年度专题民主生活会　已召开：否 → 是；召开原因：纪律检查、巡视巡察、审计发现严重问题 → 发生违纪违法案件',
    );
    expect(describeEntry(update('meeting_material', { person_id: null, status: 'draft', reviewed_by: null }, { person_id: null, status: 'final', reviewed_by: '王局长' }))).toBe(
      '领导班子对照检查材料　审阅状态：草稿 → 定稿；审阅人：空 → 王局长',
    );
    expect(describeEntry(update('meeting_appraisal', { grade: null }, { grade: 'basic' }))).toBe('评定等次：空 → 基本合格');
    expect(describeEntry(update('meeting_person', { name: '孙副局长', present: 1, absence_reason: null }, { name: '孙副局长', present: 0, absence_reason: '因公出差' }))).toBe(
      '孙副局长　到会：是 → 否；缺席原因：空 → 因公出差',
    );
    expect(describeEntry({ ...update('meeting', {}, {}), action: 'insert', before: null, after: { year: 2026, kind: 'branch' } })).toBe('2026年度组织生活会');
  });

  it('keeps the same codes in other tables meaning what they mean there', () => {
    // "branch" is a 党支部 for an org unit; "status" is 党籍状态 for a member.
    expect(describeEntry(update('org_unit', { name: '第一党支部', kind: 'branch', note: null }, { name: '第一党支部', kind: 'branch', note: '合并' }))).toBe('第一党支部　备注：空 → 合并');
    expect(describeEntry(update('member', { name: '张三', status: 'normal' }, { name: '张三', status: 'suspended' }))).toBe('张三　党籍状态：正常 → 停止党籍');
  });
});
