import {
  addYears,
  earliestDay,
  formatChineseDate,
  isMonthOnly,
  latestDay,
  monthOfDate,
  type IsoDate,
  type MonthOrDay,
} from '../dates';
import { checkCitizenId, type Gender } from './citizen-id';
import { GENDER_LABEL } from './fields';
import type { MemberFields } from './input';
import { probationEndsOn, type ProbationEndConvention } from './probation';

export interface FieldIssue {
  field: keyof MemberFields;
  message: string;
}

export interface RuleContext {
  today: IsoDate;
  convention: ProbationEndConvention;
  /** Live branches and their live party groups, by id. */
  branches: ReadonlyMap<number, { name: string; groupIds: ReadonlySet<number> }>;
}

export interface CheckedMember {
  fields: MemberFields;
  citizenId: string;
  birthDate: IsoDate;
  gender: Gender;
}

/**
 * Every cross-field rule of reference §5, shared by the entry form and the importer so that a
 * row is judged the same way however it arrives. Returns the member with what the ID number
 * implies (normalised number, birth date, sex) or every problem found.
 */
export function checkMember(
  fields: MemberFields,
  ctx: RuleContext,
): { ok: true; member: CheckedMember } | { ok: false; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const id = checkCitizenId(fields.citizenId, ctx.today);
  if (!id.ok) issues.push({ field: 'citizenId', message: id.message });
  const birthDate = id.ok ? id.birthDate : fields.birthDate;
  const gender = id.ok ? id.gender : fields.gender;

  if (id.ok && fields.gender && fields.gender !== id.gender) {
    issues.push({
      field: 'gender',
      message: `性别填的是“${GENDER_LABEL[fields.gender]}”，但公民身份号码第17位表示“${GENDER_LABEL[id.gender]}”，请核对`,
    });
  }
  // 出生年月 written to the month agrees when the month does; the day is then the ID's.
  if (id.ok && fields.birthDate) {
    const agrees = isMonthOnly(fields.birthDate)
      ? fields.birthDate === monthOfDate(id.birthDate)
      : fields.birthDate === id.birthDate;
    if (!agrees)
      issues.push({
        field: 'birthDate',
        message: `出生日期“${formatChineseDate(fields.birthDate)}”与公民身份号码中的“${formatChineseDate(id.birthDate)}”不一致`,
      });
  }

  // A month is in the future only when all of it is.
  const future = (field: keyof MemberFields, label: string, value: MonthOrDay | null) => {
    if (value && earliestDay(value) > ctx.today)
      issues.push({ field, message: `${label}“${formatChineseDate(value)}”晚于今天` });
  };
  future('admittedOn', '入党日期', fields.admittedOn);
  future('fullMembershipOn', '转正日期', fields.fullMembershipOn);
  future('lostContactSince', '失去联系日期', fields.lostContactSince);

  // With a month, only a month wholly before the 18th birthday is refused: nothing is guessed.
  if (birthDate && fields.admittedOn && latestDay(fields.admittedOn) < addYears(birthDate, 18)) {
    issues.push({
      field: 'admittedOn',
      message: `入党日期“${formatChineseDate(fields.admittedOn)}”时未满18周岁（出生于${formatChineseDate(birthDate)}），党章规定年满十八岁方可入党`,
    });
  }

  if (fields.fullMembershipOn && fields.admittedOn) {
    const { admittedOn, fullMembershipOn, probationExtensionMonths: ext } = fields;
    if (!fullMembershipFits(admittedOn, ext, fullMembershipOn, ctx.convention)) {
      const expected = probationEndsOn(admittedOn, ext, ctx.convention);
      const extension = ext ? `预备期一年并延长${ext}个月` : '预备期一年';
      issues.push({
        field: 'fullMembershipOn',
        message: `转正日期应为预备期满之日“${formatChineseDate(expected)}”（入党日期${formatChineseDate(admittedOn)}，${extension}），这里是“${formatChineseDate(fullMembershipOn)}”`,
      });
    }
  }

  const branch = ctx.branches.get(fields.branchId);
  if (!branch) {
    issues.push({ field: 'branchId', message: `所在党支部（编号 ${fields.branchId}）不存在或已撤销` });
  } else if (fields.partyGroupId !== null && !branch.groupIds.has(fields.partyGroupId)) {
    issues.push({ field: 'partyGroupId', message: `党小组不属于“${branch.name}”` });
  }

  if (!fields.isMobile && fields.mobileDestination) {
    issues.push({ field: 'mobileDestination', message: '填写了外出流向，但没有标为流动党员' });
  }

  if (issues.length > 0 || !id.ok || !gender || !birthDate) return { ok: false, issues };
  return { ok: true, member: { fields, citizenId: id.id, birthDate, gender } };
}

/**
 * Whether a 转正日期 can be the end of probation: to the day when both dates are days; when either
 * is known only to the month, when the days it may be and the days probation may end on meet.
 */
export function fullMembershipFits(
  admittedOn: MonthOrDay,
  extensionMonths: number | null,
  fullMembershipOn: MonthOrDay,
  convention: ProbationEndConvention,
): boolean {
  const endsFrom = earliestDay(probationEndsOn(earliestDay(admittedOn), extensionMonths, convention));
  const endsTo = latestDay(probationEndsOn(latestDay(admittedOn), extensionMonths, convention));
  return earliestDay(fullMembershipOn) <= endsTo && latestDay(fullMembershipOn) >= endsFrom;
}
