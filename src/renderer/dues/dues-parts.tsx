import { Badge, Button, Group, Menu, Select, Text, TextInput, type TextInputProps } from '@mantine/core';
import { IconChevronDown, IconFileSpreadsheet, IconFileTypeDocx, IconFileTypePdf } from '@tabler/icons-react';
import { useEffect, useState, type ReactNode } from 'react';
import { formatYuan, parseYuan } from '../../shared/dues/money';
import { DUES_DOCUMENT_ID, DUES_REPORT_LABEL, type DuesReport, type ReportParams } from '../../shared/dues/views';
import { invoke } from '../api/client';
import { saveFile } from '../common/files';
import { notifyFailed } from '../common/notify';
import { useBranches } from './dues-hooks';

/* The pieces every 党费 screen draws: amounts in 元, the amount field, the branch picker, the report menu, badges and the toolbar. */

/** "94.50"; a dash for nothing. */
export function Yuan({ fen, dimmed }: { fen: number | null | undefined; dimmed?: boolean }) {
  if (fen === null || fen === undefined)
    return (
      <Text span c="dimmed">
        —
      </Text>
    );
  return (
    <Text span className="tabular" c={dimmed ? 'dimmed' : undefined} inherit>
      {formatYuan(fen)}
    </Text>
  );
}

/**
 * An amount of 元 typed as people type it ("6300", "6,300.00"), held as 分. The text is parsed
 * at the edge by the shared rules; what cannot be an amount is said when leaving the field.
 */
export function YuanInput({
  value,
  onChange,
  error,
  ...rest
}: Omit<TextInputProps, 'value' | 'onChange'> & { value: number | null; onChange: (fen: number | null) => void }) {
  const [text, setText] = useState(value === null ? '' : formatYuan(value));
  const [typed, setTyped] = useState<string | null>(null);
  useEffect(() => {
    // Follow a value set from outside unless it is what the text already says.
    const parsed = parseYuan(text);
    if (value === null ? text.trim() !== '' && parsed.ok : !parsed.ok || parsed.fen !== value)
      setText(value === null ? '' : formatYuan(value));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [value]);
  return (
    <TextInput
      {...rest}
      className="tabular"
      rightSection={
        <Text size="xs" c="dimmed">
          元
        </Text>
      }
      value={text}
      error={typed ?? error}
      onChange={(e) => {
        const next = e.currentTarget.value;
        setText(next);
        setTyped(null);
        if (!next.trim()) return onChange(null);
        const parsed = parseYuan(next);
        if (parsed.ok) onChange(parsed.fen);
      }}
      onBlur={() => {
        if (!text.trim()) return setTyped(null);
        const parsed = parseYuan(text);
        if (!parsed.ok) return setTyped(parsed.message);
        setTyped(null);
        setText(formatYuan(parsed.fen));
      }}
    />
  );
}

export function BranchSelect({
  value,
  onChange,
  allLabel = '全部党支部',
  w = 200,
}: {
  value: number | null;
  onChange: (id: number | null) => void;
  allLabel?: string | null;
  w?: number;
}) {
  const branches = useBranches();
  const data = [
    ...(allLabel ? [{ value: '', label: allLabel }] : []),
    ...branches.map((b) => ({ value: String(b.id), label: b.name })),
  ];
  return (
    <Select
      aria-label="党支部"
      w={w}
      data={data}
      value={value === null ? '' : String(value)}
      onChange={(v) => onChange(v ? Number(v) : null)}
      allowDeselect={false}
    />
  );
}

/** Save a dues report as PDF, Word (through the documents engine) or Excel. */
export function ReportMenu({
  report,
  params,
  label,
  variant = 'default',
}: {
  report: DuesReport;
  params: ReportParams;
  label?: string;
  variant?: 'default' | 'light' | 'filled';
}) {
  const [busy, setBusy] = useState(false);
  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    try {
      await work();
    } catch (error) {
      notifyFailed(error);
    } finally {
      setBusy(false);
    }
  };
  const clean = Object.fromEntries(Object.entries(params).filter(([, v]) => v !== undefined && v !== null)) as Record<
    string,
    string | number
  >;
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button variant={variant} loading={busy} rightSection={<IconChevronDown size={14} />} style={{ flexShrink: 0 }}>
          {label ?? `打印${DUES_REPORT_LABEL[report]}`}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{DUES_REPORT_LABEL[report]}</Menu.Label>
        <Menu.Item
          leftSection={<IconFileTypePdf size={16} />}
          onClick={() =>
            run(async () =>
              saveFile(
                await invoke('documents.export', { id: DUES_DOCUMENT_ID[report], params: clean, format: 'pdf' }),
              ),
            )
          }
        >
          保存为 PDF（打印用）
        </Menu.Item>
        <Menu.Item
          leftSection={<IconFileTypeDocx size={16} />}
          onClick={() =>
            run(async () =>
              saveFile(
                await invoke('documents.export', { id: DUES_DOCUMENT_ID[report], params: clean, format: 'docx' }),
              ),
            )
          }
        >
          保存为 Word
        </Menu.Item>
        <Menu.Item
          leftSection={<IconFileSpreadsheet size={16} />}
          onClick={() => run(async () => saveFile(await invoke('dues.exportReport', { report, params: clean })))}
        >
          导出 Excel
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}

export function StatusBadge({ locked }: { locked: boolean }) {
  return locked ? (
    <Badge color="teal" variant="light">
      已锁定
    </Badge>
  ) : (
    <Badge color="orange" variant="light">
      未锁定
    </Badge>
  );
}

export function Stat({ label, children, color }: { label: string; children: ReactNode; color?: string }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fz={20} fw={600} c={color} className="tabular" lh={1.4}>
        {children}
      </Text>
    </div>
  );
}

export function Toolbar({ children }: { children: ReactNode }) {
  return (
    <Group gap="xs" wrap="wrap" align="flex-end">
      {children}
    </Group>
  );
}
