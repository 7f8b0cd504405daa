/**
 * The page as GB/T 9704-2012 measures it (reference §7), in one place: the print CSS and the
 * .docx both take their numbers from here, so the two cannot disagree.
 *
 * Lengths are millimetres unless the name says otherwise.
 */

export const MM_PER_INCH = 25.4;
export const PT_PER_INCH = 72;
export const TWIPS_PER_PT = 20;

export const mmToPt = (mm: number) => (mm / MM_PER_INCH) * PT_PER_INCH;
export const ptToMm = (pt: number) => (pt / PT_PER_INCH) * MM_PER_INCH;
export const mmToTwips = (mm: number) => Math.round(mmToPt(mm) * TWIPS_PER_PT);
export const ptToTwips = (pt: number) => Math.round(pt * TWIPS_PER_PT);

/** Chinese type sizes (字号) in points. */
export const SIZE_PT = { 二号: 22, 小二: 18, 三号: 16, 四号: 14, 小四: 12, 五号: 10.5, 小五: 9 } as const;

export const A4 = { width: 210, height: 297 } as const;

/** The 公文 page: 天头 37 mm, 订口 28 mm, 版心 156 × 225 mm, 22 lines of 28 characters. */
export const GONGWEN = {
  top: 37,
  left: 28,
  textWidth: 156,
  textHeight: 225,
  get right() {
    return A4.width - this.left - this.textWidth;
  },
  get bottom() {
    return A4.height - this.top - this.textHeight;
  },
  linesPerPage: 22,
  charsPerLine: 28,
  bodyPt: SIZE_PT.三号,
  titlePt: SIZE_PT.二号,
  pageNumberPt: SIZE_PT.四号,
  /** The 一字线 of the page number sits this far below the text block (§7.5). */
  pageNumberDrop: 7,
} as const;

/** One grid line: 225 / 22 mm. Every line of a 公文 (title and headings too) sits on it. */
export const LINE_PITCH_MM = GONGWEN.textHeight / GONGWEN.linesPerPage;
/** One grid character: 156 / 28 mm, slightly less than a 16 pt em, hence negative letter-spacing. */
export const CHAR_PITCH_MM = GONGWEN.textWidth / GONGWEN.charsPerLine;
/** "一字" for the page number: one 4号 character, as a full-width space typed in Word would be. */
export const PAGE_NUMBER_INSET_MM = ptToMm(GONGWEN.pageNumberPt);

/** Table documents (rosters, ledgers): narrower margins, the binding edge still on the left. */
export const TABLE_PAGE = {
  portrait: { top: 25, right: 15, bottom: 22, left: 25 },
  landscape: { top: 20, right: 20, bottom: 20, left: 20 },
} as const;

/**
 * A landscape table bound in a binder: printed on a landscape page whose text block, turned a
 * quarter left onto the portrait sheet (its head at the binding edge, GB/T 9704 §10.1), is the
 * 公文's own 156 × 225 mm block — so its pages are numbered where the 公文 pages are. The
 * landscape page's top is the sheet's left (订口), its right the sheet's top.
 */
export const TURNED_TABLE_PAGE = {
  top: GONGWEN.left,
  right: GONGWEN.top,
  get bottom() {
    return GONGWEN.right;
  },
  get left() {
    return GONGWEN.bottom;
  },
} as const;

/** Characters a line of 2号 title holds across a width (no letter-spacing: the face's own em). */
export const titleCharsFor = (widthMm: number, pt: number = GONGWEN.titlePt) => Math.floor(widthMm / ptToMm(pt));

/** A 公文's title: 20 characters of 2号 in the 156 mm text block. */
export const TITLE_CHARS = titleCharsFor(GONGWEN.textWidth);

/** The cover's title size (26 pt, between 一号 and 小初) and the characters a line holds. */
export const COVER_TITLE_PT = 26;
export const COVER_TITLE_CHARS = titleCharsFor(GONGWEN.textWidth, COVER_TITLE_PT);

/** The width a table document's text block has, by orientation. */
export const tableTextWidth = (orientation: 'portrait' | 'landscape') => {
  const m = TABLE_PAGE[orientation];
  return (orientation === 'landscape' ? A4.height : A4.width) - m.left - m.right;
};

/** Word's units for the same page. */
export const DOCX = {
  pageWidth: 11906,
  pageHeight: 16838,
  margin: {
    top: mmToTwips(GONGWEN.top),
    left: mmToTwips(GONGWEN.left),
    right: mmToTwips(GONGWEN.right),
    bottom: mmToTwips(GONGWEN.bottom),
  },
  /** 225 mm / 22 in twips: the "固定值 28.95 磅" offices set by hand. */
  linePitch: Math.floor(mmToTwips(GONGWEN.textHeight) / GONGWEN.linesPerPage),
  /**
   * The 28-character line comes from condensed character spacing (字符间距 紧缩), in 1/20 pt:
   * 16 pt less this must not exceed 156 mm / 28, so 28 characters fit and justification
   * spreads the rest. Word's "linesAndChars" grid would say the same with charSpace, but
   * LibreOffice lays such a grid out at 22 characters a line (measured); spacing is read the
   * same way by Word, WPS and LibreOffice.
   */
  characterSpacing: -Math.ceil((GONGWEN.bodyPt - mmToPt(CHAR_PITCH_MM)) * 20),
} as const;
