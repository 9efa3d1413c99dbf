// The build rewrites `from '@duckdb/node-api';` in dist/ to the bundle in dist/vendor/ (scripts/bundle-duckdb.mjs):
// an import of it written any other way would load the unbundled package and its start-up cost again.

import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { REPO } from '../helpers/lake-fixtures.ts';

test('every import of @duckdb/node-api in src/ is a static import the build points at the bundle', () => {
  const files = readdirSync(join(REPO, 'src'), { recursive: true, encoding: 'utf8' }).filter(
    (file) => file.endsWith('.ts') && !file.endsWith('.test.ts'),
  );
  let statics = 0;
  for (const file of files) {
    const text = readFileSync(join(REPO, 'src', file), 'utf8');
    const mentions = [...text.matchAll(/['"]@duckdb\/node-api['"]/g)].length;
    const rewritten = [...text.matchAll(/^import [^;]*? from '@duckdb\/node-api';$/gms)].length;
    assert.equal(
      mentions,
      rewritten,
      `${file}: import @duckdb/node-api statically, as import … from '@duckdb/node-api';`,
    );
    statics += rewritten;
  }
  assert.ok(statics > 0);
});
