import { isMonthOnly, type IsoDate } from '../../shared/dates';
import { AppError } from '../../shared/errors';
import { maskCitizenId } from '../../shared/members/citizen-id';
import type { MemberFields } from '../../shared/members/input';
import {
  addMonths,
  partyStanding,
  probationEndsOn,
  wholeYears,
  type ProbationEndConvention,
} from '../../shared/members/probation';
import { checkMember, type CheckedMember, type RuleContext } from '../../shared/members/rules';
import type { MemberDetail, MemberEvent, MemberSummary } from '../../shared/members/views';
import { MEMBER_FIELD_LABEL } from '../../shared/members/input';
import type { Db } from '../db/open';
import { getSettings } from '../services/settings';
import { requireLiveDivision } from '../services/divisions';
import { isUniqueViolation } from '../services/sqlite-errors';
import { rightsOn } from '../../shared/members/decisions';
import { memberDecisions } from './decision-rows';
import { nameKeys } from './pinyin';
import type { MemberRow } from './types';

/** What the member rules need to know about the organisation and the organ's settings. */
export function ruleContext(db: Db, today: IsoDate): RuleContext {
  const units = db
    .prepare(
      `SELECT id, kind, parent_id, name FROM org_unit WHERE dissolved_on IS NULL AND kind IN ('branch', 'partyGroup')`,
    )
    .all() as { id: number; kind: string; parent_id: number | null; name: string }[];
  const branches = new Map<number, { name: string; groupIds: Set<number> }>();
  for (const u of units) if (u.kind === 'branch') branches.set(u.id, { name: u.name, groupIds: new Set() });
  for (const u of units)
    if (u.kind === 'partyGroup' && u.parent_id !== null) branches.get(u.parent_id)?.groupIds.add(u.id);
  return { today, convention: getSettings(db).probationEndConvention, branches };
}

/** "公民身份号码：校验码…", but not "公民身份号码：公民身份号码校验码…" when the message names its field already. */
function labelled(label: string, message: string): string {
  return message.startsWith(label) ? message : `${label}：${message}`;
}

export function requireValid(fields: MemberFields, ctx: RuleContext): CheckedMember {
  const result = checkMember(fields, ctx);
  if (result.ok) return result.member;
  const first = result.issues[0]!;
  throw new AppError({
    code: 'INVALID_INPUT',
    message: result.issues.map((i) => labelled(MEMBER_FIELD_LABEL[i.field], i.message)).join('；'),
    detail: result.issues.map((i) => `${i.field}: ${i.message}`).join('; '),
    field: first.field,
  });
}

/** Column values for a checked member, in the order of MEMBER_COLUMNS. */
export function memberValues(m: CheckedMember) {
  const f = m.fields;
  const keys = nameKeys(f.name);
  return {
    name: f.name,
    name_initials: keys.initials,
    name_pinyin: keys.full,
    gender: m.gender,
    citizen_id: m.citizenId,
    ethnicity: f.ethnicity,
    birth_date: m.birthDate,
    education: f.education,
    degree: f.degree,
    native_place: f.nativePlace,
    branch_id: f.branchId,
    party_group_id: f.partyGroupId,
    admitted_on: f.admittedOn,
    probation_extension_months: f.probationExtensionMonths,
    full_membership_on: f.fullMembershipOn,
    job_title: f.jobTitle,
    phone: f.phone,
    address: f.address,
    lost_contact_since: f.lostContactSince,
    mobile_destination: f.mobileDestination,
    is_mobile: f.isMobile ? 1 : 0,
    party_post: f.partyPost,
    admin_post: f.adminPost,
    employment_category: f.employmentCategory,
    introducers: f.introducers,
    note: f.note,
  };
}

export type MemberValues = ReturnType<typeof memberValues>;
const COLUMNS = [
  'name',
  'name_initials',
  'name_pinyin',
  'gender',
  'citizen_id',
  'ethnicity',
  'birth_date',
  'education',
  'degree',
  'native_place',
  'branch_id',
  'party_group_id',
  'admitted_on',
  'probation_extension_months',
  'full_membership_on',
  'job_title',
  'phone',
  'address',
  'lost_contact_since',
  'mobile_destination',
  'is_mobile',
  'party_post',
  'admin_post',
  'employment_category',
  'introducers',
  'note',
] as const satisfies readonly (keyof MemberValues)[];

function duplicateId(citizenId: string): AppError {
  return new AppError({
    code: 'CONFLICT',
    message: `公民身份号码“${maskCitizenId(citizenId)}”已登记在名册中，同一人不能重复登记`,
    detail: 'citizen id taken',
    field: 'citizenId',
  });
}

export function prepareMemberWrites(db: Db) {
  const insert = db.prepare(
    `INSERT INTO member (${COLUMNS.join(', ')}, created_at) VALUES (${COLUMNS.map((c) => `@${c}`).join(', ')}, @created_at)`,
  );
  const update = db.prepare(`UPDATE member SET ${COLUMNS.map((c) => `${c} = @${c}`).join(', ')} WHERE id = @id`);
  const event = db.prepare(
    `INSERT INTO member_event (member_id, kind, occurred_on, counterpart, document_no, months, note, created_at)
     VALUES (@member_id, @kind, @occurred_on, @counterpart, @document_no, @months, @note, @created_at)`,
  );
  const now = () => new Date().toISOString();
  return {
    insert(values: MemberValues): number {
      try {
        return Number(insert.run({ ...values, created_at: now() }).lastInsertRowid);
      } catch (error) {
        if (isUniqueViolation(error)) throw duplicateId(values.citizen_id);
        throw error;
      }
    },
    update(id: number, values: MemberValues): void {
      try {
        update.run({ ...values, id });
      } catch (error) {
        if (isUniqueViolation(error)) throw duplicateId(values.citizen_id);
        throw error;
      }
    },
    event(
      memberId: number,
      kind: string,
      occurredOn: IsoDate,
      extra: {
        counterpart?: string | null;
        documentNo?: string | null;
        months?: number | null;
        note?: string | null;
      } = {},
    ): void {
      event.run({
        member_id: memberId,
        kind,
        occurred_on: occurredOn,
        counterpart: extra.counterpart ?? null,
        document_no: extra.documentNo ?? null,
        months: extra.months ?? null,
        note: extra.note ?? null,
        created_at: now(),
      });
    },
  };
}

/** The history a new member starts with: admission, full membership, lost contact when known. */
export function openingEvents(writes: ReturnType<typeof prepareMemberWrites>, id: number, values: MemberValues): void {
  writes.event(id, 'joined', values.admitted_on);
  if (values.probation_extension_months)
    writes.event(id, 'probationExtended', values.admitted_on, { months: values.probation_extension_months });
  if (values.full_membership_on) writes.event(id, 'fullMembership', values.full_membership_on);
  if (values.lost_contact_since) writes.event(id, 'lostContact', values.lost_contact_since);
}

export function getMemberRow(db: Db, id: number): MemberRow {
  const row = db.prepare(`SELECT * FROM member WHERE id = ?`).get(id) as MemberRow | undefined;
  if (!row)
    throw new AppError({
      code: 'NOT_FOUND',
      message: `找不到编号为 ${id} 的党员。`,
      detail: `member ${id}`,
      field: 'id',
    });
  return row;
}

export interface UnitNames {
  get(id: number | null): string | null;
  /** A 处室's name (the organ's departments, beside its party units). */
  division(id: number | null): string | null;
}

export function unitNames(db: Db): UnitNames {
  const read = (table: 'org_unit' | 'division') =>
    new Map(
      (db.prepare(`SELECT id, name FROM ${table}`).all() as { id: number; name: string }[]).map((u) => [u.id, u.name]),
    );
  const units = read('org_unit');
  const divisions = read('division');
  return {
    get: (id) => (id === null ? null : (units.get(id) ?? null)),
    division: (id) => (id === null ? null : (divisions.get(id) ?? null)),
  };
}

export function toSummary(
  row: MemberRow,
  names: UnitNames,
  today: IsoDate,
  convention: ProbationEndConvention,
): MemberSummary {
  const full = row.full_membership_on !== null && row.full_membership_on <= today;
  return {
    id: row.id,
    name: row.name,
    gender: row.gender,
    maskedCitizenId: maskCitizenId(row.citizen_id),
    ethnicity: row.ethnicity,
    birthDate: row.birth_date,
    age: wholeYears(row.birth_date, today),
    education: row.education,
    degree: row.degree,
    nativePlace: row.native_place,
    branchId: row.branch_id,
    branchName: names.get(row.branch_id) ?? '',
    partyGroupId: row.party_group_id,
    partyGroupName: names.get(row.party_group_id),
    divisionId: row.division_id,
    divisionName: names.division(row.division_id),
    category: full ? 'full' : 'probationary',
    admittedOn: row.admitted_on,
    probationEndsOn: full ? null : probationEndsOn(row.admitted_on, row.probation_extension_months, convention),
    fullMembershipOn: row.full_membership_on,
    partyStanding: partyStanding(row.full_membership_on, today),
    monthOnlyDates: [
      ...(isMonthOnly(row.admitted_on) ? (['admittedOn'] as const) : []),
      ...(isMonthOnly(row.full_membership_on) ? (['fullMembershipOn'] as const) : []),
    ],
    jobTitle: row.job_title,
    phone: row.phone,
    address: row.address,
    status: row.status,
    lostContactSince: row.lost_contact_since,
    isMobile: row.is_mobile === 1,
    mobileDestination: row.mobile_destination,
    partyPost: row.party_post,
    adminPost: row.admin_post,
    employmentCategory: row.employment_category,
    introducers: row.introducers,
    note: row.note,
  };
}

interface EventRow {
  id: number;
  kind: MemberEvent['kind'];
  occurred_on: IsoDate;
  counterpart: string | null;
  document_no: string | null;
  receipt_received_on: IsoDate | null;
  months: number | null;
  note: string | null;
}

/** A transfer-out receipt is due back within one month (reference §5.3). */
export function receiptDueOn(transferredOn: IsoDate): IsoDate {
  return addMonths(transferredOn, 1);
}

export function memberDetail(db: Db, id: number, today: IsoDate): MemberDetail {
  const row = getMemberRow(db, id);
  const convention = getSettings(db).probationEndConvention;
  const events = (
    db.prepare(`SELECT * FROM member_event WHERE member_id = ? ORDER BY occurred_on, id`).all(id) as EventRow[]
  ).map((e): MemberEvent => ({
    id: e.id,
    kind: e.kind,
    occurredOn: e.occurred_on,
    counterpart: e.counterpart,
    documentNo: e.document_no,
    receiptReceivedOn: e.receipt_received_on,
    months: e.months,
    note: e.note,
    receiptOverdue: e.kind === 'transferOut' && !e.receipt_received_on && receiptDueOn(e.occurred_on) < today,
  }));
  const decisions = memberDecisions(db, id);
  return {
    ...toSummary(row, unitNames(db), today, convention),
    citizenId: row.citizen_id,
    probationExtensionMonths: row.probation_extension_months,
    events,
    decisions,
    rights: rightsOn(
      {
        admittedOn: row.admitted_on,
        fullMembershipOn: row.full_membership_on,
        events: events.map((e) => ({ kind: e.kind, on: e.occurredOn })),
        decisions,
      },
      today,
    ),
    voided: row.voided_on ? { on: row.voided_on, reason: row.void_reason ?? '' } : null,
  };
}

export function addMember(
  db: Db,
  fields: MemberFields,
  arrival: { from: string; on: IsoDate; documentNo: string | null } | null,
  today: IsoDate,
): number {
  const checked = requireValid(fields, ruleContext(db, today));
  if (arrival && arrival.on > today) {
    throw new AppError({
      code: 'INVALID_INPUT',
      message: `转入日期“${arrival.on}”晚于今天`,
      detail: 'arrival in future',
      field: 'arrival',
    });
  }
  if (fields.divisionId !== null) requireLiveDivision(db, fields.divisionId, 'divisionId');
  const writes = prepareMemberWrites(db);
  return db.transaction(() => {
    const values = memberValues(checked);
    const id = writes.insert(values);
    if (fields.divisionId !== null) setDivision(db, id, fields.divisionId);
    openingEvents(writes, id, values);
    if (arrival)
      writes.event(id, 'transferIn', arrival.on, { counterpart: arrival.from, documentNo: arrival.documentNo });
    return id;
  })();
}

export function updateMember(db: Db, id: number, fields: MemberFields, today: IsoDate): void {
  const row = getMemberRow(db, id);
  if (row.voided_on)
    throw new AppError({ code: 'RULE_VIOLATION', message: `“${row.name}”的记录已作废，不能修改。`, detail: 'voided' });
  const checked = requireValid(fields, ruleContext(db, today));
  const values = memberValues(checked);
  if ((row.full_membership_on ?? null) !== values.full_membership_on && row.full_membership_on !== null) {
    // Correcting the date is an edit; turning a full member back into a probationary one is not.
    if (values.full_membership_on === null) {
      throw new AppError({
        code: 'RULE_VIOLATION',
        message: '已转正的党员不能改回预备党员；如系录入错误，请作废后重新登记。',
        detail: 'unset full membership',
        field: 'fullMembershipOn',
      });
    }
  }
  // A member may stay in a 处室 dissolved since; moving into one is refused.
  if (fields.divisionId !== null && fields.divisionId !== row.division_id)
    requireLiveDivision(db, fields.divisionId, 'divisionId');
  db.transaction(() => {
    prepareMemberWrites(db).update(id, values);
    if (fields.divisionId !== row.division_id) setDivision(db, id, fields.divisionId);
    completeOpeningEvents(db, id, row, values);
  })();
}

/** 处室 is written on its own: the roster import does not carry it, so memberValues leaves it alone. */
function setDivision(db: Db, id: number, divisionId: number | null): void {
  db.prepare(`UPDATE member SET division_id = ? WHERE id = ?`).run(divisionId, id);
}

/**
 * A date kept to the month and now completed to a day of that month (日期待补全) completes the
 * history too: the admission and 转正 events recorded on the month move to the day, so the
 * timeline and the dues (which read the events) agree with the member row.
 */
function completeOpeningEvents(db: Db, id: number, row: MemberRow, values: MemberValues): void {
  const move = db.prepare(
    `UPDATE member_event SET occurred_on = @day WHERE member_id = @id AND occurred_on = @month AND kind IN (@k1, @k2)`,
  );
  const completed = (before: string | null, after: string | null) =>
    before !== null && after !== null && isMonthOnly(before) && !isMonthOnly(after) && after.startsWith(`${before}-`);
  if (completed(row.admitted_on, values.admitted_on))
    move.run({ id, month: row.admitted_on, day: values.admitted_on, k1: 'joined', k2: 'probationExtended' });
  if (completed(row.full_membership_on, values.full_membership_on))
    move.run({
      id,
      month: row.full_membership_on,
      day: values.full_membership_on,
      k1: 'fullMembership',
      k2: 'fullMembership',
    });
}

export function voidMember(db: Db, id: number, today: IsoDate): void {
  const row = getMemberRow(db, id);
  if (row.voided_on)
    throw new AppError({
      code: 'RULE_VIOLATION',
      message: `“${row.name}”的记录已于${row.voided_on}作废。`,
      detail: 'already voided',
    });
  db.prepare(`UPDATE member SET voided_on = ?, void_reason = audit_reason() WHERE id = ?`).run(today, id);
}
