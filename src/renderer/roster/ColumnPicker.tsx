import { ActionIcon, Button, Checkbox, Group, Popover, ScrollArea, Stack, Text } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconColumns } from '@tabler/icons-react';
import { COLUMNS, DEFAULT_COLUMNS } from './columns';

/** Choose which columns show and in what order; the choice is remembered on this computer. */
export function ColumnPicker({ value, onChange }: { value: string[]; onChange: (keys: string[]) => void }) {
  const hidden = COLUMNS.filter((c) => !value.includes(c.key));
  const move = (index: number, by: number) => {
    const next = [...value];
    const [item] = next.splice(index, 1);
    next.splice(index + by, 0, item!);
    onChange(next);
  };
  return (
    <Popover width={300} position="bottom-end" shadow="md" withinPortal>
      <Popover.Target>
        <Button variant="default" leftSection={<IconColumns size={16} />}>
          列
        </Button>
      </Popover.Target>
      <Popover.Dropdown aria-label="选择显示的列">
        <ScrollArea.Autosize mah={420}>
          <Stack gap={4}>
            <Text size="xs" c="dimmed">
              显示的列（可调整顺序）
            </Text>
            {value.map((key, i) => {
              const column = COLUMNS.find((c) => c.key === key)!;
              return (
                <Group key={key} justify="space-between" wrap="nowrap">
                  <Checkbox
                    size="xs"
                    label={column.label}
                    checked
                    disabled={value.length === 1}
                    onChange={() => onChange(value.filter((k) => k !== key))}
                  />
                  <Group gap={2}>
                    <ActionIcon
                      size="sm"
                      variant="subtle"
                      color="gray"
                      aria-label={`${column.label}上移`}
                      disabled={i === 0}
                      onClick={() => move(i, -1)}
                    >
                      <IconArrowUp size={14} />
                    </ActionIcon>
                    <ActionIcon
                      size="sm"
                      variant="subtle"
                      color="gray"
                      aria-label={`${column.label}下移`}
                      disabled={i === value.length - 1}
                      onClick={() => move(i, 1)}
                    >
                      <IconArrowDown size={14} />
                    </ActionIcon>
                  </Group>
                </Group>
              );
            })}
            {hidden.length > 0 && (
              <Text size="xs" c="dimmed" mt="xs">
                未显示的列
              </Text>
            )}
            {hidden.map((column) => (
              <Checkbox
                key={column.key}
                size="xs"
                label={column.label}
                checked={false}
                onChange={() => onChange([...value, column.key])}
              />
            ))}
            <Button variant="subtle" size="xs" mt="xs" onClick={() => onChange(DEFAULT_COLUMNS)}>
              恢复默认
            </Button>
          </Stack>
        </ScrollArea.Autosize>
      </Popover.Dropdown>
    </Popover>
  );
}
