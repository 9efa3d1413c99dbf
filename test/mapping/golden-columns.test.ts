// The lake reads staged rows with the tables' exact types, and DuckDB ignores a key its type does not name:
// a mapping that writes a field outside the Glue schema would lose it silently. Every golden row of every
// source must therefore use only fields its table declares, at every depth.

import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { NativeSource } from '../../src/mapping/native-sources.ts';
import { TABLE_SCHEMAS } from '../../src/mapping/table-schemas.ts';
import { REPO } from '../helpers/lake-fixtures.ts';

type Shape = { readonly fields: ReadonlyMap<string, Shape> } | { readonly element: Shape } | 'scalar';

/** `struct<a:string,b:array<struct<c:int>>>` → a tree of the field names a value may use. */
function shapeOf(type: string): Shape {
  let at = 0;
  const word = () => {
    const start = at;
    while (at < type.length && /[A-Za-z0-9_]/.test(type[at] ?? '')) at++;
    return type.slice(start, at);
  };
  const parse = (): Shape => {
    const kind = word();
    if (kind === 'struct') {
      const fields = new Map<string, Shape>();
      do {
        at++;
        const name = word();
        at++;
        fields.set(name, parse());
      } while (type[at] === ',');
      at++;
      return { fields };
    }
    if (kind === 'array') {
      at++;
      const element = parse();
      at++;
      return { element };
    }
    if (type[at] === '<' || type[at] === '(') at = type.indexOf(type[at] === '<' ? '>' : ')', at) + 1;
    return 'scalar';
  };
  return parse();
}

function unknownPaths(value: unknown, shape: Shape, path: string): string[] {
  if (value === null || typeof value !== 'object' || shape === 'scalar') return [];
  if ('element' in shape) return (value as unknown[]).flatMap((v) => unknownPaths(v, shape.element, `${path}[]`));
  return Object.entries(value).flatMap(([key, child]) => {
    const field = shape.fields.get(key);
    return field ? unknownPaths(child, field, `${path}.${key}`) : [`${path}.${key}`];
  });
}

const GOLDEN = join(REPO, 'test/golden');
const SOURCE_OF_FOLDER: Readonly<Record<string, NativeSource>> = {
  asff: 'sh_findings',
  guardduty: 'sh_findings',
  eks: 'eks_audit',
};

for (const folder of readdirSync(GOLDEN)) {
  test(`${folder}: golden rows use only their table's fields`, () => {
    for (const name of readdirSync(join(GOLDEN, folder))) {
      const file = join(GOLDEN, folder, name, 'expected.json');
      if (!existsSync(file)) continue;
      const expected = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
      // Cases that expect a reject hold a reason, not a row.
      if (expected.ok === false || 'rejected' in expected) continue;
      const row = (expected.ok === true ? expected.row : expected) as object;
      const source =
        (expected.source as NativeSource | undefined) ?? SOURCE_OF_FOLDER[folder] ?? (folder as NativeSource);
      const columns = TABLE_SCHEMAS[source];
      assert.ok(columns, `${folder}/${name}: no table ${source}`);
      const shape: Shape = { fields: new Map(columns.map((c) => [c.name, shapeOf(c.type)])) };
      assert.deepEqual(unknownPaths(row, shape, ''), [], `${folder}/${name}`);
    }
  });
}
