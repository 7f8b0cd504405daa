import { DateInput, type DateInputProps } from '@mantine/dates';
import { parseLooseDate } from '../../shared/dates';

/** Dates typed in any common office form ("2026年8月1日", "2026.8.1", "20260801"), shown the office's way, stored as ISO strings. */
export function DateField(props: Omit<DateInputProps, 'value' | 'onChange'> & {
  value: string | null;
  onChange: (value: string | null) => void;
}) {
  const { value, onChange, ...rest } = props;
  return (
    <DateInput
      valueFormat="YYYY年M月D日"
      dateParser={(text) => parseLooseDate(text)}
      clearable
      placeholder="选择或输入日期"
      {...rest}
      value={value}
      onChange={(v) => onChange(v ? String(v).slice(0, 10) : null)}
    />
  );
}
