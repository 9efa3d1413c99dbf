// The mix of everyday calls, with relative weights: mostly reads and data events, some deploys, a
// few sign-ins and a trickle of failures, so the incident has ordinary noise to hide in.

import {
  type ActivityContext,
  ciCaller,
  ciSessionName,
  configCaller,
  consoleUserCaller,
  ssoCaller,
  workloadCaller,
} from './benign-callers.ts';
import { type Caller, isoSeconds, onBehalfOf, serviceCaller } from './cloudtrail-identity.ts';
import { type ApiCall, accessDenied, ec2Unauthorized } from './cloudtrail-record-builder.ts';
import { assumeRole, getCallerIdentity, iamRead } from './iam-api-calls.ts';
import { GLOBAL_REGION } from './organization.ts';
import { listObjects, s3BucketCall, s3ObjectCall } from './s3-api-calls.ts';
import { invokeFunction, kmsForS3Object, regionalCall } from './service-api-calls.ts';

export interface BenignEvent {
  readonly caller: Caller;
  readonly call: ApiCall;
}

export interface Activity {
  readonly weight: number;
  /** Where the activity can happen; absent means every account and region. */
  readonly where?: (accountId: string, region: string) => boolean;
  build(ctx: ActivityContext): BenignEvent;
}

const globalOnly = (_account: string, region: string): boolean => region === GLOBAL_REGION;
const pick = <T>(ctx: ActivityContext, items: readonly T[]): T => ctx.rng.pick(items);
const regionalBuckets = (ctx: ActivityContext) => ctx.account.buckets.filter((b) => b.region === ctx.region);
const regionalFunctions = (ctx: ActivityContext) => ctx.account.functions.filter((f) => f.region === ctx.region);

const EC2_READS = ['DescribeInstances', 'DescribeSecurityGroups', 'DescribeVpcs', 'DescribeSubnets', 'DescribeVolumes'];
const IAM_READS = [
  'ListRoles',
  'GetRole',
  'ListAttachedRolePolicies',
  'ListUsers',
  'GetAccountSummary',
  'ListPolicies',
];
const BUCKET_READS = [
  'GetBucketAcl',
  'GetBucketVersioning',
  'GetBucketEncryption',
  'GetBucketPolicy',
  'GetBucketTagging',
];
/** [service, eventName, requestParameters] for reads whose parameters do not vary. */
type FixedRead = readonly [string, string, Record<string, unknown>];
const OBSERVABILITY_READS: readonly FixedRead[] = [
  ['logs', 'DescribeLogGroups', { limit: 50 }],
  ['monitoring', 'DescribeAlarms', { maxRecords: 100 }],
  ['monitoring', 'GetMetricData', { scanBy: 'TimestampDescending' }],
];
const CONFIG_READS: readonly FixedRead[] = [
  ['secretsmanager', 'GetSecretValue', { secretId: 'app/db-credentials' }],
  ['secretsmanager', 'GetSecretValue', { secretId: 'app/payments-api-key' }],
  ['ssm', 'GetParameter', { name: '/app/feature-flags', withDecryption: false }],
  ['ssm', 'GetParameters', { names: ['/app/db-host', '/app/db-port'], withDecryption: true }],
];
const OBJECT_PREFIXES = ['exports/', 'uploads/', 'reports/daily/', 'static/img/'];

function objectKey(ctx: ActivityContext): string {
  return `${pick(ctx, OBJECT_PREFIXES)}${isoSeconds(ctx.timeMs).slice(0, 10)}/${ctx.rng.hex(12)}.json`;
}

function tableRead(ctx: ActivityContext, reads: readonly FixedRead[]): ApiCall {
  const [service, eventName, parameters] = pick(ctx, reads);
  return regionalCall(service, eventName, ctx.region, parameters);
}

function bucketConfigRead(ctx: ActivityContext): BenignEvent {
  const eventName = pick(ctx, BUCKET_READS);
  // S3 logs the sub-resource queried (?acl, ?versioning …) as an empty request parameter.
  const subresource = eventName.replace('GetBucket', '').toLowerCase();
  return {
    caller: configCaller(ctx),
    call: s3BucketCall(ctx.rng, eventName, pick(ctx, regionalBuckets(ctx)), {}, subresource),
  };
}

function ec2Read(ctx: ActivityContext): BenignEvent {
  const caller = ctx.rng.chance(0.5) ? configCaller(ctx) : ctx.rng.chance(0.5) ? ssoCaller(ctx) : ciCaller(ctx);
  const eventName = pick(ctx, EC2_READS);
  const call = regionalCall('ec2', eventName, ctx.region, { maxResults: 1000, filterSet: {} });
  // Config sweeps hit EC2's request limit now and then.
  if (ctx.rng.chance(0.01))
    return {
      caller,
      call: { ...call, error: { code: 'Client.RequestLimitExceeded', message: 'Request limit exceeded.' } },
    };
  return { caller, call };
}

function s3ObjectEvent(ctx: ActivityContext): BenignEvent {
  const bucket = pick(ctx, regionalBuckets(ctx));
  const operation = pick(ctx, ['GetObject', 'GetObject', 'PutObject', 'HeadObject'] as const);
  const call = s3ObjectCall(ctx.rng, operation, bucket, objectKey(ctx), { size: ctx.rng.between(300, 2_000_000) });
  return { caller: workloadCaller(ctx), call };
}

function lambdaInvoke(ctx: ActivityContext): BenignEvent {
  const fn = pick(ctx, regionalFunctions(ctx));
  if (ctx.rng.chance(0.6)) {
    const service = pick(ctx, ['events.amazonaws.com', 'apigateway.amazonaws.com', 's3.amazonaws.com']);
    return { caller: serviceCaller(service), call: invokeFunction(fn, ctx.account.id, 'Event', true) };
  }
  return { caller: workloadCaller(ctx), call: invokeFunction(fn, ctx.account.id, 'RequestResponse', false) };
}

function serviceAssumesRole(ctx: ActivityContext): BenignEvent {
  const role = pick(ctx, ctx.account.workloadRoles);
  const service = role.name.startsWith('batch')
    ? 'ec2.amazonaws.com'
    : role.name.startsWith('orders')
      ? 'ecs-tasks.amazonaws.com'
      : 'lambda.amazonaws.com';
  const expiration = isoSeconds(ctx.timeMs + 3_600_000);
  const call = assumeRole(role, ctx.rng.hex(32), `ASIA${ctx.rng.upperAlnum(16)}`, expiration, null);
  return { caller: serviceCaller(service), call };
}

function ciDeploy(ctx: ActivityContext): BenignEvent {
  const fn = pick(ctx, regionalFunctions(ctx));
  const step = ctx.rng.int(4);
  if (step === 0) {
    const runner = ciCaller(ctx);
    const call = assumeRole(
      ctx.account.ciRole,
      ciSessionName(ctx.timeMs),
      `ASIA${ctx.rng.upperAlnum(16)}`,
      isoSeconds(ctx.timeMs + 3_600_000),
      `sts.${ctx.region}.amazonaws.com`,
    );
    return { caller: runner, call };
  }
  const stack = `${fn.name}-stack`;
  const calls = [
    regionalCall('cloudformation', 'CreateChangeSet', ctx.region, {
      stackName: stack,
      changeSetName: `deploy-${ctx.rng.hex(8)}`,
      changeSetType: 'UPDATE',
    }),
    regionalCall('cloudformation', 'ExecuteChangeSet', ctx.region, {
      stackName: stack,
      changeSetName: `deploy-${ctx.rng.hex(8)}`,
    }),
    regionalCall(
      'lambda',
      'UpdateFunctionCode20150331v2',
      ctx.region,
      { functionName: fn.name, publish: true },
      { functionName: fn.name, functionArn: fn.arn, runtime: 'python3.12', codeSha256: `${ctx.rng.alnum(43)}=` },
    ),
  ];
  return { caller: ciCaller(ctx), call: calls[step - 1] ?? pick(ctx, calls) };
}

function deniedAttempt(ctx: ActivityContext): BenignEvent {
  const readOnly = ctx.account.ssoRoles.find((r) => r.name.includes('ReadOnly')) ?? pick(ctx, ctx.account.ssoRoles);
  const caller = ssoCaller(ctx, readOnly);
  if (ctx.rng.chance(0.5)) {
    const instance = `i-0${ctx.rng.hex(16)}`;
    const call = regionalCall('ec2', 'StopInstances', ctx.region, {
      instancesSet: { items: [{ instanceId: instance }] },
      force: false,
    });
    return { caller, call: { ...call, error: ec2Unauthorized(ctx.rng) } };
  }
  const secret = `arn:aws:secretsmanager:${ctx.region}:${ctx.account.id}:secret:prod/db-${ctx.rng.alnum(6)}`;
  const call = regionalCall('secretsmanager', 'GetSecretValue', ctx.region, { secretId: secret });
  return { caller, call: { ...call, error: accessDenied(caller, 'secretsmanager:GetSecretValue', secret) } };
}

function consoleLogin(ctx: ActivityContext): BenignEvent {
  const caller = consoleUserCaller(ctx);
  const failed = ctx.rng.chance(0.05);
  const call: ApiCall = {
    eventSource: 'signin.amazonaws.com',
    eventName: 'ConsoleLogin',
    readOnly: false,
    requestParameters: null,
    responseElements: { ConsoleLogin: failed ? 'Failure' : 'Success' },
    additionalEventData: {
      LoginTo: 'https://console.aws.amazon.com/console/home',
      MobileVersion: 'No',
      MFAUsed: failed ? 'No' : 'Yes',
    },
    ...(failed ? { error: { code: 'Failed authentication', message: 'Failed authentication' } } : {}),
    eventType: 'AwsConsoleSignIn',
    requestIdStyle: 'none',
    host: 'signin.aws.amazon.com',
  };
  return { caller, call };
}

export const BENIGN_ACTIVITIES: readonly Activity[] = [
  { weight: 14, build: ec2Read },
  { weight: 22, build: s3ObjectEvent },
  {
    weight: 3,
    build: (ctx) => ({
      caller: workloadCaller(ctx),
      call: listObjects(ctx.rng, pick(ctx, regionalBuckets(ctx)), pick(ctx, OBJECT_PREFIXES)),
    }),
  },
  { weight: 12, build: lambdaInvoke },
  { weight: 6, build: bucketConfigRead },
  {
    weight: 6,
    where: globalOnly,
    build: (ctx) => ({
      caller: ctx.rng.chance(0.6) ? configCaller(ctx) : ssoCaller(ctx),
      call: iamRead(pick(ctx, IAM_READS), { maxItems: 100 }),
    }),
  },
  {
    weight: 4,
    build: (ctx) => ({
      caller: ctx.rng.chance(0.5) ? ciCaller(ctx) : ssoCaller(ctx),
      call: regionalCall(
        'cloudformation',
        pick(ctx, ['DescribeStacks', 'ListStacks', 'DescribeStackEvents']),
        ctx.region,
        null,
      ),
    }),
  },
  { weight: 5, build: (ctx) => ({ caller: ssoCaller(ctx), call: tableRead(ctx, OBSERVABILITY_READS) }) },
  { weight: 6, build: (ctx) => ({ caller: workloadCaller(ctx), call: tableRead(ctx, CONFIG_READS) }) },
  {
    weight: 6,
    build: (ctx) => {
      const bucket = pick(ctx, regionalBuckets(ctx));
      const key = `arn:aws:kms:${ctx.region}:${ctx.account.id}:key/${ctx.rng.uuid()}`;
      const call = kmsForS3Object(
        pick(ctx, ['Decrypt', 'GenerateDataKey'] as const),
        key,
        `arn:aws:s3:::${bucket.name}/${objectKey(ctx)}`,
      );
      return { caller: onBehalfOf(workloadCaller(ctx), 's3.amazonaws.com'), call };
    },
  },
  { weight: 6, build: serviceAssumesRole },
  {
    weight: 2,
    build: (ctx) => ({
      caller: ctx.rng.chance(0.5) ? ciCaller(ctx) : ssoCaller(ctx),
      call: getCallerIdentity(ctx.region),
    }),
  },
  { weight: 4, build: ciDeploy },
  { weight: 1.5, where: globalOnly, build: consoleLogin },
  { weight: 2, build: deniedAttempt },
];
