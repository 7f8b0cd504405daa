import ExcelJS from 'exceljs';
import { checkCharacter } from '../../src/shared/members/citizen-id';

/*
 * A roster the size of a large organ's (10,000 members), shaped as offices keep it: a title
 * row, then 序号 and the usual columns, dates typed as text, 18-character IDs that pass their
 * check digit, names from common surnames. Used by the bench, the progress tests and e2e.
 */

const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉兰萍红丹建国建华志强海燕文';

const pad = (n: number, width: number) => String(n).padStart(width, '0');

export interface RosterMember {
  name: string;
  gender: '男' | '女';
  id: string;
  branch: string;
  admitted: string;
  full: string;
  education: string;
  phone: string;
}

/** The i-th member; `branches` names the 党支部 they are spread over. */
export function rosterMember(i: number, branches: readonly string[]): RosterMember {
  const year = 1960 + (i % 40);
  const month = 1 + (i % 12);
  const day = 1 + (i % 28);
  const male = i % 2 === 0;
  const serial = (i % 499) * 2 + (male ? 1 : 0);
  const area = 110101 + Math.floor(i / 499) * 2;
  const first17 = `${area}${year}${pad(month, 2)}${pad(day, 2)}${pad(serial, 3)}`;
  const admittedYear = Math.min(year + 22 + (i % 10), 2024);
  const name =
    SURNAMES[i % SURNAMES.length]! + GIVEN[(i * 7) % GIVEN.length]! + (i % 3 ? GIVEN[(i * 13) % GIVEN.length]! : '');
  return {
    name,
    gender: male ? '男' : '女',
    id: first17 + checkCharacter(first17),
    branch: branches[i % branches.length]!,
    admitted: `${admittedYear}-${pad(month, 2)}-${pad(day, 2)}`,
    full: `${admittedYear + 1}-${pad(month, 2)}-${pad(day, 2)}`,
    education: ['大学本科', '硕士研究生', '大学专科'][i % 3]!,
    phone: `138${pad(i, 8)}`,
  };
}

export function rosterMembers(count: number, branches: readonly string[]): RosterMember[] {
  return Array.from({ length: count }, (_, i) => rosterMember(i, branches));
}

/** The members as an office's 花名册.xlsx. */
export async function rosterWorkbook(members: readonly RosterMember[]): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('花名册');
  sheet.addRow(['某某局党员花名册']);
  sheet.addRow(['序号', '姓名', '性别', '公民身份号码', '所在党支部', '入党日期', '转正日期', '学历', '联系电话']);
  members.forEach((m, i) =>
    sheet.addRow([i + 1, m.name, m.gender, m.id, m.branch, m.admitted, m.full || null, m.education, m.phone]),
  );
  return new Uint8Array(await book.xlsx.writeBuffer());
}
