// One AWS API call of a plan as data — service, operation and the SDK's own parameters — so that the same
// call is printed as an AWS CLI command for review and sent through the AWS SDK by `contain --execute`.

import { shellArg } from './aws-cli-text.ts';

export type AwsService = 'iam' | 's3';

export interface AwsCall {
  readonly service: AwsService;
  /** The API operation as the SDK and CloudTrail name it: `UpdateAccessKey`. */
  readonly operation: string;
  /** The SDK command's input, in the order the CLI prints its options. */
  readonly params: Readonly<Record<string, unknown>>;
  /** The region to call; the SDK's default chain decides when absent. */
  readonly region?: string;
  /** A read whose answer is kept before a change: the file the CLI form writes it to. */
  readonly saveAs?: string;
}

/** Operations that remove something; the executor refuses them unless they restore (a delete marker). */
const DELETING = /^(Delete|Detach|Remove|Terminate|Deregister|Untag)/;

export function isDeleting(operation: string): boolean {
  return DELETING.test(operation);
}

/** Only reads: safe to run twice, and an answer of "not configured" is an answer, not a failure. */
export function isRead(operation: string): boolean {
  return /^(Get|List|Head|Describe)/.test(operation);
}

export const kebabCase = (name: string) => name.replace(/(?<=[a-z0-9])([A-Z])/g, '-$1').toLowerCase();

function cliValue(value: unknown): string {
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    // A flat structure is written in the CLI's shorthand, Key=value,Key=value.
    return Object.entries(value)
      .map(([key, v]) => `${key}=${String(v)}`)
      .join(',');
  }
  return String(value);
}

/** The AWS CLI command that makes the same call: `aws iam update-access-key --user-name … --status Inactive`. */
export function cliCommand(call: AwsCall): string {
  const service = call.service === 's3' ? 's3api' : call.service;
  const options = Object.entries(call.params).map(
    ([name, value]) => `--${kebabCase(name)} ${shellArg(cliValue(value))}`,
  );
  const region = call.region === undefined ? [] : [`--region ${shellArg(call.region)}`];
  const save = call.saveAs === undefined ? [] : [`> ${shellArg(call.saveAs)}`];
  return ['aws', service, kebabCase(call.operation), ...options, ...region, ...save].join(' ');
}
