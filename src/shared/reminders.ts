import { addDays, formatChineseDate, type IsoDate } from './dates';
import type { Reminder, ReminderKind } from './contract';

/*
 * 工作台's reminders as a clerk acts on them: by module, the worst first, with counts of what is
 * overdue (逾期), due within the week (7天内到期) and within the month (30天内到期); the late steps
 * of one meeting as one line. Pure, so the grouping is tested without a screen.
 */

export type ReminderModule = 'roster' | 'org' | 'dues' | 'duties' | 'meetings';
export const MODULE_LABEL: Record<ReminderModule, string> = {
  roster: '党员名册',
  org: '组织设置',
  dues: '党费',
  duties: '一岗双责',
  meetings: '生活会',
};

/** Each reminder's title on 工作台 and the module that deals with it. */
export const REMINDER_KIND: Record<ReminderKind, { title: string; module: ReminderModule }> = {
  termEndingSoon: { title: '任期即将届满', module: 'org' },
  termExpired: { title: '任期已届满', module: 'org' },
  branchShape: { title: '党支部设置提示', module: 'org' },
  organShape: { title: '机关党组织设置提示', module: 'org' },
  probationEnding: { title: '预备期即将期满', module: 'roster' },
  probationOverdue: { title: '预备期已满，待转正', module: 'roster' },
  admissionDayMissing: { title: '入党日期待补全', module: 'roster' },
  receiptOverdue: { title: '转出回执逾期未回', module: 'roster' },
  lostContactLong: { title: '失联超过6个月', module: 'roster' },
  suspendedTwoYears: { title: '停止党籍满2年', module: 'roster' },
  duesNotAssessed: { title: '党费年度核定', module: 'dues' },
  duesArrears: { title: '连续欠交党费3个月以上', module: 'dues' },
  duesArrearsSerious: { title: '连续欠交党费5个月', module: 'dues' },
  duesArrearsCase: { title: '连续欠交党费6个月，待支部研究', module: 'dues' },
  duesArrearsDeadlinePassed: { title: '欠交党费补交期限已过', module: 'dues' },
  duesLargeUnremitted: { title: '大额党费待上缴', module: 'dues' },
  duesRemittanceDue: { title: '党费上缴期限', module: 'dues' },
  meetingStepLate: { title: '民主生活会/组织生活会环节逾期', module: 'meetings' },
  meetingItemOverdue: { title: '整改事项逾期未销号', module: 'meetings' },
  dutiesOverdue: { title: '一岗双责事项逾期未完成', module: 'duties' },
  dutiesDueSoon: { title: '一岗双责事项临近期限', module: 'duties' },
};

export type Urgency = 'overdue' | 'week' | 'month' | 'later';
export const URGENCIES: readonly Urgency[] = ['overdue', 'week', 'month', 'later'];
export const URGENCY_LABEL: Record<Urgency, string> = {
  overdue: '逾期',
  week: '7天内到期',
  month: '30天内到期',
  later: '以后到期',
};

/** Overdue once past its day (or said so); then due within 7 days, within 30, or later. */
export function urgencyOf(r: Pick<Reminder, 'severity' | 'dueOn'>, today: IsoDate): Urgency {
  if (r.severity === 'overdue' || r.dueOn < today) return 'overdue';
  if (r.dueOn <= addDays(today, 7)) return 'week';
  if (r.dueOn <= addDays(today, 30)) return 'month';
  return 'later';
}

/** One line on 工作台: a reminder, or several of one subject merged (a meeting's late steps). */
export interface ReminderLine {
  key: string;
  kind: ReminderKind;
  title: string;
  message: string;
  subject: Reminder['subject'];
  dueOn: IsoDate;
  urgency: Urgency;
  /** How many reminders the line stands for. */
  count: number;
}

export interface ReminderGroup {
  module: ReminderModule;
  label: string;
  lines: ReminderLine[];
  /** Lines by urgency. */
  counts: Record<Urgency, number>;
}

const RANK: Record<Urgency, number> = { overdue: 0, week: 1, month: 2, later: 3 };

function lineOf(list: Reminder[], today: IsoDate): ReminderLine {
  const first = list[0]!;
  const urgency = list.map((r) => urgencyOf(r, today)).sort((a, b) => RANK[a] - RANK[b])[0]!;
  const dueOn = list.map((r) => r.dueOn).sort()[0]!;
  const merge = first.merge;
  const message =
    list.length === 1 || !merge
      ? first.message
      : `${merge.subject}：${list.map((r) => r.merge!.item).join('、')}共${list.length}${merge.unit}${merge.state}，最早应于${formatChineseDate(dueOn)}完成。`;
  return {
    key: merge ? merge.key : `${first.kind}-${first.subject.kind}-${first.subject.id}-${first.dueOn}`,
    kind: first.kind,
    title: REMINDER_KIND[first.kind].title,
    message,
    subject: first.subject,
    dueOn,
    urgency,
    count: list.length,
  };
}

/** Reminders by module, the worst module first; in each, overdue first, then by the day due. */
export function groupReminders(reminders: readonly Reminder[], today: IsoDate): ReminderGroup[] {
  const merged = new Map<string, Reminder[]>();
  for (const r of reminders) {
    const key = r.merge?.key ?? `${r.kind}-${r.subject.kind}-${r.subject.id}-${r.dueOn}-${merged.size}`;
    merged.set(key, [...(merged.get(key) ?? []), r]);
  }
  const byModule = new Map<ReminderModule, ReminderLine[]>();
  for (const list of merged.values()) {
    const line = lineOf(list, today);
    const module = REMINDER_KIND[line.kind].module;
    byModule.set(module, [...(byModule.get(module) ?? []), line]);
  }
  const groups = [...byModule.entries()].map(([module, lines]): ReminderGroup => {
    lines.sort((a, b) => RANK[a.urgency] - RANK[b.urgency] || a.dueOn.localeCompare(b.dueOn));
    const counts = { overdue: 0, week: 0, month: 0, later: 0 };
    for (const l of lines) counts[l.urgency] += 1;
    return { module, label: MODULE_LABEL[module], lines, counts };
  });
  const order = Object.keys(MODULE_LABEL) as ReminderModule[];
  return groups.sort(
    (a, b) =>
      URGENCIES.reduce((d, u) => d || b.counts[u] - a.counts[u], 0) ||
      order.indexOf(a.module) - order.indexOf(b.module),
  );
}
