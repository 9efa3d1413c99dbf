// The AWS options of the commands that talk to S3 (ingest, attach, push), read as contain --execute reads them:
// the SDK's credential chain or --profile, --region, and --endpoint-url (or AWS_ENDPOINT_URL) for an
// S3-compatible server, which then needs path-style addressing.

import type { S3Client } from '@aws-sdk/client-s3';
import { type OptionSpec, type ParsedArgs, stringOption } from './command.ts';

export const AWS_CLIENT_OPTIONS: OptionSpec = {
  'endpoint-url': { type: 'string' },
  profile: { type: 'string' },
  region: { type: 'string' },
};

export const AWS_CLIENT_USAGE = awsClientUsage('--region R', 'the region of the calls');

/** The AWS options' help lines; credentials come from the SDK's chain unless --profile names one. */
export function awsClientUsage(region: string, regionMeaning: string): string {
  return `  --profile P          the AWS profile (default: the SDK's chain: environment, config files, SSO, roles)
  ${region.padEnd(20)} ${regionMeaning} (default: $AWS_REGION or the profile's)
  --endpoint-url URL   send the calls to this S3-compatible server (also $AWS_ENDPOINT_URL)`;
}

/** `tarn ingest` keeps `--region` for the records' region, so its S3 client's region is `--s3-region`. */
export const INGEST_AWS_CLIENT_OPTIONS: OptionSpec = {
  'endpoint-url': { type: 'string' },
  profile: { type: 'string' },
  's3-region': { type: 'string' },
};

/** The client settings the options give; the SDK's own defaults for the rest. */
export function awsClientConfig(args: ParsedArgs, service = 'S3', regionOption = 'region') {
  const endpoint =
    stringOption(args, 'endpoint-url') ??
    process.env[`AWS_ENDPOINT_URL_${service.toUpperCase()}`] ??
    process.env.AWS_ENDPOINT_URL;
  const profile = stringOption(args, 'profile');
  const region = stringOption(args, regionOption);
  return {
    ...(endpoint === undefined ? {} : { endpoint }),
    ...(profile === undefined ? {} : { profile }),
    ...(region === undefined ? {} : { region }),
  };
}

/** Loaded only when a command needs it, so that other commands start without the AWS SDK. */
export async function s3Client(args: ParsedArgs, regionOption = 'region'): Promise<S3Client> {
  const { S3Client } = await import('@aws-sdk/client-s3');
  const config = awsClientConfig(args, 'S3', regionOption);
  return new S3Client({ ...config, ...('endpoint' in config ? { forcePathStyle: true } : {}) });
}
