// Sigma's condition grammar → SQL: `and`, `or`, `not`, parentheses, `1 of X*`, `all of X*`, `1 of them`,
// `all of them`, over the rule's named selections (already translated to SQL predicates). A pipe aggregation
// (`| count() by …`) or any other construct is refused with the rule and the construct named.

export type Fail = (reason: string) => never;

const TOKEN = /\s*(\(|\)|[A-Za-z0-9_*.-]+|\|.*|\S)/gy;

export function conditionSql(condition: string, selections: ReadonlyMap<string, string>, fail: Fail): string {
  const tokens: string[] = [];
  TOKEN.lastIndex = 0;
  for (let match = TOKEN.exec(condition); match !== null; match = TOKEN.exec(condition)) {
    tokens.push(match[1] as string);
    if (TOKEN.lastIndex >= condition.trimEnd().length) break;
  }
  let at = 0;
  const peek = () => tokens[at]?.toLowerCase();
  const take = () => tokens[at++] as string;

  const named = (pattern: string): string[] => {
    if (pattern === 'them') return [...selections.values()];
    const re = new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replaceAll('*', '.*')}$`);
    const found = [...selections.entries()].filter(([name]) => re.test(name)).map(([, sql]) => sql);
    if (found.length === 0) fail(`condition names "${pattern}", which matches no selection`);
    return found;
  };
  const primary = (): string => {
    const token = take();
    if (token === undefined) return fail('condition ends too early');
    if (token.startsWith('|')) return fail(`unsupported construct: the aggregation "${token.trim()}"`);
    if (token === '(') {
      const inner = or();
      if (take() !== ')') fail('condition has an unclosed parenthesis');
      return `(${inner})`;
    }
    const lower = token.toLowerCase();
    if (lower === 'not') return `NOT (${primary()})`;
    if (/^\d+$/.test(token) || lower === 'all' || lower === 'any') {
      if (peek() !== 'of') return fail(`unsupported construct: "${token}" not followed by "of"`);
      take();
      const parts = named(take() ?? fail('"of" needs a selection pattern or "them"'));
      if (lower === 'all') return `(${parts.join(' AND ')})`;
      if (token !== '1' && lower !== 'any') return fail(`unsupported construct: "${token} of" (only 1 of / all of)`);
      return `(${parts.join(' OR ')})`;
    }
    const sql = selections.get(token);
    if (sql === undefined) return fail(`condition names "${token}", which is not a selection`);
    return `(${sql})`;
  };
  const and = (): string => {
    const parts = [primary()];
    while (peek() === 'and') {
      take();
      parts.push(primary());
    }
    return parts.join(' AND ');
  };
  const or = (): string => {
    const parts = [and()];
    while (peek() === 'or') {
      take();
      parts.push(and());
    }
    return parts.join(' OR ');
  };
  const sql = or();
  if (at < tokens.length) {
    const rest = tokens.slice(at).join(' ');
    fail(
      rest.startsWith('|') ? `unsupported construct: the aggregation "${rest}"` : `unexpected "${rest}" in condition`,
    );
  }
  return sql;
}
