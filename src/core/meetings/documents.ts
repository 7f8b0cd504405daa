import { formatChineseDate } from '../../shared/dates';
import { AppError } from '../../shared/errors';
import { GRADE_LABEL, MEETING_KIND_LABEL, specialReasonText } from '../../shared/meetings/rules';
import {
  MATERIAL_STATUS_LABEL,
  MEETING_DOCUMENT_IDS,
  type MaterialView,
  type MeetingView,
} from '../../shared/meetings/views';
import type { Block, BinderDocument, NarrativeDocument, TableDocument } from '../documents/model';
import type { DocumentParam, ParamsOf } from '../../shared/documents';
import type { DocumentContext, DocumentDefinition } from '../documents/registry';
import { meetingView } from './meeting-view';

/*
 * The meeting's papers through the documents engine: 方案, 学习研讨记录, 征求意见汇总, 谈心谈话情况,
 * each 对照检查材料, 会议记录, 情况报告, 整改清单 and (组织生活会) 民主评议结果, and the
 * year's binder of them all with cover, contents and continuous page numbers. Narrative
 * parts also save as Word through documents.export.
 */

interface Data {
  m: MeetingView;
  organ: string;
  /** The superior party organisation recorded at setup (the report's 主送机关); '' when not recorded. */
  superior: string;
  personId: number | null;
  oddPageStarts: boolean;
}

/* What the meeting's documents take: the meeting, and for some whose material or how to print. */
const MEETING = {
  name: 'meetingId',
  kind: 'meeting',
  label: '会议',
  required: true,
  default: 'latest',
} as const satisfies DocumentParam;
const BRANCH_MEETING = { ...MEETING, label: '组织生活会', meetingKinds: ['branch'] } as const satisfies DocumentParam;
const PERSON = {
  name: 'personId',
  kind: 'meetingPerson',
  label: '对照检查材料',
  required: false,
  default: 'first',
} as const satisfies DocumentParam;
const ODD_PAGES = {
  name: 'oddPageStarts',
  kind: 'flag',
  label: '双面打印：封面、目录和各篇材料都从奇数页（正面）开始，必要时插入空白页',
  required: false,
  default: true,
} as const satisfies DocumentParam;
type Params = ParamsOf<[typeof MEETING, typeof PERSON, typeof ODD_PAGES]>;

function load(ctx: DocumentContext, params: Params): Data {
  return {
    m: meetingView(ctx.db(), params.meetingId, ctx.today),
    organ: ctx.organ?.name ?? '',
    superior: ctx.organ?.superiorName ?? '',
    personId: params.personId ?? null,
    oddPageStarts: params.oddPageStarts ?? true,
  };
}

export function meetingName(m: MeetingView): string {
  return `${m.year}年度${m.unitName ?? ''}${MEETING_KIND_LABEL[m.kind]}`;
}

const HEADING = /^([一二三四五六七八九十]+)、\s*(.+)$/;
/** Text as typed in the app, one paragraph a line; "一、…" lines become level-1 headings. */
export function textBlocks(text: string | null, level: 1 | 2 = 1): Block[] {
  return (text ?? '')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((line): Block => {
      const h = HEADING.exec(line);
      return h ? { type: 'heading', level, text: h[2]! } : { type: 'paragraph', text: line };
    });
}

/** "因…，经上级党组织同意，" for a 专题民主生活会; empty for the others. */
function specialClause(m: MeetingView): string {
  return m.kind === 'special' && m.specialTrigger
    ? `因${specialReasonText(m.specialTrigger, m.specialReason)}，经上级党组织同意，`
    : '';
}

export function planTemplate(m: MeetingView): string {
  const team = m.people.map((p) => p.name).join('、');
  return [
    `${specialClause(m)}为认真开好${meetingName(m)}，根据上级有关要求，结合实际，制定本方案。`,
    `一、会议主题`,
    `${m.theme}。`,
    `二、时间地点和参加人员`,
    `会议拟于${formatChineseDate(m.heldOn)}在${m.place ?? '机关会议室'}召开，由${m.presider ?? '主要负责人'}主持。参加人员：${team}。${m.superiorAttendees ? `请上级派${m.superiorAttendees}到会指导。` : ''}`,
    `三、会前准备`,
    `（一）开展学习研讨。围绕会议主题集中学习，深入研讨交流。`,
    `（二）广泛征求意见。通过座谈会、个别访谈、发放征求意见表等方式，向党员、群众、下级单位和服务对象征求意见，汇总后如实反馈到每名成员。`,
    `（三）深入谈心谈话。主要负责人与每名成员谈，成员之间相互谈，成员与分管部门负责人谈。`,
    `（四）撰写对照检查材料。对照会议主题，查摆问题，剖析根源，明确整改措施。`,
    `四、会议程序`,
    `主要负责人代表班子作对照检查，并作个人对照检查；成员逐一作对照检查，开展批评和自我批评；上级到会同志点评讲话。`,
    `五、会后工作`,
    `会后15日内将情况报告和会议记录报上级；针对查摆的问题制定整改清单，明确责任人和时限，逐项销号。`,
  ].join('\n');
}

/**
 * The 情况报告 drafted from the records, stating only what they show: a step not recorded is
 * left out rather than claimed (征求意见 is "已汇总反馈" only once the feedback date is recorded),
 * counts are the recorded counts, and a meeting not yet recorded as held is "拟于" its day.
 */
export function draftReport(m: MeetingView, organ: string): string {
  const held = m.heldDone;
  const opening = held
    ? `${specialClause(m) || '按照上级部署，'}${organ}于${formatChineseDate(m.heldOn)}召开${meetingName(m)}，主题为“${m.theme}”。${m.presider ? `会议由${m.presider}主持，` : ''}${m.attendance.message}。${m.superiorAttendees ? `${m.superiorAttendees}到会指导。` : ''}现将有关情况报告如下。`
    : `${specialClause(m) || '按照上级部署，'}${organ}${meetingName(m)}拟于${formatChineseDate(m.heldOn)}召开，主题为“${m.theme}”。现将准备情况报告如下。`;
  const preparation: string[] = [];
  if (m.studies.length) preparation.push(`开展集中学习研讨${m.studies.length}次${studyTurnout(m)}。`);
  if (m.opinions.length)
    preparation.push(
      `征求意见${m.opinions.length}条${m.opinionsFedBackOn ? `，于${formatChineseDate(m.opinionsFedBackOn)}汇总反馈本人` : ''}。`,
    );
  const talked = m.talkPairs.length - m.talksMissing;
  if (m.talkPairs.length && talked > 0)
    preparation.push(
      talked === m.talkPairs.length
        ? `开展谈心谈话，应谈${m.talkPairs.length}对，均已谈。`
        : `开展谈心谈话，应谈${m.talkPairs.length}对，已谈${talked}对。`,
    );
  const written = m.materials.filter((x) => x.problems.length).length;
  const final = m.materials.filter((x) => x.problems.length && x.status === 'final').length;
  if (written)
    preparation.push(
      `撰写对照检查材料${written}份${final === written ? '，均已定稿' : final ? `，其中定稿${final}份` : ''}。`,
    );
  const criticisms = m.speeches.reduce((n, s) => n + s.criticisms.length, 0);
  const meeting: string[] = [];
  if (held && m.speeches.length)
    meeting.push(
      `会上，${m.speeches.map((s) => s.name).join('、')}依次作对照检查${criticisms ? `，开展了批评和自我批评，共提出批评意见${criticisms}条` : ''}。`,
    );
  if (held && m.upperComments) meeting.push(`上级点评：${m.upperComments}`);
  const problems = (m.materials.find((x) => x.personId === null)?.problems ?? []).length
    ? m.materials.find((x) => x.personId === null)!.problems
    : m.materials.flatMap((x) => x.problems);
  const own = m.rectification.filter((r) => !r.carriedFrom).length;
  const carried = m.rectification.length - own;
  const rectification: string[] = [];
  if (own) rectification.push(`针对查摆的问题，制定整改清单${own}项，明确责任人和整改时限，逐项销号。`);
  if (carried) rectification.push(`上次会议未销号的整改事项${carried}项转入本次整改清单，继续整改。`);
  const sections: [string, string[]][] = [
    ['会前准备情况', preparation],
    ['会议召开情况', meeting],
    ['查摆的主要问题', problems.map((p, i) => `${i + 1}.${p.text}`)],
    ['整改措施', rectification],
  ];
  const numbers = ['一', '二', '三', '四'];
  const lines = [opening];
  sections
    .filter(([, body]) => body.length)
    .forEach(([title, body], i) => lines.push(`${numbers[i]}、${title}`, ...body));
  return lines.join('\n');
}

/** "，参加42人次" when attendance was kept per person. */
function studyTurnout(m: MeetingView): string {
  const kept = m.studies.filter((s) => s.attendees.length);
  return kept.length ? `，参加${kept.reduce((n, s) => n + s.attendees.filter((a) => a.present).length, 0)}人次` : '';
}

function narrative(title: string, subtitle: string | undefined, blocks: Block[], data: Data): NarrativeDocument {
  return { kind: 'narrative', title, ...(subtitle ? { subtitle } : {}), blocks, author: data.organ };
}

export function planDocument(d: Data): NarrativeDocument {
  return narrative(`${d.organ}${meetingName(d.m)}方案`, undefined, textBlocks(d.m.planText ?? planTemplate(d.m)), d);
}

export function reportDocument(d: Data): NarrativeDocument {
  return narrative(
    `${d.organ}关于召开${meetingName(d.m)}情况的报告`,
    undefined,
    [
      // 主送机关 with its full-width colon; left blank to write in by hand when not yet recorded.
      { type: 'addressee', text: `${d.superior || '　'.repeat(10)}：` },
      ...textBlocks(d.m.reportText ?? draftReport(d.m, d.organ)),
      { type: 'signature', organ: d.organ || '（机关名称）', date: d.m.reportSentOn ?? d.m.heldOn },
    ],
    d,
  );
}

export function materialDocument(d: Data, mat: MaterialView): NarrativeDocument {
  const blocks: Block[] = [{ type: 'heading', level: 1, text: '存在的问题' }];
  const themes = [...new Set(mat.problems.map((p) => p.theme))];
  for (const theme of themes)
    blocks.push({
      type: 'heading',
      level: 2,
      text: /[。：:！？]$/.test(theme) ? theme : `${theme}。`,
      body: mat.problems
        .filter((p) => p.theme === theme)
        .map((p) => p.text)
        .join(''),
    });
  // A part not yet written prints as its heading alone, room to write by hand; the binder asks first.
  const section = (text: string | null): Block[] => textBlocks(text, 2);
  blocks.push({ type: 'heading', level: 1, text: '原因剖析' }, ...section(mat.causes));
  blocks.push({ type: 'heading', level: 1, text: '整改措施' }, ...section(mat.measures));
  const title =
    mat.personId === null ? `${d.organ}领导班子${meetingName(d.m)}对照检查材料` : `${meetingName(d.m)}个人对照检查材料`;
  return narrative(title, mat.personId === null ? undefined : `（${mat.owner}）`, blocks, d);
}

export function minutesDocument(d: Data): NarrativeDocument {
  const m = d.m;
  const absent = m.people.filter((p) => !p.present);
  const blocks: Block[] = [
    { type: 'paragraph', text: `时间：${formatChineseDate(m.heldOn)}` },
    { type: 'paragraph', text: `地点：${m.place ?? ''}` },
    { type: 'paragraph', text: `主持人：${m.presider ?? ''}　记录人：${m.recorder ?? ''}` },
    {
      type: 'paragraph',
      text: `应到${m.attendance.due}人，实到${m.attendance.present}人：${m.people
        .filter((p) => p.present)
        .map((p) => p.name)
        .join(
          '、',
        )}。${absent.length ? `缺席：${absent.map((p) => `${p.name}${p.absenceReason ? `（${p.absenceReason}）` : ''}`).join('、')}。` : ''}`,
    },
    ...(m.superiorAttendees ? [{ type: 'paragraph' as const, text: `上级到会人员：${m.superiorAttendees}` }] : []),
    { type: 'paragraph', text: `会议主题：${m.theme}` },
    ...(m.kind === 'special' && m.specialTrigger
      ? [{ type: 'paragraph' as const, text: `召开原因：${specialReasonText(m.specialTrigger, m.specialReason)}` }]
      : []),
  ];
  for (const s of m.speeches) {
    blocks.push({ type: 'heading', level: 1, text: `${s.name}发言` });
    blocks.push({ type: 'heading', level: 2, text: '自我批评', body: s.selfCriticism ?? '' });
    if (s.criticisms.length) {
      blocks.push({ type: 'heading', level: 2, text: '其他同志的批评意见' });
      for (const c of s.criticisms) blocks.push({ type: 'paragraph', text: `${c.fromName}：${c.text}` });
    }
    if (s.response) blocks.push({ type: 'heading', level: 2, text: '表态回应', body: s.response });
  }
  if (m.upperComments) blocks.push({ type: 'heading', level: 1, text: '上级点评' }, ...textBlocks(m.upperComments));
  return narrative(`${meetingName(m)}会议记录`, undefined, blocks, d);
}

export function opinionsTable(d: Data): TableDocument {
  const m = d.m;
  const owners = [
    { id: null as number | null, name: '领导班子' },
    ...m.people.map((p) => ({ id: p.id as number | null, name: p.name })),
  ];
  const rows: string[][] = [];
  for (const o of owners) {
    const list = m.opinions.filter((x) => (o.id === null ? x.concerns.length === 0 : x.concerns.includes(o.id)));
    list.forEach((x, i) => rows.push([i === 0 ? o.name : '', String(i + 1), x.source, x.category, x.text]));
  }
  return {
    kind: 'table',
    title: `${meetingName(m)}征求意见汇总表`,
    orientation: 'portrait',
    captionLeft: `单位：${d.organ}`,
    captionRight: `共${m.opinions.length}条`,
    columns: [
      { header: '反馈对象', width: 12 },
      { header: '序号', width: 6, align: 'center' },
      { header: '来源', width: 10, align: 'center' },
      { header: '类别', width: 12 },
      { header: '意见内容', width: 50 },
    ],
    rows,
    notes: ['涉及多人的意见在每人名下各列一次；未指明对象的意见列在领导班子名下。'],
    signatures: ['汇总人', '审核人', '日期'],
  };
}

export function studyTable(d: Data): TableDocument {
  const m = d.m;
  return {
    kind: 'table',
    title: `${meetingName(m)}学习研讨记录`,
    orientation: 'portrait',
    captionLeft: `单位：${d.organ}`,
    captionRight: `共${m.studies.length}次`,
    columns: [
      { header: '序号', width: 6, align: 'center' },
      { header: '日期', width: 20, align: 'center' },
      { header: '学习研讨内容', width: 28 },
      { header: '参加人员', width: 27 },
      { header: '缺席及原因', width: 19 },
    ],
    rows: m.studies.map((s, i) => {
      const absent = s.attendees.filter((a) => !a.present);
      return [
        String(i + 1),
        formatChineseDate(s.heldOn),
        s.content,
        s.attendees.length
          ? `应到${s.attendees.length}人，实到${s.attendees.length - absent.length}人：${s.attendees
              .filter((a) => a.present)
              .map((a) => a.name)
              .join('、')}`
          : (s.attendance ?? ''),
        s.attendees.length
          ? absent
              .map((a) => (a.absenceReason ? `${a.name}（${a.absenceReason}）` : `${a.name}（未说明原因）`))
              .join('\n') || '无'
          : '',
      ];
    }),
    signatures: ['记录人', '日期'],
  };
}

export function talksTable(d: Data): TableDocument {
  const m = d.m;
  const rows = m.talkPairs.map((p, i) => {
    const t = p.heldOn
      ? m.talks.find(
          (x) => x.heldOn === p.heldOn && [x.a, ...x.others].includes(p.a) && [x.a, ...x.others].includes(p.b),
        )
      : undefined;
    return [
      String(i + 1),
      `${p.a}—${p.b}`,
      p.heldOn ? formatChineseDate(p.heldOn) : '未谈',
      p.source === 'duties' ? '一岗双责纪实' : p.source ? '本次会前' : '',
      t?.record ?? '',
    ];
  });
  return {
    kind: 'table',
    title: `${meetingName(m)}谈心谈话情况表`,
    orientation: 'portrait',
    captionLeft: `单位：${d.organ}`,
    captionRight: `应谈${m.talkPairs.length}对，已谈${m.talkPairs.length - m.talksMissing}对`,
    columns: [
      { header: '序号', width: 6, align: 'center' },
      { header: '谈话双方', width: 22 },
      { header: '谈话日期', width: 20, align: 'center' },
      { header: '记录来源', width: 14, align: 'center' },
      { header: '主要内容', width: 38 },
    ],
    rows,
    signatures: false,
  };
}

export function rectificationTable(d: Data): TableDocument {
  const m = d.m;
  return {
    kind: 'table',
    title: `${meetingName(m)}整改清单`,
    orientation: 'landscape',
    captionLeft: `单位：${d.organ}`,
    captionRight: `共${m.rectification.length}项，已销号${m.rectification.filter((r) => r.closedOn).length}项`,
    columns: [
      { header: '序号', width: 5, align: 'center' },
      { header: '问题', width: 24 },
      { header: '整改措施', width: 24 },
      { header: '责任人', width: 10, align: 'center' },
      { header: '整改时限', width: 15, align: 'center' },
      { header: '进展情况', width: 20 },
      { header: '销号', width: 15, align: 'center' },
    ],
    rows: m.rectification.map((r, i) => [
      String(i + 1),
      `${r.problem}${r.carriedFrom ? `（${r.carriedFrom.year}年度转入）` : ''}`,
      r.measures,
      r.responsible,
      formatChineseDate(r.deadline),
      [...r.progress.map((p) => `${formatChineseDate(p.on)} ${p.note}`), r.evidence ? `佐证：${r.evidence}` : '']
        .filter(Boolean)
        .join('；'),
      r.closedOn ? `${formatChineseDate(r.closedOn)}销号` : r.overdue ? '逾期未销号' : '整改中',
    ]),
    signatures: ['填报人', '审核人', '日期'],
  };
}

export function appraisalTable(d: Data): TableDocument {
  const m = d.m;
  const a = m.appraisal!;
  const t = a.tally;
  return {
    kind: 'table',
    title: `${m.year}年度${m.unitName ?? ''}民主评议党员结果`,
    orientation: 'portrait',
    captionLeft: `党支部：${m.unitName ?? ''}`,
    captionRight: `评议日期：${formatChineseDate(m.heldOn)}`,
    columns: [
      { header: '序号', width: 6, align: 'center' },
      { header: '姓名', width: 12, align: 'center' },
      { header: '身份', width: 12, align: 'center' },
      { header: '个人自评', width: 28 },
      { header: '党员互评', width: 28 },
      { header: '评定等次', width: 12, align: 'center' },
    ],
    rows: a.rows.map((r, i) => [
      String(i + 1),
      r.name,
      r.probationary ? '预备党员' : '正式党员',
      r.selfAppraisal ?? '',
      r.peerAppraisal ?? '',
      r.probationary ? '不评定等次' : r.grade ? GRADE_LABEL[r.grade] : '未评定',
    ]),
    notes: [
      `评定结果：正式党员${a.rows.filter((r) => !r.probationary).length}人，优秀${t.excellent}人，合格${t.qualified}人，基本合格${t.basic}人，不合格${t.unqualified}人${t.ungraded ? `，未评定${t.ungraded}人` : ''}；预备党员${a.rows.filter((r) => r.probationary).length}人。`,
      `优秀等次不超过正式党员人数的三分之一（本支部至多${a.excellentLimit}人）；预备党员参加评议，不评定等次。`,
    ],
    signatures: ['支部书记', '日期'],
  };
}

export function binderDocument(d: Data): BinderDocument {
  const m = d.m;
  const parts: BinderDocument['parts'] = [
    { title: '会议方案', document: planDocument(d) },
    ...(m.studies.length ? [{ title: '学习研讨记录', document: studyTable(d) }] : []),
    { title: '征求意见汇总表', document: opinionsTable(d) },
    { title: '谈心谈话情况表', document: talksTable(d) },
    ...m.materials.map((mat) => ({
      title: mat.personId === null ? '领导班子对照检查材料' : `${mat.owner}对照检查材料`,
      document: materialDocument(d, mat),
    })),
    { title: '会议记录', document: minutesDocument(d) },
    { title: '情况报告', document: reportDocument(d) },
    { title: '整改清单', document: rectificationTable(d) },
    ...(m.appraisal ? [{ title: '民主评议党员结果', document: appraisalTable(d) }] : []),
  ];
  return {
    kind: 'binder',
    cover: {
      title: `${meetingName(m)}\n材料汇编`,
      subtitle: `主题：${m.theme}`,
      organ: d.organ,
      date: m.heldOn,
      secrecy: '内部资料',
    },
    parts,
    oddPageStarts: d.oddPageStarts,
    author: d.organ,
  };
}

/** The binder's parts that are not finished: the office is asked before they are printed. */
export function unfinishedParts(m: MeetingView): string[] {
  const out: string[] = [];
  if (m.opinions.length === 0) out.push('征求意见汇总表（尚无意见）');
  if (m.talksMissing > 0) out.push(`谈心谈话情况表（还有${m.talksMissing}对未谈）`);
  for (const mat of m.materials) {
    const name = mat.personId === null ? '领导班子对照检查材料' : `${mat.owner}对照检查材料`;
    if (mat.problems.length === 0 || !mat.causes || !mat.measures) out.push(`${name}（尚未写完）`);
    else if (mat.status !== 'final') out.push(`${name}（${MATERIAL_STATUS_LABEL[mat.status]}）`);
  }
  if (m.speeches.length === 0) out.push('会议记录（尚未记录发言）');
  if (m.rectification.length === 0) out.push('整改清单（尚无整改事项）');
  return out;
}

function def<K extends 'narrative' | 'table' | 'binder'>(
  id: string,
  title: string,
  kind: K,
  description: string,
  build: (d: Data) => NarrativeDocument | TableDocument | BinderDocument,
  params: readonly DocumentParam[] = [MEETING],
  unfinished?: (d: Data) => string[],
): DocumentDefinition<Data, Params> {
  return {
    id,
    title,
    kind,
    description,
    params,
    load,
    build,
    fileName: (d) => `${meetingName(d.m)}${title}`,
    ...(unfinished ? { unfinished } : {}),
  };
}

function material(d: Data): NarrativeDocument {
  const mat = d.m.materials.find((x) => x.personId === d.personId);
  if (!mat) {
    const message =
      d.personId === null
        ? '这次会议没有领导班子对照检查材料，请选择个人的材料。'
        : '这次会议的名单中没有这个人，请重新选择对照检查材料。';
    throw new AppError({
      code: 'NOT_FOUND',
      message,
      detail: `material owner ${d.personId ?? 'team'}`,
      field: 'personId',
    });
  }
  return materialDocument(d, mat);
}

export const MEETING_DOCUMENTS: DocumentDefinition<Data, Params>[] = [
  def(
    MEETING_DOCUMENT_IDS.binder,
    '材料汇编',
    'binder',
    '民主生活会或组织生活会全年材料：封面、目录、方案、学习研讨记录、意见汇总、谈话情况、对照检查材料、会议记录、情况报告、整改清单，连续编页',
    binderDocument,
    [MEETING, ODD_PAGES],
    (d) => unfinishedParts(d.m),
  ),
  def(MEETING_DOCUMENT_IDS.plan, '会议方案', 'narrative', '会议方案（公文格式），可存为Word', planDocument),
  def(
    MEETING_DOCUMENT_IDS.study,
    '学习研讨记录',
    'table',
    '每次学习研讨的日期、内容、参加人员，缺席人员及原因',
    studyTable,
  ),
  def(
    MEETING_DOCUMENT_IDS.opinions,
    '征求意见汇总表',
    'table',
    '按班子和每名成员汇总的征求意见，用于反馈',
    opinionsTable,
  ),
  def(MEETING_DOCUMENT_IDS.talks, '谈心谈话情况表', 'table', '应谈对子、谈话日期和来源，未谈的标明', talksTable),
  def(
    MEETING_DOCUMENT_IDS.material,
    '对照检查材料',
    'narrative',
    '领导班子或个人的对照检查材料，可存为Word',
    material,
    [MEETING, PERSON],
  ),
  def(
    MEETING_DOCUMENT_IDS.minutes,
    '会议记录',
    'narrative',
    '发言顺序、自我批评、相互批评和回应、到会情况、上级点评',
    minutesDocument,
  ),
  def(MEETING_DOCUMENT_IDS.report, '情况报告', 'narrative', '会后报上级的情况报告，可存为Word', reportDocument),
  def(
    MEETING_DOCUMENT_IDS.rectification,
    '整改清单',
    'table',
    '问题、措施、责任人、时限、进展和销号',
    rectificationTable,
  ),
  def(
    MEETING_DOCUMENT_IDS.appraisal,
    '民主评议党员结果',
    'table',
    '组织生活会民主评议：自评、互评、等次和统计',
    (d) => {
      if (!d.m.appraisal)
        throw new AppError({
          code: 'INVALID_INPUT',
          message: '民主评议党员结果只用于组织生活会',
          detail: 'not a branch meeting',
          field: 'meetingId',
        });
      return appraisalTable(d);
    },
    [BRANCH_MEETING],
  ),
];
