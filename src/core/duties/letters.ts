import { formatChineseDate, type IsoDate } from '../../shared/dates';
import { categoryOrder } from '../../shared/duties/library';
import { teamNameOf, type DutySettings } from '../../shared/duties/settings';
import type { ItemView, LeaderView, LetterView } from '../../shared/duties/views';
import type { Db } from '../db/open';
import type { Block, NarrativeDocument } from '../documents/model';
import { invalid, now } from './common';
import { leaderRow } from './leaders';

/* 责任书: generated per person from their list, printed for both sides to sign, kept as signed. */

/** A letter is signed from the autumn before its year (lists are often agreed in December) to today. */
export function signLetter(
  db: Db,
  leaderId: number,
  signedOn: IsoDate,
  issuerName: string | null,
  note: string | null,
  today: IsoDate,
): void {
  const leader = leaderRow(db, leaderId);
  if (signedOn > today)
    throw invalid(`签订日期“${formatChineseDate(signedOn)}”晚于今天。请在签字之后再登记。`, 'signedOn');
  const earliest = `${leader.year - 1}-10-01`;
  if (signedOn < earliest || signedOn > `${leader.year}-12-31`) {
    throw invalid(
      `签订日期“${formatChineseDate(signedOn)}”与${leader.year}年度责任书不符（应在${formatChineseDate(earliest)}至${leader.year}年12月31日之间）。`,
      'signedOn',
    );
  }
  const items = (db.prepare(`SELECT count(*) AS n FROM duty_item WHERE leader_id = ?`).get(leaderId) as { n: number })
    .n;
  if (items === 0)
    throw invalid(
      `“${leader.name}”${leader.year}年度的责任清单还是空的，责任书没有内容。请先建立责任清单。`,
      'leaderId',
    );
  db.prepare(
    `INSERT INTO duty_letter (leader_id, signed_on, issuer_name, note, created_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (leader_id) DO UPDATE SET signed_on = excluded.signed_on, issuer_name = excluded.issuer_name, note = excluded.note`,
  ).run(leaderId, signedOn, issuerName, note, now());
}

/** Undoes a registration made by mistake, with its scanned copies; the log keeps both. */
export function unsignLetter(db: Db, leaderId: number): void {
  const leader = leaderRow(db, leaderId);
  const letter = db.prepare(`SELECT id FROM duty_letter WHERE leader_id = ?`).get(leaderId) as
    { id: number } | undefined;
  if (!letter) throw invalid(`“${leader.name}”${leader.year}年度的责任书尚未登记签订。`, 'leaderId');
  db.transaction(() => {
    db.prepare(`DELETE FROM duty_evidence WHERE letter_id = ?`).run(letter.id);
    db.prepare(`DELETE FROM duty_letter WHERE id = ?`).run(letter.id);
  })();
}

export function letterId(db: Db, leaderId: number): number {
  const leader = leaderRow(db, leaderId);
  const letter = db.prepare(`SELECT id FROM duty_letter WHERE leader_id = ?`).get(leaderId) as
    { id: number } | undefined;
  if (!letter)
    throw invalid(`“${leader.name}”的责任书尚未登记签订，请先登记签订日期，再上传签字扫描件。`, 'letterLeaderId');
  return letter.id;
}

export interface LetterData {
  leader: LeaderView;
  items: ItemView[];
  letter: LetterView | null;
  settings: DutySettings;
  organName: string;
}

const withStop = (text: string) => (/[。！？；]$/.test(text) ? text : `${text}。`);

/** Groups items by category in the usual order. */
export function byCategory(items: ItemView[]): [string, ItemView[]][] {
  const groups = new Map<string, ItemView[]>();
  for (const item of items) groups.set(item.category, [...(groups.get(item.category) ?? []), item]);
  return [...groups.entries()].sort(
    (a, b) => categoryOrder(a[0]) - categoryOrder(b[0]) || a[0].localeCompare(b[0], 'zh-CN'),
  );
}

/** The 责任书 as a 公文: intro, the person and portfolio, the items by category, duties, terms, two signature columns. */
export function letterDocument(data: LetterData): NarrativeDocument {
  const { leader, settings } = data;
  const year = leader.year;
  const team = teamNameOf(settings, data.organName);
  const secretary = leader.role === 'secretary';
  const blocks: Block[] = [];
  blocks.push({
    type: 'paragraph',
    text: `为深入落实全面从严治党主体责任和党风廉政建设责任制，推动领导班子成员认真履行“一岗双责”，根据《党委（党组）落实全面从严治党主体责任规定》和《关于实行党风廉政建设责任制的规定》，结合${data.organName}实际，${secretary ? '' : `经${team}研究，`}签订本责任书。`,
  });

  blocks.push({ type: 'heading', level: 1, text: '责任主体' });
  blocks.push({ type: 'paragraph', text: `责任人：${leader.name}${leader.title ? `，${leader.title}` : ''}。` });
  if (leader.divisions.length)
    blocks.push({ type: 'paragraph', text: `分管处室（单位）：${leader.divisions.join('、')}。` });
  if (leader.branches.length)
    blocks.push({ type: 'paragraph', text: `分管（联系）党支部：${leader.branches.map((b) => b.name).join('、')}。` });
  if (leader.ownBranch)
    blocks.push({ type: 'paragraph', text: `所在党支部（参加双重组织生活）：${leader.ownBranch.name}。` });

  blocks.push({ type: 'heading', level: 1, text: '责任内容' });
  if (data.items.length === 0) blocks.push({ type: 'paragraph', text: '（责任清单尚未建立。）' });
  for (const [category, items] of byCategory(data.items)) {
    blocks.push({ type: 'heading', level: 2, text: category });
    for (const item of items) {
      const parts = [
        item.measures ? withStop(item.measures) : '',
        `完成要求：${item.requirement}。`,
        item.evidence.length ? `佐证材料：${item.evidence.join('、')}。` : '',
      ];
      blocks.push({ type: 'heading', level: 3, text: withStop(item.content), body: parts.join('') });
    }
  }

  blocks.push({ type: 'heading', level: 1, text: '责任要求' });
  blocks.push({
    type: 'paragraph',
    text: secretary
      ? `责任人是${data.organName}全面从严治党第一责任人，对领导班子全面从严治党工作负总责，对重要工作亲自部署、重大问题亲自过问、重点环节亲自协调、重要案件亲自督办。`
      : '责任人对分管范围内的党的建设和党风廉政建设负主要领导责任，坚持党建工作与业务工作同部署、同落实、同检查、同考核。',
  });
  blocks.push({
    type: 'paragraph',
    text: '履行责任的情况要及时、如实记入履职纪实，注明时间、内容和参加人员，并保存会议记录、谈话记录、讲稿等佐证材料。',
  });
  blocks.push({ type: 'paragraph', text: '本责任书的履行情况作为年度述责述廉、考核评价和选拔任用的重要依据。' });

  blocks.push({ type: 'heading', level: 1, text: '附则' });
  blocks.push({
    type: 'paragraph',
    text: `本责任书一式两份，双方各执一份，有效期自${year}年1月1日至${year}年12月31日。`,
  });

  const dateLine = data.letter ? formatChineseDate(data.letter.signedOn) : '　　　　年　　月　　日';
  const issuerTitle = secretary ? settings.superiorIssuerTitle : settings.issuerTitle;
  blocks.push({
    type: 'signatories',
    parties: [
      [`${issuerTitle}（签字）：`, '', dateLine],
      ['责任人（签字）：', '', dateLine],
    ],
  });

  return {
    kind: 'narrative',
    title: `${year}年度${settings.letterTitle}`,
    subtitle: `（${leader.name}）`,
    blocks,
    author: team,
  };
}
