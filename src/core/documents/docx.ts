import {
  AlignmentType,
  Bookmark,
  BorderStyle,
  Document,
  DocumentGridType,
  Footer,
  LeaderType,
  LineRuleType,
  Packer,
  PageNumber,
  PageOrientation,
  PageReference,
  Paragraph,
  SectionType,
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
  type ISectionOptions,
} from 'docx';
import { formatChineseDate } from '../../shared/dates';
import { finishDocx } from './docx-finish';
import type { FontPlan } from './fonts';
import {
  CHAR_PITCH_MM,
  COVER_TITLE_CHARS,
  COVER_TITLE_PT,
  DOCX,
  GONGWEN,
  LINE_PITCH_MM,
  mmToTwips,
  ptToTwips,
  SIZE_PT,
  TABLE_PAGE,
  TITLE_CHARS,
} from './geometry';
import { cellWidth } from './html';
import { partTitle, type BinderDocument, type Block, type NarrativeDocument, type TableDocument } from './model';
import { headingLines, signatoryColumnChars, signatureColumns } from './narrative-html';
import { headingLabels } from './numbering';
import { DEFAULT_SIGNATURES, headerRows, signatureLine, tableTitleLines, tableWidthMm } from './table-html';
import { CELL_LINE_HEIGHT, CELL_PADDING_X_MM, CELL_PADDING_Y_MM, layoutTable } from './table-layout';
import { titleLines } from './words';

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
        run: {
          font: fonts4(body),
          size: half(GONGWEN.bodyPt),
          characterSpacing: DOCX.characterSpacing,
          language: { value: 'zh-CN', eastAsia: 'zh-CN' },
        },
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
        run: {
          font: fonts4(fonts.title.docxFamily),
          size: half(GONGWEN.titlePt),
          bold: false,
          color: '000000',
          characterSpacing: 0,
        },
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
        paragraph: {
          indent: { firstLine: chars(2), firstLineChars: 200 },
          spacing: EXACT_LINE,
          alignment: AlignmentType.BOTH,
        },
      },
    ],
  };
}

function run(text: string, options: Partial<IRunOptions> = {}): TextRun {
  return new TextRun({ text, ...options });
}

/** Lines as runs with a break between them: the breaks the engine chose, which Word keeps. */
const linesRuns = (lines: readonly string[], options: Partial<IRunOptions> = {}) =>
  lines.map((line, i) => new TextRun({ text: line, break: i > 0 ? 1 : 0, ...options }));

function blockParagraphs(
  block: Block,
  label: string | undefined,
  fonts: FontPlan,
  terms: readonly string[],
  /** The next block is 署名, a date or signatures: this one's last line goes with it (§7.3.5.4), as in the PDF. */
  beforeClosing = false,
): Paragraph[] {
  const plain = (text: string, options: Partial<IParagraphOptions> = {}) =>
    new Paragraph({ children: [run(text)], ...options });
  switch (block.type) {
    case 'heading': {
      const text = `${label ?? ''}${block.text}`;
      if (!block.body)
        return [new Paragraph({ style: `Heading${block.level}`, children: linesRuns(headingLines(text, terms)) })];
      const children = [run(text), run(block.body, { font: fonts4(fonts.body.docxFamily) })];
      return [new Paragraph({ style: `Heading${block.level}`, children })];
    }
    case 'paragraph':
      return [new Paragraph({ style: 'BodyText', keepNext: beforeClosing, children: [run(block.text)] })];
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
        plain('', { keepNext: true }),
        plain(block.organ, { alignment: AlignmentType.LEFT, indent: { left: chars(at.organ) }, keepNext: true }),
        plain(dateText, { alignment: AlignmentType.LEFT, indent: { left: chars(at.date) } }),
      ];
    }
    case 'date': {
      const dateText = formatChineseDate(block.date);
      return [
        plain(dateText, {
          alignment: AlignmentType.LEFT,
          indent: { left: chars(GONGWEN.charsPerLine - 4 - cellWidth(dateText)) },
        }),
      ];
    }
    case 'signatories': {
      // One paragraph a line, each party's text at its column's tab stop.
      const width = signatoryColumnChars(block.parties.length);
      const tabStops = block.parties
        .slice(1)
        .map((_, i) => ({ type: TabStopType.LEFT, position: chars(width * (i + 1)) }));
      const rows = Math.max(0, ...block.parties.map((p) => p.length));
      const lines = Array.from(
        { length: rows },
        (_, row) =>
          new Paragraph({
            alignment: AlignmentType.LEFT,
            tabStops,
            keepNext: row < rows - 1,
            children: block.parties.map(
              (party, i) => new TextRun({ children: i === 0 ? [party[row] ?? ''] : [new Tab(), party[row] ?? ''] }),
            ),
          }),
      );
      return [plain('', { keepNext: true }), ...lines];
    }
    case 'blank':
      return [plain('')];
  }
}

/** A part of a binder starts with a bookmark on its title, which the contents' page references point at. */
type PartStart = { bookmark: string; type: (typeof SectionType)[keyof typeof SectionType]; firstPart: boolean };

const bookmarked = (start: PartStart | undefined, children: (TextRun | PageReference)[]) =>
  start ? [new Bookmark({ id: start.bookmark, children })] : children;

function narrativeSection(
  doc: NarrativeDocument,
  fonts: FontPlan,
  terms: readonly string[],
  start?: PartStart,
): ISectionOptions {
  const labels = headingLabels(doc.blocks);
  const children: Paragraph[] = [
    new Paragraph({
      style: 'Title',
      children: bookmarked(start, linesRuns(titleLines(doc.title, TITLE_CHARS, terms))),
    }),
  ];
  if (doc.subtitle) {
    children.push(
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [run(doc.subtitle, { font: fonts4(fonts.heading2.docxFamily) })],
      }),
    );
  }
  children.push(new Paragraph({ children: [] }));
  const closing = new Set<Block['type']>(['signature', 'signatories', 'date']);
  doc.blocks.forEach((block, i) => {
    const next = doc.blocks[i + 1];
    children.push(...blockParagraphs(block, labels[i], fonts, terms, next !== undefined && closing.has(next.type)));
  });
  return { ...gongwenPage(fonts, { type: start?.type, restartNumbers: start?.firstPart }), children };
}

/** The 公文 page: A4, the GB/T 9704 margins and line grid, "— N —" odd right and even left. */
function gongwenPage(
  fonts: FontPlan,
  options: {
    type?: PartStart['type'] | undefined;
    restartNumbers?: boolean | undefined;
    footers?: 'numbered' | 'none';
    grid?: boolean;
  } = {},
): Omit<ISectionOptions, 'children'> {
  const footers = options.footers ?? 'numbered';
  return {
    properties: {
      ...(options.type ? { type: options.type } : {}),
      page: {
        size: { width: DOCX.pageWidth, height: DOCX.pageHeight, orientation: PageOrientation.PORTRAIT },
        margin: { ...DOCX.margin, header: mmToTwips(15), footer: GONGWEN_FOOTER_TWIPS },
        ...(options.restartNumbers ? { pageNumbers: { start: 1 } } : {}),
      },
      ...(options.grid === false ? {} : { grid: { type: DocumentGridType.LINES, linePitch: DOCX.linePitch } }),
    },
    // A section without its own footers would take the previous section's, so the cover and contents get empty ones.
    footers:
      footers === 'numbered'
        ? { default: gongwenFooter('odd', fonts), even: gongwenFooter('even', fonts) }
        : {
            default: new Footer({ children: [new Paragraph({ children: [] })] }),
            even: new Footer({ children: [new Paragraph({ children: [] })] }),
          },
  };
}

export function narrativeDocx(doc: NarrativeDocument, fonts: FontPlan, terms: readonly string[] = []): Document {
  return new Document({
    creator: doc.author ?? '机关党务工作台',
    title: doc.title.replace(/\n/g, ''),
    description: '机关党务工作台生成（GB/T 9704-2012 版式）',
    evenAndOddHeaderAndFooters: true,
    styles: gongwenStyles(fonts),
    sections: [narrativeSection(doc, fonts, terms)],
  });
}

const THIN = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
const CELL_BORDERS = { top: THIN, bottom: THIN, left: THIN, right: THIN };

function tableSection(
  doc: TableDocument,
  fonts: FontPlan,
  terms: readonly string[],
  start?: PartStart,
): ISectionOptions {
  const landscape = doc.orientation === 'landscape';
  // A portrait table bound in a binder sits in the 公文 frame, numbered where the 公文 parts are.
  const frame = start !== undefined && !landscape;
  const margins = frame
    ? { top: GONGWEN.top, bottom: GONGWEN.bottom, left: GONGWEN.left, right: GONGWEN.right }
    : TABLE_PAGE[doc.orientation];
  const widthMm = tableWidthMm(doc, frame);
  const textWidth = mmToTwips(widthMm);
  const body = fonts4(fonts.body.docxFamily);
  const hei = fonts4(fonts.heading1.docxFamily);
  // The same widths and the same lines in every cell as the PDF, so rows are as tall and pages as many.
  const headers = headerRows(doc.columns);
  const layout = layoutTable(doc, headers, terms, widthMm);
  const sizePt = layout.sizePt;
  const widths = layout.widths.map((w) => mmToTwips(w));
  const spacing = start ? { characterSpacing: 0 } : {};
  const cellLine = { line: ptToTwips(sizePt * CELL_LINE_HEIGHT), lineRule: LineRuleType.EXACT, before: 0, after: 0 };
  // In a binder the document's defaults are the 公文's (exact grid lines, condensed spacing); a table sets its own.
  const line = start ? { line: 240, lineRule: LineRuleType.AUTO } : {};
  const cellParagraph = (lines: readonly string[], align: 'left' | 'center' | 'right', font = body, keepNext = false) =>
    new Paragraph({
      alignment:
        align === 'center' ? AlignmentType.CENTER : align === 'right' ? AlignmentType.RIGHT : AlignmentType.LEFT,
      spacing: cellLine,
      keepNext,
      children: linesRuns(lines, { font, size: half(sizePt), ...spacing }),
    });

  const header = headers.map(
    (cells, r) =>
      new TableRow({
        tableHeader: true,
        cantSplit: true,
        children: cells.map(
          (cell, c) =>
            new TableCell({
              columnSpan: cell.colSpan,
              rowSpan: cell.rowSpan,
              borders: CELL_BORDERS,
              verticalAlign: VerticalAlignTable.CENTER,
              children: [cellParagraph(layout.header[r]![c]!, 'center', hei)],
            }),
        ),
      }),
  );
  // The last row, the totals, the notes and the signature line stay together (keep with next), as in the PDF.
  const closingFollows = Boolean(doc.notes?.length) || doc.signatures !== false || Boolean(doc.closing);
  const dataRow = (cells: readonly string[][], font = body, keepNext = false) =>
    new TableRow({
      cantSplit: true,
      children: doc.columns.map(
        (column, i) =>
          new TableCell({
            borders: CELL_BORDERS,
            verticalAlign: VerticalAlignTable.CENTER,
            width: { size: widths[i]!, type: WidthType.DXA },
            children: [cellParagraph(cells[i] ?? [''], column.align ?? 'left', font, keepNext)],
          }),
      ),
    });
  const last = layout.rows.length - 1;
  const rows = [
    ...header,
    ...layout.rows.map((r, i) => dataRow(r, body, i === last && (Boolean(layout.totals) || closingFollows))),
  ];
  if (layout.totals) rows.push(dataRow(layout.totals, hei, closingFollows));

  const children: (Paragraph | Table)[] = [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { after: mmToTwips(5), ...line },
      children: bookmarked(
        start,
        linesRuns(tableTitleLines(doc, terms, widthMm), {
          font: fonts4(fonts.title.docxFamily),
          size: half(GONGWEN.titlePt),
          ...spacing,
        }),
      ),
    }),
  ];
  if (doc.captionLeft || doc.captionRight) {
    children.push(
      new Paragraph({
        tabStops: [{ type: TabStopType.RIGHT, position: textWidth }],
        spacing: { after: mmToTwips(2), ...line },
        children: [
          new TextRun({
            text: `${doc.captionLeft ?? ''}\t${doc.captionRight ?? ''}`,
            font: body,
            size: half(sizePt),
            ...spacing,
          }),
        ],
      }),
    );
  }
  children.push(
    new Table({
      rows,
      columnWidths: widths,
      width: { size: widths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
      layout: TableLayoutType.FIXED,
      // The HTML's cell padding, so a row is as tall in Word as in the PDF.
      margins: {
        top: mmToTwips(CELL_PADDING_Y_MM),
        bottom: mmToTwips(CELL_PADDING_Y_MM),
        left: mmToTwips(CELL_PADDING_X_MM),
        right: mmToTwips(CELL_PADDING_X_MM),
      },
    }),
  );
  for (const note of doc.notes ?? [])
    children.push(
      new Paragraph({
        spacing: line,
        keepNext: doc.signatures !== false || Boolean(doc.closing),
        keepLines: true,
        children: [new TextRun({ text: note, font: body, size: half(sizePt), ...spacing })],
      }),
    );
  const labels = doc.signatures === false ? [] : (doc.signatures ?? DEFAULT_SIGNATURES);
  if (labels.length) {
    children.push(
      new Paragraph({
        spacing: { before: mmToTwips(8), ...line },
        keepLines: true,
        children: [new TextRun({ text: signatureLine(labels), font: body, size: half(sizePt), ...spacing })],
      }),
    );
  }

  if (doc.closing) {
    // 落款 as in the PDF: organ over date, centred on each other, two characters in from the right.
    for (const [i, text] of [doc.closing.organ, formatChineseDate(doc.closing.date)].entries())
      children.push(
        new Paragraph({
          alignment: AlignmentType.RIGHT,
          keepNext: i === 0,
          keepLines: true,
          indent: { right: ptToTwips(sizePt * 2) },
          spacing: { before: i === 0 ? mmToTwips(8) : 0, ...line },
          children: [new TextRun({ text, font: body, size: half(sizePt), ...spacing })],
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

  const page = {
    properties: {
      ...(start ? { type: start.type } : {}),
      page: {
        // Word wants portrait dimensions with the orientation flag; it swaps them itself.
        size: {
          width: DOCX.pageWidth,
          height: DOCX.pageHeight,
          orientation: landscape ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT,
        },
        margin: {
          top: mmToTwips(margins.top),
          bottom: mmToTwips(margins.bottom),
          left: mmToTwips(margins.left),
          right: mmToTwips(margins.right),
          header: mmToTwips(10),
          footer: frame ? GONGWEN_FOOTER_TWIPS : mmToTwips(10),
        },
        ...(start?.firstPart ? { pageNumbers: { start: 1 } } : {}),
      },
    },
    // In a binder the numbers run on through every part, as the PDF's do.
    footers: start ? { default: gongwenFooter('odd', fonts), even: gongwenFooter('even', fonts) } : { default: footer },
  };
  return { ...page, children };
}

export function tableDocx(doc: TableDocument, fonts: FontPlan, terms: readonly string[] = []): Document {
  const sizePt = doc.fontSize === 'small' ? SIZE_PT.五号 : SIZE_PT.小四;
  return new Document({
    creator: doc.author ?? '机关党务工作台',
    title: doc.title,
    styles: {
      default: {
        document: {
          run: {
            font: fonts4(fonts.body.docxFamily),
            size: half(sizePt),
            language: { value: 'zh-CN', eastAsia: 'zh-CN' },
          },
        },
      },
    },
    sections: [tableSection(doc, fonts, terms)],
  });
}

/**
 * A binder as one Word file: the cover, the contents, then each part in its own section (a table
 * turns landscape where it does), numbered "— N —" from 1 on the first part, each part on an odd
 * page when the binder asks for it. Word paginates for itself, so the contents' page numbers are
 * PAGEREF fields to a bookmark on each part's title, which Word fills in when it updates fields
 * on opening (it asks), LibreOffice when it lays the file out (WPS not yet tried).
 */
export function binderDocx(binder: BinderDocument, fonts: FontPlan, terms: readonly string[] = []): Document {
  const breakType = binder.oddPageStarts ? SectionType.ODD_PAGE : SectionType.NEXT_PAGE;
  const c = binder.cover;
  const kai = fonts4(fonts.heading2.docxFamily);
  const marks = [c.copyNumber, c.secrecy].filter((m): m is string => Boolean(m));
  const coverLines = titleLines(c.title, COVER_TITLE_CHARS, terms);
  // As the PDF's cover: two lines for the marks, the title 45 mm below them, the organ and the date
  // 20 mm above the foot of the text block. Word has no "push to the bottom", so the gap is worked out.
  const TITLE_LINE_MM = (COVER_TITLE_PT * 1.5 * 25.4) / 72;
  const subtitleMm = c.subtitle ? 6 + Math.ceil(cellWidth(c.subtitle) / GONGWEN.charsPerLine) * LINE_PITCH_MM : 0;
  const aboveFoot = 2 * LINE_PITCH_MM + 45 + coverLines.length * TITLE_LINE_MM + subtitleMm;
  const footGap = Math.max(10, GONGWEN.textHeight - 20 - 2 * LINE_PITCH_MM - aboveFoot - 3);
  const cover: ISectionOptions = {
    // Off the line grid, which would round the 26 pt title's lines up to two grid lines each.
    ...gongwenPage(fonts, { footers: 'none', grid: false }),
    children: [
      ...[0, 1].map(
        (i) =>
          new Paragraph({
            alignment: AlignmentType.LEFT,
            children: marks[i] ? [run(marks[i], { font: fonts4(fonts.heading1.docxFamily) })] : [],
          }),
      ),
      new Paragraph({
        alignment: AlignmentType.CENTER,
        spacing: { before: mmToTwips(45), line: mmToTwips(TITLE_LINE_MM), lineRule: LineRuleType.EXACT },
        children: linesRuns(coverLines, {
          font: fonts4(fonts.title.docxFamily),
          size: half(COVER_TITLE_PT),
          characterSpacing: 0,
        }),
      }),
      ...(c.subtitle
        ? [
            new Paragraph({
              alignment: AlignmentType.CENTER,
              spacing: { before: mmToTwips(6) },
              children: [run(c.subtitle, { font: kai })],
            }),
          ]
        : []),
      new Paragraph({
        alignment: AlignmentType.CENTER,
        spacing: { before: mmToTwips(footGap) },
        children: [run(c.organ, { font: kai, size: half(SIZE_PT.三号) })],
      }),
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [run(formatChineseDate(c.date), { size: half(SIZE_PT.三号) })],
      }),
    ],
  };
  const textWidth = mmToTwips(GONGWEN.textWidth);
  const contents: ISectionOptions = {
    ...gongwenPage(fonts, { type: breakType, footers: 'none' }),
    children: [
      new Paragraph({ style: 'Title', children: [run('目　　录')] }),
      new Paragraph({ children: [] }),
      ...binder.parts.map(
        (part, i) =>
          new Paragraph({
            alignment: AlignmentType.LEFT,
            tabStops: [{ type: TabStopType.RIGHT, position: textWidth, leader: LeaderType.DOT }],
            children: [
              run(partTitle(part)),
              new TextRun({ children: [new Tab()] }),
              new PageReference(partBookmark(i)),
            ],
          }),
      ),
    ],
  };
  const parts = binder.parts.map((part, i) => {
    const start: PartStart = { bookmark: partBookmark(i), type: breakType, firstPart: i === 0 };
    return part.document.kind === 'narrative'
      ? narrativeSection(part.document, fonts, terms, start)
      : tableSection(part.document, fonts, terms, start);
  });
  return new Document({
    creator: binder.author ?? '机关党务工作台',
    title: c.title.replace(/\s*\n\s*/g, ''),
    description: '机关党务工作台生成（GB/T 9704-2012 版式）',
    evenAndOddHeaderAndFooters: true,
    features: { updateFields: true },
    styles: gongwenStyles(fonts),
    sections: [cover, contents, ...parts],
  });
}

const partBookmark = (i: number) => `part_${i + 1}`;

export async function docxBuffer(document: Document): Promise<Buffer> {
  return finishDocx(await Packer.toBuffer(document));
}
