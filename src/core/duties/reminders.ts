import type { Reminder } from '../../shared/contract';
import { formatChineseDate, type IsoDate } from '../../shared/dates';
import type { ItemView } from '../../shared/duties/views';
import type { Db } from '../db/open';
import { listItems } from './items';
import { listLeaders } from './leaders';
import { getDutySettings } from './settings';

/** How many items a reminder names before "等N项". */
const NAMED = 3;

function named(items: ItemView[]): string {
  const shown = items.slice(0, NAMED).map((i) => `“${i.content}”（${i.progress.summary}）`);
  return `${shown.join('；')}${items.length > NAMED ? `等${items.length}项` : ''}`;
}

function earliest(items: ItemView[], pick: (i: ItemView) => IsoDate | null): IsoDate {
  return items
    .map(pick)
    .filter((d): d is IsoDate => d !== null)
    .sort()[0]!;
}

/**
 * 一岗双责 reminders for this year's lists, one per person (and one for the team): items whose
 * quarter, month, half-year, year or deadline ends within the warning days and are not met
 * (before the period ends, so there is still time), and items already overdue.
 */
export function dutiesReminders(db: Db, today: IsoDate): Reminder[] {
  const year = Number(today.slice(0, 4));
  const leaders = listLeaders(db, year);
  const settings = getDutySettings(db);
  const ctx = { asOf: today, settings };
  const owners: { name: string; subject: Reminder['subject']; items: ItemView[] }[] = [
    { name: '领导班子', subject: { kind: 'duties', id: year }, items: listItems(db, year, null, ctx) },
    ...leaders
      .filter((l) => !l.leftOn || l.leftOn >= today)
      .map((l) => ({
        name: l.name,
        subject: { kind: 'dutiesLeader' as const, id: l.id },
        items: listItems(db, year, l.id, ctx),
      })),
  ];
  const reminders: Reminder[] = [];
  for (const owner of owners) {
    const overdue = owner.items.filter((i) => i.progress.state === 'overdue');
    if (overdue.length) {
      reminders.push({
        kind: 'dutiesOverdue',
        subject: owner.subject,
        severity: 'overdue',
        dueOn: earliest(overdue, (i) => i.progress.missed[0]?.end ?? i.progress.dueOn),
        message: `${owner.name}有${overdue.length}项责任事项逾期未完成：${named(overdue)}。请督促落实；已经做过但没有记录的，请补记履职纪实。`,
      });
    }
    const soon = owner.items.filter((i) => i.progress.state === 'dueSoon');
    if (soon.length) {
      const due = earliest(soon, (i) => i.progress.dueOn);
      reminders.push({
        kind: 'dutiesDueSoon',
        subject: owner.subject,
        severity: 'warning',
        dueOn: due,
        message: `${owner.name}有${soon.length}项责任事项临近期限尚未完成：${named(soon)}。最早的将于${formatChineseDate(due)}到期。`,
      });
    }
  }
  return reminders;
}
