import type { Channel, Output, ParsedInput } from '../shared/contract';
import type { PdfPrinter } from './documents/pdf';
import type { Task, TaskBoard } from './tasks';

/* The handlers' types, apart from the registry that builds them, so each module's handlers can
 * name them without importing the registry that imports them. */

/**
 * Handlers may answer at once or later (file work is asynchronous); every transport awaits.
 * Long work reports progress and checks for a cancel through the call's task.
 */
export type Handlers = {
  [C in Channel]: (input: ParsedInput<C>, task: Task) => Output<C> | Promise<Output<C>>;
};

/** What the host supplies besides the data: the desktop app prints through Electron. */
export interface HandlerOptions {
  printer?: PdfPrinter;
  /** The calls in flight, for task.cancel; the transport runs each call on it. */
  tasks?: TaskBoard;
}
