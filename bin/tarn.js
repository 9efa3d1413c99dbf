#!/usr/bin/env -S GLIBC_TUNABLES=glibc.malloc.hugetlb=1:glibc.malloc.mmap_threshold=131072 node
// glibc's malloc raises its mmap threshold each time a large buffer is freed, after which buffers of up to 32 MB
// come from its arenas and often stay in the process once freed: an ingest of 1M events peaked at 871–1,281 MB
// from run to run, 690–750 MB with the threshold fixed at its default of 128 KiB. Such buffers are then mapped
// afresh each time, which cost 12–20% more CPU in page faults; asking for huge pages for them (glibc 2.35 and
// later) takes most of that back (bench/RESULTS.md, session 10). The first line sets both for every command:
// glibc reads them only as the process starts, and other C libraries ignore them.
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
