import { Alert, Box, Button, Group, Loader, Paper, ScrollArea, Stack, Text } from '@mantine/core';
import { IconFileTypeDocx, IconFileTypePdf, IconPrinter, IconRefresh } from '@tabler/icons-react';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { DocumentPreview } from '../../shared/documents';
import { AppError } from '../../shared/errors';
import { invoke, onDataChanged } from '../api/client';
import { saveFile } from '../common/files';
import { messageOf, notifyFailed } from '../common/notify';
import { PdfPages } from '../documents/PdfPages';
import { printHtml } from '../documents/print-frame';

type State =
  { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready'; preview: DocumentPreview };

const A4_WIDTH_PX = (210 / 25.4) * 96;

/**
 * A document of the documents engine as it prints, inside a screen: the PDF's own pages, with
 * 打印 (the same HTML through the system dialog), 保存为PDF and 保存为Word. It follows data
 * changes, so a signed date or an edited report shows at once.
 */
export function DocPreview({
  id,
  params,
  height = 620,
  label,
}: {
  id: string;
  params: Record<string, number>;
  height?: number;
  label: string;
}) {
  const [state, setState] = useState<State>({ status: 'loading' });
  const [saving, setSaving] = useState<'pdf' | 'docx' | null>(null);
  const [zoom, setZoom] = useState(0.75);
  const [version, setVersion] = useState(0);
  const viewer = useRef<HTMLDivElement>(null);
  const key = JSON.stringify(params);

  useEffect(() => onDataChanged(() => setVersion((v) => v + 1)), []);
  useEffect(() => {
    let cancelled = false;
    setState((s) => (s.status === 'ready' ? s : { status: 'loading' }));
    invoke('documents.preview', { id, params: JSON.parse(key) as Record<string, number> }).then(
      (preview) => !cancelled && setState({ status: 'ready', preview }),
      (error: unknown) => !cancelled && setState({ status: 'error', message: messageOf(error) }),
    );
    return () => {
      cancelled = true;
    };
  }, [id, key, version]);

  // Fit the widest page (a landscape table is wider than A4 upright) to the viewer's width.
  const fit = useCallback((pagePx: number) => {
    const width = viewer.current?.clientWidth ?? 0;
    if (width > 0) setZoom(Math.max(0.3, Math.min(1.2, (width - 48) / pagePx)));
  }, []);
  useEffect(() => fit(A4_WIDTH_PX), [fit]);

  const onRenderError = useCallback(
    (error: unknown) =>
      setState({ status: 'error', message: `预览无法显示：${error instanceof Error ? error.message : String(error)}` }),
    [],
  );
  const ready = state.status === 'ready' ? state.preview : null;

  const save = async (format: 'pdf' | 'docx') => {
    setSaving(format);
    try {
      if (format === 'pdf' && ready)
        saveFile({ fileName: `${ready.meta.fileName}.pdf`, mimeType: 'application/pdf', base64: ready.pdf });
      else
        saveFile(await invoke('documents.export', { id, params: JSON.parse(key) as Record<string, number>, format }));
    } catch (error) {
      notifyFailed(error);
    } finally {
      setSaving(null);
    }
  };
  const print = async () => {
    if (!ready) return;
    try {
      await printHtml(ready.html);
    } catch (error) {
      notifyFailed(
        new AppError({
          code: 'INTERNAL',
          message: `无法打开打印对话框：${error instanceof Error ? error.message : String(error)}`,
        }),
      );
    }
  };

  return (
    <Stack gap="xs" aria-label={label}>
      <Group justify="space-between" wrap="nowrap">
        <Text size="sm" c="dimmed" data-testid="preview-pages">
          {ready ? `${ready.meta.title}，共 ${ready.meta.pageCount} 页` : '正在排版……'}
        </Text>
        <Group gap={6} wrap="nowrap">
          <Button size="xs" leftSection={<IconPrinter size={15} />} onClick={print} disabled={!ready}>
            打印
          </Button>
          <Button
            size="xs"
            variant="default"
            leftSection={<IconFileTypePdf size={15} />}
            onClick={() => save('pdf')}
            loading={saving === 'pdf'}
            disabled={!ready}
          >
            保存为PDF
          </Button>
          <Button
            size="xs"
            variant="default"
            leftSection={<IconFileTypeDocx size={15} />}
            onClick={() => save('docx')}
            loading={saving === 'docx'}
          >
            保存为Word
          </Button>
          <Button
            size="xs"
            variant="subtle"
            color="gray"
            leftSection={<IconRefresh size={15} />}
            onClick={() => setVersion((v) => v + 1)}
          >
            刷新
          </Button>
        </Group>
      </Group>
      <Paper ref={viewer} withBorder h={height} style={{ background: '#e3e5e8', overflow: 'hidden' }}>
        <ScrollArea h="100%" type="auto" offsetScrollbars>
          {state.status === 'loading' && (
            <Stack align="center" py={80} gap="xs">
              <Loader size="sm" />
              <Text size="sm" c="dimmed">
                正在排版……
              </Text>
            </Stack>
          )}
          {state.status === 'error' && (
            <Box p="lg">
              <Alert color="orange" title="暂时无法生成">
                {state.message}
              </Alert>
            </Box>
          )}
          {ready && <PdfPages pdf={ready.pdf} zoom={zoom} onError={onRenderError} onWidestPage={fit} />}
        </ScrollArea>
      </Paper>
    </Stack>
  );
}
