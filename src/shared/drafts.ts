import { z } from 'zod';

/*
 * Drafts of long texts: what the clerk typed in a 方案, 情况报告, 对照检查材料 or 述责述廉 box,
 * kept in the data file as it is typed until it is saved or discarded (issue 16: text is never
 * lost on switching tab or page). One key per text box.
 */

export interface DraftView {
  key: string;
  text: string;
  /** The saved text the draft started from; when the saved text is no longer this, it changed meanwhile. */
  base: string | null;
  updatedAt: string;
}

/** Where each long text lives, as a draft key. */
export const draftKey = {
  meetingPlan: (meetingId: number) => `meeting:${meetingId}:plan`,
  meetingReport: (meetingId: number) => `meeting:${meetingId}:report`,
  material: (meetingId: number, personId: number | null, field: 'problems' | 'causes' | 'measures') =>
    `meeting:${meetingId}:material:${personId ?? 'team'}:${field}`,
  dutiesReport: (leaderId: number) => `duties:${leaderId}:report`,
};

const key = z
  .string({ error: '草稿位置应为文字' })
  .regex(/^[a-z]+(:[a-z0-9]+)+$/, { error: '草稿位置不正确' })
  .max(200, { error: '草稿位置不正确' });

export const draftKeyInput = z.strictObject({ key });
export const draftInput = z.strictObject({
  key,
  text: z.string({ error: '草稿内容应为文字' }).max(50_000, { error: '草稿不能超过50000个字' }),
  base: z.string({ error: '草稿所依据的正文应为文字' }).max(50_000).nullable(),
});
