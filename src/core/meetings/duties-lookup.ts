import type { IsoDate } from '../../shared/dates';
import type { Db } from '../db/open';
import { dutiesLookup } from '../duties/lookup';

/*
 * What the meetings module needs from 一岗双责: the talks recorded there, which count towards
 * the 谈心谈话 matrix, and a person's unmet duty items, offered beside their 对照检查材料.
 * Both come from the duties module itself (src/core/duties/lookup.ts), so a talk voided there
 * stops counting here, and an item is unmet here exactly when the 一岗双责 screens say so (each
 * quarter judged on its own, not "has any record"). An interface, so tests can stand in for it.
 */

export interface DutiesTalk {
  a: string;
  others: string[];
  heldOn: IsoDate;
  summary: string | null;
}

export interface DutiesLookup {
  /** Talks (谈心谈话, 廉政约谈 / 提醒谈话; not voided) held between from and to, inclusive. */
  talks(db: Db, from: IsoDate, to: IsoDate): DutiesTalk[];
  /** "content：where it stands" for each of the person's items of the year not met on asOf; empty when not in that year's team. */
  unmetItems(db: Db, year: number, name: string, asOf: IsoDate): string[];
}

export const defaultDutiesLookup: DutiesLookup = dutiesLookup;
