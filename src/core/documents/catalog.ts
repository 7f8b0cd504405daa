import type { OrgUnit } from '../../shared/contract';
import { formatChineseDate } from '../../shared/dates';
import { POST_LABEL, UNIT_KIND_LABEL } from '../../shared/org';
import { DUES_DOCUMENTS } from '../dues/documents';
import { MEETING_DOCUMENTS } from '../meetings/documents';
import { DUTY_DOCUMENTS } from '../duties/documents';
import { rosterDocument } from '../roster/documents';
import { listUnits } from '../services/org-units';
import { getSettings } from '../services/settings';
import type { TableDocument } from './model';
import { DocumentRegistry, type DocumentContext } from './registry';
import { sampleBinder, sampleGongwen, type SampleNames } from './samples';

/*
 * The documents this build knows. Each module adds its own below, in its own line, e.g.
 *   registry.register(rosterDocument);   // from '../roster/documents'
 */

function names(ctx: DocumentContext): SampleNames {
  return {
    organ: ctx.organ?.name ?? '某某局',
    committee: ctx.organ?.committeeName ?? '中共某某局机关委员会',
    today: ctx.today,
  };
}

/** 党组织设置及委员名单: the organisation tree with its current committee members. */
export function orgUnitsTable(units: OrgUnit[], ctx: DocumentContext): TableDocument {
  const live = units.filter((u) => !u.dissolvedOn);
  const byId = new Map(live.map((u) => [u.id, u]));
  const current = (u: OrgUnit) => u.posts.filter((p) => !p.endedOn);
  const holders = (u: OrgUnit, kinds: string[]) =>
    current(u)
      .filter((p) => kinds.includes(p.post))
      .map((p) => p.holderName)
      .join('、');
  const members = (u: OrgUnit) =>
    current(u)
      .filter((p) => !['secretary', 'deputySecretary', 'groupLeader'].includes(p.post))
      .map((p) => `${p.holderName}（${POST_LABEL[p.post]}）`)
      .join('、');
  const term = (u: OrgUnit) => {
    if (u.term.kind === 'none') return '';
    const start = u.termStartedOn ? `${formatChineseDate(u.termStartedOn)}起` : '';
    return `${start}${start ? '，' : ''}${formatChineseDate(u.term.endsOn)}届满`;
  };
  const count = (kind: OrgUnit['kind']) => live.filter((u) => u.kind === kind).length;
  return {
    kind: 'table',
    title: '党组织设置及委员名单',
    orientation: 'landscape',
    captionLeft: `填报单位：${ctx.organ?.committeeName ?? ''}`,
    captionRight: `截至${formatChineseDate(ctx.today)}`,
    columns: [
      { header: '序号', width: 5, align: 'center' },
      { header: '组织名称', width: 16 },
      { header: '类型', width: 8, align: 'center' },
      { header: '上级组织', width: 13 },
      { header: '书记（组长）', width: 12, align: 'center' },
      { header: '副书记', width: 9, align: 'center' },
      { header: '其他委员', width: 21 },
      { header: '本届任期', width: 16 },
    ],
    rows: live.map((u, i) => [
      String(i + 1),
      u.name,
      UNIT_KIND_LABEL[u.kind],
      u.parentId === null ? '' : (byId.get(u.parentId)?.name ?? ''),
      holders(u, ['secretary', 'groupLeader']),
      holders(u, ['deputySecretary']),
      members(u),
      term(u),
    ]),
    totals: [
      '合计',
      [`党总支${count('generalBranch')}个`, `党支部${count('branch')}个`, `党小组${count('partyGroup')}个`].join('，'),
      '',
      '',
      '',
      '',
      '',
      '',
    ],
    author: ctx.organ?.committeeName ?? '',
  };
}

export function createDocumentRegistry(): DocumentRegistry {
  const registry = new DocumentRegistry();
  registry.register({
    id: 'sample',
    title: '公文版式样张',
    kind: 'narrative',
    description: '标题、四级标题、三页以上正文、附件说明和落款，用于核对版式和打印机',
    load: (ctx) => names(ctx),
    build: (data: SampleNames) => sampleGongwen(data),
    fileName: () => '公文版式样张',
  });
  registry.register({
    id: 'binder-sample',
    title: '材料汇编样张',
    kind: 'binder',
    description: '封面、目录和三篇材料（含横排表格），各篇从奇数页起，用于核对汇编和双面打印',
    params: [
      {
        name: 'oddPageStarts',
        kind: 'flag',
        label: '双面打印：封面、目录和各篇材料都从奇数页（正面）开始，必要时插入空白页',
        required: false,
        default: true,
      },
    ],
    load: (ctx, params: { oddPageStarts?: boolean }) => ({
      names: names(ctx),
      oddPageStarts: params.oddPageStarts ?? true,
    }),
    build: (data: { names: SampleNames; oddPageStarts: boolean }) =>
      sampleBinder(data.names, { oddPageStarts: data.oddPageStarts }),
    fileName: () => '材料汇编样张',
  });
  registry.register({
    id: 'org-units',
    title: '党组织设置及委员名单',
    kind: 'table',
    description: '各级党组织、现任书记和委员、本届任期（来自“组织设置”）',
    load: (ctx) => listUnits(ctx.db(), ctx.today, getSettings(ctx.db()).termWarningDays),
    build: (units: OrgUnit[], ctx) => orgUnitsTable(units, ctx),
  });
  registry.register(rosterDocument);
  for (const document of DUES_DOCUMENTS) registry.register(document);
  for (const document of MEETING_DOCUMENTS) registry.register(document);
  for (const document of DUTY_DOCUMENTS) registry.register(document);
  // Other modules register their documents here.
  return registry;
}
