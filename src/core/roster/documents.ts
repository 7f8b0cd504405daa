import { formatChineseDate } from '../../shared/dates';
import { CATEGORY_LABEL, EDUCATION_LABEL, GENDER_LABEL } from '../../shared/members/fields';
import type { MemberSummary } from '../../shared/members/views';
import type { DocumentParam, ParamsOf } from '../../shared/documents';
import type { TableDocument } from '../documents/model';
import type { DocumentContext, DocumentDefinition } from '../documents/registry';
import { getSettings } from '../services/settings';
import { toSummary, unitNames } from './members';
import { selectMembers } from './search';

export interface RosterPrintData {
  members: MemberSummary[];
  /** Set when the roster is for one branch. */
  branchName: string | null;
}

/** "1972.03": the compact year-month form printed rosters use, one line in a narrow column. */
const yearMonth = (iso: string | null) => (iso ? iso.slice(0, 7).replace('-', '.') : '');

/**
 * 党员花名册 as it is printed and filed: A4 landscape, the header repeated on every page, one
 * branch or the whole organ (then with a branch column, in branch order).
 */
export function rosterTable(data: RosterPrintData, ctx: DocumentContext): TableDocument {
  const all = data.branchName === null;
  const full = data.members.filter((m) => m.category === 'full').length;
  const columns: TableDocument['columns'] = [
    { header: '序号', width: 5, align: 'center' },
    { header: '姓名', width: 8, align: 'center' },
    { header: '性别', width: 5, align: 'center' },
    { header: '民族', width: 5, align: 'center' },
    { header: '出生年月', width: 9, align: 'center' },
    { header: '学历', width: 9, align: 'center' },
    { header: '人员类别', width: 8, align: 'center' },
    ...(all ? [{ header: '所在党支部', width: 13 }] : []),
    { header: '入党时间', width: 9, align: 'center' as const },
    { header: '转正时间', width: 9, align: 'center' as const },
    { header: '工作岗位', width: 13 },
    { header: '联系电话', width: 11, align: 'center' as const },
    { header: '备注', width: 8 },
  ];
  return {
    kind: 'table',
    title: `${data.branchName ?? ctx.organ?.committeeName ?? ''}党员花名册`,
    orientation: 'landscape',
    captionLeft: `填报单位：${data.branchName ?? ctx.organ?.committeeName ?? ''}`,
    captionRight: `截至${formatChineseDate(ctx.today)}`,
    columns,
    rows: data.members.map((m, i) => [
      String(i + 1),
      m.name,
      GENDER_LABEL[m.gender],
      m.ethnicity ?? '',
      yearMonth(m.birthDate),
      m.education ? EDUCATION_LABEL[m.education] : '',
      CATEGORY_LABEL[m.category],
      ...(all ? [m.branchName] : []),
      yearMonth(m.admittedOn),
      yearMonth(m.fullMembershipOn),
      m.jobTitle ?? '',
      m.phone ?? '',
      [m.status === 'suspended' ? '停止党籍' : '', m.lostContactSince ? '失联' : '', m.isMobile ? '流动' : ''].filter(Boolean).join('、'),
    ]),
    totals: ['合计', `${data.members.length}人`, ...columns.slice(2).map(() => '')],
    notes: [`共${data.members.length}人，其中正式党员${full}人、预备党员${data.members.length - full}人。`],
    fontSize: 'small',
    author: ctx.organ?.committeeName ?? '',
  };
}

const ROSTER_PARAMS = [{ name: 'branchId', kind: 'branch', label: '党支部', required: false, default: 'all', allLabel: '全机关（按党支部排列）' }] as const satisfies readonly DocumentParam[];

export const rosterDocument: DocumentDefinition<RosterPrintData, ParamsOf<typeof ROSTER_PARAMS>> = {
  id: 'roster',
  title: '党员花名册',
  kind: 'table',
  description: '在册党员（正常、停止党籍），全部或一个党支部，横排A4，每页重复表头',
  params: ROSTER_PARAMS,
  load: (ctx, params) => {
    const db = ctx.db();
    const names = unitNames(db);
    const convention = getSettings(db).probationEndConvention;
    const rows = selectMembers(db, { ...(params.branchId ? { branchIds: [params.branchId] } : {}), sort: { field: 'branch', direction: 'asc' } }, ctx.today, null);
    return {
      members: rows.map((r) => toSummary(r, names, ctx.today, convention)),
      branchName: params.branchId ? names.get(params.branchId) : null,
    };
  },
  build: rosterTable,
  fileName: (data, ctx) => `${data.branchName ?? ctx.organ?.committeeName ?? ''}党员花名册`,
};
