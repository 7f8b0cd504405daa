import { formatChineseDate, formatCompactDate, isMonthOnly } from '../../shared/dates';
import { CATEGORY_LABEL, EDUCATION_LABEL, GENDER_LABEL } from '../../shared/members/fields';
import type { MemberSummary } from '../../shared/members/views';
import type { DocumentParam, ParamsOf } from '../../shared/documents';
import type { TableDocument } from '../documents/model';
import type { DocumentContext, DocumentDefinition } from '../documents/registry';
import { getSettings } from '../services/settings';
import { decisionLinesByMember } from './decision-rows';
import { toSummary, unitNames } from './members';
import { selectMembers } from './search';

export interface RosterPrintData {
  members: MemberSummary[];
  /** Set when the roster is for one branch. */
  branchName: string | null;
  /** Each member's 奖惩 lines when the 奖惩情况 column is chosen. */
  decisions: Record<number, string[]> | null;
}

/** "1972.03": 出生年月 as printed rosters give it, one line in a narrow column (the ID holds the day). */
const yearMonth = (iso: string | null) => (iso ? iso.slice(0, 7).replace('-', '.') : '');

/**
 * 党员花名册 as it is printed and filed: A4 landscape, the header repeated on every page, one
 * branch or the whole organ (then with a branch column, in branch order).
 */
export function rosterTable(data: RosterPrintData, ctx: DocumentContext): TableDocument {
  const all = data.branchName === null;
  const full = data.members.filter((m) => m.category === 'full').length;
  // Widths in millimetres of the 257 mm a landscape page holds (五号 is 3.7 mm a character and a
  // cell pads 3 mm): dates, 学历 ("硕士研究生", "初中及以下") and an 11-digit phone on one line,
  // four-character headers and 民族 ("维吾尔族") too. 工作岗位 is as wide as the longest one
  // (between its header and a dozen characters); the rest goes to 备注, for handwritten notes.
  const text = (chars: number) => chars * 3.7 + 3.5;
  const longestJob = Math.max(0, ...data.members.map((m) => [...(m.jobTitle ?? '')].length));
  // 入党、转正 as "2001.07.15", or "2001.07" when only the month is known (to the precision kept,
  // no more): ten half-width characters need five columns' worth, a month fits in four.
  const anyDay = data.members.some((m) => [m.admittedOn, m.fullMembershipOn].some((d) => d && !isMonthOnly(d)));
  const dateWidth = text(anyDay ? 5 : 4);
  const before: TableDocument['columns'] = [
    { header: '序号', width: text(2), align: 'center' },
    { header: '姓名', width: text(4), align: 'center' },
    { header: '性别', width: text(2), align: 'center' },
    { header: '民族', width: text(4), align: 'center' },
    { header: '出生年月', width: text(4), align: 'center' },
    { header: '学历', width: text(5), align: 'center' },
    { header: '人员类别', width: text(4), align: 'center' },
    ...(all ? [{ header: '所在党支部', width: text(7) }] : []),
    { header: '入党时间', width: dateWidth, align: 'center' as const },
    { header: '转正时间', width: dateWidth, align: 'center' as const },
  ];
  const phone = { header: '联系电话', width: 28, align: 'center' as const };
  const left = 257 - before.reduce((sum, c) => sum + (c.width ?? 0), 0) - phone.width;
  const job = Math.min(left - text(4), text(12), Math.max(text(4), text(longestJob)));
  const fixed: TableDocument['columns'] = [...before, { header: '工作岗位', width: job }, phone];
  const used = fixed.reduce((sum, c) => sum + (c.width ?? 0), 0);
  const rest = Math.max(text(4), 257 - used);
  // 奖惩情况, when chosen, takes most of what 备注 would have (a line a decision); 备注 keeps room for a word.
  const columns: TableDocument['columns'] = data.decisions
    ? [...fixed, { header: '奖惩情况', width: Math.max(text(6), rest - text(4)) }, { header: '备注', width: text(4) }]
    : [...fixed, { header: '备注', width: rest }];
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
      formatCompactDate(m.admittedOn),
      formatCompactDate(m.fullMembershipOn),
      m.jobTitle ?? '',
      m.phone ?? '',
      ...(data.decisions ? [(data.decisions[m.id] ?? []).join('\n')] : []),
      [m.status === 'suspended' ? '停止党籍' : '', m.lostContactSince ? '失联' : '', m.isMobile ? '流动' : '']
        .filter(Boolean)
        .join('、'),
    ]),
    totals: ['合计', `${data.members.length}人`, ...columns.slice(2).map(() => '')],
    notes: [`共${data.members.length}人，其中正式党员${full}人、预备党员${data.members.length - full}人。`],
    fontSize: 'small',
    author: ctx.organ?.committeeName ?? '',
  };
}

const ROSTER_PARAMS = [
  {
    name: 'branchId',
    kind: 'branch',
    label: '党支部',
    required: false,
    default: 'all',
    allLabel: '全机关（按党支部排列）',
  },
  {
    name: 'decisions',
    kind: 'flag',
    label: '加“奖惩情况”列（表彰和党纪处分，含开除党籍）',
    required: false,
    default: false,
    cli: { option: 'with-decisions', usage: '默认不加奖惩情况列' },
  },
] as const satisfies readonly DocumentParam[];

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
    const rows = selectMembers(
      db,
      { ...(params.branchId ? { branchIds: [params.branchId] } : {}), sort: { field: 'branch', direction: 'asc' } },
      ctx.today,
      null,
    );
    return {
      members: rows.map((r) => toSummary(r, names, ctx.today, convention)),
      branchName: params.branchId ? names.get(params.branchId) : null,
      decisions: params.decisions ? Object.fromEntries(decisionLinesByMember(db)) : null,
    };
  },
  build: rosterTable,
  fileName: (data, ctx) => `${data.branchName ?? ctx.organ?.committeeName ?? ''}党员花名册`,
};
