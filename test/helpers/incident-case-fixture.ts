// The synthetic organization's incident as `tarn contain --execute` meets it: a lake of the generated logs,
// a case opened for it, and the incident's S3 end state to seed the S3 stand-in with (card files deleted
// behind delete markers, the attacker's breach.notify bucket). Shared by the contain --execute test files.

import assert from 'node:assert/strict';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before } from 'node:test';
import { CreateBucketCommand, PutBucketVersioningCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { ParsedArgs } from '../../src/cli/command.ts';
import { investigatePrincipal } from '../../src/cli/investigate-command.ts';
import { ingest } from '../../src/lake/ingest-job.ts';
import type { InvestigationResult } from '../../src/respond/report/investigation.ts';
import { generateScenario, type ScenarioFacts } from '../../src/scenario/scenario-generator.ts';
import { tempDir } from './lake-fixtures.ts';
import { STAND_IN_ENV } from './local-aws-endpoint.ts';
import { tarn } from './run-cli.ts';
import type { S3StandIn } from './s3-stand-in-server.ts';

export const CASE = 'IR-7';

export interface IncidentCase {
  readonly lakeDir: string;
  readonly cases: string;
  readonly facts: ScenarioFacts;
  /** The case log's entries in order. */
  entries(): Promise<{ kind: string; title: string; files: { path: string }[] }[]>;
  /** The investigation of the compromised user, made once. */
  investigated(): Promise<InvestigationResult>;
}

export const argsOf = (values: ParsedArgs['values']): ParsedArgs => ({ values, positionals: [] });

/** Registers the hooks that build the lake and open the case before the file's tests, and remove them after. */
export function useIncidentCase(): IncidentCase {
  const savedEnv = { ...process.env };
  let root = '';
  let facts: ScenarioFacts | undefined;
  let investigation: Promise<InvestigationResult> | undefined;
  before(async () => {
    Object.assign(process.env, STAND_IN_ENV, { AWS_EC2_METADATA_DISABLED: 'true' });
    root = tempDir('tarn-contain-execute-');
    facts = await generateScenario({ outDir: join(root, 'data'), events: 2000, seed: 11 });
    await ingest({ lakeDir: join(root, 'lake'), paths: [join(root, 'data')], rollupRegion: 'us-west-2' });
    assert.equal((await tarn('case', 'open', CASE, '--cases', join(root, 'cases'), '--analyst', 'alice')).code, 0);
  });
  after(async () => {
    process.env = savedEnv;
    if (root) await rm(root, { recursive: true, force: true });
  });
  const fixture: IncidentCase = {
    get lakeDir() {
      return join(root, 'lake');
    },
    get cases() {
      return join(root, 'cases');
    },
    get facts() {
      assert.ok(facts, 'the scenario is generated in before()');
      return facts;
    },
    async entries() {
      const text = await readFile(join(root, 'cases', CASE, 'log.jsonl'), 'utf8');
      return text
        .trimEnd()
        .split('\n')
        .map((line) => JSON.parse(line));
    },
    investigated() {
      const principal = fixture.facts.incident.compromisedUser.userName;
      investigation ??= investigatePrincipal(argsOf({ principal, lake: fixture.lakeDir }), {
        stdout: () => {},
        stderr: () => {},
        interactive: false,
      });
      return investigation;
    },
  };
  return fixture;
}

export const original = (key: string) => `card data of ${key}, before the attacker deleted it\n`;

/** The incident's S3 end state: versioned card files behind delete markers, and the attacker's bucket. */
export async function seedIncidentS3(facts: ScenarioFacts, s3: S3StandIn, client: S3Client): Promise<void> {
  const { deletedObjects, ransomNote } = facts.incident;
  const cardBucket = deletedObjects[0]?.bucket ?? '';
  await client.send(new CreateBucketCommand({ Bucket: cardBucket }));
  await client.send(
    new PutBucketVersioningCommand({ Bucket: cardBucket, VersioningConfiguration: { Status: 'Enabled' } }),
  );
  for (const object of deletedObjects) {
    await client.send(new PutObjectCommand({ Bucket: object.bucket, Key: object.key, Body: original(object.key) }));
    s3.seedDeleteMarker(object.bucket, object.key, object.deleteMarkerVersionId);
  }
  await client.send(new CreateBucketCommand({ Bucket: ransomNote.bucket }));
  await client.send(new PutObjectCommand({ Bucket: ransomNote.bucket, Key: ransomNote.key, Body: 'pay us' }));
}
