import { addMonthsTo, formatMonth, type Month } from '../../shared/dues/months';
import type { OpeningView } from '../../shared/dues/views';
import { AppError } from '../../shared/errors';
import type { Db } from '../db/open';

/*
 * The opening position (启用月份): an office that starts keeping dues here mid-year says up to
 * which month its paper ledger is settled ("党费已交至×月"). Months up to it are 启用前: not
 * arrears, not reminders, not in the 三清 list. A member who really was behind at takeover gets
 * an earlier month of their own, and the months after it are judged as any others.
 */

export interface Opening {
  /** The organ's 已交至 (the month before 启用月份), or null when not set. */
  organ: Month | null;
  members: Map<number, Month>;
}

export function loadOpening(db: Db, memberIds?: readonly number[]): Opening {
  const rows = db.prepare(`SELECT member_id, paid_to FROM dues_opening`).raw().all() as [number | null, Month][];
  const wanted = memberIds ? new Set(memberIds) : null;
  const opening: Opening = { organ: null, members: new Map() };
  for (const [memberId, paidTo] of rows) {
    if (memberId === null) opening.organ = paidTo;
    else if (!wanted || wanted.has(memberId)) opening.members.set(memberId, paidTo);
  }
  return opening;
}

export function openingView(db: Db): OpeningView {
  const organ = db.prepare(`SELECT paid_to, note FROM dues_opening WHERE member_id IS NULL`).get() as
    { paid_to: Month; note: string | null } | undefined;
  const exceptions = db
    .prepare(
      `SELECT o.member_id, m.name, b.name AS branch_name, o.paid_to, o.note
         FROM dues_opening o JOIN member m ON m.id = o.member_id JOIN org_unit b ON b.id = m.branch_id
        ORDER BY b.sort_order, b.id, m.name_pinyin, m.id`,
    )
    .all() as { member_id: number; name: string; branch_name: string; paid_to: Month; note: string | null }[];
  const first = db.prepare(`SELECT min(year) AS year FROM dues_year`).get() as { year: number | null };
  return {
    from: organ ? addMonthsTo(organ.paid_to, 1) : null,
    note: organ?.note ?? null,
    exceptions: exceptions.map((e) => ({
      memberId: e.member_id,
      name: e.name,
      branchName: e.branch_name,
      paidTo: e.paid_to,
      note: e.note,
    })),
    firstYear: first.year,
  };
}

/** Sets (or, with null, clears) the organ's 启用月份. */
export function setOpening(db: Db, input: { from: Month | null; note: string | null }): OpeningView {
  const exceptions = db
    .prepare(`SELECT count(*) AS n, max(paid_to) AS latest FROM dues_opening WHERE member_id IS NOT NULL`)
    .get() as { n: number; latest: Month | null };
  if (input.from === null) {
    if (exceptions.n) {
      throw new AppError({
        code: 'RULE_VIOLATION',
        message: `还有 ${exceptions.n} 名党员单独登记了启用时已交至的月份，请先删除这些例外，再取消启用月份。`,
        detail: 'exceptions remain',
        field: 'from',
      });
    }
    db.prepare(`DELETE FROM dues_opening WHERE member_id IS NULL`).run();
    return openingView(db);
  }
  const paidTo = addMonthsTo(input.from, -1);
  if (exceptions.latest !== null && exceptions.latest >= paidTo) {
    throw new AppError({
      code: 'RULE_VIOLATION',
      message: `有党员单独登记为党费已交至${formatMonth(exceptions.latest)}，不早于新的启用月份之前一个月（${formatMonth(paidTo)}）；请先修改或删除这些例外。`,
      detail: 'an exception is not earlier than the organ',
      field: 'from',
    });
  }
  const updated = db
    .prepare(`UPDATE dues_opening SET paid_to = ?, note = ? WHERE member_id IS NULL`)
    .run(paidTo, input.note);
  if (!updated.changes)
    db.prepare(`INSERT INTO dues_opening (member_id, paid_to, note, created_at) VALUES (NULL, ?, ?, ?)`).run(
      paidTo,
      input.note,
      new Date().toISOString(),
    );
  return openingView(db);
}

/** A member who was behind at takeover: 党费已交至 an earlier month than the organ's. Null removes it. */
export function setOpeningException(
  db: Db,
  input: { memberId: number; paidTo: Month | null; note: string | null },
): OpeningView {
  const member = db.prepare(`SELECT name FROM member WHERE id = ? AND voided_on IS NULL`).get(input.memberId) as
    { name: string } | undefined;
  if (!member)
    throw new AppError({
      code: 'NOT_FOUND',
      message: `找不到编号为 ${input.memberId} 的党员。`,
      detail: 'no member',
      field: 'memberId',
    });
  if (input.paidTo === null) {
    db.prepare(`DELETE FROM dues_opening WHERE member_id = ?`).run(input.memberId);
    return openingView(db);
  }
  const organ = loadOpening(db).organ;
  if (organ === null) {
    throw new AppError({
      code: 'RULE_VIOLATION',
      message: '请先设置本机关的启用月份，再登记个别党员的例外。',
      detail: 'no organ opening',
      field: 'paidTo',
    });
  }
  if (input.paidTo >= organ) {
    throw new AppError({
      code: 'RULE_VIOLATION',
      message: `启用月份为${formatMonth(addMonthsTo(organ, 1))}，此前的党费按已交清对待；${member.name}已交至${formatMonth(input.paidTo)}不早于${formatMonth(organ)}，不必单独登记。例外只用于启用时确实欠交的党员。`,
      detail: 'exception not earlier than the organ',
      field: 'paidTo',
    });
  }
  const updated = db
    .prepare(`UPDATE dues_opening SET paid_to = ?, note = ? WHERE member_id = ?`)
    .run(input.paidTo, input.note, input.memberId);
  if (!updated.changes)
    db.prepare(`INSERT INTO dues_opening (member_id, paid_to, note, created_at) VALUES (?, ?, ?, ?)`).run(
      input.memberId,
      input.paidTo,
      input.note,
      new Date().toISOString(),
    );
  return openingView(db);
}
