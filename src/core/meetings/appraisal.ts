import { AppError } from '../../shared/errors';
import { gradeProblems, type Grade } from '../../shared/meetings/rules';
import type { appraisalInput } from '../../shared/meetings/views';
import type { Db } from '../db/open';
import { type In, bad, meetingRow, people, personOf } from './meeting-rows';

export function saveAppraisal(db: Db, input: In<typeof appraisalInput>): void {
  const m = meetingRow(db, input.meetingId);
  if (m.kind !== 'branch') throw bad('民主评议党员只在组织生活会中进行', 'meetingId');
  const p = personOf(db, input.meetingId, input.personId);
  if (p.role === 'probationary' && input.grade) throw bad(`${p.name}是预备党员，参加评议但不评定等次`, 'grade');
  const current = appraisals(db, m.id).map((a) => (a.personId === p.id ? { ...a, grade: input.grade } : a));
  const problems = gradeProblems(current);
  if (problems.length)
    throw new AppError({ code: 'RULE_VIOLATION', message: problems[0]!, detail: 'grades', field: 'grade' });
  db.prepare(
    `INSERT INTO meeting_appraisal (meeting_id, person_id, self_appraisal, peer_appraisal, grade) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (person_id) DO UPDATE SET self_appraisal = excluded.self_appraisal, peer_appraisal = excluded.peer_appraisal, grade = excluded.grade`,
  ).run(m.id, p.id, input.selfAppraisal, input.peerAppraisal, input.grade);
}

export function appraisals(db: Db, meetingId: number) {
  const rows = new Map(
    (
      db.prepare(`SELECT * FROM meeting_appraisal WHERE meeting_id = ?`).all(meetingId) as {
        person_id: number;
        self_appraisal: string | null;
        peer_appraisal: string | null;
        grade: Grade | null;
      }[]
    ).map((r) => [r.person_id, r]),
  );
  return people(db, meetingId).map((p) => ({
    personId: p.id,
    name: p.name,
    probationary: p.role === 'probationary',
    selfAppraisal: rows.get(p.id)?.self_appraisal ?? null,
    peerAppraisal: rows.get(p.id)?.peer_appraisal ?? null,
    grade: rows.get(p.id)?.grade ?? null,
  }));
}
