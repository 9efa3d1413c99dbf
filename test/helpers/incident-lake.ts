// The synthetic organization's incident as the investigate tests meet it: the generated raw logs, a lake
// they were ingested into, the generator's facts, and `tarn` run in-process against that lake.

import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before } from 'node:test';
import { ingest } from '../../src/lake/ingest-job.ts';
import { generateScenario, type ScenarioFacts } from '../../src/scenario/scenario-generator.ts';
import { type Json, readCloudTrail } from '../scenario/delivered-files.ts';
import { tempDir } from './lake-fixtures.ts';
import { type TarnRun, tarn } from './run-cli.ts';

export interface IncidentLake {
  readonly root: string;
  readonly lakeDir: string;
  readonly facts: ScenarioFacts;
  /** Every CloudTrail record the generator wrote, as delivered. */
  readonly raw: readonly Json[];
  /** `tarn ARGS --lake <the incident lake>`, unless ARGS name another lake. */
  tarn(...argv: string[]): Promise<TarnRun>;
}

/**
 * Registers the hooks that generate and ingest the incident before the file's tests, and remove it after.
 * `ready` runs once the lake is there: Node 20 does not wait for one top-level `before` to end before the next.
 */
export function useIncidentLake(prefix: string, ready: () => Promise<void> | void = () => {}): IncidentLake {
  let root = '';
  let facts: ScenarioFacts | undefined;
  let raw: Json[] = [];
  before(async () => {
    root = tempDir(prefix);
    facts = await generateScenario({ outDir: join(root, 'data'), events: 2000, seed: 11 });
    raw = (await readCloudTrail(join(root, 'data'))).map((d) => d.value);
    await ingest({ lakeDir: join(root, 'lake'), paths: [join(root, 'data')], rollupRegion: 'us-west-2' });
    await ready();
  });
  after(async () => {
    if (root) await rm(root, { recursive: true, force: true });
  });
  return {
    get root() {
      return root;
    },
    get lakeDir() {
      return join(root, 'lake');
    },
    get facts() {
      if (facts === undefined) throw new Error('the scenario is generated in before()');
      return facts;
    },
    get raw() {
      return raw;
    },
    tarn(...argv) {
      return tarn(...argv, ...(argv.includes('--lake') ? [] : ['--lake', join(root, 'lake')]));
    },
  };
}
