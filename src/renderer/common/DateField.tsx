import { DateInput, type DateInputProps } from '@mantine/dates';
import { useState } from 'react';
import { formatChineseDate, parseLooseDate } from '../../shared/dates';

/**
 * Dates typed in any common office form ("2026年8月1日", "2026.8.1", "20260801"), shown the
 * office's way, stored as ISO strings. Text that is not a date, or a date past `maxDate`, is
 * said so on leaving the field instead of silently disappearing.
 */
export function DateField(
  props: Omit<DateInputProps, 'value' | 'onChange' | 'maxDate'> & {
    value: string | null;
    onChange: (value: string | null) => void;
    maxDate?: string;
  },
) {
  const { value, onChange, error, maxDate, label, ...rest } = props;
  const [typedError, setTypedError] = useState<string | null>(null);
  const name = typeof label === 'string' ? label : '日期';
  return (
    <DateInput
      valueFormat="YYYY年M月D日"
      monthLabelFormat="YYYY年M月"
      yearLabelFormat="YYYY年"
      decadeLabelFormat="YYYY年 – YYYY年"
      dateParser={(text) => parseLooseDate(text)}
      clearable
      placeholder="选择或输入日期"
      label={label}
      {...rest}
      {...(maxDate ? { maxDate } : {})}
      error={typedError ?? error}
      value={value}
      onChange={(v) => {
        setTypedError(null);
        onChange(v ? String(v).slice(0, 10) : null);
      }}
      onBlur={(event) => {
        const text = event.currentTarget.value.trim();
        if (!text || text === formatChineseDate(value)) return setTypedError(null);
        const parsed = parseLooseDate(text);
        if (!parsed) return setTypedError(`${name}“${text}”不是有效日期，可写作 2026-08-01 或 2026年8月1日`);
        if (maxDate && parsed > maxDate) return setTypedError(`${name}“${text}”晚于今天`);
        setTypedError(null);
      }}
    />
  );
}
