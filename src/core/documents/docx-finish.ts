import JSZip from 'jszip';

/*
 * What the docx package cannot say, written into its output so that Word, WPS and LibreOffice
 * lay the file out as the PDF is laid out:
 *   - no punctuation hanging past the text block (压缩标点, 不允许标点溢出边界): 28 characters a line;
 *   - no automatic space between Chinese and Latin letters or digits (autoSpaceDE/DN off), as the
 *     PDF sets "2026年" with no gap;
 *   - the title off the line grid (snapToGrid off), so a 2号 line takes one grid line, not two;
 *   - a font table naming each office face with the faces that may stand in for it, so that a
 *     machine without 仿宋_GB2312 takes 仿宋 (FangSong), not whatever sans it has.
 * Element order inside <w:pPr> is fixed by the schema (Word refuses a file out of order):
 * kinsoku, wordWrap, overflowPunct, topLinePunct, autoSpaceDE, autoSpaceDN, …, snapToGrid, spacing.
 */

const GRID_AND_PUNCTUATION =
  '<w:kinsoku/><w:overflowPunct w:val="0"/><w:autoSpaceDE w:val="0"/><w:autoSpaceDN w:val="0"/>';

interface FontEntry {
  name: string;
  altName?: string;
  panose: string;
  family: 'roman' | 'swiss' | 'modern' | 'script' | 'auto';
}

/** Office faces and, through altName, what stands in for each (仿宋_GB2312 → 仿宋 → FangSong …). */
export const FONT_TABLE: readonly FontEntry[] = [
  { name: '仿宋_GB2312', altName: '仿宋', panose: '02010609030101010101', family: 'roman' },
  { name: '仿宋', altName: 'FangSong', panose: '02010609060101010101', family: 'roman' },
  { name: '楷体_GB2312', altName: '楷体', panose: '02010609030101010101', family: 'roman' },
  { name: '楷体', altName: 'KaiTi', panose: '02010609060101010101', family: 'roman' },
  { name: '方正小标宋简体', altName: '小标宋', panose: '02000000000000000000', family: 'roman' },
  { name: '小标宋', altName: '宋体', panose: '02000000000000000000', family: 'roman' },
  { name: '黑体', altName: 'SimHei', panose: '02010609060101010101', family: 'swiss' },
  { name: '宋体', altName: 'SimSun', panose: '02010600030101010101', family: 'roman' },
];

const W_NS =
  'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';

const escapeXml = (text: string) => text.replace(/[&<>"]/g, (ch) => `&#${ch.charCodeAt(0)};`);

export function fontTableXml(): string {
  const fonts = FONT_TABLE.map(
    (f) =>
      `<w:font w:name="${escapeXml(f.name)}">${f.altName ? `<w:altName w:val="${escapeXml(f.altName)}"/>` : ''}` +
      `<w:panose1 w:val="${f.panose}"/><w:charset w:val="86"/><w:family w:val="${f.family}"/><w:pitch w:val="variable"/></w:font>`,
  ).join('');
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:fonts ${W_NS}>${fonts}</w:fonts>`;
}

/** Puts `inner` into a paragraph-properties element at its place in the schema's order (before <w:spacing>). */
function intoPPr(pPr: string, inner: string): string {
  const at = pPr.search(/<w:(?:bidi|adjustRightInd|snapToGrid|spacing|ind|contextualSpacing|jc|outlineLvl)\b/);
  if (at >= 0) return `${pPr.slice(0, at)}${inner}${pPr.slice(at)}`;
  return pPr.replace(/<\/w:pPr>$/, `${inner}</w:pPr>`);
}

export function patchStyles(styles: string): string {
  // Document defaults: kinsoku on, no hanging punctuation, no automatic spacing.
  let out = styles.replace(/<w:pPrDefault\/>/, '<w:pPrDefault><w:pPr></w:pPr></w:pPrDefault>');
  out = out.replace(/(<w:pPrDefault>)(<w:pPr>[\s\S]*?<\/w:pPr>|<w:pPr\/>)/, (_, open: string, pPr: string) => {
    const full = pPr === '<w:pPr/>' ? '<w:pPr></w:pPr>' : pPr;
    return `${open}${intoPPr(full, GRID_AND_PUNCTUATION)}`;
  });
  // And on the default paragraph style, which LibreOffice reads where it passes over the defaults.
  out = out.replace(
    /(<w:style w:type="paragraph" w:styleId="Normal"[^>]*>)([\s\S]*?)(<\/w:style>)/,
    (_, open: string, body: string, close: string) =>
      body.includes('<w:pPr>')
        ? `${open}${body.replace(/<w:pPr>[\s\S]*?<\/w:pPr>/, (pPr) => intoPPr(pPr, GRID_AND_PUNCTUATION))}${close}`
        : `${open}${body.replace(/(<w:rPr>|$)/, `<w:pPr>${GRID_AND_PUNCTUATION}</w:pPr>$1`)}${close}`,
  );
  // The title is off the line grid: exactly one 28.95 pt line a title line, as in the PDF.
  out = out.replace(
    /(<w:style [^>]*w:styleId="Title"[^>]*>[\s\S]*?)(<w:pPr>[\s\S]*?<\/w:pPr>)/,
    (_, head: string, pPr) => `${head}${intoPPr(pPr as string, '<w:snapToGrid w:val="0"/>')}`,
  );
  return out;
}

export async function finishDocx(buffer: Buffer): Promise<Buffer> {
  const zip = await JSZip.loadAsync(buffer);
  const styles = zip.file('word/styles.xml');
  if (styles) zip.file('word/styles.xml', patchStyles(await styles.async('string')));
  zip.file('word/fontTable.xml', fontTableXml());
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}
