import { Box, Stack, Text } from '@mantine/core';
import { paragraphDiff, type ParagraphChange } from '../../shared/text-diff';

const REMOVED = {
  background: 'var(--mantine-color-red-1)',
  textDecoration: 'line-through',
  color: 'var(--mantine-color-red-9)',
};
const ADDED = { background: 'var(--mantine-color-green-1)', color: 'var(--mantine-color-green-9)' };

/** Paragraphs left as they were, kept short: the first and last line of a run stand for it. */
function Same({ text }: { text: string }) {
  return (
    <Text size="sm" c="dimmed" style={{ whiteSpace: 'pre-wrap' }}>
      {text || '\u00a0'}
    </Text>
  );
}

function Change({ c }: { c: ParagraphChange }) {
  if (c.kind === 'same') return <Same text={c.text} />;
  if (c.kind === 'removed')
    return (
      <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
        <Text span inherit style={REMOVED}>
          {c.text || '（空行）'}
        </Text>
      </Text>
    );
  if (c.kind === 'added')
    return (
      <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
        <Text span inherit style={ADDED}>
          {c.text || '（空行）'}
        </Text>
      </Text>
    );
  return (
    <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
      {c.pieces.map((p, i) => (
        <Text key={i} span inherit style={p.change === 'removed' ? REMOVED : p.change === 'added' ? ADDED : undefined}>
          {p.text}
        </Text>
      ))}
    </Text>
  );
}

/**
 * Two versions of a long text, paragraph by paragraph: what goes struck through in red, what
 * comes in green, unchanged paragraphs in grey with long runs of them shortened.
 */
export function TextDiff({ before, after, label }: { before: string; after: string; label?: string }) {
  const changes = paragraphDiff(before, after);
  const rows: (ParagraphChange | { kind: 'gap'; count: number })[] = [];
  const near = (i: number) => changes.slice(Math.max(0, i - 1), i + 2).some((c) => c.kind !== 'same');
  let skipped = 0;
  changes.forEach((c, i) => {
    if (c.kind === 'same' && !near(i)) {
      skipped++;
      return;
    }
    if (skipped) rows.push({ kind: 'gap', count: skipped });
    skipped = 0;
    rows.push(c);
  });
  if (skipped) rows.push({ kind: 'gap', count: skipped });
  return (
    <Box aria-label={label ?? '改动对照'} role="group">
      <Stack gap={4}>
        {rows.map((r, i) =>
          r.kind === 'gap' ? (
            <Text key={i} size="xs" c="dimmed">{`……（未改动的${r.count}段）`}</Text>
          ) : (
            <Change key={i} c={r} />
          ),
        )}
      </Stack>
    </Box>
  );
}
