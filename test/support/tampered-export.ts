/*
 * Writes a USB file (.pobk) whose data is an organ's whose audit log someone edited with an SQL
 * tool (the actor of entry 4 changed), sealed with the given passphrase: for the e2e suite, which
 * cannot load the SQLite addon in Playwright's own process.
 *
 * argv: outFile, passphrase
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { directInvoke } from '../../src/core/dispatch';
import { LATEST_SCHEMA_VERSION } from '../../src/core/db/migrations';
import { createHandlers } from '../../src/core/handlers';
import { Workspace } from '../../src/core/workspace';
import { citizenId, memberFields } from './people';
import { buildTransfer } from './transfer-files';

const [outFile, passphrase] = process.argv.slice(2) as [string, string];
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'party-office-tampered-'));
try {
  const ws = new Workspace({ dataDir: dir, via: 'desktop', actor: '原单位办公室' });
  const api = directInvoke(createHandlers(ws));
  const organ = { organName: '某某市财政局', committeeName: '中共某某市财政局机关委员会' };
  await api('organ.setup', {
    ...organ,
    committeeKind: 'committee',
    superiorName: '市直机关工委',
    branches: ['办公室党支部'],
    password: null,
  });
  await api('roster.add', { fields: memberFields({ name: '外来甲', citizenId: citizenId('1981-01-01', 'male', 1) }) });
  ws.close();
  const db = new Database(ws.dataFile);
  db.exec('DROP TRIGGER audit_log_no_update');
  db.prepare(`UPDATE audit_log SET actor = '别人' WHERE id = 4`).run();
  db.close();
  const manifest = {
    app: 'party-office-workbench',
    appVersion: '0.1.0',
    schemaVersion: LATEST_SCHEMA_VERSION,
    organ: { name: organ.organName, committeeName: organ.committeeName },
    exportedAt: new Date().toISOString(),
    counts: {},
  };
  fs.writeFileSync(outFile, buildTransfer(ws.dataFile, manifest, passphrase));
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
