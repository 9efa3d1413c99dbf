// One AWS API call of a plan as data — service, operation and the SDK's own parameters — so that the same
// call is printed as an AWS CLI command for review and sent through the AWS SDK by `contain --execute`.

import { shellArg } from './aws-cli-text.ts';

export type AwsService = 'iam' | 's3' | 'ec2';

export interface AwsCall {
  readonly service: AwsService;
  /** The API operation as the SDK and CloudTrail name it: `UpdateAccessKey`. */
  readonly operation: string;
  /** The SDK command's input, in the order the CLI prints its options; values may be `RunTimeValue`s. */
  readonly params: Readonly<Record<string, unknown>>;
  /** The region to call; the SDK's default chain decides when absent. */
  readonly region?: string;
  /** The named profile to send it with: set by `contain --execute --profile-for` on a step in another account. */
  readonly profile?: string;
  /** A read whose answer is kept before a change: the file the CLI form writes it to. */
  readonly saveAs?: string;
  /** The call that puts back what this one changes, kept in the case with its run-time values filled in. */
  readonly undo?: AwsCall;
}

/**
 * A parameter known only when the plan runs (an isolation group's id, an instance's volumes): read from the
 * answer of an earlier call of the same step, so the plan can be reviewed before any id exists.
 */
export interface RunTimeValue {
  /** What it is, as the plan prints it: `sg-id` is shown as `<sg-id from create-security-group>`. */
  readonly runTimeValue: string;
  /** The operation of the earlier call of the step whose answer holds it. */
  readonly from: string;
  /** Where in that answer: member names and list indexes joined by dots, `*` for every element of a list. */
  readonly path: string;
  /** Send the call once for each value found (each volume), instead of once with the whole list. */
  readonly each?: true;
}

export function isRunTimeValue(value: unknown): value is RunTimeValue {
  return typeof (value as Partial<RunTimeValue> | null)?.runTimeValue === 'string';
}

export function placeholder(value: RunTimeValue): string {
  return `<${value.each ? 'each ' : ''}${value.runTimeValue} from ${kebabCase(value.from)}>`;
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

/** A value in the CLI's shorthand syntax: `Key=value,Tags=[{Key=a,Value=b}]`; braces only when nested. */
function shorthand(value: unknown, nested: boolean): string {
  if (isRunTimeValue(value)) return placeholder(value);
  if (Array.isArray(value)) return `[${value.map((v) => shorthand(v, true)).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const members = Object.entries(value).map(([key, v]) => `${key}=${shorthand(v, true)}`);
    return nested ? `{${members.join(',')}}` : members.join(',');
  }
  return String(value);
}

/** One option: a list is given as separate words, and EC2's `{ Value: true }` as a flag, as the CLI takes them. */
function cliOption(name: string, value: unknown): string {
  const flag = kebabCase(name);
  const entries = typeof value === 'object' && value !== null ? Object.entries(value) : [];
  if (entries.length === 1 && entries[0]?.[0] === 'Value' && typeof entries[0][1] === 'boolean') {
    return entries[0][1] ? `--${flag}` : `--no-${flag}`;
  }
  const words = Array.isArray(value) ? value : [value];
  return [`--${flag}`, ...words.map((word) => shellArg(shorthand(word, false)))].join(' ');
}

/** The AWS CLI command that makes the same call: `aws iam update-access-key --user-name … --status Inactive`. */
export function cliCommand(call: AwsCall): string {
  const service = call.service === 's3' ? 's3api' : call.service;
  const options = Object.entries(call.params).map(([name, value]) => cliOption(name, value));
  const region = call.region === undefined ? [] : [`--region ${shellArg(call.region)}`];
  const profile = call.profile === undefined ? [] : [`--profile ${shellArg(call.profile)}`];
  const save = call.saveAs === undefined ? [] : [`> ${shellArg(call.saveAs)}`];
  return ['aws', service, kebabCase(call.operation), ...options, ...region, ...profile, ...save].join(' ');
}
