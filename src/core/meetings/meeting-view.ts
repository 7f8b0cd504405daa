import { type IsoDate } from '../../shared/dates';
import {
  attendanceCheck,
  excellentLimit,
  gradeProblems,
  gradeTally,
  repeatWarnings,
  requiredTalkPairs,
  stepDueDates,
  stepStatuses,
  talkCoverage,
  type StepKey,
  type StepStatus,
} from '../../shared/meetings/rules';
import type { MaterialView, MeetingSummary, MeetingView, PersonView } from '../../shared/meetings/views';
import type { Db } from '../db/open';
import { defaultDutiesLookup, type DutiesLookup } from './duties-lookup';
import { appraisals } from './appraisal';
import { materialRow } from './materials';
import { type MeetingRow, meetingRow, people, previousMeeting } from './meeting-rows';
import { getMeetingSettings } from './meeting-settings';
import { opinions, talks } from './opinions-talks';
import { rectifications } from './rectification';
import { studies } from './study';

/** Problems stated in this body's earlier meetings (materials and rectification items). */
function earlierProblems(db: Db, m: MeetingRow, ownerName: string | null): { year: number; text: string }[] {
  const sameBody =
    m.kind === 'branch' ? `mt.kind = 'branch' AND mt.unit_id = @unit` : `mt.kind IN ('democratic', 'special')`;
  const rows = db
    .prepare(
      `SELECT mt.year, mm.problems FROM meeting_material mm JOIN meeting mt ON mt.id = mm.meeting_id
         LEFT JOIN meeting_person p ON p.id = mm.person_id
        WHERE ${sameBody} AND mt.held_on < @held AND (p.name IS @owner)`,
    )
    .all({ unit: m.unit_id, held: m.held_on, owner: ownerName }) as { year: number; problems: string }[];
  return rows.flatMap((r) =>
    (JSON.parse(r.problems) as { text: string }[]).map((p) => ({ year: r.year, text: p.text })),
  );
}

export function meetingView(
  db: Db,
  id: number,
  today: IsoDate,
  lookup: DutiesLookup = defaultDutiesLookup,
): MeetingView {
  const m = meetingRow(db, id);
  const settings = getMeetingSettings(db);
  const list = people(db, id);
  const studyList = studies(db, id, list);
  const ops = opinions(db, id);
  const talkList = talks(db, m, lookup);
  const team =
    m.kind === 'branch'
      ? []
      : list.map((p) => ({ name: p.name, principal: p.role === 'principal', divisionHeads: p.divisionHeads }));
  const pairs =
    m.kind === 'branch'
      ? requiredTalkPairs(
          list.map((p) => ({ name: p.name, principal: false, divisionHeads: [] })),
          { principalWithEach: false, membersWithEach: true, memberWithDivisionHeads: false },
        )
      : requiredTalkPairs(team, settings.pairings);
  const coverage = talkCoverage(pairs, talkList, m.held_on);

  const prev = previousMeeting(db, m);
  const prevItems = prev ? rectifications(db, prev.id, today) : [];
  // Before the meeting, as the 一岗双责 screens see it today; afterwards, as it stood on the
  // meeting day, so the materials and the binder keep showing what the speakers had before them.
  const dutiesAsOf = today < m.held_on ? today : m.held_on;
  const owners: (PersonView | null)[] = m.kind === 'branch' ? list : [null, ...list];
  const materials: MaterialView[] = owners.map((owner) => {
    const row = materialRow(db, id, owner?.id ?? null);
    const earlier = earlierProblems(db, m, owner?.name ?? null);
    const problems = row ? (JSON.parse(row.problems) as { theme: string; text: string }[]) : [];
    return {
      personId: owner?.id ?? null,
      owner: owner ? owner.name : '领导班子',
      problems: problems.map((p) => ({ ...p, repeats: repeatWarnings(p.text, earlier, settings.repeatThreshold) })),
      causes: row?.causes ?? null,
      measures: row?.measures ?? null,
      status: row?.status ?? 'draft',
      reviewedBy: row?.reviewed_by ?? null,
      reviewedOn: row?.reviewed_on ?? null,
      opinions: ops.filter((o) => (owner ? o.concerns.includes(owner.id) : o.concerns.length === 0)),
      lastYearItems: prevItems
        .filter((r) => (owner ? r.responsible === owner.name : true))
        .map((r) => ({ problem: r.problem, closedOn: r.closedOn })),
      unmetDuties: owner ? lookup.unmetItems(db, m.year, owner.name, dutiesAsOf) : [],
    };
  });
  const speeches = (
    db
      .prepare(
        `SELECT s.*, p.name FROM meeting_speech s JOIN meeting_person p ON p.id = s.person_id WHERE s.meeting_id = ? ORDER BY s.sort_order, s.id`,
      )
      .all(id) as {
      person_id: number;
      name: string;
      sort_order: number;
      self_criticism: string | null;
      criticisms: string;
      response: string | null;
    }[]
  ).map((s) => ({
    personId: s.person_id,
    name: s.name,
    order: s.sort_order,
    selfCriticism: s.self_criticism,
    criticisms: (JSON.parse(s.criticisms) as { fromPersonId: number; text: string }[]).map((c) => ({
      ...c,
      fromName: list.find((p) => p.id === c.fromPersonId)?.name ?? '',
    })),
    response: s.response,
  }));
  const rect = rectifications(db, id, today);
  const materialsDone = materials.every((x) => x.status === 'final')
    ? (materials
        .map((x) => x.reviewedOn)
        .sort()
        .at(-1) ?? null)
    : null;
  const done: Partial<Record<StepKey, IsoDate | null>> = {
    plan: m.plan_reported_on,
    study: studyList.at(-1)?.heldOn ?? null,
    opinions: ops.length ? m.opinions_fed_back_on : null,
    talks:
      coverage.missing === 0 && coverage.pairs.length
        ? coverage.pairs
            .map((p) => p.heldOn!)
            .sort()
            .at(-1)!
        : null,
    materials: materialsDone,
    meeting: m.held_done ? m.held_on : null,
    report: m.report_sent_on,
    rectification: rect.some((r) => !r.carriedFrom) ? m.held_on : null,
  };
  const steps = stepStatuses(stepDueDates(m.held_on, settings), done, today);
  const appraisalRows = m.kind === 'branch' ? appraisals(db, id) : null;
  return {
    ...summaryOf(db, m, steps, rect.filter((r) => !r.closedOn).length),
    unitId: m.unit_id,
    place: m.place,
    presider: m.presider,
    recorder: m.recorder,
    superiorAttendees: m.superior_attendees,
    specialTrigger: m.special_trigger,
    specialReason: m.special_reason,
    planText: m.plan_text,
    planReportedOn: m.plan_reported_on,
    reportText: m.report_text,
    reportSentOn: m.report_sent_on,
    upperComments: m.upper_comments,
    opinionsFedBackOn: m.opinions_fed_back_on,
    heldDone: m.held_done === 1,
    steps,
    people: list,
    attendance: attendanceCheck(list.length, list.filter((p) => p.present).length),
    studies: studyList,
    opinions: ops,
    talks: talkList,
    talkPairs: coverage.pairs,
    talksMissing: coverage.missing,
    materials,
    speeches,
    rectification: rect,
    appraisal: appraisalRows
      ? {
          rows: appraisalRows,
          excellentLimit: excellentLimit(appraisalRows.filter((r) => !r.probationary).length),
          problems: gradeProblems(appraisalRows),
          tally: gradeTally(appraisalRows),
        }
      : null,
  };
}

function summaryOf(db: Db, m: MeetingRow, steps: StepStatus[], openItems: number): MeetingSummary {
  const lateSteps = steps.filter((s) => s.state === 'late').length;
  const stepsDone = steps.filter((s) => s.state === 'done' || s.state === 'doneLate').length;
  const unitName =
    m.unit_id === null
      ? null
      : ((db.prepare(`SELECT name FROM org_unit WHERE id = ?`).get(m.unit_id) as { name: string } | undefined)?.name ??
        null);
  return {
    id: m.id,
    kind: m.kind,
    year: m.year,
    theme: m.theme,
    heldOn: m.held_on,
    unitName,
    lateSteps,
    stepsDone,
    stepsTotal: steps.length,
    openItems,
  };
}

export function listMeetingIds(db: Db): number[] {
  return (db.prepare(`SELECT id FROM meeting ORDER BY year DESC, held_on DESC, id DESC`).all() as { id: number }[]).map(
    (r) => r.id,
  );
}

export function listMeetings(db: Db, today: IsoDate, lookup: DutiesLookup = defaultDutiesLookup): MeetingSummary[] {
  return listMeetingIds(db).map((id) => {
    const v = meetingView(db, id, today, lookup);
    return {
      id: v.id,
      kind: v.kind,
      year: v.year,
      theme: v.theme,
      heldOn: v.heldOn,
      unitName: v.unitName,
      lateSteps: v.lateSteps,
      stepsDone: v.stepsDone,
      stepsTotal: v.stepsTotal,
      openItems: v.openItems,
    };
  });
}
