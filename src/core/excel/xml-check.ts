/**
 * Throws unless `xml` is well-formed: one root element, tags that close in order, attributes
 * quoted, `&` only in entity references, no `]]>` or control characters in text, no DOCTYPE.
 * The lean workbook reader picks values out of the XML by position and name; that is only sound
 * on well-formed parts, so a damaged part is refused here and the file goes to the full reader,
 * which reports the damage instead of reading something half-right.
 */
export function checkWellFormed(xml: string, part: string): void {
  const fail = (why: string, at: number): never => {
    throw new Error(`${part}: ${why} at ${at}`);
  };
  const stack: string[] = [];
  let roots = 0;
  let i = 0;
  const n = xml.length;
  if (xml.charCodeAt(0) === 0xfeff) i = 1;
  while (i < n) {
    const lt = xml.indexOf('<', i);
    checkText(xml, i, lt < 0 ? n : lt, fail);
    if (stack.length === 0 && /\S/.test(xml.slice(i, lt < 0 ? n : lt))) fail('text outside the root element', i);
    if (lt < 0) break;
    if (xml.startsWith('<?', lt)) {
      const end = xml.indexOf('?>', lt + 2);
      if (end < 0) fail('processing instruction not closed', lt);
      i = end + 2;
      continue;
    }
    if (xml.startsWith('<!--', lt)) {
      const end = xml.indexOf('-->', lt + 4);
      if (end < 0) fail('comment not closed', lt);
      i = end + 3;
      continue;
    }
    if (xml.startsWith('<![CDATA[', lt)) {
      if (stack.length === 0) fail('CDATA outside the root element', lt);
      const end = xml.indexOf(']]>', lt + 9);
      if (end < 0) fail('CDATA not closed', lt);
      i = end + 3;
      continue;
    }
    if (xml.charCodeAt(lt + 1) === 0x21) fail('declaration (DOCTYPE) not allowed', lt);
    const closing = xml.charCodeAt(lt + 1) === 0x2f;
    let j = closing ? lt + 2 : lt + 1;
    const nameStart = j;
    while (j < n && isNameChar(xml.charCodeAt(j))) j++;
    const name = xml.slice(nameStart, j);
    if (!name || !isNameStart(name.charCodeAt(0))) fail('bad tag name', lt);
    if (closing) {
      while (j < n && isSpace(xml.charCodeAt(j))) j++;
      if (xml[j] !== '>') fail('bad end tag', lt);
      if (stack.pop() !== name) fail(`</${name}> does not close the open element`, lt);
      i = j + 1;
      continue;
    }
    // attributes: (space+ name space* = space* quoted)* space* /? >
    for (;;) {
      const spaced = j < n && isSpace(xml.charCodeAt(j));
      while (j < n && isSpace(xml.charCodeAt(j))) j++;
      const c = xml[j];
      if (c === '>' || (c === '/' && xml[j + 1] === '>')) break;
      if (!spaced) fail('attributes not separated', j);
      const attrStart = j;
      while (j < n && isNameChar(xml.charCodeAt(j))) j++;
      if (j === attrStart || !isNameStart(xml.charCodeAt(attrStart))) fail('bad attribute name', j);
      while (j < n && isSpace(xml.charCodeAt(j))) j++;
      if (xml[j] !== '=') fail('attribute without a value', j);
      j++;
      while (j < n && isSpace(xml.charCodeAt(j))) j++;
      const quote = xml[j];
      if (quote !== '"' && quote !== "'") fail('attribute value not quoted', j);
      const end = xml.indexOf(quote!, j + 1);
      if (end < 0) fail('attribute value not closed', j);
      if (xml.slice(j + 1, end).includes('<')) fail('< in an attribute value', j);
      checkText(xml, j + 1, end, fail);
      j = end + 1;
    }
    const selfClosing = xml[j] === '/';
    i = j + (selfClosing ? 2 : 1);
    if (stack.length === 0) roots += 1;
    if (roots > 1) fail('more than one root element', lt);
    if (!selfClosing) stack.push(name);
  }
  if (stack.length) fail(`<${stack[stack.length - 1]}> not closed`, n);
  if (roots !== 1) fail('no root element', 0);
}

/** Character data: entity references only where & appears, no ]]>, no control characters. */
function checkText(xml: string, from: number, to: number, fail: (why: string, at: number) => never): void {
  for (let k = from; k < to; k++) {
    const code = xml.charCodeAt(k);
    if (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) fail('control character', k);
    if (code === 0x26) {
      const semi = xml.indexOf(';', k);
      if (semi < 0 || semi >= to || !/^&(?:#\d+|#x[0-9a-fA-F]+|[A-Za-z_][\w.-]*);$/.test(xml.slice(k, semi + 1)))
        fail('bare &', k);
    } else if (code === 0x5d && xml.startsWith(']]>', k)) fail(']]> in text', k);
  }
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
