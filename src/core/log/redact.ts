import os from 'node:os';

/*
 * The diagnostic log travels: the office hands it to whoever supports them. It must say what went
 * wrong without saying about whom. Messages in the app's own code are English; what can still slip
 * into a detail is the data itself (a name, an ID number, an amount, a file name the clerk chose),
 * so every text is passed through here before it is written, whatever its source.
 */

const RULES: [RegExp, string][] = [
  // Chinese text of any length: names, units, places, the office's own words.
  [/[\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]+/g, '<zh>'],
  // Citizen ID numbers (15 or 18 characters) and any other long figure: phone, account, card numbers.
  [/\d{17}[\dXx]|\d{6,}/g, '<number>'],
  // Amounts as the office writes them: 1,250.00 / 12.50 / ¥80.
  // (Not a version's "24.11.1": a figure with two decimals and nothing more.)
  [/[¥￥]\s*[\d,.]+|\d{1,3}(?:,\d{3})+(?:\.\d+)?|(?<![\d.])\d+\.\d{2}(?![\d.])/g, '<amount>'],
  // Mail addresses.
  [/[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g, '<email>'],
];

/** The user's home folder as "~", so paths do not carry the account name. */
function homeOf(): string | null {
  try {
    const home = os.homedir();
    return home.length > 1 ? home : null;
  } catch {
    return null;
  }
}

const home = homeOf();

/** `text` with personal data replaced by placeholders; file paths keep their shape, not their owner. */
export function redact(text: string): string {
  let out = home ? text.split(home).join('~') : text;
  for (const [pattern, replacement] of RULES) out = out.replace(pattern, replacement);
  return out;
}
