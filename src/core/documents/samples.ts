import type { IsoDate } from '../../shared/dates';
import type { BinderDocument, NarrativeDocument, TableDocument } from './model';

/*
 * Sample documents for checking the layout on a new machine or printer: a 公文 with a title,
 * an addressee, all four heading levels, more than three full pages of body text,
 * attachments and a signature; and a binder of three parts (two 公文 and a landscape table).
 * Pure functions of the organ's names and the date.
 */

export interface SampleNames {
  organ: string;
  committee: string;
  today: IsoDate;
}

const yearOf = (date: IsoDate) => Number(date.slice(0, 4));

export function sampleGongwen({ committee, today }: SampleNames): NarrativeDocument {
  const year = yearOf(today);
  return {
    kind: 'narrative',
    title: `关于做好${year}年度机关党建工作的通知`,
    author: committee,
    blocks: [
      { type: 'addressee', text: '机关各党支部：' },
      {
        type: 'paragraph',
        text: `为深入学习贯彻习近平新时代中国特色社会主义思想，全面落实新时代党的建设总要求和新时代机关党建工作部署，进一步提高机关党建工作质量，推动党建工作与业务工作深度融合，经机关党委研究，现就做好${year}年度机关党建工作通知如下。`,
      },
      { type: 'heading', level: 1, text: '加强政治建设，把牢机关党建正确方向' },
      { type: 'heading', level: 2, text: '深化党的创新理论学习' },
      {
        type: 'paragraph',
        text: '坚持把学习贯彻党的创新理论作为首要政治任务，健全以机关党委理论学习中心组学习为龙头、党支部集中学习为主体、党员个人自学为基础的学习体系。机关党委理论学习中心组每季度至少开展一次集中学习研讨，各党支部每月至少组织一次集体学习，做到学习有计划、有记录、有交流、有成效，推动学习往深里走、往心里走、往实里走。',
      },
      {
        type: 'heading',
        level: 3,
        text: '健全学习制度。',
        body: '各党支部要在每年年初制定全年学习计划，明确学习专题、学习方式和责任人，学习计划报机关党委备案。集体学习应当结合本部门业务实际确定研讨题目，防止以读代学、以听代学，切实把学习成果转化为推动工作的具体举措。',
      },
      {
        type: 'heading',
        level: 4,
        text: '领学制度。',
        body: '支部书记带头领学，支委成员轮流领学，每次学习确定一名中心发言人，发言材料会后归入支部工作台账。',
      },
      {
        type: 'heading',
        level: 4,
        text: '交流研讨制度。',
        body: '每季度至少开展一次专题研讨，党员结合思想和工作实际撰写心得体会，支部择优推荐到机关党委交流。',
      },
      {
        type: 'heading',
        level: 3,
        text: '抓好专题学习。',
        body: '围绕党中央重大决策部署和上级机关工作要求，分专题开展学习研讨，做到学有所思、学有所悟、学有所得。机关党委适时组织专题辅导报告会和读书班，各党支部结合实际开展现场教学、主题党日等活动，增强学习的针对性和实效性。',
      },
      {
        type: 'heading',
        level: 2,
        text: '严明政治纪律和政治规矩。',
        body: '教育引导党员干部自觉在思想上政治上行动上同党中央保持高度一致，严格执行请示报告制度，严格落实意识形态工作责任制，定期分析研判党员干部思想动态，对苗头性倾向性问题早发现、早提醒、早纠正，确保政令畅通、令行禁止。',
      },
      { type: 'heading', level: 1, text: '加强组织建设，夯实机关党建基层基础' },
      { type: 'heading', level: 2, text: '规范党内组织生活' },
      {
        type: 'paragraph',
        text: '严格落实“三会一课”、组织生活会、民主评议党员、谈心谈话、主题党日等制度，增强党内政治生活的政治性、时代性、原则性、战斗性。党支部每月召开一次支部委员会会议，每季度召开一次党员大会，每季度讲一次党课，支部书记每年至少讲一次党课；党小组每月召开一次党小组会。各项组织生活应当如实记录，会议记录、签到表和相关材料及时归档。',
      },
      {
        type: 'heading',
        level: 3,
        text: '开好组织生活会。',
        body: '组织生活会一般每年召开一次，会前认真开展学习研讨、征求意见、谈心谈话，查摆问题要具体，相互批评要见人见事见思想，会后制定整改清单，明确整改措施、责任人和完成时限，整改情况在一定范围内通报。',
      },
      {
        type: 'heading',
        level: 3,
        text: '做好民主评议党员。',
        body: '民主评议党员一般每年开展一次，通过个人自评、党员互评、民主测评和组织评定，确定评议等次。对评为不合格的党员，按照有关规定区别情况、稳妥慎重作出组织处置，做好思想教育和跟踪帮扶工作。',
      },
      {
        type: 'heading',
        level: 2,
        text: '加强党员教育管理。',
        body: '落实党员教育培训规划，确保每名党员每年参加集中学习培训的时间不少于规定学时。严格党员组织关系管理，党员组织关系转接做到及时、准确、规范；按月足额收缴党费，党费收缴情况每年向党员公布一次，接受党员监督。',
      },
      {
        type: 'paragraph',
        text: '加强党支部标准化规范化建设，选优配强党支部书记，健全支部委员会，按期进行换届选举。对任期届满的党支部，机关党委将提前提醒，各党支部应当在届满前做好换届准备工作，确保换届工作依规依纪、平稳有序。推动党建工作与业务工作同谋划、同部署、同推进、同考核，防止党建工作与业务工作“两张皮”。',
      },
      { type: 'heading', level: 1, text: '加强作风建设，营造风清气正的机关政治生态' },
      {
        type: 'paragraph',
        text: '深入贯彻中央八项规定及其实施细则精神，持续纠治形式主义、官僚主义，切实为基层减负。坚持以案为鉴、以案促改，每半年至少开展一次警示教育，引导党员干部知敬畏、存戒惧、守底线。深化运用监督执纪“四种形态”，抓早抓小、防微杜渐，对党员干部身上的问题早提醒早纠正。',
      },
      {
        type: 'paragraph',
        text: '坚持和发展新时代“枫桥经验”，畅通群众反映问题的渠道，认真办理群众来信来访，及时回应干部职工关切。开展调查研究，机关党委委员每人每年至少确定一个调研课题，深入基层一线了解情况、解决问题，形成有分析、有对策的调研报告，推动调研成果转化为工作举措。',
      },
      { type: 'heading', level: 1, text: '加强组织领导，压实管党治党政治责任' },
      {
        type: 'paragraph',
        text: '各党支部要切实履行全面从严治党主体责任，支部书记认真履行第一责任人职责，支部委员按照分工抓好职责范围内的党建工作，形成一级抓一级、层层抓落实的工作格局。机关党委将把党建工作任务落实情况纳入党支部书记抓党建述职评议考核，考核结果作为评先评优的重要依据。',
      },
      {
        type: 'paragraph',
        text: `请各党支部对照本通知和附件所列任务，结合实际研究制定具体落实措施，于${year}年3月31日前报送机关党委办公室；年度党建工作总结于${year}年12月15日前报送。工作中遇到的情况和问题，请及时与机关党委办公室沟通。`,
      },
      { type: 'attachments', items: [`${year}年度机关党建工作任务分解表`, '党支部工作台账填报说明'] },
      { type: 'signature', organ: committee, date: today },
    ],
  };
}

function meetingPlan({ organ, today }: SampleNames): NarrativeDocument {
  const year = yearOf(today);
  return {
    kind: 'narrative',
    title: `${organ}领导班子${year}年度\n民主生活会方案`,
    blocks: [
      {
        type: 'paragraph',
        text: `根据上级党组织关于召开${year}年度县以上党和国家机关党员领导干部民主生活会的通知要求，结合本单位实际，制定本方案。`,
      },
      { type: 'heading', level: 1, text: '会议主题' },
      {
        type: 'paragraph',
        text: '深入学习贯彻习近平新时代中国特色社会主义思想，围绕上级确定的主题，紧密联系领导班子和个人思想工作实际，认真查摆问题，深刻剖析根源，明确整改方向，以整改落实的实际成效推动各项工作高质量发展。',
      },
      { type: 'heading', level: 1, text: '时间地点和参加人员' },
      {
        type: 'paragraph',
        text: '会议时间拟定于年度内由领导班子研究确定，会议地点在机关会议室。参加人员为领导班子成员，上级党组织派员到会指导，机关纪委、组织人事部门有关负责同志列席会议。',
      },
      { type: 'heading', level: 1, text: '会前准备' },
      {
        type: 'heading',
        level: 2,
        text: '认真开展学习研讨。',
        body: '会前，领导班子通过理论学习中心组学习等形式开展集中学习研讨，班子成员围绕会议主题撰写研讨发言提纲，做到学深悟透、融会贯通。',
      },
      {
        type: 'heading',
        level: 2,
        text: '广泛征求意见建议。',
        body: '通过召开座谈会、发放征求意见表、个别访谈等方式，广泛征求党员干部职工和服务对象的意见建议，原汁原味梳理汇总后反馈给领导班子和班子成员本人。',
      },
      {
        type: 'heading',
        level: 2,
        text: '深入开展谈心谈话。',
        body: '班子成员之间、班子成员与分管部门负责同志之间普遍开展谈心谈话，既要主动听取意见，又要坦诚指出问题，为开展批评和自我批评打好基础。',
      },
      {
        type: 'heading',
        level: 2,
        text: '认真撰写对照检查材料。',
        body: '主要负责同志主持起草领导班子对照检查材料，班子成员本人撰写个人对照检查材料，做到问题查摆准确、原因剖析深刻、整改措施具体。',
      },
      { type: 'heading', level: 1, text: '会后整改' },
      {
        type: 'paragraph',
        text: '会后及时制定整改方案，列出问题清单、任务清单和责任清单，明确整改时限，整改落实情况在一定范围内通报，并按规定将会议情况报告报送上级党组织。',
      },
    ],
  };
}

function selfExamination({ organ, today }: SampleNames): NarrativeDocument {
  const year = yearOf(today);
  const paragraph = (text: string) => ({ type: 'paragraph' as const, text });
  return {
    kind: 'narrative',
    title: `${organ}领导班子${year}年度\n民主生活会对照检查材料`,
    blocks: [
      paragraph(
        '按照民主生活会的有关要求，领导班子认真开展学习研讨，广泛征求意见建议，深入开展谈心谈话，紧扣会议主题，对照党章党规，结合意见建议反馈情况，认真查摆班子存在的突出问题，深刻剖析问题产生的根源，研究提出整改措施。现将有关情况报告如下。',
      ),
      { type: 'heading', level: 1, text: '上年度民主生活会整改措施落实情况' },
      paragraph(
        '针对上年度民主生活会查摆的问题，领导班子逐项制定整改措施，明确责任领导和完成时限，定期跟踪督办。经过一年来的努力，理论学习制度进一步健全，调查研究更加深入，服务基层的作风进一步改进，各项整改措施基本落实到位。对需要长期坚持的整改事项，领导班子将持续推进，久久为功。',
      ),
      { type: 'heading', level: 1, text: '查摆的主要问题' },
      { type: 'heading', level: 2, text: '在理论学习方面' },
      paragraph(
        '理论学习的系统性还不够强，存在学用结合不够紧密的情况，运用党的创新理论研究解决本单位改革发展中重点难点问题的能力还需要进一步提升。学习研讨有时停留在面上，联系实际剖析思想、推动工作的深度还不够。',
      ),
      { type: 'heading', level: 2, text: '在履职尽责方面' },
      paragraph(
        '推动重点工作落实的力度还有差距，对一些涉及面广、协调难度大的工作，统筹谋划还不够周密，跟踪问效还不够到位。面对新形势新任务，开拓创新的意识还需要增强，解决问题的办法还不够多。',
      ),
      { type: 'heading', level: 2, text: '在作风建设方面' },
      paragraph(
        '深入基层调查研究还不够经常，有的调研主题不够聚焦，发现问题后跟踪解决不够及时。文风会风还需要进一步改进，有的会议时间偏长、文件篇幅偏长，精文简会的要求落实还不够到位。',
      ),
      { type: 'heading', level: 2, text: '在落实全面从严治党责任方面' },
      paragraph(
        '主体责任落实还存在上热中温下冷的情况，一岗双责的要求在个别分管领域落实不够到位，对党员干部日常教育管理监督还不够严格，运用监督执纪“四种形态”特别是第一种形态还不够经常。',
      ),
      { type: 'heading', level: 1, text: '产生问题的原因' },
      paragraph(
        '深入剖析，产生上述问题的根源主要有以下几个方面：一是理论武装还不够深入，用党的创新理论武装头脑、指导实践、推动工作的自觉性还需要增强；二是宗旨意识有所淡化，深入群众、服务群众的主动性还不够强；三是担当精神还不够足，面对矛盾问题有时存在畏难情绪；四是纪律规矩意识还需要进一步强化，从严管理的力度还需要加大。',
      ),
      { type: 'heading', level: 1, text: '整改措施' },
      {
        type: 'heading',
        level: 2,
        text: '持续加强理论武装。',
        body: '严格落实理论学习中心组学习制度，坚持集中学习与个人自学相结合，每季度至少开展一次专题研讨，着力提高运用党的创新理论解决实际问题的能力。',
      },
      {
        type: 'heading',
        level: 2,
        text: '切实提升履职能力。',
        body: '围绕年度重点任务建立工作台账，实行清单化管理，定期调度推进，对进展滞后的事项及时研究解决，确保各项任务按期完成。',
      },
      {
        type: 'heading',
        level: 2,
        text: '持续改进工作作风。',
        body: '班子成员每人每年至少确定一个调研课题，深入基层一线开展调研，推动调研成果转化运用；严格控制会议和文件数量，切实为基层减负。',
      },
      {
        type: 'heading',
        level: 2,
        text: '压紧压实管党治党责任。',
        body: '认真落实全面从严治党主体责任清单，班子成员严格履行一岗双责，定期研究分管领域党风廉政建设工作，加强对党员干部的日常教育管理监督。',
      },
      paragraph(
        '领导班子将以这次民主生活会为新的起点，认真抓好问题整改，以整改落实的实际成效推动各项事业不断取得新进展。',
      ),
    ],
  };
}

function opinionTable({ today }: SampleNames): TableDocument {
  const year = yearOf(today);
  const opinions: [string, string, string, string, string][] = [
    [
      '理论学习联系业务实际不够紧密，研讨发言结合本职工作不够具体',
      '理论学习',
      '座谈会',
      '每次集体学习明确结合业务的研讨题目',
      '年内完成',
    ],
    [
      '深入基层调研的次数偏少，调研发现问题后跟踪解决不够及时',
      '工作作风',
      '征求意见表',
      '建立调研问题跟踪台账，按月通报进展',
      '3个月内',
    ],
    ['部分会议时间偏长，会议材料篇幅偏长', '文风会风', '个别访谈', '严格控制会议时长和材料篇幅', '长期坚持'],
    ['青年干部培养锻炼的渠道还不够多', '队伍建设', '座谈会', '实施青年干部轮岗交流和导师帮带计划', '年内完成'],
    ['党支部活动形式比较单一，吸引力不够强', '组织建设', '征求意见表', '每季度开展一次特色主题党日活动', '长期坚持'],
    ['对基层反映的问题答复不够及时', '服务基层', '征求意见表', '实行基层诉求限时办结制度', '2个月内'],
    ['业务培训的针对性不够强', '能力建设', '座谈会', '按岗位需求分类开展业务培训', '年内完成'],
    ['跨部门协作机制还不够顺畅', '统筹协调', '个别访谈', '建立重点工作联席会议制度', '3个月内'],
    ['机关内部信息化水平有待提高', '基础保障', '征求意见表', '梳理业务流程，推进办公系统升级', '年内完成'],
    ['对干部职工的关心关爱还需加强', '关心关爱', '座谈会', '落实谈心谈话和困难帮扶制度', '长期坚持'],
    ['廉政风险点排查还不够全面细致', '党风廉政', '个别访谈', '全面开展廉政风险点排查，完善防控措施', '2个月内'],
    ['典型经验总结推广不够及时', '宣传工作', '征求意见表', '每半年总结推广一批典型经验做法', '长期坚持'],
  ];
  return {
    kind: 'table',
    title: `${year}年度民主生活会征求意见情况汇总表`,
    orientation: 'landscape',
    captionLeft: '征求意见范围：机关全体党员干部职工和部分服务对象',
    captionRight: `汇总日期：${year}年${Number(today.slice(5, 7))}月${Number(today.slice(8, 10))}日`,
    columns: [
      { header: '序号', width: 5, align: 'center' },
      { header: '意见建议内容', width: 34 },
      { header: '涉及方面', width: 10, align: 'center' },
      { header: '提出方式', width: 10, align: 'center' },
      { header: '整改措施', width: 29 },
      { header: '完成时限', width: 10, align: 'center' },
    ],
    rows: opinions.map((row, i) => [String(i + 1), ...row]),
    totals: ['合计', `共${opinions.length}条`, '', '', '', ''],
    notes: ['说明：意见建议按原意整理，已反馈领导班子及班子成员本人。'],
  };
}

export function sampleBinder(names: SampleNames, options: { oddPageStarts: boolean }): BinderDocument {
  const year = yearOf(names.today);
  return {
    kind: 'binder',
    author: names.committee,
    cover: {
      title: `${names.organ}领导班子\n${year}年度民主生活会材料`,
      subtitle: '（示例汇编）',
      organ: names.committee,
      date: names.today,
      secrecy: '内部资料　注意保存',
      copyNumber: '000001',
    },
    parts: [
      { title: '民主生活会方案', document: meetingPlan(names) },
      { title: '领导班子对照检查材料', document: selfExamination(names) },
      { title: '征求意见情况汇总表', document: opinionTable(names) },
    ],
    oddPageStarts: options.oddPageStarts,
  };
}
