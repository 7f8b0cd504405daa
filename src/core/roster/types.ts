import type { IsoDate, MonthOrDay } from '../../shared/dates';
import type { Gender } from '../../shared/members/citizen-id';
import type { Degree, Education, EmploymentCategory, MemberStatus } from '../../shared/members/fields';

/** A member row as stored. */
export interface MemberRow {
  id: number;
  name: string;
  name_initials: string;
  name_pinyin: string;
  gender: Gender;
  citizen_id: string;
  ethnicity: string | null;
  birth_date: IsoDate;
  education: Education | null;
  degree: Degree | null;
  native_place: string | null;
  branch_id: number;
  party_group_id: number | null;
  /** Migration 17; set from the member form only. */
  division_id: number | null;
  admitted_on: MonthOrDay;
  probation_extension_months: number | null;
  full_membership_on: MonthOrDay | null;
  job_title: string | null;
  phone: string | null;
  address: string | null;
  status: MemberStatus;
  lost_contact_since: IsoDate | null;
  mobile_destination: string | null;
  is_mobile: 0 | 1;
  party_post: string | null;
  admin_post: string | null;
  employment_category: EmploymentCategory;
  introducers: string | null;
  note: string | null;
  voided_on: string | null;
  void_reason: string | null;
  created_at: string;
}
