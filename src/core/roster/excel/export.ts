import { formatChineseDate, type IsoDate } from '../../../shared/dates';
import {
  CATEGORY_LABEL,
  DEGREE_LABEL,
  EDUCATION_LABEL,
  EMPLOYMENT_LABEL,
  GENDER_LABEL,
  STATUS_LABEL,
} from '../../../shared/members/fields';
import { IMPORT_FIELDS, type ImportField, type ImportProblem } from '../../../shared/members/import-fields';
import type { RosterQuery } from '../../../shared/members/views';
import type { Db } from '../../db/open';
import { writeTableWorkbook, type SheetColumn } from '../../excel/workbook';
import { getOrgan } from '../../services/organ';
import { getSettings } from '../../services/settings';
import { decisionLinesByMember } from '../decision-rows';
import { toSummary, unitNames } from '../members';
import { selectMembers } from '../search';
import type { MemberRow } from '../types';

interface ExportColumn extends SheetColumn {
  field: ImportField | 'index';
  value: (m: MemberRow, s: ReturnType<typeof toSummary>) => string | number | null;
}

/** The roster's columns, in the order of the 16 standard items and then the extras; headers are the import headers, so an export imports back. */
const EXPORT_COLUMNS: ExportColumn[] = [
  { field: 'index', header: '序号', width: 6, value: () => null },
  { field: 'name', header: IMPORT_FIELDS.name.label, width: 10, value: (m) => m.name },
  { field: 'gender', header: IMPORT_FIELDS.gender.label, width: 6, value: (m) => GENDER_LABEL[m.gender] },
  { field: 'citizenId', header: IMPORT_FIELDS.citizenId.label, width: 21, text: true, value: (m) => m.citizen_id },
  { field: 'ethnicity', header: IMPORT_FIELDS.ethnicity.label, width: 8, value: (m) => m.ethnicity },
  {
    field: 'birthDate',
    header: IMPORT_FIELDS.birthDate.label,
    width: 14,
    text: true,
    value: (m) => formatChineseDate(m.birth_date),
  },
  {
    field: 'education',
    header: IMPORT_FIELDS.education.label,
    width: 11,
    value: (m) => (m.education ? EDUCATION_LABEL[m.education] : null),
  },
  { field: 'category', header: IMPORT_FIELDS.category.label, width: 10, value: (_m, s) => CATEGORY_LABEL[s.category] },
  { field: 'branch', header: IMPORT_FIELDS.branch.label, width: 18, value: (_m, s) => s.branchName },
  // Dates as the screens show them, to their precision (2001年7月 or 2001年7月1日); the import reads both back.
  {
    field: 'admittedOn',
    header: IMPORT_FIELDS.admittedOn.label,
    width: 14,
    text: true,
    value: (m) => formatChineseDate(m.admitted_on),
  },
  {
    field: 'fullMembershipOn',
    header: IMPORT_FIELDS.fullMembershipOn.label,
    width: 14,
    text: true,
    value: (m) => formatChineseDate(m.full_membership_on) || null,
  },
  { field: 'jobTitle', header: IMPORT_FIELDS.jobTitle.label, width: 16, value: (m) => m.job_title },
  { field: 'phone', header: IMPORT_FIELDS.phone.label, width: 14, text: true, value: (m) => m.phone },
  { field: 'address', header: IMPORT_FIELDS.address.label, width: 24, value: (m) => m.address },
  { field: 'status', header: IMPORT_FIELDS.status.label, width: 9, value: (m) => STATUS_LABEL[m.status] },
  {
    field: 'lostContact',
    header: IMPORT_FIELDS.lostContact.label,
    width: 8,
    value: (m) => (m.lost_contact_since ? '是' : '否'),
  },
  {
    field: 'lostContactSince',
    header: IMPORT_FIELDS.lostContactSince.label,
    width: 14,
    text: true,
    value: (m) => formatChineseDate(m.lost_contact_since) || null,
  },
  { field: 'isMobile', header: IMPORT_FIELDS.isMobile.label, width: 8, value: (m) => (m.is_mobile ? '是' : '否') },
  {
    field: 'mobileDestination',
    header: IMPORT_FIELDS.mobileDestination.label,
    width: 14,
    value: (m) => m.mobile_destination,
  },
  { field: 'nativePlace', header: IMPORT_FIELDS.nativePlace.label, width: 10, value: (m) => m.native_place },
  {
    field: 'degree',
    header: IMPORT_FIELDS.degree.label,
    width: 8,
    value: (m) => (m.degree ? DEGREE_LABEL[m.degree] : null),
  },
  { field: 'partyPost', header: IMPORT_FIELDS.partyPost.label, width: 12, value: (m) => m.party_post },
  { field: 'adminPost', header: IMPORT_FIELDS.adminPost.label, width: 12, value: (m) => m.admin_post },
  { field: 'partyGroup', header: IMPORT_FIELDS.partyGroup.label, width: 12, value: (_m, s) => s.partyGroupName },
  {
    field: 'employmentCategory',
    header: IMPORT_FIELDS.employmentCategory.label,
    width: 9,
    value: (m) => EMPLOYMENT_LABEL[m.employment_category],
  },
  { field: 'introducers', header: IMPORT_FIELDS.introducers.label, width: 14, value: (m) => m.introducers },
  { field: 'note', header: IMPORT_FIELDS.note.label, width: 20, value: (m) => m.note },
];

export async function exportRoster(
  db: Db,
  query: RosterQuery,
  today: IsoDate,
): Promise<{ buffer: Buffer; count: number }> {
  const organ = getOrgan(db);
  const names = unitNames(db);
  const convention = getSettings(db).probationEndConvention;
  const members = selectMembers(db, query, today, null);
  const decisions = decisionLinesByMember(db);
  const buffer = await writeTableWorkbook([
    {
      name: '党员名册',
      title: `${organ.committeeName}党员花名册`,
      subtitle: `截至${formatChineseDate(today)}　共 ${members.length} 人`,
      // 所在处室 and 奖惩情况 last: not import columns, so an exported roster still imports back (it is passed over).
      columns: [...EXPORT_COLUMNS, { header: '所在处室', width: 14 }, { header: '奖惩情况', width: 40 }],
      rows: members.map((m, i) => {
        const summary = toSummary(m, names, today, convention);
        return [
          ...EXPORT_COLUMNS.map((c) => (c.field === 'index' ? i + 1 : c.value(m, summary))),
          summary.divisionName,
          (decisions.get(m.id) ?? []).join('；'),
        ];
      }),
    },
  ]);
  return { buffer, count: members.length };
}

/** The import template: the same headers as the export, one example row, and a sheet of instructions. */
export async function importTemplate(): Promise<Buffer> {
  const columns = EXPORT_COLUMNS.filter((c) => c.field !== 'index');
  const example = [
    columns.map(
      (c) =>
        (
          ({
            name: '李华',
            gender: '女',
            citizenId: '11010519491231002X',
            ethnicity: '汉族',
            birthDate: '1949-12-31',
            education: '大学本科',
            category: '正式党员',
            branch: '第一党支部',
            admittedOn: '1975-07-01',
            fullMembershipOn: '1976-07-01',
            jobTitle: '办公室',
            phone: '13800000000',
            status: '正常',
            lostContact: '否',
            isMobile: '否',
            employmentCategory: '离退休',
          }) as Record<string, string>
        )[c.field] ?? null,
    ),
  ];
  const help: [string, string][] = [
    ['姓名*', '与身份证一致。'],
    ['公民身份号码*', '18位，最后一位可以是X。此列必须是“文本”格式，存成数字会丢失末尾数字，该行将被拒绝。'],
    ['所在党支部*', '须与“组织设置”中的党支部名称一致。'],
    [
      '入党日期*',
      '支部大会接收为预备党员的日期，可写作 2001-07-01、2001年7月1日、2001.07.01 或 20010701；只知道年月的写 2001.07 或 2001年7月（按月份记录，列入“日期待补全”，日后可补全到日）。只写年份的不能导入。',
    ],
    ['出生日期', '可以不填；填写的须与身份证号一致，只写年月（1997.06）的与身份证号中的年月一致即可，日取自身份证号。'],
    ['转正日期', '正式党员必填，应为预备期满之日（入党满一年，延长预备期的加上延长的月数）；只知道年月的可写到月。'],
    ['人员类别', '正式党员 或 预备党员。'],
    ['人员身份', '在职、离退休、学生、下岗失业、农民、其他（影响党费计算）。'],
    ['其他', '多余的列会被忽略；空行和“合计”行会被跳过；表头上方可以有标题行。'],
  ];
  return writeTableWorkbook([
    {
      name: '党员名册',
      title: '党员名册（导入模板）',
      subtitle: '带 * 的列必须填写；身份证号、日期、电话请按文本填写，不要让 Excel 改成数字',
      columns: columns.map((c) => ({
        ...c,
        header: ['name', 'citizenId', 'branch', 'admittedOn'].includes(c.field) ? `${c.header}*` : c.header,
      })),
      rows: example,
    },
    {
      name: '填写说明',
      title: '党员名册导入模板填写说明',
      subtitle: null,
      columns: [
        { header: '列', width: 18 },
        { header: '说明', width: 90 },
      ],
      rows: help,
    },
  ]);
}

/** The problems of a preview as a workbook, to fix the source file against. */
export async function problemsWorkbook(fileName: string, problems: ImportProblem[]): Promise<Buffer> {
  return writeTableWorkbook([
    {
      name: '导入问题',
      title: `“${fileName}”导入问题清单`,
      subtitle: `共 ${problems.length} 处`,
      columns: [
        { header: '行号', width: 8 },
        { header: '列', width: 22 },
        { header: '单元格内容', width: 24, text: true },
        { header: '问题', width: 70 },
      ],
      rows: problems.map((p) => [p.row, p.column, p.value, p.message]),
    },
  ]);
}
