// Athena names a select item without an alias after its last field when it is a column reference, and
// `_col<position>` otherwise; DuckDB would name `count(*)` `count_star()`. This finds the items that need
// Athena's name, in every SELECT, so that an outer query can refer to an inner query's `_col0`.

import { isSignificant, type Token, wordOf } from './sql-tokenizer.ts';
import { identifier } from './table-references.ts';

const LIST_ENDS = new Set(
  'from where group having order limit offset fetch window union intersect except into'.split(' '),
);
/** Words that end an expression rather than name it: `CASE … END`, `IS NULL`, `INTERVAL '1' DAY`. */
const NOT_ALIASES = new Set(
  'end null true false day days hour hours minute minutes second seconds month months year years week quarter millisecond current_timestamp current_date current_time localtimestamp localtime current_user'.split(
    ' ',
  ),
);
const OPERATOR_WORDS = new Set(
  'and or not is like between in then else when case distinct by escape as at zone'.split(' '),
);

/** Token index of the last token of each unnamed item → the ` AS "_colN"` to write after it. */
export function unnamedItems(tokens: readonly Token[]): Map<number, string> {
  const all = tokens.map((token, i) => ({ token, i })).filter(({ token }) => isSignificant(token));
  const names = new Map<number, string>();
  all.forEach(({ token }, s) => {
    if (wordOf(token) !== 'select') return;
    let item: typeof all = [];
    let position = 0;
    let depth = 0;
    for (let j = s + 1; j <= all.length; j++) {
      const entry = all[j];
      const text = entry?.token.text;
      if (
        depth === 0 &&
        (entry === undefined ||
          text === ')' ||
          text === ';' ||
          text === ',' ||
          LIST_ENDS.has(wordOf(entry.token) ?? ''))
      ) {
        const last = item.at(-1);
        const name =
          last === undefined
            ? null
            : athenaName(
                item.map((e) => e.token),
                position,
              );
        if (last !== undefined && name !== null) names.set(last.i, ` AS ${name}`);
        if (text !== ',') break;
        position++;
        item = [];
        continue;
      }
      if (text === '(' || text === '[') depth++;
      if (text === ')' || text === ']') depth--;
      if (!(item.length === 0 && (wordOf(entry?.token) === 'distinct' || wordOf(entry?.token) === 'all'))) {
        item.push(entry as (typeof all)[number]);
      }
    }
  });
  return names;
}

/** The name to give an item, quoted; null when it has one already or DuckDB gives it Athena's. */
function athenaName(item: readonly Token[], position: number): string | null {
  const last = item.at(-1);
  const before = item.at(-2);
  if (last?.text === '*' || isColumnReference(item) || hasAlias(item)) return null;
  // A field of any expression, `resources[1].type`, is named after the field.
  return before?.text === '.' && identifier(last) !== null ? `"${identifier(last)}"` : `"_col${position}"`;
}

function hasAlias(item: readonly Token[]): boolean {
  const last = item.at(-1);
  const before = item.at(-2);
  const lastName = identifier(last);
  const named =
    lastName !== null &&
    (last?.kind === 'quoted' || !NOT_ALIASES.has(lastName)) &&
    before !== undefined &&
    before.text !== '.' &&
    (wordOf(before) === 'as' ||
      ((before.kind !== 'symbol' || before.text === ')' || before.text === ']') &&
        !OPERATOR_WORDS.has(wordOf(before) ?? '')));
  return named;
}

/** `a`, `t.a.b`: Athena, like DuckDB, names these after their last field. */
function isColumnReference(item: readonly Token[]): boolean {
  return (
    item.length % 2 === 1 &&
    item.every((token, k) => (k % 2 === 1 ? token.text === '.' : identifier(token) !== null)) &&
    !NOT_ALIASES.has(identifier(item[0]) ?? '')
  );
}
