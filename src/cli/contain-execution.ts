// `tarn contain --execute`: the steps are shown, a person confirms them (typing the case name or "yes" at a
// terminal, or --yes when no one is there), then they are sent through the AWS SDK and every call is
// logged to the case. `--dry-run` prints the calls as JSON and sends nothing. Before the confirmation, STS
// says whose the credentials are: a run with another account's credentials stops there.

import { snakeCaseJson } from '../json-keys.ts';
import { appendEntry } from '../respond/cases/index.ts';
import type { SdkSender } from '../respond/containment/aws-sdk-sender.ts';
import {
  type CallResult,
  callEntry,
  checkCredentials,
  checksEntry,
  describeSteps,
  type ExecutableStep,
  endEntry,
  executableSteps,
  executePlan,
  type ProfilesByAccount,
  runChecks,
  startEntry,
} from '../respond/containment/index.ts';
import type { ReviewedPlan } from '../respond/report/index.ts';
import { TarnError } from '../tarn-error.ts';
import { analyst, caseCommand, existingCase } from './case-command.ts';
import type { CliIO } from './cli-io.ts';
import type { OptionSpec, ParsedArgs } from './command.ts';
import { stringOption } from './command.ts';
import { executionReport } from './contain-execution-report.ts';

export const EXECUTE_OPTIONS: OptionSpec = {
  execute: { type: 'boolean', default: false },
  'dry-run': { type: 'boolean', default: false },
  'include-recovery': { type: 'boolean', default: false },
  'continue-on-error': { type: 'boolean', default: false },
  // node:util parseArgs on Node 20 has no --no-* negation, so the opt-out is an option of its own.
  verify: { type: 'boolean' },
  'no-verify': { type: 'boolean', default: false },
  yes: { type: 'boolean', default: false },
  case: { type: 'string' },
  cases: caseCommand.options.cases as NonNullable<OptionSpec[string]>,
  analyst: caseCommand.options.analyst as NonNullable<OptionSpec[string]>,
  'endpoint-url': { type: 'string' },
  profile: { type: 'string' },
  'profile-for': { type: 'string', multiple: true },
  region: { type: 'string' },
  'plan-file': { type: 'string' },
};

export const EXECUTE_USAGE = `  --execute            send the plan's calls through the AWS SDK, after confirmation, logging each to --case;
                       first STS GetCallerIdentity must say the credentials are the plan's account
  --plan-file FILE     with --execute: run exactly the plan saved by --plan --out FILE (no --principal, no lake)
  --case NAME          the case (opened with tarn case open) that logs every call; required with --execute
  --include-recovery   also run the recovery plan (removes the delete markers it names, after checking each)
  --continue-on-error  go on with the next steps after a failed call (default: stop)
  --verify             after the steps, read back each deactivated key and restored object (the default);
                       --no-verify skips these checks
  --yes                confirm without a prompt (required when stdin is not a terminal)
  --dry-run            print the SDK calls as JSON; nothing is sent
  --endpoint-url URL   send every call to this endpoint (also AWS_ENDPOINT_URL); for S3-compatible stand-ins
  --profile P          the AWS profile (else the SDK's default chain: environment, config files, SSO, roles)
  --profile-for A=P    send the steps in account A (not the investigated one) with profile P; repeatable.
                       Steps in another account without one are not sent, and say so
  --region R           the region for calls whose step does not name one
  --cases DIR          where cases live (default ./cases or $TARN_CASES)
  --analyst NAME       who runs it, recorded in the case (default $TARN_ANALYST, else the OS user)`;

const flag = (args: ParsedArgs, name: string) => args.values[name] === true;

/** The case --execute logs to, checked before any analysis: given, opened, and its log unbroken. */
export async function executionCase(args: ParsedArgs): Promise<{ name: string; dir: string } | undefined> {
  if (flag(args, 'dry-run')) return undefined;
  const name = stringOption(args, 'case');
  if (name === undefined) throw new TarnError('--execute needs --case NAME: every call is logged to a case', 2);
  return existingCase(args, name).catch((error: TarnError) => {
    throw new TarnError(`nothing was sent: ${error.message}`, error.exitCode);
  });
}

export async function executeContainment(args: ParsedArgs, io: CliIO, plan: ReviewedPlan): Promise<number> {
  const { principal, containment, recovery } = plan;
  const includeRecovery = flag(args, 'include-recovery');
  const target = await executionCase(args);
  const steps = executableSteps(containment, recovery, includeRecovery, target?.name, profilesByAccount(args));
  if (target === undefined) {
    io.stdout(snakeCaseJson(steps));
    return 0;
  }
  const { name, dir } = target;
  const who = analyst(args);
  // Loaded here so that every other tarn command starts without the AWS SDK.
  const { sdkSender } = await import('../respond/containment/aws-sdk-sender.ts');
  const sender = sdkSender({
    endpointUrl: stringOption(args, 'endpoint-url'),
    pathStyle:
      (stringOption(args, 'endpoint-url') ?? process.env.AWS_ENDPOINT_URL_S3 ?? process.env.AWS_ENDPOINT_URL) !==
      undefined,
    profile: stringOption(args, 'profile'),
    region: stringOption(args, 'region'),
  });
  try {
    return await sendSteps(args, io, {
      principal: principal.arn,
      account: containment.account,
      steps,
      name,
      dir,
      who,
      sender,
    });
  } finally {
    sender.close();
  }
}

interface Run {
  readonly principal: string;
  readonly account: string | null;
  readonly steps: readonly ExecutableStep[];
  readonly name: string;
  readonly dir: string;
  readonly who: string;
  readonly sender: SdkSender;
}

async function sendSteps(args: ParsedArgs, io: CliIO, run: Run): Promise<number> {
  const { principal, steps, name, dir, who, sender } = run;
  const includeRecovery = flag(args, 'include-recovery');
  const check = await checkCredentials(steps, run.account, stringOption(args, 'profile'), sender.callerAccount);
  if (check.problems.length > 0) {
    throw new TarnError(`nothing was sent: ${check.problems.join('; ')}`);
  }
  const whose = check.accounts.map((a) => `${a.credentials}: account ${a.account}`).join(', ');
  io.stdout(`Steps to run for ${principal}:\n${describeSteps(steps)}\nCredentials (STS): ${whose || 'none needed'}\n`);
  const confirmedBy = `${who} ${await confirmation(args, io, name, steps)}`;
  const continueOnError = flag(args, 'continue-on-error');
  const context = { principal, confirmedBy, includeRecovery, continueOnError };
  await appendEntry(dir, who, startEntry(steps, context));
  const record = async (result: CallResult, step: number) => {
    await appendEntry(dir, who, callEntry(result, step));
  };
  const keep = (what: string, entry: Parameters<typeof appendEntry>[2]) =>
    appendEntry(dir, who, entry).catch((error: Error) =>
      io.stderr(`the ${what} could not be added to case ${name}: ${error.message}\n`),
    );
  const results = await executePlan(steps, { send: sender.send, includeRecovery, continueOnError, record });
  await keep('summary', endEntry(results));
  const verify = args.values.verify !== false && !flag(args, 'no-verify');
  const verdicts = verify ? await runChecks(results, { send: sender.send, includeRecovery, record }) : [];
  if (verify) await keep('checks', checksEntry(verdicts));
  io.stdout(executionReport(results, verdicts, name));
  return results.some((r) => r.status === 'failed') || verdicts.some((v) => v.holds === false) ? 1 : 0;
}

/** `--profile-for 111111111111=incident-a`, once per account. */
function profilesByAccount(args: ParsedArgs): ProfilesByAccount {
  const given = args.values['profile-for'];
  const profiles = new Map<string, string>();
  for (const mapping of Array.isArray(given) ? given : []) {
    const [, account, profile] = /^(\d{12})=(.+)$/.exec(String(mapping)) ?? [];
    if (account === undefined || profile === undefined) {
      throw new TarnError(`--profile-for takes ACCOUNT=PROFILE with a 12-digit account id, not "${mapping}"`, 2);
    }
    if (profiles.has(account)) throw new TarnError(`--profile-for names account ${account} twice`, 2);
    profiles.set(account, profile);
  }
  return profiles;
}

/** How the run was confirmed, or an error when it was not. */
async function confirmation(
  args: ParsedArgs,
  io: CliIO,
  name: string,
  steps: readonly ExecutableStep[],
): Promise<string> {
  if (flag(args, 'yes')) return 'with --yes';
  if (io.ask === undefined) {
    throw new TarnError('nothing was sent: without a terminal to confirm on, give --yes after reviewing the plan', 2);
  }
  const calls = steps.reduce((n, step) => n + step.calls.length, 0);
  const answer = (await io.ask(`Type the case name (${name}) or "yes" to send these ${calls} calls: `)).trim();
  if (answer !== name && answer !== 'yes') throw new TarnError('not confirmed: nothing was sent');
  return `by typing "${answer}"`;
}
