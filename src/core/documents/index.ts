/*
 * The documents engine, for the modules that print through it (roster, dues, duties,
 * meetings): build a model, register it, and the engine renders HTML, PDF and Word.
 */
export type {
  Block,
  BinderDocument,
  BinderPart,
  DocumentModel,
  HeadingLevel,
  NarrativeDocument,
  TableColumn,
  TableDocument,
} from './model';
export { DocumentRegistry, type DocumentContext, type DocumentDefinition } from './registry';
export { createDocumentRegistry } from './catalog';
export { DocumentService } from './service';
export { documentHtml, renderDocx, renderPdf, type RenderEnv } from './render';
export type { PdfPrinter, PdfPrintOptions } from './pdf';
export { ChromiumPrinter, closeSharedPrinter, sharedChromiumPrinter } from './chromium-printer';
export { resolveFonts, type FontPlan } from './fonts';
