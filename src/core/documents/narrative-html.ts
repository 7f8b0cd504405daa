import { formatChineseDate } from '../../shared/dates';
import { CHAR_PITCH_MM, GONGWEN, TITLE_CHARS } from './geometry';
import { cellWidth, escapeHtml } from './html';
import type { Block, NarrativeDocument } from './model';
import { headingLabels } from './numbering';
import { titleLines, wordBreakHtml, wrapWords } from './words';

/*
 * 公文 blocks → HTML (GB/T 9704 §7.3). Standalone headings render as h2–h5 under the title's
 * h1, which Chromium turns into the PDF's bookmarks.
 */

const cols = (n: number) => `${Number((n * CHAR_PITCH_MM).toFixed(4))}mm`;

/** Where the 署名 and 成文日期 lines start, in grid characters from the left edge of the text block. */
export function signatureColumns(organ: string, dateText: string, sealed: boolean): { organ: number; date: number } {
  const n = cellWidth(organ);
  const d = cellWidth(dateText);
  const width = GONGWEN.charsPerLine;
  if (sealed) {
    // 成文日期右空四字; 署名以成文日期为准居中.
    const date = width - 4 - d;
    return { date, organ: Math.max(0, date + (d - n) / 2) };
  }
  // 署名右空二字, 日期首字比署名首字右移二字; a longer date sits two in from the right instead.
  if (d + 2 <= n) {
    const organCol = width - 2 - n;
    return { organ: Math.max(0, organCol), date: organCol + 2 };
  }
  const date = width - 2 - d;
  return { date, organ: Math.max(0, date - 2) };
}

/** Grid characters each party's column takes in a `signatories` block. */
export function signatoryColumnChars(parties: number): number {
  return Math.floor(GONGWEN.charsPerLine / Math.max(1, parties));
}

/** The lines a standalone heading takes: indented two characters, broken between words. */
export function headingLines(text: string, terms: readonly string[] = []): string[] {
  return wrapWords(text, GONGWEN.charsPerLine - 2, GONGWEN.charsPerLine, terms);
}

/** Title lines (balanced, between words), each its own block; the subtitle breaks between words. */
export function titleHtml(doc: Pick<NarrativeDocument, 'title' | 'subtitle'>, terms: readonly string[] = []): string {
  const lines = titleLines(doc.title, TITLE_CHARS, terms);
  const title = `<h1 class="po-title">${lines.map((line) => `<span class="po-title-line">${wordBreakHtml(line, escapeHtml, terms)}</span>`).join('')}</h1>`;
  const subtitle = doc.subtitle ? `<p class="po-subtitle">${wordBreakHtml(doc.subtitle, escapeHtml, terms)}</p>` : '';
  return `${title}${subtitle}<div class="po-title-gap"></div>`;
}

function blockHtml(block: Block, label: string | undefined, terms: readonly string[]): string {
  switch (block.type) {
    case 'heading': {
      const text = `${label ?? ''}${block.text}`;
      // A standalone heading's lines are chosen here (between words), as the Word file has them.
      const head = block.body
        ? `<span class="po-h-head">${escapeHtml(text)}</span>`
        : `<span class="po-h-head">${headingLines(text, terms)
            .map((line) => wordBreakHtml(line, escapeHtml, terms))
            .join('<br>')}</span>`;
      const body = block.body ? `<span class="po-h-body">${escapeHtml(block.body)}</span>` : '';
      // Standalone headings become the PDF's bookmarks; run-in ones are paragraphs that open with the heading.
      const tag = block.body ? 'p' : `h${block.level + 1}`;
      return `<${tag} class="po-h po-h${block.level}${block.body ? ' po-run-in' : ''}">${head}${body}</${tag}>`;
    }
    case 'paragraph':
      return `<p class="po-p">${escapeHtml(block.text)}</p>`;
    case 'addressee':
      return `<p class="po-addressee">${escapeHtml(block.text)}</p>`;
    case 'attachments': {
      if (block.items.length === 0) return '';
      const single = block.items.length === 1;
      const items = block.items
        .map(
          (item, i) =>
            `<li>${single ? '' : `<span class="po-att-no">${i + 1}.</span>`}<span class="po-att-name">${escapeHtml(item.replace(/[。；;，,.]+$/, ''))}</span></li>`,
        )
        .join('');
      return `<div class="po-attachments"><span class="po-att-label">附件：</span><ol>${items}</ol></div>`;
    }
    case 'signature': {
      const dateText = formatChineseDate(block.date);
      const at = signatureColumns(block.organ, dateText, block.sealed === true);
      return (
        `<div class="po-signature">` +
        `<p class="po-sign-line" style="padding-left:${cols(at.organ)}">${escapeHtml(block.organ)}</p>` +
        `<p class="po-sign-line" style="padding-left:${cols(at.date)}">${escapeHtml(dateText)}</p>` +
        `</div>`
      );
    }
    case 'date': {
      const dateText = formatChineseDate(block.date);
      return `<p class="po-sign-line" style="padding-left:${cols(GONGWEN.charsPerLine - 4 - cellWidth(dateText))}">${escapeHtml(dateText)}</p>`;
    }
    case 'signatories': {
      const rows = Math.max(0, ...block.parties.map((p) => p.length));
      const width = signatoryColumnChars(block.parties.length);
      const lines = Array.from({ length: rows }, (_, row) => {
        const cells = block.parties
          .map(
            (party) => `<span class="po-sign-cell" style="width:${cols(width)}">${escapeHtml(party[row] ?? '')}</span>`,
          )
          .join('');
        return `<p class="po-sign-line po-sign-row">${cells}</p>`;
      });
      return `<div class="po-signature">${lines.join('')}</div>`;
    }
    case 'blank':
      return '<div class="po-blank"></div>';
  }
}

/** The document's content inside its .po-gw page container (no <html>, so binders can embed it). */
export function narrativeBody(doc: NarrativeDocument, terms: readonly string[] = []): string {
  const labels = headingLabels(doc.blocks);
  const blocks = doc.blocks.map((block, i) => blockHtml(block, labels[i], terms)).join('\n');
  return `<article class="po-gw">${titleHtml(doc, terms)}\n${blocks}</article>`;
}
