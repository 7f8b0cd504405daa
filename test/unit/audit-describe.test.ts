import { describe, expect, it } from 'vitest';
import { describeEntry, describeRow } from '../../src/shared/audit/describe';
import type { AuditEntry } from '../../src/shared/contract';

function update(entity: string, before: Record<string, unknown>, after: Record<string, unknown>): AuditEntry {
  return {
    id: 1,
    at: '2026-12-20T08:00:00Z',
    actor: '办公室',
    action: 'update',
    entity,
    entityId: 1,
    before,
    after,
    reason: null,
  };
}

describe('操作记录 in the office’s words', () => {
  it('shows meeting codes as the screens name them, not as stored', () => {
    const meeting = {
      year: 2026,
      kind: 'special',
      held_done: 0,
      special_trigger: 'inspectionFindings',
      theme: '巡察整改',
    };
    expect(describeEntry(update('meeting', meeting, { ...meeting, held_done: 1, special_trigger: 'cases' }))).toBe(
      '2026年度专题民主生活会　已召开：否 → 是；召开原因：纪律检查、巡视巡察、审计发现严重问题 → 发生违纪违法案件',
    );
    expect(
      describeEntry(
        update(
          'meeting_material',
          { person_id: null, status: 'draft', reviewed_by: null },
          { person_id: null, status: 'final', reviewed_by: '王局长' },
        ),
      ),
    ).toBe('领导班子对照检查材料　审阅状态：草稿 → 定稿；审阅人：空 → 王局长');
    expect(describeEntry(update('meeting_appraisal', { grade: null }, { grade: 'basic' }))).toBe(
      '评定等次：空 → 基本合格',
    );
    expect(
      describeEntry(
        update(
          'meeting_person',
          { name: '孙副局长', present: 1, absence_reason: null },
          { name: '孙副局长', present: 0, absence_reason: '因公出差' },
        ),
      ),
    ).toBe('孙副局长　到会：是 → 否；缺席原因：空 → 因公出差');
    expect(
      describeEntry({
        ...update('meeting', {}, {}),
        action: 'insert',
        before: null,
        after: { year: 2026, kind: 'branch' },
      }),
    ).toBe('2026年度组织生活会');
  });

  it('keeps the same codes in other tables meaning what they mean there', () => {
    // "branch" is a 党支部 for an org unit; "status" is 党籍状态 for a member.
    expect(
      describeEntry(
        update(
          'org_unit',
          { name: '第一党支部', kind: 'branch', note: null },
          { name: '第一党支部', kind: 'branch', note: '合并' },
        ),
      ),
    ).toBe('第一党支部　备注：空 → 合并');
    expect(
      describeEntry(update('member', { name: '张三', status: 'normal' }, { name: '张三', status: 'suspended' })),
    ).toBe('张三　党籍状态：正常 → 停止党籍');
  });

  it('words dues rows: whose, which month, money in 元, codes as the dues screens name them', () => {
    const payment = {
      member_id: 7,
      month: '2026-03',
      due_fen: 9450,
      paid_fen: 9450,
      paid_on: '2026-03-25',
      receipt_no: null,
      paid_by: null,
      reason: null,
      voided_on: null,
      void_reason: null,
    };
    const voided = { ...payment, voided_on: '2026-04-02', void_reason: '录错月份' };
    expect(describeEntry({ ...update('dues_payment', payment, voided), memberName: '张三' })).toBe(
      '张三 2026年3月党费 实交 94.50 元　作废日期：空 → 2026年4月2日；作废原因：空 → 录错月份',
    );
    // Without the name (a lookup the reader did not make), the row's own month and amount still say which it is.
    expect(describeEntry({ ...update('dues_payment', {}, {}), action: 'insert', before: null, after: payment })).toBe(
      '2026年3月党费 实交 94.50 元',
    );
    expect(describeRow('dues_payment', payment)).toBe(
      '月份：2026年3月；应交：94.50 元；实交：94.50 元；交纳日期：2026年3月25日',
    );

    const terms = {
      year: 2026,
      member_id: 7,
      effective_from: '2026-01',
      category: 'employed',
      base_fen: 630000,
      base_source: 'typed',
      amount_fen: 9450,
      rate_bp: 150,
      capped: 0,
      reason: null,
    };
    expect(
      describeEntry({
        ...update(
          'dues_assessment',
          { ...terms, category: 'retired', base_source: 'payroll', amount_fen: 6300, rate_bp: 100 },
          terms,
        ),
        memberName: '张三',
      }),
    ).toBe(
      '张三 2026年度核定（在职，每月 94.50 元）　党费类别：离退休 → 在职；基数来源：工资表导入 → 录入；每月应交：63.00 元 → 94.50 元；比例：1% → 1.5%',
    );
    const adjustment = { ...terms, effective_from: '2026-07', category: 'hardship', amount_fen: 0, reason: '家庭变故' };
    expect(
      describeEntry({
        ...update('dues_assessment', {}, {}),
        action: 'insert',
        before: null,
        after: adjustment,
        memberName: '李四',
      }),
    ).toBe('李四 2026年7月起调整（困难，每月 0.00 元）');

    const fund = {
      kind: 'expenditure',
      on_date: '2026-06-30',
      amount_fen: 120000,
      purpose: 'training',
      decision_body: '机关党委会议',
      voided_on: null,
      void_reason: null,
    };
    expect(describeEntry({ ...update('dues_fund', {}, {}), action: 'insert', before: null, after: fund })).toBe(
      '党费支出 1,200.00 元（2026年6月30日）',
    );
    expect(describeRow('dues_fund', fund)).toBe(
      '收支类型：党费支出；日期：2026年6月30日；金额：1,200.00 元；支出用途：培训党员；集体研究的会议：机关党委会议',
    );

    const decision = {
      member_id: 7,
      streak_from: '2026-01',
      decision: 'deadline',
      decided_on: '2026-07-10',
      decided_by: '第一党支部支部委员会',
      deadline: '2026-08-31',
    };
    expect(
      describeEntry({
        ...update('dues_arrears_case', {}, {}),
        action: 'insert',
        before: null,
        after: decision,
        memberName: '王五',
      }),
    ).toBe('王五 自2026年1月起欠交党费的处理');
    expect(describeRow('dues_arrears_case', decision)).toContain(
      '处理意见：已批评教育，限期补交；决定日期：2026年7月10日',
    );

    const set = {
      name: '某省2027年党费标准',
      effective_from: '2027-01',
      employed_brackets: JSON.stringify([
        { upToFen: 300_000, rateBp: 50 },
        { upToFen: null, rateBp: 100 },
      ]),
      flat_fen: JSON.stringify({ student: 20 }),
      monthly_cap_fen: 100_000,
    };
    expect(describeEntry({ ...update('dues_rule_set', {}, {}), action: 'insert', before: null, after: set })).toBe(
      '某省2027年党费标准（2027年1月起）',
    );
    expect(describeRow('dues_rule_set', set)).toBe(
      '名称：某省2027年党费标准；起始月份：2027年1月；在职党员比例：3000元及以下0.5%、3000元以上1%；定额：学生每月 0.20 元；每月上限：1,000.00 元',
    );
  });

  it('names each setting and words its stored JSON', () => {
    const rounding = { key: 'rounding', value: JSON.stringify({ unit: 'fen', mode: 'halfUp' }) };
    expect(
      describeEntry(
        update('dues_setting', rounding, { key: 'rounding', value: JSON.stringify({ unit: 'jiao', mode: 'up' }) }),
      ),
    ).toBe('党费取整规则　值：四舍五入到分 → 只入不舍到角');
    expect(
      describeEntry(
        update(
          'dues_setting',
          { key: 'remittanceShareBp', value: 'null' },
          { key: 'remittanceShareBp', value: '5000' },
        ),
      ),
    ).toBe('上缴比例　值：未设置 → 50%');
    expect(
      describeEntry(
        update(
          'dues_year',
          { year: 2026, locked_on: null, locked_by: null, rounding: null },
          {
            year: 2026,
            locked_on: '2026-02-01',
            locked_by: '办公室',
            rounding: JSON.stringify({ unit: 'fen', mode: 'halfUp' }),
          },
        ),
      ),
    ).toBe('2026年度党费核定　锁定日期：空 → 2026年2月1日；锁定人：空 → 办公室；取整规则：空 → 四舍五入到分');
    expect(
      describeEntry(
        update(
          'settings',
          { key: 'probationEndConvention', value: '"anniversary"' },
          { key: 'probationEndConvention', value: '"dayBefore"' },
        ),
      ),
    ).toBe('预备期届满日算法　值：满一年之日 → 满一年的前一日');
  });
});
