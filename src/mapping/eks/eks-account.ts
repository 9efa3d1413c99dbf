// The AWS account an audit event names through its user: EKS's authenticator writes the IAM principal's
// ARN (`user.extra.arn`, `canonicalArn`) and a uid `aws-iam-authenticator:<account>:<principal id>`, and an
// impersonating call carries the same under `impersonatedUser`. Audit logs exported from CloudWatch lie
// outside any AWSLogs/<account>/ path, and this is then the only account they name.

import { asRecord } from '../record-fields.ts';

const ARN_ACCOUNT = /^arn:aws[a-z-]*:(?:iam|sts)::(\d{12}):/;
const AUTHENTICATOR_UID = /^aws-iam-authenticator:(\d{12}):/;

export function auditEventAccount(event: Readonly<Record<string, unknown>>): string | undefined {
  return userAccount(asRecord(event.user)) ?? userAccount(asRecord(event.impersonatedUser));
}

function userAccount(user: Readonly<Record<string, unknown>> | undefined): string | undefined {
  if (user === undefined) return undefined;
  const extra = asRecord(user.extra);
  for (const key of ['arn', 'canonicalArn']) {
    for (const value of listOf(extra?.[key])) {
      const account = ARN_ACCOUNT.exec(value)?.[1];
      if (account !== undefined) return account;
    }
  }
  return typeof user.uid === 'string' ? AUTHENTICATOR_UID.exec(user.uid)?.[1] : undefined;
}

/** Kubernetes `extra` values are lists of strings; a lone string is taken as one. */
function listOf(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}
