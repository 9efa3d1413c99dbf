// The token-by-token rewrite of one Athena query into DuckDB SQL. Tokens the translation does not touch are
// printed exactly as written, so string literals, quoted names and comments are never rewritten.

import { quoteName } from './catalog-views.ts';
import { DUCKDB_RESERVED_KEYWORDS } from './duckdb-keywords.ts';
import { TranslationError } from './function-translation.ts';
import { FUNCTION_TRANSLATIONS } from './function-translations.ts';
import { positionAt, QueryError } from './query-error.ts';
import { isSignificant, type Token, wordOf } from './sql-tokenizer.ts';
import type { TableReference } from './table-references.ts';
import { castSql } from './trino-types.ts';

export class Translation {
  private readonly references: ReadonlyMap<number, TableReference>;

  constructor(
    private readonly sql: string,
    private readonly tokens: readonly Token[],
    references: readonly TableReference[],
    /** Token index → text to write after it: Athena's `_colN` names. */
    private readonly suffixes: ReadonlyMap<number, string>,
  ) {
    this.references = new Map(references.map((reference) => [reference.start, reference]));
  }

  /** The DuckDB text of tokens [from, to). */
  range(from: number, to: number): string {
    let out = '';
    for (let i = from; i < to; i++) {
      const token = this.tokens[i] as Token;
      const reference = this.references.get(i);
      const call = reference === undefined ? this.functionCall(i) : null;
      if (reference !== undefined) {
        // A table in the lake is written bare, so that the engine's pruned scan of it (a CTE) stands in for it.
        out += quoteName(reference.table);
        i = reference.end;
      } else if (call !== null) {
        out += call.text;
        i = call.close;
      } else if (this.needsQuoting(i)) {
        out += `"${token.text.toLowerCase()}"`;
      } else {
        out += token.text;
      }
      out += this.suffixes.get(i) ?? '';
    }
    return out;
  }

  /** A call to a translated function (or a cast) starting at token i; null when there is none. */
  private functionCall(i: number): { text: string; close: number } | null {
    const name = wordOf(this.tokens[i]);
    const open = this.nextSignificant(i);
    if (name === null || this.tokens[open]?.text !== '(' || this.isFieldName(i)) return null;
    if (name === 'cast' || name === 'try_cast') return this.cast(i, name, open);
    const translation = FUNCTION_TRANSLATIONS[name];
    if (translation === undefined) return null;
    const { args, close } = this.arguments(open);
    if (!translation.arity.includes(args.length)) {
      const expected = translation.arity.join(' or ');
      this.fail(i, `Unexpected parameters for function ${name}: ${args.length} given, ${expected} expected`);
    }
    try {
      return { text: translation.render(args), close };
    } catch (error) {
      if (error instanceof TranslationError) this.fail(i, error.message);
      throw error;
    }
  }

  private cast(i: number, name: 'cast' | 'try_cast', open: number): { text: string; close: number } {
    const close = this.closing(open);
    let as = close - 1;
    while (as > open && !(wordOf(this.tokens[as]) === 'as' && this.depthBetween(open, as) === 1)) as--;
    if (as === open) this.fail(i, "mismatched input ')'. Expecting: 'AS'");
    try {
      return { text: castSql(name, this.range(open + 1, as).trim(), this.tokens.slice(as + 1, close)), close };
    } catch (error) {
      if (error instanceof TranslationError) this.fail(as, error.message);
      throw error;
    }
  }

  /** Splits the arguments of the call whose `(` is at token `open`, at commas outside nested brackets. */
  private arguments(open: number): { args: string[]; close: number } {
    const args: string[] = [];
    let depth = 0;
    let argStart = open + 1;
    for (let i = open; i < this.tokens.length; i++) {
      const token = this.tokens[i] as Token;
      if (token.kind !== 'symbol') continue;
      if (token.text === '(' || token.text === '[') depth++;
      if (token.text === ')' || token.text === ']') depth--;
      if ((depth === 1 && token.text === ',') || depth === 0) {
        const arg = this.argument(argStart, i);
        if (arg !== '' || token.text === ',') args.push(arg);
        argStart = i + 1;
      }
      if (depth === 0) return { args, close: i };
    }
    return this.fail(this.tokens.length, "mismatched input '<EOF>'. Expecting: ')'");
  }

  /** One argument; Trino's lambda `x -> …` or `(s, x) -> …` becomes DuckDB's `lambda x: …`. */
  private argument(from: number, to: number): string {
    let depth = 0;
    for (let i = from; i < to; i++) {
      const text = this.tokens[i]?.text;
      if (text === '(' || text === '[') depth++;
      if (text === ')' || text === ']') depth--;
      if (depth === 0 && text === '->') {
        const params = this.tokens
          .slice(from, i)
          .filter((token) => isSignificant(token) && token.text !== '(' && token.text !== ')')
          .map((token) => token.text);
        return `lambda ${params.join('').replaceAll(',', ', ')}: ${this.range(i + 1, to).trim()}`;
      }
    }
    return this.range(from, to).trim();
  }

  private closing(open: number): number {
    let depth = 0;
    for (let i = open; i < this.tokens.length; i++) {
      const text = this.tokens[i]?.text;
      if (text === '(' || text === '[') depth++;
      if ((text === ')' || text === ']') && --depth === 0) return i;
    }
    return this.fail(this.tokens.length, "mismatched input '<EOF>'. Expecting: ')'");
  }

  private depthBetween(open: number, at: number): number {
    let depth = 0;
    for (let i = open; i < at; i++) {
      const text = this.tokens[i]?.text;
      if (text === '(' || text === '[') depth++;
      if (text === ')' || text === ']') depth--;
    }
    return depth;
  }

  /** A reserved DuckDB word that starts a dotted name (`desc.x`) is a column to DuckDB only when quoted. */
  private needsQuoting(i: number): boolean {
    const word = wordOf(this.tokens[i]);
    return (
      word !== null &&
      DUCKDB_RESERVED_KEYWORDS.has(word) &&
      this.tokens[this.nextSignificant(i)]?.text === '.' &&
      !this.isFieldName(i)
    );
  }

  /** Whether token i follows a `.`, naming a struct field or a table in a schema rather than standing alone. */
  private isFieldName(i: number): boolean {
    let previous = i - 1;
    while (previous >= 0 && !isSignificant(this.tokens[previous] as Token)) previous--;
    return this.tokens[previous]?.text === '.';
  }

  private nextSignificant(i: number): number {
    let next = i + 1;
    while (next < this.tokens.length && !isSignificant(this.tokens[next] as Token)) next++;
    return next;
  }

  private fail(i: number, message: string): never {
    throw new QueryError('syntax', message, positionAt(this.sql, this.tokens[i]?.start ?? this.sql.length));
  }
}
