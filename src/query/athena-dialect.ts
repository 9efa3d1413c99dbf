// Athena (Trino) SQL → DuckDB SQL, over tokens rather than raw text so that string literals, quoted names
// and comments are never rewritten. Tokens the translation does not touch are printed exactly as written.

import { DUCKDB_RESERVED_KEYWORDS } from './duckdb-keywords.ts';
import { FUNCTION_TRANSLATIONS } from './function-translations.ts';
import { positionAt, QueryError } from './query-error.ts';
import { isSignificant, type Token, tokenize, wordOf } from './sql-tokenizer.ts';

/** The words a read-only statement can start with; anything else is refused before DuckDB sees it. */
const READ_STATEMENT_STARTS = new Set(['select', 'with', 'values']);

export function translateAthenaSql(sql: string): string {
  const tokens = tokenize(sql);
  const end = statementEnd(sql, tokens);
  return new Translation(sql, tokens).range(0, end).trim();
}

/** Checks the input is one read statement; returns the token index the statement ends at (its `;` or the end). */
function statementEnd(sql: string, tokens: readonly Token[]): number {
  const first = tokens.find(isSignificant);
  if (first === undefined) throw new QueryError('syntax', "mismatched input '<EOF>'. Expecting: a query");
  if (!(READ_STATEMENT_STARTS.has(wordOf(first) ?? '') || first.text === '(')) {
    throw new QueryError(
      'refused',
      `only queries that read are allowed; '${first.text}' statements are refused`,
      positionAt(sql, first.start),
    );
  }
  const semicolon = tokens.findIndex((token) => token.kind === 'symbol' && token.text === ';');
  if (semicolon === -1) return tokens.length;
  const extra = tokens.slice(semicolon + 1).find(isSignificant);
  if (extra !== undefined) {
    throw new QueryError('refused', 'Only one sql statement is allowed', positionAt(sql, extra.start));
  }
  return semicolon;
}

class Translation {
  constructor(
    private readonly sql: string,
    private readonly tokens: readonly Token[],
  ) {}

  /** The DuckDB text of tokens [from, to). */
  range(from: number, to: number): string {
    let out = '';
    for (let i = from; i < to; i++) {
      const token = this.tokens[i] as Token;
      const call = this.functionCall(i);
      if (call !== null) {
        out += call.text;
        i = call.close;
      } else if (this.needsQuoting(i)) {
        out += `"${token.text.toLowerCase()}"`;
      } else {
        out += token.text;
      }
    }
    return out;
  }

  /** A call to a function in the translation table, starting at token i; null when there is none. */
  private functionCall(i: number): { text: string; close: number } | null {
    const name = wordOf(this.tokens[i]);
    const translation = name === null ? undefined : FUNCTION_TRANSLATIONS[name];
    const open = this.nextSignificant(i);
    if (translation === undefined || this.tokens[open]?.text !== '(' || this.isFieldName(i)) return null;
    const { args, close } = this.arguments(open);
    if (!translation.arity.includes(args.length)) {
      const expected = translation.arity.join(' or ');
      throw new QueryError(
        'syntax',
        `Unexpected parameters for function ${name}: ${args.length} given, ${expected} expected`,
        positionAt(this.sql, (this.tokens[i] as Token).start),
      );
    }
    return { text: translation.render(args), close };
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
        const arg = this.range(argStart, i).trim();
        if (arg !== '' || token.text === ',') args.push(arg);
        argStart = i + 1;
      }
      if (depth === 0) return { args, close: i };
    }
    throw new QueryError('syntax', "mismatched input '<EOF>'. Expecting: ')'", positionAt(this.sql, this.sql.length));
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
    return this.tokens[this.previousSignificant(i)]?.text === '.';
  }

  private nextSignificant(i: number): number {
    let next = i + 1;
    while (next < this.tokens.length && !isSignificant(this.tokens[next] as Token)) next++;
    return next;
  }

  private previousSignificant(i: number): number {
    let previous = i - 1;
    while (previous >= 0 && !isSignificant(this.tokens[previous] as Token)) previous--;
    return previous;
  }
}
