import { z } from 'zod';
import { requiredText, wholeNumber } from '../validation';
import { DEFAULT_EVIDENCE_MAX_MB, EVIDENCE_MAX_MB_LIMIT } from './evidence';

/*
 * What reference §4 leaves to the organ or marks UNCONFIRMED, kept as the organ's 一岗双责
 * settings: how early to warn, how large an evidence file may be, and the words of the letter.
 */
export interface DutySettings {
  /** Days before a quarter, half-year or deadline ends that unmet items are reminded (months: at most 7). */
  warningDays: number;
  /** The same for items counted per year ("每年至少1次"). */
  yearWarningDays: number;
  /** Largest evidence file, in MB. */
  evidenceMaxMb: number;
  /** 领导班子的名称, e.g. "中共某某局党组"; null: made from the organ's name. */
  teamName: string | null;
  /** The letter's title after the year: "2026年度" + this. */
  letterTitle: string;
  /** Who signs a member's letter for the team (责任领导). */
  issuerTitle: string;
  /** Who signs the 书记's letter (the superior). */
  superiorIssuerTitle: string;
}

export const DEFAULT_DUTY_SETTINGS: DutySettings = {
  warningDays: 15,
  yearWarningDays: 30,
  evidenceMaxMb: DEFAULT_EVIDENCE_MAX_MB,
  teamName: null,
  letterTitle: '全面从严治党“一岗双责”责任书',
  issuerTitle: '党组书记',
  superiorIssuerTitle: '上级党组织负责人',
};

export const dutySettingsInput = z.strictObject({
  warningDays: wholeNumber('季度到期提前提醒天数', 1, 60).optional(),
  yearWarningDays: wholeNumber('年度事项提前提醒天数', 1, 120).optional(),
  evidenceMaxMb: wholeNumber('佐证材料单个文件大小上限（MB）', 1, EVIDENCE_MAX_MB_LIMIT).optional(),
  // Sent as null or '' to go back to the name made from the organ's; left out to keep it.
  teamName: z
    .string({ error: '领导班子名称应为文字' })
    .trim()
    .max(60, { error: '领导班子名称不能超过60个字' })
    .nullable()
    .optional()
    .transform((v) => (v === undefined ? undefined : v || null)),
  letterTitle: requiredText('责任书标题', 40).optional(),
  issuerTitle: requiredText('责任领导称谓', 8).optional(),
  superiorIssuerTitle: requiredText('书记责任书的责任领导称谓', 8).optional(),
});
export type DutySettingsInput = z.output<typeof dutySettingsInput>;

export function teamNameOf(settings: DutySettings, organName: string): string {
  return settings.teamName ?? `中共${organName}党组`;
}
