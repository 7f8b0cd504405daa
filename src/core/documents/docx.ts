import {
  AlignmentType,
  BorderStyle,
  Document,
  DocumentGridType,
  Footer,
  LineRuleType,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  Tab,
  TabStopType,
  TextRun,
  VerticalAlignTable,
  WidthType,
  type IParagraphOptions,
  type IRunOptions,
} from 'docx';
import { formatChineseDate } from '../../shared/dates';
import type { FontPlan } from './fonts';
import { A4, CHAR_PITCH_MM, DOCX, GONGWEN, mmToTwips, ptToTwips, SIZE_PT, TABLE_PAGE } from './geometry';
import { cellWidth } from './html';
import type { Block, NarrativeDocument, TableDocument } from './model';
import { signatoryColumnChars, signatureColumns } from './narrative-html';
import { headingLabels } from './numbering';
import { columnWidths, DEFAULT_SIGNATURES, headerRows, signatureLine } from './table-html';

/*
 * The same models as html.ts, written as Word documents the office can edit in WPS or Word:
 * A4, the GB/T 9704 margins, 22 lines on a line grid of 28 characters, East Asian font names,
 * heading styles 1–4 (so the navigation pane works), and odd/even footers with PAGE fields.
 */

const half = (pt: number) => Math.round(pt * 2);
const fonts4 = (name: string) => ({ ascii: name, hAnsi: name, eastAsia: name, cs: name });
/** One grid character in twips. */
const CHAR_TWIPS = mmToTwips(CHAR_PITCH_MM);
const chars = (n: number) => Math.round(n * CHAR_TWIPS);
const EXACT_LINE = { line: DOCX.linePitch, lineRule: LineRuleType.EXACT, before: 0, after: 0 };

function gongwenFooter(side: 'odd' | 'even', fonts: FontPlan): Footer {
  const inset = ptToTwips(GONGWEN.pageNumberPt); // one 4号 character
  return new Footer({
    children: [
      new Paragraph({
        alignment: side === 'odd' ? AlignmentType.RIGHT : AlignmentType.LEFT,
        indent: side === 'odd' ? { right: inset } : { left: inset },
        spacing: { line: ptToTwips(GONGWEN.pageNumberPt), lineRule: LineRuleType.EXACT, before: 0, after: 0 },
        children: [
          new TextRun({
            font: fonts4(fonts.pageNumber.docxFamily),
            size: half(GONGWEN.pageNumberPt),
            characterSpacing: 0,
            children: ['— ', PageNumber.CURRENT, ' —'],
          }),
        ],
      }),
    ],
  });
}

/** Footer distance: the number line's centre (its 一字线) 7 mm below the text block. */
const GONGWEN_FOOTER_TWIPS = mmToTwips(GONGWEN.bottom - GONGWEN.pageNumberDrop) - ptToTwips(GONGWEN.pageNumberPt / 2);

function headingStyle(id: string, name: string, level: number, font: string) {
  return {
    id,
    name,
    basedOn: 'Normal',
    next: 'Normal',
    quickFormat: true,
    run: { font: fonts4(font), size: half(GONGWEN.bodyPt), bold: false, italics: false, color: '000000' },
    paragraph: {
      outlineLevel: level,
      keepNext: level <= 2,
      indent: { firstLine: chars(2), firstLineChars: 200 },
      spacing: EXACT_LINE,
      alignment: AlignmentType.BOTH,
    },
  };
}

function gongwenStyles(fonts: FontPlan) {
  const body = fonts.body.docxFamily;
  return {
    default: {
      document: {
        run: { font: fonts4(body), size: half(GONGWEN.bodyPt), characterSpacing: DOCX.characterSpacing, language: { value: 'zh-CN', eastAsia: 'zh-CN' } },
        paragraph: { spacing: EXACT_LINE, alignment: AlignmentType.BOTH },
      },
    },
    paragraphStyles: [
      {
        id: 'Title',
        name: 'Title',
        basedOn: 'Normal',
        next: 'Normal',
        quickFormat: true,
        run: { font: fonts4(fonts.title.docxFamily), size: half(GONGWEN.titlePt), bold: false, color: '000000', characterSpacing: 0 },
        paragraph: { alignment: AlignmentType.CENTER, spacing: EXACT_LINE, outlineLevel: 0 },
      },
      headingStyle('Heading1', 'heading 1', 1, fonts.heading1.docxFamily),
      headingStyle('Heading2', 'heading 2', 2, fonts.heading2.docxFamily),
      headingStyle('Heading3', 'heading 3', 3, body),
      headingStyle('Heading4', 'heading 4', 4, body),
      {
        id: 'BodyText',
        name: 'Body Text',
        basedOn: 'Normal',
        quickFormat: true,
        paragraph: { indent: { firstLine: chars(2), firstLineChars: 200 }, spacing: EXACT_LINE, alignment: AlignmentType.BOTH },
      },
    ],
  };
}

function run(text: string, options: Partial<IRunOptions> = {}): TextRun {
  return new TextRun({ text, ...options });
}

function blockParagraphs(block: Block, label: string | undefined, fonts: FontPlan): Paragraph[] {
  const plain = (text: string, options: Partial<IParagraphOptions> = {}) => new Paragraph({ children: [run(text)], ...options });
  switch (block.type) {
    case 'heading': {
      const children = [run(`${label ?? ''}${block.text}`)];
      if (block.body) children.push(run(block.body, { font: fonts4(fonts.body.docxFamily) }));
      return [new Paragraph({ style: `Heading${block.level}`, children })];
    }
    case 'paragraph':
      return [new Paragraph({ style: 'BodyText', children: [run(block.text)] })];
    case 'addressee':
      return [plain(block.text, { alignment: AlignmentType.LEFT })];
    case 'attachments': {
      const single = block.items.length === 1;
      const out = [plain('')];
      block.items.forEach((item, i) => {
        const number = single ? '' : `${i + 1}.`;
        const numberCells = cellWidth(number);
        const name = item.replace(/[。；;，,.]+$/, '');
        out.push(
          new Paragraph({
            alignment: AlignmentType.LEFT,
            // Continuation lines align with the first character of the name (§7.3.4).
            indent: { left: chars(5 + numberCells), hanging: chars(i === 0 ? 3 + numberCells : numberCells) },
            children: [run(`${i === 0 ? '附件：' : ''}${number}${name}`)],
          }),
        );
      });
      return out;
    }
    case 'signature': {
      const dateText = formatChineseDate(block.date);
      const at = signatureColumns(block.organ, dateText, block.sealed === true);
      return [
        plain(''),
        plain(block.organ, { alignment: AlignmentType.LEFT, indent: { left: chars(at.organ) }, keepNext: true }),
        plain(dateText, { alignment: AlignmentType.LEFT, indent: { left: chars(at.date) } }),
      ];
    }
    case 'date': {
      const dateText = formatChineseDate(block.date);
      return [plain(dateText, { alignment: AlignmentType.LEFT, indent: { left: chars(GONGWEN.charsPerLine - 4 - cellWidth(dateText)) } })];
    }
    case 'signatories': {
      // One paragraph a line, each party's text at its column's tab stop.
      const width = signatoryColumnChars(block.parties.length);
      const tabStops = block.parties.slice(1).map((_, i) => ({ type: TabStopType.LEFT, position: chars(width * (i + 1)) }));
      const rows = Math.max(0, ...block.parties.map((p) => p.length));
      const lines = Array.from({ length: rows }, (_, row) =>
        new Paragraph({
          alignment: AlignmentType.LEFT,
          tabStops,
          keepNext: row < rows - 1,
          children: block.parties.map((party, i) => new TextRun({ children: i === 0 ? [party[row] ?? ''] : [new Tab(), party[row] ?? ''] })),
        }),
      );
      return [plain(''), ...lines];
    }
    case 'blank':
      return [plain('')];
  }
}

export function narrativeDocx(doc: NarrativeDocument, fonts: FontPlan): Document {
  const labels = headingLabels(doc.blocks);
  const titleLines = doc.title.split('\n').map((l) => l.trim()).filter(Boolean);
  const children: Paragraph[] = [
    new Paragraph({
      style: 'Title',
      children: titleLines.map((line, i) => new TextRun({ text: line, break: i > 0 ? 1 : 0 })),
    }),
  ];
  if (doc.subtitle) {
    children.push(new Paragraph({ alignment: AlignmentType.CENTER, children: [run(doc.subtitle, { font: fonts4(fonts.heading2.docxFamily) })] }));
  }
  children.push(new Paragraph({ children: [] }));
  doc.blocks.forEach((block, i) => children.push(...blockParagraphs(block, labels[i], fonts)));

  return new Document({
    creator: doc.author ?? '机关党务工作台',
    title: doc.title.replace(/\n/g, ''),
    description: '机关党务工作台生成（GB/T 9704-2012 版式）',
    evenAndOddHeaderAndFooters: true,
    styles: gongwenStyles(fonts),
    sections: [
      {
        properties: {
          page: {
            size: { width: DOCX.pageWidth, height: DOCX.pageHeight, orientation: PageOrientation.PORTRAIT },
            margin: { ...DOCX.margin, header: mmToTwips(15), footer: GONGWEN_FOOTER_TWIPS },
          },
          grid: { type: DocumentGridType.LINES, linePitch: DOCX.linePitch },
        },
        footers: { default: gongwenFooter('odd', fonts), even: gongwenFooter('even', fonts) },
        children,
      },
    ],
  });
}

const THIN = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
const CELL_BORDERS = { top: THIN, bottom: THIN, left: THIN, right: THIN };

export function tableDocx(doc: TableDocument, fonts: FontPlan): Document {
  const landscape = doc.orientation === 'landscape';
  const margins = TABLE_PAGE[doc.orientation];
  const pageWidthMm = landscape ? A4.height : A4.width;
  const textWidth = mmToTwips(pageWidthMm - margins.left - margins.right);
  const sizePt = doc.fontSize === 'small' ? SIZE_PT.五号 : SIZE_PT.小四;
  const body = fonts4(fonts.body.docxFamily);
  const hei = fonts4(fonts.heading1.docxFamily);
  const widths = columnWidths(doc.columns).map((pct) => Math.round((pct / 100) * textWidth));
  const cellParagraph = (text: string, align: 'left' | 'center' | 'right', font = body) =>
    new Paragraph({
      alignment: align === 'center' ? AlignmentType.CENTER : align === 'right' ? AlignmentType.RIGHT : AlignmentType.LEFT,
      spacing: { before: 0, after: 0 },
      // A "\n" in a cell's text starts a new line, as in the HTML.
      children: text.split('\n').map((line, i) => new TextRun({ text: line, font, size: half(sizePt), break: i > 0 ? 1 : 0 })),
    });

  const header = headerRows(doc.columns).map(
    (cells) =>
      new TableRow({
        tableHeader: true,
        cantSplit: true,
        children: cells.map(
          (cell) =>
            new TableCell({
              columnSpan: cell.colSpan,
              rowSpan: cell.rowSpan,
              borders: CELL_BORDERS,
              verticalAlign: VerticalAlignTable.CENTER,
              children: [cellParagraph(cell.text, 'center', hei)],
            }),
        ),
      }),
  );
  const dataRow = (cells: readonly string[], font = body) =>
    new TableRow({
      cantSplit: true,
      children: doc.columns.map(
        (column, i) =>
          new TableCell({
            borders: CELL_BORDERS,
            verticalAlign: VerticalAlignTable.CENTER,
            width: { size: widths[i]!, type: WidthType.DXA },
            children: [cellParagraph(cells[i] ?? '', column.align ?? 'left', font)],
          }),
      ),
    });
  const rows = [...header, ...doc.rows.map((r) => dataRow(r))];
  if (doc.totals) rows.push(dataRow(doc.totals, hei));

  const children: (Paragraph | Table)[] = [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { after: mmToTwips(5) },
      children: [new TextRun({ text: doc.title, font: fonts4(fonts.title.docxFamily), size: half(GONGWEN.titlePt) })],
    }),
  ];
  if (doc.captionLeft || doc.captionRight) {
    children.push(
      new Paragraph({
        tabStops: [{ type: TabStopType.RIGHT, position: textWidth }],
        spacing: { after: mmToTwips(2) },
        children: [new TextRun({ text: `${doc.captionLeft ?? ''}\t${doc.captionRight ?? ''}`, font: body, size: half(sizePt) })],
      }),
    );
  }
  children.push(new Table({ rows, columnWidths: widths, width: { size: textWidth, type: WidthType.DXA }, layout: TableLayoutType.FIXED }));
  for (const note of doc.notes ?? []) children.push(new Paragraph({ children: [new TextRun({ text: note, font: body, size: half(sizePt) })] }));
  const labels = doc.signatures === false ? [] : (doc.signatures ?? DEFAULT_SIGNATURES);
  if (labels.length) {
    children.push(
      new Paragraph({
        spacing: { before: mmToTwips(8) },
        keepLines: true,
        children: [new TextRun({ text: signatureLine(labels), font: body, size: half(sizePt) })],
      }),
    );
  }

  const footer = new Footer({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [
          new TextRun({
            font: fonts4(fonts.pageNumber.docxFamily),
            size: half(SIZE_PT.五号),
            children: ['第 ', PageNumber.CURRENT, ' 页  共 ', PageNumber.TOTAL_PAGES, ' 页'],
          }),
        ],
      }),
    ],
  });

  return new Document({
    creator: doc.author ?? '机关党务工作台',
    title: doc.title,
    styles: { default: { document: { run: { font: body, size: half(sizePt), language: { value: 'zh-CN', eastAsia: 'zh-CN' } } } } },
    sections: [
      {
        properties: {
          page: {
            // Word wants portrait dimensions with the orientation flag; it swaps them itself.
            size: { width: DOCX.pageWidth, height: DOCX.pageHeight, orientation: landscape ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT },
            margin: {
              top: mmToTwips(margins.top),
              bottom: mmToTwips(margins.bottom),
              left: mmToTwips(margins.left),
              right: mmToTwips(margins.right),
              header: mmToTwips(10),
              footer: mmToTwips(10),
            },
          },
        },
        footers: { default: footer },
        children,
      },
    ],
  });
}

export async function docxBuffer(document: Document): Promise<Buffer> {
  return Packer.toBuffer(document);
}
