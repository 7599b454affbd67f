/**
 * JSON numbers kept as they are written. JSON.parse reads the number 1.000 as 1, so a count sent as
 * 1.000 (Vietnamese for a thousand, or a fraction?) would land as 1 where the string "1.000" is
 * refused. Node 20 gives a reviver no source text (JSON.parse source text access needs V8 11.4+),
 * so the text is scanned here first and every number in a value position is turned into a string
 * of its own digits; the number rules of data/schema/number-text.ts then judge it like any cell.
 */

/** A JSON number, as its grammar has it (no leading zeros, no bare point). */
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][-+]?\d+)?/y;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const MINUS = 0x2d;
const ZERO = 0x30;
const NINE = 0x39;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const COMMA = 0x2c;
const COLON = 0x3a;
const LITERALS = ['true', 'false', 'null'];

/**
 * The JSON text with each number in a value position written as a string of its source text
 * (`{"value": 1.000}` → `{"value": "1.000"}`). A text with anything but JSON's tokens is given back
 * unchanged, so JSON.parse refuses it with its own message; a number where a key belongs is left
 * alone for the same reason. A scan of character codes, copying the text between numbers whole:
 * about as fast as JSON.parse itself.
 */
export function numbersAsText(text: string): string {
  const parts: string[] = [];
  let copied = 0;
  // The open containers, and whether a key is due next (after '{', or ',' in an object).
  const open: number[] = [];
  let keyDue = false;
  let i = 0;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      // To the closing quote: one not escaped by an odd run of backslashes.
      let end = text.indexOf('"', i + 1);
      for (;;) {
        if (end < 0) return text;
        let slashes = 0;
        while (text.charCodeAt(end - 1 - slashes) === BACKSLASH) slashes++;
        if (slashes % 2 === 0) break;
        end = text.indexOf('"', end + 1);
      }
      i = end + 1;
      keyDue = false;
    } else if (c === MINUS || (c >= ZERO && c <= NINE)) {
      NUMBER.lastIndex = i;
      const number = NUMBER.exec(text)?.[0];
      if (!number) return text;
      if (!keyDue) {
        parts.push(text.slice(copied, i), '"', number, '"');
        copied = i + number.length;
      }
      i += number.length;
    } else if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
      open.push(c);
      keyDue = c === OPEN_OBJECT;
      i++;
    } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
      open.pop();
      keyDue = false;
      i++;
    } else if (c === COMMA) {
      keyDue = open.at(-1) === OPEN_OBJECT;
      i++;
    } else if (c === COLON) {
      keyDue = false;
      i++;
    } else if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) {
      i++;
    } else {
      const literal = LITERALS.find((l) => text.startsWith(l, i));
      if (!literal) return text;
      keyDue = false;
      i += literal.length;
    }
  }
  parts.push(text.slice(copied));
  return parts.join('');
}
