import type { MonthState } from '../../shared/dues/arrears';
import type { DuesTerms } from '../../shared/dues/compute';
import { belongsInMonth, membershipIntervals, type MembershipInterval } from '../../shared/dues/membership';
import { fen, type Fen } from '../../shared/dues/money';
import { addMonthsTo, monthsOfYear, yearOfMonth, type Month } from '../../shared/dues/months';
import type { DuesCategory } from '../../shared/dues/rules';
import { paymentTiming } from '../../shared/dues/arrears';
import type { BaseSource, PaymentView, TermsVersion } from '../../shared/dues/views';
import type { IsoDate } from '../../shared/dates';
import type { EmploymentCategory, MemberStatus } from '../../shared/members/fields';
import type { MemberEventKind } from '../../shared/members/views';
import type { Db } from '../db/open';
import { loadOpening, type Opening } from './opening';

/*
 * What the dues services read, loaded in a few set-based queries: the members with the months
 * they belong here (from the roster's dated events), each year's terms, and the payments. Every
 * question about a month ("owed? how much? paid?") is then a map lookup, which keeps a
 * 10,000-member organ's year inside a second.
 */

export interface DuesMember {
  id: number;
  name: string;
  branchId: number;
  branchName: string;
  employmentCategory: EmploymentCategory;
  status: MemberStatus;
  admittedOn: IsoDate;
  fullMembershipOn: IsoDate | null;
  intervals: MembershipInterval[];
}

export interface VersionRow {
  id: number;
  year: number;
  member_id: number;
  effective_from: Month;
  category: DuesCategory;
  base_fen: number | null;
  base_source: BaseSource | null;
  base_working: string | null;
  chosen_fen: number | null;
  above_cap: 0 | 1;
  approval_body: string | null;
  approval_document_no: string | null;
  approval_on: IsoDate | null;
  amount_fen: number | null;
  rule_set: string | null;
  rule_set_from: Month | null;
  rate_bp: number | null;
  standard: string | null;
  explanation: string | null;
  capped: 0 | 1;
  problem: string | null;
  start_month: Month | null;
  reason: string | null;
  note: string | null;
  created_at: string;
}

export interface PaymentRow {
  id: number;
  member_id: number;
  month: Month;
  due_fen: number;
  paid_fen: number;
  paid_on: IsoDate;
  receipt_no: string | null;
  paid_by: string | null;
  reason: string | null;
  note: string | null;
}

export interface YearRow {
  year: number;
  locked_on: IsoDate | null;
  locked_by: string | null;
  /** When the year was last locked: originals made until then are fixed. */
  locked_at: string | null;
  rounding: string | null;
}

/** An original made before the year's latest lock is fixed; adjustments are fixed when made. */
export function isLockedVersion(v: VersionRow, year: YearRow | undefined): boolean {
  if (v.reason !== null) return true;
  return Boolean(year?.locked_at && v.created_at <= year.locked_at);
}

/** Members on the roster (voided entries excluded), in branch order then by pinyin, with their membership months. */
export function loadMembers(db: Db, memberIds?: readonly number[]): Map<number, DuesMember> {
  const filter = memberIds ? `AND m.id IN (${memberIds.map(() => '?').join(',') || 'NULL'})` : '';
  const rows = db
    .prepare(
      `SELECT m.id, m.name, m.branch_id, b.name AS branch_name, m.employment_category, m.status, m.admitted_on, m.full_membership_on
         FROM member m JOIN org_unit b ON b.id = m.branch_id
        WHERE m.voided_on IS NULL ${filter}
        ORDER BY b.sort_order, b.id, m.name_pinyin, m.id`,
    )
    .all(...(memberIds ?? [])) as {
    id: number;
    name: string;
    branch_id: number;
    branch_name: string;
    employment_category: EmploymentCategory;
    status: MemberStatus;
    admitted_on: IsoDate;
    full_membership_on: IsoDate | null;
  }[];
  const events = new Map<number, { kind: MemberEventKind; on: IsoDate }[]>();
  const eventRows = db
    .prepare(
      `SELECT member_id, kind, occurred_on FROM member_event ${memberIds ? `WHERE member_id IN (${memberIds.map(() => '?').join(',') || 'NULL'})` : ''} ORDER BY member_id, occurred_on, id`,
    )
    .raw()
    .all(...(memberIds ?? [])) as [number, MemberEventKind, IsoDate][];
  for (const [memberId, kind, on] of eventRows) {
    let list = events.get(memberId);
    if (!list) events.set(memberId, (list = []));
    list.push({ kind, on });
  }
  const members = new Map<number, DuesMember>();
  for (const r of rows) {
    members.set(r.id, {
      id: r.id,
      name: r.name,
      branchId: r.branch_id,
      branchName: r.branch_name,
      employmentCategory: r.employment_category,
      status: r.status,
      admittedOn: r.admitted_on,
      fullMembershipOn: r.full_membership_on,
      intervals: membershipIntervals(r.admitted_on, events.get(r.id) ?? [{ kind: 'joined', on: r.admitted_on }]),
    });
  }
  return members;
}

export function termsOf(v: VersionRow): DuesTerms {
  return {
    category: v.category,
    baseFen: v.base_fen,
    chosenFen: v.chosen_fen,
    aboveCap: v.above_cap === 1,
    approval:
      v.approval_body && v.approval_on
        ? { body: v.approval_body, documentNo: v.approval_document_no, on: v.approval_on }
        : null,
  };
}

export function versionView(v: VersionRow): TermsVersion {
  return {
    id: v.id,
    effectiveFrom: v.effective_from,
    terms: termsOf(v),
    baseSource: v.base_source,
    baseWorking: v.base_working,
    amountFen: v.amount_fen === null ? null : fen(v.amount_fen),
    standard: v.standard,
    explanation: v.explanation,
    rateBp: v.rate_bp,
    capped: v.capped === 1,
    ruleSetId: v.rule_set,
    ruleSetFrom: v.rule_set_from,
    problem: v.problem,
    reason: v.reason,
    note: v.note,
  };
}

export function paymentView(p: PaymentRow): PaymentView {
  const t = paymentTiming(p.month, p.paid_on);
  return {
    id: p.id,
    memberId: p.member_id,
    month: p.month,
    dueFen: fen(p.due_fen),
    paidFen: fen(p.paid_fen),
    paidOn: p.paid_on,
    receiptNo: p.receipt_no,
    paidBy: p.paid_by,
    reason: p.reason,
    note: p.note,
    timing: t.timing,
    timingMonths: t.months,
  };
}

/** How a month stands for a member, before payments. */
export type Owed =
  | { kind: 'notOwed' }
  | { kind: 'notAssessed' }
  | { kind: 'incomplete'; version: VersionRow }
  | { kind: 'due'; fen: Fen; version: VersionRow };

const NOT_OWED: Owed = { kind: 'notOwed' };
const NOT_ASSESSED: Owed = { kind: 'notAssessed' };

export interface BookOptions {
  /** Years whose terms are loaded (all when omitted). */
  years?: { from: number; to: number };
  /** Payments loaded: none, those of a month range, or all. */
  payments?: 'none' | 'all' | { from: Month; to: Month };
  memberIds?: readonly number[];
}

export class DuesBook {
  private constructor(
    readonly members: Map<number, DuesMember>,
    readonly years: Map<number, YearRow>,
    /** member → versions sorted by year, effective month, id. */
    private readonly versions: Map<number, VersionRow[]>,
    readonly payments: Map<number, Map<Month, PaymentRow>>,
    readonly opening: Opening,
  ) {}

  static load(db: Db, options: BookOptions = {}): DuesBook {
    const members = loadMembers(db, options.memberIds);
    const years = new Map(
      (db.prepare(`SELECT year, locked_on, locked_by, locked_at, rounding FROM dues_year`).all() as YearRow[]).map(
        (y) => [y.year, y],
      ),
    );
    const yearFilter = options.years ? `AND year BETWEEN ${options.years.from} AND ${options.years.to}` : '';
    const memberFilter = options.memberIds
      ? `AND member_id IN (${options.memberIds.map(() => '?').join(',') || 'NULL'})`
      : '';
    const versionRows = db
      .prepare(
        `SELECT * FROM dues_assessment WHERE 1 = 1 ${yearFilter} ${memberFilter} ORDER BY member_id, year, effective_from, id`,
      )
      .all(...(options.memberIds ?? [])) as VersionRow[];
    const versions = new Map<number, VersionRow[]>();
    for (const v of versionRows) {
      let list = versions.get(v.member_id);
      if (!list) versions.set(v.member_id, (list = []));
      list.push(v);
    }
    const payments = new Map<number, Map<Month, PaymentRow>>();
    const which = options.payments ?? 'none';
    if (which !== 'none') {
      const range = which === 'all' ? '' : `AND month BETWEEN '${which.from}' AND '${which.to}'`;
      const rows = db
        .prepare(
          `SELECT id, member_id, month, due_fen, paid_fen, paid_on, receipt_no, paid_by, reason, note FROM dues_payment
            WHERE voided_on IS NULL ${range} ${memberFilter}`,
        )
        .all(...(options.memberIds ?? [])) as PaymentRow[];
      for (const p of rows) {
        let byMonth = payments.get(p.member_id);
        if (!byMonth) payments.set(p.member_id, (byMonth = new Map()));
        byMonth.set(p.month, p);
      }
    }
    return new DuesBook(members, years, versions, payments, loadOpening(db, options.memberIds));
  }

  isLocked(v: VersionRow): boolean {
    return isLockedVersion(v, this.years.get(v.year));
  }

  /** The first month the app keeps dues for: January of the earliest assessed year. */
  trackingStart(): Month | null {
    let first: number | null = null;
    for (const y of this.years.keys()) if (first === null || y < first) first = y;
    return first === null ? null : `${first}-01`;
  }

  /** 启用时已交至 for the member: their own exception, else the organ's; null when no opening is set. */
  openingPaidTo(memberId: number): Month | null {
    return this.opening.members.get(memberId) ?? this.opening.organ;
  }

  /** A month kept on paper before the app took over (启用前): not judged here. */
  beforeOpening(memberId: number, month: Month): boolean {
    const paidTo = this.openingPaidTo(memberId);
    return paidTo !== null && month <= paidTo;
  }

  /**
   * The first month judged for a member: the month after 启用时已交至 when an opening is set,
   * else the start of tracking (January of the earliest assessed year). Null: nothing judged.
   */
  judgedFrom(memberId: number, trackingStart: Month | null): Month | null {
    if (trackingStart === null) return null;
    const paidTo = this.openingPaidTo(memberId);
    return paidTo === null ? trackingStart : addMonthsTo(paidTo, 1);
  }

  /** The earliest month judged for anyone: where the 三清 list starts looking. */
  earliestJudged(trackingStart: Month | null): Month | null {
    if (trackingStart === null) return null;
    if (this.opening.organ === null) return trackingStart;
    let earliest = this.opening.organ;
    for (const m of this.opening.members.values()) if (m < earliest) earliest = m;
    return addMonthsTo(earliest, 1);
  }

  versionsOf(memberId: number, year: number): VersionRow[] {
    return (this.versions.get(memberId) ?? []).filter((v) => v.year === year);
  }

  original(memberId: number, year: number): VersionRow | undefined {
    return this.versions.get(memberId)?.find((v) => v.year === year && v.reason === null);
  }

  /** The terms in force in `month`: the latest version of that year starting on or before it. */
  versionFor(memberId: number, month: Month): VersionRow | undefined {
    const year = yearOfMonth(month);
    let found: VersionRow | undefined;
    for (const v of this.versions.get(memberId) ?? []) {
      if (v.year > year) break;
      if (v.year === year && v.effective_from <= month) found = v;
    }
    return found;
  }

  /** Whether the member owes dues here in `month`: a member that month, and not before the year's start month. */
  owes(memberId: number, month: Month): boolean {
    const member = this.members.get(memberId);
    if (!member || !belongsInMonth(member.intervals, month)) return false;
    const start = this.original(memberId, yearOfMonth(month))?.start_month;
    return !start || month >= start;
  }

  owed(memberId: number, month: Month): Owed {
    if (!this.owes(memberId, month)) return { kind: 'notOwed' };
    const version = this.versionFor(memberId, month);
    if (!version) return { kind: 'notAssessed' };
    if (version.amount_fen === null) return { kind: 'incomplete', version };
    return { kind: 'due', fen: fen(version.amount_fen), version };
  }

  /**
   * `owed` for each month of a year, January first: the same answers in one pass over the
   * member's versions, for the reports that ask about every month of every member.
   */
  owedInYear(memberId: number, year: number): Owed[] {
    const member = this.members.get(memberId);
    const versions = this.versionsOf(memberId, year);
    const start = versions.find((v) => v.reason === null)?.start_month ?? null;
    const owed: Owed[] = [];
    let current = -1;
    for (const month of monthsOfYear(year)) {
      if (!member || !belongsInMonth(member.intervals, month) || (start !== null && month < start)) {
        owed.push(NOT_OWED);
        continue;
      }
      while (current + 1 < versions.length && versions[current + 1]!.effective_from <= month) current += 1;
      const version = versions[current];
      if (!version) owed.push(NOT_ASSESSED);
      else if (version.amount_fen === null) owed.push({ kind: 'incomplete', version });
      else owed.push({ kind: 'due', fen: fen(version.amount_fen), version });
    }
    return owed;
  }

  payment(memberId: number, month: Month): PaymentRow | undefined {
    return this.payments.get(memberId)?.get(month);
  }

  /**
   * How each month of a year stands for arrears, January first: unpaid, settled (paid or exempt)
   * or none (not owed here, or before the app kept dues: 启用前). One pass over the member's
   * terms, as arrears judge every month of every member.
   */
  statesInYear(memberId: number, year: number, trackingStart: Month | null): MonthState[] {
    const from = this.judgedFrom(memberId, trackingStart);
    const owed = this.owedInYear(memberId, year);
    const paid = this.payments.get(memberId);
    return monthsOfYear(year).map((month, i): MonthState => {
      const o = owed[i]!;
      if (from === null || month < from || o.kind === 'notOwed') return 'none';
      if (paid?.has(month)) return 'settled';
      if (o.kind === 'due' && o.fen === 0) return 'settled';
      return 'unpaid';
    });
  }
}
