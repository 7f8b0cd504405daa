/*
 * 打印 prints the document's own HTML through the browser's print dialog, in a hidden frame:
 * the same page, print CSS and fonts as the PDF, so paper and preview agree. The frame is
 * sandboxed (no scripts); allow-modals lets it open the print dialog, allow-same-origin lets
 * this page ask it to.
 */
export function printHtml(html: string): Promise<void> {
  return new Promise((resolve, reject) => {
    document.querySelectorAll('iframe[data-print-frame]').forEach((old) => old.remove());
    const frame = document.createElement('iframe');
    frame.dataset.printFrame = 'true';
    frame.setAttribute('sandbox', 'allow-same-origin allow-modals');
    frame.setAttribute('aria-hidden', 'true');
    frame.tabIndex = -1;
    Object.assign(frame.style, {
      position: 'fixed',
      right: '0',
      bottom: '0',
      width: '0',
      height: '0',
      border: '0',
      visibility: 'hidden',
    });
    frame.addEventListener(
      'load',
      () => {
        try {
          const target = frame.contentWindow;
          if (!target) throw new Error('print frame has no window');
          target.focus();
          target.print();
          resolve();
        } catch (error) {
          reject(error instanceof Error ? error : new Error(String(error)));
        }
      },
      { once: true },
    );
    frame.srcdoc = html;
    document.body.append(frame);
  });
}
