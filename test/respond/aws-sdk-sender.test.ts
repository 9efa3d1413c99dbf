// The AWS SDK's warning that its releases after January 2027 need Node 22 is turned off for tarn's calls,
// with the SDK's own switch, and a user who sets that switch still decides. Run in a child process, because
// the SDK warns once per process.

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { test } from 'node:test';
import { promisify } from 'node:util';
import { REPO } from '../helpers/lake-fixtures.ts';
import { STAND_IN_ENV } from '../helpers/local-aws-endpoint.ts';

const SEND_ONE_CALL = `
const { sdkSender } = await import('./src/respond/containment/aws-sdk-sender.ts');
const sender = sdkSender({ endpointUrl: 'http://127.0.0.1:9', region: 'us-east-1' });
await sender.send({ service: 'iam', operation: 'GetRole', params: { RoleName: 'r' } }).catch(() => {});
sender.close();`;

async function stderrOfOneCall(env: Record<string, string>): Promise<string> {
  const run = await promisify(execFile)(
    process.execPath,
    ['--import', 'tsx', '--input-type=module', '--eval', SEND_ONE_CALL],
    { cwd: REPO, env: { PATH: process.env.PATH ?? '', ...STAND_IN_ENV, AWS_MAX_ATTEMPTS: '1', ...env } },
  );
  return run.stderr;
}

test('no Node version warning from the SDK on stderr, unless the user asks for it', async () => {
  assert.doesNotMatch(await stderrOfOneCall({}), /NodeVersionSupportWarning/);
  const major = Number(process.versions.node.split('.')[0]);
  // The SDK warns only below Node 22; there the user's own setting must win.
  if (major < 22) {
    const asked = await stderrOfOneCall({ AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'false' });
    assert.match(asked, /NodeVersionSupportWarning/);
  }
});
