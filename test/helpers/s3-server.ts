// A LOCAL S3-COMPATIBLE SERVER from npm for the tests of tarn ingest, attach and push with s3:// locations:
// s3rver, in its maintained fork @20minutes/s3rver, run in this process. It keeps objects in a temporary
// folder, speaks S3's REST API (ListObjectsV2 with pages, Get with ranges, Head, Put, Delete, ETags as S3's
// MD5) and refuses an access key id other than its own (S3RVER_ENV). Signatures are not compared: s3rver
// rebuilds a bucket request's canonical URI without the trailing slash the current SDK signs (`/bucket/?list-type=2`),
// so every listing would fail. What it does not implement (versioning, bucket policies, public access blocks) is
// what tarn contain --execute needs, and those tests keep the labelled stand-in (s3-stand-in-server.ts).

import { rm } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import S3rver from '@20minutes/s3rver';
import { S3Client } from '@aws-sdk/client-s3';
import { tempDir } from './lake-fixtures.ts';

/** The only key pair s3rver accepts. */
export const S3RVER_ENV = {
  AWS_ACCESS_KEY_ID: 'S3RVER',
  AWS_SECRET_ACCESS_KEY: 'S3RVER',
  AWS_REGION: 'us-east-1',
} as const;

export interface LocalS3 {
  readonly url: string;
  /** The keys of the objects downloaded (GET of an object, ranges included), in order, as `bucket/key`. */
  readonly downloads: string[];
  /** The region in each request's SigV4 credential scope, in order: the region the client was given. */
  readonly regions: string[];
  /** A client of the server, for a test to put, list and delete objects; destroyed by close(). */
  readonly client: S3Client;
  readonly close: () => Promise<void>;
}

export async function startS3Server(buckets: readonly string[]): Promise<LocalS3> {
  Object.assign(process.env, S3RVER_ENV);
  const directory = tempDir('tarn-s3rver-');
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    allowMismatchedSignatures: true,
    directory,
    configureBuckets: buckets.map((name) => ({ name })),
  });
  const { port } = (await server.run()) as AddressInfo;
  const downloads: string[] = [];
  const regions: string[] = [];
  server.httpServer.prependListener('request', (req: IncomingMessage) => {
    regions.push(/Credential=[^/]+\/\d{8}\/([^/]+)\//.exec(req.headers.authorization ?? '')?.[1] ?? '');
    const [, bucket = '', ...key] = new URL(req.url ?? '/', 'http://s3rver').pathname.split('/');
    if (req.method === 'GET' && key.join('') !== '') downloads.push(decodeURIComponent(`${bucket}/${key.join('/')}`));
  });
  const url = `http://127.0.0.1:${port}`;
  const client = new S3Client({ endpoint: url, forcePathStyle: true, region: S3RVER_ENV.AWS_REGION });
  return {
    url,
    downloads,
    regions,
    client,
    close: async () => {
      client.destroy();
      server.httpServer.closeAllConnections();
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}
