// The activity comes from the HTTP method, the action and disposition from WAF's action (reference §4
// "WAF v2"; OCSF 1.1.0 HTTP Activity activity ids, action and disposition captions).

import { HTTP_ACTIVITY, type KindColumns, kindColumns } from '../ocsf-event-kinds.ts';
import {
  ALLOWED,
  BLOCKED,
  CAPTCHA,
  CHALLENGED,
  COUNTED,
  otherControl,
  type SecurityControl,
  UNDECIDED,
} from '../security-control.ts';

const METHODS: ReadonlyMap<string, KindColumns> = new Map(
  (
    [
      ['CONNECT', 1],
      ['DELETE', 2],
      ['GET', 3],
      ['HEAD', 4],
      ['OPTIONS', 5],
      ['POST', 6],
      ['PUT', 7],
      ['TRACE', 8],
    ] as const
  ).map(([method, id]) => [method, kindColumns(HTTP_ACTIVITY, id)]),
);
const OTHER_METHOD = kindColumns(HTTP_ACTIVITY, 99);
const NO_METHOD = kindColumns(HTTP_ACTIVITY, 0);

/** PATCH and any other method OCSF 1.1.0 has no activity for is Other (99); a request without one is Unknown. */
export function activityOf(method: string | undefined): KindColumns {
  if (method === undefined) return NO_METHOD;
  return METHODS.get(method) ?? METHODS.get(method.toUpperCase()) ?? OTHER_METHOD;
}

const ACTIONS: ReadonlyMap<string, SecurityControl> = new Map([
  ['ALLOW', ALLOWED],
  ['BLOCK', BLOCKED],
  ['COUNT', COUNTED],
  ['CAPTCHA', CAPTCHA],
  ['CHALLENGE', CHALLENGED],
]);

export function controlOf(action: string | undefined): SecurityControl {
  if (action === undefined) return UNDECIDED;
  return ACTIONS.get(action) ?? otherControl(action);
}
