// The README's path from one laptop to Athena or Trino, run literally: its S3 calls go to s3rver (a local
// S3-compatible server, test/helpers/s3-server.ts) and its Glue and Athena calls to RECORDED-REQUEST FAKES
// (test/helpers/json-api-recorded-fake.ts), reached through the SDK's per-service endpoint variables, so the
// commands are the README's own. Optional arguments in [brackets] are left out; `> FILE` keeps stdout.

import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { after, before, test } from 'node:test';
import { PutObjectCommand, paginateListObjectsV2 } from '@aws-sdk/client-s3';
import { collectingIO } from '../../src/cli/cli-io.ts';
import { runCli } from '../../src/cli/cli-main.ts';
import { JsonRecordedFake } from '../helpers/json-api-recorded-fake.ts';
import { REPO, tempDir } from '../helpers/lake-fixtures.ts';
import { type LocalAws, startLocalAws } from '../helpers/local-aws-endpoint.ts';
import { writeCloudTrail } from '../helpers/regional-cloudtrail.ts';
import { type LocalS3, startS3Server } from '../helpers/s3-server.ts';

/** The commands of the README section's sh block, as words: comments, [optional] groups and quotes handled. */
function sectionCommands(heading: string): { argv: string[]; redirect?: string }[] {
  const readme = readFileSync(join(REPO, 'README.md'), 'utf8');
  const block = new RegExp(`## ${heading}\\n[\\s\\S]*?\`\`\`sh\\n([\\s\\S]*?)\\n\`\`\``).exec(readme)?.[1];
  assert.ok(block !== undefined, `the README has "${heading}"`);
  return block
    .split('\n')
    .filter((line) => line.startsWith('npx tarn '))
    .map((line) => {
      const words = (line.replace(/ \[[^\]"]*\]/g, '').match(/"[^"]*"|\S+/g) ?? []).map((w) => w.replace(/^"|"$/g, ''));
      const at = words.indexOf('>');
      const argv = words.slice(2, at < 0 ? undefined : at);
      return at < 0 ? { argv } : { argv, redirect: words[at + 1] as string };
    });
}

const glue = new JsonRecordedFake(({ operation }) =>
  operation === 'CreateDatabase' ? { error: 'AlreadyExistsException', message: 'exists' } : { body: {} },
);
const athena = new JsonRecordedFake(({ operation }) => {
  if (operation === 'StartQueryExecution') return { body: { QueryExecutionId: 'q-readme' } };
  if (operation === 'GetQueryExecution') return { body: { QueryExecution: { Status: { State: 'SUCCEEDED' } } } };
  const rows = [{ Data: [{ VarCharValue: 'operation' }] }, { Data: [{ VarCharValue: 'CreateUser' }] }];
  return {
    body: { ResultSet: { Rows: rows, ResultSetMetadata: { ColumnInfo: [{ Name: 'operation', Type: 'varchar' }] } } },
  };
});
let s3: LocalS3;
let aws: LocalAws;
const saved = { ...process.env };

before(async () => {
  s3 = await startS3Server(['acme-trail', 'acme-ir-lake']);
  aws = await startLocalAws({ json: { glue, athena } });
  const logs = tempDir();
  writeCloudTrail(logs);
  for (const name of readdirSync(logs, { recursive: true }) as string[]) {
    const path = join(logs, name);
    if (!statSync(path).isFile()) continue;
    const key = relative(logs, path).split(sep).join('/');
    await s3.client.send(new PutObjectCommand({ Bucket: 'acme-trail', Key: key, Body: readFileSync(path) }));
  }
  Object.assign(process.env, {
    TARN_LAKE: join(tempDir(), 'lake'),
    AWS_ENDPOINT_URL_S3: s3.url,
    AWS_ENDPOINT_URL_GLUE: aws.url,
    AWS_ENDPOINT_URL_ATHENA: aws.url,
  });
});

after(async () => {
  process.env = saved;
  await aws.close();
  await s3.close();
});

test('the README’s commands from S3 logs to Athena run as written and do what the README says', async () => {
  const commands = sectionCommands('From one laptop to Athena or Trino');
  assert.deepEqual(
    commands.map(({ argv }) => argv.slice(0, 2).join(' ')),
    [
      'ingest s3://acme-trail/AWSLogs/111122223333/CloudTrail/',
      'push s3://acme-ir-lake/tarn',
      'catalog register',
      'catalog ddl',
      'catalog ddl',
      'catalog ddl',
      'query --engine',
    ],
  );
  const outputs: string[] = [];
  for (const { argv } of commands) {
    const io = collectingIO();
    const code = await runCli(argv, io);
    assert.equal(code, 0, `${argv.join(' ')}\n${io.err.join('')}`);
    outputs.push(io.out.join(''));
  }
  const [ingested, pushed, registered, athenaDdl, trinoDdl, sparkDdl, answer] = outputs as string[];
  assert.match(ingested ?? '', /6 records from 2 files/);
  assert.match(pushed ?? '', /Pushed s3:\/\/acme-ir-lake\/tarn: (\d+) files, \1 uploaded/);
  const pushedKeys: string[] = [];
  for await (const page of paginateListObjectsV2({ client: s3.client }, { Bucket: 'acme-ir-lake', Prefix: 'tarn/' })) {
    for (const object of page.Contents ?? []) pushedKeys.push(object.Key ?? '');
  }
  assert.ok(pushedKeys.includes('tarn/_tarn/push-manifest.json'));
  assert.ok(pushedKeys.some((key) => key.startsWith('tarn/aws/CLOUD_TRAIL_MGMT/2.0/region=eu-west-1/')));
  // Glue: the database, then the tables (the detections ingest stored among them), every one reading the pushed copy.
  assert.match(registered ?? '', /amazon_security_lake_table_eu_west_1_cloud_trail_mgmt_2_0 +\| created/);
  assert.equal(glue.requests[0]?.operation, 'CreateDatabase');
  const locations = glue.requests
    .slice(1)
    .map((r) => (r.body.TableInput as { StorageDescriptor: { Location: string } }).StorageDescriptor.Location);
  assert.ok(
    locations.length > 0 && locations.every((l) => l.startsWith('s3://acme-ir-lake/tarn/')),
    locations.join(' '),
  );
  assert.match(athenaDdl ?? '', /LOCATION 's3:\/\/acme-ir-lake\/tarn\/aws\/CLOUD_TRAIL_MGMT\/2\.0\/'/);
  assert.match(trinoDdl ?? '', /CALL "hive"\.system\.register_partition\(/);
  assert.match(sparkDdl ?? '', /USING PARQUET/);
  // Athena: the README's workgroup and database, the answer printed as CSV.
  assert.equal(answer, 'operation\r\nCreateUser\r\n');
  const start = athena.requests.find((r) => r.operation === 'StartQueryExecution');
  assert.equal(start?.body.WorkGroup, 'ir');
  assert.deepEqual(start?.body.QueryExecutionContext, { Database: 'tarn_lake' });
});
