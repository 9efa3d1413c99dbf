// Golden cases: each folder under test/golden/guardduty holds a GuardDuty finding as AWS delivers it
// (input.json: an EventBridge "GuardDuty Finding" event, or `aws guardduty get-findings` output) and the exact
// sh_findings row Security Lake 2.0 would hold for the ASFF copy GuardDuty sends to Security Hub
// (expected.json), written by hand. Inputs go through the sources reader, as `tarn ingest` reads them.

import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { guardDutyToAsff } from '../../src/mapping/guardduty/guardduty-asff-conversion.ts';
import { mapGuardDutyFinding } from '../../src/mapping/guardduty/guardduty-mapping.ts';
import { mapAsffFinding } from '../../src/mapping/securityhub/asff-mapping.ts';
import { TABLE_SCHEMAS } from '../../src/mapping/table-schemas.ts';
import { parseLogFile } from '../../src/sources/log-file-reader.ts';
import { validateOcsf } from '../helpers/ocsf-validator.ts';

const GOLDEN = resolve(import.meta.dirname, '../golden/guardduty');
const CASES = readdirSync(GOLDEN, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();
const COLUMNS = new Set(TABLE_SCHEMAS.sh_findings.map((column) => column.name));
const IAM = 'iam-instance-credential-exfiltration';

function readJson(path: string): Record<string, unknown> {
  return JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
}

/**
 * The one GuardDuty finding of an input file, read by the format it is detected as. EventBridge events are
 * kept pretty-printed here for reading, and handed over on one line, as EventBridge delivers them.
 */
function readFinding(path: string, format: string): Record<string, unknown> {
  const bytes =
    format === 'guardduty-eventbridge' ? Buffer.from(`${JSON.stringify(readJson(path))}\n`) : readFileSync(path);
  const read = parseLogFile(path, bytes);
  assert.equal(read.format, format, path);
  assert.equal(read.kind, 'guardduty');
  assert.deepEqual(read.rejects, []);
  assert.equal(read.records.length, 1);
  return read.records[0]?.value ?? {};
}

function mapFinding(finding: Record<string, unknown>): Record<string, unknown> {
  const outcome = mapGuardDutyFinding(finding);
  assert.ok(outcome.ok, `rejected: ${outcome.ok ? '' : outcome.reason}`);
  assert.equal(outcome.source, 'sh_findings');
  return outcome.row as Record<string, unknown>;
}

const FORMATS: Readonly<Record<string, string>> = {
  [IAM]: 'guardduty-eventbridge',
  'ec2-dga-domain-request': 'guardduty-eventbridge',
  's3-anomalous-exfiltration': 'guardduty-get-findings',
};

const mapCase = (name: string) => mapFinding(readFinding(join(GOLDEN, name, 'input.json'), FORMATS[name] ?? ''));

test('the golden set holds the required cases', () => {
  assert.deepEqual(CASES, ['ec2-dga-domain-request', IAM, 's3-anomalous-exfiltration']);
});

for (const name of CASES) {
  test(`golden ${name}: the row is exactly the expected one`, () => {
    assert.deepStrictEqual(mapCase(name), readJson(join(GOLDEN, name, 'expected.json')));
  });
}

test('the IAM finding from `get-findings` (PascalCase) gives the same row as from EventBridge (camelCase)', () => {
  const finding = readFinding(join(GOLDEN, IAM, 'input.get-findings.json'), 'guardduty-get-findings');
  assert.equal(finding.Type, 'UnauthorizedAccess:IAMUser/InstanceCredentialExfiltration.OutsideAWS');
  assert.deepStrictEqual(mapFinding(finding), readJson(join(GOLDEN, IAM, 'expected.json')));
});

test('the converter gives the ASFF GuardDuty sends to Security Hub, which the ASFF path maps to the same row', () => {
  const finding = readFinding(join(GOLDEN, IAM, 'input.json'), 'guardduty-eventbridge');
  const conversion = guardDutyToAsff(finding);
  assert.ok(conversion.ok);
  const asff = conversion.finding;
  const detector = 'arn:aws:guardduty:us-east-1:111122223333:detector/12abc34d567e8fa901bc2d34eexample';
  assert.equal(asff.ProductArn, 'arn:aws:securityhub:us-east-1::product/aws/guardduty');
  assert.equal(asff.ProductName, 'GuardDuty');
  assert.equal(asff.CompanyName, 'Amazon');
  assert.equal(asff.GeneratorId, detector);
  assert.equal(asff.Id, `${detector}/finding/5ec6c5c5f2b9e4a1d0c3b2a1f0example`);
  assert.deepEqual(asff.Severity, { Product: 8, Label: 'HIGH', Normalized: 80 });
  assert.deepEqual(asff.Resources, [
    {
      Type: 'AwsIamAccessKey',
      Id: 'AWS::IAM::AccessKey:ASIAIOSFODNN7EXAMPLE',
      Details: {
        AwsIamAccessKey: {
          PrincipalId: 'AROACKCEVSQ6C2EXAMPLE:i-0abcdef1234567890',
          PrincipalName: 'app-server-role',
          PrincipalType: 'AssumedRole',
        },
      },
      Partition: 'aws',
      Region: 'us-east-1',
    },
  ]);
  const fields = asff.ProductFields as Record<string, string>;
  assert.equal(fields['aws/guardduty/service/action/awsApiCallAction/remoteIpDetails/geoLocation/lat'], '52.3759');
  assert.equal(fields['aws/guardduty/service/featureName'], 'CloudTrail');
  assert.deepEqual(asff.Workflow, { Status: 'NEW' });
  // As Security Hub would hand it over: plain JSON, mapped by the ASFF path alone.
  const outcome = mapAsffFinding(JSON.parse(JSON.stringify(asff)) as Record<string, unknown>);
  assert.ok(outcome.ok);
  assert.deepStrictEqual(outcome.row, mapFinding(finding));
  assert.deepStrictEqual(outcome.row, readJson(join(GOLDEN, IAM, 'expected.json')));
});

test('golden rows use only sh_findings columns', () => {
  for (const name of CASES) {
    const extra = Object.keys(mapCase(name)).filter((key) => !COLUMNS.has(key));
    assert.deepEqual(extra, [], name);
  }
});

test('golden rows are valid OCSF 1.1.0', () => {
  assert.deepEqual(validateOcsf(CASES.map(mapCase)), []);
});
