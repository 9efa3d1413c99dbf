// A row's region and account become folder names (`region=…/accountId=…`) and parts of table names that go
// into SQL, and a forged log line chooses them: only the shapes AWS itself uses are let through.

/** AWS region names: lowercase letters and digits in hyphen-separated words (`us-gov-west-1`). */
const REGION = /^[a-z0-9]+(-[a-z0-9]+)*$/;
/** AWS account ids: twelve digits. */
const ACCOUNT_ID = /^\d{12}$/;
/** Longer than any region AWS names, short enough to keep table names within identifier limits. */
const REGION_MAX_LENGTH = 32;

export function isRegionName(value: string): boolean {
  return value.length <= REGION_MAX_LENGTH && REGION.test(value);
}

export function isAccountId(value: string): boolean {
  return ACCOUNT_ID.test(value);
}

/** Why a region cannot be used, or undefined when it can. */
export function regionProblem(value: string): string | undefined {
  if (isRegionName(value)) return undefined;
  return `region ${JSON.stringify(value.slice(0, 80))} is not a region name (lowercase letters, digits and hyphens)`;
}

/** Why an account id cannot be used, or undefined when it can. */
export function accountProblem(value: string): string | undefined {
  if (isAccountId(value)) return undefined;
  return `account id ${JSON.stringify(value.slice(0, 80))} is not 12 digits`;
}
