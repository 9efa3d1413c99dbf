// The text a SQL engine (Trino, which CloudTrail Lake runs on) writes for a struct, map or array cell:
// `{type=IAMUser, principalid=AIDA…, sessioncontext={attributes={mfaauthenticated=false}}}`, `[a, b]`, and
// `null`. It is not JSON: keys and strings are bare, so a value runs to the next `, key=` or to the bracket
// that closes its struct. Text that does not follow this form is refused, never guessed at.

export type RowValue = string | null | RowValue[] | { [key: string]: RowValue };

/** The parsed value, or undefined when the text is not in this form. */
export function parseRowValueText(text: string): RowValue | undefined {
  const parser = new RowValueParser(text);
  const value = parser.value(END);
  return parser.atEnd() ? value : undefined;
}

/** What may end a bare value: the end of the text, or the delimiters of the container it sits in. */
type Stop = (text: string, at: number) => boolean;

const END: Stop = () => false;
const IN_ARRAY: Stop = (text, at) => text[at] === ']' || text.startsWith(', ', at);
const IN_STRUCT: Stop = (text, at) =>
  (text[at] === '}' && closesStruct(text, at)) || /^, [\w@:.$-]+=/.test(text.slice(at, at + 80));

/** A `}` closes the struct when what follows could follow a struct: the end, a separator or another close. */
function closesStruct(text: string, at: number): boolean {
  const next = text[at + 1];
  return next === undefined || next === '}' || next === ']' || next === ',';
}

class RowValueParser {
  private at = 0;

  constructor(private readonly text: string) {}

  atEnd(): boolean {
    return this.at === this.text.length;
  }

  value(stop: Stop): RowValue | undefined {
    const opening = this.text[this.at];
    if (opening === '{') return this.struct();
    if (opening === '[') return this.array();
    const start = this.at;
    while (this.at < this.text.length && !stop(this.text, this.at)) this.at++;
    const bare = this.text.slice(start, this.at);
    return bare === 'null' ? null : bare;
  }

  private struct(): RowValue | undefined {
    const struct: { [key: string]: RowValue } = {};
    this.at++;
    if (this.text[this.at] === '}') return this.close(struct);
    for (;;) {
      const equals = this.text.indexOf('=', this.at);
      if (equals === -1) return undefined;
      const key = this.text.slice(this.at, equals);
      if (!/^[\w@:.$-]+$/.test(key)) return undefined;
      this.at = equals + 1;
      const value = this.value(IN_STRUCT);
      if (value === undefined) return undefined;
      struct[key] = value;
      if (this.text[this.at] === '}') return this.close(struct);
      if (!this.text.startsWith(', ', this.at)) return undefined;
      this.at += 2;
    }
  }

  private array(): RowValue | undefined {
    const items: RowValue[] = [];
    this.at++;
    if (this.text[this.at] === ']') return this.close(items);
    for (;;) {
      const value = this.value(IN_ARRAY);
      if (value === undefined) return undefined;
      items.push(value);
      if (this.text[this.at] === ']') return this.close(items);
      if (!this.text.startsWith(', ', this.at)) return undefined;
      this.at += 2;
    }
  }

  private close<T extends RowValue>(value: T): T {
    this.at++;
    return value;
  }
}
