import type { z } from 'zod';
import type { Organ } from '../../shared/contract';
import type { IsoDate } from '../../shared/dates';
import { documentParamsSchema, type DocumentKind as SharedKind, type DocumentParam } from '../../shared/documents';
import type { Db } from '../db/open';
import type { DocumentModel } from './model';

/*
 * The documents the app can print. Each module registers its own (roster, dues, duties,
 * meetings): an id, a Chinese title, how to load the data (the only I/O) and a pure build
 * from that data to a document model. The engine does the rest: HTML, PDF, Word, preview.
 *
 *   registry.register({
 *     id: 'roster',
 *     title: '党员名册',
 *     kind: 'table',
 *     load: (ctx) => listMembers(ctx.db()),
 *     build: (members, ctx) => rosterTable(members, ctx.organ),
 *   });
 */

export interface DocumentContext {
  /** The open database; throws NOT_SET_UP before the first run (samples do not call it). */
  db(): Db;
  /** The organ, or null before the first run. */
  organ: Organ | null;
  today: IsoDate;
}

export interface DocumentDefinition<Data = unknown, Params = Record<string, never>> {
  /** Lower-case letters, digits and hyphens; the CLI's `print <id>`. */
  id: string;
  /** Chinese, as the document list shows it. */
  title: string;
  kind: SharedKind;
  /** One line on what it is, for the list. */
  description: string;
  /**
   * What it takes (a meeting, a month, a branch …), declared once: the validation, the CLI and
   * the preview screen's pickers all come from this. Omitted when the document takes none.
   * Declare `as const satisfies readonly DocumentParam[]` and type Params as ParamsOf<typeof …>.
   */
  params?: readonly DocumentParam[];
  load(ctx: DocumentContext, params: Params): Data;
  build(data: Data, ctx: DocumentContext): DocumentModel;
  /** The download's name without extension; defaults to the model's title. */
  fileName?(data: Data, ctx: DocumentContext): string;
  /**
   * Parts not finished yet (a material still a draft, minutes without speeches), named as the
   * office would: the screen asks before printing or saving, and the CLI says so.
   */
  unfinished?(data: Data): string[];
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyDocumentDefinition = DocumentDefinition<any, any>;

const ID = /^[a-z0-9][a-z0-9-]{0,63}$/;

export class DocumentRegistry {
  private readonly byId = new Map<string, AnyDocumentDefinition>();

  private readonly schemas = new Map<string, z.ZodType>();

  register<Data, Params>(definition: DocumentDefinition<Data, Params>): this {
    if (!ID.test(definition.id))
      throw new Error(`document id "${definition.id}" must be lower-case letters, digits and hyphens`);
    if (this.byId.has(definition.id)) throw new Error(`document "${definition.id}" is registered twice`);
    const names = (definition.params ?? []).map((p) => p.name);
    if (new Set(names).size !== names.length) throw new Error(`document "${definition.id}" declares a parameter twice`);
    this.byId.set(definition.id, definition as AnyDocumentDefinition);
    if (definition.params) this.schemas.set(definition.id, documentParamsSchema(definition.params));
    return this;
  }

  /** The validation built from the document's declared params; undefined when it takes none. */
  schema(id: string): z.ZodType | undefined {
    return this.schemas.get(id);
  }

  get(id: string): AnyDocumentDefinition | undefined {
    return this.byId.get(id);
  }

  list(): AnyDocumentDefinition[] {
    return [...this.byId.values()];
  }
}
