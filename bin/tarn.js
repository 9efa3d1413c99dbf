#!/usr/bin/env -S MALLOC_MMAP_THRESHOLD_=131072 node
// glibc's malloc raises its mmap threshold each time a large buffer is freed, after which buffers of up to 32 MB
// come from its arenas and often stay in the process once freed: an ingest of 1M events peaked at 913–1,121 MB
// from run to run, 712–750 MB with the threshold fixed at its default of 128 KiB (bench/RESULTS.md, session 10).
// The first line fixes it for every command (glibc reads it only as the process starts; other C libraries
// ignore it).
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
