import type { Organ } from '../../shared/contract';
import type { IsoDate } from '../../shared/dates';
import { AppError } from '../../shared/errors';
import type { CommitteeKind } from '../../shared/org';
import type { Db } from '../db/open';
import { insertUnit } from './org-units';

interface OrganRow {
  name: string;
  committee_kind: CommitteeKind;
  committee_name: string;
  superior_name: string;
  created_at: string;
}

export interface OrganSetup {
  organName: string;
  committeeKind: CommitteeKind;
  committeeName: string;
  superiorName: string;
  foundedOn: IsoDate | null;
  termStartedOn: IsoDate | null;
  branches: string[];
}

export function getOrgan(db: Db): Organ {
  const row = db.prepare(`SELECT * FROM organ WHERE id = 1`).get() as OrganRow | undefined;
  if (!row) {
    throw new AppError({
      code: 'NOT_SET_UP',
      message: '数据文件中没有机关信息，请先完成首次设置。',
      detail: 'organ row missing',
    });
  }
  return {
    name: row.name,
    committeeKind: row.committee_kind,
    committeeName: row.committee_name,
    superiorName: row.superior_name,
    createdAt: row.created_at,
  };
}

/** Checks what can be checked before a database file is created for the organ. */
export function checkSetup(setup: OrganSetup): void {
  if (setup.committeeKind === 'branch' && setup.branches.length > 0) {
    throw new AppError({
      code: 'RULE_VIOLATION',
      message: '机关党组织是党支部时，其下不再设党支部；党小组可在“组织设置”中添加。',
      detail: 'branches under a branch',
      field: 'branches',
    });
  }
  const seen = new Set<string>();
  for (const [i, name] of setup.branches.entries()) {
    if (seen.has(name)) {
      throw new AppError({
        code: 'INVALID_INPUT',
        message: `首批党支部第 ${i + 1} 个“${name}”与前面的重名，请修改。`,
        detail: 'duplicate branch name',
        field: `branches.${i}`,
      });
    }
    seen.add(name);
  }
}

/** Writes the organ, its top organisation and the first branches in one transaction. */
export function setUpOrgan(db: Db, setup: OrganSetup, today: IsoDate): Organ {
  checkSetup(setup);
  db.transaction(() => {
    db.prepare(
      `INSERT INTO organ (id, name, committee_kind, committee_name, superior_name, created_at) VALUES (1, ?, ?, ?, ?, ?)`,
    ).run(setup.organName, setup.committeeKind, setup.committeeName, setup.superiorName, new Date().toISOString());
    const rootId = insertUnit(
      db,
      setup.committeeKind,
      null,
      {
        name: setup.committeeName,
        foundedOn: setup.foundedOn,
        termStartedOn: setup.termStartedOn,
        termYears: null,
        note: null,
      },
      today,
    );
    for (const name of setup.branches) {
      insertUnit(
        db,
        'branch',
        rootId,
        { name, foundedOn: null, termStartedOn: null, termYears: null, note: null },
        today,
      );
    }
  })();
  return getOrgan(db);
}

export function updateOrgan(db: Db, organName: string, committeeName: string, superiorName: string): Organ {
  db.transaction(() => {
    db.prepare(`UPDATE organ SET name = ?, committee_name = ?, superior_name = ? WHERE id = 1`).run(
      organName,
      committeeName,
      superiorName,
    );
    db.prepare(`UPDATE org_unit SET name = ? WHERE parent_id IS NULL`).run(committeeName);
  })();
  return getOrgan(db);
}
