import type { z } from 'zod';
import { formatChineseDate, type IsoDate } from '../../shared/dates';
import { belongsInMonth } from '../../shared/dues/membership';
import { fen, formatYuan, sumFen, type Fen } from '../../shared/dues/money';
import { formatMonth, monthOf } from '../../shared/dues/months';
import { ruleSetFor, type DuesRuleSet } from '../../shared/dues/rules';
import {
  PURPOSE_SHORT,
  type ExpenditurePurpose,
  type FundEntry,
  type FundKind,
  type FundMovement,
  type FundsView,
  type recordFundInput,
  type VoluntaryView,
} from '../../shared/dues/views';
import { AppError } from '../../shared/errors';
import type { Db } from '../db/open';
import { loadMembers } from './book';
import { ruleTable } from './rule-table';
import { getDuesSettings } from './settings';

/*
 * 自愿多交 and 大额党费 (reference §1.7), and the money's way onward (§1.8): remittances to the
 * superior, allocations received, spending on the permitted purposes with the collective
 * decision behind each, and the running balance.
 */

function invalid(message: string, field?: string): AppError {
  return new AppError({ code: 'INVALID_INPUT', message, detail: message, ...(field ? { field } : {}) });
}

function refuse(message: string, field?: string): AppError {
  return new AppError({ code: 'RULE_VIOLATION', message, detail: message, ...(field ? { field } : {}) });
}

/* ---------- 自愿多交、大额党费 ---------- */

interface VoluntaryRow {
  id: number;
  member_id: number;
  name: string;
  branch_name: string;
  paid_on: IsoDate;
  amount_fen: number;
  large: 0 | 1;
  receipt_no: string | null;
  profile: string | null;
  note: string | null;
  remittance_id: number | null;
  remitted_on: IsoDate | null;
  remittance_no: string | null;
}

function voluntaryView(r: VoluntaryRow, table: readonly DuesRuleSet[]): VoluntaryView {
  return {
    id: r.id,
    memberId: r.member_id,
    name: r.name,
    branchName: r.branch_name,
    paidOn: r.paid_on,
    amountFen: fen(r.amount_fen),
    large: r.large === 1,
    atThreshold: r.amount_fen === ruleSetFor(monthOf(r.paid_on), table).largeVoluntaryFen,
    receiptNo: r.receipt_no,
    profile: r.profile,
    note: r.note,
    remittance: r.remittance_id ? { id: r.remittance_id, on: r.remitted_on ?? '', documentNo: r.remittance_no } : null,
  };
}

export function listVoluntary(db: Db, options: { year?: number | null; memberId?: number } = {}): VoluntaryView[] {
  const where = ['v.voided_on IS NULL'];
  const params: unknown[] = [];
  if (options.year) {
    where.push('v.paid_on BETWEEN ? AND ?');
    params.push(`${options.year}-01-01`, `${options.year}-12-31`);
  }
  if (options.memberId) {
    where.push('v.member_id = ?');
    params.push(options.memberId);
  }
  const rows = db
    .prepare(
      `SELECT v.*, m.name, b.name AS branch_name, f.on_date AS remitted_on, f.document_no AS remittance_no
         FROM dues_voluntary v JOIN member m ON m.id = v.member_id JOIN org_unit b ON b.id = m.branch_id
         LEFT JOIN dues_fund f ON f.id = v.remittance_id
        WHERE ${where.join(' AND ')} ORDER BY v.paid_on DESC, v.id DESC`,
    )
    .all(...params) as VoluntaryRow[];
  const table = ruleTable(db);
  return rows.map((r) => voluntaryView(r, table));
}

/** Whether a one-off amount is 大额党费: "1000元以上"; exactly 1000 follows the setting (UNCONFIRMED). */
export function isLarge(
  amountFen: number,
  paidOn: IsoDate,
  includesThreshold: boolean,
  table: readonly DuesRuleSet[],
): boolean {
  const threshold = ruleSetFor(monthOf(paidOn), table).largeVoluntaryFen;
  return amountFen > threshold || (includesThreshold && amountFen === threshold);
}

export function recordVoluntary(
  db: Db,
  input: {
    memberId: number;
    paidOn: IsoDate;
    amountFen: number;
    receiptNo: string | null;
    profile: string | null;
    note: string | null;
  },
  today: IsoDate,
): VoluntaryView {
  const member = loadMembers(db, [input.memberId]).get(input.memberId);
  if (!member)
    throw new AppError({
      code: 'NOT_FOUND',
      message: `找不到编号为 ${input.memberId} 的党员。`,
      detail: 'no member',
      field: 'memberId',
    });
  if (input.paidOn > today) throw invalid(`交纳日期“${input.paidOn}”晚于今天。`, 'paidOn');
  if (!belongsInMonth(member.intervals, monthOf(input.paidOn)))
    throw refuse(`${member.name}在${formatMonth(monthOf(input.paidOn))}不在本单位，不能登记自愿多交党费。`, 'paidOn');
  const large = isLarge(input.amountFen, input.paidOn, getDuesSettings(db).largeIncludesThreshold, ruleTable(db));
  const id = Number(
    db
      .prepare(
        `INSERT INTO dues_voluntary (member_id, paid_on, amount_fen, large, receipt_no, profile, note, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        input.memberId,
        input.paidOn,
        input.amountFen,
        large ? 1 : 0,
        input.receiptNo,
        input.profile,
        input.note,
        new Date().toISOString(),
      ).lastInsertRowid,
  );
  return listVoluntary(db, { memberId: input.memberId }).find((v) => v.id === id)!;
}

export function voidVoluntary(db: Db, id: number, reason: string, today: IsoDate): void {
  const row = db.prepare(`SELECT voided_on, remittance_id FROM dues_voluntary WHERE id = ?`).get(id) as
    { voided_on: string | null; remittance_id: number | null } | undefined;
  if (!row)
    throw new AppError({
      code: 'NOT_FOUND',
      message: `找不到编号为 ${id} 的自愿多交记录。`,
      detail: 'no voluntary',
      field: 'id',
    });
  if (row.voided_on) throw refuse('该记录已作废。');
  if (row.remittance_id) throw refuse('该笔大额党费已登记上缴，不能作废；如上缴登记有误，请先作废那次上缴。');
  db.prepare(`UPDATE dues_voluntary SET voided_on = ?, void_reason = ? WHERE id = ?`).run(today, reason, id);
}

/* ---------- 上缴、下拨、支出 ---------- */

interface FundRow {
  id: number;
  kind: FundKind;
  on_date: IsoDate;
  amount_fen: number;
  dues_year: number | null;
  counterpart: string | null;
  document_no: string | null;
  purpose: ExpenditurePurpose | null;
  description: string | null;
  decision_body: string | null;
  decision_on: IsoDate | null;
  decision_ref: string | null;
  note: string | null;
}

function fundEntry(r: FundRow, voluntaryIds: number[]): FundEntry {
  return {
    id: r.id,
    kind: r.kind,
    on: r.on_date,
    amountFen: fen(r.amount_fen),
    duesYear: r.dues_year,
    counterpart: r.counterpart,
    documentNo: r.document_no,
    purpose: r.purpose,
    description: r.description,
    decisionBody: r.decision_body,
    decisionOn: r.decision_on,
    decisionRef: r.decision_ref,
    note: r.note,
    voluntaryIds,
  };
}

/** What the contract hands over once it has checked a 收支 entry (shared/dues/views.ts). */
export type FundInput = z.output<typeof recordFundInput>;

export function recordFund(db: Db, input: FundInput, today: IsoDate): FundEntry {
  if (input.on > today) throw invalid(`日期“${input.on}”晚于今天。`, 'on');
  if (input.kind !== 'opening' && input.amountFen <= 0) throw invalid('金额应大于0。', 'amountFen');
  if (input.kind !== 'largeRemittance' && input.voluntaryIds.length)
    throw invalid('只有上缴大额党费时才选择大额党费记录。', 'voluntaryIds');
  switch (input.kind) {
    case 'opening': {
      const existing = db
        .prepare(`SELECT on_date FROM dues_fund WHERE kind = 'opening' AND voided_on IS NULL`)
        .get() as { on_date: string } | undefined;
      if (existing) throw refuse(`期初结存已于${existing.on_date}登记；如需更正，请先作废原记录。`);
      const earlier = db
        .prepare(
          `SELECT min(d) AS d FROM (SELECT min(paid_on) AS d FROM dues_payment WHERE voided_on IS NULL UNION ALL SELECT min(on_date) FROM dues_fund WHERE voided_on IS NULL)`,
        )
        .get() as { d: string | null };
      if (earlier.d && earlier.d < input.on) throw refuse(`期初结存的日期应早于第一笔收支（${earlier.d}）。`, 'on');
      break;
    }
    case 'remittance':
      if (!input.duesYear) throw invalid('请写明上缴的是哪一年度的党费。', 'duesYear');
      if (!input.counterpart) throw invalid('请填写接收上缴党费的上级党组织。', 'counterpart');
      break;
    case 'allocation':
      if (!input.counterpart) throw invalid('请填写下拨党费的上级党组织。', 'counterpart');
      break;
    case 'largeRemittance': {
      if (!input.counterpart) throw invalid('请填写接收大额党费的上级党组织。', 'counterpart');
      if (!input.voluntaryIds.length) throw invalid('请选择本次上缴的大额党费。', 'voluntaryIds');
      const rows = db
        .prepare(
          `SELECT v.id, v.amount_fen, v.large, v.voided_on, v.remittance_id, m.name FROM dues_voluntary v JOIN member m ON m.id = v.member_id WHERE v.id IN (${input.voluntaryIds.map(() => '?').join(',')})`,
        )
        .all(...input.voluntaryIds) as {
        id: number;
        amount_fen: number;
        large: 0 | 1;
        voided_on: string | null;
        remittance_id: number | null;
        name: string;
      }[];
      if (rows.length !== new Set(input.voluntaryIds).size)
        throw invalid('所选的大额党费记录有的不存在。', 'voluntaryIds');
      for (const r of rows) {
        if (r.voided_on) throw refuse(`${r.name}的那笔记录已作废。`, 'voluntaryIds');
        if (!r.large)
          throw refuse(`${r.name}的 ${formatYuan(r.amount_fen)} 元不是大额党费，随本单位党费管理。`, 'voluntaryIds');
        if (r.remittance_id)
          throw refuse(`${r.name}的 ${formatYuan(r.amount_fen)} 元大额党费已经上缴过。`, 'voluntaryIds');
      }
      const total = sumFen(rows.map((r) => r.amount_fen));
      if (total !== input.amountFen)
        throw refuse(
          `大额党费应全额上缴：所选 ${rows.length} 笔共 ${formatYuan(total)} 元，这里填的是 ${formatYuan(input.amountFen)} 元。`,
          'amountFen',
        );
      break;
    }
    case 'expenditure': {
      if (!input.purpose) throw invalid('请选择支出用途（党费只能用于规定的用途）。', 'purpose');
      if (!input.description) throw invalid('请填写支出摘要。', 'description');
      if (!input.decisionBody || !input.decisionOn)
        throw invalid('党费的使用须经集体研究决定：请填写研究的会议和日期。', 'decisionBody');
      if (input.decisionOn > input.on)
        throw refuse(`研究日期“${input.decisionOn}”晚于支出日期“${input.on}”：应先集体研究，后支出。`, 'decisionOn');
      if (input.purpose === 'other' && !input.note)
        throw invalid('用途为“其他”时，须在备注中写明依据（文件名称、文号）。', 'note');
      // 大额党费 waiting to go up to 中央 is held, not available to spend.
      const balance = balanceOn(db, input.on) - largeHeldOn(db, input.on);
      if (input.amountFen > balance) {
        throw refuse(
          `支出 ${formatYuan(input.amountFen)} 元超过${input.on}可用的党费结存 ${formatYuan(balance)} 元（不含待上缴的大额党费）。党费使用应量入为出；如有未登记的期初结存或下拨，请先登记。`,
          'amountFen',
        );
      }
      break;
    }
  }
  return db.transaction(() => {
    const id = Number(
      db
        .prepare(
          `INSERT INTO dues_fund (kind, on_date, amount_fen, dues_year, counterpart, document_no, purpose, description, decision_body, decision_on, decision_ref, note, created_at)
           VALUES (@kind, @on, @amountFen, @duesYear, @counterpart, @documentNo, @purpose, @description, @decisionBody, @decisionOn, @decisionRef, @note, @createdAt)`,
        )
        .run({
          kind: input.kind,
          on: input.on,
          amountFen: input.amountFen,
          duesYear: input.duesYear,
          counterpart: input.counterpart,
          documentNo: input.documentNo,
          purpose: input.kind === 'expenditure' ? input.purpose : null,
          description: input.description,
          decisionBody: input.decisionBody,
          decisionOn: input.decisionOn,
          decisionRef: input.decisionRef,
          note: input.note,
          createdAt: new Date().toISOString(),
        }).lastInsertRowid,
    );
    const attach = db.prepare(`UPDATE dues_voluntary SET remittance_id = ? WHERE id = ?`);
    for (const v of input.voluntaryIds) attach.run(id, v);
    return fundEntry(db.prepare(`SELECT * FROM dues_fund WHERE id = ?`).get(id) as FundRow, input.voluntaryIds);
  })();
}

export function voidFund(db: Db, id: number, reason: string, today: IsoDate): void {
  const row = db.prepare(`SELECT voided_on FROM dues_fund WHERE id = ?`).get(id) as
    { voided_on: string | null } | undefined;
  if (!row)
    throw new AppError({
      code: 'NOT_FOUND',
      message: `找不到编号为 ${id} 的收支记录。`,
      detail: 'no fund entry',
      field: 'id',
    });
  if (row.voided_on) throw refuse('该记录已作废。');
  db.transaction(() => {
    db.prepare(`UPDATE dues_voluntary SET remittance_id = NULL WHERE remittance_id = ?`).run(id);
    db.prepare(`UPDATE dues_fund SET voided_on = ?, void_reason = ? WHERE id = ?`).run(today, reason, id);
  })();
}

/* ---------- the running balance ---------- */

interface Movement extends Omit<FundMovement, 'balanceFen'> {
  order: number;
}

const KIND_ORDER: Record<FundMovement['kind'], number> = {
  opening: 0,
  allocation: 1,
  collected: 2,
  voluntary: 3,
  large: 4,
  remittance: 5,
  largeRemittance: 6,
  expenditure: 7,
};

/** Every movement of money, cash basis (by the day it was paid), oldest first. */
function allMovements(
  db: Db,
  until: IsoDate,
): { movements: Movement[]; entries: FundRow[]; links: Map<number, number[]> } {
  const movements: Movement[] = [];
  const collected = db
    .prepare(
      `SELECT substr(paid_on, 1, 7) AS m, max(paid_on) AS last, count(*) AS n, sum(paid_fen) AS fen FROM dues_payment
        WHERE voided_on IS NULL AND paid_on <= ? GROUP BY m ORDER BY m`,
    )
    .all(until) as { m: string; last: IsoDate; n: number; fen: number }[];
  for (const c of collected) {
    movements.push({
      on: c.last,
      summary: `收缴党费（${formatMonth(c.m)}交纳，${c.n}人次）`,
      kind: 'collected',
      incomeFen: fen(c.fen),
      expenseFen: fen(0),
      reference: null,
      entryId: null,
      order: KIND_ORDER.collected,
    });
  }
  const voluntary = db
    .prepare(
      `SELECT substr(paid_on, 1, 7) AS m, max(paid_on) AS last, count(*) AS n, sum(amount_fen) AS fen FROM dues_voluntary
        WHERE voided_on IS NULL AND large = 0 AND paid_on <= ? GROUP BY m ORDER BY m`,
    )
    .all(until) as { m: string; last: IsoDate; n: number; fen: number }[];
  for (const v of voluntary) {
    movements.push({
      on: v.last,
      summary: `自愿多交党费（${formatMonth(v.m)}，${v.n}笔）`,
      kind: 'voluntary',
      incomeFen: fen(v.fen),
      expenseFen: fen(0),
      reference: null,
      entryId: null,
      order: KIND_ORDER.voluntary,
    });
  }
  const large = db
    .prepare(
      `SELECT v.paid_on, v.amount_fen, v.receipt_no, m.name FROM dues_voluntary v JOIN member m ON m.id = v.member_id WHERE v.voided_on IS NULL AND v.large = 1 AND v.paid_on <= ? ORDER BY v.paid_on`,
    )
    .all(until) as { paid_on: IsoDate; amount_fen: number; receipt_no: string | null; name: string }[];
  for (const l of large) {
    movements.push({
      on: l.paid_on,
      summary: `收到${l.name}交纳的大额党费（全额上缴中央）`,
      kind: 'large',
      incomeFen: fen(l.amount_fen),
      expenseFen: fen(0),
      reference: l.receipt_no,
      entryId: null,
      order: KIND_ORDER.large,
    });
  }
  const entries = db
    .prepare(`SELECT * FROM dues_fund WHERE voided_on IS NULL AND on_date <= ? ORDER BY on_date, id`)
    .all(until) as FundRow[];
  const links = new Map<number, number[]>();
  for (const r of db
    .prepare(`SELECT id, remittance_id FROM dues_voluntary WHERE remittance_id IS NOT NULL AND voided_on IS NULL`)
    .all() as { id: number; remittance_id: number }[]) {
    links.set(r.remittance_id, [...(links.get(r.remittance_id) ?? []), r.id]);
  }
  for (const e of entries) {
    const income = e.kind === 'opening' || e.kind === 'allocation';
    const summary =
      e.kind === 'opening'
        ? '期初结存'
        : e.kind === 'allocation'
          ? `收到${e.counterpart ?? '上级'}下拨党费${e.description ? `（${e.description}）` : ''}`
          : e.kind === 'remittance'
            ? `上缴${e.dues_year ?? ''}年度党费至${e.counterpart ?? '上级党组织'}`
            : e.kind === 'largeRemittance'
              ? `上缴大额党费至${e.counterpart ?? '上级党组织'}`
              : `支出：${PURPOSE_SHORT[e.purpose ?? 'other']}——${e.description ?? ''}（${e.decision_body ?? ''}${formatChineseDate(e.decision_on)}研究）`;
    movements.push({
      on: e.on_date,
      summary,
      kind: e.kind,
      incomeFen: fen(income ? e.amount_fen : 0),
      expenseFen: fen(income ? 0 : e.amount_fen),
      reference: e.document_no,
      entryId: e.id,
      order: KIND_ORDER[e.kind],
    });
  }
  movements.sort((a, b) => a.on.localeCompare(b.on) || a.order - b.order);
  return { movements, entries, links };
}

/** Large voluntary dues received by `date` and not yet remitted by then. */
function largeHeldOn(db: Db, date: IsoDate): number {
  const received = db
    .prepare(
      `SELECT ifnull(sum(amount_fen), 0) AS n FROM dues_voluntary WHERE voided_on IS NULL AND large = 1 AND paid_on <= ?`,
    )
    .get(date) as { n: number };
  const remitted = db
    .prepare(
      `SELECT ifnull(sum(amount_fen), 0) AS n FROM dues_fund WHERE voided_on IS NULL AND kind = 'largeRemittance' AND on_date <= ?`,
    )
    .get(date) as { n: number };
  return Math.max(0, received.n - remitted.n);
}

export function balanceOn(db: Db, date: IsoDate): Fen {
  let balance = 0;
  for (const m of allMovements(db, date).movements) balance += m.incomeFen - m.expenseFen;
  return fen(balance);
}

export function fundsView(db: Db, year: number): FundsView {
  const start = `${year}-01-01`;
  const end = `${year}-12-31`;
  const { movements, entries, links } = allMovements(db, end);
  let balance = 0;
  let opening = 0;
  const shown: FundMovement[] = [];
  for (const m of movements) {
    if (m.on < start) {
      balance += m.incomeFen - m.expenseFen;
      opening = balance;
      continue;
    }
    if (shown.length === 0 && opening !== 0) {
      shown.push({
        on: start,
        summary: '上年结转',
        kind: 'opening',
        incomeFen: fen(0),
        expenseFen: fen(0),
        balanceFen: fen(opening),
        reference: null,
        entryId: null,
      });
    }
    balance += m.incomeFen - m.expenseFen;
    const { order: _order, ...rest } = m;
    // An opening balance entered during the year is where the book starts, not income of the year.
    if (m.kind === 'opening') {
      opening += m.incomeFen;
      shown.push({ ...rest, incomeFen: fen(0), balanceFen: fen(balance) });
      continue;
    }
    shown.push({ ...rest, balanceFen: fen(balance) });
  }
  if (shown.length === 0 && opening !== 0)
    shown.push({
      on: start,
      summary: '上年结转',
      kind: 'opening',
      incomeFen: fen(0),
      expenseFen: fen(0),
      balanceFen: fen(opening),
      reference: null,
      entryId: null,
    });
  const inYear = movements.filter((m) => m.on >= start);
  const total = (kind: FundMovement['kind'], side: 'incomeFen' | 'expenseFen') =>
    sumFen(inYear.filter((m) => m.kind === kind).map((m) => m[side]));
  const yearEntries = entries.filter((e) => e.on_date >= start);
  const byPurpose = new Map<ExpenditurePurpose, number>();
  for (const e of yearEntries)
    if (e.kind === 'expenditure' && e.purpose) byPurpose.set(e.purpose, (byPurpose.get(e.purpose) ?? 0) + e.amount_fen);

  const largeAll = db
    .prepare(
      `SELECT ifnull(sum(amount_fen), 0) AS n FROM dues_voluntary WHERE voided_on IS NULL AND large = 1 AND remittance_id IS NULL AND paid_on <= ?`,
    )
    .get(end) as { n: number };
  const settings = getDuesSettings(db);
  const duesOfYear = db
    .prepare(`SELECT ifnull(sum(paid_fen), 0) AS n FROM dues_payment WHERE voided_on IS NULL AND month BETWEEN ? AND ?`)
    .get(`${year}-01`, `${year}-12`) as { n: number };
  const voluntaryOfYear = db
    .prepare(
      `SELECT ifnull(sum(amount_fen), 0) AS n FROM dues_voluntary WHERE voided_on IS NULL AND large = 0 AND paid_on BETWEEN ? AND ?`,
    )
    .get(start, end) as { n: number };
  const remittedForYear = db
    .prepare(
      `SELECT ifnull(sum(amount_fen), 0) AS n FROM dues_fund WHERE voided_on IS NULL AND kind = 'remittance' AND dues_year = ?`,
    )
    .get(year) as { n: number };
  const remittanceBase = duesOfYear.n + voluntaryOfYear.n;
  const share = settings.remittanceShareBp;
  return {
    year,
    movements: shown,
    entries: yearEntries.map((e) => fundEntry(e, links.get(e.id) ?? [])).reverse(),
    summary: {
      openingFen: fen(opening),
      collectedFen: total('collected', 'incomeFen'),
      voluntaryFen: total('voluntary', 'incomeFen'),
      largeReceivedFen: total('large', 'incomeFen'),
      allocationsFen: total('allocation', 'incomeFen'),
      remittedFen: total('remittance', 'expenseFen'),
      largeRemittedFen: total('largeRemittance', 'expenseFen'),
      expendituresFen: total('expenditure', 'expenseFen'),
      byPurpose: [...byPurpose.entries()].map(([purpose, f]) => ({ purpose, fen: fen(f) })),
      closingFen: fen(balance),
      largePendingFen: fen(largeAll.n),
    },
    remittance: {
      shareBp: share,
      baseFen: fen(remittanceBase),
      // The share of 分 is rounded half-up: a remittance is money, not a rate.
      dueFen: share === null ? null : fen(Number((BigInt(remittanceBase) * BigInt(share) * 2n + 10_000n) / 20_000n)),
      remittedFen: fen(remittedForYear.n),
    },
  };
}
