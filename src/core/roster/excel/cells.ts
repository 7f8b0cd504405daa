import type ExcelJS from 'exceljs';

/** A worksheet cell reduced to what an importer can judge. */
export type Cell =
  | { kind: 'empty' }
  | { kind: 'text'; text: string }
  | { kind: 'number'; value: number }
  | { kind: 'date'; iso: string }
  | { kind: 'boolean'; value: boolean }
  | { kind: 'error'; text: string };

const EMPTY: Cell = { kind: 'empty' };

function fromDate(date: Date): Cell {
  if (Number.isNaN(date.getTime())) return { kind: 'error', text: '无效日期' };
  // exceljs turns date serials into UTC midnights; a time part is rounded away.
  const rounded = new Date(Math.round(date.getTime() / 86_400_000) * 86_400_000);
  return { kind: 'date', iso: rounded.toISOString().slice(0, 10) };
}

export function readCell(value: ExcelJS.CellValue): Cell {
  if (value === null || value === undefined) return EMPTY;
  if (typeof value === 'string') return value.trim() ? { kind: 'text', text: value.trim() } : EMPTY;
  if (typeof value === 'number')
    return Number.isFinite(value) ? { kind: 'number', value } : { kind: 'error', text: String(value) };
  if (typeof value === 'boolean') return { kind: 'boolean', value };
  if (value instanceof Date) return fromDate(value);
  if (typeof value === 'object') {
    if ('richText' in value) return readCell(value.richText.map((part) => part.text).join(''));
    if ('formula' in value || 'sharedFormula' in value) {
      const result = (value as { result?: ExcelJS.CellValue }).result;
      if (result === undefined) return { kind: 'error', text: '公式没有保存计算结果' };
      if (typeof result === 'object' && result !== null && 'error' in result)
        return { kind: 'error', text: String(result.error) };
      return readCell(result as ExcelJS.CellValue);
    }
    if ('error' in value) return { kind: 'error', text: String(value.error) };
    if ('text' in value) return readCell((value as { text: ExcelJS.CellValue }).text);
  }
  return { kind: 'text', text: String(value) };
}

/** How the cell reads to a person, for messages and previews. */
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
      return cell.iso;
    case 'boolean':
      return cell.value ? '是' : '否';
    case 'error':
      return cell.text;
  }
}
