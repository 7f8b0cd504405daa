import { Badge, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { formatChineseDate } from '../../shared/dates';
import {
  CATEGORY_LABEL,
  DEGREE_LABEL,
  EDUCATION_LABEL,
  EMPLOYMENT_LABEL,
  GENDER_LABEL,
  STATUS_LABEL,
} from '../../shared/members/fields';
import type { MemberSummary, SortField } from '../../shared/members/views';

export interface RosterColumn {
  key: string;
  label: string;
  width: number;
  sort?: SortField;
  render: (m: MemberSummary) => ReactNode;
}

const date = (value: string | null) => (value ? <span className="tabular">{formatChineseDate(value)}</span> : null);

export const COLUMNS: RosterColumn[] = [
  {
    key: 'name',
    label: '姓名',
    width: 96,
    sort: 'name',
    render: (m) => (
      <Text size="sm" fw={500}>
        {m.name}
      </Text>
    ),
  },
  { key: 'gender', label: '性别', width: 56, sort: 'gender', render: (m) => GENDER_LABEL[m.gender] },
  {
    key: 'citizenId',
    label: '公民身份号码',
    width: 178,
    render: (m) => <span className="tabular">{m.maskedCitizenId}</span>,
  },
  { key: 'age', label: '年龄', width: 60, sort: 'age', render: (m) => <span className="tabular">{m.age}</span> },
  { key: 'ethnicity', label: '民族', width: 72, render: (m) => m.ethnicity },
  { key: 'birthDate', label: '出生日期', width: 128, render: (m) => date(m.birthDate) },
  {
    key: 'education',
    label: '学历',
    width: 96,
    sort: 'education',
    render: (m) => (m.education ? EDUCATION_LABEL[m.education] : null),
  },
  { key: 'degree', label: '学位', width: 64, render: (m) => (m.degree ? DEGREE_LABEL[m.degree] : null) },
  {
    key: 'category',
    label: '人员类别',
    width: 96,
    render: (m) => (
      <Badge size="sm" variant="light" color={m.category === 'full' ? 'gray' : 'orange'}>
        {CATEGORY_LABEL[m.category]}
      </Badge>
    ),
  },
  { key: 'branch', label: '所在党支部', width: 150, sort: 'branch', render: (m) => m.branchName },
  { key: 'partyGroup', label: '党小组', width: 110, render: (m) => m.partyGroupName },
  { key: 'division', label: '所在处室', width: 130, render: (m) => m.divisionName },
  { key: 'admittedOn', label: '入党日期', width: 128, sort: 'admittedOn', render: (m) => date(m.admittedOn) },
  { key: 'fullMembershipOn', label: '转正日期', width: 128, render: (m) => date(m.fullMembershipOn) },
  {
    key: 'partyStanding',
    label: '党龄',
    width: 60,
    sort: 'partyStanding',
    render: (m) =>
      m.partyStanding === null ? (
        <Text size="xs" c="dimmed">
          —
        </Text>
      ) : (
        <span className="tabular">{m.partyStanding}</span>
      ),
  },
  { key: 'jobTitle', label: '工作岗位', width: 140, render: (m) => m.jobTitle },
  { key: 'phone', label: '联系电话', width: 120, render: (m) => <span className="tabular">{m.phone}</span> },
  { key: 'address', label: '家庭住址', width: 200, render: (m) => m.address },
  {
    key: 'status',
    label: '党籍状态',
    width: 96,
    sort: 'status',
    render: (m) =>
      m.status === 'normal' ? (
        <Text size="sm">正常</Text>
      ) : (
        <Badge size="sm" color={m.status === 'suspended' ? 'red' : 'gray'}>
          {STATUS_LABEL[m.status]}
        </Badge>
      ),
  },
  {
    key: 'lostContact',
    label: '失联',
    width: 64,
    render: (m) =>
      m.lostContactSince ? (
        <Badge size="sm" color="red" variant="light">
          失联
        </Badge>
      ) : null,
  },
  {
    key: 'mobile',
    label: '流动',
    width: 64,
    render: (m) =>
      m.isMobile ? (
        <Badge size="sm" variant="light">
          流动
        </Badge>
      ) : null,
  },
  { key: 'partyPost', label: '党内职务', width: 110, render: (m) => m.partyPost },
  { key: 'adminPost', label: '行政职务/职级', width: 120, render: (m) => m.adminPost },
  { key: 'employment', label: '人员身份', width: 84, render: (m) => EMPLOYMENT_LABEL[m.employmentCategory] },
  { key: 'nativePlace', label: '籍贯', width: 96, render: (m) => m.nativePlace },
];

export const DEFAULT_COLUMNS = [
  'name',
  'gender',
  'citizenId',
  'age',
  'education',
  'category',
  'branch',
  'admittedOn',
  'partyStanding',
  'jobTitle',
  'phone',
  'status',
];

const STORAGE_KEY = 'party-office.roster.columns';

/** The user's chosen columns and their order, kept on this computer. */
export function loadColumns(): string[] {
  try {
    const saved = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null') as unknown;
    if (Array.isArray(saved) && saved.every((k) => typeof k === 'string')) {
      const known = saved.filter((k) => COLUMNS.some((c) => c.key === k));
      if (known.length) return known;
    }
  } catch {
    // a damaged preference falls back to the default
  }
  return DEFAULT_COLUMNS;
}

export function saveColumns(keys: string[]): void {
  localStorage.setItem(STORAGE_KEY, JSON.stringify(keys));
}
