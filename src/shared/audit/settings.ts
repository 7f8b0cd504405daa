import { describeRounding, type Rounding } from '../dues/compute';
import type { PayrollItems } from '../dues/settings';
import type { TalkPairings } from '../meetings/rules';

/*
 * The four settings tables (settings, dues_setting, duty_setting, meeting_setting) keep one row
 * per key with the value as JSON, so an entry is named by its key and its value is worded by
 * what that key holds: a rounding rule, a share in basis points, lists of payroll columns.
 */

const SETTING_NAME: Record<string, Record<string, string>> = {
  settings: {
    termWarningDays: '任期届满提前提醒天数',
    idleLockMinutes: '无操作自动锁定分钟数',
    probationEndConvention: '预备期届满日算法',
    // Not settings: the latest custody action, kept here so the audit triggers record it (core/services/settings.ts).
    passwordSet: '数据安全：设置密码',
    passwordChanged: '数据安全：修改密码',
    recoveryReset: '数据安全：用恢复码重设密码',
    recoveryCodeReplaced: '数据安全：更换恢复码',
    keysRestored: '数据安全：恢复密钥文件',
    manualBackup: '数据安全：立即备份',
    usbExport: '数据安全：导出到U盘',
  },
  dues_setting: {
    rounding: '党费取整规则',
    capAppliesToAnnualSalary: '年薪制党员适用每月1000元上限',
    backPaymentMonths: '补交提示月数',
    prepaymentMonths: '预交提示月数',
    remittanceShareBp: '上缴比例',
    remittanceDueDay: '上缴期限（次年）',
    largeIncludesThreshold: '恰好1000元算大额党费',
    payrollItems: '工资表计入和扣除的项目',
    noticeDays: '党费收缴情况公示天数',
  },
  duty_setting: {
    warningDays: '季度、半年和时限事项提前提醒天数',
    yearWarningDays: '年度事项提前提醒天数',
    evidenceMaxMb: '佐证材料单个文件大小上限（MB）',
    teamName: '领导班子名称',
    letterTitle: '责任书标题',
    issuerTitle: '责任领导称谓',
    superiorIssuerTitle: '书记责任书的责任领导称谓',
  },
  meeting_setting: {
    planDaysBefore: '方案报上级：会前天数',
    studyDaysBefore: '学习研讨：会前天数',
    opinionsDaysBefore: '征求意见：会前天数',
    talksDaysBefore: '谈心谈话：会前天数',
    materialsDaysBefore: '对照检查材料：会前天数',
    reportDaysAfter: '情况报告：会后天数',
    rectificationDaysAfter: '整改清单：会后天数',
    repeatThreshold: '重复问题提示相似度（%）',
    pairings: '谈心谈话范围',
  },
};

const PAIRING_LABEL: Record<keyof TalkPairings, string> = {
  principalWithEach: '主要负责人与每名成员谈',
  membersWithEach: '成员之间相互谈',
  memberWithDivisionHeads: '成员与分管部门负责人谈',
};

const PROBATION_END_LABEL: Record<string, string> = { anniversary: '满一年之日', dayBefore: '满一年的前一日' };

/** How a key's parsed value reads, where it is more than a number, a word or yes/no. */
const VALUE_WORDING: Record<string, (value: never) => string> = {
  probationEndConvention: (v: string) => PROBATION_END_LABEL[v] ?? v,
  rounding: (v: Rounding) => describeRounding(v),
  // Basis points, as the settings screen asks for a percentage.
  remittanceShareBp: (v: number) => `${v / 100}%`,
  payrollItems: (v: PayrollItems) => `计入：${v.add.join('、') || '无'}；扣除：${v.subtract.join('、') || '无'}`,
  pairings: (v: TalkPairings) =>
    (Object.keys(PAIRING_LABEL) as (keyof TalkPairings)[])
      .filter((k) => v[k])
      .map((k) => PAIRING_LABEL[k])
      .join('、') || '不要求',
};

export function isSettingsTable(entity: string): boolean {
  return entity in SETTING_NAME;
}

export function settingName(entity: string, key: string): string {
  return SETTING_NAME[entity]?.[key] ?? key;
}

/** The stored JSON of a setting in the office's words; text that is not JSON is shown as it is. */
export function settingValue(key: string, json: string): string {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return json;
  }
  if (value === null) return '未设置';
  const wording = VALUE_WORDING[key] as ((v: unknown) => string) | undefined;
  if (wording) return wording(value);
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (Array.isArray(value)) return value.join('、');
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}
