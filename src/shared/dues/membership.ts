import type { IsoDate } from '../dates';
import type { MemberEventKind } from '../members/event-kind';
import type { Month } from './months';

/**
 * When a member owes dues to this organ, read from the roster's dated events: from admission
 * (a probationary member pays from the day the 支部大会 adopts them, 2008 art. 8) or from the
 * transfer in, until a transfer out, a suspension of membership, an exit or death. A month is
 * owed when the member belonged here on any day of it.
 */
export interface MembershipInterval {
  from: IsoDate;
  /** The day the member stopped belonging (not a day of membership); null while current. */
  until: IsoDate | null;
}

export interface DatedEvent {
  kind: MemberEventKind;
  on: IsoDate;
}

const OPENS = new Set<MemberEventKind>(['transferIn', 'restored']);
const CLOSES = new Set<MemberEventKind>([
  'transferOut',
  'suspended',
  'removed',
  'expelled',
  'withdrew',
  'lapsed',
  'deceased',
]);

/** Events in the order they happened (same-day events keep the order given). */
export function membershipIntervals(admittedOn: IsoDate, events: readonly DatedEvent[]): MembershipInterval[] {
  const ordered = events.map((e, i) => ({ ...e, i })).sort((a, b) => a.on.localeCompare(b.on) || a.i - b.i);
  // A member who arrived by transfer joined the Party elsewhere: membership here starts at the
  // first transfer in that is not a return after a transfer out.
  const firstTransfer = ordered.find((e) => e.kind === 'transferIn' || e.kind === 'transferOut');
  const arrivedByTransfer = firstTransfer?.kind === 'transferIn';
  const intervals: MembershipInterval[] = [];
  let open: IsoDate | null = arrivedByTransfer ? null : admittedOn;
  for (const e of ordered) {
    if (open === null && OPENS.has(e.kind)) {
      open = e.on;
    } else if (open !== null && CLOSES.has(e.kind)) {
      if (e.on > open) intervals.push({ from: open, until: e.on });
      open = null;
    }
  }
  if (open !== null) intervals.push({ from: open, until: null });
  return intervals;
}

export function belongsInMonth(intervals: readonly MembershipInterval[], month: Month): boolean {
  // ISO strings compare as dates: every day of the month is ≥ "YYYY-MM-01" and ≤ "YYYY-MM-31".
  const first = `${month}-01`;
  const last = `${month}-31`;
  for (const i of intervals) if (i.from <= last && (i.until === null || i.until > first)) return true;
  return false;
}

/** Whether the member belonged here on `date` (the day an interval ends is not one of its days). */
export function belongsOn(intervals: readonly MembershipInterval[], date: IsoDate): boolean {
  return intervals.some((i) => i.from <= date && (i.until === null || date < i.until));
}
