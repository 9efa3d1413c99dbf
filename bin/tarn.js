#!/usr/bin/env node
// Runs Tarn's TypeScript sources directly through tsx, so a fresh clone needs no build step.
import { register } from 'tsx/esm/api';

register();
await import('../src/bin/tarn.ts');
