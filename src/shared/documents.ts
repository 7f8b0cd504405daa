import { z } from 'zod';
import type { FileOutput } from './files';
import { choice } from './validation';

/* The documents.* part of the contract: what the preview screen and the CLI see of the engine. */

/** narrative: 公文 (plans, reports, letters); table: rosters and ledgers; binder: bound materials. */
export type DocumentKind = 'narrative' | 'table' | 'binder';
export type ExportFormat = 'pdf' | 'docx';

export const DOCUMENT_KIND_LABEL: Record<DocumentKind, string> = { narrative: '公文', table: '表格', binder: '汇编' };
export const EXPORT_FORMAT_LABEL: Record<ExportFormat, string> = { pdf: 'PDF', docx: 'Word' };

export interface DocumentInfo {
  id: string;
  title: string;
  kind: DocumentKind;
  description: string;
  formats: ExportFormat[];
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
  .record(z.string().max(40), z.union([z.string().max(200), z.number(), z.boolean()]), { error: '文档参数应为名称和值' })
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
