// Where an Athena query names one of the lake's tables: bare, in its Glue database, quoted or not, with or
// without the `AwsDataCatalog.` prefix. The dialect writes each as the bare table name, so that the engine
// can stand a pruned scan in for it, and partition-predicates.ts reads the filters that apply to it.

import { isSignificant, type Token, wordOf } from './sql-tokenizer.ts';

export interface CatalogTableName {
  readonly name: string;
  readonly database: string;
}

export interface TableReference {
  readonly table: string;
  /** Token indices of the name's first and last token. */
  readonly start: number;
  readonly end: number;
  /** The name its columns are qualified with: the alias, else the table name. */
  readonly qualifier: string;
}

/** Words that may follow a table name without being its alias. */
const NOT_ALIASES = new Set(
  'where group having order limit offset fetch window union intersect except join inner left right full cross natural on using tablesample qualify'.split(
    ' ',
  ),
);

export function findTableReferences(tokens: readonly Token[], tables: readonly CatalogTableName[]): TableReference[] {
  const byName = new Map(tables.map((table) => [table.name, table]));
  const significant = tokens.map((token, i) => ({ token, i })).filter(({ token }) => isSignificant(token));
  const references: TableReference[] = [];
  for (let s = 0; s < significant.length; s++) {
    if (significant[s - 1]?.token.text === '.' || identifier(significant[s]?.token) === null) continue;
    const parts = [identifier(significant[s]?.token) as string];
    let last = s;
    while (significant[last + 1]?.token.text === '.' && identifier(significant[last + 2]?.token) !== null) {
      parts.push(identifier(significant[last + 2]?.token) as string);
      last += 2;
    }
    const table = byName.get(parts.at(-1) ?? '');
    const next = significant[last + 1]?.token;
    if (table !== undefined && next?.text !== '(' && qualifiesAs(parts.slice(0, -1), table.database)) {
      references.push({
        table: table.name,
        start: significant[s]?.i ?? 0,
        end: significant[last]?.i ?? 0,
        qualifier: alias(next, significant[last + 2]?.token) ?? table.name,
      });
    }
    s = last;
  }
  return references;
}

/** The name a word or quoted identifier spells, folded to lower case as Athena folds even quoted names. */
export function identifier(token: Token | undefined): string | null {
  if (token?.kind === 'quoted') return token.text.slice(1, -1).replaceAll('""', '"').toLowerCase();
  return wordOf(token);
}

function qualifiesAs(prefix: readonly string[], database: string): boolean {
  const [catalog, ...rest] = prefix[0] === 'awsdatacatalog' && prefix.length === 2 ? prefix : [null, ...prefix];
  return (
    (catalog === null || catalog === 'awsdatacatalog') &&
    rest.length <= 1 &&
    (rest[0] === undefined || rest[0] === database)
  );
}

function alias(next: Token | undefined, afterNext: Token | undefined): string | null {
  if (wordOf(next) === 'as') return identifier(afterNext);
  const word = identifier(next);
  return word !== null && !NOT_ALIASES.has(word) ? word : null;
}
