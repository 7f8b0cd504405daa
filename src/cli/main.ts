import path from 'node:path';
import { parseArgs } from 'node:util';
import { directInvoke } from '../core/dispatch';
import { createHandlers } from '../core/handlers';
import { dataFilePath, defaultDataDir } from '../core/paths';
import { Workspace } from '../core/workspace';
import { AppError } from '../shared/errors';
import { COMMANDS } from './commands';
import { DUES_OPTIONS } from './dues-commands';
import { createOutput, endQuietlyWhenReaderStops, reportError } from './output';
import { isReadOnlyCommand } from './read-only';

function help(): string {
  const lines = Object.values(COMMANDS).map((c) => `  ${c.usage}\n      ${c.summary}`);
  return [
    '机关党务工作台 命令行',
    '',
    '用法：party-office [--db 数据文件] [--json] <命令> [参数]',
    '',
    '命令：',
    ...lines,
    '',
    `--db    数据文件路径，默认：${dataFilePath(defaultDataDir())}`,
    '--json  以 JSON 输出结果（标准输出只含 JSON）',
  ].join('\n');
}

export async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        db: { type: 'string' },
        out: { type: 'string' },
        'single-sided': { type: 'boolean', default: false },
        'with-decisions': { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
        organ: { type: 'string' },
        kind: { type: 'string' },
        'committee-name': { type: 'string' },
        superior: { type: 'string' },
        branch: { type: 'string', multiple: true },
        parent: { type: 'string' },
        'dry-run': { type: 'boolean', default: false },
        'skip-invalid': { type: 'boolean', default: false },
        'create-branches': { type: 'boolean', default: false },
        sheet: { type: 'string', multiple: true },
        search: { type: 'string' },
        'dates-incomplete': { type: 'boolean', default: false },
        ...DUES_OPTIONS,
        limit: { type: 'string' },
        'accept-different-organ': { type: 'boolean', default: false },
        'accept-broken-audit-log': { type: 'boolean', default: false },
        meeting: { type: 'string' },
        person: { type: 'string' },
        year: { type: 'string' },
      },
    });
  } catch (error) {
    process.stderr.write(
      `错误：无法识别的参数（${error instanceof Error ? error.message : String(error)}）\n\n${help()}\n`,
    );
    return 2;
  }
  const { values, positionals } = parsed;
  const json = values.json === true;
  if (values.help || positionals.length === 0) {
    process.stdout.write(`${help()}\n`);
    return values.help ? 0 : 2;
  }
  const [first, second, ...rest] = positionals;
  const twoWord = `${first} ${second ?? ''}`.trim();
  const name = COMMANDS[twoWord] ? twoWord : first!;
  const args = COMMANDS[twoWord] ? rest : [second, ...rest].filter((x): x is string => x !== undefined);
  const command = COMMANDS[name];
  if (!command) {
    process.stderr.write(`错误：没有“${positionals.join(' ')}”这个命令。\n\n${help()}\n`);
    return 2;
  }

  const dataFile = values.db ? path.resolve(values.db) : undefined;
  const workspace = new Workspace({
    dataDir: dataFile ? path.dirname(dataFile) : defaultDataDir(),
    ...(dataFile ? { dataFile } : {}),
    via: 'cli',
    access: isReadOnlyCommand(name, values) ? 'read' : 'write',
  });
  try {
    const call = directInvoke(createHandlers(workspace));
    if (workspace.isLocked()) {
      const password = process.env.PARTY_OFFICE_PASSWORD;
      if (!password) {
        throw new AppError({
          code: 'LOCKED',
          message: '数据已加密。请用环境变量 PARTY_OFFICE_PASSWORD 提供密码（不要写在命令行里）。',
          detail: 'locked',
        });
      }
      await call('custody.unlock', { password });
    }
    return (await command.run({ call, out: createOutput(json), positionals: args, options: values })) ?? 0;
  } catch (error) {
    return reportError(error, json);
  } finally {
    workspace.close();
  }
}

endQuietlyWhenReaderStops(process.stdout);
endQuietlyWhenReaderStops(process.stderr);
process.exitCode = await main(process.argv.slice(2));
