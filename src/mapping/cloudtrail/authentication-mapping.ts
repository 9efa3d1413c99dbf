// Authentication (3002): console sign-ins and STS role assumption. Rules from AWS's CloudTrail → OCSF 1.1.0
// mapping (ocsf/examples, cloudtrail_authentication.blobl) as the Security Lake 2.0 reference describes them.

import { asRecord, asText, type ConsumedPaths, type RawRecord, takeText } from './raw-fields.ts';
import { type OcsfUser, targetUser } from './target-user.ts';

const LOGON = 1;
const OTHER = 99;
const LOGON_BY_NAME = new Set(['ConsoleLogin', 'ExternalIdPDirectoryLogin', 'UserAuthentication']);

/** Sign-ins and every AssumeRole variant are a Logon; MFA checks and credential challenges are Other. */
export function authenticationActivityId(eventName: string): number {
  return LOGON_BY_NAME.has(eventName) || eventName.includes('AssumeRole') ? LOGON : OTHER;
}

/**
 * The role being assumed (or the signing-in identity), the caller's principal id, and the session name.
 * OCSF requires `user`; a record that has none of these still names who signed in by userName.
 */
export function authenticationUser(event: RawRecord): OcsfUser | undefined {
  const request = asRecord(event.requestParameters);
  const identity = asRecord(event.userIdentity);
  return (
    targetUser(request?.roleArn ?? identity?.arn, identity?.principalId, request?.roleSessionName) ??
    targetUser(undefined, undefined, identity?.userName)
  );
}

/** A console sign-in says how it went in `responseElements.ConsoleLogin` (`Success` / `Failure`). */
export function consoleLoginStatus(event: RawRecord): string | undefined {
  return event.eventName === 'ConsoleLogin' ? asText(asRecord(event.responseElements)?.ConsoleLogin) : undefined;
}

/** `additionalEventData.MFAUsed`: `Yes` → true, `No` → false; any other value stays in `unmapped`. */
export function mfaUsed(event: RawRecord, consumed: ConsumedPaths): boolean | undefined {
  const mfa = asRecord(event.additionalEventData)?.MFAUsed;
  if (mfa !== 'Yes' && mfa !== 'No') return undefined;
  consumed.add('additionalEventData.MFAUsed');
  return mfa === 'Yes';
}

/** The console URL signed in to. */
export function loginDestination(event: RawRecord, consumed: ConsumedPaths): { svc_name: string } | undefined {
  const svcName = takeText(asRecord(event.additionalEventData), 'LoginTo', 'additionalEventData.LoginTo', consumed);
  return svcName === undefined ? undefined : { svc_name: svcName };
}
