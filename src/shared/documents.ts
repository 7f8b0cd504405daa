import { z } from 'zod';
import { isMonth } from './dues/months';
import type { FileOutput } from './files';
import type { MeetingKind } from './meetings/rules';
import { choice, recordId, wholeNumber } from './validation';

/* The documents.* part of the contract: what the preview screen and the CLI see of the engine. */

/** narrative: 公文 (plans, reports, letters); table: rosters and ledgers; binder: bound materials. */
export type DocumentKind = 'narrative' | 'table' | 'binder';
export type ExportFormat = 'pdf' | 'docx';

export const DOCUMENT_KIND_LABEL: Record<DocumentKind, string> = { narrative: '公文', table: '表格', binder: '汇编' };
export const EXPORT_FORMAT_LABEL: Record<ExportFormat, string> = { pdf: 'PDF', docx: 'Word' };

/*
 * What a document takes: each document declares its parameters once, and that declaration is
 * the validation (documentParamsSchema), the CLI's check and the preview screen's pickers.
 * The kinds are what the office chooses from, each filled from the data:
 *   meeting        a 生活会 (meetings.list); the picker starts at the most recent one
 *   meetingPerson  whose 对照检查材料 in the chosen meeting (the meeting's materials; 班子 is "not given")
 *   leader         a 班子成员 of the chosen year (duties.team); the first (the secretary) or everyone
 *   branch         a 党支部 (org.units); "not given" is the whole organ
 *   year, month    this year, this month unless chosen
 *   flag           a yes/no switch, e.g. 双面打印
 */
export type DocumentParamKind = 'meeting' | 'meetingPerson' | 'leader' | 'branch' | 'year' | 'month' | 'flag';

interface ParamBase<N extends string> {
  /** The key in `params` (and the CLI's `--name`). */
  name: N;
  /** Chinese: the picker's label. */
  label: string;
}

export type DocumentParam<N extends string = string> =
  | (ParamBase<N> & {
      kind: 'meeting';
      required: true;
      default: 'latest';
      /** Only these kinds of meeting, e.g. 民主评议 is for 组织生活会. */ meetingKinds?: readonly MeetingKind[];
    })
  | (ParamBase<N> & { kind: 'meetingPerson'; required: false; default: 'first' })
  | (ParamBase<N> & {
      kind: 'leader';
      required: false;
      default: 'first' | 'all';
      /** The choice meaning everyone (default 'all'). */ allLabel?: string;
    })
  | (ParamBase<N> & { kind: 'branch'; required: false; default: 'all'; allLabel: string })
  | (ParamBase<N> & { kind: 'year'; required: false; default: 'current' })
  | (ParamBase<N> & { kind: 'month'; required: false; default: 'current' })
  | (ParamBase<N> & {
      kind: 'flag';
      required: false;
      default: boolean;
      /**
       * The command line's switch, which sets the opposite of the default, and how `print list`
       * shows the default; without it, --single-sided (双面打印 off).
       */
      cli?: { option: string; usage: string };
    });

type ValueOf<K extends DocumentParamKind> = K extends 'month' ? string : K extends 'flag' ? boolean : number;

/** The params object a list of declarations accepts: required ones present, the rest optional. */
export type ParamsOf<S extends readonly DocumentParam[]> = {
  [P in S[number] as P extends { required: true } ? P['name'] : never]: ValueOf<P['kind']>;
} & {
  [P in S[number] as P extends { required: true } ? never : P['name']]?: ValueOf<P['kind']>;
};

function validator(param: DocumentParam): z.ZodType<string | number | boolean> {
  switch (param.kind) {
    case 'meeting':
    case 'meetingPerson':
    case 'leader':
    case 'branch':
      return recordId(param.label);
    case 'year':
      return wholeNumber(param.label, 2000, 2999);
    case 'month':
      return z
        .string({ error: `${param.label}应为月份` })
        .refine(isMonth, { error: `${param.label}不是有效月份，应写作“2026-03”的形式` });
    case 'flag':
      return z.boolean({ error: `“${param.label}”应为是或否` });
  }
}

/** The one validation of a document's params, built from its declarations. */
export function documentParamsSchema<const S extends readonly DocumentParam[]>(params: S): z.ZodType<ParamsOf<S>> {
  const shape: Record<string, z.ZodType> = {};
  for (const param of params) {
    const check = validator(param);
    shape[param.name] = param.required
      ? z.union([z.undefined(), check]).refine((v) => v !== undefined, { error: `请选择${param.label}` })
      : check.optional();
  }
  return z.strictObject(shape) as unknown as z.ZodType<ParamsOf<S>>;
}

export interface DocumentInfo {
  id: string;
  title: string;
  kind: DocumentKind;
  description: string;
  formats: ExportFormat[];
  /** What it takes, in order: the screen shows a picker for each. */
  params: readonly DocumentParam[];
}

export interface FontUse {
  /** e.g. "正文（3号仿宋体）". */
  role: string;
  wanted: string;
  /** null when no candidate is installed and the system default is used. */
  used: string | null;
  status: 'exact' | 'equivalent' | 'substitute' | 'missing';
}

export interface DocumentMeta {
  id: string;
  title: string;
  /** What a saved file is called, without the extension. */
  fileName: string;
  kind: DocumentKind;
  pageCount: number;
  formats: ExportFormat[];
  fonts: FontUse[];
  /** One sentence per font standing in for another: "正文（3号仿宋体）：本机没有“仿宋_GB2312”，以“Noto Serif CJK SC”代替". */
  substitutions: string[];
  /** Binders: where each part starts (page numbers as printed). */
  parts?: { title: string; page: number }[];
  /** What is not finished yet, named ("张三对照检查材料（草稿）"): asked about before printing. */
  unfinished?: string[];
}

export interface DocumentPreview {
  meta: DocumentMeta;
  /** The self-contained page that was printed: the print button prints it again. */
  html: string;
  /** The PDF, base64: the preview shows exactly these pages. */
  pdf: string;
}

/** A file for the user to save (the same shape as every other download), with its page count for PDFs. */
export interface ExportedFile extends FileOutput {
  pageCount?: number;
}

export const MIME_TYPE: Record<ExportFormat, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

const documentId = z
  .string({ error: '文档编号应为文字' })
  .trim()
  .regex(/^[a-z0-9][a-z0-9-]{0,63}$/, { error: '文档编号无效' });

/** Document parameters (a month, a member, a meeting): each document validates its own. */
const documentParams = z
  .record(z.string().max(40), z.union([z.string().max(200), z.number(), z.boolean()]), {
    error: '文档参数应为名称和值',
  })
  .refine((params) => Object.keys(params).length <= 20, { error: '文档参数过多' });

export const documentPreviewInput = z.strictObject({
  id: documentId,
  params: documentParams.optional().transform((p) => p ?? {}),
});

export const documentExportInput = z.strictObject({
  id: documentId,
  params: documentParams.optional().transform((p) => p ?? {}),
  format: choice('文件格式', ['pdf', 'docx'], EXPORT_FORMAT_LABEL),
});

/* ---------- What the pickers start at ---------- */

export type DocumentParamValue = string | number | boolean;

/** What a document's pickers choose from, as the screen has loaded it. */
export interface DocumentParamData {
  today: string;
  /** meetings.list. */
  meetings?: readonly { id: number; kind: MeetingKind; heldOn: string }[];
  /** The chosen meeting's 对照检查材料 (personId null: the team's). */
  materials?: readonly { personId: number | null }[];
  /** The chosen year's team (duties.team), in its order: the secretary first. */
  leaders?: readonly { id: number }[];
}

/** The meetings a meeting picker offers: the kinds it takes, the most recent first. */
export function meetingChoices<M extends { id: number; kind: MeetingKind; heldOn: string }>(
  param: DocumentParam,
  meetings: readonly M[],
): M[] {
  const kinds = param.kind === 'meeting' ? param.meetingKinds : undefined;
  return meetings
    .filter((m) => !kinds || kinds.includes(m.kind))
    .sort((a, b) => b.heldOn.localeCompare(a.heldOn) || b.id - a.id);
}

/**
 * Where a picker starts: a value; undefined when its default is "not given" (the whole organ,
 * the whole team, the team's material); null when there is nothing to choose (no meeting yet,
 * no 班子成员 that year), and the document cannot be made.
 */
export function defaultParam(param: DocumentParam, data: DocumentParamData): DocumentParamValue | undefined | null {
  switch (param.kind) {
    case 'meeting':
      return meetingChoices(param, data.meetings ?? [])[0]?.id ?? null;
    case 'meetingPerson': {
      const first = data.materials?.[0];
      return first === undefined ? null : (first.personId ?? undefined);
    }
    case 'leader':
      return param.default === 'all' ? undefined : (data.leaders?.[0]?.id ?? null);
    case 'branch':
      return undefined;
    case 'year':
      return Number(data.today.slice(0, 4));
    case 'month':
      return data.today.slice(0, 7);
    case 'flag':
      return param.default;
  }
}
