import { DateInput, type DateInputProps } from '@mantine/dates';
import { useRef, useState } from 'react';
import { formatChineseDate, isMonthOnly, type DateAccepts, type MonthOrDay } from '../../shared/dates';
import { DATE_PROBLEM_ATTRIBUTE } from './date-problem';
import { dateTextProblem, readDateText } from './date-text';

/**
 * Dates typed in any common office form ("2026年8月1日", "2026.8.1", "20260801"), shown the
 * office's way, stored as ISO strings; with `accepts="monthOrDay"` a month alone too ("2001.07",
 * kept as '2001-07' and shown 2001年7月). Clicking or tabbing into a filled field selects its
 * text, so typing replaces it (issue 16: typing after the pre-filled 2026年12月2日 used to give
 * "2026年12月2日2026-10-15" and save the old day). Text that is not a date the field takes stays as
 * typed, is said so on leaving the field, and blocks the form's save (`useSubmit` looks for
 * DATE_PROBLEM_ATTRIBUTE) instead of silently saving the date the field held before.
 */
export function DateField(
  props: Omit<DateInputProps, 'value' | 'onChange' | 'maxDate' | 'minDate'> & {
    value: string | null;
    onChange: (value: string | null) => void;
    maxDate?: string;
    minDate?: string;
    accepts?: DateAccepts;
  },
) {
  const { value, onChange, error, maxDate, minDate, label, accepts = 'day', onFocus, onBlur, ...rest } = props;
  const name = typeof label === 'string' ? label : '日期';
  const [text, setText] = useState<string | null>(null);
  const [focused, setFocused] = useState(false);
  // The value held when the field got the focus: what an untouched pre-filled text means.
  const heldOnFocus = useRef<MonthOrDay | null>(value);
  // Chromium drops a selection made on focus at the mouseup of the same click.
  const keepSelection = useRef(false);
  // True while an input event is dispatched: a change that does not come from typing (a day
  // picked in the calendar, the clear button) replaces whatever text was in error.
  const typing = useRef(false);
  const problem =
    text === null
      ? null
      : dateTextProblem(text, { label: name, accepts, heldOnFocus: heldOnFocus.current, maxDate, minDate });
  return (
    <DateInput
      // Mantine keeps a day ('2001-07' becomes '2001-07-01' inside it); the month is ours.
      valueFormat={(v) =>
        value && isMonthOnly(value) && String(v).startsWith(value)
          ? formatChineseDate(value)
          : formatChineseDate(String(v))
      }
      monthLabelFormat="YYYY年M月"
      yearLabelFormat="YYYY年"
      decadeLabelFormat="YYYY年 – YYYY年"
      dateParser={(typed) => {
        const read = readDateText(typed, accepts, heldOnFocus.current);
        return read.ok ? read.iso : null;
      }}
      clearable
      placeholder={accepts === 'day' ? '选择或输入日期' : '输入日期，只知年月的写 2001.07'}
      label={label}
      {...rest}
      {...(maxDate ? { maxDate } : {})}
      {...(minDate ? { minDate } : {})}
      // Text in error stays as typed (Mantine would put the old date back and let it be saved).
      fixOnBlur={problem === null}
      error={(problem && !focused ? problem : null) ?? error}
      {...{ [DATE_PROBLEM_ATTRIBUTE]: problem ?? undefined }}
      value={value}
      onInput={(event) => {
        setText(event.currentTarget.value);
        typing.current = true;
        queueMicrotask(() => {
          typing.current = false;
        });
      }}
      onChange={(v) => {
        if (!typing.current) setText(null);
        onChange(v ? String(v).slice(0, 10) : null);
      }}
      onFocus={(event) => {
        heldOnFocus.current = value;
        setFocused(true);
        event.currentTarget.select();
        keepSelection.current = true;
        onFocus?.(event);
      }}
      onMouseUp={(event) => {
        if (keepSelection.current) event.preventDefault();
        keepSelection.current = false;
      }}
      onBlur={(event) => {
        setFocused(false);
        keepSelection.current = false;
        // A valid text is shown again the office's way (Mantine formats it); the problem then clears.
        if (problem === null) setText(null);
        onBlur?.(event);
      }}
    />
  );
}
