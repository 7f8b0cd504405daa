import {
  IMPORT_FIELDS,
  type ImportColumn,
  type ImportField,
  type ImportProblem,
} from '../../../shared/members/import-fields';
import { shownValue } from './cells';
import { cellAt, type Sheet } from './read';
import { CATEGORY_WORDS, DEGREE_WORDS, EDUCATION_WORDS, EMPLOYMENT_WORDS, GENDER_WORDS, STATUS_WORDS } from './values';

/**
 * The fields whose cells hold one of a few known words. A header can mislead ("人员类别" over
 * 在职/退休, which the app calls 人员身份), but the words cannot: they say which field the column is.
 * Yes/no columns are left out, as 是/否 fit every one of them.
 */
const CHOICE_WORDS: Partial<Record<ImportField, Record<string, unknown>>> = {
  gender: GENDER_WORDS,
  category: CATEGORY_WORDS,
  education: EDUCATION_WORDS,
  degree: DEGREE_WORDS,
  employmentCategory: EMPLOYMENT_WORDS,
  status: STATUS_WORDS,
};
const CHOICE_FIELDS = Object.keys(CHOICE_WORDS) as ImportField[];

/** Enough rows to judge a column by; a roster's first few hundred say what the rest hold. */
const SAMPLE_ROWS = 500;
/** The share of a column's values that must be one field's words before the column is taken for it. */
const CONVINCING = 0.8;

const key = (text: string) => text.replace(/\s+/g, '');

export function fitsWords(field: ImportField, text: string): boolean {
  const words = CHOICE_WORDS[field];
  return words !== undefined && key(text) in words;
}

export interface ColumnLook {
  /** The field whose words most of the column's values are. */
  field: ImportField;
  /** A few of those values as written, for the message ("在职/退休"). */
  examples: string[];
  fitting: number;
  values: number;
}

/** Which choice field, other than `except`, the column's values are the words of, if most of them are. */
export function lookOfColumn(
  sheet: Sheet,
  column: number,
  firstDataRow: number,
  except: ImportField | null,
): ColumnLook | null {
  const texts: string[] = [];
  const last = Math.min(sheet.rows.length - 1, firstDataRow + SAMPLE_ROWS - 1);
  for (let r = firstDataRow; r <= last; r++) {
    const text = key(shownValue(cellAt(sheet, r, column)));
    if (text) texts.push(text);
  }
  if (texts.length === 0) return null;
  let best: ColumnLook | null = null;
  for (const field of CHOICE_FIELDS) {
    if (field === except) continue;
    const fitting = texts.filter((t) => fitsWords(field, t));
    if (fitting.length === 0 || (best && fitting.length <= best.fitting)) continue;
    best = { field, examples: [...new Set(fitting)].slice(0, 3), fitting: fitting.length, values: texts.length };
  }
  return best;
}

/**
 * Corrects a guess by what the columns hold: a column mapped to a choice field whose values are
 * (nearly all) another choice field's words is mapped to that field, when no other column has it;
 * an unmapped column whose values are all one choice field's words is mapped to it likewise.
 * Each change is said as a notice, so the person sees why the column was not taken by its header.
 */
export function mapByValues(
  sheet: Sheet,
  headerRow: number,
  firstDataRow: number,
  columns: ImportColumn[],
): { columns: ImportColumn[]; notices: ImportProblem[] } {
  const result = columns.map((c) => ({ ...c }));
  const notices: ImportProblem[] = [];
  const taken = () => new Set(result.map((c) => c.field).filter((f): f is ImportField => f !== null));
  for (const column of result) {
    const own = column.field;
    if (own !== null && !CHOICE_WORDS[own]) continue;
    const look = lookOfColumn(sheet, column.index, firstDataRow, own);
    if (!look || taken().has(look.field)) continue;
    const share = look.fitting / look.values;
    if (own !== null) {
      const ownFitting = countFitting(sheet, column.index, firstDataRow, own);
      if (share < CONVINCING || ownFitting >= look.fitting) continue;
    } else if (share < 1 || look.values < 2) {
      continue;
    }
    column.field = look.field;
    const was = own ? `，不是“${IMPORT_FIELDS[own].label}”` : '';
    notices.push({
      row: headerRow,
      column: `${column.header}（${column.letter}列）`,
      value: look.examples.join('/'),
      message: `这一列的内容是“${IMPORT_FIELDS[look.field].label}”（${look.examples.join('/')}）${was}，已按“${IMPORT_FIELDS[look.field].label}”导入；如不对，可在“列对应”中改回`,
    });
  }
  return { columns: result, notices };
}

function countFitting(sheet: Sheet, column: number, firstDataRow: number, field: ImportField): number {
  let n = 0;
  const last = Math.min(sheet.rows.length - 1, firstDataRow + SAMPLE_ROWS - 1);
  for (let r = firstDataRow; r <= last; r++) if (fitsWords(field, shownValue(cellAt(sheet, r, column)))) n += 1;
  return n;
}

/** The hint added to a refused value that is another field's word. */
export function otherFieldHint(look: ColumnLook | null, value: string): string | null {
  if (!look || !fitsWords(look.field, value)) return null;
  const label = IMPORT_FIELDS[look.field].label;
  return `这一列看起来是“${label}”（${look.examples.join('/')}），可在“列对应”中改为${label}`;
}
