// One AWS WAF v2 log record, as WAF delivers it: the web ACL, the rule that decided, the managed rule
// groups evaluated, and the request with its headers. A request no rule blocks ends at the default action.

import type { InternetClient } from './internet-addresses.ts';
import type { WebAcl } from './network-topology.ts';
import type { SeededRandom } from './seeded-random.ts';

export interface WafRequest {
  readonly timeMs: number;
  readonly client: InternetClient;
  readonly method: string;
  readonly uri: string;
  readonly args: string;
  readonly userAgent: string;
  /** The managed rule that blocked it, or undefined when the default action let it through. */
  readonly blockedBy?: { readonly group: ManagedRuleGroup; readonly rule: string };
}

export type ManagedRuleGroup = 'AWSManagedRulesCommonRuleSet' | 'AWSManagedRulesKnownBadInputsRuleSet';

/** The web ACL's managed rule groups, with the namespace of the labels their rules add. */
const RULE_GROUPS: Readonly<Record<ManagedRuleGroup, string>> = {
  AWSManagedRulesCommonRuleSet: 'core-rule-set',
  AWSManagedRulesKnownBadInputsRuleSet: 'known-bad-inputs',
};

export function wafRequestRecord(rng: SeededRandom, acl: WebAcl, request: WafRequest): Record<string, unknown> {
  const blocked = request.blockedBy;
  return {
    timestamp: request.timeMs,
    formatVersion: 1,
    webaclId: acl.arn,
    terminatingRuleId: blocked === undefined ? 'Default_Action' : `AWS-${blocked.group}`,
    terminatingRuleType: blocked === undefined ? 'REGULAR' : 'MANAGED_RULE_GROUP',
    action: blocked === undefined ? 'ALLOW' : 'BLOCK',
    terminatingRuleMatchDetails: [],
    httpSourceName: 'ALB',
    httpSourceId: acl.sourceId,
    ruleGroupList: Object.keys(RULE_GROUPS).map((group) => ({
      ruleGroupId: `AWS#${group}`,
      terminatingRule:
        blocked?.group === group ? { ruleId: blocked.rule, action: 'BLOCK', ruleMatchDetails: null } : null,
      nonTerminatingMatchingRules: [],
      excludedRules: null,
    })),
    rateBasedRuleList: [],
    nonTerminatingMatchingRules: [],
    requestHeadersInserted: null,
    responseCodeSent: blocked === undefined ? null : 403,
    httpRequest: {
      clientIp: request.client.ip,
      country: request.client.country,
      headers: [
        { name: 'Host', value: acl.host },
        { name: 'User-Agent', value: request.userAgent },
        { name: 'Accept', value: '*/*' },
      ],
      uri: request.uri,
      args: request.args,
      httpVersion: 'HTTP/1.1',
      httpMethod: request.method,
      requestId: `1-${Math.floor(request.timeMs / 1000).toString(16)}-${rng.hex(24)}`,
    },
    ...(blocked === undefined
      ? {}
      : { labels: [{ name: `awswaf:managed:aws:${RULE_GROUPS[blocked.group]}:${blocked.rule}` }] }),
  };
}
