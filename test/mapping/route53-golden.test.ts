// Golden cases of Route 53 Resolver query logs → route53 rows (DNS Activity 4003).

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mapRoute53Query } from '../../src/mapping/route53/route53-mapping.ts';
import { validateOcsf } from '../helpers/ocsf-validator.ts';
import { goldenSet } from './golden-cases.ts';

const golden = goldenSet('route53', 'route53', mapRoute53Query, [
  'dns-firewall-block',
  'ipv6-aaaa-resolver-endpoint',
  'noerror-a-record',
  'nxdomain',
]);

test('golden route53 rows are valid OCSF 1.1.0', () => {
  assert.deepEqual(validateOcsf(golden.cases.map(golden.map)), []);
});

test('the response code is OCSF caption and id, whatever case Resolver writes it in', () => {
  const row = (rcode: string) => {
    const outcome = mapRoute53Query({ ...BASE, rcode });
    assert.ok(outcome.ok);
    return [outcome.row.rcode_id, outcome.row.rcode];
  };
  assert.deepEqual(row('NOERROR'), [0, 'NoError']);
  assert.deepEqual(row('SERVFAIL'), [2, 'ServError']);
  assert.deepEqual(row('nxdomain'), [3, 'NXDomain']);
  assert.deepEqual(row('REFUSED'), [5, 'Refused']);
  assert.deepEqual(row('WEIRD'), [99, 'WEIRD']);
});

test('DNS Firewall ALERT lets the query through and says so in the disposition', () => {
  const outcome = mapRoute53Query({ ...BASE, firewall_rule_action: 'ALERT', firewall_rule_group_id: 'rslvr-frg-1' });
  assert.ok(outcome.ok);
  assert.deepEqual([outcome.row.action, outcome.row.action_id, outcome.row.disposition], ['Allowed', 1, 'Alert']);
});

test('a query without a parseable time or without an account is rejected with the reason', () => {
  assert.deepEqual(mapRoute53Query({ ...BASE, query_timestamp: 'yesterday' }), {
    ok: false,
    reason: 'record has no parseable query_timestamp',
  });
  const { account_id: _, ...noAccount } = BASE;
  const outcome = mapRoute53Query(noAccount);
  assert.ok(!outcome.ok);
  assert.match(outcome.reason, /^no account id: /);
});

const BASE = {
  account_id: '111122223333',
  region: 'us-east-1',
  query_timestamp: '2024-03-10T12:00:00Z',
  query_name: 'example.com.',
  srcaddr: '10.0.0.1',
};
