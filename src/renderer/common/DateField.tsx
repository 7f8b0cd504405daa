import { DateInput, type DateInputProps } from '@mantine/dates';

/** Dates typed and shown the office's way ("2026年8月1日"), stored as ISO strings. */
export function DateField(props: Omit<DateInputProps, 'value' | 'onChange'> & {
  value: string | null;
  onChange: (value: string | null) => void;
}) {
  const { value, onChange, ...rest } = props;
  return (
    <DateInput
      valueFormat="YYYY年M月D日"
      clearable
      placeholder="选择或输入日期"
      {...rest}
      value={value}
      onChange={(v) => onChange(v ? String(v).slice(0, 10) : null)}
    />
  );
}
