// Node 20's JSON.parse leaves the position out of some messages ("Unexpected token '}', … is not valid JSON",
// "Unexpected end of JSON input"), yet a reject must say where the text broke. This scanner runs only after
// JSON.parse has failed, so it favours being small and iterative (no stack overflow on deep nesting) over speed.

const WHITESPACE = new Set([0x20, 0x09, 0x0a, 0x0d]);
const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
// biome-ignore lint/suspicious/noControlCharactersInRegex: JSON forbids raw U+0000–U+001F in a string, so they end its part.
const STRING_PART = /[^"\\\u0000-\u001f]*/y;
const ESCAPE = /\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4})/y;

/**
 * The parser's message, with the offset where the text breaks added when the message does not carry one. The
 * line and column that Node 22 and later append are left out, so a reject reads the same on every Node.
 */
export function jsonErrorReason(error: unknown, text: string): string {
  const message = (error instanceof Error ? error.message : String(error)).replace(/ \(line \d+ column \d+\)$/, '');
  return /at position \d+/.test(message) ? message : `${message} at position ${jsonErrorOffset(text)}`;
}

/** Offset of the first character that breaks JSON syntax (text.length when the text ends too early), or -1. */
export function jsonErrorOffset(text: string): number {
  const open: number[] = [];
  let expect: 'value' | 'key' | 'next' = 'value';
  let i = skipWhitespace(text, 0);
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (expect === 'value') {
      if (c === 0x7b || c === 0x5b) {
        // A closing bracket is its opening one + 2 in ASCII: `{` `}`, `[` `]`.
        i = skipWhitespace(text, i + 1);
        const empty = text.charCodeAt(i) === c + 2;
        if (empty) i++;
        else open.push(c);
        expect = empty ? 'next' : c === 0x7b ? 'key' : 'value';
      } else {
        const end = scalarEnd(text, i);
        if (end < 0) return -end - 1;
        i = end;
        expect = 'next';
      }
    } else if (expect === 'key') {
      const end = c === 0x22 ? stringEnd(text, i) : -i - 1;
      if (end < 0) return -end - 1;
      i = skipWhitespace(text, end);
      if (text.charCodeAt(i) !== 0x3a) return i;
      i++;
      expect = 'value';
    } else {
      const container = open.at(-1);
      if (container === undefined) return i; // something after the top-level value
      if (c === 0x2c) expect = container === 0x7b ? 'key' : 'value';
      else if (c === container + 2) open.pop();
      else return i;
      i++;
    }
    i = skipWhitespace(text, i);
  }
  return expect === 'next' && open.length === 0 ? -1 : text.length;
}

function skipWhitespace(text: string, from: number): number {
  let i = from;
  while (i < text.length && WHITESPACE.has(text.charCodeAt(i))) i++;
  return i;
}

/** End offset of the string, number or literal at `from`, or -(offset of the bad character) - 1. */
function scalarEnd(text: string, from: number): number {
  const c = text.charCodeAt(from);
  if (c === 0x22) return stringEnd(text, from);
  for (const literal of ['true', 'false', 'null']) {
    if (c !== literal.charCodeAt(0)) continue;
    for (let k = 1; k < literal.length; k++) {
      if (text.charCodeAt(from + k) !== literal.charCodeAt(k)) return -(from + k) - 1;
    }
    return from + literal.length;
  }
  NUMBER.lastIndex = from;
  return NUMBER.test(text) && NUMBER.lastIndex > from ? NUMBER.lastIndex : -from - 1;
}

function stringEnd(text: string, from: number): number {
  let i = from + 1;
  for (;;) {
    STRING_PART.lastIndex = i;
    STRING_PART.test(text);
    i = STRING_PART.lastIndex;
    const c = text.charCodeAt(i);
    if (c === 0x22) return i + 1;
    if (c !== 0x5c) return -i - 1; // control character, or the end of the text
    ESCAPE.lastIndex = i;
    if (!ESCAPE.test(text)) return -i - 1;
    i = ESCAPE.lastIndex;
  }
}
