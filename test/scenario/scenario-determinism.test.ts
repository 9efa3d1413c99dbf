import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { generateScenario } from '../../src/scenario/scenario-generator.ts';
import { field, listFiles, readCloudTrail } from './delivered-files.ts';

const root = await mkdtemp(join(tmpdir(), 'tarn-scenario-det-'));
after(() => rm(root, { recursive: true, force: true }));

const EVENTS = 2500;
const [first, second, other] = await Promise.all(
  [7, 7, 8].map((seed, i) => generateScenario({ outDir: join(root, `run-${i}`), events: EVENTS, seed })),
);

async function contents(dir: string): Promise<Map<string, Buffer>> {
  const files = await listFiles(dir);
  return new Map(await Promise.all(files.map(async (file) => [file, await readFile(join(dir, file))] as const)));
}

test('the same seed and size give the same files, byte for byte', async () => {
  const a = await contents(join(root, 'run-0'));
  const b = await contents(join(root, 'run-1'));
  assert.deepEqual([...a.keys()], [...b.keys()]);
  for (const [file, bytes] of a) assert.ok(bytes.equals(b.get(file) as Buffer), `${file} differs`);
  assert.deepEqual(first, { ...second, outDir: first?.outDir });
});

test('a different seed gives different files', async () => {
  const a = await contents(join(root, 'run-0'));
  const c = await contents(join(root, 'run-2'));
  const sameBytes = [...a].filter(([file, bytes]) => c.get(file)?.equals(bytes) === true);
  assert.notDeepEqual([...a.keys()], [...c.keys()]);
  assert.equal(sameBytes.length, 0);
  assert.notEqual(first?.incident.compromisedUser.accessKeyId, other?.incident.compromisedUser.accessKeyId);
});

test('exactly the requested number of CloudTrail records is written, and the counts say so', async () => {
  const records = await readCloudTrail(join(root, 'run-0'));
  assert.equal(records.length, EVENTS);
  const counts = first?.counts;
  assert.equal(counts?.cloudTrailRecords, EVENTS);
  assert.equal(new Set(records.map((r) => r.file)).size, counts?.cloudTrailFiles);
  const data = records.filter((r) => r.value.eventCategory === 'Data');
  const lambda = data.filter((r) => r.value.eventSource === 'lambda.amazonaws.com');
  assert.equal(counts?.managementEvents, EVENTS - data.length);
  assert.equal(counts?.lambdaDataEvents, lambda.length);
  assert.equal(counts?.s3DataEvents, data.length - lambda.length);
  assert.ok(lambda.length > 0 && data.length > lambda.length, 'both S3 and Lambda data events are present');
  assert.equal(new Set(records.map((r) => r.value.eventID)).size, EVENTS, 'eventIDs are unique');
});

test('every record sits in its own account/region/day folder under a CloudTrail-style name', async () => {
  const records = await readCloudTrail(join(root, 'run-0'));
  const name =
    /^AWSLogs\/(\d{12})\/CloudTrail\/([a-z0-9-]+)\/(\d{4})\/(\d{2})\/(\d{2})\/\1_CloudTrail_\2_(\d{8})T(\d{4})Z_[A-Za-z0-9]{16}\.json\.gz$/;
  for (const { file, value } of records) {
    const match = name.exec(file);
    assert.ok(match, `unexpected path ${file}`);
    assert.equal(match[1], value.recipientAccountId);
    assert.equal(match[2], value.awsRegion);
    assert.equal(`${match[3]}${match[4]}${match[5]}`, match[6], 'folder date is the delivery date');
    const eventMs = Date.parse(String(value.eventTime));
    const deliveryMs = Date.parse(
      `${match[3]}-${match[4]}-${match[5]}T${match[7]?.slice(0, 2)}:${match[7]?.slice(2)}:00Z`,
    );
    assert.ok(
      deliveryMs - eventMs > 0 && deliveryMs - eventMs <= 5 * 60_000,
      `${value.eventTime} delivered at ${file}`,
    );
  }
  const times = records.map((r) => String(r.value.eventTime)).sort();
  assert.ok((times[0] ?? '') >= '2024-03-01T00:00:00Z');
  assert.ok((times[times.length - 1] ?? '') < '2024-03-21T00:00:00Z');
  assert.equal(first?.timeRange.start.slice(0, 19), times[0]?.slice(0, 19));
});

test('the organization spans at least two accounts and three regions, with every principal type', async () => {
  const records = await readCloudTrail(join(root, 'run-0'));
  assert.ok(new Set(records.map((r) => r.value.recipientAccountId)).size >= 2);
  assert.deepEqual(new Set(records.map((r) => r.value.awsRegion)), new Set(['us-east-1', 'us-west-2', 'eu-west-1']));
  const types = new Set(records.map((r) => field(r.value, 'userIdentity.type')));
  for (const type of ['IAMUser', 'AssumedRole', 'AWSService']) assert.ok(types.has(type), `no ${type} events`);
  const sso = records.find((r) => String(field(r.value, 'userIdentity.arn')).includes('AWSReservedSSO_'));
  assert.ok(field(sso?.value, 'userIdentity.sessionContext.sessionIssuer.arn'), 'SSO sessions carry a sessionContext');
  assert.ok(records.some((r) => r.value.eventName === 'ConsoleLogin' && r.value.eventType === 'AwsConsoleSignIn'));
  assert.ok(records.some((r) => field(r.value, 'userIdentity.invokedBy') !== undefined));
  assert.ok(
    records.some((r) => r.value.errorCode === 'AccessDenied'),
    'some benign calls are denied',
  );
});

test('a size smaller than the incident itself is refused', async () => {
  await assert.rejects(generateScenario({ outDir: join(root, 'tiny'), events: 10, seed: 1 }), RangeError);
  await assert.rejects(
    generateScenario({ outDir: join(root, 'tiny'), events: EVENTS, seed: 1, networkEvents: -1 }),
    RangeError,
  );
});
