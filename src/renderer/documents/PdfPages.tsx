import { Center, Loader, Stack, Text } from '@mantine/core';
import type { PDFDocumentProxy, RenderTask } from 'pdfjs-dist';
import { useEffect, useRef, useState } from 'react';
import { openPdf } from './pdfjs';

/** CSS pixels per PDF point: a page at 100% is its real size on a 96 dpi screen. */
const PX_PER_PT = 96 / 72;

interface PageSize {
  width: number;
  height: number;
}

/** The PDF's pages as sheets of paper, drawn when they scroll into view and redrawn on zoom. */
export function PdfPages({
  pdf,
  zoom,
  onError,
  onWidestPage,
}: {
  pdf: string;
  zoom: number;
  onError: (error: unknown) => void;
  /** The widest page's width in CSS pixels at 100%, once the PDF is open. */
  onWidestPage?: (px: number) => void;
}) {
  const [doc, setDoc] = useState<PDFDocumentProxy | null>(null);
  const [sizes, setSizes] = useState<PageSize[]>([]);

  useEffect(() => {
    let cancelled = false;
    let close: (() => void) | null = null;
    setDoc(null);
    setSizes([]);
    // A newer PDF (or leaving the screen) destroys this one mid-way; pdf.js then rejects
    // whatever was pending with "Transport destroyed", which is no error to report.
    openPdf(pdf)
      .then(async (opened) => {
        close = opened.close;
        if (cancelled) return opened.close();
        const found: PageSize[] = [];
        for (let n = 1; n <= opened.doc.numPages; n++) {
          const viewport = (await opened.doc.getPage(n)).getViewport({ scale: 1 });
          found.push({ width: viewport.width, height: viewport.height });
        }
        if (cancelled) return;
        setDoc(opened.doc);
        setSizes(found);
        onWidestPage?.(Math.max(...found.map((f) => f.width)) * PX_PER_PT);
      })
      .catch((error: unknown) => !cancelled && onError(error));
    return () => {
      cancelled = true;
      close?.();
    };
  }, [pdf, onError, onWidestPage]);

  if (!doc) {
    return (
      <Center py={80}>
        <Loader size="sm" />
      </Center>
    );
  }
  // At least as wide as the viewer (pages centred), wider when a page is (scrolls sideways).
  return (
    <Stack align="center" gap="lg" py="lg" px="lg" style={{ width: 'max-content', minWidth: '100%' }}>
      {sizes.map((size, i) => (
        <PdfPage key={i} doc={doc} number={i + 1} total={sizes.length} size={size} zoom={zoom} />
      ))}
    </Stack>
  );
}

function PdfPage({
  doc,
  number,
  total,
  size,
  zoom,
}: {
  doc: PDFDocumentProxy;
  number: number;
  total: number;
  size: PageSize;
  zoom: number;
}) {
  const holder = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const [visible, setVisible] = useState(false);
  const [drawn, setDrawn] = useState(false);
  const width = Math.round(size.width * PX_PER_PT * zoom);
  const height = Math.round(size.height * PX_PER_PT * zoom);

  useEffect(() => {
    const element = holder.current;
    if (!element) return;
    const observer = new IntersectionObserver((entries) => setVisible(entries.some((e) => e.isIntersecting)), {
      rootMargin: '800px 0px',
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    if (!visible || !canvas.current) return;
    let task: RenderTask | null = null;
    let cancelled = false;
    const target = canvas.current;
    doc
      .getPage(number)
      .then((page) => {
        if (cancelled) return;
        const scale = PX_PER_PT * zoom * (window.devicePixelRatio || 1);
        const viewport = page.getViewport({ scale });
        target.width = Math.round(viewport.width);
        target.height = Math.round(viewport.height);
        task = page.render({ canvas: target, viewport, background: '#ffffff' });
        task.promise.then(
          () => !cancelled && setDrawn(true),
          () => undefined, // cancelled by a newer zoom
        );
      })
      .catch(() => undefined); // the document was closed while this page was being fetched
    return () => {
      cancelled = true;
      task?.cancel();
    };
  }, [visible, doc, number, zoom]);

  return (
    <Stack gap={6} align="center">
      <div
        ref={holder}
        data-testid="document-page"
        data-page={number}
        data-drawn={drawn ? 'true' : 'false'}
        style={{
          width,
          height,
          background: '#fff',
          boxShadow: '0 1px 3px rgba(0,0,0,.18), 0 6px 18px rgba(0,0,0,.10)',
        }}
      >
        <canvas ref={canvas} style={{ width, height, display: 'block' }} aria-label={`第 ${number} 页`} />
      </div>
      <Text size="xs" c="dimmed" className="tabular">
        第 {number} 页 / 共 {total} 页
      </Text>
    </Stack>
  );
}
