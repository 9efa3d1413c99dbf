// Sends a plan's calls through the AWS SDK v3. Region, credentials and endpoint come from the SDK's own
// chain (environment, shared config and credentials files, SSO, instance roles, AWS_ENDPOINT_URL…); an
// explicit endpoint URL and profile override it, as the AWS CLI's --endpoint-url and --profile do; a call that
// names a profile of its own (a step in another account, `--profile-for`) is sent with that one.

import {
  CreateSecurityGroupCommand,
  CreateSnapshotCommand,
  CreateTagsCommand,
  DescribeInstancesCommand,
  EC2Client,
  ModifyInstanceAttributeCommand,
  RevokeSecurityGroupEgressCommand,
} from '@aws-sdk/client-ec2';
import {
  GetRoleCommand,
  IAMClient,
  ListAccessKeysCommand,
  PutRolePolicyCommand,
  PutUserPolicyCommand,
  UpdateAccessKeyCommand,
  UpdateAssumeRolePolicyCommand,
} from '@aws-sdk/client-iam';
import {
  CopyObjectCommand,
  DeleteObjectCommand,
  GetBucketAclCommand,
  GetBucketPolicyCommand,
  GetBucketVersioningCommand,
  GetPublicAccessBlockCommand,
  ListObjectVersionsCommand,
  PutBucketPolicyCommand,
  PutPublicAccessBlockCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import type { AwsCall, AwsService } from './aws-call.ts';
import type { CallerAccount } from './caller-account.ts';
import type { CallAnswer, CallSender } from './plan-execution.ts';

export interface SdkSettings {
  /** Every service's endpoint, as the CLI's --endpoint-url; the SDK's chain decides when absent. */
  readonly endpointUrl?: string;
  /** True when an endpoint other than AWS's is in use (a flag or AWS_ENDPOINT_URL): S3 is then addressed by path. */
  readonly pathStyle?: boolean;
  readonly profile?: string;
  readonly region?: string;
}

// Each command class takes its own input type; the plan's params are data checked by the service itself.
type CommandClass = new (input: never) => object;

/** What the executor needs of either client: send a command, get the output and its metadata. */
interface Sendable {
  send(command: object): Promise<{ readonly $metadata?: { requestId?: string; httpStatusCode?: number } }>;
  destroy(): void;
}

/** The operations a plan sends. Anything else is reported as not supported rather than guessed at. */
const COMMANDS: Readonly<Record<AwsService, Readonly<Record<string, CommandClass>>>> = {
  iam: {
    UpdateAccessKey: UpdateAccessKeyCommand,
    PutUserPolicy: PutUserPolicyCommand,
    PutRolePolicy: PutRolePolicyCommand,
    GetRole: GetRoleCommand,
    UpdateAssumeRolePolicy: UpdateAssumeRolePolicyCommand,
    ListAccessKeys: ListAccessKeysCommand,
  },
  s3: {
    GetBucketPolicy: GetBucketPolicyCommand,
    GetBucketAcl: GetBucketAclCommand,
    GetPublicAccessBlock: GetPublicAccessBlockCommand,
    GetBucketVersioning: GetBucketVersioningCommand,
    PutPublicAccessBlock: PutPublicAccessBlockCommand,
    PutBucketPolicy: PutBucketPolicyCommand,
    ListObjectVersions: ListObjectVersionsCommand,
    CopyObject: CopyObjectCommand,
    DeleteObject: DeleteObjectCommand,
  },
  ec2: {
    DescribeInstances: DescribeInstancesCommand,
    CreateSecurityGroup: CreateSecurityGroupCommand,
    RevokeSecurityGroupEgress: RevokeSecurityGroupEgressCommand,
    ModifyInstanceAttribute: ModifyInstanceAttributeCommand,
    CreateSnapshot: CreateSnapshotCommand,
    CreateTags: CreateTagsCommand,
  },
};

function newClient(service: AwsService, config: object, pathStyle: boolean): Sendable {
  if (service === 'iam') return new IAMClient(config) as Sendable;
  if (service === 'ec2') return new EC2Client(config) as Sendable;
  return new S3Client({ ...config, forcePathStyle: pathStyle, followRegionRedirects: true }) as Sendable;
}

export interface SdkSender {
  readonly send: CallSender;
  /** STS GetCallerIdentity's account for the default credentials or a profile's. */
  readonly callerAccount: CallerAccount;
  readonly close: () => void;
}

export function sdkSender(settings: SdkSettings): SdkSender {
  // On Node 20 every SDK client warns on stderr that SDK releases after January 2027 will need Node 22. The
  // installed SDK works on Node 20, the warning is not about this run and would be read as part of its
  // output; the SDK's own switch turns it off, unless the user has set that switch either way.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const clients = new Map<string, Sendable>();
  const endpoint = settings.endpointUrl === undefined ? {} : { endpoint: settings.endpointUrl };
  const client = (service: AwsService, region: string | undefined, profile: string | undefined): Sendable => {
    const key = `${service} ${region ?? ''} ${profile ?? ''}`;
    let made = clients.get(key);
    if (made === undefined) {
      const config = {
        ...endpoint,
        ...(profile === undefined ? {} : { profile }),
        ...(region === undefined ? {} : { region }),
      };
      made = newClient(service, config, settings.pathStyle === true);
      clients.set(key, made);
    }
    return made;
  };
  const send = async (call: AwsCall): Promise<CallAnswer> => {
    const Command = COMMANDS[call.service][call.operation];
    if (Command === undefined) {
      throw Object.assign(new Error(`tarn does not send ${call.service} ${call.operation}`), {
        name: 'TarnUnsupportedOperation',
      });
    }
    const profile = call.profile ?? settings.profile;
    const { $metadata, ...output } = await client(call.service, call.region ?? settings.region, profile).send(
      new Command(call.params as never),
    );
    return { requestId: $metadata?.requestId ?? null, httpStatusCode: $metadata?.httpStatusCode ?? null, output };
  };
  const callerAccount = async (profile: string | undefined): Promise<string> => {
    const sts = new STSClient({
      ...endpoint,
      ...(profile === undefined ? {} : { profile }),
      ...(settings.region === undefined ? {} : { region: settings.region }),
    });
    try {
      const { Account } = await sts.send(new GetCallerIdentityCommand({}));
      if (Account === undefined) throw new Error('GetCallerIdentity answered without an account');
      return Account;
    } finally {
      sts.destroy();
    }
  };
  const close = () => {
    for (const made of clients.values()) made.destroy();
  };
  return { send, callerAccount, close };
}
