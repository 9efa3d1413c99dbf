// `action`/`action_id` and `disposition`/`disposition_id` of a firewall's decision (Route 53 DNS Firewall,
// WAF), with OCSF 1.1.0's captions. Each mapping keeps its own table from raw action to one of these.

export interface SecurityControl {
  readonly action: string;
  readonly action_id: number;
  readonly disposition?: string;
  readonly disposition_id?: number;
}

const control = (actionId: number, action: string, dispositionId?: number, disposition?: string): SecurityControl =>
  Object.freeze(
    disposition === undefined
      ? { action, action_id: actionId }
      : { action, action_id: actionId, disposition, disposition_id: dispositionId },
  );

export const ALLOWED = control(1, 'Allowed', 1, 'Allowed');
export const BLOCKED = control(2, 'Denied', 2, 'Blocked');
/** Let through, but reported: DNS Firewall's ALERT. */
export const ALERTED = control(1, 'Allowed', 19, 'Alert');
/** Let through, but counted: WAF's COUNT. */
export const COUNTED = control(1, 'Allowed', 20, 'Count');
/** Held until the client solves a puzzle or proves it is a browser: WAF's CAPTCHA and CHALLENGE. */
export const CAPTCHA = control(2, 'Denied', 22, 'Captcha');
export const CHALLENGED = control(2, 'Denied', 23, 'Challenge');
/** No firewall decided (no DNS Firewall rule matched): OCSF's default, as AWS's mapping prescribes. */
export const UNDECIDED = control(0, 'Unknown');

/** A raw action no table knows: OCSF's Other, with the raw value as the caption. */
export function otherControl(raw: string): SecurityControl {
  return { action: raw, action_id: 99, disposition: raw, disposition_id: 99 };
}
