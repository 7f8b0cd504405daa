import type { IsoDate } from '../../shared/dates';

/*
 * What a document is, before it is HTML or Word: a small typed model. Templates build it from
 * data; html.ts and docx.ts render the same model, so the preview, the PDF and the .docx
 * cannot drift apart.
 */

/** "一、" → "（一）" → "1." → "（1）" (GB/T 9704 §7.3.3). */
export type HeadingLevel = 1 | 2 | 3 | 4;

export type Block =
  /**
   * A heading, numbered automatically in its level. With `body`, the text runs on after the
   * heading in the same paragraph ("（一）加强理论学习。正文……"), as levels 2–4 usually do.
   */
  | { type: 'heading'; level: HeadingLevel; text: string; body?: string }
  /** A body paragraph: indented two characters, continuation lines flush left. */
  | { type: 'paragraph'; text: string }
  /** 主送机关, flush left with a full-width colon: "各党支部：". */
  | { type: 'addressee'; text: string }
  /** 附件说明: one line below the body, "附件：1.名称", names without end punctuation. */
  | { type: 'attachments'; items: string[] }
  /**
   * 署名和成文日期. Unsealed (the default, §7.3.5.2): the organ two characters in from the
   * right, the date below it starting two characters further right. Sealed: the date four
   * characters in from the right, the organ centred over it.
   */
  | { type: 'signature'; organ: string; date: IsoDate; sealed?: boolean }
  /** A date on its own line, four characters in from the right. */
  | { type: 'date'; date: IsoDate }
  /**
   * Signature lines for several parties side by side (a letter signed by both sides): the
   * text block is split into equal columns, one per party, and each party's lines stack in
   * its column ("责任领导（签字）：", a blank line, "年 月 日" with full-width spaces). Kept together, with the end of
   * the body, like 署名.
   */
  | { type: 'signatories'; parties: string[][] }
  /** One empty grid line. */
  | { type: 'blank' };

export interface NarrativeDocument {
  kind: 'narrative';
  /** 2号小标宋, centred. A '\n' marks where a long title should break (梯形/菱形). */
  title: string;
  /** An optional centred line under the title in 楷体, e.g. "（2026年8月1日）" or a speaker. */
  subtitle?: string;
  blocks: Block[];
  /** Written into the PDF and .docx properties. */
  author?: string;
}

export type CellAlign = 'left' | 'center' | 'right';

export interface TableColumn {
  header: string;
  /** Adjacent columns with the same group share a header cell above theirs. */
  group?: string;
  /**
   * Relative width of a free-text column among the others (the engine sizes the rest from
   * their content); columns without one count as the average.
   */
  width?: number;
  align?: CellAlign;
  /**
   * 'content': as wide as its longest entry, which never wraps (names, branches, 类别, dates,
   * amounts); 'fill': free text that takes the width left and wraps between words (备注, 内容).
   * Left out: centred and right-aligned columns, and left-aligned ones whose entries are all
   * short (8 characters or fewer), are 'content'; the others 'fill'.
   */
  fit?: 'content' | 'fill';
}

export interface TableDocument {
  kind: 'table';
  title: string;
  orientation: 'portrait' | 'landscape';
  /** The line above the table: "填报单位：……" on the left, "截至2026年8月1日" on the right. */
  captionLeft?: string;
  captionRight?: string;
  columns: TableColumn[];
  /** One string per cell; a "\n" in it starts a new line within the cell. */
  rows: string[][];
  /** A totals row at the very end (never repeated), one cell per column. */
  totals?: string[];
  /** 说明 lines under the table. */
  notes?: string[];
  /** Signature line labels; default 经办人、负责人、日期. `false` for none. */
  signatures?: string[] | false;
  /** 落款 under the table, for what is posted or sent (a 公示): the organ, and the date below it. */
  closing?: { organ: string; date: IsoDate };
  /** 小四 (12 pt, default) or 五号 (10.5 pt) for wide tables. */
  fontSize?: 'normal' | 'small';
  author?: string;
}

export interface BinderCover {
  /** The binder's name, e.g. "2026年度民主生活会材料"; '\n' marks a chosen line break. */
  title: string;
  subtitle?: string;
  organ: string;
  date: IsoDate;
  /** 密级, e.g. "内部资料" or "秘密★1年"; printed top left when given. */
  secrecy?: string;
  /** 份号, printed top left above the 密级 when given (six digits, as GB/T 9704 §7.2.1). */
  copyNumber?: string;
}

export interface BinderPart {
  /** The line in the table of contents; defaults to the part's own title. */
  title?: string;
  document: NarrativeDocument | TableDocument;
}

export interface BinderDocument {
  kind: 'binder';
  cover: BinderCover;
  parts: BinderPart[];
  /** Start every part (and the first page after the contents) on an odd page, for double-sided printing. */
  oddPageStarts: boolean;
  author?: string;
}

export type DocumentModel = NarrativeDocument | TableDocument | BinderDocument;
export type DocumentKind = DocumentModel['kind'];

export function partTitle(part: BinderPart): string {
  return (part.title ?? part.document.title).replace(/\s*\n\s*/g, '');
}
