import { formatChineseDate, type IsoDate } from '../../shared/dates';
import { DUTY_KIND_LABEL, DUTY_KINDS, isTalk } from '../../shared/duties/library';
import { ITEM_STATE_LABEL } from '../../shared/duties/rules';
import { teamNameOf, type DutySettings } from '../../shared/duties/settings';
import type { ItemView, LeaderView, RecordView } from '../../shared/duties/views';
import type { DocumentParam, ParamsOf } from '../../shared/documents';
import { AppError } from '../../shared/errors';
import type { Db } from '../db/open';
import type { TableDocument } from '../documents/model';
import type { AnyDocumentDefinition, DocumentContext, DocumentDefinition } from '../documents/registry';
import { listItems, type ProgressContext } from './items';
import { letterDocument, type LetterData } from './letters';
import { getLeader, listLeaders } from './leaders';
import { letterOf, unmetItems } from './progress';
import { listRecords } from './records';
import { reportDocument, savedReport, type ReportData, type ReportRow } from './report';
import { getDutySettings } from './settings';

/*
 * The 一岗双责 documents in the documents engine, so the preview screen, the print buttons and
 * `print duties-…` find them: the 责任书 and the 述责述廉 report (公文, per person), the
 * 履职纪实 ledger and the 责任清单 (tables, per person or the whole team). Each takes
 * { year?, leaderId? }: the year defaults to this year, the person to the year's first
 * (the secretary) for the letter and report, and to everyone for the tables.
 */

export const DUTY_DOCUMENT_ID = {
  letter: 'duties-letter',
  report: 'duties-report',
  ledger: 'duties-ledger',
  list: 'duties-list',
} as const;

const YEAR = {
  name: 'year',
  kind: 'year',
  label: '年度',
  required: false,
  default: 'current',
} as const satisfies DocumentParam;
/** The letter and the report are one person's: the year's first (the secretary) unless chosen. */
const personal = [
  YEAR,
  { name: 'leaderId', kind: 'leader', label: '班子成员', required: false, default: 'first' },
] as const satisfies readonly DocumentParam[];
/** The tables: one person or the whole team. */
const team = [
  YEAR,
  { name: 'leaderId', kind: 'leader', label: '班子成员', required: false, default: 'all', allLabel: '全体班子成员' },
] as const satisfies readonly DocumentParam[];
type Params = ParamsOf<typeof personal>;

interface Base {
  db: Db;
  year: number;
  settings: DutySettings;
  organName: string;
  progress: ProgressContext;
}

function base(ctx: DocumentContext, p: Params): Base {
  const db = ctx.db();
  const settings = getDutySettings(db);
  return {
    db,
    year: p.year ?? Number(ctx.today.slice(0, 4)),
    settings,
    organName: ctx.organ?.name ?? '',
    progress: { asOf: ctx.today, settings },
  };
}

/** The person asked for, or the year's first (the secretary). */
function person(b: Base, p: Params): LeaderView {
  if (p.leaderId !== undefined) {
    const leader = getLeader(b.db, p.leaderId);
    if (p.year !== undefined && leader.year !== p.year) {
      throw new AppError({
        code: 'INVALID_INPUT',
        message: `“${leader.name}”是${leader.year}年度的班子成员，不是${p.year}年度的。`,
        detail: 'leader year',
        field: 'params',
      });
    }
    return leader;
  }
  const first = listLeaders(b.db, b.year)[0];
  if (!first) throw noTeam(b.year);
  return first;
}

function noTeam(year: number): AppError {
  return new AppError({
    code: 'NOT_FOUND',
    message: `${year}年度还没有登记领导班子成员。请先在“一岗双责”中登记班子成员和责任清单。`,
    detail: `no duty_leader in ${year}`,
    field: 'params',
  });
}

const letterDefinition: DocumentDefinition<LetterData, Params> = {
  id: DUTY_DOCUMENT_ID.letter,
  title: '一岗双责责任书',
  kind: 'narrative',
  description: '按责任清单生成的个人责任书：责任主体、责任内容、责任要求，双方签字和日期栏',
  params: personal,
  load: (ctx, p) => {
    const b = base(ctx, p);
    const leader = person(b, p);
    return {
      leader,
      items: listItems(b.db, leader.year, leader.id, b.progress),
      letter: letterOf(b.db, leader.id),
      settings: b.settings,
      organName: b.organName,
    };
  },
  build: (data) => letterDocument(data),
  fileName: (data) => `${data.leader.year}年度责任书-${data.leader.name}`,
};

interface ReportDocData {
  report: ReportData;
  saved: ReportRow | null;
  settings: DutySettings;
  organName: string;
}

export function reportData(db: Db, leaderId: number, progress: ProgressContext): ReportData {
  const leader = getLeader(db, leaderId);
  return {
    leader,
    items: listItems(db, leader.year, leader.id, progress),
    records: listRecords(db, { year: leader.year, leaderId: leader.id }),
    unmet: unmetItems(db, leader.year, { leaderId: leader.id }, progress),
    asOf: progress.asOf,
  };
}

const reportDefinition: DocumentDefinition<ReportDocData, Params> = {
  id: DUTY_DOCUMENT_ID.report,
  title: '述责述廉报告',
  kind: 'narrative',
  description: '年终述责述廉报告：由全年履职纪实生成初稿，本人修改后打印或保存为Word',
  params: personal,
  load: (ctx, p) => {
    const b = base(ctx, p);
    const leader = person(b, p);
    return {
      report: reportData(b.db, leader.id, b.progress),
      saved: savedReport(b.db, leader.id),
      settings: b.settings,
      organName: b.organName,
    };
  },
  build: (data) => reportDocument(data.report, data.saved, data.settings, data.organName),
  fileName: (data) => `${data.report.leader.year}年度述责述廉报告-${data.report.leader.name}`,
};

interface LedgerData {
  year: number;
  leader: LeaderView | null;
  records: RecordView[];
  asOf: IsoDate;
  team: string;
}

function kindCounts(records: RecordView[]): string {
  return DUTY_KINDS.map((k) => [k, records.filter((r) => r.kind === k).length] as const)
    .filter(([, n]) => n > 0)
    .map(([k, n]) => `${DUTY_KIND_LABEL[k].replace(' / ', '、')}${n}次`)
    .join('，');
}

export function ledgerTable(data: LedgerData): TableDocument {
  const everyone = data.leader === null;
  const records = [...data.records].sort(
    (a, b) =>
      a.occurredOn.localeCompare(b.occurredOn) || a.leaderName.localeCompare(b.leaderName, 'zh-CN') || a.id - b.id,
  );
  const content = (r: RecordView) =>
    [r.subject, r.place ? `（${r.place}）` : '', r.summary ? `\n${r.summary}` : ''].join('');
  const people = (r: RecordView) =>
    isTalk(r.kind) ? `谈话对象：${r.counterparts.map((c) => c.name).join('、')}` : (r.participants ?? '');
  const files = (r: RecordView) => r.evidence.map((e) => e.fileName).join('\n');
  return {
    kind: 'table',
    title: `${data.year}年度履行“一岗双责”纪实台账`,
    orientation: 'landscape',
    captionLeft: everyone
      ? `单位：${data.team}`
      : `姓名：${data.leader!.name}${data.leader!.title ? `　职务：${data.leader!.title}` : ''}`,
    captionRight: `截至${formatChineseDate(data.asOf < `${data.year}-12-31` ? data.asOf : `${data.year}-12-31`)}`,
    columns: [
      { header: '序号', width: 4, align: 'center' },
      ...(everyone ? [{ header: '姓名', width: 9, align: 'center' as const }] : []),
      { header: '日期', width: 15, align: 'center' },
      { header: '类别', width: 10, align: 'center' },
      { header: '事由及内容', width: 26 },
      { header: '参加人员 / 谈话对象', width: 16 },
      { header: '对应责任事项', width: 19 },
      { header: '佐证材料', width: 13 },
    ],
    rows: records.map((r, i) => [
      String(i + 1),
      ...(everyone ? [r.leaderName] : []),
      formatChineseDate(r.occurredOn),
      DUTY_KIND_LABEL[r.kind].replace(' / ', '、'),
      content(r),
      people(r),
      r.items.map((it) => it.content).join('；'),
      files(r),
    ]),
    notes: [
      records.length ? `本年度共记录履职${records.length}次：${kindCounts(records)}。` : '本年度尚无履职记录。',
      '佐证材料原件存档备查。',
    ],
    signatures: ['填表人', '审核人', '日期'],
    fontSize: 'small',
    author: data.team,
  };
}

const ledgerDefinition: DocumentDefinition<LedgerData, Params> = {
  id: DUTY_DOCUMENT_ID.ledger,
  title: '履职纪实台账',
  kind: 'table',
  description: '一年的履职纪实：日期、类别、内容、参加人员或谈话对象、对应责任事项和佐证材料（个人或全体班子成员）',
  params: team,
  load: (ctx, p) => {
    const b = base(ctx, p);
    const leader = p.leaderId !== undefined ? person(b, p) : null;
    const year = leader?.year ?? b.year;
    return {
      year,
      leader,
      records: listRecords(b.db, { year, ...(leader ? { leaderId: leader.id } : {}) }),
      asOf: ctx.today,
      team: teamNameOf(b.settings, b.organName),
    };
  },
  build: (data) => ledgerTable(data),
  fileName: (data) => `${data.year}年度履职纪实台账-${data.leader?.name ?? '领导班子'}`,
};

interface ListData {
  year: number;
  /** One person's list, or (null) the team's and everyone's. */
  leader: LeaderView | null;
  groups: { owner: string; items: ItemView[] }[];
  asOf: IsoDate;
  team: string;
}

export function listTable(data: ListData): TableDocument {
  const everyone = data.leader === null;
  const rows: string[][] = [];
  for (const group of data.groups) {
    for (const item of group.items) {
      rows.push([
        String(rows.length + 1),
        ...(everyone ? [group.owner] : []),
        item.category,
        item.content,
        item.measures ?? '',
        item.requirement,
        item.evidence.join('、'),
        `${ITEM_STATE_LABEL[item.progress.state]}\n${item.progress.summary}`,
      ]);
    }
  }
  const asOf = data.asOf < `${data.year}-12-31` ? data.asOf : `${data.year}-12-31`;
  return {
    kind: 'table',
    title: everyone
      ? `${data.year}年度全面从严治党责任清单`
      : `${data.year}年度${data.leader!.name}同志全面从严治党责任清单`,
    orientation: 'landscape',
    captionLeft: everyone
      ? `单位：${data.team}`
      : `职务：${data.leader!.title ?? ''}${data.leader!.divisions.length ? `　分管：${data.leader!.divisions.join('、')}` : ''}`,
    captionRight: `完成情况截至${formatChineseDate(asOf)}`,
    columns: [
      { header: '序号', width: 5, align: 'center' },
      ...(everyone ? [{ header: '责任主体', width: 9, align: 'center' as const }] : []),
      { header: '类别', width: 9, align: 'center' },
      { header: '责任内容', width: 24 },
      { header: '工作措施', width: 22 },
      { header: '完成要求', width: 12, align: 'center' },
      { header: '佐证材料', width: 11 },
      { header: '完成情况', width: 16 },
    ],
    rows,
    notes: rows.length ? [] : ['责任清单尚未建立。'],
    signatures: false,
    fontSize: 'small',
    author: data.team,
  };
}

const listDefinition: DocumentDefinition<ListData, Params> = {
  id: DUTY_DOCUMENT_ID.list,
  title: '全面从严治党责任清单',
  kind: 'table',
  description: '领导班子和班子成员的责任清单：类别、内容、措施、完成要求、佐证材料和完成情况',
  params: team,
  load: (ctx, p) => {
    const b = base(ctx, p);
    const team = teamNameOf(b.settings, b.organName);
    if (p.leaderId !== undefined) {
      const leader = person(b, p);
      return {
        year: leader.year,
        leader,
        groups: [{ owner: leader.name, items: listItems(b.db, leader.year, leader.id, b.progress) }],
        asOf: ctx.today,
        team,
      };
    }
    const leaders = listLeaders(b.db, b.year);
    const groups = [
      { owner: '领导班子', items: listItems(b.db, b.year, null, b.progress) },
      ...leaders.map((l) => ({ owner: l.name, items: listItems(b.db, b.year, l.id, b.progress) })),
    ];
    if (leaders.length === 0 && groups[0]!.items.length === 0) throw noTeam(b.year);
    return { year: b.year, leader: null, groups, asOf: ctx.today, team };
  },
  build: (data) => listTable(data),
  fileName: (data) => `${data.year}年度责任清单-${data.leader?.name ?? '领导班子'}`,
};

export const DUTY_DOCUMENTS: AnyDocumentDefinition[] = [
  letterDefinition,
  reportDefinition,
  ledgerDefinition,
  listDefinition,
];
