import type { IsoDate } from '../../../shared/dates';

/**
 * How much of a date a cell's number format shows: 2001年7月 is a month, 2001-07-01 a day, a
 * format of "yyyy" alone a year. The value underneath is always a whole day (the day Excel
 * stores); what was meant is what the format shows, which the date readers take from here.
 */
export type DatePrecision = 'day' | 'month' | 'year';

/** A worksheet cell reduced to what an importer can judge. */
export type Cell =
  | { kind: 'empty' }
  | { kind: 'text'; text: string }
  | { kind: 'number'; value: number }
  | { kind: 'date'; iso: IsoDate; precision: DatePrecision }
  | { kind: 'boolean'; value: boolean }
  | { kind: 'error'; text: string };

/** How the cell reads to a person, for messages and previews: a date as much of it as its format shows. */
export function shownValue(cell: Cell): string {
  switch (cell.kind) {
    case 'empty':
      return '';
    case 'text':
      return cell.text;
    case 'number':
      return Number.isInteger(cell.value) && Math.abs(cell.value) >= 1e15
        ? cell.value.toExponential(6)
        : String(cell.value);
    case 'date':
      return cell.precision === 'day' ? cell.iso : cell.iso.slice(0, cell.precision === 'month' ? 7 : 4);
    case 'boolean':
      return cell.value ? '是' : '否';
    case 'error':
      return cell.text;
  }
}
