// Athena (Trino) SQL → what the engine runs: a query translated to DuckDB SQL (with the partitions each
// lake table it reads can need), a catalog question (SHOW, DESCRIBE) answered without DuckDB, or the one
// writes allowed, CREATE VIEW and DROP VIEW. Anything else is refused before DuckDB sees it.

import { closestName } from '../closest-name.ts';
import { DUCKDB_RESERVED_KEYWORDS } from './duckdb-keywords.ts';
import { type PartitionFilter, partitionFilter } from './partition-predicates.ts';
import { positionAt, QueryError } from './query-error.ts';
import { unnamedItems } from './select-names.ts';
import { isSignificant, type Token, tokenize, wordOf } from './sql-tokenizer.ts';
import { Translation } from './sql-translation.ts';
import { type CatalogTableName, findTableReferences, identifier } from './table-references.ts';

export interface TableScan {
  readonly table: string;
  readonly filter: PartitionFilter;
}

/** A table name as written in SHOW or DESCRIBE, lower-cased, without `AwsDataCatalog.`. */
export interface NamedTable {
  readonly database: string | null;
  readonly name: string;
}

export type AthenaStatement =
  | { readonly kind: 'query'; readonly sql: string; readonly scans: readonly TableScan[] }
  | { readonly kind: 'show-tables'; readonly database: string | null; readonly pattern: string | null }
  | { readonly kind: 'show-views'; readonly pattern: string | null }
  | { readonly kind: 'show-columns'; readonly table: NamedTable }
  | { readonly kind: 'describe'; readonly table: NamedTable }
  | { readonly kind: 'create-view'; readonly name: string; readonly replace: boolean; readonly query: string }
  | { readonly kind: 'drop-view'; readonly name: string; readonly ifExists: boolean };

export interface DialectOptions {
  /** The lake's tables, so that references to them are found; none when not given. */
  readonly tables?: readonly CatalogTableName[];
  /** What CURRENT_TIMESTAMP is taken to be when pruning partitions. */
  readonly now?: Date;
}

/** The DuckDB SQL of one Athena query. */
export function translateAthenaSql(sql: string, options: DialectOptions = {}): string {
  const statement = parseAthenaStatement(sql, options);
  if (statement.kind !== 'query') throw new QueryError('refused', 'only queries can be translated');
  return statement.sql;
}

export function parseAthenaStatement(sql: string, options: DialectOptions = {}): AthenaStatement {
  const tokens = tokenize(sql);
  const words = new Statement(sql, tokens.slice(0, statementEnd(sql, tokens)));
  const first = words.next();
  switch (first === undefined ? null : wordOf(first)) {
    case 'select':
    case 'with':
    case 'values':
      return query(sql, words.tokens, options);
    case 'show':
      return words.show();
    case 'describe':
    case 'desc':
      // DuckDB's DESCRIBE of a query is not Athena's and runs the query's planner over anything it names.
      if (words.startsQuery()) throw refusedStatement(sql, first as Token);
      return { kind: 'describe', table: words.tableName() };
    case 'create':
      if (words.startsView()) return words.createView();
      throw refusedStatement(sql, first as Token);
    case 'drop':
      if (words.startsView()) return words.dropView();
      throw refusedStatement(sql, first as Token);
    default:
      if (first?.text === '(') return query(sql, words.tokens, options);
      if (first === undefined) throw new QueryError('syntax', "mismatched input '<EOF>'. Expecting: a query");
      throw refusedStatement(sql, first);
  }
}

/** Statements a reader may mean; a first word near one of these is a typo, not a write. */
const READING_WORDS = ['select', 'with', 'values', 'show', 'describe'];

function refusedStatement(sql: string, first: Token): QueryError {
  const word = wordOf(first);
  const meant = word === null || isSqlCommandWord(word) ? undefined : closestName(word, READING_WORDS);
  if (meant !== undefined) {
    return new QueryError(
      'syntax',
      `mismatched input '${first.text}'; did you mean ${meant.toUpperCase()}?`,
      positionAt(sql, first.start),
    );
  }
  return new QueryError(
    'refused',
    `only queries that read are allowed; '${first.text}' statements are refused`,
    positionAt(sql, first.start),
  );
}

/** Words that begin a real SQL statement other than a read (INSERT, DROP, COPY, …): those stay refused. */
function isSqlCommandWord(word: string): boolean {
  return DUCKDB_RESERVED_KEYWORDS.has(word) || SQL_COMMANDS.has(word);
}

const SQL_COMMANDS: ReadonlySet<string> = new Set(
  'insert update delete drop copy alter attach detach pragma install load set reset call export import merge truncate vacuum checkpoint begin commit rollback use explain prepare execute deallocate grant revoke comment unload msck'.split(
    ' ',
  ),
);

function query(sql: string, tokens: readonly Token[], options: DialectOptions): AthenaStatement {
  const references = findTableReferences(tokens, options.tables ?? []);
  const now = options.now ?? new Date();
  return {
    kind: 'query',
    sql: new Translation(sql, tokens, references, unnamedItems(tokens)).range(0, tokens.length).trim(),
    scans: references.map((reference) => ({ table: reference.table, filter: partitionFilter(tokens, reference, now) })),
  };
}

/** The token index the one statement ends at (its `;` or the end); anything after the `;` is refused. */
function statementEnd(sql: string, tokens: readonly Token[]): number {
  const semicolon = tokens.findIndex((token) => token.kind === 'symbol' && token.text === ';');
  if (semicolon === -1) return tokens.length;
  const extra = tokens.slice(semicolon + 1).find(isSignificant);
  if (extra !== undefined) {
    throw new QueryError('refused', 'Only one sql statement is allowed', positionAt(sql, extra.start));
  }
  return semicolon;
}

/** A cursor over the significant tokens of a statement that is not a query. */
class Statement {
  private pos = 0;
  private readonly significant: readonly Token[];

  constructor(
    private readonly sql: string,
    readonly tokens: readonly Token[],
  ) {
    this.significant = tokens.filter(isSignificant);
  }

  next(): Token | undefined {
    return this.significant[this.pos++];
  }

  show(): AthenaStatement {
    const what = wordOf(this.next());
    if (what === 'tables') {
      const database = this.accept('in', 'from') ? this.name() : null;
      const pattern = this.significant[this.pos]?.kind === 'string' ? this.stringLiteral() : null;
      this.end();
      return { kind: 'show-tables', database, pattern };
    }
    if (what === 'views') {
      // Views live in the lake, not in a database of it: `IN db` is accepted for Athena's syntax and ignored.
      if (this.accept('in', 'from')) this.name();
      const pattern = this.accept('like') ? this.stringLiteral() : null;
      this.end();
      return { kind: 'show-views', pattern };
    }
    if (what === 'columns' && this.accept('from', 'in')) return { kind: 'show-columns', table: this.tableName() };
    return this.fail(this.significant[this.pos - 1], 'only SHOW TABLES, SHOW VIEWS and SHOW COLUMNS are supported');
  }

  tableName(): NamedTable {
    const parts = [this.name()];
    while (this.significant[this.pos]?.text === '.') {
      this.pos++;
      parts.push(this.name());
    }
    if (parts[0] === 'awsdatacatalog' && parts.length > 1) parts.shift();
    const [name, database] = [parts.pop() as string, parts.pop() ?? null];
    if (parts.length > 0) this.fail(this.significant[0], 'table names have at most a database and a name');
    const table = { database, name };
    if (this.accept('from', 'in')) return { database: this.name(), name };
    this.end();
    return table;
  }

  startsQuery(): boolean {
    const next = this.significant[this.pos];
    return next?.text === '(' || ['select', 'with', 'values', 'from'].includes(wordOf(next) ?? '');
  }

  /** Whether a CREATE goes on as `[OR REPLACE] VIEW`, the one CREATE allowed. */
  startsView(): boolean {
    const [a, b, c] = this.significant.slice(this.pos, this.pos + 3).map(wordOf);
    return a === 'view' || (a === 'or' && b === 'replace' && c === 'view');
  }

  createView(): AthenaStatement {
    const replace = this.accept('or');
    if (replace) this.expect('replace');
    this.expect('view');
    const nameToken = this.significant[this.pos];
    const name = this.name();
    if (!/^[a-z_][a-z0-9_]*$/.test(name)) {
      this.fail(nameToken, `view names are letters, digits and underscores: '${name}'`);
    }
    this.expect('as');
    const body = this.significant[this.pos];
    if (body === undefined) return this.fail(undefined, "mismatched input '<EOF>'. Expecting: a query");
    return {
      kind: 'create-view',
      name,
      replace,
      query: this.tokens
        .filter((t) => t.start >= body.start)
        .map((t) => t.text)
        .join('')
        .trim(),
    };
  }

  /** `DROP VIEW [IF EXISTS] name`. */
  dropView(): AthenaStatement {
    this.expect('view');
    const ifExists = this.accept('if');
    if (ifExists) this.expect('exists');
    const name = this.name();
    this.end();
    return { kind: 'drop-view', name, ifExists };
  }

  private stringLiteral(): string {
    const token = this.next();
    if (token?.kind !== 'string') {
      return this.fail(token, `mismatched input '${token?.text ?? '<EOF>'}'. Expecting: a string`);
    }
    return token.text.slice(1, -1).replaceAll("''", "'");
  }

  private name(): string {
    const token = this.next();
    const name = identifier(token);
    return name ?? this.fail(token, `mismatched input '${token?.text ?? '<EOF>'}'. Expecting: a name`);
  }

  private accept(...words: string[]): boolean {
    if (!words.includes(wordOf(this.significant[this.pos]) ?? '')) return false;
    this.pos++;
    return true;
  }

  private expect(word: string): void {
    const token = this.significant[this.pos];
    if (!this.accept(word))
      this.fail(token, `mismatched input '${token?.text ?? '<EOF>'}'. Expecting: '${word.toUpperCase()}'`);
  }

  private end(): void {
    const extra = this.significant[this.pos];
    if (extra !== undefined) this.fail(extra, `extraneous input '${extra.text}'`);
  }

  private fail(token: Token | undefined, message: string): never {
    throw new QueryError('syntax', message, positionAt(this.sql, token?.start ?? this.sql.length));
  }
}
