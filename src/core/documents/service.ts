import type { Organ } from '../../shared/contract';
import type { IsoDate } from '../../shared/dates';
import {
  MIME_TYPE,
  type DocumentInfo,
  type DocumentMeta,
  type DocumentPreview,
  type ExportedFile,
  type ExportFormat,
} from '../../shared/documents';
import { AppError } from '../../shared/errors';
import type { Db } from '../db/open';
import { QUIET_TASK, type Task } from '../tasks';
import { installedFontFamilies } from './font-detect';
import { FONT_ROLE_ORDER, resolveFonts, substitutionNotes, type FontPlan } from './fonts';
import type { DocumentModel } from './model';
import type { PdfPrinter } from './pdf';
import type { AnyDocumentDefinition, DocumentContext, DocumentRegistry } from './registry';
import { documentTitle, renderDocx, renderPdf, type PdfResult } from './render';

/** What the engine needs from its host: the data, the fonts, and a way to print. */
export interface DocumentServiceOptions {
  registry: DocumentRegistry;
  printer: PdfPrinter;
  database(): Db;
  organ(): Organ | null;
  today(): IsoDate;
  /** Injected in tests; defaults to the fonts installed on this machine. */
  fonts?: () => FontPlan;
}

const FORMATS: Record<DocumentModel['kind'], ExportFormat[]> = {
  narrative: ['pdf', 'docx'],
  table: ['pdf', 'docx'],
  binder: ['pdf', 'docx'],
};

/** Characters Windows refuses in file names, and leading/trailing dots and spaces. */
export function safeFileName(name: string): string {
  const cleaned = name.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '').replace(/^[\s.]+|[\s.]+$/g, '');
  return cleaned.slice(0, 80) || '文档';
}

export class DocumentService {
  constructor(private readonly options: DocumentServiceOptions) {}

  fonts(): FontPlan {
    return this.options.fonts ? this.options.fonts() : resolveFonts(installedFontFamilies());
  }

  /** The office's own names, each one word for line breaking: the organ, its committee and superior, its units. */
  terms(): string[] {
    const organ = this.options.organ();
    if (!organ) return [];
    let units: string[] = [];
    try {
      units = this.options.database().prepare('SELECT name FROM org_unit').pluck().all() as string[];
    } catch {
      // Before the first run there is no file: the organ's names are enough.
    }
    return [organ.name, organ.committeeName, organ.superiorName, ...units].filter((name) => name.length > 1);
  }

  list(): DocumentInfo[] {
    return this.options.registry.list().map((d) => ({
      id: d.id,
      title: d.title,
      kind: d.kind,
      description: d.description,
      formats: FORMATS[d.kind],
      params: d.params ?? [],
    }));
  }

  private definition(id: string): AnyDocumentDefinition {
    const found = this.options.registry.get(id);
    if (!found) {
      throw new AppError({
        code: 'NOT_FOUND',
        message: `没有编号为“${id}”的文档。`,
        detail: `unknown document ${id}`,
        field: 'id',
      });
    }
    return found;
  }

  /** Loads the data and builds the model: the only place a document touches the database. */
  model(
    id: string,
    params: Record<string, unknown> = {},
  ): { definition: AnyDocumentDefinition; model: DocumentModel; fileName: string; unfinished: string[] } {
    const definition = this.definition(id);
    let parsed: unknown = {};
    const schema = this.options.registry.schema(id);
    if (schema) {
      const result = schema.safeParse(params);
      if (!result.success) {
        const issue = result.error.issues[0];
        throw new AppError({
          code: 'INVALID_INPUT',
          message:
            issue && /[\u4e00-\u9fff]/.test(issue.message) ? issue.message : `“${definition.title}”的参数不正确。`,
          detail: `${id}: ${result.error.message}`,
          field: 'params',
        });
      }
      parsed = result.data;
    } else if (Object.keys(params).length > 0) {
      throw new AppError({
        code: 'INVALID_INPUT',
        message: `“${definition.title}”不需要参数。`,
        detail: `${id} takes no params`,
        field: 'params',
      });
    }
    const ctx: DocumentContext = {
      db: this.options.database,
      organ: this.options.organ(),
      today: this.options.today(),
    };
    const data = definition.load(ctx, parsed);
    const model = definition.build(data, ctx);
    return {
      definition,
      model,
      fileName: safeFileName(definition.fileName?.(data, ctx) ?? documentTitle(model)),
      unfinished: definition.unfinished?.(data) ?? [],
    };
  }

  private meta(
    definition: AnyDocumentDefinition,
    model: DocumentModel,
    fileName: string,
    fonts: FontPlan,
    pdf: PdfResult,
    unfinished: string[],
  ): DocumentMeta {
    return {
      id: definition.id,
      title: documentTitle(model),
      fileName,
      kind: model.kind,
      pageCount: pdf.pageCount,
      formats: FORMATS[model.kind],
      fonts: FONT_ROLE_ORDER.map((role) => ({
        role: fonts[role].roleLabel,
        wanted: fonts[role].wanted,
        used: fonts[role].used,
        status: fonts[role].status,
      })),
      substitutions: substitutionNotes(fonts),
      ...(pdf.parts ? { parts: pdf.parts } : {}),
      ...(unfinished.length ? { unfinished } : {}),
    };
  }

  async preview(id: string, params: Record<string, unknown> = {}, task: Task = QUIET_TASK): Promise<DocumentPreview> {
    const { definition, model, fileName, unfinished } = this.model(id, params);
    const fonts = this.fonts();
    const pdf = await renderPdf(model, { fonts, terms: this.terms() }, this.options.printer, task);
    return {
      meta: this.meta(definition, model, fileName, fonts, pdf, unfinished),
      html: pdf.html,
      pdf: Buffer.from(pdf.pdf).toString('base64'),
    };
  }

  async export(
    id: string,
    params: Record<string, unknown>,
    format: ExportFormat,
    task: Task = QUIET_TASK,
  ): Promise<ExportedFile> {
    const { model, fileName } = this.model(id, params);
    if (!FORMATS[model.kind].includes(format)) {
      throw new AppError({
        code: 'INVALID_INPUT',
        message: `这份文档不能保存为${format === 'pdf' ? 'PDF' : 'Word'}。`,
        detail: `${id}: no ${format}`,
        field: 'format',
      });
    }
    const fonts = this.fonts();
    if (format === 'pdf') {
      const pdf = await renderPdf(model, { fonts, terms: this.terms() }, this.options.printer, task);
      return {
        fileName: `${fileName}.pdf`,
        mimeType: MIME_TYPE.pdf,
        base64: Buffer.from(pdf.pdf).toString('base64'),
        pageCount: pdf.pageCount,
      };
    }
    const docx = await renderDocx(model, { fonts, terms: this.terms() });
    return { fileName: `${fileName}.docx`, mimeType: MIME_TYPE.docx, base64: docx.toString('base64') };
  }
}
