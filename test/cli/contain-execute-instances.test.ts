// The snapshot-and-isolate step of `tarn contain` for an instance the principal launched (a hand-written
// CloudTrail delivery with a successful RunInstances): the plan prints the EC2 calls with placeholders for
// the ids known only at run time, and `--execute` sends them to the EC2 recorded-request fake with those ids
// taken from the earlier answers, logs each with the values it used, and checks the deactivated key after.

import assert from 'node:assert/strict';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { ingest } from '../../src/lake/ingest-job.ts';
import { Ec2RecordedFake } from '../helpers/ec2-recorded-fake.ts';
import { IamRecordedFake } from '../helpers/iam-recorded-fake.ts';
import { tempDir } from '../helpers/lake-fixtures.ts';
import { LAUNCH, writeLaunchTrail } from '../helpers/launched-instance-trail.ts';
import { STAND_IN_ENV, startLocalAws } from '../helpers/local-aws-endpoint.ts';
import { tarn } from '../helpers/run-cli.ts';
import { StsRecordedFake } from '../helpers/sts-recorded-fake.ts';

const CASE = 'IR-9';
const { instanceId: id, region } = LAUNCH;
let root: string;
let lakeDir: string;
let cases: string;
const savedEnv = { ...process.env };

before(async () => {
  Object.assign(process.env, STAND_IN_ENV, { AWS_EC2_METADATA_DISABLED: 'true' });
  root = tempDir('tarn-contain-instances-');
  lakeDir = join(root, 'lake');
  cases = join(root, 'cases');
  await ingest({ lakeDir, paths: [await writeLaunchTrail(join(root, 'data'))] });
  assert.equal((await tarn('case', 'open', CASE, '--cases', cases, '--analyst', 'alice')).code, 0);
});

after(async () => {
  process.env = savedEnv;
  if (root) await rm(root, { recursive: true, force: true });
});

test('the plan prints the instance step as EC2 CLI calls, with placeholders for the run-time ids', async () => {
  const plan = await tarn('contain', '--plan', '--principal', LAUNCH.userName, '--lake', lakeDir);
  assert.equal(plan.code, 0, plan.err);
  const section = plan.out.slice(plan.out.indexOf(`snapshot-and-isolate-instance: ${id}`));
  const commands = /```sh\n([\s\S]*?)\n```/.exec(section)?.[1]?.split('\n');
  const tags = (type: string) =>
    `'ResourceType=${type},Tags=[{Key=TarnCase,Value=<case>},{Key=TarnInstance,Value=${id}}]'`;
  assert.deepEqual(commands, [
    `aws ec2 describe-instances --instance-ids ${id} --region ${region} > ${id}-before.json`,
    `aws ec2 create-security-group --group-name 'tarn-isolation-<case>-${id}' --description 'Tarn case <case>: isolation of ${id}, no inbound or outbound rules' --vpc-id '<vpc-id from describe-instances>' --tag-specifications ${tags('security-group')} --region ${region}`,
    `aws ec2 revoke-security-group-egress --group-id '<sg-id from create-security-group>' --ip-permissions 'IpProtocol=-1,IpRanges=[{CidrIp=0.0.0.0/0}]' --region ${region}`,
    `aws ec2 modify-instance-attribute --instance-id ${id} --groups '<sg-id from create-security-group>' --region ${region}`,
    `aws ec2 modify-instance-attribute --instance-id ${id} --disable-api-termination --region ${region}`,
    `aws ec2 create-snapshot --volume-id '<each volume-id from describe-instances>' --description 'Tarn case <case>: evidence from ${id}' --tag-specifications ${tags('snapshot')} --region ${region}`,
    `aws ec2 create-tags --resources ${id} --tags Key=Status,Value=Quarantine 'Key=TarnCase,Value=<case>' --region ${region}`,
  ]);
  assert.match(section, /connections already open may persist/);
  assert.match(section, /instance role already taken stay valid until the role’s sessions are revoked/);
});

test('--execute isolates and snapshots the instance with ids from earlier answers, logs them, checks the key', async () => {
  const ec2 = new Ec2RecordedFake({
    [id]: {
      vpcId: 'vpc-0a1b2c3d4e5f60718',
      volumeIds: ['vol-0a000000000000001', 'vol-0a000000000000002'],
      groups: [
        { id: 'sg-0web0000000000001', name: 'web' },
        { id: 'sg-0ssh0000000000002', name: 'ssh' },
      ],
    },
  });
  const iam = new IamRecordedFake(undefined, { [LAUNCH.userName]: [LAUNCH.accessKeyId] });
  const aws = await startLocalAws({ ec2, iam, sts: new StsRecordedFake(LAUNCH.accountId) });
  try {
    const run = await tarn(
      ...['contain', '--execute', '--yes', '--case', CASE, '--cases', cases, '--analyst', 'alice'],
      ...['--endpoint-url', aws.url, '--principal', LAUNCH.userName, '--lake', lakeDir],
    );
    assert.equal(run.code, 0, run.err + run.out);
    const group = 'sg-0fake000000000001';
    const tagged = (type: string) => ({
      'TagSpecification.1.ResourceType': type,
      'TagSpecification.1.Tag.1.Key': 'TarnCase',
      'TagSpecification.1.Tag.1.Value': CASE,
      'TagSpecification.1.Tag.2.Key': 'TarnInstance',
      'TagSpecification.1.Tag.2.Value': id,
    });
    const snapshot = (volume: string) => ({
      VolumeId: volume,
      Description: `Tarn case ${CASE}: evidence from ${id}`,
      ...tagged('snapshot'),
    });
    assert.deepEqual(
      ec2.requests.map((r) => [r.action, r.params]),
      [
        ['DescribeInstances', { 'InstanceId.1': id }],
        [
          'CreateSecurityGroup',
          {
            GroupName: `tarn-isolation-${CASE}-${id}`,
            GroupDescription: `Tarn case ${CASE}: isolation of ${id}, no inbound or outbound rules`,
            VpcId: 'vpc-0a1b2c3d4e5f60718',
            ...tagged('security-group'),
          },
        ],
        [
          'RevokeSecurityGroupEgress',
          { GroupId: group, 'IpPermissions.1.IpProtocol': '-1', 'IpPermissions.1.IpRanges.1.CidrIp': '0.0.0.0/0' },
        ],
        ['ModifyInstanceAttribute', { InstanceId: id, 'GroupId.1': group }],
        ['ModifyInstanceAttribute', { InstanceId: id, 'DisableApiTermination.Value': 'true' }],
        ['CreateSnapshot', snapshot('vol-0a000000000000001')],
        ['CreateSnapshot', snapshot('vol-0a000000000000002')],
        [
          'CreateTags',
          {
            'ResourceId.1': id,
            'Tag.1.Key': 'Status',
            'Tag.1.Value': 'Quarantine',
            'Tag.2.Key': 'TarnCase',
            'Tag.2.Value': CASE,
          },
        ],
      ],
    );
    assert.deepEqual(
      iam.requests.map((r) => r.action),
      ['UpdateAccessKey', 'PutUserPolicy', 'ListAccessKeys'],
    );
    assert.match(run.out, new RegExp(`3\\. ok snapshot-and-isolate-instance: ${id}\\n`));
    assert.match(
      run.out,
      new RegExp(
        `holds: step 1 ${LAUNCH.userName} ${LAUNCH.accessKeyId}: expected access key \\S+ is Inactive; found \\S+ is Inactive`,
      ),
    );

    // The case: the values each call took from earlier answers, and the command that undoes the isolation.
    const log = (await readFile(join(cases, CASE, 'log.jsonl'), 'utf8'))
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    const calls = await Promise.all(
      log
        .filter((e) => e.kind === 'aws-call' && / ec2 /.test(e.title))
        .map(async (e) => JSON.parse(await readFile(join(cases, CASE, e.files[0].path), 'utf8'))),
    );
    assert.deepEqual(
      calls.map((c) => [
        c.request.operation,
        c.status,
        Object.fromEntries(Object.entries(c.runTimeValues ?? {}).map(([k, v]) => [k, (v as { value: unknown }).value])),
      ]),
      [
        ['DescribeInstances', 'ok', {}],
        ['CreateSecurityGroup', 'ok', { '<vpc-id from describe-instances>': 'vpc-0a1b2c3d4e5f60718' }],
        ['RevokeSecurityGroupEgress', 'ok', { '<sg-id from create-security-group>': group }],
        [
          'ModifyInstanceAttribute',
          'ok',
          {
            '<sg-id from create-security-group>': group,
            '<security-group-ids from describe-instances>': ['sg-0web0000000000001', 'sg-0ssh0000000000002'],
          },
        ],
        ['ModifyInstanceAttribute', 'ok', {}],
        ['CreateSnapshot', 'ok', { '<each volume-id from describe-instances>': 'vol-0a000000000000001' }],
        ['CreateSnapshot', 'ok', { '<each volume-id from describe-instances>': 'vol-0a000000000000002' }],
        ['CreateTags', 'ok', {}],
      ],
    );
    const described = calls[0].answer.output.Reservations[0].Instances[0];
    assert.deepEqual(
      described.SecurityGroups.map((g: { GroupId: string }) => g.GroupId),
      ['sg-0web0000000000001', 'sg-0ssh0000000000002'],
    );
    assert.equal(
      calls[3].undo.command,
      `aws ec2 modify-instance-attribute --instance-id ${id} --groups sg-0web0000000000001 sg-0ssh0000000000002 --region ${region}`,
    );
    assert.match(log.at(-1).title, /^contain --execute checks: 1 hold, 0 do not, 0 could not be checked$/);
    const verify = await tarn('case', 'verify', CASE, '--cases', cases);
    assert.equal(verify.code, 0, verify.err);
  } finally {
    await aws.close();
  }
});
