// A CloudTrail delivery file is one document, `{"Records":[…]}`, of thousands of events. Parsing it whole
// keeps every event alive until the last is mapped, and the garbage collector copied them all out of the young
// generation: a third of the CPU of reading such a file. Split instead into the text of each element, the
// events are parsed, mapped and dropped one at a time. Only that exact shape is split; anything else (another
// key, a second "Records", an escaped key) is parsed whole as before.

/** The text of a document `{"<key>": [e1, e2, …]}`, with where each element's text starts and ends. */
export class SplitArray {
  constructor(
    readonly key: string,
    readonly text: string,
    /** Start and end offset of each element, in pairs. */
    readonly bounds: readonly number[],
    /** How deep each element nests objects and arrays (0 for a scalar, 1 for `{}`), counted as it was split. */
    readonly depths: readonly number[],
  ) {}

  get length(): number {
    return this.bounds.length / 2;
  }

  /** The element's text; JSON.parse of it throws when the document is not valid JSON. */
  element(index: number): string {
    return this.text.slice(this.bounds[2 * index], this.bounds[2 * index + 1]);
  }
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;

/**
 * Splits `text` if it is exactly `{"<key>": [ … ]}` around its elements (whitespace allowed where JSON allows
 * it), else undefined. It finds the elements' bounds only: each element is valid JSON exactly when the whole
 * document is, so a caller that parses every element and falls back to a whole parse on the first failure
 * reads exactly what JSON.parse of the whole text gives.
 */
export function splitRecordsArray(text: string, key: string): SplitArray | undefined {
  let at = skipBlank(text, 0);
  if (text.charCodeAt(at) !== OPEN_BRACE) return undefined;
  at = skipBlank(text, at + 1);
  const quoted = `"${key}"`;
  if (!text.startsWith(quoted, at)) return undefined;
  at = skipBlank(text, at + quoted.length);
  if (text.charCodeAt(at) !== COLON) return undefined;
  at = skipBlank(text, at + 1);
  if (text.charCodeAt(at) !== OPEN_BRACKET) return undefined;
  at = skipBlank(text, at + 1);
  const bounds: number[] = [];
  const depths: number[] = [];
  if (text.charCodeAt(at) !== CLOSE_BRACKET) {
    for (;;) {
      const end = valueEnd(text, at, depths);
      if (end === -1) return undefined;
      bounds.push(at, end);
      at = skipBlank(text, end);
      const separator = text.charCodeAt(at);
      if (separator === CLOSE_BRACKET) break;
      if (separator !== COMMA) return undefined;
      at = skipBlank(text, at + 1);
    }
  }
  at = skipBlank(text, at + 1);
  if (text.charCodeAt(at) !== CLOSE_BRACE) return undefined;
  return skipBlank(text, at + 1) === text.length ? new SplitArray(key, text, bounds, depths) : undefined;
}

/**
 * Where the value starting at `start` ends: after its closing bracket or quote, or before what ends a scalar.
 * Pushes the value's depth onto `depths`: the split counts the brackets anyway, and that spares every record
 * of a delivery file the walk of its parsed objects that the depth limit (`json-depth.ts`) otherwise takes.
 */
function valueEnd(text: string, start: number, depths: number[]): number {
  const first = text.charCodeAt(start);
  if (first !== OPEN_BRACE && first !== OPEN_BRACKET) {
    depths.push(0);
    if (first === QUOTE) return stringEnd(text, start);
    let at = start;
    while (at < text.length && !endsScalar(text.charCodeAt(at))) at++;
    return at === start ? -1 : at;
  }
  let depth = 0;
  let deepest = 0;
  for (let at = start; at < text.length; at++) {
    const code = text.charCodeAt(at);
    if (code === QUOTE) {
      at = stringEnd(text, at) - 1;
      if (at < 0) return -1;
    } else if (code === OPEN_BRACE || code === OPEN_BRACKET) {
      if (++depth > deepest) deepest = depth;
    } else if (code === CLOSE_BRACE || code === CLOSE_BRACKET) {
      if (--depth === 0) {
        depths.push(deepest);
        return at + 1;
      }
    }
  }
  return -1;
}

/** After the closing quote of the string opening at `start`, or -1 when it is not closed. */
function stringEnd(text: string, start: number): number {
  let at = start + 1;
  for (;;) {
    const quote = text.indexOf('"', at);
    if (quote === -1) return -1;
    let backslashes = 0;
    while (text.charCodeAt(quote - 1 - backslashes) === BACKSLASH) backslashes++;
    if (backslashes % 2 === 0) return quote + 1;
    at = quote + 1;
  }
}

function endsScalar(code: number): boolean {
  return code === COMMA || code === CLOSE_BRACKET || isBlank(code);
}

function skipBlank(text: string, from: number): number {
  let at = from;
  while (at < text.length && isBlank(text.charCodeAt(at))) at++;
  return at;
}

function isBlank(code: number): boolean {
  return code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09;
}
