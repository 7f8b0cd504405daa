import type { OrgUnit, Reminder } from '../../shared/contract';
import { formatChineseDate, type IsoDate } from '../../shared/dates';
import { SHAPE_SOURCE } from '../../shared/org-shape';

/** Term reminders (reference §3.5): before the end, and after it until a new term is entered. */
export function termReminders(units: OrgUnit[]): Reminder[] {
  const reminders: Reminder[] = [];
  for (const unit of units) {
    const term = unit.term;
    if (term.kind === 'endingSoon') {
      reminders.push({
        kind: 'termEndingSoon',
        subject: { kind: 'unit', id: unit.id },
        severity: 'warning',
        dueOn: term.endsOn,
        message: `${unit.name}本届任期将于${formatChineseDate(term.endsOn)}届满（还有 ${term.daysLeft} 天），请及时筹备换届选举。`,
      });
    } else if (term.kind === 'expired') {
      reminders.push({
        kind: 'termExpired',
        subject: { kind: 'unit', id: unit.id },
        severity: 'overdue',
        dueOn: term.endsOn,
        message: `${unit.name}本届任期已于${formatChineseDate(term.endsOn)}届满（已超过 ${term.daysOver} 天），请按期换届并登记新一届任期。`,
      });
    }
  }
  return reminders;
}

/**
 * Size and shape (reference §3.5): one warning per thing out of shape, never a refusal; each
 * names the unit and where the rule comes from. Dated today: it holds until the organisation
 * changes the branch or the roster.
 */
export function shapeReminders(units: OrgUnit[], today: IsoDate): Reminder[] {
  const reminders: Reminder[] = [];
  for (const unit of units)
    for (const w of unit.shape?.warnings ?? [])
      reminders.push({
        kind: w.code.startsWith('organ') ? 'organShape' : 'branchShape',
        subject: { kind: 'unit', id: unit.id },
        severity: 'warning',
        dueOn: today,
        message: `${unit.name}：${w.message}（依据${SHAPE_SOURCE}，仅作提示）`,
      });
  return reminders;
}
