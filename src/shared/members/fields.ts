/**
 * The member's fields as the office names them: the 16 standard items of the 全国党员管理信息系统
 * collection (reference §5.1) plus the extras the issue lists. Code values are English; the
 * labels and the accepted spellings are what appears in screens and spreadsheets.
 */
import type { Gender } from './citizen-id';

export const GENDER_LABEL: Record<Gender, string> = { male: '男', female: '女' };

export type EmploymentCategory = 'employed' | 'retired' | 'student' | 'unemployed' | 'farmer' | 'other';
export const EMPLOYMENT_LABEL: Record<EmploymentCategory, string> = {
  employed: '在职',
  retired: '离退休',
  student: '学生',
  unemployed: '下岗失业',
  farmer: '农民',
  other: '其他',
};

export type Education =
  'doctorate' | 'masters' | 'bachelor' | 'college' | 'secondaryVocational' | 'highSchool' | 'juniorOrBelow';
export const EDUCATION_LABEL: Record<Education, string> = {
  doctorate: '博士研究生',
  masters: '硕士研究生',
  bachelor: '大学本科',
  college: '大学专科',
  secondaryVocational: '中等专科',
  highSchool: '高中',
  juniorOrBelow: '初中及以下',
};
/** How spreadsheets write the same 学历. */
export const EDUCATION_ALIASES: Record<string, Education> = {
  博士: 'doctorate',
  博士研究生: 'doctorate',
  研究生博士: 'doctorate',
  硕士: 'masters',
  硕士研究生: 'masters',
  研究生: 'masters',
  研究生硕士: 'masters',
  本科: 'bachelor',
  大学本科: 'bachelor',
  大学: 'bachelor',
  专科: 'college',
  大专: 'college',
  大学专科: 'college',
  中专: 'secondaryVocational',
  中等专科: 'secondaryVocational',
  中技: 'secondaryVocational',
  技校: 'secondaryVocational',
  高中: 'highSchool',
  职高: 'highSchool',
  初中: 'juniorOrBelow',
  初中及以下: 'juniorOrBelow',
  小学: 'juniorOrBelow',
};

export type Degree = 'doctor' | 'master' | 'bachelor' | 'none';
export const DEGREE_LABEL: Record<Degree, string> = { doctor: '博士', master: '硕士', bachelor: '学士', none: '无' };

/**
 * 党籍状态 with where the member stands on the roster. The first two are current members; the
 * rest are kept as history and never deleted.
 */
export type MemberStatus =
  'normal' | 'suspended' | 'transferredOut' | 'removed' | 'expelled' | 'withdrew' | 'lapsed' | 'deceased';
export const STATUS_LABEL: Record<MemberStatus, string> = {
  normal: '正常',
  suspended: '停止党籍',
  transferredOut: '已转出',
  removed: '除名',
  expelled: '开除党籍',
  withdrew: '退党',
  lapsed: '自行脱党',
  deceased: '去世',
};
export const CURRENT_STATUSES: readonly MemberStatus[] = ['normal', 'suspended'];

export type MemberCategory = 'full' | 'probationary';
export const CATEGORY_LABEL: Record<MemberCategory, string> = { full: '正式党员', probationary: '预备党员' };

/** Ethnic groups are free text in practice ("汉族", "汉"); the suffix is normalised. */
export function normaliseEthnicity(value: string): string {
  const v = value.trim();
  if (!v) return v;
  return v.endsWith('族') ? v : `${v}族`;
}
