import {
  ActionIcon,
  Alert,
  Badge,
  Box,
  Button,
  Collapse,
  Group,
  List,
  Paper,
  ScrollArea,
  Stack,
  Text,
  Title,
  Tooltip,
  UnstyledButton,
} from '@mantine/core';
import {
  IconAlertTriangle,
  IconCheck,
  IconFileTypeDocx,
  IconFileTypePdf,
  IconPrinter,
  IconZoomIn,
  IconZoomOut,
  IconArrowsHorizontal,
} from '@tabler/icons-react';
import { modals } from '@mantine/modals';
import { useCallback, useEffect, useRef, useState } from 'react';
import {
  DOCUMENT_KIND_LABEL,
  type DocumentInfo,
  type DocumentParamValue,
  type DocumentPreview,
  type ExportFormat,
} from '../../shared/documents';
import { AppError } from '../../shared/errors';
import { invoke } from '../api/client';
import { useQuery } from '../api/use-query';
import { go } from '../app/routes';
import { saveFile } from '../common/files';
import { messageOf, notifyFailed } from '../common/notify';
import { QueryView } from '../common/QueryView';
import { TaskProgress } from '../common/TaskProgress';
import { useTask } from '../common/use-task';
import { useDocumentParams, type ChosenParams } from './DocumentParams';
import { PdfPages } from './PdfPages';
import { printHtml } from './print-frame';

const ZOOMS = [0.5, 0.67, 0.75, 0.9, 1, 1.25, 1.5, 2];
const A4_WIDTH_PX = (210 / 25.4) * 96;

type PreviewState =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | { status: 'ready'; preview: DocumentPreview; paramsKey: string };

/** 文档打印: choose a document, see its pages as they will print, print, save as PDF or Word. */
export function DocumentsScreen() {
  const list = useQuery('documents.list', {});
  const status = useQuery('app.status', {});
  const today = status.status === 'ready' && status.data.state === 'ready' ? status.data.today : null;
  const [selected, setSelected] = useState<string | null>(null);
  // What the office chose for each document, kept while switching between documents.
  const [chosen, setChosen] = useState<Record<string, ChosenParams>>({});

  useEffect(() => {
    if (!selected && list.status === 'ready' && list.data[0]) setSelected(list.data[0].id);
  }, [selected, list]);

  const current = list.status === 'ready' ? (list.data.find((d) => d.id === selected) ?? null) : null;

  return (
    <Stack gap="md" h="calc(100vh - 56px - 30px - 2 * var(--mantine-spacing-lg))">
      <div>
        <Title order={2}>文档打印</Title>
        <Text size="sm" c="dimmed">
          按《党政机关公文格式》（GB/T 9704-2012）排版：预览即打印效果，可直接打印，或保存为 PDF、Word。
        </Text>
      </div>
      <Group align="stretch" gap="md" wrap="nowrap" style={{ flex: 1, minHeight: 0 }}>
        <Paper withBorder w={270} p="xs" style={{ flex: 'none', overflow: 'auto' }}>
          <QueryView query={list}>
            {(docs) => <DocumentList docs={docs} selected={selected} onSelect={setSelected} />}
          </QueryView>
        </Paper>
        <Box style={{ flex: 1, minWidth: 0, display: 'flex', flexDirection: 'column' }}>
          {current && today ? (
            <Preview
              key={current.id}
              doc={current}
              today={today}
              chosen={chosen[current.id] ?? {}}
              onChoose={(name, value) =>
                setChosen((all) => ({ ...all, [current.id]: { ...all[current.id], [name]: value } }))
              }
            />
          ) : (
            <Paper withBorder p="xl">
              <Text c="dimmed">请在左侧选择文档。</Text>
            </Paper>
          )}
        </Box>
      </Group>
    </Stack>
  );
}

function DocumentList({
  docs,
  selected,
  onSelect,
}: {
  docs: DocumentInfo[];
  selected: string | null;
  onSelect: (id: string) => void;
}) {
  const kinds = (['narrative', 'table', 'binder'] as const).filter((k) => docs.some((d) => d.kind === k));
  return (
    <Stack gap="sm" role="listbox" aria-label="文档">
      {kinds.map((kind) => (
        <Stack key={kind} gap={4}>
          <Text size="xs" fw={600} c="dimmed" px={6}>
            {DOCUMENT_KIND_LABEL[kind]}
          </Text>
          {docs
            .filter((d) => d.kind === kind)
            .map((d) => {
              const active = d.id === selected;
              return (
                <UnstyledButton
                  key={d.id}
                  role="option"
                  aria-selected={active}
                  onClick={() => onSelect(d.id)}
                  px={8}
                  py={6}
                  style={{
                    borderRadius: 4,
                    borderLeft: `3px solid ${active ? 'var(--mantine-color-partyRed-7)' : 'transparent'}`,
                    background: active ? 'var(--mantine-color-partyRed-0)' : undefined,
                  }}
                >
                  <Text size="sm" fw={active ? 600 : 500}>
                    {d.title}
                  </Text>
                  <Text size="xs" c="dimmed" lh={1.35}>
                    {d.description}
                  </Text>
                </UnstyledButton>
              );
            })}
        </Stack>
      ))}
    </Stack>
  );
}

interface PreviewProps {
  doc: DocumentInfo;
  today: string;
  chosen: ChosenParams;
  onChoose: (name: string, value: DocumentParamValue | null) => void;
}

function Preview({ doc, today, chosen, onChoose }: PreviewProps) {
  const { params, missing, failed, pickers } = useDocumentParams(doc, today, chosen, onChoose);
  const [state, setState] = useState<PreviewState>({ status: 'idle' });
  // A long ledger or binder takes a while to set: the bar says what is being done, and it can be stopped.
  const layoutTask = useTask();
  const { run: runLayout, cancel: cancelLayout } = layoutTask;
  const [zoom, setZoom] = useState(0.75);
  const [saving, setSaving] = useState<ExportFormat | null>(null);
  const [printing, setPrinting] = useState(false);
  const viewer = useRef<HTMLDivElement>(null);
  // null until every picker has its value (or when one cannot have any).
  const paramsKey = params ? JSON.stringify(params) : null;
  const nothingToChoose = missing !== null;

  useEffect(() => {
    if (paramsKey === null) {
      setState(
        nothingToChoose ? { status: 'idle' } : failed ? { status: 'error', message: failed } : { status: 'loading' },
      );
      return;
    }
    let cancelled = false;
    setState({ status: 'loading' });
    runLayout(
      (task) =>
        invoke(
          'documents.preview',
          { id: doc.id, params: JSON.parse(paramsKey) as Record<string, DocumentParamValue> },
          { task },
        ),
      '正在排版',
    ).then(
      (preview) => !cancelled && setState({ status: 'ready', preview, paramsKey }),
      (error: unknown) =>
        !cancelled &&
        setState({
          status: 'error',
          message:
            error instanceof AppError && error.code === 'CANCELLED'
              ? '已停止排版。重新选择这份文档或更改选项即可再次生成。'
              : messageOf(error),
        }),
    );
    return () => {
      // Another document or other options: the one being set is no longer wanted.
      cancelled = true;
      cancelLayout();
    };
  }, [doc.id, paramsKey, nothingToChoose, failed, runLayout, cancelLayout]);

  const onRenderError = useCallback((error: unknown) => {
    setState({ status: 'error', message: `预览无法显示：${error instanceof Error ? error.message : String(error)}` });
  }, []);

  /** A binder with parts not finished is printed or saved only after the office says so, the parts named. */
  const unlessUnfinished = (action: string, go: () => void) => {
    const unfinished = state.status === 'ready' ? (state.preview.meta.unfinished ?? []) : [];
    if (unfinished.length === 0) return go();
    modals.openConfirmModal({
      title: `有${unfinished.length}份材料尚未完成`,
      children: (
        <Stack gap={6}>
          <Text size="sm">下列材料尚未完成，印出的是现有内容：</Text>
          <List size="sm" spacing={2} data-testid="unfinished-parts">
            {unfinished.map((part) => (
              <List.Item key={part}>{part}</List.Item>
            ))}
          </List>
          <Text size="sm">仍要{action}吗？</Text>
        </Stack>
      ),
      labels: { confirm: `仍然${action}`, cancel: '取消' },
      onConfirm: go,
    });
  };

  const save = async (format: ExportFormat) => {
    // What is saved is what is on screen: the document with the params it was previewed with.
    if (state.status !== 'ready') return;
    setSaving(format);
    try {
      if (format === 'pdf') {
        // The PDF on screen is the one saved.
        const { meta, pdf } = state.preview;
        saveFile({ fileName: `${meta.fileName}.pdf`, mimeType: 'application/pdf', base64: pdf });
      } else {
        saveFile(
          await invoke('documents.export', {
            id: doc.id,
            params: JSON.parse(state.paramsKey) as Record<string, DocumentParamValue>,
            format,
          }),
        );
      }
    } catch (error) {
      notifyFailed(error);
    } finally {
      setSaving(null);
    }
  };

  const print = async () => {
    if (state.status !== 'ready') return;
    setPrinting(true);
    try {
      await printHtml(state.preview.html);
    } catch (error) {
      notifyFailed(
        new AppError({
          code: 'INTERNAL',
          message: `无法打开打印对话框：${error instanceof Error ? error.message : String(error)}`,
        }),
      );
    } finally {
      setPrinting(false);
    }
  };

  const widest = useRef(A4_WIDTH_PX);
  const fitZoom = () => {
    const width = viewer.current?.clientWidth ?? 0;
    return width > 0 ? Math.max(0.3, Math.min(3, (width - 64) / widest.current)) : 1;
  };
  const fitWidth = () => setZoom(fitZoom());
  // A landscape page that would not fit at the usual zoom opens fitted to the width.
  const onWidestPage = useCallback((px: number) => {
    widest.current = px;
    setZoom((z) => Math.min(z, fitZoom()));
  }, []);
  const step = (direction: 1 | -1) => {
    const next =
      direction > 0 ? ZOOMS.find((z) => z > zoom + 0.001) : [...ZOOMS].reverse().find((z) => z < zoom - 0.001);
    if (next) setZoom(next);
  };

  const ready = state.status === 'ready' ? state.preview : null;

  return (
    <Stack gap="sm" style={{ flex: 1, minHeight: 0 }}>
      <Paper withBorder px="md" py="xs">
        <Group justify="space-between" wrap="nowrap" gap="sm">
          <Group gap="sm" wrap="nowrap" style={{ minWidth: 0 }}>
            <Badge variant="light" color="gray" radius="sm" style={{ flex: 'none' }}>
              {DOCUMENT_KIND_LABEL[doc.kind]}
            </Badge>
            <Text fw={600} truncate="end" data-testid="document-title" title={ready?.meta.title ?? doc.title}>
              {ready?.meta.title ?? doc.title}
            </Text>
            {ready && (
              <Text size="sm" c="dimmed" className="tabular" style={{ flex: 'none' }} data-testid="page-count">
                共 {ready.meta.pageCount} 页
              </Text>
            )}
          </Group>
          <Group gap={6} wrap="nowrap" style={{ flex: 'none' }}>
            <Button
              leftSection={<IconPrinter size={16} />}
              onClick={() => unlessUnfinished('打印', () => void print())}
              loading={printing}
              disabled={!ready}
            >
              打印
            </Button>
            <Button
              variant="default"
              leftSection={<IconFileTypePdf size={16} />}
              onClick={() => unlessUnfinished('保存', () => void save('pdf'))}
              loading={saving === 'pdf'}
              disabled={!ready}
            >
              保存为PDF
            </Button>
            {doc.formats.includes('docx') && (
              <Button
                variant="default"
                leftSection={<IconFileTypeDocx size={16} />}
                onClick={() => unlessUnfinished('保存', () => void save('docx'))}
                loading={saving === 'docx'}
                disabled={!ready}
              >
                保存为Word
              </Button>
            )}
          </Group>
        </Group>
      </Paper>

      {pickers}
      {ready && <Notes preview={ready} />}

      <Box
        ref={viewer}
        style={{
          position: 'relative',
          flex: 1,
          minHeight: 0,
          background: '#e3e5e8',
          borderRadius: 4,
          border: '1px solid var(--mantine-color-gray-3)',
        }}
      >
        {ready && (
          <Paper
            shadow="sm"
            radius="xl"
            px={6}
            py={4}
            style={{ position: 'absolute', top: 12, right: 24, zIndex: 2 }}
            aria-label="缩放"
          >
            <Group gap={4} wrap="nowrap">
              <Tooltip label="缩小">
                <ActionIcon
                  variant="subtle"
                  color="gray"
                  radius="xl"
                  onClick={() => step(-1)}
                  aria-label="缩小"
                  disabled={zoom <= ZOOMS[0]!}
                >
                  <IconZoomOut size={18} />
                </ActionIcon>
              </Tooltip>
              <Text size="sm" w={44} ta="center" className="tabular" data-testid="zoom">
                {Math.round(zoom * 100)}%
              </Text>
              <Tooltip label="放大">
                <ActionIcon
                  variant="subtle"
                  color="gray"
                  radius="xl"
                  onClick={() => step(1)}
                  aria-label="放大"
                  disabled={zoom >= ZOOMS.at(-1)!}
                >
                  <IconZoomIn size={18} />
                </ActionIcon>
              </Tooltip>
              <Tooltip label="适合宽度">
                <ActionIcon variant="subtle" color="gray" radius="xl" onClick={fitWidth} aria-label="适合宽度">
                  <IconArrowsHorizontal size={18} />
                </ActionIcon>
              </Tooltip>
            </Group>
          </Paper>
        )}
        <ScrollArea h="100%" type="auto" offsetScrollbars>
          {state.status === 'loading' && (
            <Box maw={420} mx="auto" py={80} px="md" data-testid="document-progress">
              <TaskProgress task={layoutTask} cancelLabel="停止排版" />
            </Box>
          )}
          {missing && (
            <Box p="lg">
              <Alert color="blue" title="还不能生成这份文档" data-testid="document-missing">
                <Stack gap="sm" align="flex-start">
                  <Text size="sm">{missing.message}</Text>
                  <Button size="xs" variant="light" onClick={() => go(missing.route)}>
                    {missing.action}
                  </Button>
                </Stack>
              </Alert>
            </Box>
          )}
          {state.status === 'error' && (
            <Box p="lg">
              <Alert color="red" title="无法生成文档">
                {state.message}
              </Alert>
            </Box>
          )}
          {ready && <PdfPages pdf={ready.pdf} zoom={zoom} onError={onRenderError} onWidestPage={onWidestPage} />}
        </ScrollArea>
      </Box>
    </Stack>
  );
}

function Notes({ preview }: { preview: DocumentPreview }) {
  const { meta } = preview;
  const [open, setOpen] = useState(false);
  return (
    <Stack gap={6}>
      {meta.substitutions.length > 0 ? (
        <Paper px="sm" py={6} radius="sm" bg="yellow.0" style={{ border: '1px solid var(--mantine-color-yellow-3)' }}>
          <Group gap={8} wrap="nowrap">
            <IconAlertTriangle size={16} color="var(--mantine-color-yellow-8)" style={{ flex: 'none' }} />
            <Text size="sm" style={{ flex: 1 }}>
              本机缺少 {meta.substitutions.length} 种公文标准字体，暂以其他字体代替显示和打印，行数、字数和版心不变。
            </Text>
            <Button
              variant="subtle"
              color="yellow.9"
              size="compact-sm"
              onClick={() => setOpen((v) => !v)}
              aria-expanded={open}
            >
              {open ? '收起' : '字体详情'}
            </Button>
          </Group>
          <Collapse expanded={open}>
            <List size="sm" spacing={2} mt={6} ml={24} data-testid="font-substitutions">
              {meta.substitutions.map((note) => (
                <List.Item key={note}>{note}</List.Item>
              ))}
            </List>
            <Text size="xs" c="dimmed" mt={4} ml={24}>
              保存为 Word 时仍写入标准字体名称；在装有这些字体的电脑上用 WPS 或 Word 打开，即为标准字体。
            </Text>
          </Collapse>
        </Paper>
      ) : (
        <Group gap={6}>
          <IconCheck size={16} color="var(--mantine-color-teal-7)" />
          <Text size="sm" c="dimmed">
            字体齐全：标题、正文、各级标题和页码均使用公文标准字体。
          </Text>
        </Group>
      )}
      {meta.parts && (
        <Text size="sm" c="dimmed" data-testid="binder-parts">
          目录：{meta.parts.map((p) => `${p.title}（第${p.page}页）`).join('，')}
        </Text>
      )}
    </Stack>
  );
}
