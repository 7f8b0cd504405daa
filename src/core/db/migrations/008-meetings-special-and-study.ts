import type { Migration } from './migration';

/** Version 7 → 8. Shipped: never edit; add a new migration instead. */
export default {
  description: 'meetings: why a 专题民主生活会 was called; who attended each study session, with absentees and reasons',
  sql: `
      -- Reference §2 names the occasions that oblige a 专题民主生活会; the plan and report say which.
      ALTER TABLE meeting ADD COLUMN special_trigger TEXT
        CHECK (special_trigger IS NULL OR special_trigger IN ('majorProblem', 'decisionError', 'inspectionFindings', 'cases', 'other'));
      ALTER TABLE meeting ADD COLUMN special_reason TEXT;

      -- One row per person of the meeting for each study session; sessions entered before this
      -- keep their free-text attendance (meeting_study.attendance) and have no rows here.
      CREATE TABLE meeting_study_person (
        id INTEGER PRIMARY KEY,
        study_id INTEGER NOT NULL REFERENCES meeting_study(id),
        person_id INTEGER NOT NULL REFERENCES meeting_person(id),
        present INTEGER NOT NULL CHECK (present IN (0, 1)),
        absence_reason TEXT,
        UNIQUE (study_id, person_id),
        CHECK (present = 0 OR absence_reason IS NULL)
      );
    `,
} satisfies Migration;
