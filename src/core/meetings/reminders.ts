import type { Reminder } from '../../shared/contract';
import type { IsoDate } from '../../shared/dates';
import { MEETING_KIND_LABEL } from '../../shared/meetings/rules';
import type { Db } from '../db/open';
import { listMeetingIds, meetingView } from './meeting-view';

/** Late steps of every meeting, and open rectification items past their deadline, for 工作台. */
export function meetingsReminders(db: Db, today: IsoDate): Reminder[] {
  const reminders: Reminder[] = [];
  for (const id of listMeetingIds(db)) {
    const m = meetingView(db, id, today);
    const name = `${m.year}年度${m.unitName ?? ''}${MEETING_KIND_LABEL[m.kind]}`;
    for (const s of m.steps.filter((x) => x.state === 'late'))
      reminders.push({
        kind: 'meetingStepLate',
        subject: { kind: 'meeting', id },
        severity: 'overdue',
        dueOn: s.dueOn,
        message: `${name}的“${s.label}”应于${s.dueOn}前完成，尚未完成。`,
        merge: { key: `meeting-${id}-steps`, subject: name, item: `“${s.label}”`, unit: '个环节', state: '逾期未完成' },
      });
    for (const r of m.rectification.filter((x) => x.overdue))
      reminders.push({
        kind: 'meetingItemOverdue',
        subject: { kind: 'meeting', id },
        severity: 'overdue',
        dueOn: r.deadline,
        message: `${name}整改事项“${r.problem.slice(0, 30)}”（责任人${r.responsible}）已过整改时限${r.deadline}，尚未销号。`,
      });
  }
  return reminders;
}
