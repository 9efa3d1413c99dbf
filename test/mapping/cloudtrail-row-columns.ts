// Test helper: the struct fields a row uses that its table's Glue type does not declare.

import type { GlueColumn } from '../../src/mapping/table-schemas.ts';

export function undeclaredFields(row: Readonly<Record<string, unknown>>, columns: readonly GlueColumn[]): string[] {
  const types = new Map(columns.map((column) => [column.name, column.type]));
  const problems: string[] = [];
  for (const [key, value] of Object.entries(row)) {
    const type = types.get(key);
    if (type === undefined) problems.push(key);
    else if (!type.startsWith('map<')) collect(value, key, type, problems);
  }
  return problems;
}

/** Every nested key must appear as `key:` in the column's Glue type; a name check, not a full type check. */
function collect(value: unknown, path: string, type: string, problems: string[]): void {
  if (Array.isArray(value)) {
    for (const item of value) collect(item, `${path}[]`, type, problems);
    return;
  }
  if (typeof value !== 'object' || value === null) return;
  for (const [key, child] of Object.entries(value)) {
    if (!type.includes(`${key}:`)) problems.push(`${path}.${key}`);
    collect(child, `${path}.${key}`, type, problems);
  }
}
