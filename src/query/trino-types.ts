// Trino type names in CAST and TRY_CAST → DuckDB's, and the two casts DuckDB cannot do as a cast: to JSON
// (Trino turns a varchar into a JSON string, DuckDB would parse it) and to IPADDRESS (no inet extension here;
// an address is kept as its text and checked by the tarn_ip* macros in sql-macros.ts).

import { TranslationError } from './function-translation.ts';
import { isSignificant, type Token, wordOf } from './sql-tokenizer.ts';

export function castSql(cast: 'cast' | 'try_cast', expression: string, typeTokens: readonly Token[]): string {
  const type = new TypeReader(typeTokens.filter(isSignificant)).whole();
  if (type === 'JSON') return `to_json(${expression})`;
  if (type === 'IPADDRESS') return `${cast === 'cast' ? 'tarn_ipaddress' : 'tarn_try_ipaddress'}(${expression})`;
  return `${cast === 'cast' ? 'CAST' : 'TRY_CAST'}(${expression} AS ${type})`;
}

/** Whether translated SQL is an IPADDRESS value, as `contains(cidr, address)` needs to know. */
export function isIpAddress(sql: string | undefined): boolean {
  return /^tarn_(try_)?ipaddress\(/.test(sql ?? '');
}

const RENAMED: Readonly<Record<string, string>> = { varbinary: 'BLOB', int: 'INTEGER' };

class TypeReader {
  private pos = 0;

  constructor(private readonly tokens: readonly Token[]) {}

  whole(): string {
    const type = this.type();
    if (this.pos !== this.tokens.length) this.fail();
    return type;
  }

  private type(): string {
    const name = wordOf(this.tokens[this.pos++]);
    if (name === null) return this.fail();
    switch (name) {
      case 'array':
        return `${this.inParentheses(() => this.type())}[]`;
      case 'map':
        return `MAP(${this.inParentheses(() => `${this.type()}, ${this.skip(',') && this.type()}`)})`;
      case 'row':
        return `STRUCT(${this.inParentheses(() => this.fields())})`;
      case 'timestamp':
      case 'time': {
        if (this.peek('(')) this.inParentheses(() => this.tokens[this.pos++]?.text);
        const zoned = this.words('with', 'time', 'zone');
        return `${name.toUpperCase()}${zoned ? ' WITH TIME ZONE' : ''}`;
      }
      default: {
        const size = this.peek('(') ? `(${this.inParentheses(() => this.rawUntilClose())})` : '';
        return `${RENAMED[name] ?? name.toUpperCase()}${size}`;
      }
    }
  }

  private fields(): string {
    const fields: string[] = [];
    do {
      const field = this.tokens[this.pos++];
      if (field === undefined || (field.kind !== 'word' && field.kind !== 'quoted')) return this.fail();
      fields.push(`${field.kind === 'word' ? `"${field.text.toLowerCase()}"` : field.text} ${this.type()}`);
    } while (this.peek(',') && this.skip(','));
    return fields.join(', ');
  }

  private rawUntilClose(): string {
    const start = this.pos;
    while (this.pos < this.tokens.length && !this.peek(')')) this.pos++;
    return this.tokens
      .slice(start, this.pos)
      .map((token) => token.text)
      .join('');
  }

  private inParentheses<T>(read: () => T): T {
    this.skip('(');
    const inner = read();
    this.skip(')');
    return inner;
  }

  private words(...words: string[]): boolean {
    if (!words.every((word, i) => wordOf(this.tokens[this.pos + i]) === word)) return false;
    this.pos += words.length;
    return true;
  }

  private peek(symbol: string): boolean {
    return this.tokens[this.pos]?.text === symbol;
  }

  private skip(symbol: string): true {
    if (!this.peek(symbol)) this.fail();
    this.pos++;
    return true;
  }

  private fail(): never {
    const type = this.tokens.map((token) => token.text).join(' ');
    throw new TranslationError(`Unknown type: ${type}`);
  }
}
