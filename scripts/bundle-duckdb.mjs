// Run by `npm run build:cli` after tsc: bundles @duckdb/node-api's JavaScript (over a hundred CommonJS modules,
// which Node's ES module loader scans one by one at every start) into one ES module in dist/vendor/, and
// points dist/'s imports of it there. The native bindings stay a package of their own, loaded as before.

import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const PACKAGE = '@duckdb/node-api';
const dist = fileURLToPath(new URL('../dist/', import.meta.url));
const bundle = join(dist, 'vendor', 'duckdb-node-api.js');

// An ES module re-exporting a CommonJS one needs its export names written out; they are read off the package.
const names = Object.keys(createRequire(import.meta.url)(PACKAGE)).filter((name) => name !== 'default');
await mkdir(dirname(bundle), { recursive: true });
await build({
  stdin: {
    contents: `import api from '${PACKAGE}';\nexport const { ${names.join(', ')} } = api;\n`,
    resolveDir: fileURLToPath(new URL('..', import.meta.url)),
  },
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external: ['@duckdb/node-bindings'],
  // The bundle's require() of the external bindings needs a require in an ES module.
  banner: { js: "import { createRequire } from 'node:module';\nconst require = createRequire(import.meta.url);" },
  outfile: bundle,
  logLevel: 'warning',
});

// tsc builds incrementally: files it did not emit again still import the bundle from an earlier build.
let importing = 0;
for (const file of await javascriptFiles(dist)) {
  if (file === bundle) continue;
  const text = await readFile(file, 'utf8');
  const target = relative(dirname(file), bundle).split(sep).join('/');
  const local = target.startsWith('.') ? target : `./${target}`;
  const next = text.replaceAll(`from '${PACKAGE}';`, `from '${local}';`);
  if (next !== text) await writeFile(file, next);
  if (next.includes(`from '${local}';`)) importing++;
}
if (importing === 0) throw new Error(`no file in dist/ imports ${PACKAGE}: was tsc run first?`);

async function javascriptFiles(dir) {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile() && e.name.endsWith('.js')).map((e) => join(e.parentPath, e.name));
}
