// One hour of the requests a web ACL sees: customers browsing and ordering, let through by the default
// action, and the odd bot probing for well-known weaknesses, blocked by AWS's managed rule groups.

import { customer, scanner } from './internet-addresses.ts';
import type { SeededRandom } from './seeded-random.ts';
import type { WafRequest } from './waf-request-records.ts';

const BROWSERS = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/122.0.0.0 Safari/537.36',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_3 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.3 Mobile/15E148 Safari/604.1',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_3) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.3 Safari/605.1.15',
];
const PAGES: readonly (readonly [string, string, (rng: SeededRandom) => string])[] = [
  ['GET', '/', () => ''],
  ['GET', '/products', (rng) => `page=${rng.between(1, 12)}`],
  ['GET', '/static/app.js', (rng) => `v=${rng.hex(8)}`],
  ['POST', '/api/cart', () => ''],
  ['POST', '/login', () => ''],
];
const PROBES = [
  ['/wp-login.php', 'AWSManagedRulesKnownBadInputsRuleSet', 'ExploitablePaths_URIPATH'],
  ['/cgi-bin/luci/;stok=/locale', 'AWSManagedRulesKnownBadInputsRuleSet', 'ExploitablePaths_URIPATH'],
  ['/phpmyadmin/index.php', 'AWSManagedRulesCommonRuleSet', 'SizeRestrictions_QUERYSTRING'],
] as const;

/** `count` requests over the hour starting at `hourMs`, in time order. */
export function benignRequests(rng: SeededRandom, hourMs: number, count: number): WafRequest[] {
  const requests: WafRequest[] = [];
  for (let n = 0; n < count; n++) {
    const timeMs = hourMs + rng.int(3_600_000);
    if (rng.chance(0.05)) {
      const [uri, group, rule] = rng.pick(PROBES);
      const userAgent = 'Mozilla/5.0 zgrab/0.x';
      requests.push({
        timeMs,
        client: scanner(rng),
        method: 'GET',
        uri,
        args: '',
        userAgent,
        blockedBy: { group, rule },
      });
    } else {
      const [method, uri, args] = rng.pick(PAGES);
      requests.push({ timeMs, client: customer(rng), method, uri, args: args(rng), userAgent: rng.pick(BROWSERS) });
    }
  }
  return requests.sort((x, y) => x.timeMs - y.timeMs);
}
