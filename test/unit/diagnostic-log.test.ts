import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DiagnosticLog } from '../../src/core/log/diagnostic-log';
import { redact } from '../../src/core/log/redact';
import { citizenId } from '../support/people';

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));
const tempDir = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'party-office-log-'));
  dirs.push(dir);
  return dir;
};

describe('redaction', () => {
  it('takes out names, ID numbers, phones, amounts and the account name, and keeps versions, counts and codes', () => {
    const id = citizenId('1982-02-02', 'female', 2);
    const text = `row 12: 李秀英 ${id} 13912345678 paid 1,250.00 (¥80, 12.50) at ${os.homedir()}/数据/x.db; node 24.11.1, 3 rows, SQLITE_BUSY, zhang.wei@example.cn`;
    const out = redact(text);
    for (const secret of ['李秀英', id, '13912345678', '1,250.00', '¥80', '12.50', '数据', 'zhang.wei@example.cn'])
      expect(out).not.toContain(secret);
    if (os.homedir().length > 1) expect(out).not.toContain(os.homedir());
    for (const kept of ['row 12', 'node 24.11.1', '3 rows', 'SQLITE_BUSY', '~/<zh>/x.db']) expect(out).toContain(kept);
  });
});

describe('the log file', () => {
  it('writes one redacted JSON line per entry, with errors’ detail and stack, and facts as they are', () => {
    const log = new DiagnosticLog(tempDir(), { now: () => new Date('2026-12-02T08:00:00Z') });
    log.info('host.started', { glibc: '2.36', app: '0.1.0' });
    const error = new Error('cannot read row for 王书记');
    log.error('call.failed', error, { channel: 'roster.add' });
    const lines = fs
      .readFileSync(log.file, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, string>);
    expect(lines[0]).toEqual({
      time: '2026-12-02T08:00:00.000Z',
      level: 'info',
      event: 'host.started',
      glibc: '2.36',
      app: '0.1.0',
    });
    expect(lines[1]).toMatchObject({
      level: 'error',
      event: 'call.failed',
      channel: 'roster.add',
      detail: 'Error: cannot read row for <zh>',
    });
    expect(lines[1]!.stack).toContain('diagnostic-log.test.ts');
    expect(lines[1]!.stack).not.toContain('王书记');
  });

  it('rotates by size: never more than keep + 1 files, the newest lines in the current one', () => {
    const log = new DiagnosticLog(tempDir(), { maxBytes: 2000, keep: 3 });
    for (let i = 0; i < 200; i++) log.info('tick', { i });
    const files = log.files();
    expect(files.map((f) => path.basename(f))).toEqual([
      'party-office.log',
      'party-office.1.log',
      'party-office.2.log',
      'party-office.3.log',
    ]);
    expect(fs.readdirSync(log.folder)).toHaveLength(4);
    for (const file of files) expect(fs.statSync(file).size).toBeLessThanOrEqual(2000);
    expect(fs.readFileSync(log.file, 'utf8').trim().split('\n').at(-1)).toContain('"i":199');
    const oldest = JSON.parse(fs.readFileSync(files[3]!, 'utf8').split('\n')[0]!) as { i: number };
    expect(oldest.i).toBeGreaterThan(0); // the first lines have gone
  });

  it('never stops the app when the folder cannot be written', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'logs'), 'a file where the folder should be');
    const log = new DiagnosticLog(dir);
    expect(() => log.info('host.started')).not.toThrow();
  });
});
