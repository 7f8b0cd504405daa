/**
 * Checks that XML is well-formed: one root element, tags that close in order, attributes
 * quoted, `&` only in entity references, no `]]>` or control characters in text, no DOCTYPE.
 * The lean workbook reader picks values out of the XML by position and name; that is only sound
 * on well-formed parts, so a damaged part is refused here instead of being read half-right.
 *
 * The text may come in pieces (a worksheet is checked as it inflates): `feed` checks every
 * construct that is complete so far and keeps the rest for the next piece; `end` fails on
 * anything left open.
 */
export class XmlChecker {
  private stack: string[] = [];
  private roots = 0;
  private pending = '';
  /** Offset of `pending` in the whole text, for messages. */
  private offset = 0;
  private started = false;

  constructor(private readonly part: string) {}

  feed(text: string): void {
    const xml = this.pending + text;
    let i = 0;
    if (!this.started && xml.length > 0) {
      this.started = true;
      if (xml.charCodeAt(0) === 0xfeff) i = 1;
    }
    const n = xml.length;
    while (i < n) {
      const lt = xml.indexOf('<', i);
      // Text running to the end of the piece may go on in the next one (an entity cut in two, "]]" then ">").
      if (lt < 0) break;
      this.checkText(xml, i, lt);
      if (this.stack.length === 0 && /\S/.test(xml.slice(i, lt))) this.fail('text outside the root element', i);
      const next = this.construct(xml, lt);
      if (next < 0) break; // the construct goes on in the next piece
      i = next;
    }
    this.offset += i;
    this.pending = xml.slice(i);
  }

  end(): void {
    const rest = this.pending;
    this.pending = '';
    if (rest.includes('<')) this.fail('markup not closed', rest.indexOf('<'));
    this.checkText(rest, 0, rest.length);
    if (this.stack.length === 0 && /\S/.test(rest)) this.fail('text outside the root element', 0);
    if (this.stack.length) this.fail(`<${this.stack[this.stack.length - 1]}> not closed`, rest.length);
    if (this.roots !== 1) this.fail('no root element', 0);
  }

  private fail(why: string, at: number): never {
    throw new Error(`${this.part}: ${why} at ${this.offset + at}`);
  }

  /** Checks the construct starting at `lt`; returns where it ends, or -1 when the text stops inside it. */
  private construct(xml: string, lt: number): number {
    const n = xml.length;
    if (lt + 1 >= n) return -1;
    if (xml.startsWith('<?', lt)) {
      const end = xml.indexOf('?>', lt + 2);
      return end < 0 ? -1 : end + 2;
    }
    if (xml.charCodeAt(lt + 1) === 0x21) {
      if (xml.startsWith('<!--', lt)) {
        const end = xml.indexOf('-->', lt + 4);
        return end < 0 ? -1 : end + 3;
      }
      if (xml.startsWith('<![CDATA[', lt)) {
        if (this.stack.length === 0) this.fail('CDATA outside the root element', lt);
        const end = xml.indexOf(']]>', lt + 9);
        return end < 0 ? -1 : end + 3;
      }
      if (lt + 9 > n && ('<![CDATA['.startsWith(xml.slice(lt)) || '<!--'.startsWith(xml.slice(lt)))) return -1;
      this.fail('declaration (DOCTYPE) not allowed', lt);
    }
    const closing = xml.charCodeAt(lt + 1) === 0x2f;
    let j = closing ? lt + 2 : lt + 1;
    const nameStart = j;
    while (j < n && isNameChar(xml.charCodeAt(j))) j++;
    if (j >= n) return -1;
    const name = xml.slice(nameStart, j);
    if (!name || !isNameStart(name.charCodeAt(0))) this.fail('bad tag name', lt);
    if (closing) {
      while (j < n && isSpace(xml.charCodeAt(j))) j++;
      if (j >= n) return -1;
      if (xml[j] !== '>') this.fail('bad end tag', lt);
      if (this.stack.pop() !== name) this.fail(`</${name}> does not close the open element`, lt);
      return j + 1;
    }
    // attributes: (space+ name space* = space* quoted)* space* /? >
    for (;;) {
      const spaced = j < n && isSpace(xml.charCodeAt(j));
      while (j < n && isSpace(xml.charCodeAt(j))) j++;
      if (j >= n) return -1;
      const c = xml[j];
      if (c === '>') break;
      if (c === '/') {
        if (j + 1 >= n) return -1;
        if (xml[j + 1] === '>') break;
      }
      if (!spaced) this.fail('attributes not separated', j);
      const attrStart = j;
      while (j < n && isNameChar(xml.charCodeAt(j))) j++;
      if (j >= n) return -1;
      if (j === attrStart || !isNameStart(xml.charCodeAt(attrStart))) this.fail('bad attribute name', j);
      while (j < n && isSpace(xml.charCodeAt(j))) j++;
      if (j >= n) return -1;
      if (xml[j] !== '=') this.fail('attribute without a value', j);
      j++;
      while (j < n && isSpace(xml.charCodeAt(j))) j++;
      if (j >= n) return -1;
      const quote = xml[j];
      if (quote !== '"' && quote !== "'") this.fail('attribute value not quoted', j);
      const end = xml.indexOf(quote!, j + 1);
      if (end < 0) return -1;
      if (xml.slice(j + 1, end).includes('<')) this.fail('< in an attribute value', j);
      this.checkText(xml, j + 1, end);
      j = end + 1;
    }
    const selfClosing = xml[j] === '/';
    if (this.stack.length === 0) this.roots += 1;
    if (this.roots > 1) this.fail('more than one root element', lt);
    if (!selfClosing) this.stack.push(name);
    return j + (selfClosing ? 2 : 1);
  }

  /** Character data: entity references only where & appears, no ]]>, no control characters. */
  private checkText(xml: string, from: number, to: number): void {
    for (let k = from; k < to; k++) {
      const code = xml.charCodeAt(k);
      if (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) this.fail('control character', k);
      if (code === 0x26) {
        const semi = xml.indexOf(';', k);
        if (semi < 0 || semi >= to || !/^&(?:#\d+|#x[0-9a-fA-F]+|[A-Za-z_][\w.-]*);$/.test(xml.slice(k, semi + 1)))
          this.fail('bare &', k);
      } else if (code === 0x5d && xml.startsWith(']]>', k)) this.fail(']]> in text', k);
    }
  }
}

/** Throws unless the whole of `xml` is well-formed. */
export function checkWellFormed(xml: string, part: string): void {
  const checker = new XmlChecker(part);
  checker.feed(xml);
  checker.end();
}

function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;
}

function isNameStart(code: number): boolean {
  return (
    (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a) || code === 0x5f || code === 0x3a || code > 0x7f
  );
}

function isNameChar(code: number): boolean {
  return isNameStart(code) || (code >= 0x30 && code <= 0x39) || code === 0x2d || code === 0x2e;
}
