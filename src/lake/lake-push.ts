// `tarn push s3://bucket/prefix`: the lake's committed files copied to S3 under the same keys, so the copy is
// Security Lake's layout and Athena, Trino or Spark read it as it is (tarn catalog ddl). Only what is missing
// (no object of that key and size) is sent, so a push that stopped halfway resumes; the manifest is written
// last, so its presence says the copy is whole.

import { readFile, stat } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { messageOf } from '../sources/decompress.ts';
import { listObjects } from '../sources/s3-listing.ts';
import type { S3Location } from '../sources/s3-location.ts';
import { TarnError } from '../tarn-error.ts';
import { readLedger, TARN_DIR } from './ledger.ts';

export const PUSH_MANIFEST = `${TARN_DIR}/push-manifest.json`;

/** Where the lake is pushed. */
export type PushTarget = S3Location;

export interface PushResult {
  readonly files: number;
  readonly uploaded: number;
  readonly skipped: number;
  readonly bytesUploaded: number;
}

export async function pushLake(
  lakeDir: string,
  target: PushTarget,
  client: S3Client,
  progress: (done: number, total: number) => void = () => undefined,
): Promise<PushResult> {
  const ledger = await readLedger(lakeDir);
  const present = new Map<string, number>();
  const where = `s3://${target.bucket}/${target.prefix}`;
  for await (const object of listObjects(client, target.bucket, target.prefix)) {
    present.set(object.Key ?? '', object.Size ?? -1);
  }
  let uploaded = 0;
  let bytesUploaded = 0;
  const manifest = [];
  for (const [index, file] of ledger.files.entries()) {
    if (isAbsolute(file.path) || file.path.split('/').includes('..')) {
      throw new TarnError(`the ledger lists a file outside the lake: ${file.path}`, 1);
    }
    const local = join(lakeDir, file.path);
    const { size } = await stat(local);
    const key = `${target.prefix}${file.path}`;
    if (present.get(key) !== size) {
      const body = await readFile(local);
      await client.send(new PutObjectCommand({ Bucket: target.bucket, Key: key, Body: body })).catch((error) => {
        // What was uploaded stays: the next push sends only what is still missing.
        throw new TarnError(
          `cannot upload ${file.path} to ${where} (${uploaded} uploaded before it; tarn push again resumes): ${messageOf(error)}`,
          1,
        );
      });
      uploaded++;
      bytesUploaded += size;
    }
    manifest.push({ ...file, key, size });
    progress(index + 1, ledger.files.length);
  }
  const body = JSON.stringify({ pushedAt: new Date().toISOString(), files: manifest }, null, 1);
  await client.send(
    new PutObjectCommand({ Bucket: target.bucket, Key: `${target.prefix}${PUSH_MANIFEST}`, Body: body }),
  );
  return { files: ledger.files.length, uploaded, skipped: ledger.files.length - uploaded, bytesUploaded };
}
