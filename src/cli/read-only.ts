/*
 * The commands that only read: they open the data file read-only beside the desktop app or
 * browser mode instead of being refused by the writer lock (Workspace `access: 'read'`). A command
 * not listed here is a writer and waits for, or is refused by, a process that holds the file.
 * A handler that tried to write through a read-only connection would fail, never write:
 * test/integration/writer-lock.test.ts runs each of these beside a held lock.
 */
type Options = Record<string, string | boolean | string[] | undefined>;

const READ_ONLY: Record<string, true | ((options: Options) => boolean)> = {
  'org list': true,
  'roster list': true,
  'roster export': true,
  'roster import': (options) => options['dry-run'] === true,
  'backup list': true,
  'backup verify': true,
  'audit list': true,
  'dues rate': true,
  'dues ledger': true,
  'dues report': true,
  'dues arrears': true,
  'duties list': true,
  'duties report': true,
  'duties letter': true,
  'duties ledger': true,
  'meetings list': true,
  'meetings binder': true,
  print: true,
};

export const READ_ONLY_COMMANDS: readonly string[] = Object.keys(READ_ONLY);

export function isReadOnlyCommand(name: string, options: Options): boolean {
  const rule = READ_ONLY[name];
  return rule === true || (typeof rule === 'function' && rule(options));
}
