#!/usr/bin/env -S MALLOC_MMAP_THRESHOLD_=4194304 node
// glibc's malloc raises its mmap threshold each time a large buffer is freed, after which buffers of up to 32 MB
// come from its arenas and often stay in the process once freed: an ingest of 1M events in large files peaked at
// 839–1,252 MB from run to run, 673–732 MB with the threshold fixed (bench/RESULTS.md, session 10). Fixed at
// 4 MiB rather than glibc's default 128 KiB, the buffers of a few megabytes or more that gunzip and the staged
// rows need are mapped afresh each time, and the smaller ones that DuckDB's C++ allocates are not. The first line
// sets it for every command: glibc reads it only as the process starts, and other C libraries ignore it.
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
