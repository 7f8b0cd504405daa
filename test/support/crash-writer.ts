/*
 * The child process of test/integration/crash-safety.test.ts: opens an organ's data file the
 * way the app does (Workspace → createHandlers → directInvoke), unlocks it when a password is
 * given, and then changes data without end, each change in its own transaction. Around every
 * change it writes one line to stdout, synchronously:
 *
 *   loaded                  the code is loaded; the data file is opened next
 *   ready <cycle>           the file is open (and unlocked, recovered after the last kill)
 *   B <op> <kind> <json>    about to ask for the change
 *   C <op> <kind> <json>    the change has been committed (the call returned)
 *
 * The parent kills this process with SIGKILL at a random moment and then checks that every
 * change reported with "C" is in the file, whole, and that no change is there in part.
 *
 * argv: dataDir, cycle (a number unique to this process), seed. Env: CRASH_PASSWORD.
 */
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { directInvoke } from '../../src/core/dispatch';
import { createHandlers } from '../../src/core/handlers';
import { Workspace } from '../../src/core/workspace';
import { addYears } from '../../src/shared/dates';
import type { MemberFieldsInput } from '../../src/shared/members/input';
import { citizenId } from './people';
import { seededRandom } from './random';

const [dataDir, cycleText, seedText] = process.argv.slice(2);
const cycle = Number(cycleText);
const random = seededRandom((Number(seedText) ^ Math.imul(cycle + 1, 0x9e3779b1)) >>> 0);
const say = (line: string) => fs.writeSync(1, `${line}\n`);

const ws = new Workspace({ dataDir: dataDir!, via: 'test', actor: '断电测试', today: () => '2026-11-22' });
const api = directInvoke(createHandlers(ws));

/** A person no other process has used: birth date and serial come from (cycle, counter). */
let counter = 0;
function person(): { fields: MemberFieldsInput; cid: string } {
  const u = cycle * 2000 + counter++;
  const birth = new Date(Date.UTC(1950, 0, 1) + (u % 18000) * 86_400_000).toISOString().slice(0, 10);
  const gender = u % 3 === 0 ? ('female' as const) : ('male' as const);
  const cid = citizenId(birth, gender, Math.floor(u / 18000) % 500);
  const admittedOn = addYears(birth, 25);
  return {
    cid,
    fields: {
      name: `党员${cycle}之${counter}`,
      gender,
      citizenId: cid,
      ethnicity: '汉族',
      education: 'bachelor',
      branchId: branches[u % branches.length]!.id,
      admittedOn,
      fullMembershipOn: addYears(admittedOn, 1),
      jobTitle: '科员',
      phone: '13800000000',
      employmentCategory: 'employed',
    },
  };
}

let branches: { id: number; name: string }[] = [];
const mine: { id: number; fields: MemberFieldsInput; transferred: boolean }[] = [];
let op = 0;

async function importBatch(size: number, tag: string): Promise<void> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('名册');
  sheet.addRow(['姓名', '性别', '身份证号', '所在党支部', '入党日期', '转正日期', '备注']);
  const names = new Map(branches.map((b) => [b.id, b.name]));
  for (let i = 0; i < size; i++) {
    const { fields } = person();
    sheet.addRow([
      fields.name,
      fields.gender === 'male' ? '男' : '女',
      fields.citizenId,
      names.get(fields.branchId),
      fields.admittedOn,
      fields.fullMembershipOn,
      tag,
    ]);
  }
  const base64 = Buffer.from(await book.xlsx.writeBuffer()).toString('base64');
  await api('roster.importCommit', { file: { fileName: `${tag}.xlsx`, base64 }, skipRows: [] });
}

async function step(): Promise<void> {
  const id = `${cycle}.${op++}`;
  const roll = random.next();
  if (roll < 0.35 || mine.length === 0) {
    const { fields, cid } = person();
    say(`B ${id} add ${JSON.stringify({ cid })}`);
    const detail = await api('roster.add', { fields });
    mine.push({ id: detail.id, fields, transferred: false });
    say(`C ${id} add ${JSON.stringify({ cid, memberId: detail.id })}`);
  } else if (roll < 0.6) {
    const size = random.int(3, 40);
    const tag = `批次${id}共${size}人`;
    say(`B ${id} import ${JSON.stringify({ tag, size })}`);
    await importBatch(size, tag);
    say(`C ${id} import ${JSON.stringify({ tag, size })}`);
  } else if (roll < 0.78) {
    const member = random.pick(mine);
    const seq = cycle * 1_000_000 + op;
    say(`B ${id} update ${JSON.stringify({ memberId: member.id, seq })}`);
    member.fields = { ...member.fields, note: `更新#${seq}` };
    await api('roster.update', { id: member.id, fields: member.fields });
    say(`C ${id} update ${JSON.stringify({ memberId: member.id, seq })}`);
  } else if (roll < 0.9) {
    const member = mine.find((m) => !m.transferred);
    if (!member) return;
    say(`B ${id} transferOut ${JSON.stringify({ memberId: member.id })}`);
    member.transferred = true;
    await api('roster.recordEvent', {
      memberId: member.id,
      event: { kind: 'transferOut', on: '2026-11-01', counterpart: '中共某某区委组织部', documentNo: null, note: null },
    });
    say(`C ${id} transferOut ${JSON.stringify({ memberId: member.id })}`);
  } else {
    const name = `党小组${id}`;
    say(`B ${id} unit ${JSON.stringify({ name })}`);
    await api('org.addUnit', {
      kind: 'partyGroup',
      parentId: random.pick(branches).id,
      name,
      foundedOn: null,
      termStartedOn: null,
      termYears: null,
      note: null,
    });
    say(`C ${id} unit ${JSON.stringify({ name })}`);
  }
}

try {
  say('loaded');
  const password = process.env.CRASH_PASSWORD;
  if (password) await api('custody.unlock', { password });
  branches = (await api('org.units', {}))
    .filter((u) => u.kind === 'branch' && !u.dissolvedOn)
    .map((u) => ({ id: u.id, name: u.name }));
  say(`ready ${cycle}`);
  for (;;) await step();
} catch (error) {
  say(
    `E ${JSON.stringify(error instanceof Error ? { message: error.message, detail: (error as { detail?: string }).detail } : String(error))}`,
  );
  process.exit(1);
}
