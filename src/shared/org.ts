import { addDays, addYears, daysBetween, type IsoDate } from './dates';

/** The top party organisation of the organ (reference §3.5: 机关党委 ≥100 members, 总支 50–100). */
export type CommitteeKind = 'committee' | 'generalBranch' | 'branch';

/** Units of the organisation tree. The root is the organ's own top organisation. */
export type OrgUnitKind = 'committee' | 'generalBranch' | 'branch' | 'partyGroup';

export const COMMITTEE_KIND_LABEL: Record<CommitteeKind, string> = {
  committee: '机关党委',
  generalBranch: '机关党总支',
  branch: '机关党支部',
};

export const UNIT_KIND_LABEL: Record<OrgUnitKind, string> = {
  committee: '机关党委',
  generalBranch: '党总支',
  branch: '党支部',
  partyGroup: '党小组',
};

/** Which kinds may sit directly under which: 党小组 only inside a 支部, 支部 under a 总支 or the 党委. */
export const ALLOWED_CHILDREN: Record<OrgUnitKind, readonly OrgUnitKind[]> = {
  committee: ['generalBranch', 'branch'],
  generalBranch: ['branch'],
  branch: ['partyGroup'],
  partyGroup: [],
};

export function canContain(parent: OrgUnitKind, child: OrgUnitKind): boolean {
  return ALLOWED_CHILDREN[parent].includes(child);
}

/**
 * Default term in years (reference §3.5): 支部/总支 3 years, 基层党委 5 years.
 * Party groups are not elected bodies with a term.
 */
export const DEFAULT_TERM_YEARS: Record<OrgUnitKind, number | null> = {
  committee: 5,
  generalBranch: 3,
  branch: 3,
  partyGroup: null,
};

export type PostKind =
  'secretary' | 'deputySecretary' | 'organisation' | 'propaganda' | 'discipline' | 'committeeMember' | 'groupLeader';

export const POST_LABEL: Record<PostKind, string> = {
  secretary: '书记',
  deputySecretary: '副书记',
  organisation: '组织委员',
  propaganda: '宣传委员',
  discipline: '纪检委员',
  committeeMember: '委员',
  groupLeader: '党小组组长',
};

/** Posts that make sense for each kind of unit. */
export const POSTS_FOR_KIND: Record<OrgUnitKind, readonly PostKind[]> = {
  committee: ['secretary', 'deputySecretary', 'organisation', 'propaganda', 'discipline', 'committeeMember'],
  generalBranch: ['secretary', 'deputySecretary', 'organisation', 'propaganda', 'discipline', 'committeeMember'],
  branch: ['secretary', 'deputySecretary', 'organisation', 'propaganda', 'discipline', 'committeeMember'],
  partyGroup: ['groupLeader'],
};

/** The formal name offices write on documents, offered as a starting point at setup. */
export function suggestedCommitteeName(organName: string, kind: CommitteeKind): string {
  const organ = organName.trim();
  if (!organ) return '';
  const suffix = { committee: '机关委员会', generalBranch: '机关总支部委员会', branch: '机关支部委员会' }[kind];
  return `中共${organ}${suffix}`;
}

export type TermState =
  | { kind: 'none' }
  | { kind: 'current'; endsOn: IsoDate; daysLeft: number }
  | { kind: 'endingSoon'; endsOn: IsoDate; daysLeft: number }
  | { kind: 'expired'; endsOn: IsoDate; daysOver: number };

/**
 * A term that started on D for N years ends the day before the N-th anniversary
 * (a term from 2023-07-01 for 3 years covers up to 2026-06-30).
 */
export function termEndsOn(startedOn: IsoDate, years: number): IsoDate {
  return addDays(addYears(startedOn, years), -1);
}

export function termState(
  startedOn: IsoDate | null,
  years: number | null,
  today: IsoDate,
  warningDays: number,
): TermState {
  if (!startedOn || !years) return { kind: 'none' };
  const endsOn = termEndsOn(startedOn, years);
  const daysLeft = daysBetween(today, endsOn);
  if (daysLeft < 0) return { kind: 'expired', endsOn, daysOver: -daysLeft };
  if (daysLeft <= warningDays) return { kind: 'endingSoon', endsOn, daysLeft };
  return { kind: 'current', endsOn, daysLeft };
}
