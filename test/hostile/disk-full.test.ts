// Issue 10, item 9: a full disk while ingesting gives one line, naming the file and saying the disk is full,
// and leaves the lake as it was. The disk is filled by making node:fs fail the way it does (ENOSPC).

import assert from 'node:assert/strict';
import fs, { readdirSync, writeFileSync } from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { join } from 'node:path';
import { mock, test } from 'node:test';
import { tempDir } from '../helpers/lake-fixtures.ts';
import { tarn } from '../helpers/run-cli.ts';

function trail(id: string, eventName: string): string {
  return JSON.stringify({
    Records: [
      {
        eventVersion: '1.08',
        userIdentity: { type: 'IAMUser', arn: 'arn:aws:iam::111122223333:user/alice', accountId: '111122223333' },
        eventTime: '2024-03-10T12:00:00Z',
        eventSource: 'iam.amazonaws.com',
        eventName,
        awsRegion: 'us-east-1',
        sourceIPAddress: '192.0.2.10',
        requestID: `req-${id}`,
        eventID: `00000000-0000-0000-0000-${id.padStart(12, '0')}`,
        eventType: 'AwsApiCall',
        recipientAccountId: '111122223333',
        eventCategory: 'Management',
      },
    ],
  });
}

/** ENOSPC as a write to a file descriptor throws it: naming no file. */
function diskFull(): NodeJS.ErrnoException {
  return Object.assign(new Error('ENOSPC: no space left on device, write'), {
    code: 'ENOSPC',
    errno: -28,
    syscall: 'write',
  });
}

test('a full disk while staging rows: one line naming the file, and the lake unchanged', async () => {
  const dir = tempDir();
  const lake = join(dir, 'lake');
  writeFileSync(join(dir, 'first.json'), trail('1', 'ListUsers'));
  writeFileSync(join(dir, 'second.json'), trail('2', 'CreateUser'));
  assert.equal((await tarn('ingest', '--lake', lake, '--no-detect', join(dir, 'first.json'))).code, 0);
  const before = readdirSync(lake, { recursive: true }).sort();

  // The stager appends through a file descriptor, and a write to a descriptor fails naming no file, as here.
  let failed = '';
  const staging = new Set<number>();
  const [realOpen, realWritev] = [fs.openSync, fs.writevSync];
  mock.method(fs, 'openSync', (path: fs.PathLike, ...rest: unknown[]) => {
    const fd = (realOpen as (...args: unknown[]) => number)(path, ...rest);
    if (String(path).includes('/rows/')) {
      failed = String(path);
      staging.add(fd);
    }
    return fd;
  });
  mock.method(fs, 'writevSync', (fd: number, ...rest: unknown[]) => {
    if (staging.has(fd)) throw diskFull();
    return (realWritev as (...args: unknown[]) => number)(fd, ...rest);
  });
  syncBuiltinESMExports();
  let run: Awaited<ReturnType<typeof tarn>>;
  try {
    run = await tarn('ingest', '--lake', lake, '--no-detect', join(dir, 'second.json'));
  } finally {
    mock.restoreAll();
    syncBuiltinESMExports();
  }
  assert.notEqual(failed, '', 'the staging write was not reached');
  assert.equal(run.code, 1);
  assert.equal(
    run.err,
    `tarn ingest: disk full: cannot write ${failed}; the lake is unchanged (free space and ingest again)\n`,
  );
  assert.deepEqual(readdirSync(lake, { recursive: true }).sort(), before);
  const count = await tarn(
    'query',
    '--lake',
    lake,
    '--format',
    'csv',
    'SELECT api.operation FROM amazon_security_lake_table_us_east_1_cloud_trail_mgmt_2_0',
  );
  assert.equal(count.out, 'operation\r\nListUsers\r\n');
});
