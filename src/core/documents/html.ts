/** Text into HTML: every document string passes through here, so data can never become markup. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

/**
 * The printed page may load nothing at all: no scripts, no images, no fonts from anywhere
 * but the system (local() and family names are not fetches). The policy travels inside the
 * document, so it holds in the preview frame, in the print window and in the CLI alike.
 */
export const DOCUMENT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:";

export function htmlDocument(options: { title: string; css: string; body: string }): string {
  return [
    '<!doctype html>',
    '<html lang="zh-CN">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${DOCUMENT_CSP}">`,
    '<meta name="generator" content="机关党务工作台">',
    `<title>${escapeHtml(options.title)}</title>`,
    `<style>${options.css}</style>`,
    '</head>',
    `<body>${options.body}</body>`,
    '</html>',
  ].join('\n');
}

/** Width in grid cells: CJK and full-width forms take one, ASCII half a cell (as Word's grid counts). */
export function cellWidth(text: string): number {
  let cells = 0;
  for (const ch of text) cells += /[\u0000-\u00ff\uff61-\uff9f]/.test(ch) ? 0.5 : 1;
  return cells;
}
