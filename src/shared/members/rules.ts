import { addYears, type IsoDate } from '../dates';
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
  if (id.ok && fields.birthDate && fields.birthDate !== id.birthDate) {
    issues.push({
      field: 'birthDate',
      message: `出生日期“${fields.birthDate}”与公民身份号码中的“${id.birthDate}”不一致`,
    });
  }

  const future = (field: keyof MemberFields, label: string, value: IsoDate | null) => {
    if (value && value > ctx.today) issues.push({ field, message: `${label}“${value}”晚于今天` });
  };
  future('admittedOn', '入党日期', fields.admittedOn);
  future('fullMembershipOn', '转正日期', fields.fullMembershipOn);
  future('lostContactSince', '失去联系日期', fields.lostContactSince);

  if (birthDate && fields.admittedOn < addYears(birthDate, 18)) {
    issues.push({
      field: 'admittedOn',
      message: `入党日期“${fields.admittedOn}”时未满18周岁（出生于${birthDate}），党章规定年满十八岁方可入党`,
    });
  }

  if (fields.fullMembershipOn) {
    const expected = probationEndsOn(fields.admittedOn, fields.probationExtensionMonths, ctx.convention);
    if (fields.fullMembershipOn !== expected) {
      const extension = fields.probationExtensionMonths
        ? `预备期一年并延长${fields.probationExtensionMonths}个月`
        : '预备期一年';
      issues.push({
        field: 'fullMembershipOn',
        message: `转正日期应为预备期满之日“${expected}”（入党日期${fields.admittedOn}，${extension}），这里是“${fields.fullMembershipOn}”`,
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
