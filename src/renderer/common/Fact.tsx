import { Text } from '@mantine/core';
import type { ReactNode } from 'react';

/** A labelled value on a detail page; an empty value shows a dash rather than nothing. */
export function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" className="tabular">
        {children || children === 0 ? (
          children
        ) : (
          <Text span c="dimmed" size="sm">
            —
          </Text>
        )}
      </Text>
    </div>
  );
}
