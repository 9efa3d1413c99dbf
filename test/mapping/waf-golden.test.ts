// Golden cases of AWS WAF v2 logs → waf rows (HTTP Activity 4002).

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mapWafRequest } from '../../src/mapping/waf/waf-mapping.ts';
import { attachOrigin, deliveryOrigin } from '../../src/sources/delivery-path.ts';
import { goldenSet, readJson, validationErrors } from './golden-cases.ts';

const golden = goldenSet('waf', 'waf', mapWafRequest, ['allow-get-default-action', 'block-sqli-rate-based']);

/*
 * OCSF 1.1.0 requires `dst_endpoint` and `http_response` in HTTP Activity, but Security Lake's waf_2_0 table
 * has neither column, so no row of that table can carry them. Everything else must validate.
 */
test('golden waf rows are valid OCSF 1.1.0 but for the two attributes the waf table has no column for', () => {
  const errors = validationErrors(golden.cases.map(golden.map));
  assert.deepEqual(
    errors,
    golden.cases.flatMap((_, index) => [
      [index, 'missing_required', 'dst_endpoint'],
      [index, 'missing_required', 'http_response'],
    ]),
  );
});

const INPUT = readJson(new URL('../golden/waf/allow-get-default-action/input.json', import.meta.url).pathname);

test('the method picks the activity; one OCSF has no activity for is Other', () => {
  const activity = (httpMethod: string) => {
    const request = { ...(INPUT.httpRequest as object), httpMethod };
    const outcome = mapWafRequest({ ...INPUT, httpRequest: request });
    assert.ok(outcome.ok);
    return [outcome.row.activity_id, outcome.row.activity_name, outcome.row.type_uid];
  };
  assert.deepEqual(activity('POST'), [6, 'Post', 400206]);
  assert.deepEqual(activity('delete'), [2, 'Delete', 400202]);
  assert.deepEqual(activity('PATCH'), [99, 'Other', 400299]);
});

test('COUNT, CAPTCHA and CHALLENGE have the OCSF dispositions of the same names', () => {
  const control = (action: string) => {
    const outcome = mapWafRequest({ ...INPUT, action });
    assert.ok(outcome.ok);
    const { row } = outcome;
    return [row.action, row.action_id, row.disposition, row.disposition_id];
  };
  assert.deepEqual(control('COUNT'), ['Allowed', 1, 'Count', 20]);
  assert.deepEqual(control('CAPTCHA'), ['Denied', 2, 'Captcha', 22]);
  assert.deepEqual(control('CHALLENGE'), ['Denied', 2, 'Challenge', 23]);
});

test('without a web ACL ARN the account and region come from the delivery path, else the record is rejected', () => {
  const { webaclId: _, ...noArn } = INPUT;
  const path = '/cases/AWSLogs/444455556666/WAFLogs/eu-central-1/shop-web-acl/2024/03/10/12/00/x.log.gz';
  const outcome = mapWafRequest(attachOrigin({ ...noArn }, deliveryOrigin(path)));
  assert.ok(outcome.ok);
  assert.deepEqual([outcome.row.accountid, outcome.row.region], ['444455556666', 'eu-central-1']);
  const cloudfront = '/cases/AWSLogs/444455556666/WAFLogs/cloudfront/cdn-web-acl/2024/03/10/12/00/x.log.gz';
  const rejected = mapWafRequest(attachOrigin({ ...noArn }, deliveryOrigin(cloudfront)));
  assert.deepEqual(rejected, {
    ok: false,
    reason: "no region: the record has no web ACL ARN (webaclId), and the file's AWSLogs/ path names no region folder",
  });
});
