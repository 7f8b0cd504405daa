import { z } from 'zod';
import {
  choice,
  monthOrDay,
  optionalIsoDate,
  optionalMonthOrDay,
  optionalText,
  recordId,
  requiredText,
  wholeNumber,
} from '../validation';
import {
  DEGREE_LABEL,
  EDUCATION_LABEL,
  EMPLOYMENT_LABEL,
  GENDER_LABEL,
  type Degree,
  type Education,
  type EmploymentCategory,
} from './fields';

const keys = <T extends string>(labels: Record<T, string>) => Object.keys(labels) as [T, ...T[]];

/** What a person (or an imported row) says about a member; derived facts are not accepted here. */
export const memberFieldsSchema = z.strictObject({
  name: requiredText('姓名', 30),
  gender: choice('性别', keys(GENDER_LABEL), GENDER_LABEL)
    .nullable()
    .optional()
    .transform((v) => v ?? null),
  citizenId: requiredText('公民身份号码', 40),
  ethnicity: optionalText('民族', 20),
  // 出生年月 may be written to the month; the day stored is always the ID number's.
  birthDate: optionalMonthOrDay('出生日期'),
  education: choice('学历', keys<Education>(EDUCATION_LABEL), EDUCATION_LABEL)
    .nullable()
    .optional()
    .transform((v) => v ?? null),
  degree: choice('学位', keys<Degree>(DEGREE_LABEL), DEGREE_LABEL)
    .nullable()
    .optional()
    .transform((v) => v ?? null),
  nativePlace: optionalText('籍贯', 40),
  branchId: recordId('所在党支部'),
  partyGroupId: recordId('党小组')
    .nullable()
    .optional()
    .transform((v) => v ?? null),
  // Kept to the month when that is all the records say (shown 2001年7月, never the 1st).
  /** 所在处室: set from the member form; the roster import leaves it as it is. */
  divisionId: recordId('所在处室')
    .nullable()
    .optional()
    .transform((v) => v ?? null),
  admittedOn: monthOrDay('入党日期'),
  probationExtensionMonths: wholeNumber('预备期延长月数', 6, 12)
    .nullable()
    .optional()
    .transform((v) => v ?? null),
  fullMembershipOn: optionalMonthOrDay('转正日期'),
  jobTitle: optionalText('工作岗位', 60),
  phone: optionalText('联系电话', 40),
  address: optionalText('家庭住址', 120),
  lostContactSince: optionalIsoDate('失去联系日期'),
  mobileDestination: optionalText('外出流向', 80),
  isMobile: z
    .boolean({ error: '流动党员应为是或否' })
    .optional()
    .transform((v) => v ?? false),
  partyPost: optionalText('党内职务', 40),
  adminPost: optionalText('行政职务/职级', 40),
  employmentCategory: choice('人员身份', keys<EmploymentCategory>(EMPLOYMENT_LABEL), EMPLOYMENT_LABEL)
    .optional()
    .transform((v) => v ?? 'employed'),
  introducers: optionalText('入党介绍人', 60),
  note: optionalText('备注', 500),
});

export type MemberFieldsInput = z.input<typeof memberFieldsSchema>;
export type MemberFields = z.output<typeof memberFieldsSchema>;

export const MEMBER_FIELD_LABEL: Record<keyof MemberFields, string> = {
  name: '姓名',
  gender: '性别',
  citizenId: '公民身份号码',
  ethnicity: '民族',
  birthDate: '出生日期',
  education: '学历',
  degree: '学位',
  nativePlace: '籍贯',
  branchId: '所在党支部',
  partyGroupId: '党小组',
  divisionId: '所在处室',
  admittedOn: '入党日期',
  probationExtensionMonths: '预备期延长月数',
  fullMembershipOn: '转正日期',
  jobTitle: '工作岗位',
  phone: '联系电话',
  address: '家庭住址',
  lostContactSince: '失去联系日期',
  mobileDestination: '外出流向',
  isMobile: '流动党员',
  partyPost: '党内职务',
  adminPost: '行政职务/职级',
  employmentCategory: '人员身份',
  introducers: '入党介绍人',
  note: '备注',
};
