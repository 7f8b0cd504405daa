/*
 * A process that has the data file open, as a command-line run has it while it works: sets the
 * organ up when there is none, says "held <pid>" once it holds the file, and lets go when its
 * stdin closes. Used where a test drives another process (the e2e suite's browser) beside it.
 *
 * argv: dataDir
 */
import { directInvoke } from '../../src/core/dispatch';
import { createHandlers } from '../../src/core/handlers';
import { Workspace } from '../../src/core/workspace';

const ws = new Workspace({ dataDir: process.argv[2]!, via: 'cli' });
const api = directInvoke(createHandlers(ws));
if (!ws.isSetUp()) {
  await api('organ.setup', {
    organName: '某某市财政局',
    committeeKind: 'committee',
    committeeName: '中共某某市财政局机关委员会',
    superiorName: '市直机关工委',
    branches: ['办公室党支部'],
    password: null,
  });
}
ws.database();
process.stdout.write(`held ${process.pid}\n`);
process.stdin.resume();
process.stdin.on('end', () => {
  ws.close();
  process.exit(0);
});
