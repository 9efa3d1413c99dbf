// `firewall_rule`: the rule that ended the evaluation, what it matched and where, and, for a rate-based
// rule, the rate it enforces. A field read from one element of a list is taken out of `unmapped` only when
// the list has that one element, so that the other elements' values are not lost.

import { asRecord, IGNORED, nonEmpty, type RawRecord, takeInteger, takeString } from '../record-fields.ts';
import type { ConsumedPaths } from '../unmapped-flattener.ts';

export interface WafFirewallRule {
  uid?: string;
  type?: string;
  condition?: string;
  match_location?: string;
  match_details?: string[];
  rate_limit?: number;
}

export function mapFirewallRule(log: RawRecord, consumed: ConsumedPaths): WafFirewallRule | undefined {
  const rule: WafFirewallRule = {};
  const uid = takeString(log, 'terminatingRuleId', 'terminatingRuleId', consumed);
  if (uid !== undefined) rule.uid = uid;
  const type = takeString(log, 'terminatingRuleType', 'terminatingRuleType', consumed);
  if (type !== undefined) rule.type = type;
  mapMatchDetails(log.terminatingRuleMatchDetails, rule, consumed);
  const rateLimit = mapRateLimit(log.rateBasedRuleList, uid, consumed);
  if (rateLimit !== undefined) rule.rate_limit = rateLimit;
  return nonEmpty(rule);
}

function mapMatchDetails(raw: unknown, rule: WafFirewallRule, consumed: ConsumedPaths): void {
  if (!Array.isArray(raw)) return;
  if (raw.length === 0) consumed.add('terminatingRuleMatchDetails');
  const first = asRecord(raw[0]);
  const reads = raw.length === 1 ? consumed : IGNORED;
  const condition = takeString(first, 'conditionType', 'terminatingRuleMatchDetails[].conditionType', reads);
  if (condition !== undefined) rule.condition = condition;
  const location = takeString(first, 'location', 'terminatingRuleMatchDetails[].location', reads);
  if (location !== undefined) rule.match_location = location;
  // Every element's matched data goes to match_details, so that path is taken whatever the length.
  const details: string[] = [];
  let whole = true;
  for (const item of raw) {
    const matched = asRecord(item)?.matchedData;
    if (matched === undefined) continue;
    if (!Array.isArray(matched)) whole = false;
    else {
      for (const value of matched) {
        if (typeof value === 'string') details.push(value);
        else whole = false;
      }
    }
  }
  if (whole) consumed.add('terminatingRuleMatchDetails[].matchedData');
  if (details.length > 0) rule.match_details = details;
}

/** The limit of the rate-based rule that ended the evaluation, else of the only rate-based rule listed. */
function mapRateLimit(raw: unknown, terminatingRule: string | undefined, consumed: ConsumedPaths): number | undefined {
  if (!Array.isArray(raw) || raw.length === 0) return undefined;
  const reads = raw.length === 1 ? consumed : IGNORED;
  const entry =
    raw.length === 1
      ? asRecord(raw[0])
      : asRecord(raw.find((item) => asRecord(item)?.rateBasedRuleName === terminatingRule));
  return takeInteger(entry, 'maxRateAllowed', 'rateBasedRuleList[].maxRateAllowed', reads);
}
