// An `s3://bucket/prefix` location, as given to tarn ingest, attach and push: the bucket checked against S3's
// naming rules, the prefix read as a folder (empty, or ending in `/`).

import { TarnError } from '../tarn-error.ts';

export interface S3Location {
  readonly bucket: string;
  /** Empty, or ending in `/`. */
  readonly prefix: string;
}

export function isS3Uri(text: string): boolean {
  return text.startsWith('s3://');
}

export function parseS3Uri(uri: string): S3Location {
  const match = /^s3:\/\/([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])(?:\/(.*))?$/.exec(uri);
  if (match === null) throw new TarnError(`not an S3 URI: ${JSON.stringify(uri)} (give s3://bucket/prefix)`, 2);
  const path = (match[2] ?? '').replace(/\/+$/, '');
  return { bucket: match[1] as string, prefix: path === '' ? '' : `${path}/` };
}

/** The URI of one object: how inputs from S3 are named in rejects, the dead-letter area and the ledger. */
export function objectUri(bucket: string, key: string): string {
  return `s3://${bucket}/${key}`;
}
