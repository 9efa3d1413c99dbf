// Before `contain --execute` sends anything, the credentials each call will go with are asked whose they are
// (STS GetCallerIdentity): a plan made for one account must not run with another account's credentials, where
// the same user and role names may name other people's resources.

import type { ExecutableStep } from './executable-steps.ts';

/** The account of a profile's credentials (undefined: the default credentials). */
export type CallerAccount = (profile: string | undefined) => Promise<string>;

export interface CredentialCheck {
  /** The account each set of credentials is for: `default` or the profile's name. */
  readonly accounts: readonly { readonly credentials: string; readonly account: string }[];
  /** Why the run must not go ahead; empty when every set of credentials is the plan's account. */
  readonly problems: readonly string[];
}

export async function checkCredentials(
  steps: readonly ExecutableStep[],
  planAccount: string | null,
  defaultProfile: string | undefined,
  callerAccount: CallerAccount,
): Promise<CredentialCheck> {
  const expected = new Map<string | undefined, string | null>();
  for (const step of steps) {
    for (const call of step.manual === undefined ? step.calls : []) {
      expected.set(call.profile ?? defaultProfile, step.account ?? planAccount);
    }
  }
  const accounts: CredentialCheck['accounts'][number][] = [];
  const problems: string[] = [];
  for (const [profile, account] of expected) {
    const credentials = profile === undefined ? 'the default credentials' : `profile ${profile}`;
    if (account === null) {
      problems.push(`the plan names no account to check ${credentials} against`);
      continue;
    }
    try {
      const actual = await callerAccount(profile);
      accounts.push({ credentials, account: actual });
      if (actual !== account) {
        problems.push(
          `${credentials} are for account ${actual}, but the plan's steps for them run in account ${account}`,
        );
      }
    } catch (error) {
      problems.push(`could not ask STS whose ${credentials} are: ${(error as Error).message}`);
    }
  }
  return { accounts, problems };
}
