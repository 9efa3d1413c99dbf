// Settings saved in the lake itself, so every command that opens the lake agrees on them.

import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { regionProblem } from '../mapping/partition-names.ts';
import { TarnError } from '../tarn-error.ts';
import type { CustomSourceDefinition } from './custom-source-registry.ts';
import { TARN_DIR } from './ledger.ts';

export const CONFIG_FILE = `${TARN_DIR}/config.json`;

export interface LakeConfig {
  /** The region whose tables cover every region's data, as a Security Lake rollup region does. */
  readonly rollupRegion: string | null;
  /** Absolute path of the OCSF schema export custom-source events are checked against. */
  readonly ocsfSchema?: string;
  readonly customSources?: readonly CustomSourceDefinition[];
  /** A folder of YAML detection rules used beside the built-in pack (relative to the working directory). */
  readonly rulesDir?: string;
}

export const DEFAULT_CONFIG: LakeConfig = { rollupRegion: null };

export async function readLakeConfig(lakeDir: string): Promise<LakeConfig> {
  let config: LakeConfig;
  try {
    config = { ...DEFAULT_CONFIG, ...(JSON.parse(await readFile(join(lakeDir, CONFIG_FILE), 'utf8')) as LakeConfig) };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return DEFAULT_CONFIG;
    throw error;
  }
  // The rollup region names every table the queries read: a value an older Tarn saved unchecked is refused.
  const problem = typeof config.rollupRegion === 'string' ? regionProblem(config.rollupRegion) : undefined;
  if (problem !== undefined) throw new TarnError(`${CONFIG_FILE}: rollupRegion: ${problem}`, 2);
  return config;
}

export async function writeLakeConfig(lakeDir: string, config: LakeConfig): Promise<void> {
  await mkdir(join(lakeDir, TARN_DIR), { recursive: true });
  const target = join(lakeDir, CONFIG_FILE);
  await writeFile(`${target}.tmp`, `${JSON.stringify(config, null, 2)}\n`);
  await rename(`${target}.tmp`, target);
}
