import {
  earliestDay,
  formatChineseDate,
  latestDay,
  localToday,
  readWrittenDate,
  type DateAccepts,
  type MonthOrDay,
} from '../../shared/dates';

/**
 * What a date field's text means, read by the one parser forms, imports and the CLI share. A
 * clerk who clicks into a pre-filled field and types without clearing it leaves the old date in
 * front of (or behind) the new one ("2026年12月2日2026-10-15"): the text without the value the
 * field held when it got the focus is read too, since that is what was typed.
 */
export function readDateText(
  text: string,
  accepts: DateAccepts,
  heldOnFocus: MonthOrDay | null,
): { ok: true; iso: MonthOrDay } | { ok: false; message: string } {
  const whole = readWrittenDate(text, accepts);
  if (whole.ok) return { ok: true, iso: whole.date.iso };
  const held = heldOnFocus ? formatChineseDate(heldOnFocus) : '';
  const trimmed = text.trim();
  if (held && trimmed.length > held.length) {
    const typed = trimmed.startsWith(held)
      ? trimmed.slice(held.length)
      : trimmed.endsWith(held)
        ? trimmed.slice(0, -held.length)
        : null;
    const read = typed === null ? null : readWrittenDate(typed, accepts);
    if (read?.ok) return { ok: true, iso: read.date.iso };
  }
  return { ok: false, message: whole.message };
}

/**
 * The refusal a field's text earns, or null when the text is empty or a date the field takes:
 * said with the field's name, as the field shows it and as a save that it blocks says it.
 */
export function dateTextProblem(
  text: string,
  options: {
    label: string;
    accepts: DateAccepts;
    heldOnFocus: MonthOrDay | null;
    minDate?: string | undefined;
    maxDate?: string | undefined;
  },
): string | null {
  if (!text.trim()) return null;
  const read = readDateText(text, options.accepts, options.heldOnFocus);
  if (!read.ok) return `${options.label}：${read.message}`;
  const shown = formatChineseDate(read.iso);
  // A month is out of bounds only when all of it is.
  if (options.maxDate && earliestDay(read.iso) > options.maxDate)
    return `${options.label}“${shown}”晚于${options.maxDate === localToday() ? '今天' : formatChineseDate(options.maxDate)}`;
  if (options.minDate && latestDay(read.iso) < options.minDate)
    return `${options.label}“${shown}”早于${formatChineseDate(options.minDate)}`;
  return null;
}
