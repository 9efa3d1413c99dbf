#!/usr/bin/env node
// Runs Tarn's compiled JavaScript (dist/, built from src/ by `npm ci` through the `prepare` script), so no
// TypeScript is compiled at each run. Without a build (a checkout whose install skipped scripts), the sources
// run through tsx, more slowly, and the way to build is named once.
import { existsSync } from 'node:fs';

const compiled = new URL('../dist/bin/tarn.js', import.meta.url);
if (existsSync(compiled)) {
  await import(compiled.href);
} else {
  process.stderr.write('tarn: no build in dist/ (run `npm run build:cli`); running the TypeScript sources instead\n');
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/bin/tarn.ts');
}
