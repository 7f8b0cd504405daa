import type { Channel, Input, Output as ChannelOutput } from '../shared/contract';
import type { Output } from './output';

/* What a command is and what it is given, apart from the registry of commands so that each
 * group of commands can name these without importing the registry that imports it. */

export type Call = <C extends Channel>(channel: C, input: Input<C>) => Promise<ChannelOutput<C>>;

export interface CommandContext {
  call: Call;
  out: Output;
  positionals: string[];
  options: Record<string, string | boolean | string[] | undefined>;
}

export interface Command {
  usage: string;
  summary: string;
  /** Resolves to the exit code when the command completed but the outcome is a failure. */
  run(ctx: CommandContext): Promise<number | void>;
}
