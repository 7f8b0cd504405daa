import { checkCharacter } from '../../src/shared/members/citizen-id';
import type { MemberFieldsInput } from '../../src/shared/members/input';

/** A valid 18-character ID for the given birth date and sex (area code 110101, 北京东城). */
export function citizenId(birth: string, gender: 'male' | 'female', serial = 1, area = '110101'): string {
  const seq = String(serial * 2 + (gender === 'male' ? 1 : 0))
    .padStart(3, '0')
    .slice(-3);
  const first17 = `${area}${birth.replaceAll('-', '')}${seq}`;
  return first17 + checkCharacter(first17);
}

export function memberFields(overrides: Partial<MemberFieldsInput> = {}): MemberFieldsInput {
  return {
    name: '张三',
    gender: 'male',
    citizenId: citizenId('1985-03-12', 'male'),
    ethnicity: '汉族',
    education: 'bachelor',
    branchId: 2,
    admittedOn: '2010-07-01',
    fullMembershipOn: '2011-07-01',
    jobTitle: '办公室主任',
    phone: '13800000000',
    employmentCategory: 'employed',
    ...overrides,
  };
}
