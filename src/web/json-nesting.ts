/*
 * How deeply a JSON text nests, measured on the text before it is parsed. A body of 100,000
 * brackets parses, but everything that walks the value afterwards (validation, the copy to the core
 * process) recurses and runs out of stack: an HTTP 500. No input of the contract nests more than a
 * handful of levels, so a body past MAX_JSON_NESTING is refused as what it is before it is parsed.
 */

/** Far above the deepest input the contract takes (a request, its input, a record, a list of rows: under 10). */
export const MAX_JSON_NESTING = 64;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPENERS = new Set([0x5b, 0x7b]); // [ {
const CLOSERS = new Set([0x5d, 0x7d]); // ] }

/**
 * True when the text opens more than `limit` arrays or objects inside one another. Brackets
 * inside strings are text. One pass over the bytes, no allocation: it runs on bodies up to the
 * size limit. Malformed text is left to JSON.parse to report.
 */
export function nestsDeeperThan(text: Buffer, limit = MAX_JSON_NESTING): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const byte = text[i]!;
    if (inString) {
      if (byte === BACKSLASH) i++;
      else if (byte === QUOTE) inString = false;
    } else if (byte === QUOTE) {
      inString = true;
    } else if (OPENERS.has(byte)) {
      if (++depth > limit) return true;
    } else if (CLOSERS.has(byte)) {
      depth--;
    }
  }
  return false;
}
