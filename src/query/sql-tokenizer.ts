// A lexer for Athena (Trino) SQL. Every character of the input lands in exactly one token, whitespace and
// comments included, so a translation that rewrites some tokens can print the rest exactly as written.

import { positionAt, QueryError } from './query-error.ts';

export type TokenKind = 'word' | 'quoted' | 'string' | 'number' | 'symbol' | 'space' | 'comment';

export interface Token {
  readonly kind: TokenKind;
  readonly text: string;
  /** Offset of the token's first character in the input. */
  readonly start: number;
}

/** Operators Trino reads as one token; the longest match wins. */
const MULTI_CHAR_SYMBOLS = ['<>', '<=', '>=', '!=', '||', '->', '=>'];
const SINGLE_CHAR_SYMBOLS = new Set('(),.;+-*/%=<>[]?:|{}^');

export function tokenize(sql: string): Token[] {
  const tokens: Token[] = [];
  let pos = 0;
  while (pos < sql.length) {
    const kind = kindAt(sql, pos);
    const end = tokenEnd(sql, pos, kind);
    tokens.push({ kind, text: sql.slice(pos, end), start: pos });
    pos = end;
  }
  return tokens;
}

/** Tokens that carry meaning: not whitespace, not comments. */
export function isSignificant(token: Token): boolean {
  return token.kind !== 'space' && token.kind !== 'comment';
}

/** The keyword or unquoted identifier a token spells, lower-cased as Trino folds it; null for anything else. */
export function wordOf(token: Token | undefined): string | null {
  return token?.kind === 'word' ? token.text.toLowerCase() : null;
}

function kindAt(sql: string, pos: number): TokenKind {
  const char = sql[pos] ?? '';
  const next = sql[pos + 1] ?? '';
  if (/\s/.test(char)) return 'space';
  if ((char === '-' && next === '-') || (char === '/' && next === '*')) return 'comment';
  if (char === "'") return 'string';
  if (char === '"') return 'quoted';
  if (/[0-9]/.test(char) || (char === '.' && /[0-9]/.test(next))) return 'number';
  if (/[A-Za-z_]/.test(char)) return 'word';
  if (MULTI_CHAR_SYMBOLS.some((symbol) => sql.startsWith(symbol, pos)) || SINGLE_CHAR_SYMBOLS.has(char)) {
    return 'symbol';
  }
  if (char === '`') fail(sql, pos, 'backquoted identifiers are not supported; use double quotes to quote identifiers');
  return fail(sql, pos, `token recognition error at: '${char}'`);
}

function tokenEnd(sql: string, pos: number, kind: TokenKind): number {
  switch (kind) {
    case 'space':
      return matchEnd(sql, pos, /\s+/y);
    case 'word':
      return matchEnd(sql, pos, /[A-Za-z_][A-Za-z0-9_]*/y);
    case 'number':
      return matchEnd(sql, pos, /(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?/y);
    case 'string':
    case 'quoted':
      return quotedEnd(sql, pos);
    case 'comment':
      return commentEnd(sql, pos);
    case 'symbol':
      return pos + (MULTI_CHAR_SYMBOLS.find((symbol) => sql.startsWith(symbol, pos))?.length ?? 1);
  }
}

function matchEnd(sql: string, pos: number, pattern: RegExp): number {
  pattern.lastIndex = pos;
  pattern.exec(sql);
  return pattern.lastIndex;
}

/** A doubled quote character inside the quotes stands for itself, in strings and quoted identifiers alike. */
function quotedEnd(sql: string, pos: number): number {
  const quote = sql[pos] ?? '';
  let end = pos + 1;
  for (;;) {
    const close = sql.indexOf(quote, end);
    if (close === -1) {
      return fail(sql, pos, quote === "'" ? 'unterminated string literal' : 'unterminated quoted identifier');
    }
    if (sql[close + 1] !== quote) return close + 1;
    end = close + 2;
  }
}

function commentEnd(sql: string, pos: number): number {
  if (sql[pos] === '-') {
    const newline = sql.indexOf('\n', pos);
    return newline === -1 ? sql.length : newline;
  }
  const close = sql.indexOf('*/', pos + 2);
  if (close === -1) return fail(sql, pos, 'unterminated comment');
  return close + 2;
}

function fail(sql: string, pos: number, message: string): never {
  throw new QueryError('syntax', message, positionAt(sql, pos));
}
