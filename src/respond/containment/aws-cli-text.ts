// AWS CLI command lines as a responder would paste them: arguments quoted for a POSIX shell, policy
// documents inline as compact JSON.

/** Quotes only when the shell would otherwise split or expand the argument. */
export function shellArg(value: string): string {
  return /^[\w@%+=:,./-]+$/.test(value) ? value : `'${value.replaceAll("'", `'\\''`)}'`;
}

export function awsCli(...parts: readonly (string | readonly [string, string])[]): string {
  return ['aws', ...parts.map((part) => (typeof part === 'string' ? part : `${part[0]} ${shellArg(part[1])}`))].join(
    ' ',
  );
}

export function policyDocument(statements: readonly object[]): string {
  return JSON.stringify({ Version: '2012-10-17', Statement: statements });
}

export const DENY_ALL = policyDocument([{ Sid: 'TarnIncidentDenyAll', Effect: 'Deny', Action: '*', Resource: '*' }]);

/** The policy the IAM console's "Revoke active sessions" attaches, with the same name. */
export function revokeOlderSessions(now: string): string {
  return policyDocument([
    { Effect: 'Deny', Action: ['*'], Resource: ['*'], Condition: { DateLessThan: { 'aws:TokenIssueTime': now } } },
  ]);
}

export const TRUST_NOBODY = policyDocument([{ Effect: 'Deny', Principal: { AWS: '*' }, Action: 'sts:AssumeRole' }]);

export const BLOCK_ALL_PUBLIC_ACCESS = {
  BlockPublicAcls: true,
  IgnorePublicAcls: true,
  BlockPublicPolicy: true,
  RestrictPublicBuckets: true,
} as const;

export function ownAccountOnly(bucket: string, accountId: string): string {
  return policyDocument([
    {
      Sid: 'TarnIncidentOwnAccountOnly',
      Effect: 'Deny',
      Principal: '*',
      Action: 's3:*',
      Resource: [`arn:aws:s3:::${bucket}`, `arn:aws:s3:::${bucket}/*`],
      Condition: { StringNotEquals: { 'aws:PrincipalAccount': accountId } },
    },
  ]);
}
