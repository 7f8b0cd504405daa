import { monthOfDate, type IsoDate } from '../../shared/dates';
import { lastEndedMonth, timingWarning } from '../../shared/dues/arrears';
import { formatYuan, sumFen } from '../../shared/dues/money';
import { formatMonth, yearOfMonth, type Month } from '../../shared/dues/months';
import type { CollectionRow, CollectionView, RecordPaymentsResult } from '../../shared/dues/views';
import { AppError } from '../../shared/errors';
import type { Db } from '../db/open';
import { arrearsJudge, memberArrears } from './arrears';
import { DuesBook, paymentView } from './book';
import { getDuesSettings } from './settings';

/*
 * 收缴登记: per branch and month, who paid what, when, against which receipt, whether someone
 * paid on the member's behalf (代交), and whether it was a 补交 or 预交. A whole branch is marked
 * at once and then the exceptions; every entry of a batch is saved, or none.
 */

export function collectionView(db: Db, month: Month, branchId: number | null, today: IsoDate): CollectionView {
  const year = yearOfMonth(month);
  // Every payment up to the month shown or the last ended month: the arrears tag judges all runs.
  const asOf = lastEndedMonth(today);
  const book = DuesBook.load(db, { payments: { from: '0000-01', to: month > asOf ? month : asOf } });
  const yearRow = book.years.get(year);
  const judge = arrearsJudge(db, today, book);
  const rows: CollectionRow[] = [];
  for (const member of book.members.values()) {
    if (branchId !== null && member.branchId !== branchId) continue;
    const owed = book.owed(member.id, month);
    const payment = book.payment(member.id, month);
    if (owed.kind === 'notOwed' && !payment) continue;
    rows.push({
      memberId: member.id,
      name: member.name,
      branchId: member.branchId,
      branchName: member.branchName,
      dueFen: owed.kind === 'due' ? owed.fen : null,
      standard: owed.kind === 'due' ? owed.version.standard : null,
      payment: payment ? paymentView(payment) : null,
      arrearsMonths: memberArrears(judge, member)?.streak.months ?? 0,
    });
  }
  const owing = rows.filter((r) => r.dueFen === null || r.dueFen > 0);
  return {
    month,
    branchId,
    assessed: yearRow !== undefined,
    locked: Boolean(yearRow?.locked_on),
    rows,
    totals: {
      members: rows.length,
      dueFen: sumFen(rows.map((r) => r.dueFen ?? 0)),
      paid: rows.filter((r) => r.payment).length,
      paidFen: sumFen(rows.map((r) => r.payment?.paidFen ?? 0)),
      unpaid: owing.filter((r) => !r.payment).length,
      exempt: rows.filter((r) => r.dueFen === 0).length,
    },
  };
}

export interface PaymentEntryInput {
  memberId: number;
  month: Month;
  paidFen: number;
  receiptNo: string | null;
  paidBy: string | null;
  reason: string | null;
  note: string | null;
}

const SHOW = 8;

function listed(items: string[]): string {
  return items.slice(0, SHOW).join('；') + (items.length > SHOW ? `；等共 ${items.length} 条` : '');
}

/** Records a batch of payments made on one day: every entry is checked first, then all are written, or none. */
export function recordPayments(
  db: Db,
  input: { paidOn: IsoDate; entries: PaymentEntryInput[]; acknowledge: boolean },
  today: IsoDate,
): RecordPaymentsResult {
  if (input.paidOn > today)
    throw new AppError({
      code: 'INVALID_INPUT',
      message: `交纳日期“${input.paidOn}”晚于今天。`,
      detail: 'paid in the future',
      field: 'paidOn',
    });
  const settings = getDuesSettings(db);
  const months = input.entries.map((e) => e.month).sort();
  const ids = [...new Set(input.entries.map((e) => e.memberId))];
  const book = DuesBook.load(db, {
    years: { from: yearOfMonth(months[0]!), to: yearOfMonth(months.at(-1)!) },
    payments: { from: months[0]!, to: months.at(-1)! },
    ...(ids.length <= 500 ? { memberIds: ids } : {}),
  });
  const problems: string[] = [];
  const warnings: string[] = [];
  const seen = new Set<string>();
  for (const e of input.entries) {
    const member = book.members.get(e.memberId);
    const who = member ? `${member.name}${formatMonth(e.month)}` : `编号 ${e.memberId} 的党员`;
    if (!member) {
      problems.push(`找不到${who}`);
      continue;
    }
    const key = `${e.memberId}/${e.month}`;
    if (seen.has(key)) {
      problems.push(`${who}的党费在这批记录中出现了两次`);
      continue;
    }
    seen.add(key);
    const owed = book.owed(e.memberId, e.month);
    const existing = book.payment(e.memberId, e.month);
    if (existing) {
      problems.push(
        `${who}的党费已于${existing.paid_on}登记（实交 ${formatYuan(existing.paid_fen)} 元），不能重复登记；如登记有误，请先作废原记录`,
      );
      continue;
    }
    if (owed.kind === 'notOwed') {
      problems.push(`${who}不在本单位交纳党费（尚未入党、未转入、已转出或停止党籍），不能登记`);
      continue;
    }
    if (owed.kind === 'notAssessed') {
      problems.push(`${who}：${yearOfMonth(e.month)}年度尚未核定此人党费，请先在“年度核定”中生成核定表`);
      continue;
    }
    if (owed.kind === 'incomplete') {
      problems.push(`${who}：党费核定不完整（${owed.version.problem}），请先补全核定`);
      continue;
    }
    if (owed.fen === 0) {
      problems.push(`${who}经批准免交党费，不必登记`);
      continue;
    }
    if (e.paidFen === 0) {
      problems.push(`${who}实交金额为 0；未交纳的月份不必登记`);
      continue;
    }
    if (e.paidFen !== owed.fen && !e.reason) {
      problems.push(`${who}应交 ${formatYuan(owed.fen)} 元，实交 ${formatYuan(e.paidFen)} 元，金额不同须写明原因`);
      continue;
    }
    // 入党日期 may be kept to the month ('2025-07'): its month is owed, the one before is not.
    if (e.month < monthOfDate(member.admittedOn)) {
      problems.push(`${who}早于入党时间，不能登记`);
      continue;
    }
    const warning = timingWarning(e.month, input.paidOn, {
      backPaymentMonths: settings.backPaymentMonths,
      prepaymentMonths: settings.prepaymentMonths,
    });
    if (warning) warnings.push(`${member.name}：${warning}`);
  }
  if (problems.length) {
    throw new AppError({
      code: 'INVALID_INPUT',
      message: `有 ${problems.length} 条缴费不能登记，这批记录都没有保存：${listed(problems)}。`,
      detail: problems.join('\n'),
      field: 'entries',
    });
  }
  if (warnings.length && !input.acknowledge) {
    throw new AppError({
      code: 'RULE_VIOLATION',
      message: `请核实后再保存：${listed(warnings)}。确认无误请勾选“已核实”。`,
      detail: warnings.join('\n'),
      field: 'acknowledge',
    });
  }
  const insert = db.prepare(
    `INSERT INTO dues_payment (member_id, month, due_fen, paid_fen, paid_on, receipt_no, paid_by, reason, note, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const now = new Date().toISOString();
  db.transaction(() => {
    for (const e of input.entries) {
      const owed = book.owed(e.memberId, e.month);
      const due = owed.kind === 'due' ? owed.fen : 0;
      insert.run(
        e.memberId,
        e.month,
        due,
        e.paidFen,
        input.paidOn,
        e.receiptNo,
        e.paidBy,
        e.paidFen === due ? null : e.reason,
        e.note,
        now,
      );
    }
  })();
  return { recorded: input.entries.length, paidFen: sumFen(input.entries.map((e) => e.paidFen)), warnings };
}

export function voidPayment(db: Db, id: number, reason: string, today: IsoDate): void {
  const row = db
    .prepare(
      `SELECT p.voided_on, m.name, p.month FROM dues_payment p JOIN member m ON m.id = p.member_id WHERE p.id = ?`,
    )
    .get(id) as { voided_on: string | null; name: string; month: Month } | undefined;
  if (!row)
    throw new AppError({
      code: 'NOT_FOUND',
      message: `找不到编号为 ${id} 的缴费记录。`,
      detail: 'no payment',
      field: 'id',
    });
  if (row.voided_on)
    throw new AppError({
      code: 'RULE_VIOLATION',
      message: `${row.name}${formatMonth(row.month)}的缴费记录已于${row.voided_on}作废。`,
      detail: 'already void',
    });
  db.prepare(`UPDATE dues_payment SET voided_on = ?, void_reason = ? WHERE id = ?`).run(today, reason, id);
}
