/*
 * Which typeface each part of a document asks for, what may stand in for it, and how that
 * choice is reported. Pure: the list of installed families comes in from font-detect.ts.
 *
 * The office fonts come first (what GB/T 9704 names and offices install); then open-licensed
 * stand-ins that keep the grid (every CJK glyph one em wide): Noto CJK / Source Han, AR PL
 * UKai, and the Windows and macOS system faces.
 */

export type FontRole = 'title' | 'body' | 'heading1' | 'heading2' | 'pageNumber';

export interface FontCandidate {
  /** The name shown to the office worker. */
  label: string;
  /** Family names as CSS and the system know them (Chinese and English names of the same face). */
  families: string[];
  /** 700 when the stand-in needs its bold face to look like the face it replaces (小标宋). */
  weight?: 400 | 700;
  /** A face offices use for this role (as opposed to a stand-in). */
  office?: boolean;
}

interface RoleSpec {
  label: string;
  generic: 'serif' | 'sans-serif';
  candidates: FontCandidate[];
}

const NOTO_SERIF = ['Noto Serif CJK SC', 'Source Han Serif SC', 'Noto Serif SC', '思源宋体'];
const NOTO_SANS = ['Noto Sans CJK SC', 'Source Han Sans SC', 'Noto Sans SC', '思源黑体'];

export const FONT_ROLES: Record<FontRole, RoleSpec> = {
  title: {
    label: '标题（2号小标宋体）',
    generic: 'serif',
    candidates: [
      { label: '方正小标宋简体', families: ['方正小标宋简体', 'FZXiaoBiaoSong-B05S'], office: true },
      { label: '方正小标宋_GBK', families: ['方正小标宋_GBK', 'FZXiaoBiaoSong-B05'], office: true },
      { label: '华文中宋', families: ['华文中宋', 'STZhongsong'] },
      { label: 'Noto Serif CJK SC 粗体', families: NOTO_SERIF, weight: 700 },
      { label: '宋体-简 粗体', families: ['Songti SC', 'STSongti-SC-Bold'], weight: 700 },
      { label: '宋体（加粗）', families: ['宋体', 'SimSun'], weight: 700 },
    ],
  },
  body: {
    label: '正文（3号仿宋体）',
    generic: 'serif',
    candidates: [
      { label: '仿宋_GB2312', families: ['仿宋_GB2312', 'FangSong_GB2312'], office: true },
      { label: '仿宋', families: ['仿宋', 'FangSong'], office: true },
      { label: '华文仿宋', families: ['华文仿宋', 'STFangsong'] },
      { label: 'Noto Serif CJK SC', families: NOTO_SERIF },
      { label: 'AR PL UMing CN', families: ['AR PL UMing CN'] },
      { label: '宋体', families: ['宋体', 'SimSun'] },
    ],
  },
  heading1: {
    label: '一级标题（3号黑体）',
    generic: 'sans-serif',
    candidates: [
      { label: '黑体', families: ['黑体', 'SimHei'], office: true },
      { label: '华文黑体', families: ['华文黑体', 'STHeiti'] },
      { label: 'Noto Sans CJK SC', families: NOTO_SANS },
      { label: '文泉驿正黑', families: ['WenQuanYi Zen Hei', '文泉驿正黑'] },
      { label: '微软雅黑', families: ['微软雅黑', 'Microsoft YaHei'] },
    ],
  },
  heading2: {
    label: '二级标题（3号楷体）',
    generic: 'serif',
    candidates: [
      { label: '楷体_GB2312', families: ['楷体_GB2312', 'KaiTi_GB2312'], office: true },
      { label: '楷体', families: ['楷体', 'KaiTi'], office: true },
      { label: '华文楷体', families: ['华文楷体', 'STKaiti'] },
      { label: 'AR PL UKai CN', families: ['AR PL UKai CN'] },
      { label: '霞鹜文楷', families: ['LXGW WenKai', '霞鹜文楷'] },
      { label: 'Noto Serif CJK SC', families: NOTO_SERIF },
    ],
  },
  pageNumber: {
    label: '页码（4号宋体）',
    generic: 'serif',
    candidates: [
      { label: '宋体', families: ['宋体', 'SimSun'], office: true },
      { label: '华文宋体', families: ['华文宋体', 'STSong'] },
      { label: 'Noto Serif CJK SC', families: NOTO_SERIF },
      { label: 'AR PL UMing CN', families: ['AR PL UMing CN'] },
    ],
  },
};

export const FONT_ROLE_ORDER: FontRole[] = ['title', 'body', 'heading1', 'heading2', 'pageNumber'];

/** exact: the face the standard names; equivalent: another office face of the same style; substitute: a stand-in; missing: nothing found. */
export type FontStatus = 'exact' | 'equivalent' | 'substitute' | 'missing';

export interface ResolvedFont {
  role: FontRole;
  roleLabel: string;
  wanted: string;
  /** The face that will be used, or null when none of the candidates is installed. */
  used: string | null;
  status: FontStatus;
  /** The CSS font-family list: every candidate in order, then the generic family. */
  cssFamilies: string[];
  weight: 400 | 700;
  /** The family name written into the .docx (an office face, so WPS and Word find it). */
  docxFamily: string;
}

export type FontPlan = Record<FontRole, ResolvedFont>;

/** Chooses a face per role from the installed family names (compared without case). */
export function resolveFonts(installed: ReadonlySet<string>): FontPlan {
  const has = (family: string) => installed.has(family.toLowerCase());
  const plan = {} as FontPlan;
  for (const role of FONT_ROLE_ORDER) {
    const spec = FONT_ROLES[role];
    const first = spec.candidates[0]!;
    const index = spec.candidates.findIndex((c) => c.families.some(has));
    const found = index >= 0 ? spec.candidates[index]! : null;
    const status: FontStatus = !found ? 'missing' : index === 0 ? 'exact' : found.office ? 'equivalent' : 'substitute';
    const officeInstalled = spec.candidates.find((c) => c.office && c.families.some(has));
    plan[role] = {
      role,
      roleLabel: spec.label,
      wanted: first.label,
      used: found?.label ?? null,
      status,
      cssFamilies: [...new Set(spec.candidates.flatMap((c) => c.families)), spec.generic],
      weight: found?.weight ?? 400,
      docxFamily: (officeInstalled ?? first).families[0]!,
    };
  }
  return plan;
}

/** One line per role that is not in its standard face, for the preview and the CLI. */
export function substitutionNotes(plan: FontPlan): string[] {
  return FONT_ROLE_ORDER.map((role) => plan[role])
    .filter((font) => font.status !== 'exact')
    .map((font) =>
      font.used === null
        ? `${font.roleLabel}：本机没有“${font.wanted}”，也没有可代替的字体，将使用系统默认字体`
        : `${font.roleLabel}：本机没有“${font.wanted}”，以“${font.used}”代替`,
    );
}

/** A CSS font-family value, every name quoted. */
export function cssFontFamily(font: ResolvedFont): string {
  return font.cssFamilies.map((f) => (f === 'serif' || f === 'sans-serif' ? f : `"${f.replace(/"/g, '')}"`)).join(', ');
}
